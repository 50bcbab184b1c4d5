import { html, nothing, render } from 'lit';
import { ChimeElement } from '../internal/chime-element.js';
import { footerStyles } from './footer.styles.js';

/**
 * The pieces in the seed's order: `name` (tag `chime-<name>`, attribute prefix `<name>-`), the
 * property that leaves the piece out, the footer attributes passed to it unprefixed, and its
 * template (static, so lit keeps each piece's element across renders instead of recreating it).
 */
const PIECES = [
  ['share', 'noShare', ['url', 'text', 'networks'], html`<chime-share></chime-share>`],
  ['rating', 'noRating', ['max'], html`<chime-rating></chime-rating>`],
  ['comments', 'noComments', ['article', 'sort', 'page-size', 'sso-token'], html`<chime-comments></chime-comments>`],
] as const;

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

  static override properties = {
    noShare: { type: Boolean, attribute: 'no-share' },
    noRating: { type: Boolean, attribute: 'no-rating' },
    noComments: { type: Boolean, attribute: 'no-comments' },
    url: {},
    text: {},
    networks: {},
    max: {},
    article: {},
    sort: {},
    pageSize: { attribute: 'page-size' },
    ssoToken: { attribute: 'sso-token' },
  };

  /** Leaves out the share buttons. */
  noShare = false;

  /** Leaves out the article rating. */
  noRating = false;

  /** Leaves out the comment thread. */
  noComments = false;

  /** Shared URL (default: the canonical URL, else the page's address); passed to `<chime-share>`. */
  url?: string;

  /** Shared text, passed to `<chime-share>`. */
  text?: string;

  /** Share networks in order, e.g. `"facebook x email"`; passed to `<chime-share>`. */
  networks?: string;

  /** Number of stars (default 5); passed to `<chime-rating>`. */
  max?: string;

  /** CSS selector of the article body readers may comment on; passed to `<chime-comments>`. */
  article?: string;

  /** Initial comment order (`newest`, `oldest`, `top`); passed to `<chime-comments>`. */
  sort?: string;

  /** Comments per page; passed to `<chime-comments>`. */
  pageSize?: string;

  /** The publisher's signed SSO token (JWT) for the signed-in reader; passed to `<chime-comments>`. */
  ssoToken?: string;

  #before?: ChildNode | null;

  /** The attributes this footer set on each piece, so it removes only its own. */
  #given: Record<string, string[]> = {};

  // Prefixed attributes are open-ended, so they cannot be observedAttributes: watch them all.
  #observer = new MutationObserver(() => this.requestUpdate());

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

  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    // The pieces live in the footer's light DOM (see the class comment), before any content of
    // the page's own. lit keeps its render state on `renderBefore` (or the container), so it must
    // be the same node on every render.
    if (this.#before === undefined) this.#before = this.firstChild;
    render(
      PIECES.map(([, off, , template]) => (this[off] ? nothing : template)),
      this,
      { renderBefore: this.#before },
    );
    for (const [name, , shorthands] of PIECES) {
      const piece = this.querySelector(`:scope>chime-${name}`);
      if (!piece) continue;
      // Common settings, then shorthands, then prefixed attributes: the most specific wins.
      const given = new Map<string, string>();
      for (const attribute of ['backend', 'page', 'theme', 'lang', ...shorthands]) {
        const value = (this as unknown as Record<string, unknown>)[attribute.replace(/-(.)/g, (_, c: string) => c.toUpperCase())];
        if (value != null && value !== '') given.set(attribute, `${value}`);
      }
      const prefix = `${name}-`;
      for (const { name: attribute, value } of this.attributes) {
        if (attribute.startsWith(prefix) && attribute.length > prefix.length) given.set(attribute.slice(prefix.length), value);
      }
      for (const attribute of this.#given[name] ?? []) if (!given.has(attribute)) piece.removeAttribute(attribute);
      for (const [attribute, value] of given) if (piece.getAttribute(attribute) !== value) piece.setAttribute(attribute, value);
      this.#given[name] = [...given.keys()];
    }
  }
}
