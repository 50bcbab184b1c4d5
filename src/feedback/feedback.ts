import { html, nothing, type PropertyValues } from 'lit';
import { atom } from 'nanostores';
import type { ChimeError } from '../backend/contract.js';
import { ChimeElement } from '../internal/chime-element.js';
import { addEnglish } from '../internal/i18n.js';
import messages from '../i18n/en/feedback.js';
import { StoreController } from '../internal/store-controller.js';
import { feedbackIdOf, inlineStore, type InlineState, type InlineStore } from '../stores/feedback.js';
import { defineComposer } from './composer.js';
import { feedbackStyles } from './feedback.styles.js';
import { follow, loadFloating } from '../internal/floating.js';
import { reveal } from './reveal.js';

/** Without a backend: nothing loaded, nothing to load. */
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

  static override properties = {
    question: {},
    feedbackId: { attribute: 'feedback-id' },
    open: { type: Boolean, reflect: true },
  };

  static {
    addEnglish(messages);
  }

  /** The publisher's question, e.g. "Do you agree?". */
  question = '';

  /** Stable id of the question (default: derived from the question and the passage text). */
  feedbackId = '';

  /** Whether the popover is open. */
  open = false;

  #store?: InlineStore;
  /** Why there is no store (no backend), reported once. */
  #failure?: ChimeError;
  #data = new StoreController(this, idle);
  #stopFloating?: () => void;

  /** The id responses are stored under. */
  get responseKey(): string {
    return this.feedbackId || feedbackIdOf(this.question, this.textContent ?? '');
  }

  get #marker(): HTMLElement {
    return this.renderRoot.querySelector('.marker')!;
  }

  override connectedCallback(): void {
    defineComposer();
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#float();
  }

  // The shared store of the backend and page in force (settings may change on any update).
  protected override willUpdate(): void {
    try {
      this.#store = inlineStore(this.backendSetting, this.pageId);
      this.#failure = undefined;
    } catch (error) {
      this.#store = undefined;
      this.#failure ??= this.reportError(error);
    }
    this.#data.store = this.#store?.$state ?? idle;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) this.#float(this.open);
  }

  /** Shows the popover beside the marker (following it, closing on a press outside) or hides it. */
  #float(open?: boolean): void {
    const panel = this.renderRoot.querySelector<HTMLElement>('#popover');
    this.#stopFloating?.();
    document.removeEventListener('pointerdown', this.#outside, true);
    this.#stopFloating = undefined;
    if (open && panel) {
      panel.showPopover?.();
      this.#stopFloating = follow(this.#marker, panel, 'bottom-start', ['top-start', 'bottom-end', 'top-end']);
      document.addEventListener('pointerdown', this.#outside, true);
      panel.querySelector('chime-inline-composer')?.focus();
    } else if (panel?.matches(':popover-open')) panel.hidePopover();
  }

  /** Opens the popover and moves focus into it. */
  show(): void {
    this.open = true;
  }

  /** Closes the popover; focus returns to the marker unless `restoreFocus` is false. */
  hide(restoreFocus = true): void {
    if (!this.open) return;
    this.open = false;
    if (restoreFocus) this.#marker.focus();
  }

  #outside = (e: Event): void => {
    if (e.composedPath().includes(this)) return;
    this.hide(false);
    // Clicking plain text leaves focus nowhere: give it back to the marker.
    setTimeout(() => {
      if (!document.activeElement || document.activeElement === document.body) this.#marker.focus({ preventScroll: true });
    });
  };

  #keydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.open) {
      e.stopPropagation();
      this.hide();
    }
  };

  // Focus leaving the popover for elsewhere (not the element, its passage or an ancestor, such as a
  // focusable article the passage was clicked in) closes it; hide() does nothing when it is closed.
  #focusout = (e: FocusEvent): void => {
    const next = e.relatedTarget as Node | null;
    if (next && !e.composedPath().includes(next) && !this.shadowRoot!.contains(next) && !this.contains(next)) this.hide(false);
  };

  #viewAll(): void {
    const thread = document.querySelector<HTMLElement>('chime-comments, chime-footer');
    this.hide(false);
    if (thread) reveal(thread, { block: 'start', behavior: 'smooth' });
  }

  override render() {
    const { loading, comments, error } = this.#data.value;
    const failure = error ?? this.#failure;
    const key = this.responseKey;
    const responses = comments.filter((c) => c.anchor?.feedbackId === key);
    // The author sees their answer awaiting moderation; the count is what everyone sees.
    const count = responses.filter((c) => c.status === 'published').length;
    const date = new Intl.DateTimeFormat(this.languageTag, { dateStyle: 'medium' });
    return html`<slot @slotchange=${() => this.requestUpdate()}></slot
      ><span class="ui" @keydown=${this.#keydown}
        ><button
          type="button"
          class="marker"
          part="marker"
          aria-haspopup="dialog"
          aria-expanded=${String(this.open)}
          aria-controls="popover"
          aria-describedby="count"
          @click=${() => (this.open ? this.hide() : this.show())}
          @pointerenter=${loadFloating}
          @focus=${loadFloating}
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
          @focusout=${this.#focusout}
        >
          ${
            this.open
              ? html`<div class="head">
                    <p id="question" part="question">${this.question}</p>
                    <button type="button" class="close" aria-label=${this.t('common.close')} @click=${() => this.hide()}>
                      ×
                    </button>
                  </div>
                  ${
                    failure
                      ? this.renderError(failure, () => void this.#store?.reload())
                      : responses.length
                        ? html`<ul part="responses" aria-label=${this.t('feedback.latest')}>
                            ${responses.slice(0, 3).map(
                              (c) =>
                                html`<li>
                                  <p class="meta">
                                    <b dir="auto">${c.author.name}</b>
                                    <time datetime=${c.createdAt}>${date.format(new Date(c.createdAt))}</time>
                                    ${c.status === 'pending' ? html`<span class="badge">${this.t('comments.pending')}</span>` : nothing}
                                  </p>
                                  <p class="body" dir="auto">${c.body}</p>
                                </li>`,
                            )}
                          </ul>`
                        : html`<p class="empty">${this.t('feedback.none')}</p>`
                  }
                  ${
                    this.#store
                      ? html`<chime-inline-composer
                          .backend=${this.backend}
                          .page=${this.page}
                          theme=${this.theme ?? nothing}
                          draft-key=${key}
                          .anchor=${{ quote: this.textContent!.replace(/\s+/g, ' ').trim(), prefix: '', suffix: '', feedbackId: key }}
                        ></chime-inline-composer>`
                      : nothing
                  }
                  ${
                    document.querySelector('chime-comments, chime-footer')
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
