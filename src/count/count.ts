import { css, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ChimeError } from '../backend/contract.js';
import { ChimeElement } from '../internal/chime-element.js';
import { addEnglish } from '../internal/i18n.js';
import messages from '../i18n/en/count.js';
import { StoreController } from '../internal/store-controller.js';
import { countStore, type CountState } from '../stores/counts.js';

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
      .muted {
        color: var(--_muted);
      }
    `,
  ];

  static {
    addEnglish(messages);
  }

  /** Where the count links to (e.g. the article's `#comments`); plain text without it. */
  @property() href?: string;

  #counts?: StoreController<CountState>;
  #key = '';
  #error: ChimeError | null = null;
  #reported: ChimeError | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const key = `${String(this.backendSetting)}|${this.pageId}`;
    if (key === this.#key) return;
    this.#key = key;
    try {
      const store = countStore(this.backendSetting, this.pageId);
      if (this.#counts) this.#counts.store = store;
      else this.#counts = new StoreController(this, store);
      this.#error = null;
    } catch (error) {
      this.#error = this.reportError(error);
    }
  }

  protected override updated(): void {
    const error = this.#counts?.value.error;
    if (error && error !== this.#reported) this.reportError((this.#reported = error));
  }

  override render() {
    const state = this.#counts?.value;
    const error = this.#error ?? state?.error ?? null;
    if (!state?.counts)
      return html`<span class="muted" title=${error ? this.errorMessage(error) : nothing}
        >${error ? '–' : '…'}<span class="sr-only">${error ? this.errorMessage(error) : this.t('common.loading')}</span></span
      >`;
    const text = this.t('count.comments', { count: state.counts.comments });
    return this.href ? html`<a part="link" href=${this.href}>${text}</a>` : text;
  }
}
