/**
 * The composer used inside inline-feedback popovers and reader-selected passages: the quoted
 * passage and the shared comment form (`ComposerElement`), with a draft kept per page and passage
 * until the comment is posted.
 */
import type { Anchor, Comment, NewComment } from '../backend/contract.js';
import { ComposerElement, Draft, composerStyles } from '../comments/composer.js';
import { ChimeElement } from '../internal/chime-element.js';
import { addEnglish } from '../internal/i18n.js';
import messages from '../i18n/en/feedback.js';
import { define } from '../internal/define.js';
import { inlineStore } from '../stores/feedback.js';

/**
 * @summary Composer for an inline comment (internal to `chime/feedback`).
 * @event chime-comment - A comment was posted; `event.comment` holds it.
 * @event chime-cancel - The reader cancelled (only with `cancelable`).
 */
export class ChimeInlineComposer extends ComposerElement {
  static {
    addEnglish(messages);
  }

  static override styles = [...ChimeElement.styles, composerStyles];

  static override properties = {
    quote: {},
    anchor: { attribute: false },
    draftKey: { attribute: 'draft-key' },
    post: { attribute: false },
    cancelable: { type: Boolean },
    guest: { state: true },
  };

  /** The passage being commented on, shown above the field. */
  quote = '';

  /** Anchor stored with the comment. */
  anchor: Anchor | null = null;

  /** Key of the saved draft (page and passage); drafts are not kept without one. */
  draftKey = '';

  /** Posts somewhere else than the inline store (e.g. the thread's store); null falls back to it. */
  post?: (input: Omit<NewComment, 'page'>) => Promise<Comment> | null;

  /** Shows a Cancel button that fires `chime-cancel`. */
  cancelable = false;

  /** Signed-in readers need no guest fields. */
  protected guest = true;

  #draft = new Draft();

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
    if (changed.has('draftKey')) this.#draft = new Draft(this.draftKey && `draft:${this.pageId}:${this.draftKey}`);
  }

  /** Moves focus to the text field. */
  override focus(): void {
    void this.focusOn('textarea');
  }

  override render() {
    return [
      this.composer(this.#draft, {
        p: 'feedback',
        id: '',
        label: this.t('feedback.compose'),
        submit: this.t('feedback.post'),
        guest: this.guest,
        inline: true,
        quote: this.quote,
        cancel: this.cancelable
          ? () => this.dispatchEvent(new Event('chime-cancel', { bubbles: true, composed: true }))
          : undefined,
        send: async (input) => {
          const store = inlineStore(this.backendSetting, this.pageId);
          const full = { ...input, anchor: this.anchor };
          const elsewhere = this.post?.(full);
          const comment = await (elsewhere ?? store.post(full));
          if (elsewhere) store.add(comment);
          return comment;
        },
      }),
      this.renderAnnouncer(),
    ];
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
