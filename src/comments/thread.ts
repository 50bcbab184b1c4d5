/**
 * The thread behind `<chime-comments>`, loaded lazily: header, composers, the comment tree and
 * every reader action. It renders into the element's shadow root and keeps its state here.
 */
import { html, nothing, render, type ReactiveController, type TemplateResult } from 'lit';
import type { ChimeError, Comment, NotifyScope, Reader, SortOrder } from '../backend/contract.js';
import { isValidEmail } from '../backend/validation.js';
import { renderMarkdown } from '../internal/markdown.js';
import { StoreController } from '../internal/store-controller.js';
import { find, threadStore, type ThreadState, type ThreadStore } from '../stores/comments.js';
import type { PageState } from '../stores/page.js';
import type { ChimeComments } from './comments.js';
import { Draft, remember, remembered } from './composer.js';

type Input = Event & { target: HTMLInputElement };

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
    .map((w) => [...w][0])
    .join('')
    .toUpperCase() || '?';

/** Every reply below `c`, in reading order, each with the name it answers. */
const flat = (c: Comment): { c: Comment; to: string }[] => c.replies.flatMap((r) => [{ c: r, to: c.author.name }, ...flat(r)]);

// Comments are immutable (changes make new objects), so their rendered bodies can be kept.
const bodies = new WeakMap<Comment, unknown>();
const markdown = (c: Comment) => {
  let body = bodies.get(c);
  if (!body) bodies.set(c, (body = renderMarkdown(c.body)));
  return body;
};

const formats = new Map<string, [Intl.DateTimeFormat, Intl.RelativeTimeFormat]>();
/** The date and the relative-time formatter of a locale, cached (creating them is slow; a thread has many dates). */
function format(locale: string) {
  let f = formats.get(locale);
  if (!f)
    formats.set(
      locale,
      (f = [
        new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }),
        new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
      ]),
    );
  return f;
}

export class ThreadView implements ReactiveController {
  store?: ThreadStore;
  setupError: ChimeError | null = null;
  sort: SortOrder;
  inline = false;
  reader: Reader | null = null;
  showAll = false;
  highlight: string | null = null;
  /** The one open panel (`reply`, `edit`, `report`, `delete` or `ban`) and the comment it is under. */
  panel = '';
  under = '';
  reason = '';
  reported = new Set<string>();
  notes = new Map<string, string>();
  notify = { scope: 'page' as NotifyScope, email: '', error: '', status: '', busy: false };
  #forms = new Map<string, Draft>();
  /** The lists' `<ul>`s and the comments' `<li>`s, by tag and comment id (see `#items`). */
  #nodes = new Map<string, HTMLElement>();
  #state?: StoreController<ThreadState>;
  #page?: StoreController<PageState>;
  #stopLive?: () => void;
  #key = '';
  #token?: string;
  #fresh = 0;
  #io?: IntersectionObserver;
  #observed: Element | null = null;
  #onHash = () => void this.#deepLink();
  #clock?: ReturnType<typeof setInterval>;

  constructor(readonly host: ChimeComments) {
    this.sort = (remembered('sort') || host.sort || 'newest') as SortOrder;
    host.addController(this);
  }

  hostConnected(): void {
    // Relative times ("5 minutes ago") stay current.
    this.#clock = setInterval(() => this.host.requestUpdate(), 30_000);
    addEventListener('hashchange', this.#onHash);
    this.#attach();
  }

  hostDisconnected(): void {
    clearInterval(this.#clock);
    removeEventListener('hashchange', this.#onHash);
    this.#stopLive?.();
    this.#key = '';
    this.#io?.disconnect();
    this.#observed = null;
  }

  hostUpdate(): void {
    this.#attach();
    // Announced before rendering: an announcement set after it would cost a second update.
    const { host } = this;
    const fresh = this.#state?.value.fresh.length ?? 0;
    if (fresh > this.#fresh) host.announce(host.t('comments.fresh', { count: fresh }));
    this.#fresh = fresh;
  }

  hostUpdated(): void {
    const { host } = this;
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
    this.#nodes.clear();
    this.#stopLive?.();
    try {
      this.store = threadStore(host.backendSetting, host.pageId, this.sort, this.inline ? 'inline' : 'all');
      this.setupError = null;
    } catch (error) {
      this.setupError = host.fail(error);
      return;
    }
    (this.#state ??= new StoreController(host, this.store.$state)).store = this.store.$state;
    (this.#page ??= new StoreController(host, this.store.page.$state)).store = this.store.page.$state;
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

  /** Reports the last load's failure, if any. */
  #failed(): boolean {
    const { error } = this.store!.$state.get();
    if (error) this.host.fail(error);
    return !!error;
  }

  async #load(): Promise<void> {
    await this.store!.load(this.host.pageSize);
    if (!this.#failed()) await this.#deepLink();
  }

  async #more(all = false): Promise<void> {
    this.showAll = true;
    await (all ? this.store!.all() : this.store!.more(100));
    this.#failed();
  }

  /** `#comment-<id>`: loads every page if needed, then scrolls to, highlights and focuses it. */
  async #deepLink(): Promise<void> {
    const id = /^#comment-(.+)$/.exec(location.hash)?.[1];
    if (!id || !this.store) return;
    if (!find(this.store.$state.get().comments, id)) await this.#more(true);
    if (!find(this.store.$state.get().comments, id)) return;
    this.highlight = id;
    (await this.#focus(id))?.scrollIntoView({ block: 'center' });
  }

  /** Focuses comment `id`. */
  #focus(id: string) {
    return this.host.focusOn(`#comment-${CSS.escape(id)}`);
  }

  /** Runs a reader action on `c`; its outcome (`done`, or the error) shows and is announced under `c`. */
  async #act(c: Comment, action: () => Promise<unknown>, done?: string): Promise<boolean> {
    const { host, notes } = this;
    notes.delete(c.id);
    try {
      await action();
      if (done) notes.set(c.id, done);
      return true;
    } catch (e) {
      notes.set(c.id, host.errorMessage(host.fail(e)));
      return false;
    } finally {
      const note = notes.get(c.id);
      if (note) host.announce(note);
      host.requestUpdate();
    }
  }

  async #subscribe(): Promise<void> {
    const { host, notify: n } = this;
    const root = this.#form('root');
    const email = (root.email || n.email).trim();
    n.error = isValidEmail(email) ? '' : host.t(email ? 'comments.email.invalid' : 'comments.email.required');
    n.status = '';
    if (!n.error) {
      n.busy = true;
      host.requestUpdate();
      try {
        const status = await this.store!.subscribe(email, n.scope);
        n.status = host.t(`comments.notify.${status}`);
        if (!root.email) remember('email', (root.email = email));
      } catch (e) {
        const error = host.fail(e);
        n.error = error.fields?.email
          ? host.fieldErrors({ email: error.fields.email }, 'comments').email!
          : host.errorMessage(error);
      }
      n.busy = false;
    }
    host.announce(n.error || n.status);
    if (n.error) await host.focusOn('#notify-email');
    else host.requestUpdate();
  }

  render(): TemplateResult {
    const { host, notify: n } = this;
    const t = host.t.bind(host);
    if (this.setupError || !this.store) return this.setupError ? host.errorBox(this.setupError) : html``;
    const s = this.#state!.value;
    const summary = this.#page!.value.summary;
    const choose = (id: string, values: string[], value: string, change: (value: string) => void) =>
      html`<label for=${id}>${t(`comments.${id}`)}</label>
        <select id=${id} @change=${(e: Input) => change(e.target.value)}>
          ${values.map((v) => html`<option value=${v} ?selected=${v === value}>${t(`comments.${id}.${v}`)}</option>`)}
        </select>`;
    return html`<header part="header" class="row">
        <h2 id="count" tabindex="-1">
          ${t('comments.count', { count: s.status === 'ready' ? s.total : (summary?.comments.count ?? s.total) })}
        </h2>
        <form class="row" novalidate @submit=${(e: Event) => (e.preventDefault(), void this.#subscribe())}>
          ${choose('notify', ['page', 'replies'], n.scope, (v) => (n.scope = v as NotifyScope))}
          ${
            this.#form('root').email
              ? nothing
              : html`<input
                  id="notify-email"
                  type="email"
                  autocomplete="email"
                  aria-label=${t('comments.notify.email')}
                  placeholder=${t('comments.notify.email')}
                  aria-invalid=${!!n.error}
                  aria-describedby=${n.error ? 'notify-error' : nothing}
                  .value=${n.email}
                  @input=${(e: Input) => (n.email = e.target.value)}
                />`
          }
          <button ?disabled=${n.busy}>${t('comments.notify.submit')}</button>
          ${n.error ? html`<p id="notify-error" class="invalid">${n.error}</p>` : nothing}
          ${n.status ? html`<p class="muted">${n.status}</p>` : nothing}
        </form>
        <div class="row">
          ${choose('sort', ['newest', 'oldest', 'top'], this.sort, (v) => {
            remember('sort', (this.sort = v as SortOrder));
            host.requestUpdate();
          })}
          <button
            type="button"
            aria-pressed=${this.inline}
            @click=${() => {
              this.inline = !this.inline;
              host.requestUpdate();
            }}
          >
            ${t('comments.inline')}
          </button>
        </div>
      </header>
      ${summary?.comments.closed ? html`<p class="muted">${t('comments.closed')}</p>` : this.inline ? nothing : this.#composer('root')}
      ${
        s.fresh.length
          ? html`<button
              type="button"
              part="more"
              class="fresh"
              @click=${() => {
                const [first] = this.store!.showFresh();
                if (first) void this.#focus(first.id);
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
      if (s.status !== 'ready') return host.skeleton();
      return html`<p class="muted">${t(this.inline ? 'comments.inline.empty' : 'comments.empty')}</p>`;
    }
    return html`${this.#items(s.comments, 1, '', { part: 'list', 'aria-labelledby': 'count' })}
    ${s.error ? host.errorBox(s.error, () => void this.#more()) : nothing}
    ${
      s.nextCursor
        ? html`<button type="button" part="more" class="more" ?disabled=${s.loadingMore} @click=${() => void this.#more()}>
            ${t(this.showAll ? 'comments.more' : 'comments.viewAll')}
          </button>`
        : nothing
    }`;
  }

  /** The element `<tag>` kept for comment `id`. */
  #node(tag: string, id: string): HTMLElement {
    const key = `${tag} ${id}`;
    let node = this.#nodes.get(key);
    if (!node) this.#nodes.set(key, (node = document.createElement(tag)));
    return node;
  }

  /**
   * The `<ul>` of `list` (the replies to comment `parent`, '' for the top level). Keyed by hand: a
   * comment keeps its `<li>`, which never moves when others come or go, so a live insert or delete
   * does not take an open form (and its focus) away from its comment.
   */
  #items(list: Comment[], depth: number, parent: string, attributes: Record<string, string>): HTMLElement {
    const t = this.host.t.bind(this.host);
    const last = depth >= Math.max(1, this.host.maxDepth);
    // At the last level the rest of the subtree lines up, each reply naming whom it answers.
    const rows = last ? list.flatMap((c) => [{ c, to: '' }, ...flat(c)]) : list.map((c) => ({ c, to: '' }));
    const ul = this.#node('ul', parent);
    for (const [name, value] of Object.entries(attributes)) ul.setAttribute(name, value);
    const items = rows.map(({ c, to }) => {
      const li = this.#node('li', c.id);
      render(
        html`${this.#comment(c, to, depth)}
        ${
          !last && c.replies.length
            ? this.#items(c.replies, depth + 1, c.id, {
                'aria-label': t('comments.replies', { name: c.author.name || t('comments.deleted') }),
              })
            : nothing
        }`,
        li,
      );
      return li;
    });
    // Remove the gone first, then insert the new: what stays is never moved.
    for (const li of [...ul.children]) if (!items.includes(li as HTMLElement)) li.remove();
    items.forEach((li, i) => ul.children[i] !== li && ul.insertBefore(li, ul.children[i] ?? null));
    return ul;
  }

  #comment(c: Comment, to: string, depth: number): TemplateResult {
    const { host, store } = this;
    const t = host.t.bind(host);
    const { id } = c;
    const now = Date.now();
    if (c.status === 'deleted')
      return html`<article id="comment-${id}" part="comment" aria-labelledby="by-${id}" tabindex="-1">
        <p id="by-${id}">${t('comments.deleted')}</p>
      </article>`;
    const created = new Date(c.createdAt);
    const diff = created.getTime() - now;
    const [unit, ms] = UNITS.find(([, ms]) => Math.abs(diff) >= ms) ?? ['second', 1e3];
    const [date, relative] = format(host.locale);
    const published = c.status === 'published';
    const editable = c.mine && !!c.editableUntil && Date.parse(c.editableUntil) > now;
    // Inline moderation: the server sends moderation fields to moderators only.
    const moderator = !!c.moderation && !c.mine && !!store!.backend.moderate;
    const open = this.under === id ? this.panel : '';
    const close = () => {
      this.under = '';
      void this.#focus(id);
    };
    const button = (label: string, click: () => void, primary = false) =>
      html`<button
        type="button"
        class=${primary ? 'primary' : nothing}
        id=${primary ? `${open}-${id}-body` : nothing}
        @click=${click}
      >
        ${label}
      </button>`;
    const vote = (value: 1 | -1, label: string, glyph: string) =>
      html`<button
        type="button"
        aria-pressed=${c.myVote === value}
        aria-label=${label}
        @click=${() => void this.#act(c, () => store!.vote(id, c.myVote === value ? 0 : value))}
      >
        ${glyph}
      </button>`;
    const actions = [
      published && 'reply',
      !c.mine && !this.reported.has(id) && 'report',
      editable && 'edit',
      moderator && !published && 'approve',
      (editable || moderator) && 'delete',
      moderator && 'ban',
    ].filter((a): a is string => !!a);
    /** "Delete this comment?" / "Ban this author?" with its yes and cancel. */
    const confirm = (action: () => Promise<unknown>, done: string) =>
      html`<div class="row" role="group" aria-labelledby="${open}-${id}-q">
        <span id="${open}-${id}-q">${t(`comments.${open}.confirm`)}</span>
        ${button(
          t(`comments.${open}.yes`),
          async () => {
            const deleting = open === 'delete';
            this.under = '';
            if ((await this.#act(c, action, done)) && deleting) void host.focusOn('#count');
          },
          true,
        )}
        ${button(t('common.cancel'), close)}
      </div>`;
    const note = this.notes.get(id);
    const { passages } = host;
    // Under "Inline Feedbacks", each inline comment quotes its passage.
    const anchor = this.inline && depth === 1 && c.anchor;
    const passage = anchor && passages?.status(c);
    return html`<article
      id="comment-${id}"
      part="comment"
      class=${this.highlight === id ? 'highlight' : ''}
      aria-labelledby="by-${id}"
      tabindex="-1"
    >
      <header class="row meta" id="by-${id}">
        <span class="avatar" part="avatar" aria-hidden="true">${initials(c.author.name)}</span>
        <strong dir="auto">${c.author.name}</strong>
        ${to ? html`<span class="muted" dir="auto">${`@${to}`}</span>` : nothing}
        <time class="muted" datetime=${c.createdAt} title=${date.format(created)}
          >${relative.format(Math.round(diff / ms), unit)}</time
        >
        ${c.editedAt ? html`<span class="muted">${`(${t('comments.edited')})`}</span>` : nothing}
        ${published ? nothing : html`<span class="badge">${t('comments.pending')}</span>`}
      </header>
      ${
        anchor
          ? html`<blockquote>
                <span class="sr-only">${t('comments.passage')}:</span> <span dir="auto">${anchor.quote}</span>
              </blockquote>
              ${
                // "Show passage" (to the highlighted text or the publisher's question), or "The passage was changed".
                passage === 'changed'
                  ? html`<p class="muted">${t('feedback.changed')}</p>`
                  : passage === 'found' || passage === 'feedback'
                    ? button(t('feedback.showPassage'), () => passages!.showPassage(id))
                    : nothing
              }`
          : nothing
      }
      ${
        open === 'edit'
          ? this.#composer(`edit-${id}`, c)
          : html`<div class="body" part="body" dir="auto">${markdown(c)}</div>
              <div class="row actions" part="actions">
                <span class="score" aria-hidden="true">${host.formatNumber(c.score)}</span>
                <span class="sr-only">${t('comments.points', { count: c.score })}</span>
                ${published && !c.mine ? [vote(1, t('comments.upvote'), '▲'), vote(-1, t('comments.downvote'), '▼')] : nothing}
                ${actions.map((a) =>
                  button(
                    t(`comments.${a}`),
                    a === 'approve'
                      ? () => void this.#act(c, () => store!.moderate(id, 'approve'), t('comments.approved'))
                      : () => {
                          this.panel = a;
                          this.under = id;
                          this.notes.delete(id);
                          void host.focusOn(`#${CSS.escape(`${a}-${id}`)}-body`);
                        },
                  ),
                )}
              </div>`
      }
      ${note ? html`<p class="muted">${note}</p>` : nothing}
      ${open === 'delete' ? confirm(() => store!.remove(id), t(c.mine ? 'comments.removed' : 'comments.removedByModerator')) : nothing}
      ${open === 'ban' ? confirm(() => store!.moderate(id, 'ban'), t('comments.banned')) : nothing}
      ${open === 'report' ? this.#report(c, close) : nothing} ${open === 'reply' ? this.#composer(`reply-${id}`, c) : nothing}
    </article>`;
  }

  #report(c: Comment, close: () => void): TemplateResult {
    const t = this.host.t.bind(this.host);
    const id = `report-${c.id}`;
    const error = this.notes.get(id);
    return html`<form
      class="composer"
      part="composer"
      novalidate
      aria-label=${t('comments.report')}
      @submit=${async (e: Event) => {
        e.preventDefault();
        const reason = this.reason.trim();
        if (!reason) {
          this.notes.set(id, t('comments.reason.required'));
          return void this.host.focusOn(`#${CSS.escape(id)}-body`);
        }
        this.notes.delete(id);
        if (await this.#act(c, () => this.store!.report(c.id, reason), t('comments.reported'))) {
          this.reported.add(c.id);
          this.reason = '';
          close();
        }
      }}
    >
      <label for="${id}-body">${t('comments.report.reason')}</label>
      <textarea
        id="${id}-body"
        aria-invalid=${!!error}
        aria-describedby=${error ? `${id}-error` : nothing}
        .value=${this.reason}
        @input=${(e: Input) => (this.reason = e.target.value)}
      ></textarea>
      ${error ? html`<p class="invalid" id="${id}-error">${error}</p>` : nothing}
      <div class="row">
        <button class="primary">${t('comments.report.send')}</button>
        <button type="button" @click=${close}>${t('common.cancel')}</button>
      </div>
    </form>`;
  }

  /** The form for a new comment (`root`), a reply (`reply-<id>`) or an edit (`edit-<id>`). */
  #composer(target: string, c?: Comment): TemplateResult {
    const { host } = this;
    const t = host.t.bind(host);
    const edit = target.startsWith('edit');
    const f = this.#form(target, c);
    const label = edit ? t('comments.edit.body') : c ? t('comments.replyTo', { name: c.author.name }) : t('comments.compose');
    const done = (focus: string) => {
      if (c) this.under = '';
      void this.#focus(focus);
    };
    return host.composer(f, {
      p: 'comments',
      id: `${target}-`,
      label,
      form: c ? label : t('comments.form'),
      submit: t(edit ? 'comments.save' : c ? 'comments.postReply' : 'comments.post'),
      guest: !this.reader && !edit,
      notify: !!c,
      signedIn: !c && this.reader ? t('comments.signedIn', { name: this.reader.name ?? '' }) : undefined,
      // Closing a reply keeps its draft; closing an edit drops the changes.
      cancel:
        c &&
        (() => {
          if (edit) this.#forms.delete(target);
          done(c.id);
        }),
      send: edit
        ? async () => {
            await this.store!.edit(c!.id, f.body);
            this.#forms.delete(target);
            host.announce(t('comments.saved'));
            done(c!.id);
          }
        : async (input) => {
            const comment = await this.store!.post({ ...input, parentId: c?.id ?? null });
            if (f.notify) void this.store!.subscribe(f.email.trim(), 'comment', c!.id).catch((e) => host.fail(e));
            done(comment.id);
            return comment;
          },
    });
  }

  /** The state of a form: new ones start from the saved draft, edits from the comment. */
  #form(target: string, c?: Comment): Draft {
    let f = this.#forms.get(target);
    if (!f)
      this.#forms.set(
        target,
        (f = target.startsWith('edit') ? new Draft('', c!.body) : new Draft(`draft:${this.host.pageId}:${c?.id ?? 'root'}`)),
      );
    return f;
  }
}
