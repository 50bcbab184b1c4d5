import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { atom } from 'nanostores';
import type { ChimeError, RatingSummary } from '../backend/contract.js';
import { cssProps } from '../internal/css-props.js';
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
const STAR = html`<svg viewBox="0 0 24 24" aria-hidden="true">
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

  static {
    addEnglish(messages);
  }

  /** Number of stars, the highest rating (default 5; the backend must accept it: the reference server takes 1–5). */
  @property({ type: Number }) max = 5;

  /** Shows the rating without letting the reader rate (also when the backend closed rating). */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** Emits schema.org `AggregateRating` JSON-LD for the page into `document.head` while there are votes. */
  @property({ type: Boolean, attribute: 'structured-data' }) structuredData = false;

  /** The last rating action that failed, with the value to retry. */
  @state() private failure: { error: ChimeError; value: number | null } | null = null;

  readonly #state = new StoreController<PageState>(this, idle);
  #store: PageStore | null = null;
  #storeError: ChimeError | null = null;
  #storeKey = '';
  /** The store's load error this element already reported as `chime-error`. */
  #loadError: ChimeError | null = null;
  #action = 0;
  #jsonLd: HTMLScriptElement | null = null;

  /** The reader's own rating, 0 when none. Setting it rates (0 removes) without firing `change`. */
  get value(): number {
    return this.#rating?.mine ?? 0;
  }
  set value(value: number) {
    this.#resolveStore();
    void this.#rate(value > 0 ? value : null, false);
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
    this.#jsonLd?.remove();
    this.#jsonLd = null;
  }

  /** Follows the backend and page settings to their shared store. */
  #resolveStore(): void {
    const setting = this.backendSetting;
    const key = `${typeof setting === 'string' ? setting : ''}\n${this.pageId}`;
    if (key === this.#storeKey && (typeof setting === 'string' || this.#store?.backend === setting)) return;
    this.#storeKey = key;
    try {
      this.#store = pageStore(setting, this.pageId);
      this.#storeError = null;
      this.#state.store = this.#store.$state;
    } catch (error) {
      this.#store = null;
      this.#storeError = this.reportError(error);
      this.#state.store = idle;
    }
    this.failure = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.isConnected) this.#resolveStore();
    const { error } = this.#state.value;
    if (error && error !== this.#loadError) this.reportError(error);
    this.#loadError = error;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#updateStructuredData();
  }

  async #rate(value: number | null, byUser: boolean): Promise<void> {
    const store = this.#store;
    if (!store || (!byUser && this.#readOnly) || value === (this.#rating?.mine ?? null)) return;
    const action = ++this.#action;
    this.failure = null;
    if (byUser) this.dispatchEvent(new Event('change', { bubbles: true }));
    try {
      const answer = await setRating(store, value);
      if (action !== this.#action || !byUser) return;
      this.announce(value === null ? this.t('rating.removed') : this.t('rating.mine', { count: value }));
      const event = new ChimeRateEvent(answer.mine ?? 0, answer.average, answer.count);
      this.dispatchEvent(event);
    } catch (error) {
      if (action !== this.#action) return;
      this.failure = { error: this.reportError(toChimeError(error)), value };
    }
  }

  #onChange(event: Event): void {
    void this.#rate(Number((event.target as HTMLInputElement).value), true);
  }

  async #onRemove(): Promise<void> {
    void this.#rate(null, true);
    // The button goes away with the rating: keep focus in the widget, on the radio group's tab stop.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
  }

  /** Average (`0` with no votes, else one decimal, localised). */
  #average(rating: RatingSummary): string {
    return rating.count && rating.average
      ? this.formatNumber(rating.average, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
      : '0';
  }

  #votes(count: number): string {
    return this.t('rating.votes', { count });
  }

  /** One star filled to `fill` (0..1): an empty outline under a filled star clipped to the fraction. */
  #star(fill: number): TemplateResult {
    return html`<span class="star" aria-hidden="true"
      >${STAR}<span class="fill" ${cssProps({ '--_fill': `${Math.round(fill * 1000) / 10}%` })}>${STAR}</span></span
    >`;
  }

  #renderStars(rating: RatingSummary | undefined, readOnly: boolean): TemplateResult {
    const shown = Math.min(rating?.average ?? 0, this.#stars);
    const values = Array.from({ length: this.#stars }, (_, i) => i + 1);
    const fill = (n: number) => Math.min(1, Math.max(0, shown - n + 1));
    if (readOnly || !rating) {
      const label = rating
        ? this.t('rating.summary', { average: this.#average(rating), max: this.#stars, votes: this.#votes(rating.count) })
        : '';
      return html`<div
        class="stars"
        part="stars"
        role=${rating ? 'img' : nothing}
        aria-label=${label || nothing}
        aria-hidden=${rating ? nothing : 'true'}
      >
        ${values.map((n) => html`<span class="static" part="star">${this.#star(fill(n))}</span>`)}
      </div>`;
    }
    return html`<div class="stars" part="stars" role="radiogroup" aria-label=${this.t('rating.group')} @change=${this.#onChange}>
      ${values.map(
        (n) =>
          html`<label part="star"
            ><input
              type="radio"
              name="rating"
              .value=${String(n)}
              .checked=${live(rating.mine === n)}
              aria-label=${this.t('rating.star', { count: n })}
            />${this.#star(fill(n))}</label
          >`,
      )}
    </div>`;
  }

  #renderFailure(): TemplateResult | typeof nothing {
    const failure = this.failure;
    if (!failure) return nothing;
    const { error, value } = failure;
    return html`<div class="error" role="alert" part="error">
      <p>${this.t(value === null ? 'rating.removeFailed' : 'rating.failed')} ${this.errorMessage(error)}</p>
      ${
        error.retryable
          ? html`<button type="button" @click=${() => void this.#rate(value, true)}>${this.t('common.retry')}</button>`
          : nothing
      }
    </div>`;
  }

  protected override render(): TemplateResult {
    const { summary, error } = this.#state.value;
    const loadError = this.#storeError ?? (summary ? null : error);
    if (loadError) {
      return html`${this.renderError(loadError, () => void this.#store?.reload())}${this.renderAnnouncer()}`;
    }
    const rating = summary?.rating;
    const readOnly = this.#readOnly;
    const mine = rating?.mine ?? null;
    return html`<div class="base" part="base">
      <p class="summary ${rating ? '' : 'placeholder'}" part="summary">
        <span class="average" part="average">${rating ? this.#average(rating) : '0'}</span>
        <span class="count" part="count">${this.#votes(rating?.count ?? 0)}</span>
      </p>
      <p class="label" part="label">${this.t('rating.label')}</p>
      ${this.#renderStars(rating, readOnly)}
      ${
        mine === null
          ? nothing
          : html`<p class="mine" part="mine">
              ${this.t('rating.mine', { count: mine })}
              ${
                readOnly
                  ? nothing
                  : html`<button class="remove" part="remove" type="button" @click=${this.#onRemove}>
                      ${this.t('rating.remove')}
                    </button>`
              }
            </p>`
      }
      ${this.#renderFailure()} ${this.renderAnnouncer()}
    </div>`;
  }

  /** Keeps one AggregateRating JSON-LD block in the document head while asked for and there are votes. */
  #updateStructuredData(): void {
    const rating = this.#rating;
    if (!this.structuredData || !this.isConnected || !rating?.count) {
      this.#jsonLd?.remove();
      this.#jsonLd = null;
      return;
    }
    const base = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href || location.href;
    const page = this.pageId;
    const data = {
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
    };
    if (!this.#jsonLd) {
      this.#jsonLd = document.createElement('script');
      this.#jsonLd.type = 'application/ld+json';
      document.head.append(this.#jsonLd);
    }
    const text = JSON.stringify(data);
    if (this.#jsonLd.textContent !== text) this.#jsonLd.textContent = text;
  }
}
