import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Comment } from '../backend/contract.js';
import { ChimeElement } from '../internal/chime-element.js';
import { addEnglish } from '../internal/i18n.js';
import messages from '../i18n/en/feedback.js';
import { StoreController } from '../internal/store-controller.js';
import { feedbackIdOf, inlineStore, responsesTo, type InlineState, type InlineStore } from '../stores/feedback.js';
import { atom } from 'nanostores';
import { defineComposer, type ChimeInlineComposer } from './composer.js';
import { feedbackStyles } from './feedback.styles.js';
import { follow } from './floating.js';

/** Responses shown in the popover; the rest are in the thread. */
const LATEST = 3;

const idle = atom<InlineState>({ loading: false, comments: [], error: null });

/**
 * @summary A publisher's question on a passage of the article: the passage stays page-styled text
 * with a small marker; the marker opens a popover with the question, the latest answers and a
 * composer.
 *
 * @slot - The passage (ordinary article text, styled by the page).
 * @csspart marker - The "Give feedback on this passage" button.
 * @csspart count - The number of responses on the marker.
 * @csspart popover - The popover (role dialog, named by the question).
 * @csspart question - The question in the popover.
 * @csspart responses - The list of latest responses.
 * @csspart view-all - The "View all comments" button.
 * @cssproperty --chime-color-accent - Marker and button colour.
 * @cssproperty --chime-color-surface-raised - Popover background.
 * @event chime-comment - A reader answered; `event.comment` holds the comment.
 * @event chime-error - Loading or posting failed; `event.error` is a ChimeError.
 */
export class ChimeFeedback extends ChimeElement {
  static override styles = feedbackStyles;

  static {
    addEnglish(messages);
  }

  /** The publisher's question, e.g. "Do you agree?". */
  @property() question = '';

  /** Stable id of the question (default: derived from the question and the passage text). */
  @property({ attribute: 'feedback-id' }) feedbackId = '';

  /** Whether the popover is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  @state() private passage = '';

  @query('.marker') private marker!: HTMLButtonElement;
  @query('[role="dialog"]') private panel!: HTMLElement;
  @query('chime-inline-composer') private composer?: ChimeInlineComposer;

  #store: InlineStore | null = null;
  #data = new StoreController(this, idle);
  #stopFloating?: () => void;

  /** The id responses are stored under. */
  get responseKey(): string {
    return this.feedbackId || feedbackIdOf(this.question, this.passage);
  }

  override connectedCallback(): void {
    defineComposer();
    super.connectedCallback();
    this.passage = this.textContent ?? '';
    this.#connectStore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unfloat();
    document.removeEventListener('pointerdown', this.#outside, true);
  }

  override settingsChanged(): void {
    super.settingsChanged();
    if (this.#store && this.isConnected) this.#connectStore();
  }

  #connectStore(): void {
    try {
      this.#store = inlineStore(this.backendSetting, this.pageId);
      this.#data.store = this.#store.$state;
    } catch (error) {
      this.#store = null;
      this.#data.store = atom<InlineState>({ loading: false, comments: [], error: this.reportError(error) });
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('backend') || changed.has('page')) this.#connectStore();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    if (this.open) {
      this.panel.showPopover?.();
      this.#stopFloating = follow(this.marker, this.panel, 'bottom-start', ['top-start', 'bottom-end', 'top-end']);
      document.addEventListener('pointerdown', this.#outside, true);
      this.composer?.focus();
    } else if (changed.get('open')) {
      this.#unfloat();
      document.removeEventListener('pointerdown', this.#outside, true);
    }
  }

  #unfloat(): void {
    this.#stopFloating?.();
    this.#stopFloating = undefined;
    if (this.panel?.matches(':popover-open')) this.panel.hidePopover();
  }

  /** Opens the popover and moves focus into it. */
  show(): void {
    this.passage = this.textContent ?? '';
    this.open = true;
  }

  /** Closes the popover; focus returns to the marker unless `restoreFocus` is false. */
  hide(restoreFocus = true): void {
    if (!this.open) return;
    this.open = false;
    if (restoreFocus) this.marker?.focus();
  }

  #outside = (e: Event): void => {
    if (e.composedPath().includes(this)) return;
    this.hide(false);
    // Clicking plain text leaves focus nowhere: give it back to the marker.
    setTimeout(() => {
      if (document.activeElement === document.body || !document.activeElement) this.marker.focus({ preventScroll: true });
    });
  };

  #keydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.open) {
      e.stopPropagation();
      this.hide();
    }
  };

  #focusout = (e: FocusEvent): void => {
    const next = e.relatedTarget as Node | null;
    if (this.open && next && !e.composedPath().includes(next) && !this.contains(next) && !this.shadowRoot!.contains(next))
      this.hide(false);
  };

  #viewAll(): void {
    const thread = document.querySelector<HTMLElement>('chime-comments, chime-footer');
    this.hide(false);
    if (!thread) return;
    thread.scrollIntoView({ block: 'start', behavior: 'smooth' });
    // Like a skip link: the thread takes focus, so the next Tab continues there.
    if (!thread.hasAttribute('tabindex')) thread.setAttribute('tabindex', '-1');
    thread.focus({ preventScroll: true });
  }

  #responses(responses: Comment[]) {
    const date = new Intl.DateTimeFormat(this.languageTag, { dateStyle: 'medium' });
    return responses.length
      ? html`<ul part="responses" aria-label=${this.t('feedback.latest')}>
          ${responses.slice(0, LATEST).map(
            (c) =>
              html`<li>
                <p class="meta">
                  <span class="author">${c.author.name}</span>
                  <time datetime=${c.createdAt}>${date.format(new Date(c.createdAt))}</time>
                  ${c.status === 'pending' ? html`<span class="badge">${this.t('comments.pending')}</span>` : nothing}
                </p>
                <p class="body">${c.body}</p>
              </li>`,
          )}
        </ul>`
      : html`<p class="empty">${this.t('feedback.none')}</p>`;
  }

  override render() {
    const { loading, comments, error } = this.#data.value;
    const responses = responsesTo(comments, this.responseKey);
    // The author sees their answer awaiting moderation; the count is what everyone sees.
    const count = responses.filter((c) => c.status === 'published').length;
    const thread = !!document.querySelector('chime-comments, chime-footer');
    return html`<slot @slotchange=${() => (this.passage = this.textContent ?? '')}></slot
      ><span class="ui"
        ><button
          type="button"
          class="marker"
          part="marker"
          aria-haspopup="dialog"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="popover"
          aria-describedby="count"
          @click=${() => (this.open ? this.hide() : this.show())}
          @keydown=${this.#keydown}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M2 3h12v8H6l-3 3v-3H2z" /></svg>
          ${loading && !comments.length ? nothing : html`<span part="count" aria-hidden="true">${this.formatNumber(count)}</span>`}
          <span class="sr-only">${this.t('feedback.marker')}</span></button
        ><span id="count" hidden>${this.t('feedback.responses', { count })}</span>
        <div
          id="popover"
          part="popover"
          role="dialog"
          aria-labelledby="question"
          popover="manual"
          ?hidden=${!this.open}
          @keydown=${this.#keydown}
          @focusout=${this.#focusout}
        >
          ${
            this.open
              ? html`<div class="head">
                    <p id="question" part="question">${this.question}</p>
                    <button type="button" class="close" @click=${() => this.hide()}>
                      <span aria-hidden="true">×</span><span class="sr-only">${this.t('common.close')}</span>
                    </button>
                  </div>
                  ${
                    error && this.#store
                      ? this.renderError(error, () => void this.#store?.reload())
                      : error
                        ? this.renderError(error)
                        : this.#responses(responses)
                  }
                  ${
                    this.#store
                      ? html`<chime-inline-composer
                          .backend=${this.backend}
                          .page=${this.page}
                          theme=${this.theme ?? nothing}
                          draft-key=${this.responseKey}
                          .anchor=${{ quote: this.passage.replace(/\s+/g, ' ').trim(), prefix: '', suffix: '', feedbackId: this.responseKey }}
                        ></chime-inline-composer>`
                      : nothing
                  }
                  ${
                    thread
                      ? html`<button type="button" class="view-all" part="view-all" @click=${this.#viewAll}>
                          ${this.t('feedback.viewAll')}
                        </button>`
                      : nothing
                  }`
              : nothing
          }
        </div>
        ${this.renderAnnouncer()}</span
      >`;
  }
}
