import { html, nothing, type PropertyValues } from 'lit';
import type { ChimeError, SortOrder } from '../backend/contract.js';
import { ChimeElement } from '../internal/chime-element.js';
import { addEnglish } from '../internal/i18n.js';
import messages from '../i18n/en/comments.js';
import { currentConfig } from '../internal/config.js';
import { commentsStyles } from './comments.styles.js';
import { ComposerElement, composerStyles } from './composer.js';
import type { PassageController } from '../feedback/passages.js';
import type { ThreadView } from './thread.js';

/**
 * The comment thread: count, "Notify of", sort, composer, threaded comments with votes,
 * replies, reports and the author's edits, paging and live updates. The thread's code and data
 * load when the element nears the viewport (or at once with `eager`).
 *
 * @summary An inline, accessible comment thread.
 *
 * @csspart header - The count heading, "Notify of" and "Sort by".
 * @csspart composer - Every comment form (new comment, reply, edit).
 * @csspart post-button - The "Post Comment" / "Post Reply" buttons.
 * @csspart list - The top-level comment list.
 * @csspart comment - Each comment's `<article>`.
 * @csspart avatar - The initials avatar.
 * @csspart body - A comment's text.
 * @csspart actions - A comment's vote, reply, report, edit and delete buttons.
 * @csspart more - "View all comments", "Load more comments" and "N new comments".
 * @csspart error - The error box.
 *
 * @cssproperty --chime-color-accent - Buttons, links, highlights.
 * @cssproperty --chime-color-text - Text.
 * @cssproperty --chime-color-muted - Times, counts, hints.
 * @cssproperty --chime-color-surface - Background.
 * @cssproperty --chime-color-surface-raised - Fields, avatars, skeleton.
 * @cssproperty --chime-color-border - Borders and reply guides.
 * @cssproperty --chime-color-danger - Field errors.
 * @cssproperty --chime-radius - Corner radius.
 * @cssproperty --chime-space - Spacing unit.
 * @cssproperty --chime-comments-min-height - Space reserved before the thread loads (default 20rem; 28rem on narrow screens).
 *
 * @event chime-comment - `ChimeCommentEvent` with `{ comment }` after the backend acknowledged a post.
 * @event chime-error - `ChimeErrorEvent` with `{ error }` when the backend fails.
 */
export class ChimeComments extends ComposerElement {
  static override styles = [...ChimeElement.styles, composerStyles, commentsStyles];

  static override properties = {
    sort: {},
    pageSize: { type: Number, attribute: 'page-size' },
    maxDepth: { type: Number, attribute: 'max-depth' },
    ssoToken: { attribute: 'sso-token' },
    eager: { type: Boolean },
    article: {},
  };

  static {
    addEnglish(messages);
  }

  /** Initial order: `newest` (default), `oldest` or `top`; the reader's own choice is remembered and wins. */
  sort?: SortOrder;

  /** Top-level comments loaded before "View all comments". */
  pageSize = 10;

  /** Nesting levels shown; deeper replies attach at the last level with "@name". */
  maxDepth = 3;

  /** A publisher's SSO token (JWT) signing the reader in; default from `configure({ ssoToken })`. */
  ssoToken?: string;

  /** Load at once instead of when the element nears the viewport. */
  eager = false;

  /** CSS selector of the article body readers may comment on passage by passage. */
  article?: string;

  /** @internal The thread, once its module loaded. */
  view?: ThreadView;
  /** @internal Reader-selected passages (loaded only with `article`). */
  passages?: PassageController;
  #observer?: IntersectionObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.eager || typeof IntersectionObserver === 'undefined') void this.#start();
    else {
      this.#observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void this.#start(), {
        rootMargin: '600px 0px',
      });
      this.#observer.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('eager') && this.eager) void this.#start();
    if (this.article && !this.passages)
      void import('../feedback/passages.js').then(({ PassageController }) => {
        // Posts go through the thread's store once it has loaded, so the comment shows at once.
        this.passages ??= new PassageController(this, () => this.article, {
          post: (input) => this.view?.store?.post(input) ?? null,
        });
        this.requestUpdate();
      });
  }

  async #start(): Promise<void> {
    this.#observer?.disconnect();
    if (this.view) return;
    const { ThreadView } = await import('./thread.js');
    this.view ??= new ThreadView(this);
    this.requestUpdate();
  }

  /** @internal The SSO token in force. */
  get token(): string | undefined {
    return this.ssoToken || currentConfig().ssoToken || undefined;
  }

  /** @internal */
  fail(error: unknown): ChimeError {
    return this.reportError(error);
  }

  /** @internal */
  errorBox(error: ChimeError, retry?: () => void) {
    return this.renderError(error, retry);
  }

  /** @internal The loading placeholder; the element's own (`shell`) reserves the loaded thread's height. */
  skeleton(shell = false) {
    return html`<div class="skeleton ${shell ? 'shell' : ''}" aria-busy="true">
      <span class="sr-only">${this.t('comments.loading')}</span>
      <div></div>
      <div></div>
      ${shell ? html`<div></div>` : nothing}
    </div>`;
  }

  override render() {
    return html`${this.view?.render() ?? this.skeleton(true)}${this.passages?.render() ?? nothing}${this.renderAnnouncer()}`;
  }
}
