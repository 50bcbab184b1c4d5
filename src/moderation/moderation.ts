import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ChimeError, type Comment, type PageSummary } from '../backend/contract.js';
import { ChimeElement } from '../internal/chime-element.js';
import { currentConfig } from '../internal/config.js';
import { addEnglish, addLoader, loadLocale, type Locale, type Messages } from '../internal/i18n.js';
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
import messages from './i18n/en.js';
import { styles } from './moderation.styles.js';

type Tab = Queue | 'log';
const TABS: Tab[] = [...QUEUES, 'log'];
const ACTIONS: { action: Action; key: string; status: string }[] = [
  { action: 'approve', key: 'a', status: 'published' },
  { action: 'reject', key: 'r', status: 'rejected' },
  { action: 'spam', key: 's', status: 'spam' },
  { action: 'delete', key: '', status: 'deleted' },
];
const DAY = 86_400_000;
const DURATIONS = [0, 1, 7, 30];
/** Shortcut keys and what they do (message keys). */
const KEYS: [string, string][] = [
  ['j', 'moderation.keys.next'],
  ['k', 'moderation.keys.previous'],
  ['a', 'moderation.approve'],
  ['r', 'moderation.reject'],
  ['s', 'moderation.spam'],
  ['x', 'moderation.keys.select'],
  ['u', 'moderation.keys.undo'],
  ['?', 'moderation.keys.help'],
];
/** Languages other than English, loaded on demand by the console only (never by reader pages). */
const LOCALES: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Messages }>> = {
  de: () => import('./i18n/de.js'),
  fr: () => import('./i18n/fr.js'),
  es: () => import('./i18n/es.js'),
  uk: () => import('./i18n/uk.js'),
  ar: () => import('./i18n/ar.js'),
};
const STORAGE_KEY = 'chime:moderation:';

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

  static {
    addEnglish(messages);
    addLoader((locale) => LOCALES[locale]());
  }

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

  override settingsChanged(): void {
    super.settingsChanged();
    // The base loads a language only when the readers' part is missing: the console's own part may
    // be (the page's reader elements loaded the language before the console was defined).
    if (this.isConnected && this.locale !== 'en') void loadLocale(this.locale).then(() => this.requestUpdate());
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
    this.announce(this.t('moderation.signedIn'));
  }

  #signOut(): void {
    this.#storage()?.removeItem(STORAGE_KEY + this.#base());
    this.session?.stop();
    this.session = null;
    this.#store.store = atom(null);
    this.selected = new Set();
    this.pageInfo = null;
    this.announce(this.t('moderation.signedOut'));
  }

  #notice(kind: string): void {
    if (kind === 'pending' || kind === 'reported') this.announce(this.t(`moderation.notice.${kind}`));
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
    // On a Cyrillic or Arabic layout the J key types "о" or "ت": go by the key's place then.
    const latin = /^[a-z]$/i.test(e.key) || !/^Key[A-Z]$/.test(e.code);
    const handler = handlers[latin ? e.key : e.code.slice(3).toLowerCase()];
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
    this.announce(this.t(selected.has(id) ? 'moderation.selected' : 'moderation.unselected', { count: selected.size }));
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
      this.announce(this.#acted('moderation.acted', action, ids.length));
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
      this.actionError = new ChimeError('validation', this.t('moderation.ban.choose'));
      return;
    }
    this.busy = true;
    this.actionError = null;
    try {
      await this.session!.ban(requests);
      this.banning = null;
      this.announce(this.t(`moderation.banned.${requests.length > 1 ? 'both' : requests[0]!.kind}`));
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
      this.announce(this.t(`moderation.undone.${entry.what.action}`));
      this.dispatchEvent(new ChimeModerationEvent('undo', []));
      if (entry.what.action === 'page' && this.pageInfo) await this.#lookUp(this.pageInfo.page);
    } catch (e) {
      this.actionError = this.reportError(e);
    } finally {
      this.busy = false;
    }
  }

  /** "Approved: 2 comments" inside `key` (the announcement, the Undo bar). */
  #acted(key: string, action: Action | 'ban', count: number): string {
    const things = this.t(action === 'ban' ? 'moderation.bans' : 'moderation.comments', { count });
    return this.t(key, { done: this.t(`moderation.done.${action}`), count: things });
  }

  // ---- page settings ----

  async #lookUp(page: string): Promise<void> {
    page = page.trim();
    this.pageError = null;
    if (!page) {
      this.pageError = new ChimeError('validation', this.t('moderation.pages.required', { example: '/2026/05/story' }));
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
      const what = key === 'commentsClosed' ? 'comments' : 'rating';
      this.announce(this.t(`moderation.pages.${what}${closed ? 'Closed' : 'Reopened'}`, { page: info.page }));
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
      this.authError = new ChimeError('unauthorized', this.t('moderation.signedOut'));
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
        ? this.t('moderation.signin.unauthorized')
        : e.fields?.token === 'required'
          ? this.t('moderation.signin.required')
          : e.code === 'forbidden'
            ? this.t('moderation.signin.forbidden')
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
          // Said at render time, so it follows a change of language.
          this.authError = new ChimeError('validation', 'Enter the admin token.', { fields: { token: 'required' } });
          input.focus();
          return;
        }
        void this.#signIn(input.value.trim(), false);
      }}
    >
      <h2 id="signin-title">${this.t('moderation.signin.title')}</h2>
      <p class="hint">${this.t('moderation.signin.hint')}</p>
      <label for="token">${this.t('moderation.signin.token')}</label>
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
      <button type="submit" class="primary" ?disabled=${this.signingIn}>
        ${this.t(this.signingIn ? 'moderation.signin.busy' : 'moderation.signin.submit')}
      </button>
    </form>`;
  }

  #renderConsole(): TemplateResult {
    const s = this.#state!;
    return html`<div class="top">
        <p class="live ${s.live}"><span class="dot" aria-hidden="true"></span>${this.t(`moderation.live.${s.live}`)}</p>
        <button type="button" @click=${() => this.help.showModal()} aria-keyshortcuts="?">${this.t('moderation.keys')}</button>
        <button type="button" @click=${() => this.#signOut()}>${this.t('moderation.signOut')}</button>
      </div>
      <div role="tablist" aria-label=${this.t('moderation.queues')} part="tabs" @keydown=${this.#onTabKey}>
        ${TABS.map((tab) => {
          const count = tab === 'log' || tab === 'recent' ? null : s.counts?.[tab];
          const name = this.t(`moderation.tab.${tab}`);
          const label = count == null ? name : this.t('moderation.tab.count', { tab: name, count });
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
    if (!q.loaded) return html`<p class="muted">${this.t('common.loading')}</p>`;
    const all = q.items.length > 0 && q.items.every((c) => this.selected.has(c.id));
    const activeId = q.items.some((c) => c.id === this.active) ? this.active : q.items[0]?.id;
    const title = this.t(`moderation.queue.${queue}`);
    return html`<h2 class="sr-only">${title}</h2>
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
                ${this.t('moderation.selectAll')}</label
              >
              ${
                this.selected.size
                  ? html`<span class="count">${this.t('moderation.selectedCount', { count: this.selected.size })}</span>
                      ${ACTIONS.map(
                        (a) =>
                          html`<button
                            type="button"
                            class=${a.action}
                            ?disabled=${this.busy}
                            @click=${() => void this.#act(a.action)}
                          >
                            ${this.t(`moderation.bulk.${a.action}`)}
                          </button>`,
                      )}`
                  : nothing
              }
            </div>`
          : html`<p class="empty">${this.t(`moderation.empty.${queue}`)}</p>`
      }
      <ul class="items" aria-label=${title}>
        ${repeat(
          q.items,
          (c) => c.id,
          (c) => html`<li>${this.#renderItem(s, queue, c, c.id === activeId)}</li>`,
        )}
      </ul>
      ${
        q.nextCursor
          ? html`<button type="button" class="more" ?disabled=${q.loading} @click=${() => void this.session!.load(queue, true)}>
              ${this.t(q.loading ? 'common.loading' : 'moderation.more')}
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
    const name = c.author.name || this.t('moderation.item.deleted');
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
          aria-label=${this.t('moderation.item.select', { name })}
          .checked=${this.selected.has(c.id)}
          @change=${() => this.#toggle(c.id)}
        />
        <h3 id="by-${c.id}" dir="auto">${name}</h3>
        ${
          queue === 'recent' || c.status !== (queue === 'spam' ? 'spam' : queue === 'pending' ? 'pending' : 'published')
            ? html`<span class="status ${c.status}">${this.t(`moderation.status.${c.status}`)}</span>`
            : nothing
        }
      </header>
      <p class="meta" id="meta-${c.id}">
        ${m?.email ? html`<span class="ltr">${m.email}</span>` : nothing}
        ${m ? html`<span>${this.t('moderation.reader')} <code>${m.readerId}</code></span>` : nothing}
        <span
          ><time datetime=${c.createdAt}
            >${time.toLocaleString(this.languageTag, { dateStyle: 'medium', timeStyle: 'short' })}</time
          ></span
        >
        <span
          >${this.t('moderation.item.on')}
          <a class="ltr" href=${this.#pageHref(c)} target="_blank" rel="noopener">${c.page}</a></span
        >
      </p>
      ${
        parent
          ? html`<figure class="context">
              <figcaption>
                ${
                  parent.author.name
                    ? this.t('moderation.item.replyTo', { name: parent.author.name })
                    : this.t('moderation.item.replyToDeleted')
                }
              </figcaption>
              <blockquote class="body" dir="auto">${renderMarkdown(parent.body)}</blockquote>
            </figure>`
          : c.parentId && parent === null
            ? html`<p class="context muted">${this.t('moderation.item.replyToGone')}</p>`
            : nothing
      }
      ${
        c.anchor?.quote
          ? html`<figure class="context">
              <figcaption>${this.t(c.anchor.feedbackId ? 'moderation.item.answer' : 'moderation.item.passage')}</figcaption>
              <blockquote dir="auto">${c.anchor.quote}</blockquote>
            </figure>`
          : nothing
      }
      <div class="body" part="body" dir="auto">${renderMarkdown(c.body)}</div>
      ${
        m?.reports
          ? html`<div class="reports">
              <p>${this.t('moderation.item.reports', { count: m.reports })}</p>
              <ul>
                ${m.reasons.map((r) => html`<li dir="auto">${r}</li>`)}
              </ul>
            </div>`
          : nothing
      }
      <div class="actions" role="group" aria-label=${this.t('moderation.item.actions', { name })}>
        ${ACTIONS.filter((a) => a.status !== c.status || (a.action === 'approve' && (m?.reports ?? 0) > 0)).map(
          (a) =>
            html`<button
              type="button"
              class=${a.action}
              ?disabled=${this.busy}
              aria-keyshortcuts=${a.key || nothing}
              @click=${() => void this.#act(a.action, c.id)}
            >
              ${this.t(`moderation.${a.action}`)}
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
                ${this.t('moderation.ban.open')}
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
      aria-label=${this.t('moderation.ban.form', { name: c.author.name })}
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
        <legend>${this.t('moderation.ban')}</legend>
        <label class="check"
          ><input type="checkbox" name="reader" checked /> ${this.t('moderation.reader')} <code>${m.readerId}</code></label
        >
        ${
          m.email
            ? html`<label class="check"
                ><input type="checkbox" name="email" checked /> ${this.t('moderation.ban.email')}
                <span class="ltr">${m.email}</span></label
              >`
            : nothing
        }
      </fieldset>
      <label for="duration-${c.id}">${this.t('moderation.ban.duration')}</label>
      <select id="duration-${c.id}" name="duration">
        ${DURATIONS.map(
          (days) =>
            html`<option value=${days * DAY}>
              ${days ? this.t('moderation.ban.days', { count: days }) : this.t('moderation.ban.forever')}
            </option>`,
        )}
      </select>
      <label for="reason-${c.id}">${this.t('moderation.ban.reason')}</label>
      <input id="reason-${c.id}" name="reason" maxlength="500" />
      <div class="buttons">
        <button type="submit" class="danger" ?disabled=${this.busy}>${this.t('moderation.ban')}</button>
        <button
          type="button"
          @click=${() => {
            this.banning = null;
            this.#focusItem(c.id);
          }}
        >
          ${this.t('common.cancel')}
        </button>
      </div>
    </form>`;
  }

  #renderLog(s: ModerationState): TemplateResult {
    const log = s.log;
    if (log.error && !log.items.length) return this.renderError(log.error, () => void this.session!.loadLog());
    if (!log.loaded) return html`<p class="muted">${this.t('common.loading')}</p>`;
    if (!log.items.length) return html`<p class="empty">${this.t('moderation.log.empty')}</p>`;
    const row = (e: AuditEntry) =>
      html`<tr>
        <td>
          <time datetime=${new Date(e.at).toISOString()}
            >${new Date(e.at).toLocaleString(this.languageTag, { dateStyle: 'medium', timeStyle: 'medium' })}</time
          >
        </td>
        <td>${e.actor === 'admin' ? this.t('moderation.log.admin') : e.actor}</td>
        <td>${this.#logAction(e.action)}</td>
        <td><code>${e.target}</code></td>
        <td dir="auto">${this.#logDetail(e)}</td>
      </tr>`;
    return html`<table class="log">
        <caption class="sr-only">
          ${this.t('moderation.log.caption')}
        </caption>
        <thead>
          <tr>
            ${['when', 'who', 'what', 'target', 'detail'].map((h) => html`<th scope="col">${this.t(`moderation.log.${h}`)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${repeat(log.items, (e) => e.id, row)}
        </tbody>
      </table>
      ${
        log.nextCursor
          ? html`<button type="button" class="more" ?disabled=${log.loading} @click=${() => void this.session!.loadLog(true)}>
              ${this.t('moderation.more')}
            </button>`
          : nothing
      }`;
  }

  /** An entry's facts in the console's language, from its data; else the server's words. */
  #logDetail({ action, data, detail }: AuditEntry): string {
    if (!data) return detail ?? '';
    if (action.startsWith('status:') && typeof data.from === 'string')
      return this.t('moderation.logDetail.was', { status: this.t(`moderation.status.${data.from}`) });
    if (action.startsWith('reports:') && typeof data.count === 'number')
      return this.t('moderation.item.reports', { count: data.count });
    if (action === 'ban') {
      const until = typeof data.until === 'number' ? new Date(data.until) : null;
      const end = until
        ? this.t('moderation.logDetail.until', {
            date: until.toLocaleString(this.languageTag, { dateStyle: 'medium', timeStyle: 'short' }),
          })
        : this.t('moderation.ban.forever');
      return [data.reason, end].filter(Boolean).join(' · ');
    }
    if (action === 'page') {
      const state = (closed: unknown) => this.t(closed ? 'moderation.pages.closed' : 'moderation.pages.open');
      return [
        'commentsClosed' in data ? `${this.t('moderation.pages.comments')}: ${state(data.commentsClosed)}` : '',
        'ratingClosed' in data ? `${this.t('moderation.pages.rating')}: ${state(data.ratingClosed)}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
    }
    return detail ?? '';
  }

  /** `status:spam` → "Marked as spam"; an action this console does not know shows as it is. */
  #logAction(action: string): string {
    const key = `moderation.log.${action.replace(/^(status|reports):/, '').replace(/^delete$/, 'deleted')}`;
    const text = this.t(key);
    return text === key ? action : text;
  }

  #renderPages(): TemplateResult {
    const info = this.pageInfo;
    return html`<section class="pages" aria-labelledby="pages-title">
      <h2 id="pages-title">${this.t('moderation.pages')}</h2>
      <form
        class="lookup"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          void this.#lookUp(((e.target as HTMLFormElement).elements.namedItem('page') as HTMLInputElement).value);
        }}
      >
        <label for="page-id">${this.t('moderation.pages.page')}</label>
        <input
          id="page-id"
          name="page"
          dir="ltr"
          placeholder="/2026/05/story"
          aria-describedby=${this.pageError ? 'page-error' : nothing}
        />
        <button type="submit" ?disabled=${this.pageBusy}>${this.t('moderation.pages.lookUp')}</button>
      </form>
      ${this.pageError ? html`<div class="error" role="alert" part="error" id="page-error"><p>${this.errorMessage(this.pageError)}</p></div>` : nothing}
      ${
        info
          ? html`<dl class="settings">
              <dt>${this.t('moderation.pages.page')}</dt>
              <dd>
                <code>${info.page}</code> · ${this.t('moderation.comments', { count: info.comments.count })} ·
                ${this.t('moderation.pages.ratings', { count: info.rating.count })}
              </dd>
              <dt>${this.t('moderation.pages.comments')}</dt>
              <dd>
                ${this.t(info.comments.closed ? 'moderation.pages.closed' : 'moderation.pages.open')}
                <button type="button" ?disabled=${this.pageBusy} @click=${() => void this.#togglePage('commentsClosed')}>
                  ${this.t(info.comments.closed ? 'moderation.pages.reopenComments' : 'moderation.pages.closeComments')}
                </button>
              </dd>
              <dt>${this.t('moderation.pages.rating')}</dt>
              <dd>
                ${this.t(info.rating.closed ? 'moderation.pages.closed' : 'moderation.pages.open')}
                <button type="button" ?disabled=${this.pageBusy} @click=${() => void this.#togglePage('ratingClosed')}>
                  ${this.t(info.rating.closed ? 'moderation.pages.reopenRating' : 'moderation.pages.closeRating')}
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
        ? `${this.t('moderation.done.page')}.`
        : this.#acted('moderation.undoBar', u.what.action, u.what.count);
    return html`<div class="undo" part="undo">
      <p>${what}</p>
      <button type="button" aria-keyshortcuts="u" ?disabled=${this.busy} @click=${() => void this.#undo()}>
        ${this.t('moderation.undo')}
      </button>
    </div>`;
  }

  #renderHelp(): TemplateResult {
    return html`<dialog aria-labelledby="keys-title" @close=${() => this.#focusItem(this.active)}>
      <h2 id="keys-title">${this.t('moderation.keys')}</h2>
      <p>${this.t('moderation.keys.when')}</p>
      <dl class="keys">
        ${KEYS.map(
          ([key, what]) =>
            html`<dt><kbd>${key}</kbd></dt>
              <dd>${this.t(what)}</dd>`,
        )}
      </dl>
      <p>${this.t('moderation.keys.tabs')}</p>
      <form method="dialog"><button type="submit" class="primary">${this.t('common.close')}</button></form>
    </dialog>`;
  }
}
