import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ChimeError, type Comment, type PageSummary } from '../backend/contract.js';
import { ChimeElement } from '../internal/chime-element.js';
import { currentConfig } from '../internal/config.js';
import { renderMarkdown } from '../internal/markdown.js';
import { StoreController } from '../internal/store-controller.js';
import {
  ModerationSession,
  QUEUES,
  moderationClient,
  moderatorToken,
  type Action,
  type AuditEntry,
  type BanRequest,
  type ModerationApi,
  type ModerationState,
  type Queue,
} from '../stores/moderation.js';
import { atom } from 'nanostores';
import { ChimeModerationEvent } from './events.js';
import { styles } from './moderation.styles.js';

type Tab = Queue | 'log';
const TABS: Tab[] = [...QUEUES, 'log'];
const TAB_NAMES: Record<Tab, string> = { pending: 'Pending', reported: 'Reported', recent: 'Recent', spam: 'Spam', log: 'Log' };
const EMPTY: Record<Queue, string> = {
  pending: 'No comments wait for approval.',
  reported: 'No reported comments.',
  recent: 'No comments yet.',
  spam: 'No comments marked as spam.',
};
const ACTIONS: { action: Action; label: string; key: string; status: string }[] = [
  { action: 'approve', label: 'Approve', key: 'a', status: 'published' },
  { action: 'reject', label: 'Reject', key: 'r', status: 'rejected' },
  { action: 'spam', label: 'Mark as spam', key: 's', status: 'spam' },
  { action: 'delete', label: 'Delete', key: '', status: 'deleted' },
];
const DONE: Record<Action | 'ban' | 'page', string> = {
  approve: 'Approved',
  reject: 'Rejected',
  spam: 'Marked as spam',
  delete: 'Deleted',
  ban: 'Banned',
  page: 'Page settings saved',
};
const STATUS: Record<string, string> = {
  published: 'Published',
  pending: 'Pending',
  rejected: 'Rejected',
  spam: 'Spam',
  deleted: 'Deleted',
};
const LOG_ACTIONS: Record<string, string> = {
  'status:published': 'Approved',
  'status:pending': 'Put back to pending',
  'status:rejected': 'Rejected',
  'status:spam': 'Marked as spam',
  'status:deleted': 'Deleted',
  delete: 'Deleted',
  edit: 'Edited',
  ban: 'Banned',
  unban: 'Lifted ban',
  page: 'Changed page settings',
  'reports:dismissed': 'Dismissed reports',
  'reports:restored': 'Reopened reports',
};
const DURATIONS: [string, number][] = [
  ['For good', 0],
  ['1 day', 86_400_000],
  ['7 days', 7 * 86_400_000],
  ['30 days', 30 * 86_400_000],
];
const KEYS: [string, string][] = [
  ['j', 'Next comment'],
  ['k', 'Previous comment'],
  ['a', 'Approve'],
  ['r', 'Reject'],
  ['s', 'Mark as spam'],
  ['x', 'Select or unselect'],
  ['u', 'Undo the last action'],
  ['?', 'Show these keys'],
];
const STORAGE_KEY = 'chime:moderation:';

const plural = (n: number, one: string, other = `${one}s`) => `${n} ${n === 1 ? one : other}`;

/**
 * The moderation console: sign in with the admin token (or a moderator's SSO sign-in), work
 * through the queues by keyboard, ban, close pages, and read the audit log. Updates live.
 *
 * @summary Moderation console for a Chime server.
 *
 * @csspart signin - The sign-in form.
 * @csspart tabs - The queue tab list.
 * @csspart item - One comment in a queue.
 * @csspart body - A comment's text, rendered as readers see it.
 * @csspart undo - The bar offering "Undo" after an action.
 * @csspart error - Error boxes.
 *
 * @cssproperty --chime-color-accent - Buttons and the selected tab.
 * @cssproperty --chime-color-danger - Destructive actions and errors.
 * @cssproperty --chime-radius - Corner radius.
 *
 * @event chime-moderation - After the moderator acts (`action`, `ids`), also on Undo (`action: 'undo'`).
 * @event chime-error - When a request fails.
 */
export class ChimeModeration extends ChimeElement {
  static override styles = [...ChimeElement.styles, styles];

  /** A publisher SSO token with the moderator role (also `configure({ ssoToken })` or `/admin#sso=…`); else the token form shows. */
  @property({ attribute: 'sso-token' }) ssoToken?: string;

  /** Base URL page ids are relative to, for the links to comments (default: this page's origin). */
  @property() site?: string;

  /** How long "Undo" is offered after an action, in milliseconds. */
  @property({ type: Number, attribute: 'undo-ms' }) undoMs = 8000;

  /** Builds the moderation client for a token (default: the REST client for `backend`). */
  @property({ attribute: false }) client?: (base: string, token: string) => ModerationApi;

  @state() private session: ModerationSession | null = null;
  @state() private signingIn = false;
  @state() private authError: ChimeError | null = null;
  @state() private tab: Tab = 'pending';
  @state() private active: string | null = null;
  @state() private selected = new Set<string>();
  @state() private banning: string | null = null;
  @state() private actionError: ChimeError | null = null;
  @state() private pageInfo: PageSummary | null = null;
  @state() private pageError: ChimeError | null = null;
  @state() private pageBusy = false;
  @state() private busy = false;

  @query('dialog') private help!: HTMLDialogElement;

  readonly #store = new StoreController<ModerationState | null>(this, atom(null));

  override connectedCallback(): void {
    super.connectedCallback();
    // On the document: the keys also work when nothing in the console has focus (after a reload).
    document.addEventListener('keydown', this.#onKey);
    if (this.session) {
      this.session.start((n) => this.#notice(n.kind));
      return;
    }
    const stored = this.#storage()?.getItem(STORAGE_KEY + this.#base());
    const sso = this.ssoToken || currentConfig().ssoToken || this.#ssoFromUrl();
    if (sso) void this.#signInSso(sso);
    else if (stored) void this.#signIn(stored, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.#onKey);
    this.session?.stop();
  }

  /** The Chime server the console talks to. */
  #base(): string {
    const setting = this.backendSetting;
    return typeof setting === 'string' && /^https?:|^\//.test(setting) ? new URL(setting, location.href).href : location.origin;
  }

  /**
   * A publisher's CMS may link moderators to `/admin#sso=<token>`: the fragment never reaches a
   * server or a log, and it leaves the address bar at once.
   */
  #ssoFromUrl(): string | undefined {
    const match = /[#&]sso=([\w.-]+)/.exec(location.hash);
    if (!match) return undefined;
    history.replaceState(history.state, '', location.pathname + location.search);
    return match[1];
  }

  #storage(): Storage | null {
    try {
      return sessionStorage;
    } catch {
      return null;
    }
  }

  get #state(): ModerationState | null {
    return this.#store.value;
  }

  async #signInSso(sso: string): Promise<void> {
    this.signingIn = true;
    try {
      await this.#signIn(await moderatorToken(this.#base(), sso), false);
    } catch (e) {
      this.authError = this.reportError(e);
      this.signingIn = false;
    }
  }

  async #signIn(token: string, stored: boolean): Promise<void> {
    this.signingIn = true;
    this.authError = null;
    const api = (this.client ?? moderationClient)(this.#base(), token);
    const session = new ModerationSession(api, { undoMs: this.undoMs });
    try {
      await session.verify();
    } catch (e) {
      if (stored) this.#storage()?.removeItem(STORAGE_KEY + this.#base());
      this.authError = this.reportError(e);
      this.signingIn = false;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#token')?.focus();
      return;
    }
    this.#storage()?.setItem(STORAGE_KEY + this.#base(), token);
    this.session = session;
    this.#store.store = session.$state;
    this.signingIn = false;
    session.start((n) => this.#notice(n.kind));
    this.#select(this.tab, false);
    await this.updateComplete;
    if (!stored) this.#tabButton(this.tab)?.focus();
    this.announce('Signed in.');
  }

  #signOut(): void {
    this.#storage()?.removeItem(STORAGE_KEY + this.#base());
    this.session?.stop();
    this.session = null;
    this.#store.store = atom(null);
    this.selected = new Set();
    this.pageInfo = null;
    this.announce('Signed out.');
  }

  #notice(kind: string): void {
    if (kind === 'pending') this.announce('A new comment waits for approval.');
    else if (kind === 'reported') this.announce('A comment was reported.');
  }

  // ---- tabs (WAI-ARIA APG tabs, automatic activation) ----

  #select(tab: Tab, focus = true): void {
    if (tab !== this.tab) {
      this.tab = tab;
      this.selected = new Set();
      this.active = null;
      this.banning = null;
      this.actionError = null;
    }
    const s = this.#state;
    if (tab === 'log') void this.session?.loadLog();
    else if (s && !s.queues[tab].loaded) void this.session?.load(tab);
    if (focus) void this.updateComplete.then(() => this.#tabButton(tab)?.focus());
  }

  #tabButton(tab: Tab): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`);
  }

  #onTabKey(e: KeyboardEvent): void {
    const i = TABS.indexOf(this.tab);
    const rtl = this.direction === 'rtl';
    const next: Record<string, number> = {
      [rtl ? 'ArrowLeft' : 'ArrowRight']: i + 1,
      [rtl ? 'ArrowRight' : 'ArrowLeft']: i - 1,
      Home: 0,
      End: TABS.length - 1,
    };
    if (!(e.key in next)) return;
    e.preventDefault();
    this.#select(TABS[(next[e.key]! + TABS.length) % TABS.length]!);
  }

  // ---- keyboard shortcuts ----

  #onKey = (e: KeyboardEvent): void => {
    if (!this.session || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const path = e.composedPath();
    const target = path[0] as HTMLElement;
    if (!path.includes(this) && target !== document.body && target !== document.documentElement) return;
    if (target.closest?.('input, textarea, select, [contenteditable]:not([contenteditable="false"])') || this.help?.open) return;
    const handlers: Record<string, () => void> = {
      j: () => this.#move(1),
      k: () => this.#move(-1),
      a: () => void this.#act('approve'),
      r: () => void this.#act('reject'),
      s: () => void this.#act('spam'),
      x: () => this.#toggle(this.active),
      u: () => void this.#undo(),
      '?': () => this.help.showModal(),
    };
    const handler = handlers[e.key];
    if (!handler) return;
    e.preventDefault();
    handler();
  };

  #items(): Comment[] {
    const s = this.#state;
    return s && this.tab !== 'log' ? s.queues[this.tab].items : [];
  }

  #focusItem(id: string | null): void {
    this.active = id;
    if (id) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#item-${CSS.escape(id)}`)?.focus());
  }

  #move(by: number): void {
    const items = this.#items();
    if (!items.length) return;
    const i = items.findIndex((c) => c.id === this.active);
    const next = i < 0 ? (by > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, i + by));
    this.#focusItem(items[next]!.id);
  }

  #toggle(id: string | null): void {
    if (!id) return;
    const selected = new Set(this.selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    this.selected = selected;
    this.announce(
      selected.has(id)
        ? `Selected. ${plural(selected.size, 'comment')} selected.`
        : `Unselected. ${plural(selected.size, 'comment')} selected.`,
    );
  }

  // ---- actions ----

  /** Acts on the selection, else on the given or active comment; the next comment takes focus. */
  async #act(action: Action, id?: string): Promise<void> {
    const session = this.session;
    if (!session || this.busy || this.tab === 'log') return;
    const ids = id ? [id] : this.selected.size ? [...this.selected] : this.active ? [this.active] : [];
    if (!ids.length) return;
    const before = this.#items();
    const anchor = before.findIndex((c) => c.id === (id ?? this.active ?? ids[0]));
    this.busy = true;
    this.actionError = null;
    try {
      await session.act(ids, action);
    } catch (e) {
      this.actionError = this.reportError(e);
    } finally {
      this.busy = false;
    }
    this.selected = new Set([...this.selected].filter((x) => !ids.includes(x)));
    const after = this.#items();
    const stays = after.some((c) => c.id === before[anchor]?.id);
    const next = after[Math.min(stays ? anchor + 1 : anchor, after.length - 1)];
    this.#focusItem(next?.id ?? null);
    if (!next) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[role="tabpanel"]')?.focus());
    if (!this.actionError) {
      this.announce(`${DONE[action]}: ${plural(ids.length, 'comment')}. Press u to undo.`);
      this.dispatchEvent(new ChimeModerationEvent(action, ids));
    }
  }

  async #ban(c: Comment, form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const durationMs = Number(data.get('duration')) || undefined;
    const reason = String(data.get('reason') ?? '').trim() || undefined;
    const requests: BanRequest[] = [];
    if (data.get('reader')) requests.push({ kind: 'reader', value: c.moderation!.readerId, reason, durationMs });
    if (data.get('email') && c.moderation?.email) requests.push({ kind: 'email', value: c.moderation.email, reason, durationMs });
    if (!requests.length) {
      this.actionError = new ChimeError('validation', 'Choose the reader, the email or both.');
      return;
    }
    this.busy = true;
    this.actionError = null;
    try {
      await this.session!.ban(requests);
      this.banning = null;
      this.announce(
        `Banned ${requests.map((r) => (r.kind === 'reader' ? 'the reader' : 'the email')).join(' and ')}. Press u to undo.`,
      );
      this.dispatchEvent(new ChimeModerationEvent('ban', [c.id]));
      this.#focusItem(c.id);
    } catch (e) {
      this.actionError = this.reportError(e);
    } finally {
      this.busy = false;
    }
  }

  async #undo(): Promise<void> {
    const entry = this.#state?.undo;
    if (!entry || this.busy) return;
    this.busy = true;
    try {
      await this.session!.undo();
      this.announce(`Undone: ${DONE[entry.what.action].toLowerCase()}.`);
      this.dispatchEvent(new ChimeModerationEvent('undo', []));
      if (entry.what.action === 'page' && this.pageInfo) await this.#lookUp(this.pageInfo.page);
    } catch (e) {
      this.actionError = this.reportError(e);
    } finally {
      this.busy = false;
    }
  }

  // ---- page settings ----

  async #lookUp(page: string): Promise<void> {
    page = page.trim();
    this.pageError = null;
    if (!page) {
      this.pageError = new ChimeError('validation', 'Enter a page id, such as /2026/05/story.');
      return;
    }
    this.pageBusy = true;
    try {
      this.pageInfo = await this.session!.api.page(page);
    } catch (e) {
      this.pageError = this.reportError(e);
    } finally {
      this.pageBusy = false;
    }
  }

  async #togglePage(key: 'commentsClosed' | 'ratingClosed'): Promise<void> {
    const info = this.pageInfo!;
    const closed = key === 'commentsClosed' ? !info.comments.closed : !info.rating.closed;
    this.pageBusy = true;
    this.pageError = null;
    try {
      this.pageInfo = await this.session!.setPage(info, { [key]: closed });
      const what = key === 'commentsClosed' ? 'Comments' : 'Rating';
      this.announce(`${what} ${closed ? 'closed' : 'reopened'} for ${info.page}. Press u to undo.`);
      this.dispatchEvent(new ChimeModerationEvent('page', []));
    } catch (e) {
      this.pageError = this.reportError(e);
    } finally {
      this.pageBusy = false;
    }
  }

  // ---- rendering ----

  // Derived before rendering: setting state in `updated` would schedule a second update (lit's
  // change-in-update warning).
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // The token was revoked (or the sign-in expired) while the console was open.
    if (this.#state?.live === 'unauthorized') {
      this.#signOut();
      this.authError = new ChimeError('unauthorized', 'Signed out.');
      return;
    }
    // Another moderator (or the live channel) removed the comment that had focus: keep the place.
    const items = this.#items();
    if (this.active && !items.some((c) => c.id === this.active) && this.tab !== 'log' && !this.busy)
      this.active = items[0]?.id ?? null;
  }

  override render(): TemplateResult {
    return html`${this.session ? this.#renderConsole() : this.#renderSignIn()}${this.renderAnnouncer()}`;
  }

  #renderSignIn(): TemplateResult {
    const e = this.authError;
    const message = !e
      ? ''
      : e.code === 'unauthorized'
        ? 'That token was not accepted. Check the admin token (--admin-token or CHIME_ADMIN_TOKEN) and try again.'
        : e.code === 'forbidden'
          ? 'This sign-in is not a moderator’s. Ask for the moderator role or use the admin token.'
          : this.errorMessage(e);
    return html`<form
      class="signin"
      part="signin"
      aria-labelledby="signin-title"
      novalidate
      @submit=${(ev: SubmitEvent) => {
        ev.preventDefault();
        const input = (ev.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
        if (!input.value.trim()) {
          this.authError = new ChimeError('validation', 'Enter the admin token to sign in.');
          input.focus();
          return;
        }
        void this.#signIn(input.value.trim(), false);
      }}
    >
      <h2 id="signin-title">Sign in to moderate</h2>
      <p class="hint">Use the server’s admin token. Moderators signed in on the publisher’s site arrive signed in.</p>
      <label for="token">Admin token</label>
      <input
        id="token"
        name="token"
        type="password"
        autocomplete="current-password"
        spellcheck="false"
        aria-invalid=${e ? 'true' : 'false'}
        aria-describedby=${e ? 'signin-error' : nothing}
      />
      ${e ? html`<div class="error" role="alert" part="error" id="signin-error"><p>${message}</p></div>` : nothing}
      <button type="submit" class="primary" ?disabled=${this.signingIn}>${this.signingIn ? 'Signing in…' : 'Sign in'}</button>
    </form>`;
  }

  #renderConsole(): TemplateResult {
    const s = this.#state!;
    const live = {
      off: 'Not live',
      connecting: 'Connecting…',
      open: 'Live',
      reconnecting: 'Reconnecting…',
      unauthorized: 'Not live: signed out',
    }[s.live];
    return html`<div class="top">
        <p class="live ${s.live}"><span class="dot" aria-hidden="true"></span>${live}</p>
        <button type="button" @click=${() => this.help.showModal()} aria-keyshortcuts="?">Keyboard shortcuts</button>
        <button type="button" @click=${() => this.#signOut()}>Sign out</button>
      </div>
      <div role="tablist" aria-label="Moderation queues" part="tabs" @keydown=${this.#onTabKey}>
        ${TABS.map((tab) => {
          const count = tab === 'log' || tab === 'recent' ? null : s.counts?.[tab];
          const label =
            count == null ? TAB_NAMES[tab] : `${TAB_NAMES[tab]} (${count >= 1000 ? '1000+' : this.formatNumber(count)})`;
          return html`<button
            type="button"
            role="tab"
            id="tab-${tab}"
            aria-selected=${tab === this.tab ? 'true' : 'false'}
            aria-controls="panel"
            tabindex=${tab === this.tab ? 0 : -1}
            @click=${() => this.#select(tab)}
          >
            ${label}
          </button>`;
        })}
      </div>
      <div role="tabpanel" id="panel" aria-labelledby="tab-${this.tab}" tabindex="-1">
        ${this.tab === 'log' ? this.#renderLog(s) : this.#renderQueue(s, this.tab)}
      </div>
      ${this.#renderPages()} ${this.#renderUndo(s)} ${this.#renderHelp()}`;
  }

  #renderQueue(s: ModerationState, queue: Queue): TemplateResult {
    const q = s.queues[queue];
    if (q.error && !q.items.length) return this.renderError(q.error, () => void this.session!.load(queue));
    if (!q.loaded) return html`<p class="muted">Loading…</p>`;
    const all = q.items.length > 0 && q.items.every((c) => this.selected.has(c.id));
    const activeId = q.items.some((c) => c.id === this.active) ? this.active : q.items[0]?.id;
    return html`<h2 class="sr-only">${TAB_NAMES[queue]} comments</h2>
      ${this.actionError ? this.renderError(this.actionError) : nothing}
      ${
        q.items.length
          ? html`<div class="toolbar">
              <label class="check"
                ><input
                  type="checkbox"
                  .checked=${all}
                  @change=${(e: Event) => {
                    this.selected = (e.target as HTMLInputElement).checked ? new Set(q.items.map((c) => c.id)) : new Set();
                  }}
                />
                Select all</label
              >
              ${
                this.selected.size
                  ? html`<span class="count">${plural(this.selected.size, 'selected', 'selected')}</span> ${ACTIONS.map(
                        (a) =>
                          html`<button
                            type="button"
                            class=${a.action}
                            ?disabled=${this.busy}
                            @click=${() => void this.#act(a.action)}
                          >
                            ${a.label} selected
                          </button>`,
                      )}`
                  : nothing
              }
            </div>`
          : html`<p class="empty">${EMPTY[queue]}</p>`
      }
      <ul class="items" aria-label="${TAB_NAMES[queue]} comments">
        ${repeat(
          q.items,
          (c) => c.id,
          (c) => html`<li>${this.#renderItem(s, queue, c, c.id === activeId)}</li>`,
        )}
      </ul>
      ${
        q.nextCursor
          ? html`<button type="button" class="more" ?disabled=${q.loading} @click=${() => void this.session!.load(queue, true)}>
              ${q.loading ? 'Loading…' : 'Load more'}
            </button>`
          : nothing
      }
      ${q.error && q.items.length ? this.renderError(q.error, () => void this.session!.load(queue, true)) : nothing}`;
  }

  #pageHref(c: Comment): string {
    const base = this.site ?? location.href;
    try {
      return new URL(c.page, base).href.replace(/#.*$/, '') + `#comment-${c.id}`;
    } catch {
      return `#comment-${c.id}`;
    }
  }

  #renderItem(s: ModerationState, queue: Queue, c: Comment, tabbable: boolean): TemplateResult {
    const m = c.moderation;
    const parent = c.parentId ? s.parents[c.parentId] : undefined;
    const time = new Date(c.createdAt);
    const name = c.author.name || 'Deleted comment';
    return html`<article
      id="item-${c.id}"
      class="item ${this.selected.has(c.id) ? 'selected' : ''}"
      part="item"
      tabindex=${tabbable ? 0 : -1}
      aria-labelledby="by-${c.id}"
      aria-describedby="meta-${c.id}"
      @focus=${() => (this.active = c.id)}
    >
      <header>
        <input
          type="checkbox"
          aria-label="Select comment by ${name}"
          .checked=${this.selected.has(c.id)}
          @change=${() => this.#toggle(c.id)}
        />
        <h3 id="by-${c.id}">${name}</h3>
        ${
          queue === 'recent' || c.status !== (queue === 'spam' ? 'spam' : queue === 'pending' ? 'pending' : 'published')
            ? html`<span class="status ${c.status}">${STATUS[c.status]}</span>`
            : nothing
        }
      </header>
      <p class="meta" id="meta-${c.id}">
        ${m?.email ? html`<span>${m.email}</span>` : nothing}
        ${m ? html`<span>Reader <code>${m.readerId}</code></span>` : nothing}
        <span
          ><time datetime=${c.createdAt}
            >${time.toLocaleString(this.languageTag, { dateStyle: 'medium', timeStyle: 'short' })}</time
          ></span
        >
        <span>on <a href=${this.#pageHref(c)} target="_blank" rel="noopener">${c.page}</a></span>
      </p>
      ${
        parent
          ? html`<figure class="context">
              <figcaption>In reply to ${parent.author.name || 'a deleted comment'}</figcaption>
              <blockquote class="body">${renderMarkdown(parent.body)}</blockquote>
            </figure>`
          : c.parentId && parent === null
            ? html`<p class="context muted">In reply to a comment that no longer exists.</p>`
            : nothing
      }
      ${
        c.anchor?.quote
          ? html`<figure class="context">
              <figcaption>${c.anchor.feedbackId ? 'Answer on the passage' : 'On the passage'}</figcaption>
              <blockquote>${c.anchor.quote}</blockquote>
            </figure>`
          : nothing
      }
      <div class="body" part="body">${renderMarkdown(c.body)}</div>
      ${
        m?.reports
          ? html`<div class="reports">
              <p>${plural(m.reports, 'report')}</p>
              <ul>
                ${m.reasons.map((r) => html`<li>${r}</li>`)}
              </ul>
            </div>`
          : nothing
      }
      <div class="actions" role="group" aria-label="Actions on the comment by ${name}">
        ${ACTIONS.filter((a) => a.status !== c.status || (a.action === 'approve' && (m?.reports ?? 0) > 0)).map(
          (a) =>
            html`<button
              type="button"
              class=${a.action}
              ?disabled=${this.busy}
              aria-keyshortcuts=${a.key || nothing}
              @click=${() => void this.#act(a.action, c.id)}
            >
              ${a.label}
            </button>`,
        )}
        ${
          m
            ? html`<button
                type="button"
                class="ban"
                aria-expanded=${this.banning === c.id ? 'true' : 'false'}
                aria-controls="ban-${c.id}"
                @click=${() => {
                  this.banning = this.banning === c.id ? null : c.id;
                  if (this.banning)
                    void this.updateComplete.then(() =>
                      this.renderRoot.querySelector<HTMLElement>(`#ban-${CSS.escape(c.id)} input`)?.focus(),
                    );
                }}
              >
                Ban…
              </button>`
            : nothing
        }
      </div>
      ${this.banning === c.id && m ? this.#renderBan(c) : nothing}
    </article>`;
  }

  #renderBan(c: Comment): TemplateResult {
    const m = c.moderation!;
    return html`<form
      class="ban-form"
      id="ban-${c.id}"
      aria-label="Ban ${c.author.name}"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        void this.#ban(c, e.target as HTMLFormElement);
      }}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        this.banning = null;
        this.#focusItem(c.id);
      }}
    >
      <fieldset>
        <legend>Ban</legend>
        <label class="check"><input type="checkbox" name="reader" checked /> Reader <code>${m.readerId}</code></label>
        ${m.email ? html`<label class="check"><input type="checkbox" name="email" checked /> Email ${m.email}</label>` : nothing}
      </fieldset>
      <label for="duration-${c.id}">Duration</label>
      <select id="duration-${c.id}" name="duration">
        ${DURATIONS.map(([label, ms]) => html`<option value=${ms}>${label}</option>`)}
      </select>
      <label for="reason-${c.id}">Reason (optional, for the log)</label>
      <input id="reason-${c.id}" name="reason" maxlength="500" />
      <div class="buttons">
        <button type="submit" class="danger" ?disabled=${this.busy}>Ban</button>
        <button
          type="button"
          @click=${() => {
            this.banning = null;
            this.#focusItem(c.id);
          }}
        >
          Cancel
        </button>
      </div>
    </form>`;
  }

  #renderLog(s: ModerationState): TemplateResult {
    const log = s.log;
    if (log.error && !log.items.length) return this.renderError(log.error, () => void this.session!.loadLog());
    if (!log.loaded) return html`<p class="muted">Loading…</p>`;
    if (!log.items.length) return html`<p class="empty">No moderator actions yet.</p>`;
    const row = (e: AuditEntry) =>
      html`<tr>
        <td>
          <time datetime=${new Date(e.at).toISOString()}
            >${new Date(e.at).toLocaleString(this.languageTag, { dateStyle: 'medium', timeStyle: 'medium' })}</time
          >
        </td>
        <td>${e.actor === 'admin' ? 'Admin token' : e.actor}</td>
        <td>${LOG_ACTIONS[e.action] ?? e.action}</td>
        <td><code>${e.target}</code></td>
        <td>${e.detail ?? ''}</td>
      </tr>`;
    return html`<table class="log">
        <caption class="sr-only">
          Moderator actions, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Target</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(log.items, (e) => e.id, row)}
        </tbody>
      </table>
      ${
        log.nextCursor
          ? html`<button type="button" class="more" ?disabled=${log.loading} @click=${() => void this.session!.loadLog(true)}>
              Load more
            </button>`
          : nothing
      }`;
  }

  #renderPages(): TemplateResult {
    const info = this.pageInfo;
    return html`<section class="pages" aria-labelledby="pages-title">
      <h2 id="pages-title">Page settings</h2>
      <form
        class="lookup"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          void this.#lookUp(((e.target as HTMLFormElement).elements.namedItem('page') as HTMLInputElement).value);
        }}
      >
        <label for="page-id">Page</label>
        <input
          id="page-id"
          name="page"
          placeholder="/2026/05/story"
          aria-describedby=${this.pageError ? 'page-error' : nothing}
        />
        <button type="submit" ?disabled=${this.pageBusy}>Look up</button>
      </form>
      ${this.pageError ? html`<div class="error" role="alert" part="error" id="page-error"><p>${this.errorMessage(this.pageError)}</p></div>` : nothing}
      ${
        info
          ? html`<dl class="settings">
              <dt>Page</dt>
              <dd>
                <code>${info.page}</code> · ${plural(info.comments.count, 'comment')} · ${plural(info.rating.count, 'rating')}
              </dd>
              <dt>Comments</dt>
              <dd>
                ${info.comments.closed ? 'Closed' : 'Open'}
                <button type="button" ?disabled=${this.pageBusy} @click=${() => void this.#togglePage('commentsClosed')}>
                  ${info.comments.closed ? 'Reopen comments' : 'Close comments'}
                </button>
              </dd>
              <dt>Rating</dt>
              <dd>
                ${info.rating.closed ? 'Closed' : 'Open'}
                <button type="button" ?disabled=${this.pageBusy} @click=${() => void this.#togglePage('ratingClosed')}>
                  ${info.rating.closed ? 'Reopen rating' : 'Close rating'}
                </button>
              </dd>
            </dl>`
          : nothing
      }
    </section>`;
  }

  #renderUndo(s: ModerationState): TemplateResult | typeof nothing {
    const u = s.undo;
    if (!u) return nothing;
    const what =
      u.what.action === 'page'
        ? DONE.page
        : `${DONE[u.what.action]}: ${plural(u.what.count, u.what.action === 'ban' ? 'ban' : 'comment')}`;
    return html`<div class="undo" part="undo">
      <p>${what}.</p>
      <button type="button" aria-keyshortcuts="u" ?disabled=${this.busy} @click=${() => void this.#undo()}>Undo</button>
    </div>`;
  }

  #renderHelp(): TemplateResult {
    return html`<dialog aria-labelledby="keys-title" @close=${() => this.#focusItem(this.active)}>
      <h2 id="keys-title">Keyboard shortcuts</h2>
      <p>They work while the focus is in the console and not in a text field.</p>
      <dl class="keys">
        ${KEYS.map(
          ([key, what]) =>
            html`<dt><kbd>${key}</kbd></dt>
              <dd>${what}</dd>`,
        )}
      </dl>
      <p>Arrow keys move between tabs. Tab reaches every button.</p>
      <form method="dialog"><button type="submit" class="primary">Close</button></form>
    </dialog>`;
  }
}
