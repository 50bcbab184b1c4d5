import { html, nothing, render, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ChimeElement } from '../internal/chime-element.js';
import { footerStyles } from './footer.styles.js';

/**
 * The seed article's whole engagement footer in one tag: `<chime-share>`, `<chime-rating>` and
 * `<chime-comments>`, in that order, sharing the footer's `backend`, `page`, `lang` and `theme`.
 *
 * The parts are created by tag name as light-DOM children of the footer (slotted into its
 * shadow root), so the footer never loads their code itself: it shows whichever elements are
 * registered, and an element registered later (a lazy chunk, a second script) upgrades in place.
 * Being light DOM, the pieces stay reachable from page CSS (`chime-footer chime-rating::part(stars)`)
 * and `article` selectors resolve against the document.
 *
 * @summary Share buttons, article rating and the comment thread in the seed's order, in one tag.
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

  /** Shared title, passed to `<chime-share>` as `title` (a `title` on the footer would be a tooltip over all of it). */
  @property({ attribute: 'share-title' }) shareTitle?: string;

  /** Shared text, passed to `<chime-share>`. */
  @property() text?: string;

  /** Share networks in order, e.g. `"facebook x email"`; passed to `<chime-share>`. */
  @property() networks?: string;

  /** Number of stars (default 5); passed to `<chime-rating>` as `max`. */
  @property() max?: string;

  /** CSS selector of the article body readers may comment on; passed to `<chime-comments>`. */
  @property() article?: string;

  /** Initial comment order (`newest`, `oldest`, `votes`); passed to `<chime-comments>`. */
  @property() sort?: string;

  /** Comments per page; passed to `<chime-comments>`. */
  @property({ attribute: 'page-size' }) pageSize?: string;

  /** The publisher's signed SSO token (JWT) for the signed-in reader; passed to `<chime-comments>`. */
  @property({ attribute: 'sso-token' }) ssoToken?: string;

  override render() {
    return html`<slot></slot>`;
  }

  /** The pieces, rendered into the footer's own light DOM (see the class comment). */
  protected renderPieces() {
    const lang = this.getAttribute('lang') ?? undefined;
    const common = { backend: this.backend, page: this.page, theme: this.theme, lang };
    return html`${
      this.noShare
        ? nothing
        : html`<chime-share
            backend=${ifDefined(common.backend)}
            page=${ifDefined(common.page)}
            theme=${ifDefined(common.theme)}
            lang=${ifDefined(common.lang)}
            url=${ifDefined(this.url)}
            title=${ifDefined(this.shareTitle)}
            text=${ifDefined(this.text)}
            networks=${ifDefined(this.networks)}
          ></chime-share>`
    }${
      this.noRating
        ? nothing
        : html`<chime-rating
            backend=${ifDefined(common.backend)}
            page=${ifDefined(common.page)}
            theme=${ifDefined(common.theme)}
            lang=${ifDefined(common.lang)}
            max=${ifDefined(this.max)}
          ></chime-rating>`
    }${
      this.noComments
        ? nothing
        : html`<chime-comments
            backend=${ifDefined(common.backend)}
            page=${ifDefined(common.page)}
            theme=${ifDefined(common.theme)}
            lang=${ifDefined(common.lang)}
            article=${ifDefined(this.article)}
            sort=${ifDefined(this.sort)}
            page-size=${ifDefined(this.pageSize)}
            sso-token=${ifDefined(this.ssoToken)}
          ></chime-comments>`
    }`;
  }

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    render(this.renderPieces(), this, { host: this });
  }
}
