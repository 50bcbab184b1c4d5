import { css, html, nothing } from 'lit';
import { atom } from 'nanostores';
import type { ChimeError } from '../backend/contract.js';
import { ChimeElement } from '../internal/chime-element.js';
import { addEnglish } from '../internal/i18n.js';
import messages from '../i18n/en/count.js';
import { StoreController } from '../internal/store-controller.js';
import { countStore, type CountState } from '../stores/counts.js';
import { toChimeError } from '../stores/page.js';

const idle = atom<CountState>({ counts: null, error: null });

/**
 * A page's comment count ("12 Comments") for article lists. Every count element on a page
 * shares one batched request.
 *
 * @summary The comment count of a page, optionally linking to its thread.
 *
 * @csspart link - The link, when `href` is set.
 * @cssproperty --chime-color-accent - Link colour.
 * @cssproperty --chime-color-muted - Colour while loading or failed.
 *
 * @event chime-error - `ChimeErrorEvent` when the counts cannot be loaded.
 */
export class ChimeCount extends ChimeElement {
  static override styles = [
    ...ChimeElement.styles,
    css`
      :host {
        display: inline;
      }
      a {
        color: var(--_accent);
      }
      span {
        color: var(--_muted);
      }
    `,
  ];

  static override properties = { href: {} };

  static {
    addEnglish(messages);
  }

  /** Where the count links to (e.g. the article's `#comments`); plain text without it. */
  href?: string;

  readonly #counts = new StoreController<CountState>(this, idle);
  /** The backend setting and page the store was resolved for. */
  #setting?: unknown;
  #page?: string;
  /** The error this element already reported as `chime-error`. */
  #reported?: ChimeError;

  protected override willUpdate(): void {
    const setting = this.backendSetting;
    const page = this.pageId;
    if (setting !== this.#setting || page !== this.#page) {
      this.#setting = setting;
      this.#page = page;
      try {
        this.#counts.store = countStore(setting, page);
      } catch (error) {
        // No backend (or a bad setting): shown and reported like failed counts.
        this.#counts.store = atom<CountState>({ counts: null, error: toChimeError(error) });
      }
    }
    const { error } = this.#counts.value;
    if (error && error !== this.#reported) this.reportError((this.#reported = error));
  }

  override render() {
    const { counts, error } = this.#counts.value;
    if (counts) {
      const text = this.t('count.comments', { count: counts.comments });
      return this.href ? html`<a part="link" href=${this.href}>${text}</a>` : text;
    }
    const message = error && this.errorMessage(error);
    return html`<span title=${message || nothing}
      >${message ? '–' : '…'}<span class="sr-only">${message || this.t('common.loading')}</span></span
    >`;
  }
}
