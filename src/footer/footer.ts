import { html, nothing, render, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ChimeElement } from '../internal/chime-element.js';
import { footerStyles } from './footer.styles.js';

interface Piece {
  tag: 'chime-share' | 'chime-rating' | 'chime-comments';
  /** Footer attributes `<prefix>name` reach this piece as `name`. */
  prefix: string;
  /** Footer properties passed to this piece under their attribute names. */
  shorthands: Partial<Record<string, keyof ChimeFooter>>;
  off: 'noShare' | 'noRating' | 'noComments';
}

/** The seed's order. */
const PIECES: readonly Piece[] = [
  { tag: 'chime-share', prefix: 'share-', shorthands: { url: 'url', text: 'text', networks: 'networks' }, off: 'noShare' },
  { tag: 'chime-rating', prefix: 'rating-', shorthands: { max: 'max' }, off: 'noRating' },
  {
    tag: 'chime-comments',
    prefix: 'comments-',
    shorthands: { article: 'article', sort: 'sort', 'page-size': 'pageSize', 'sso-token': 'ssoToken' },
    off: 'noComments',
  },
];

/**
 * The seed article's whole engagement footer in one tag: `<chime-share>`, `<chime-rating>` and
 * `<chime-comments>`, in that order, sharing the footer's `backend`, `page`, `lang` and `theme`.
 *
 * Any attribute of a piece can be given on the footer with the piece's prefix: `share-variant="pills"`,
 * `share-title="…"`, `rating-readonly`, `comments-max-depth="2"`. The most used ones also have
 * unprefixed shorthands (`url`, `text`, `networks`, `max`, `article`, `sort`, `page-size`, `sso-token`).
 *
 * The pieces are created by tag name as light-DOM children of the footer (slotted into its
 * shadow root), so the footer never loads their code itself: it shows whichever elements are
 * registered, and one registered later (a lazy chunk, a second script) upgrades in place. Being
 * light DOM, they stay reachable from page CSS (`chime-footer chime-rating::part(stars)`), and
 * `article` selectors resolve against the document.
 *
 * @tagname chime-footer
 * @summary Share buttons, article rating and the comment thread in the seed's order, in one tag.
 *
 * @slot - The pieces, created by the footer; content of your own inside the footer shows after them.
 *
 * @cssproperty --chime-footer-gap - Space between share, rating and comments (default: three spacing units).
 * @cssproperty --chime-space - The spacing unit every element uses (default 8px).
 */
export class ChimeFooter extends ChimeElement {
  static override styles = [...ChimeElement.styles, footerStyles];

  /** Leaves out the share buttons. */
  @property({ type: Boolean, attribute: 'no-share' }) noShare = false;

  /** Leaves out the article rating. */
  @property({ type: Boolean, attribute: 'no-rating' }) noRating = false;

  /** Leaves out the comment thread. */
  @property({ type: Boolean, attribute: 'no-comments' }) noComments = false;

  /** Shared URL (default: the canonical URL, else the page's address); passed to `<chime-share>`. */
  @property() url?: string;

  /** Shared text, passed to `<chime-share>`. */
  @property() text?: string;

  /** Share networks in order, e.g. `"facebook x email"`; passed to `<chime-share>`. */
  @property() networks?: string;

  /** Number of stars (default 5); passed to `<chime-rating>`. */
  @property() max?: string;

  /** CSS selector of the article body readers may comment on; passed to `<chime-comments>`. */
  @property() article?: string;

  /** Initial comment order (`newest`, `oldest`, `top`); passed to `<chime-comments>`. */
  @property() sort?: string;

  /** Comments per page; passed to `<chime-comments>`. */
  @property({ attribute: 'page-size' }) pageSize?: string;

  /** The publisher's signed SSO token (JWT) for the signed-in reader; passed to `<chime-comments>`. */
  @property({ attribute: 'sso-token' }) ssoToken?: string;

  #before?: ChildNode | null;

  /** Attributes this footer set on each piece, so it removes only its own. */
  #given = new WeakMap<Element, Set<string>>();

  // Prefixed attributes are open-ended, so they cannot be observedAttributes: watch them.
  #observer = new MutationObserver((records) => {
    if (records.some((r) => PIECES.some((p) => r.attributeName?.startsWith(p.prefix)))) this.requestUpdate();
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#observer.observe(this, { attributes: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer.disconnect();
  }

  override render() {
    return html`<slot></slot>`;
  }

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    // The pieces live in the footer's light DOM (see the class comment).
    // Before any content of the page's own. lit keeps its render state on `renderBefore` (or the
    // container), so it must be the same node on every render.
    if (this.#before === undefined) this.#before = this.firstChild;
    render(
      PIECES.map((piece) => (this[piece.off] ? nothing : PIECE_TEMPLATES[piece.tag])),
      this,
      { host: this, renderBefore: this.#before },
    );
    for (const piece of PIECES) {
      const el = this.querySelector(`:scope > ${piece.tag}`);
      if (el) this.#pass(el, this.#attributesFor(piece));
    }
  }

  /** What a piece gets: common settings, then shorthands, then prefixed attributes (most specific wins). */
  #attributesFor(piece: Piece): Map<string, string> {
    const out = new Map<string, string>();
    const set = (name: string, value: unknown) => {
      if (value !== undefined && value !== null && value !== '') out.set(name, String(value));
    };
    set('backend', this.backend);
    set('page', this.page);
    set('theme', this.theme);
    set('lang', this.getAttribute('lang'));
    for (const [name, key] of Object.entries(piece.shorthands)) set(name, this[key!]);
    for (const { name, value } of Array.from(this.attributes)) {
      if (name.startsWith(piece.prefix) && name.length > piece.prefix.length) out.set(name.slice(piece.prefix.length), value);
    }
    return out;
  }

  #pass(el: Element, attributes: Map<string, string>): void {
    const given = this.#given.get(el) ?? new Set<string>();
    for (const name of given) if (!attributes.has(name)) el.removeAttribute(name);
    for (const [name, value] of attributes) if (el.getAttribute(name) !== value) el.setAttribute(name, value);
    this.#given.set(el, new Set(attributes.keys()));
  }
}

// Static templates: lit keeps each piece's element across renders instead of recreating it.
const PIECE_TEMPLATES = {
  'chime-share': html`<chime-share></chime-share>`,
  'chime-rating': html`<chime-rating></chime-rating>`,
  'chime-comments': html`<chime-comments></chime-comments>`,
};
