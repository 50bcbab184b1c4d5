/**
 * The thread behind `<chime-comments>`, loaded lazily: header, composers, the comment tree and
 * every reader action. It renders into the element's shadow root and keeps its state here.
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChimeError, Comment, NotifyScope, Reader, SortOrder } from '../backend/contract.js';
import { LIMITS, isValidEmail, validateComment } from '../backend/validation.js';
import { translate } from '../internal/i18n.js';
import { renderMarkdown } from '../internal/markdown.js';
import { StoreController } from '../internal/store-controller.js';
import { draftKey, find, remember, remembered, threadStore, type ThreadState, type ThreadStore } from '../stores/comments.js';
import type { PageState } from '../stores/page.js';
import type { ChimeComments } from './comments.js';
import { ChimeCommentEvent } from './events.js';

interface Form {
  body: string;
  errors: Record<string, string>;
  error: ChimeError | null;
  busy: boolean;
  notify: boolean;
}

type Input = Event & { target: HTMLInputElement };

// One timer refreshes every thread's relative times.
const views = new Set<ThreadView>();
let clock: ReturnType<typeof setInterval> | undefined;
function tick(view: ThreadView, on: boolean): void {
  if (on) views.add(view);
  else views.delete(view);
  if (views.size && !clock) clock = setInterval(() => views.forEach((v) => v.host.requestUpdate()), 30_000);
  if (!views.size && clock) clock = void clearInterval(clock);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31536e6],
  ['month', 2592e6],
  ['week', 6048e5],
  ['day', 864e5],
  ['hour', 36e5],
  ['minute', 6e4],
  ['second', 1e3],
];

const initials = (name: string) =>
  name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => [...w][0]?.toUpperCase() ?? '')
    .join('') || '?';

/** Every reply below `c`, in reading order, each with the name it answers. */
const flat = (c: Comment): { c: Comment; to: string }[] => c.replies.flatMap((r) => [{ c: r, to: c.author.name }, ...flat(r)]);

const FIELDS = ['body', 'name', 'email', 'reason'];

// Comments are immutable (changes make new objects), so their rendered bodies can be kept.
const bodies = new WeakMap<Comment, unknown>();
const markdown = (c: Comment) => {
  let body = bodies.get(c);
  if (!body) bodies.set(c, (body = renderMarkdown(c.body)));
  return body;
};

/** Auto-grow where CSS `field-sizing` is missing (set through the CSSOM, which strict CSP allows). */
const grow = (box: HTMLElement) => {
  if (CSS.supports('field-sizing', 'content')) return;
  box.style.height = 'auto';
  box.style.height = `${box.scrollHeight + 2}px`;
};

export class ThreadView implements ReactiveController {
  store?: ThreadStore;
  setupError: ChimeError | null = null;
  sort: SortOrder;
  inline = false;
  reader: Reader | null = null;
  name = remembered('name');
  email = remembered('email');
  showAll = false;
  highlight: string | null = null;
  replyTo: string | null = null;
  editing: string | null = null;
  reporting: string | null = null;
  deleting: string | null = null;
  banning: string | null = null;
  reason = '';
  reported = new Set<string>();
  notes = new Map<string, string>();
  notify = { scope: 'page' as NotifyScope, email: '', error: '', status: '', busy: false };
  #forms = new Map<string, Form>();
  #state?: StoreController<ThreadState>;
  #page?: StoreController<PageState>;
  #stopLive?: () => void;
  #key = '';
  #token?: string;
  #fresh = 0;
  #io?: IntersectionObserver;
  #observed: Element | null = null;
  #onHash = () => void this.#deepLink();

  constructor(readonly host: ChimeComments) {
    this.sort = (remembered('sort') || host.sort || 'newest') as SortOrder;
    host.addController(this);
  }

  hostConnected(): void {
    tick(this, true);
    addEventListener('hashchange', this.#onHash);
    this.#attach();
  }

  hostDisconnected(): void {
    tick(this, false);
    removeEventListener('hashchange', this.#onHash);
    this.#stopLive?.();
    this.#key = '';
    this.#io?.disconnect();
    this.#observed = null;
  }

  hostUpdate(): void {
    this.#attach();
  }

  hostUpdated(): void {
    const { host } = this;
    const fresh = this.#state?.value.fresh.length ?? 0;
    if (fresh > this.#fresh) host.announce(host.t('comments.fresh', { count: fresh }));
    this.#fresh = fresh;
    // After "View all comments", the rest loads as the reader scrolls to the end.
    const more = this.showAll ? host.renderRoot.querySelector('.more') : null;
    if (more !== this.#observed) {
      this.#io?.disconnect();
      this.#observed = more;
      if (more) {
        this.#io ??= new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && void this.#more(), {
          rootMargin: '400px 0px',
        });
        this.#io.observe(more);
      }
    }
  }

  /** Follows the element's backend, page, order and view; (re)loads when they change. */
  #attach(): void {
    const { host } = this;
    if (!host.isConnected) return;
    const key = `${String(host.backendSetting)}|${host.pageId}|${this.sort}|${this.inline}|${host.token}`;
    if (key === this.#key) return;
    this.#key = key;
    this.#stopLive?.();
    try {
      this.store = threadStore(host.backendSetting, host.pageId, this.sort, this.inline ? 'inline' : 'all');
      this.setupError = null;
    } catch (error) {
      this.setupError = host.fail(error);
      return;
    }
    if (this.#state) this.#state.store = this.store.$state;
    else this.#state = new StoreController(host, this.store.$state);
    if (this.#page) this.#page.store = this.store.page.$state;
    else this.#page = new StoreController(host, this.store.page.$state);
    this.#stopLive = this.store.connect();
    this.showAll = false;
    void this.#signIn().then(() => this.#load());
  }

  async #signIn(): Promise<void> {
    const token = this.host.token;
    if (!token || token === this.#token) return;
    this.#token = token;
    try {
      this.reader = await this.store!.signIn(token);
    } catch (error) {
      this.host.fail(error);
    }
  }

  async #load(): Promise<void> {
    await this.store!.load(this.host.pageSize);
    const { error } = this.store!.$state.get();
    if (error) this.host.fail(error);
    else await this.#deepLink();
  }

  async #more(all = false): Promise<void> {
    this.showAll = true;
    await (all ? this.store!.all() : this.store!.more(100));
    const { error } = this.store!.$state.get();
    if (error) this.host.fail(error);
  }

  /** `#comment-<id>`: loads every page if needed, then scrolls to, highlights and focuses it. */
  async #deepLink(): Promise<void> {
    const id = /^#comment-(.+)$/.exec(location.hash)?.[1];
    if (!id || !this.store) return;
    if (!find(this.store.$state.get().comments, id)) await this.#more(true);
    if (!find(this.store.$state.get().comments, id)) return;
    this.highlight = id;
    const el = await this.#focus(`#comment-${CSS.escape(id)}`);
    el?.scrollIntoView({ block: 'center' });
  }

  async #focus(selector: string): Promise<HTMLElement | null> {
    this.host.requestUpdate();
    await this.host.updateComplete;
    const el = this.host.renderRoot.querySelector<HTMLElement>(selector);
    el?.focus({ preventScroll: true });
    return el;
  }

  #update(): void {
    this.host.requestUpdate();
  }

  #form(target: string, c: Comment | null): Form {
    let form = this.#forms.get(target);
    if (!form) {
      const body = target.startsWith('edit-') ? c!.body : remembered(this.#draft(target));
      this.#forms.set(target, (form = { body, errors: {}, error: null, busy: false, notify: false }));
    }
    return form;
  }

  #draft(target: string): string {
    return draftKey(this.host.pageId, target.replace(/^reply-/, ''));
  }

  /** Field errors in the reader's language (the shared validators speak English). */
  #fieldErrors(fields: Record<string, string>): Record<string, string> {
    const { host } = this;
    const out: Record<string, string> = {};
    for (const [field, message] of Object.entries(fields)) {
      out[field] = message;
      for (const kind of ['required', 'long', 'links', 'invalid']) {
        const key = `comments.${field}.${kind}`;
        const max = field === 'name' ? LIMITS.nameMax : kind === 'links' ? LIMITS.linksMax : LIMITS.bodyMax;
        if (translate('en', key, { max: String(max) }) === message) out[field] = host.t(key, { max });
      }
    }
    return out;
  }

  async #submit(target: string, c: Comment | null, form: HTMLFormElement): Promise<void> {
    const { host } = this;
    const f = this.#form(target, c);
    if (f.busy) return;
    const edit = target.startsWith('edit-');
    const parentId = target.startsWith('reply-') ? c!.id : null;
    const guest = !this.reader && !edit;
    const notify = parentId && f.notify ? 'comment' : undefined;
    const input = {
      body: f.body,
      parentId,
      author: guest ? { name: this.name.trim(), email: this.email.trim() || undefined } : undefined,
      website: (form.elements.namedItem('website') as HTMLInputElement | null)?.value || undefined,
    };
    f.errors = this.#fieldErrors(validateComment({ ...input, notify }, guest));
    f.error = null;
    let focus = '[aria-invalid="true"]';
    if (!Object.keys(f.errors).length) {
      f.busy = true;
      host.announce(host.t('comments.posting'));
      this.#update();
      // Kept before posting, like the draft, so a failed post and a reload lose nothing.
      if (guest) {
        remember('name', this.name.trim());
        remember('email', this.email.trim());
      }
      try {
        if (edit) {
          await this.store!.edit(c!.id, f.body);
          this.editing = null;
          host.announce(host.t('comments.saved'));
          focus = `#comment-${CSS.escape(c!.id)}`;
        } else {
          const comment = await this.store!.post(input);
          remember(this.#draft(target), '');
          if (notify) void this.store!.subscribe(this.email.trim(), 'comment', parentId!).catch((e) => host.fail(e));
          if (parentId) this.replyTo = null;
          host.announce(host.t(comment.status === 'pending' ? 'comments.posted.pending' : 'comments.posted'));
          host.dispatchEvent(new ChimeCommentEvent(comment));
          focus = `#comment-${CSS.escape(comment.id)}`;
        }
        this.#forms.delete(target);
      } catch (e) {
        const error = host.fail(e);
        const fields = error.code === 'validation' && error.fields;
        if (fields && FIELDS.some((k) => k in fields)) f.errors = this.#fieldErrors(fields);
        else {
          f.error = error;
          focus = `#${CSS.escape(`f-${target}-body`)}`;
        }
        host.announce(host.errorMessage(error));
      }
      f.busy = false;
    }
    await this.#focus(focus);
  }

  async #act(c: Comment, action: () => Promise<unknown>, done?: string): Promise<boolean> {
    const { host } = this;
    this.notes.delete(c.id);
    try {
      await action();
      if (done) this.notes.set(c.id, done);
      return true;
    } catch (e) {
      this.notes.set(c.id, host.errorMessage(host.fail(e)));
      return false;
    } finally {
      const note = this.notes.get(c.id);
      if (note) host.announce(note);
      this.#update();
    }
  }

  async #subscribe(): Promise<void> {
    const { host, notify: n } = this;
    const email = (this.email || n.email).trim();
    n.error = isValidEmail(email) ? '' : host.t(email ? 'comments.email.invalid' : 'comments.email.required');
    n.status = '';
    if (!n.error) {
      n.busy = true;
      this.#update();
      try {
        const status = await this.store!.subscribe(email, n.scope);
        n.status = host.t(status === 'pending' ? 'comments.notify.pending' : 'comments.notify.confirmed');
        if (!this.email) remember('email', (this.email = email));
      } catch (e) {
        const error = host.fail(e);
        n.error = error.fields?.email ? this.#fieldErrors({ email: error.fields.email }).email! : host.errorMessage(error);
      }
      n.busy = false;
    }
    host.announce(n.error || n.status);
    if (n.error) await this.#focus('#notify-email');
    else this.#update();
  }

  render(): TemplateResult {
    const { host } = this;
    const t = host.t.bind(host);
    if (this.setupError || !this.store) return this.setupError ? host.errorBox(this.setupError) : html``;
    const s = this.#state!.value;
    const summary = this.#page!.value.summary;
    const n = this.notify;
    const select = (e: Event) => (e.target as HTMLSelectElement).value;
    return html`<header part="header">
        <h2 id="count" tabindex="-1">
          ${t('comments.count', { count: s.status === 'ready' ? s.total : (summary?.comments.count ?? s.total) })}
        </h2>
        <form class="row" novalidate @submit=${(e: Event) => (e.preventDefault(), void this.#subscribe())}>
          <label for="notify-scope">${t('comments.notify')}</label>
          <select id="notify-scope" @change=${(e: Event) => (n.scope = select(e) as NotifyScope)}>
            ${(['page', 'replies'] as const).map(
              (v) => html`<option value=${v} ?selected=${n.scope === v}>${t(`comments.notify.${v}`)}</option>`,
            )}
          </select>
          ${
            this.email
              ? nothing
              : html`<input
                  id="notify-email"
                  type="email"
                  autocomplete="email"
                  aria-label=${t('comments.notify.email')}
                  placeholder=${t('comments.notify.email')}
                  aria-invalid=${n.error ? 'true' : 'false'}
                  aria-describedby=${ifDefined(n.error ? 'notify-error' : undefined)}
                  .value=${live(n.email)}
                  @input=${(e: Input) => (n.email = e.target.value)}
                />`
          }
          <button ?disabled=${n.busy}>${t('comments.notify.submit')}</button>
          ${n.error ? html`<p id="notify-error" class="invalid">${n.error}</p>` : nothing}
          ${n.status ? html`<p class="muted">${n.status}</p>` : nothing}
        </form>
        <div class="row">
          <label for="sort">${t('comments.sort')}</label>
          <select
            id="sort"
            @change=${(e: Event) => {
              remember('sort', (this.sort = select(e) as SortOrder));
              this.#update();
            }}
          >
            ${(['newest', 'oldest', 'top'] as const).map(
              (v) => html`<option value=${v} ?selected=${this.sort === v}>${t(`comments.sort.${v}`)}</option>`,
            )}
          </select>
          <button
            type="button"
            aria-pressed=${this.inline ? 'true' : 'false'}
            @click=${() => {
              this.inline = !this.inline;
              this.#update();
            }}
          >
            ${t('comments.inline')}
          </button>
        </div>
      </header>
      ${summary?.comments.closed ? html`<p class="muted">${t('comments.closed')}</p>` : this.inline ? nothing : this.#composer('root', null)}
      ${
        s.fresh.length
          ? html`<button
              type="button"
              part="more"
              class="fresh"
              @click=${() => {
                const [first] = this.store!.showFresh();
                if (first) void this.#focus(`#comment-${CSS.escape(first.id)}`);
              }}
            >
              ${t('comments.fresh', { count: s.fresh.length })}
            </button>`
          : nothing
      }
      ${this.#list(s)}`;
  }

  #list(s: ThreadState): TemplateResult {
    const { host } = this;
    const t = host.t.bind(host);
    if (!s.comments.length) {
      if (s.status === 'error') return host.errorBox(s.error!, () => void this.#load());
      if (s.status !== 'ready')
        return html`<div class="skeleton" aria-busy="true">
          <span class="sr-only">${t('comments.loading')}</span>
          <div></div>
          <div></div>
        </div>`;
      return html`<p class="muted">${t(this.inline ? 'comments.inline.empty' : 'comments.empty')}</p>`;
    }
    return html`<ul part="list" class="list" aria-labelledby="count">
        ${this.#items(s.comments, 1)}
      </ul>
      ${s.error ? host.errorBox(s.error, () => void this.#more()) : nothing}
      ${
        s.nextCursor
          ? html`<button type="button" part="more" class="more" ?disabled=${s.loadingMore} @click=${() => void this.#more()}>
              ${t(this.showAll ? 'comments.more' : 'comments.viewAll')}
            </button>`
          : nothing
      }`;
  }

  #items(list: Comment[], depth: number): unknown {
    const t = this.host.t.bind(this.host);
    const last = depth >= Math.max(1, this.host.maxDepth);
    // At the last level the rest of the subtree lines up, each reply naming whom it answers.
    const rows = last ? list.flatMap((c) => [{ c, to: '' }, ...flat(c)]) : list.map((c) => ({ c, to: '' }));
    return repeat(
      rows,
      (r) => r.c.id,
      ({ c, to }) =>
        html`<li>
          ${this.#comment(c, to, depth)}
          ${
            !last && c.replies.length
              ? html`<ul aria-label=${t('comments.replies', { name: c.author.name || t('comments.deleted') })}>
                  ${this.#items(c.replies, depth + 1)}
                </ul>`
              : nothing
          }
        </li>`,
    );
  }

  /** "Show passage" (to the highlighted text or the publisher's question), or "The passage was changed". */
  #passage(c: Comment): unknown {
    const passages = this.host.passages;
    const status = passages?.status(c);
    if (status === 'changed') return html`<p class="muted">${this.host.t('feedback.changed')}</p>`;
    if (status !== 'found' && status !== 'feedback') return nothing;
    return html`<button type="button" @click=${() => passages!.showPassage(c.id)}>
      ${this.host.t('feedback.showPassage')}
    </button>`;
  }

  #comment(c: Comment, to: string, depth: number): TemplateResult {
    const { host } = this;
    const t = host.t.bind(host);
    const id = c.id;
    const now = Date.now();
    if (c.status === 'deleted')
      return html`<article id="comment-${id}" part="comment" class="gone" aria-labelledby="by-${id}" tabindex="-1">
        <p id="by-${id}">${t('comments.deleted')}</p>
      </article>`;
    const created = new Date(c.createdAt);
    const diff = created.getTime() - now;
    const [unit, ms] = UNITS.find(([, ms]) => Math.abs(diff) >= ms) ?? ['second', 1e3];
    const published = c.status === 'published';
    const editable = c.mine && !!c.editableUntil && Date.parse(c.editableUntil) > now;
    const vote = (value: 1 | -1, label: string, glyph: string) =>
      html`<button
        type="button"
        class="vote"
        aria-pressed=${c.myVote === value ? 'true' : 'false'}
        aria-label=${label}
        @click=${() => void this.#act(c, () => this.store!.vote(id, c.myVote === value ? 0 : value))}
      >
        ${glyph}
      </button>`;
    const button = (label: string, click: () => void) => html`<button type="button" @click=${click}>${label}</button>`;
    const open = (what: 'replyTo' | 'editing' | 'reporting' | 'deleting' | 'banning', selector: string) => () => {
      this.replyTo = this.editing = this.reporting = this.deleting = this.banning = null;
      this[what] = id;
      this.notes.delete(id);
      void this.#focus(selector);
    };
    const note = this.notes.get(id);
    return html`<article
      id="comment-${id}"
      part="comment"
      class=${this.highlight === id ? 'highlight' : ''}
      aria-labelledby="by-${id}"
      tabindex="-1"
    >
      <header class="meta" id="by-${id}">
        <span class="avatar" part="avatar" aria-hidden="true">${initials(c.author.name)}</span>
        <strong>${c.author.name}</strong>
        ${to ? html`<span class="muted">${'@' + to}</span>` : nothing}
        <time class="muted" datetime=${c.createdAt} title=${format(host.locale, Intl.DateTimeFormat, dateOptions).format(created)}
          >${format(host.locale, Intl.RelativeTimeFormat, { numeric: 'auto' }).format(Math.round(diff / ms), unit)}</time
        >
        ${c.editedAt ? html`<span class="muted">${`(${t('comments.edited')})`}</span>` : nothing}
        ${published ? nothing : html`<span class="badge">${t('comments.pending')}</span>`}
      </header>
      ${
        this.inline && depth === 1 && c.anchor
          ? html`<blockquote class="passage"><span class="sr-only">${t('comments.passage')}:</span> ${c.anchor.quote}</blockquote>
              ${this.#passage(c)}`
          : nothing
      }
      ${
        this.editing === id
          ? this.#composer(`edit-${id}`, c)
          : html`<div class="body" part="body">${markdown(c)}</div>
              <div class="actions" part="actions">
                <span class="score" aria-hidden="true">${host.formatNumber(c.score)}</span>
                <span class="sr-only">${t('comments.points', { count: c.score })}</span>
                ${published && !c.mine ? [vote(1, t('comments.upvote'), '▲'), vote(-1, t('comments.downvote'), '▼')] : nothing}
                ${published ? button(t('comments.reply'), open('replyTo', `#f-reply-${CSS.escape(id)}-body`)) : nothing}
                ${
                  c.mine || this.reported.has(id)
                    ? nothing
                    : button(t('comments.report'), open('reporting', `#report-${CSS.escape(id)}`))
                }
                ${
                  editable
                    ? [
                        button(t('comments.edit'), open('editing', `#f-edit-${CSS.escape(id)}-body`)),
                        button(t('comments.delete'), open('deleting', `#delete-${CSS.escape(id)}`)),
                      ]
                    : nothing
                }
                ${
                  // Inline moderation: the server sends moderation fields to moderators only.
                  c.moderation && !c.mine && this.store?.backend.moderate
                    ? [
                        published
                          ? nothing
                          : button(
                              t('comments.approve'),
                              () => void this.#act(c, () => this.store!.moderate(id, 'approve'), t('comments.approved')),
                            ),
                        button(t('comments.delete'), open('deleting', `#delete-${CSS.escape(id)}`)),
                        button(t('comments.ban'), open('banning', `#ban-${CSS.escape(id)}`)),
                      ]
                    : nothing
                }
              </div>`
      }
      ${note ? html`<p class="note">${note}</p>` : nothing}
      ${
        this.deleting === id
          ? html`<div class="row" role="group" aria-labelledby="confirm-${id}">
              <span id="confirm-${id}">${t('comments.delete.confirm')}</span>
              <button
                type="button"
                class="primary"
                id="delete-${id}"
                @click=${async () => {
                  this.deleting = null;
                  const done = t(c.mine ? 'comments.removed' : 'comments.removedByModerator');
                  if (await this.#act(c, () => this.store!.remove(id), done)) void this.#focus('#count');
                }}
              >
                ${t('comments.delete.yes')}
              </button>
              ${button(t('common.cancel'), () => ((this.deleting = null), void this.#focus(`#comment-${CSS.escape(id)}`)))}
            </div>`
          : nothing
      }
      ${
        this.banning === id
          ? html`<div class="row" role="group" aria-labelledby="ban-confirm-${id}">
              <span id="ban-confirm-${id}">${t('comments.ban.confirm')}</span>
              <button
                type="button"
                class="primary"
                id="ban-${id}"
                @click=${() => {
                  this.banning = null;
                  void this.#act(c, () => this.store!.moderate(id, 'ban'), t('comments.banned'));
                }}
              >
                ${t('comments.ban.yes')}
              </button>
              ${button(t('common.cancel'), () => ((this.banning = null), void this.#focus(`#comment-${CSS.escape(id)}`)))}
            </div>`
          : nothing
      }
      ${this.reporting === id ? this.#report(c) : nothing} ${this.replyTo === id ? this.#composer(`reply-${id}`, c) : nothing}
    </article>`;
  }

  #report(c: Comment): TemplateResult {
    const { host } = this;
    const t = host.t.bind(host);
    const error = this.notes.get(`report-${c.id}`);
    const close = () => {
      this.reporting = null;
      void this.#focus(`#comment-${CSS.escape(c.id)}`);
    };
    return html`<form
      class="composer"
      part="composer"
      novalidate
      aria-label=${t('comments.report')}
      @submit=${async (e: Event) => {
        e.preventDefault();
        if (!this.reason.trim()) {
          this.notes.set(`report-${c.id}`, t('comments.reason.required'));
          return void this.#focus(`#report-${CSS.escape(c.id)}`);
        }
        this.notes.delete(`report-${c.id}`);
        if (await this.#act(c, () => this.store!.report(c.id, this.reason.trim()), t('comments.reported'))) {
          this.reported.add(c.id);
          this.reason = '';
          close();
        }
      }}
    >
      <label for="report-${c.id}">${t('comments.report.reason')}</label>
      <textarea
        id="report-${c.id}"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(error ? `report-${c.id}-error` : undefined)}
        .value=${live(this.reason)}
        @input=${(e: Input) => (this.reason = e.target.value)}
      ></textarea>
      ${error ? html`<p class="invalid" id="report-${c.id}-error">${error}</p>` : nothing}
      <div class="row">
        <button class="primary">${t('comments.report.send')}</button>
        ${html`<button type="button" @click=${close}>${t('common.cancel')}</button>`}
      </div>
    </form>`;
  }

  #composer(target: string, c: Comment | null): TemplateResult {
    const { host } = this;
    const t = host.t.bind(host);
    const f = this.#form(target, c);
    const edit = target.startsWith('edit-');
    const reply = target.startsWith('reply-');
    const guest = !this.reader && !edit;
    const label = edit
      ? t('comments.edit.body')
      : reply
        ? t('comments.replyTo', { name: c!.author.name })
        : t('comments.compose');
    const idp = `f-${target}`;
    const field = (name: string) => ({
      invalid: f.errors[name] ? 'true' : 'false',
      describedby: f.errors[name] ? `${idp}-${name}-error` : undefined,
      error: f.errors[name] ? html`<p class="invalid" id="${idp}-${name}-error">${f.errors[name]}</p>` : nothing,
    });
    const body = field('body');
    const input = (name: 'name' | 'email', type: string) => {
      const x = field(name);
      return html`<div class="field">
        <label for="${idp}-${name}">${t(`comments.${name}`)}</label>
        <input
          id="${idp}-${name}"
          type=${type}
          autocomplete=${name}
          aria-invalid=${x.invalid}
          aria-describedby=${ifDefined(x.describedby)}
          .value=${live(this[name])}
          @input=${(e: Input) => (this[name] = e.target.value)}
        />
        ${x.error}
      </div>`;
    };
    const submit = (form: HTMLFormElement | null) => form && void this.#submit(target, c, form);
    // Closing a reply keeps its draft; closing an edit drops the changes.
    const cancel = () => {
      this.replyTo = this.editing = null;
      if (edit) this.#forms.delete(target);
      void this.#focus(`#comment-${CSS.escape(c!.id)}`);
    };
    return html`<form
      class="composer"
      part="composer"
      novalidate
      aria-label=${edit || reply ? label : t('comments.form')}
      aria-busy=${f.busy ? 'true' : 'false'}
      @submit=${(e: Event) => (e.preventDefault(), submit(e.target as HTMLFormElement))}
    >
      <textarea
        id="${idp}-body"
        aria-label=${label}
        placeholder=${label}
        aria-invalid=${body.invalid}
        aria-describedby=${ifDefined(body.describedby)}
        .value=${live(f.body)}
        @input=${(e: Input) => {
          f.body = e.target.value;
          grow(e.target);
          if (!edit) remember(this.#draft(target), f.body);
        }}
        @keydown=${(e: KeyboardEvent & { target: HTMLTextAreaElement }) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit(e.target.form);
          } else if (e.key === 'Escape' && c) cancel();
        }}
      ></textarea>
      ${body.error}
      ${
        guest
          ? html`<div class="row">${input('name', 'text')} ${input('email', 'email')}</div>
              <div class="hp" aria-hidden="true">
                <label for="${idp}-website">${t('comments.website')}</label>
                <input id="${idp}-website" name="website" tabindex="-1" autocomplete="off" />
              </div>`
          : nothing
      }
      ${
        reply && guest
          ? html`<label class="check"
              ><input type="checkbox" .checked=${f.notify} @change=${(e: Input) => (f.notify = e.target.checked)} />
              ${t('comments.notify.comment')}</label
            >`
          : nothing
      }
      ${f.error ? html`<p class="invalid" role="alert">${host.errorMessage(f.error)}</p>` : nothing}
      <div class="row">
        ${
          !edit && !reply && this.reader
            ? html`<span class="muted">${t('comments.signedIn', { name: this.reader.name ?? '' })}</span>`
            : nothing
        }
        <button class="primary" part="post-button" ?disabled=${f.busy}>
          ${edit ? t('comments.save') : reply ? t('comments.postReply') : t('comments.post')}
        </button>
        ${c ? html`<button type="button" @click=${cancel}>${t('common.cancel')}</button>` : nothing}
      </div>
    </form>`;
  }
}

const formats = new Map<unknown, unknown>();
const dateOptions: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' };
/** One cached formatter per locale and kind (creating them is slow; a thread has many dates). */
function format<T>(locale: string, Format: new (locale: string, options: object) => T, options: object): T {
  const key = `${locale}|${Format.name}`;
  let formatter = formats.get(key) as T | undefined;
  if (!formatter) formats.set(key, (formatter = new Format(locale, options)));
  return formatter;
}
