/**
 * The one comment form Chime has, for the thread's new comment, reply and edit forms and for
 * `<chime-inline-composer>` (feedback popovers, reader-selected passages): guest fields with a
 * honeypot, client-side checks and the server's field errors on the same fields, Ctrl/Cmd+Enter,
 * Escape, auto-grow, and a draft kept per page and target until the backend acknowledged it.
 * Elements that show it extend `ComposerElement`; each form's state is a `Draft` its owner keeps.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ChimeError, Comment, NewComment } from '../backend/contract.js';
import { LIMITS, validateComment } from '../backend/validation.js';
import { ChimeElement } from '../internal/chime-element.js';
import { translate } from '../internal/i18n.js';
import { ChimeCommentEvent } from './events.js';

/** Runs `use` on localStorage; absent, blocked or full storage only loses convenience. */
function store<T>(use: (storage: Storage) => T): T | undefined {
  try {
    return use(localStorage);
  } catch {
    return undefined;
  }
}

/** A remembered value (`chime:<key>`), or ''. */
export const remembered = (key: string): string => store((s) => s.getItem(`chime:${key}`)) ?? '';

/** Remembers a value (empty forgets it); an empty key keeps nothing. */
export const remember = (key: string, value: string) =>
  key && store((s) => (value ? s.setItem(`chime:${key}`, value) : s.removeItem(`chime:${key}`)));

type Field = 'body' | 'name' | 'email';
type Input = Event & { target: HTMLInputElement };

/** One form's state. Name and email start from what the reader last typed in any form. */
export class Draft {
  body: string;
  name = remembered('name');
  email = remembered('email');
  errors: Record<string, string> = {};
  failure?: ChimeError | null;
  busy?: boolean;
  /** "Notify me of replies to this comment". */
  notify?: boolean;

  /** `key` keeps the text (`draft:<page>:<target>`; '' keeps nothing); `body` starts an edit. */
  constructor(
    readonly key = '',
    body?: string,
  ) {
    this.body = body ?? (key && remembered(key));
  }
}

export interface ComposerOptions {
  /** Whose messages: `comments` (the thread) or `feedback` (the inline composer). */
  p: 'comments' | 'feedback';
  /** Prefix of the fields' ids, unique in the shadow root. */
  id: string;
  /** The text field's name. */
  label: string;
  /** The form's name (default: the label). */
  form?: string;
  submit: string;
  /** Asks for name and email. */
  guest: boolean;
  /** The inline composer: a visible label, "Posting…" on the button, and it re-renders as the reader types. */
  inline?: boolean;
  /** The passage commented on, quoted above the field. */
  quote?: string;
  /** Offers "Notify me of replies" (guests' replies). */
  notify?: boolean;
  /** "Commenting as …". */
  signedIn?: string;
  /** Cancel button and Escape. */
  cancel?: () => void;
  /** Sends what passed the checks; a returned comment is announced and fired as `chime-comment`. */
  send(input: Omit<NewComment, 'page'>): Promise<Comment | void>;
}

/** Auto-grow where CSS `field-sizing` is missing (set through the CSSOM, which strict CSP allows). */
const grow = (box: HTMLElement) => {
  if (CSS.supports('field-sizing', 'content')) return;
  box.style.height = 'auto';
  box.style.height = `${box.scrollHeight + 2}px`;
};

export const composerStyles = css`
  button,
  select,
  input,
  textarea {
    padding: 4px 10px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_raised);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  .primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .composer {
    display: grid;
    gap: var(--_space);
    margin-block: var(--_space);
  }
  textarea {
    inline-size: 100%;
    min-block-size: 4.5em;
    max-block-size: 60vh;
    field-sizing: content;
    resize: vertical;
  }
  .field {
    display: grid;
    flex: 1 1 12em;
  }
  .invalid {
    margin: 0;
    color: var(--_danger);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .muted {
    color: var(--_muted);
    font-size: 0.9em;
  }
  blockquote {
    margin: 0 0 0.5em;
    padding-inline-start: var(--_space);
    border-inline-start: 3px solid var(--_border);
    color: var(--_muted);
  }
  /* The passage commented on. */
  .composer blockquote {
    max-block-size: 6em;
    overflow: auto;
  }
`;

const FIELDS = ['body', 'name', 'email'];

export abstract class ComposerElement extends ChimeElement {
  /** Field errors in the reader's language (the shared validators and the server speak English). */
  fieldErrors(fields: Record<string, string>, p: string): Record<string, string> {
    const out = { ...fields };
    for (const [field, message] of Object.entries(fields))
      for (const kind of ['required', 'long', 'links', 'invalid']) {
        const key = `${p}.${field}.${kind}`;
        const max = field === 'name' ? LIMITS.nameMax : kind === 'links' ? LIMITS.linksMax : LIMITS.bodyMax;
        if (translate('en', key, { max: String(max) }) === message) out[field] = this.t(key, { max });
      }
    return out;
  }

  /** Focuses what `selector` finds once rendered. */
  async focusOn(selector: string): Promise<HTMLElement | null> {
    this.requestUpdate();
    await this.updateComplete;
    const el = this.renderRoot.querySelector<HTMLElement>(selector);
    el?.focus({ preventScroll: true });
    return el;
  }

  async #send(f: Draft, o: ComposerOptions): Promise<void> {
    if (f.busy) return;
    const id = (field: string) => `#${CSS.escape(o.id + field)}`;
    const input = {
      body: f.body,
      author: o.guest ? { name: f.name.trim(), email: f.email.trim() || undefined } : undefined,
      // The honeypot: people leave it empty (bots may fill it without input events).
      website: this.renderRoot.querySelector<HTMLInputElement>(id('website'))!.value || undefined,
    };
    f.errors = this.fieldErrors(validateComment({ ...input, notify: f.notify ? 'comment' : undefined }, o.guest), o.p);
    f.failure = null;
    let focus = '[aria-invalid="true"]';
    if (!Object.keys(f.errors).length) {
      f.busy = true;
      this.announce(this.t(`${o.p}.posting`));
      this.requestUpdate();
      try {
        const comment = await o.send(input);
        remember(f.key, (f.body = ''));
        if (comment) {
          this.announce(this.t(`${o.p}.posted${comment.status === 'pending' ? '.pending' : ''}`));
          this.dispatchEvent(new ChimeCommentEvent(comment));
        }
        focus = '';
      } catch (e) {
        const error = this.reportError(e);
        const fields = error.code === 'validation' && error.fields;
        if (fields && FIELDS.some((k) => k in fields)) f.errors = this.fieldErrors(fields, o.p);
        else {
          f.failure = error;
          focus = id('body');
        }
        this.announce(this.errorMessage(error));
      }
      f.busy = false;
    }
    if (focus) await this.focusOn(focus);
    else this.requestUpdate();
  }

  /** The form for `f`, described by `o`. */
  composer(f: Draft, o: ComposerOptions): TemplateResult {
    const t = (key: string) => this.t(`${o.p}.${key}`);
    const id = o.id;
    const error = (k: Field) => (f.errors[k] ? html`<p class="invalid" id="${id}${k}-error">${f.errors[k]}</p>` : nothing);
    const described = (k: Field) => (f.errors[k] ? `${id}${k}-error` : nothing);
    const input = (k: Field) => (e: Input) => {
      f[k] = e.target.value;
      if (k === 'body') {
        grow(e.target);
        remember(f.key, f.body);
      } else remember(k, f[k]);
      if (f.errors[k] || o.inline) {
        delete f.errors[k];
        this.requestUpdate();
      }
    };
    const guest = (k: 'name' | 'email') =>
      html`<div class="field">
        <label for="${id}${k}">${t(k)}</label>
        <input
          id="${id}${k}"
          type=${k === 'name' ? 'text' : k}
          autocomplete=${k}
          ?required=${k === 'name'}
          aria-invalid=${!!f.errors[k]}
          aria-describedby=${described(k)}
          .value=${f[k]}
          @input=${input(k)}
        />
        ${error(k)}
      </div>`;
    return html`<form
      class="composer"
      part="composer"
      novalidate
      aria-label=${o.form ?? o.label}
      aria-busy=${!!f.busy}
      @submit=${(e: Event) => (e.preventDefault(), void this.#send(f, o))}
    >
      ${o.quote ? html`<blockquote aria-label=${t('quoted')} dir="auto">${o.quote}</blockquote>` : nothing}
      ${o.inline ? html`<label for="${id}body">${o.label}</label>` : nothing}
      <textarea
        id="${id}body"
        dir="auto"
        aria-label=${o.label}
        placeholder=${o.inline ? nothing : o.label}
        required
        aria-invalid=${!!f.errors.body}
        aria-describedby=${described('body')}
        .value=${f.body}
        @input=${input('body')}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void this.#send(f, o);
          } else if (e.key === 'Escape' && o.cancel) {
            // Handled here: whoever holds the form (the passage dialog) must not close it again.
            e.stopPropagation();
            o.cancel();
          }
        }}
      ></textarea>
      ${error('body')} ${o.guest ? html`<div class="row">${guest('name')} ${guest('email')}</div>` : nothing}
      <div class="sr-only" aria-hidden="true">
        <label for="${id}website">Website</label>
        <input id="${id}website" name="website" tabindex="-1" autocomplete="off" />
      </div>
      ${
        o.notify && o.guest
          ? html`<label class="muted"
              ><input type="checkbox" .checked=${f.notify} @change=${(e: Input) => (f.notify = e.target.checked)} />
              ${t('notify.comment')}</label
            >`
          : nothing
      }
      ${f.failure ? this.renderError(f.failure, () => void this.#send(f, o)) : nothing}
      <div class="row">
        ${o.signedIn ? html`<span class="muted">${o.signedIn}</span>` : nothing}
        <button class="primary" part="post-button" ?disabled=${f.busy}>${f.busy && o.inline ? t('posting') : o.submit}</button>
        ${o.cancel ? html`<button type="button" @click=${o.cancel}>${this.t('common.cancel')}</button>` : nothing}
      </div>
    </form>`;
  }
}
