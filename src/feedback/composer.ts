/**
 * The composer used inside inline-feedback popovers: the quoted passage, "Join the discussion",
 * guest fields, client-side validation with errors tied to their fields, and a draft kept per
 * page and passage until the comment is posted.
 */
import { css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Anchor, ChimeError, Comment, NewComment } from '../backend/contract.js';
import { LIMITS, validateComment, type FieldErrors } from '../backend/validation.js';
import { ChimeElement } from '../internal/chime-element.js';
import { addEnglish } from '../internal/i18n.js';
import messages from '../i18n/en/feedback.js';
import { define } from '../internal/define.js';
import { inlineStore } from '../stores/feedback.js';
import { ChimeCommentEvent } from './events.js';

interface Draft {
  body: string;
  name: string;
  email: string;
}

const storage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // blocked storage (privacy settings)
  }
};

/** Field error (English, from validateComment or the server) → translated message. */
function errorKey(field: string, message: string): [string, Record<string, number>?] {
  if (field === 'body') {
    if (/limited/.test(message)) return ['feedback.error.bodyLong', { max: LIMITS.bodyMax }];
    if (/links/.test(message)) return ['feedback.error.links', { max: LIMITS.linksMax }];
    return ['feedback.error.body'];
  }
  if (field === 'name')
    return /limited/.test(message) ? ['feedback.error.nameLong', { max: LIMITS.nameMax }] : ['feedback.error.name'];
  return ['feedback.error.email'];
}

/**
 * @summary Composer for an inline comment (internal to `chime/feedback`).
 * @event chime-comment - A comment was posted; `event.comment` holds it.
 * @event chime-cancel - The reader cancelled (only with `cancelable`).
 */
export class ChimeInlineComposer extends ChimeElement {
  static {
    addEnglish(messages);
  }

  static override styles = [
    ...ChimeElement.styles,
    css`
      form {
        display: grid;
        gap: var(--_space);
      }
      blockquote {
        margin: 0;
        padding-inline-start: var(--_space);
        border-inline-start: 3px solid var(--_accent);
        color: var(--_muted);
        font-style: italic;
        max-block-size: 6em;
        overflow: auto;
      }
      .field {
        display: grid;
        gap: 2px;
      }
      label {
        font-size: 0.875em;
      }
      textarea,
      input {
        inline-size: 100%;
        padding: 6px 8px;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_raised);
      }
      textarea {
        min-block-size: 4.5em;
        resize: vertical;
      }
      [aria-invalid='true'] {
        border-color: var(--_danger);
      }
      .field-error {
        color: var(--_danger);
        font-size: 0.875em;
        margin: 0;
      }
      .guest {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(10em, 1fr));
        gap: var(--_space);
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: var(--_space);
      }
      button {
        padding: 6px 14px;
        border: 1px solid var(--_accent);
        border-radius: var(--_radius);
        background: var(--_raised);
        color: var(--_accent);
      }
      button[type='submit'] {
        background: var(--_accent);
        color: var(--_on-accent);
      }
      button:disabled {
        opacity: 0.6;
        cursor: progress;
      }
    `,
  ];

  /** The passage being commented on, shown above the field. */
  @property() quote = '';

  /** Anchor stored with the comment. */
  @property({ attribute: false }) anchor: Anchor | null = null;

  /** Key of the saved draft (page and passage); drafts are not kept without one. */
  @property({ attribute: 'draft-key' }) draftKey = '';

  /** Posts somewhere else than the inline store (e.g. the thread's store); null falls back to it. */
  @property({ attribute: false }) post?: (input: Omit<NewComment, 'page'>) => Promise<Comment> | null;

  /** Shows a Cancel button that fires `chime-cancel`. */
  @property({ type: Boolean }) cancelable = false;

  @state() private draft: Draft = { body: '', name: '', email: '' };
  @state() private errors: FieldErrors = {};
  @state() private guest = true;
  @state() private busy = false;
  @state() private failure: ChimeError | null = null;

  @query('textarea') private textarea!: HTMLTextAreaElement;

  override connectedCallback(): void {
    super.connectedCallback();
    try {
      void inlineStore(this.backendSetting, this.pageId)
        .reader()
        .then((reader) => (this.guest = !reader?.verified));
    } catch {
      // no backend: posting reports it
    }
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('draftKey')) this.draft = this.#loadDraft();
  }

  #storageKey(): string | null {
    return this.draftKey ? `chime:draft:${this.pageId}:${this.draftKey}` : null;
  }

  #loadDraft(): Draft {
    const key = this.#storageKey();
    const guest = storage()?.getItem('chime:guest');
    const saved = key ? storage()?.getItem(key) : null;
    try {
      return {
        body: '',
        name: '',
        email: '',
        ...(guest ? JSON.parse(guest) : {}),
        ...(saved ? { body: JSON.parse(saved) } : {}),
      };
    } catch {
      return { body: '', name: '', email: '' };
    }
  }

  #saveDraft(): void {
    const key = this.#storageKey();
    const store = storage();
    if (!store) return;
    try {
      if (key) {
        if (this.draft.body) store.setItem(key, JSON.stringify(this.draft.body));
        else store.removeItem(key);
      }
      if (this.draft.name || this.draft.email)
        store.setItem('chime:guest', JSON.stringify({ name: this.draft.name, email: this.draft.email }));
    } catch {
      // quota or privacy mode: the draft simply is not kept
    }
  }

  #input(field: keyof Draft) {
    return (e: Event) => {
      this.draft = { ...this.draft, [field]: (e.target as HTMLInputElement).value };
      if (this.errors[field]) this.errors = { ...this.errors, [field]: '' };
      this.#saveDraft();
    };
  }

  /** Moves focus to the text field. */
  override focus(): void {
    void this.updateComplete.then(() => this.textarea?.focus());
  }

  async #submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const input = {
      body: this.draft.body,
      anchor: this.anchor,
      ...(this.guest
        ? { author: { name: this.draft.name.trim(), ...(this.draft.email.trim() ? { email: this.draft.email.trim() } : {}) } }
        : {}),
    };
    const errors = validateComment(input, this.guest);
    this.errors = errors;
    this.failure = null;
    if (Object.keys(errors).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.busy = true;
    let comment: Comment;
    try {
      const store = inlineStore(this.backendSetting, this.pageId);
      const elsewhere = this.post?.(input);
      comment = await (elsewhere ?? store.post(input));
      if (elsewhere) store.add(comment);
    } catch (error) {
      const chimeError = this.reportError(error);
      // Errors on fields this form has go beside them; any other (e.g. the anchor) in the box.
      const fields = chimeError.code === 'validation' ? chimeError.fields : undefined;
      if (fields && Object.keys(fields).every((f) => ['body', 'name', 'email'].includes(f))) this.errors = fields;
      else this.failure = chimeError;
      this.busy = false;
      return;
    }
    this.busy = false;
    this.draft = { ...this.draft, body: '' };
    this.#saveDraft();
    this.announce(this.t(comment.status === 'pending' ? 'feedback.pending' : 'feedback.posted'));
    this.dispatchEvent(new ChimeCommentEvent(comment));
  }

  #error(field: string) {
    const message = this.errors[field];
    if (!message) return nothing;
    const [key, vars] = errorKey(field, message);
    return html`<p class="field-error" id="${field}-error">${this.t(key, vars)}</p>`;
  }

  #field(field: 'name' | 'email', type: string, autocomplete: string) {
    const invalid = !!this.errors[field];
    return html`<div class="field">
      <label for=${field}>${this.t(`feedback.${field}`)}</label>
      <input
        id=${field}
        type=${type}
        autocomplete=${autocomplete}
        maxlength=${field === 'name' ? LIMITS.nameMax : LIMITS.emailMax}
        ?required=${field === 'name'}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? `${field}-error` : nothing}
        .value=${this.draft[field]}
        @input=${this.#input(field)}
      />
      ${this.#error(field)}
    </div>`;
  }

  override render() {
    const invalid = !!this.errors.body;
    return html`<form part="form" novalidate @submit=${this.#submit}>
        ${this.quote ? html`<blockquote part="quote" aria-label=${this.t('feedback.quoted')}>${this.quote}</blockquote>` : nothing}
        <div class="field">
          <label for="body">${this.t('feedback.body')}</label>
          <textarea
            id="body"
            part="textarea"
            required
            maxlength=${LIMITS.bodyMax}
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${invalid ? 'body-error' : nothing}
            .value=${this.draft.body}
            @input=${this.#input('body')}
          ></textarea>
          ${this.#error('body')}
        </div>
        ${this.guest ? html`<div class="guest">${this.#field('name', 'text', 'name')}${this.#field('email', 'email', 'email')}</div>` : nothing}
        ${this.failure ? this.renderError(this.failure, () => void this.#submit(new Event('submit'))) : nothing}
        <div class="actions">
          ${
            this.cancelable
              ? html`<button
                  type="button"
                  @click=${() => this.dispatchEvent(new Event('chime-cancel', { bubbles: true, composed: true }))}
                >
                  ${this.t('common.cancel')}
                </button>`
              : nothing
          }
          <button type="submit" part="post" ?disabled=${this.busy}>
            ${this.t(this.busy ? 'feedback.posting' : 'feedback.post')}
          </button>
        </div>
      </form>
      ${this.renderAnnouncer()}`;
  }
}

/**
 * Registers the composer. Called by its users when they connect, not at module load: bundlers
 * drop a module's side effects unless package.json lists the file (only `define.ts` files are).
 */
export function defineComposer(): void {
  define('chime-inline-composer', ChimeInlineComposer);
}

declare global {
  interface HTMLElementTagNameMap {
    'chime-inline-composer': ChimeInlineComposer;
  }
}
