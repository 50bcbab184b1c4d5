import { html, nothing } from 'lit';
import { atom } from 'nanostores';
import type { ChimeError, RatingSummary } from '../backend/contract.js';
import { ChimeElement } from '../internal/chime-element.js';
import { addEnglish } from '../internal/i18n.js';
import messages from '../i18n/en/rating.js';
import { StoreController } from '../internal/store-controller.js';
import { pageStore, toChimeError, type PageState, type PageStore } from '../stores/page.js';
import { setRating } from '../stores/rating.js';
import { ChimeRateEvent } from './events.js';
import { ratingStyles } from './rating.styles.js';

const idle = atom<PageState>({ loading: false, summary: null, error: null });

/** One star, drawn in `currentColor`: an outline when empty, solid inside `.fill` (styles). */
const STAR = html`<svg viewBox="0 0 24 24">
  <path d="M12 2.6l2.9 5.9 6.5.95-4.7 4.58 1.1 6.47L12 17.45l-5.8 3.05 1.1-6.47-4.7-4.58 6.5-.95z" />
</svg>`;

/**
 * The article rating of the seed footer: the average ("0" while nobody voted), stars filled to
 * the exact fraction, the vote count and the label "Article Rating", above a WAI-ARIA APG rating
 * radio group "Rate this article" built from native radios. After voting it shows "Your rating:
 * 4 stars" and "Remove my rating". Every `<chime-rating>` of a page shares one store: one request,
 * always in sync, live updates from other readers included.
 *
 * @tagname chime-rating
 * @summary Average, stars and vote count for a page, with a 1–5 star rating input.
 *
 * @event change - The reader picked or removed a rating (user input only, never a programmatic `value`).
 * @event {ChimeRateEvent} chime-rate - The server counted the reader's rating: `{ value, average, count }` (`value` 0: removed).
 * @event {ChimeErrorEvent} chime-error - Loading or rating failed; the element shows the error too.
 *
 * @csspart base - The wrapper of everything.
 * @csspart summary - The line with the average and the vote count.
 * @csspart average - The average ("0", "4.5").
 * @csspart count - The vote count ("12 votes").
 * @csspart label - "Article Rating".
 * @csspart stars - The row of stars: the radio group, or the image when read-only.
 * @csspart star - One star (the radio's visible target when interactive).
 * @csspart mine - "Your rating: 4 stars" with the remove button.
 * @csspart remove - The "Remove my rating" button.
 * @csspart error - The error box.
 *
 * @cssproperty --chime-color-star - Filled stars (default #b76e00; dark #e3b341).
 * @cssproperty --chime-color-star-empty - Outline of empty stars (default #8c959f).
 * @cssproperty --chime-color-accent - Stars previewing the reader's choice under the pointer or focus.
 * @cssproperty --chime-rating-star-size - Size of a star (default 24px; the target stays at least 24 × 24 px).
 * @cssproperty --chime-rating-star-gap - Space between stars (default 2px).
 */
export class ChimeRating extends ChimeElement {
  static override styles = [...ChimeElement.styles, ratingStyles];

  static override properties = {
    max: { type: Number },
    readonly: { type: Boolean, reflect: true },
    structuredData: { type: Boolean, attribute: 'structured-data' },
    failure: { attribute: false },
  };

  static {
    addEnglish(messages);
  }

  /** Number of stars, the highest rating (default 5; the backend must accept it: the reference server takes 1–5). */
  max = 5;

  /** Shows the rating without letting the reader rate (also when the backend closed rating). */
  readonly = false;

  /** Emits schema.org `AggregateRating` JSON-LD for the page into `document.head` while there are votes. */
  structuredData = false;

  /** The last rating action that failed, with the value to retry. */
  private failure: { error: ChimeError; value: number | null } | null = null;

  readonly #state = new StoreController<PageState>(this, idle);
  /** The backend setting and page the store was resolved for. */
  #setting?: unknown;
  #page?: string;
  #store?: PageStore;
  /** The store's load error this element already reported as `chime-error`. */
  #loadError: ChimeError | null = null;
  #action = 0;
  #jsonLd?: HTMLScriptElement;

  /** The reader's own rating, 0 when none. Setting it rates (0 removes) without firing `change`. */
  get value(): number {
    return this.#rating?.mine ?? 0;
  }
  set value(value: number) {
    this.#resolveStore();
    void this.#rate(value > 0 ? value : null);
  }

  get #rating(): RatingSummary | undefined {
    return this.#state.value.summary?.rating;
  }

  get #stars(): number {
    return Math.min(10, Math.max(1, Math.round(this.max) || 5));
  }

  get #readOnly(): boolean {
    return this.readonly || !!this.#rating?.closed;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#updateStructuredData();
  }

  /** Follows the backend and page settings to their shared store. */
  #resolveStore(): void {
    const setting = this.backendSetting;
    const page = this.pageId;
    if (setting === this.#setting && page === this.#page) return;
    this.#setting = setting;
    this.#page = page;
    try {
      this.#store = pageStore(setting, page);
      this.#state.store = this.#store.$state;
    } catch (error) {
      // No backend (or a bad setting): shown and reported like a failed load.
      this.#store = undefined;
      this.#state.store = atom<PageState>({ loading: false, summary: null, error: toChimeError(error) });
    }
    this.failure = null;
  }

  protected override willUpdate(): void {
    if (this.isConnected) this.#resolveStore();
    const { error } = this.#state.value;
    if (error && error !== this.#loadError) this.reportError(error);
    this.#loadError = error;
  }

  protected override updated(): void {
    // Set through the CSSOM (a strict CSP blocks `style` attributes): each star's fill, 0–100%.
    // `checked` follows the store on every render, as a radio the reader clicked stays checked
    // natively even when the store rolls back before the next render.
    const shown = this.#rating?.average ?? 0;
    this.renderRoot.querySelectorAll('label').forEach((star, i) => {
      star.style.setProperty('--_fill', `${Math.min(1, Math.max(0, shown - i)) * 100}%`);
      const radio = star.querySelector('input');
      if (radio) radio.checked = this.value === i + 1;
    });
    this.#updateStructuredData();
  }

  async #rate(value: number | null, byUser?: boolean): Promise<void> {
    const store = this.#store;
    if (!store || (!byUser && this.#readOnly) || value === (this.#rating?.mine ?? null)) return;
    const action = ++this.#action;
    this.failure = null;
    if (byUser) this.dispatchEvent(new Event('change', { bubbles: true }));
    try {
      const answer = await setRating(store, value);
      if (byUser && action === this.#action) {
        this.announce(this.t(value ? 'rating.mine' : 'rating.removed', { count: value ?? 0 }));
        this.dispatchEvent(new ChimeRateEvent(answer.mine ?? 0, answer.average, answer.count));
      }
    } catch (error) {
      if (action === this.#action) this.failure = { error: this.reportError(error), value };
    }
  }

  async #remove(): Promise<void> {
    void this.#rate(null, true);
    // The button goes away with the rating: keep focus in the widget, on the radio group's tab stop.
    await this.updateComplete;
    this.renderRoot.querySelector('input')?.focus();
  }

  protected override render() {
    const { summary, error } = this.#state.value;
    if (error && !summary) return html`${this.renderError(error, () => void this.#store?.reload())}${this.renderAnnouncer()}`;
    const rating = summary?.rating;
    const count = rating?.count ?? 0;
    const interactive = rating && !this.#readOnly;
    const mine = rating?.mine;
    // "0" with no votes, else one decimal, localised.
    const average =
      rating?.count && rating.average
        ? this.formatNumber(rating.average, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
        : '0';
    const votes = this.t('rating.votes', { count });
    const failure = this.failure;
    // Read-only: one image labelled with the rating; while loading: hidden placeholders.
    return html`<div part="base">
      <p class="summary ${rating ? '' : 'placeholder'}" part="summary">
        <span class="average" part="average">${average}</span>
        <span class="count" part="count">${votes}</span>
      </p>
      <p class="label" part="label">${this.t('rating.label')}</p>
      <div
        class="stars"
        part="stars"
        role=${interactive ? 'radiogroup' : rating ? 'img' : nothing}
        aria-label=${
          interactive ? this.t('rating.group') : rating ? this.t('rating.summary', { average, max: this.#stars, votes }) : nothing
        }
        aria-hidden=${rating ? nothing : 'true'}
        @change=${(event: Event) => this.#rate(+(event.target as HTMLInputElement).value, true)}
      >
        ${Array.from(
          { length: this.#stars },
          (_, i) =>
            html`<label part="star"
              ><span class="star" aria-hidden="true">${STAR}<span class="fill">${STAR}</span></span
              >${
                interactive
                  ? html`<input
                      type="radio"
                      name="rating"
                      value=${i + 1}
                      aria-label=${this.t('rating.star', { count: i + 1 })}
                    />`
                  : nothing
              }</label
            >`,
        )}
      </div>
      ${
        mine
          ? html`<p class="mine" part="mine">
              ${this.t('rating.mine', { count: mine })}
              ${
                interactive
                  ? html`<button class="remove" part="remove" type="button" @click=${this.#remove}>
                      ${this.t('rating.remove')}
                    </button>`
                  : nothing
              }
            </p>`
          : nothing
      }
      ${
        failure
          ? html`<div class="error" role="alert" part="error">
              <p>${this.t(failure.value ? 'rating.failed' : 'rating.removeFailed')} ${this.errorMessage(failure.error)}</p>
              ${
                failure.error.retryable
                  ? html`<button type="button" @click=${() => this.#rate(failure.value, true)}>${this.t('common.retry')}</button>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${this.renderAnnouncer()}
    </div>`;
  }

  /** Keeps one AggregateRating JSON-LD block in the document head while asked for and there are votes. */
  #updateStructuredData(): void {
    const rating = this.#rating;
    if (!this.structuredData || !this.isConnected || !rating?.count) {
      this.#jsonLd?.remove();
      this.#jsonLd = undefined;
      return;
    }
    const page = this.pageId;
    const base = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href || location.href;
    const text = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'AggregateRating',
      itemReviewed: {
        '@type': 'CreativeWork',
        name: document.title || undefined,
        url: page.startsWith('/') ? new URL(page, base).href : undefined,
      },
      ratingValue: rating.average,
      ratingCount: rating.count,
      bestRating: this.#stars,
      worstRating: 1,
    });
    this.#jsonLd ??= document.head.appendChild(Object.assign(document.createElement('script'), { type: 'application/ld+json' }));
    if (this.#jsonLd.text !== text) this.#jsonLd.text = text;
  }
}
