import { expect, html } from '@open-wc/testing';
import { nothing } from 'lit';
import { ChimeError, type Comment, type PageSummary } from '../backend/contract.js';
import type {
  AuditEntry,
  Ban,
  BanRequest,
  LiveState,
  ModerationApi,
  ModerationNotice,
  ModerationStatus,
  Queue,
} from '../backend/moderation.js';
import { configure } from '../internal/config.js';
import { loadLocale } from '../internal/i18n.js';
import { belongs } from '../stores/moderation.js';
import {
  accessibleName,
  allByRole,
  announced,
  byRole,
  cleanup,
  expectAccessible,
  focused,
  mount,
  press,
  queryByRole,
  settle,
  textOf,
  type,
} from '../../test/harness.js';
import './define.js';
import type { ChimeModeration } from './moderation.js';
import type { ChimeModerationEvent } from './events.js';

const TOKEN = 'right-token';
let seq = 0;

function comment(over: Partial<Comment> & { email?: string; reports?: number; reasons?: string[] } = {}): Comment {
  const n = ++seq;
  const { email, reports = 0, reasons = [], ...rest } = over;
  return {
    id: `c${String(n).padStart(3, '0')}`,
    page: '/news/story',
    parentId: null,
    body: `Comment number ${n}`,
    author: { name: `Author ${n}` },
    createdAt: new Date(Date.UTC(2026, 4, 1, 12, n)).toISOString(),
    editedAt: null,
    status: 'pending',
    score: 0,
    myVote: 0,
    mine: false,
    editableUntil: null,
    anchor: null,
    replies: [],
    moderation: { readerId: `r_${n}`, email: email ?? `a${n}@example.org`, reports, reasons },
    ...rest,
  };
}

/** An in-memory moderation backend with the server's queue rules; records calls. */
class FakeModeration implements ModerationApi {
  comments = new Map<string, Comment>();
  bans: Ban[] = [];
  audit: AuditEntry[] = [];
  pages = new Map<string, { commentsClosed: boolean; ratingClosed: boolean }>();
  calls: string[] = [];
  failNext: ChimeError | null = null;
  listeners = new Set<(n: ModerationNotice) => void>();
  states = new Set<(s: LiveState) => void>();

  constructor(list: Comment[]) {
    for (const c of list) this.comments.set(c.id, c);
  }

  #check(): void {
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
  }

  #audit(action: string, target: string): void {
    this.audit.unshift({ id: this.audit.length + 1, at: Date.UTC(2026, 4, 2), actor: 'admin', action, target, detail: null });
  }

  async counts() {
    const n = (q: Queue) => [...this.comments.values()].filter((c) => belongs(q, c)).length;
    return { pending: n('pending'), reported: n('reported'), spam: n('spam') };
  }
  async queue(queue: Queue) {
    this.calls.push(`queue ${queue}`);
    this.#check();
    const list = [...this.comments.values()]
      .filter((c) => belongs(queue, c))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    return { comments: structuredClone(list), nextCursor: null };
  }
  async comment(id: string) {
    const c = this.comments.get(id);
    if (!c) throw new ChimeError('not_found', 'gone');
    return structuredClone(c);
  }
  async setStatus(id: string, status: ModerationStatus) {
    this.calls.push(`status ${id} ${status}`);
    this.#check();
    const c = this.comments.get(id)!;
    c.status = status;
    this.#audit(`status:${status}`, id);
    return structuredClone(c);
  }
  async reviewReports(id: string, dismissed: boolean, at?: number) {
    this.calls.push(`reports ${id} ${dismissed ? 'dismissed' : `restored ${at}`}`);
    this.#check();
    const c = this.comments.get(id)!;
    if (dismissed) {
      this.dismissed.set(id, { ...c.moderation! });
      c.moderation = { ...c.moderation!, reports: 0, reasons: [] };
    } else {
      c.moderation = this.dismissed.get(id)!;
    }
    this.#audit(dismissed ? 'reports:dismissed' : 'reports:restored', id);
    return { comment: structuredClone(c), at: at ?? 42 };
  }
  dismissed = new Map<string, NonNullable<Comment['moderation']>>();
  async ban(r: BanRequest) {
    this.calls.push(`ban ${r.kind} ${r.value} ${r.durationMs ?? 'forever'}`);
    this.#check();
    const ban = { kind: r.kind, value: r.value, reason: r.reason ?? null, createdAt: 1 };
    this.bans.push(ban);
    this.#audit('ban', `${r.kind}:${r.value}`);
    return [ban];
  }
  async unban(kind: Ban['kind'], value: string) {
    this.calls.push(`unban ${kind} ${value}`);
    this.bans = this.bans.filter((b) => b.kind !== kind || b.value !== value);
  }
  async page(page: string): Promise<PageSummary> {
    const s = this.pages.get(page) ?? { commentsClosed: false, ratingClosed: false };
    return {
      page,
      comments: { count: 3, closed: s.commentsClosed },
      rating: { average: 4, count: 2, mine: null, closed: s.ratingClosed },
      shares: { total: 0, networks: {} },
    };
  }
  async setPage(page: string, patch: { commentsClosed?: boolean; ratingClosed?: boolean }) {
    this.calls.push(`page ${page} ${JSON.stringify(patch)}`);
    this.pages.set(page, { ...(this.pages.get(page) ?? { commentsClosed: false, ratingClosed: false }), ...patch });
    this.#audit('page', page);
    return this.page(page);
  }
  async log() {
    this.#check();
    return { entries: structuredClone(this.audit), nextCursor: null };
  }
  watch(onNotice: (n: ModerationNotice) => void, onState?: (s: LiveState) => void) {
    this.listeners.add(onNotice);
    if (onState) this.states.add(onState);
    onState?.('open');
    return () => {
      this.listeners.delete(onNotice);
      if (onState) this.states.delete(onState);
    };
  }
  /** Another moderator sets a status elsewhere. */
  elsewhere(id: string, status: ModerationStatus): void {
    this.comments.get(id)!.status = status;
    for (const l of this.listeners) l({ type: 'moderation', kind: 'action', action: `status:${status}`, target: id });
  }
  /** A comment arrives on the server (another reader posted it). */
  arrive(c: Comment, kind: 'pending' | 'reported' = 'pending'): void {
    this.comments.set(c.id, c);
    for (const l of this.listeners) l({ type: 'moderation', kind, commentId: c.id });
  }
}

interface Mounted {
  el: ChimeModeration;
  api: FakeModeration;
}

/** Mounts the console against a fake backend that accepts only TOKEN. */
async function console_(
  list: Comment[],
  { signIn = true, undoMs = 8000, lang = '', tokenLabel = 'Admin token' } = {},
): Promise<Mounted> {
  const api = new FakeModeration(list);
  const client = (_base: string, token: string): ModerationApi =>
    token === TOKEN
      ? api
      : new Proxy(api, {
          get: (target, key) =>
            key === 'counts'
              ? () => Promise.reject(new ChimeError('unauthorized', 'The reader token is not valid.'))
              : Reflect.get(target, key),
        });
  const el = await mount<ChimeModeration>(
    html`<chime-moderation
      backend="https://chime.example"
      site="https://news.example"
      .client=${client}
      undo-ms=${undoMs}
      lang=${lang || nothing}
    ></chime-moderation>`,
  );
  if (signIn) await signInWith(el, TOKEN, tokenLabel);
  return { el, api };
}

async function signInWith(el: ChimeModeration, token: string, label = 'Admin token'): Promise<void> {
  // Password fields have no ARIA role: find it by its label.
  const field = tokenField(el, label);
  field.focus();
  if (token) await type(token);
  await press('Enter');
  await settle(el, 10);
}

function tokenField(el: ChimeModeration, label = 'Admin token'): HTMLInputElement {
  const field = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="password"]')!;
  expect(accessibleName(field)).to.equal(label);
  return field;
}

const items = (el: Element) => allByRole(el, 'article');
const itemOf = (el: Element, author: string) => byRole(el, 'article', author);
const inItem = (el: Element, author: string, role: string, name: string | RegExp) => byRole(itemOf(el, author), role, name);

describe('<chime-moderation>', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    sessionStorage.clear();
    cleanup();
  });

  describe('sign-in', () => {
    it('asks for the admin token and shows a clear error, and no data, for a missing or wrong one', async () => {
      const { el } = await console_([comment()], { signIn: false });
      await expectAccessible(el);
      await signInWith(el, '');
      expect(textOf(byRole(el, 'alert'))).to.contain('Enter the admin token');
      await signInWith(el, 'wrong');
      expect(textOf(byRole(el, 'alert'))).to.contain('not accepted');
      expect(tokenField(el).getAttribute('aria-invalid')).to.equal('true');
      expect(queryByRole(el, 'tablist')).to.equal(null);
      expect(items(el)).to.have.length(0);
      expect(sessionStorage.length).to.equal(0);
      await expectAccessible(el);
    });

    it('shows the exact queue sizes, formatted, past a thousand', async () => {
      const { el, api } = await console_([comment()], { signIn: false });
      api.counts = async () => ({ pending: 1204, reported: 1000, spam: 0 });
      await signInWith(el, TOKEN);
      expect(queryByRole(el, 'tab', 'Pending (1,204)')).to.not.equal(null);
      expect(queryByRole(el, 'tab', 'Reported (1,000)')).to.not.equal(null);
      expect(queryByRole(el, 'tab', 'Spam (0)')).to.not.equal(null);
    });

    it('signs in, remembers the token for the session and signs out', async () => {
      const { el } = await console_([comment(), comment()]);
      expect(byRole(el, 'tab', 'Pending (2)').getAttribute('aria-selected')).to.equal('true');
      expect(focused()?.id).to.equal('tab-pending');
      expect(items(el)).to.have.length(2);
      await expectAccessible(el);

      const again = await mount<ChimeModeration>(
        html`<chime-moderation backend="https://chime.example" .client=${el.client}></chime-moderation>`,
      );
      await settle(again, 10);
      expect(queryByRole(again, 'tab', 'Pending (2)')).to.not.equal(null);

      byRole(el, 'button', 'Sign out').click();
      await settle(el);
      expect(queryByRole(el, 'tablist')).to.equal(null);
      expect(sessionStorage.length).to.equal(0);
    });
  });

  describe('queues', () => {
    it('shows page link with anchor, author, email, reader id, time, context and the body as readers see it', async () => {
      const parent = comment({ status: 'published', body: 'The **parent** says', author: { name: 'Pat' } });
      const reply = comment({
        parentId: parent.id,
        body: 'I *disagree* <img src=x onerror=alert(1)> see https://example.org/a',
        author: { name: 'Rae' },
        email: 'rae@example.org',
      });
      const inline = comment({ author: { name: 'Quinn' }, anchor: { quote: 'the council voted', prefix: '', suffix: '' } });
      const { el } = await console_([parent, reply, inline]);
      const item = itemOf(el, 'Rae');
      const link = byRole(item, 'link', '/news/story');
      expect(link.getAttribute('href')).to.equal(`https://news.example/news/story#comment-${reply.id}`);
      expect(textOf(item)).to.contain('rae@example.org');
      expect(textOf(item)).to.contain(reply.moderation!.readerId);
      const time = item.querySelector('time')!;
      expect(time.getAttribute('datetime')).to.equal(reply.createdAt);
      expect(textOf(item)).to.contain('In reply to Pat');
      expect(item.querySelector('.context strong')?.textContent).to.equal('parent');
      const body = item.querySelector('.body[part="body"]')!;
      expect(body.querySelector('em')?.textContent).to.equal('disagree');
      expect(body.querySelector('img')).to.equal(null);
      expect(textOf(body)).to.contain('<img src=x onerror=alert(1)>');
      expect(byRole(body as HTMLElement, 'link', 'https://example.org/a').getAttribute('rel')).to.contain('nofollow');
      expect(textOf(itemOf(el, 'Quinn'))).to.contain('On the passage');
      expect(textOf(itemOf(el, 'Quinn'))).to.contain('the council voted');
      await expectAccessible(el);
    });

    it('lists reported comments with their report count and reasons', async () => {
      const { el } = await console_([
        comment({ status: 'published', reports: 2, reasons: ['Insulting', 'Off topic'], author: { name: 'Vic' } }),
      ]);
      byRole(el, 'tab', 'Reported (1)').click();
      await settle(el, 10);
      const item = itemOf(el, 'Vic');
      expect(textOf(item)).to.contain('2 reports');
      expect(textOf(item)).to.contain('Insulting');
      expect(textOf(item)).to.contain('Off topic');
      await expectAccessible(el);
    });

    it('approving a reported comment keeps it and dismisses its reports; Undo reopens them', async () => {
      const c = comment({ status: 'published', reports: 1, reasons: ['Rude'], author: { name: 'Kim' } });
      const { el, api } = await console_([c]);
      await press('ArrowRight');
      await settle(el, 10);
      await press('j');
      await press('a');
      await settle(el, 10);
      expect(api.calls.filter((x) => !x.startsWith('queue'))).to.deep.equal([`reports ${c.id} dismissed`]);
      expect(queryByRole(el, 'tab', 'Reported (0)')).to.not.equal(null);
      expect(textOf(el)).to.contain('No reported comments.');
      await press('u');
      await settle(el, 10);
      expect(api.calls).to.include(`reports ${c.id} restored 42`);
      expect(textOf(itemOf(el, 'Kim'))).to.contain('Rude');
      expect(queryByRole(el, 'tab', 'Reported (1)')).to.not.equal(null);
    });

    it('moves between tabs with the arrow keys, Home and End (APG tabs)', async () => {
      const { el } = await console_([comment()]);
      await press('ArrowRight');
      await settle(el);
      expect(focused()?.id).to.equal('tab-reported');
      expect(byRole(el, 'tab', /^Reported/).getAttribute('aria-selected')).to.equal('true');
      await press('End');
      await settle(el, 10);
      expect(focused()?.id).to.equal('tab-log');
      expect(byRole(el, 'tabpanel').getAttribute('aria-labelledby')).to.equal('tab-log');
      await press('ArrowRight');
      await settle(el);
      expect(focused()?.id).to.equal('tab-pending');
      await press('ArrowLeft');
      await press('Home');
      await settle(el);
      expect(focused()?.id).to.equal('tab-pending');
      expect(allByRole(el, 'tab').filter((t) => t.tabIndex === 0)).to.have.length(1);
    });

    it('says so when a queue is empty, and offers "Try again" when it fails to load', async () => {
      const { el, api } = await console_([]);
      expect(textOf(el)).to.contain('No comments wait for approval.');
      api.failNext = new ChimeError('network', 'down');
      byRole(el, 'tab', /^Spam/).click();
      await settle(el, 10);
      expect(textOf(byRole(el, 'alert'))).to.contain('could not be reached');
      await expectAccessible(el);
      byRole(el, 'button', 'Try again').click();
      await settle(el, 10);
      expect(textOf(el)).to.contain('No comments marked as spam.');
    });
  });

  describe('keyboard', () => {
    it('j/k move, a approves, the next comment takes focus, u undoes', async () => {
      const list = [comment(), comment(), comment()];
      const { el, api } = await console_(list);
      const events: ChimeModerationEvent[] = [];
      el.addEventListener('chime-moderation', (e) => events.push(e));
      // Newest first: c3, c2, c1.
      await press('j');
      await settle(el);
      expect(focused()?.id).to.equal(`item-${list[2]!.id}`);
      await press('j');
      await press('k');
      await press('j');
      await settle(el);
      expect(focused()?.id).to.equal(`item-${list[1]!.id}`);
      await press('a');
      await settle(el, 10);
      expect(api.calls).to.include(`status ${list[1]!.id} published`);
      expect(items(el).map((i) => i.id)).to.deep.equal([`item-${list[2]!.id}`, `item-${list[0]!.id}`]);
      expect(focused()?.id).to.equal(`item-${list[0]!.id}`);
      expect(queryByRole(el, 'tab', 'Pending (2)')).to.not.equal(null);
      expect(announced(el)).to.contain('Approved: 1 comment');
      expect(textOf(el.shadowRoot!.querySelector('[part="undo"]')!)).to.contain('Approved: 1 comment');
      expect(events.map((e) => [e.action, e.ids])).to.deep.equal([['approve', [list[1]!.id]]]);
      await expectAccessible(el);

      await press('u');
      await settle(el, 10);
      expect(api.calls).to.include(`status ${list[1]!.id} pending`);
      expect(items(el)).to.have.length(3);
      expect(queryByRole(el, 'tab', 'Pending (3)')).to.not.equal(null);
      expect(el.shadowRoot!.querySelector('[part="undo"]')).to.equal(null);
    });

    it('r rejects, s marks as spam, and keys typed into a field do nothing', async () => {
      const list = [comment(), comment()];
      const { el, api } = await console_(list);
      await press('j');
      await press('r');
      await settle(el, 10);
      expect(api.comments.get(list[1]!.id)!.status).to.equal('rejected');
      await press('s');
      await settle(el, 10);
      expect(api.comments.get(list[0]!.id)!.status).to.equal('spam');
      expect(textOf(el)).to.contain('No comments wait for approval.');
      expect(focused()?.getAttribute('role')).to.equal('tabpanel');
      expect(queryByRole(el, 'tab', 'Spam (1)')).to.not.equal(null);

      const before = api.calls.length;
      byRole(el, 'textbox', 'Page').focus();
      await type('jkasrx?');
      await settle(el);
      expect(api.calls.length).to.equal(before);
      expect((byRole(el, 'textbox', 'Page') as HTMLInputElement).value).to.equal('jkasrx?');
    });

    it('x selects comments and a approves the whole selection, undone at once', async () => {
      const list = [comment(), comment(), comment()];
      const { el, api } = await console_(list);
      await press('j');
      await press('x');
      await press('j');
      await press('j');
      await press('x');
      await settle(el);
      expect(announced(el)).to.contain('2 comments selected');
      expect(allByRole(el, 'checkbox', /^Select comment/).filter((c) => (c as HTMLInputElement).checked)).to.have.length(2);
      expect(queryByRole(el, 'button', 'Approve selected')).to.not.equal(null);
      await press('a');
      await settle(el, 10);
      expect(api.calls.filter((c) => c.startsWith('status'))).to.have.members([
        `status ${list[2]!.id} published`,
        `status ${list[0]!.id} published`,
      ]);
      expect(items(el)).to.have.length(1);
      expect(announced(el)).to.contain('Approved: 2 comments');
      byRole(el, 'button', 'Undo').click();
      await settle(el, 10);
      expect(items(el)).to.have.length(3);
    });

    it('? lists the keys in a dialog that Escape closes', async () => {
      const { el } = await console_([comment()]);
      await press('j');
      await press('?');
      await settle(el);
      const dialog = byRole(el, 'dialog', 'Keyboard shortcuts');
      expect(textOf(dialog)).to.contain('Approve');
      expect(textOf(dialog)).to.contain('Next comment');
      await expectAccessible(el);
      await press('Escape');
      await settle(el);
      expect(queryByRole(el, 'dialog')).to.equal(null);
    });
  });

  describe('actions', () => {
    it('deletes and restores by button; Undo is offered only for a few seconds', async () => {
      const c = comment({ author: { name: 'Dee' } });
      const { el, api } = await console_([c], { undoMs: 150 });
      inItem(el, 'Dee', 'button', 'Delete').click();
      await settle(el, 10);
      expect(api.comments.get(c.id)!.status).to.equal('deleted');
      expect(queryByRole(el, 'button', 'Undo')).to.not.equal(null);
      await settle(el, 200);
      expect(queryByRole(el, 'button', 'Undo')).to.equal(null);
      await press('u');
      await settle(el, 10);
      expect(api.comments.get(c.id)!.status).to.equal('deleted');
    });

    it('bans the reader and the email for a chosen time, and Undo lifts the ban', async () => {
      const c = comment({ author: { name: 'Troll' }, email: 'troll@example.org' });
      const { el, api } = await console_([c]);
      const ban = inItem(el, 'Troll', 'button', 'Ban…');
      ban.click();
      await settle(el);
      expect(ban.getAttribute('aria-expanded')).to.equal('true');
      const form = byRole(el, 'form', 'Ban Troll');
      (byRole(form, 'combobox', 'Duration') as HTMLSelectElement).value = String(7 * 86_400_000);
      await expectAccessible(el);
      byRole(form, 'button', 'Ban').click();
      await settle(el, 10);
      expect(api.calls).to.include(`ban reader ${c.moderation!.readerId} ${7 * 86_400_000}`);
      expect(api.calls).to.include(`ban email troll@example.org ${7 * 86_400_000}`);
      expect(announced(el)).to.contain('Banned the reader and the email');
      expect(queryByRole(el, 'form', 'Ban Troll')).to.equal(null);
      byRole(el, 'button', 'Undo').click();
      await settle(el, 10);
      expect(api.bans).to.have.length(0);
    });

    it('shows a failed action as an alert and keeps the comment', async () => {
      const c = comment({ author: { name: 'Flo' } });
      const { el, api } = await console_([c]);
      api.failNext = new ChimeError('network', 'down');
      inItem(el, 'Flo', 'button', 'Approve').click();
      await settle(el, 10);
      expect(textOf(byRole(el, 'alert'))).to.contain('could not be reached');
      expect(items(el)).to.have.length(1);
      expect(queryByRole(el, 'button', 'Undo')).to.equal(null);
      await expectAccessible(el);
    });

    it('closes and reopens comments and rating for a page, with Undo', async () => {
      const { el, api } = await console_([]);
      byRole(el, 'textbox', 'Page').focus();
      await type('/news/story');
      await press('Enter');
      await settle(el, 10);
      expect(textOf(el.shadowRoot!.querySelector('.settings')!)).to.contain('3 comments');
      byRole(el, 'button', 'Close comments').click();
      await settle(el, 10);
      expect(api.pages.get('/news/story')).to.deep.equal({ commentsClosed: true, ratingClosed: false });
      expect(queryByRole(el, 'button', 'Reopen comments')).to.not.equal(null);
      expect(announced(el)).to.contain('Comments closed for /news/story');
      byRole(el, 'button', 'Close rating').click();
      await settle(el, 10);
      expect(api.pages.get('/news/story')!.ratingClosed).to.equal(true);
      byRole(el, 'button', 'Undo').click();
      await settle(el, 10);
      expect(api.pages.get('/news/story')!.ratingClosed).to.equal(false);
      expect(queryByRole(el, 'button', 'Close rating')).to.not.equal(null);
      await expectAccessible(el);
    });

    it('lists every action in the Log tab: who, what, when', async () => {
      const c = comment({ author: { name: 'Lou' } });
      const { el } = await console_([c]);
      inItem(el, 'Lou', 'button', 'Mark as spam').click();
      await settle(el, 10);
      byRole(el, 'tab', 'Log').click();
      await settle(el, 10);
      const table = byRole(el, 'table');
      expect(textOf(table)).to.contain('Admin token');
      expect(textOf(table)).to.contain('Marked as spam');
      expect(textOf(table)).to.contain(c.id);
      expect(table.querySelector('time')!.getAttribute('datetime')).to.match(/^2026-05-02/);
      await expectAccessible(el);
    });

    it('says each entry’s facts in the console’s language, from the entry’s data', async () => {
      const { el, api } = await console_([comment()], { signIn: false, lang: 'de' });
      const at = Date.UTC(2026, 4, 2);
      const entry = (action: string, detail: string, data: Record<string, string | number | boolean | null> | null) => ({
        id: api.audit.length + 1,
        at,
        actor: 'admin',
        action,
        target: 'c1',
        detail,
        data,
      });
      api.audit = [
        entry('status:spam', 'was pending', { from: 'pending' }),
        entry('reports:dismissed', '2 reports', { count: 2 }),
        entry('ban', 'Trolling', { reason: 'Trolling', until: null }),
        entry('page', '{"commentsClosed":true}', { commentsClosed: true }),
        entry('status:rejected', 'was published', null), // from an older server: its words
      ];
      await signInWith(el, TOKEN, 'Admin-Token');
      byRole(el, 'tab', 'Protokoll').click();
      await settle(el, 10);
      const details = Array.from(byRole(el, 'table').querySelectorAll('tbody tr')).map((tr) => textOf(tr.lastElementChild!));
      expect(details).to.deep.equal([
        'Vorher: Ausstehend',
        '2 Meldungen',
        'Trolling · Dauerhaft',
        'Kommentare: Geschlossen',
        'was published',
      ]);
    });
  });

  describe('live', () => {
    it('adds new pending comments and updates the tab counts without reload', async () => {
      const { el, api } = await console_([comment()]);
      api.arrive(comment({ author: { name: 'New' } }));
      await settle(el, 20);
      expect(queryByRole(el, 'tab', 'Pending (2)')).to.not.equal(null);
      expect(items(el)[0]!.id).to.equal(itemOf(el, 'New').id);
      expect(announced(el)).to.contain('A new comment waits for approval.');
      expect(textOf(el)).to.contain('Live');
    });

    it('signs out with a clear message when the server stops accepting the token', async () => {
      const { el, api } = await console_([comment()]);
      for (const s of api.states) s('unauthorized');
      await settle(el, 10);
      expect(queryByRole(el, 'tablist')).to.equal(null);
      expect(items(el)).to.have.length(0);
      expect(textOf(byRole(el, 'alert'))).to.contain('not accepted');
      expect(sessionStorage.length).to.equal(0);
    });

    it('drops what another moderator handled, and the keys keep working', async () => {
      const list = [comment({ author: { name: 'One' } }), comment({ author: { name: 'Two' } })];
      const { el, api } = await console_(list);
      await press('j');
      await settle(el);
      expect(focused()?.id).to.equal(`item-${list[1]!.id}`);
      api.elsewhere(list[1]!.id, 'spam');
      await settle(el, 20);
      expect(items(el).map((i) => i.id)).to.deep.equal([`item-${list[0]!.id}`]);
      expect(queryByRole(el, 'tab', 'Spam (1)')).to.not.equal(null);
      await press('j');
      await settle(el);
      expect(focused()?.id).to.equal(`item-${list[0]!.id}`);
    });
  });

  describe('languages', () => {
    it('says a sign-in error again in the new language when the language changes', async () => {
      const { el } = await console_([comment()], { signIn: false });
      await signInWith(el, '');
      expect(textOf(byRole(el, 'alert'))).to.contain('Enter the admin token');
      el.setAttribute('lang', 'de');
      await loadLocale('de');
      await settle(el, 10);
      expect(textOf(byRole(el, 'alert'))).to.contain('Geben Sie das Admin-Token ein');
    });

    it('speaks German with lang="de": sign-in, tabs, buttons, dates, plurals and announcements', async () => {
      await loadLocale('de');
      const c = comment({ author: { name: 'Uta' } });
      const { el } = await console_([c, comment({ author: { name: 'Vera' } })], { signIn: false, lang: 'de' });
      expect(byRole(el, 'heading', 'Zum Moderieren anmelden')).to.not.equal(null);
      await signInWith(el, '', 'Admin-Token');
      expect(textOf(byRole(el, 'alert'))).to.contain('Geben Sie das Admin-Token ein');
      await signInWith(el, TOKEN, 'Admin-Token');
      expect(announced(el)).to.contain('Angemeldet.');
      expect(byRole(el, 'tablist', 'Moderationswarteschlangen')).to.not.equal(null);
      expect(allByRole(el, 'tab').map(accessibleName)).to.deep.equal([
        'Ausstehend (2)',
        'Gemeldet (0)',
        'Neueste',
        'Spam (0)',
        'Protokoll',
      ]);
      const actions = byRole(itemOf(el, 'Uta'), 'group', 'Aktionen für den Kommentar von Uta');
      expect(allByRole(actions, 'button').map(accessibleName)).to.deep.equal([
        'Freigeben',
        'Ablehnen',
        'Als Spam markieren',
        'Löschen',
        'Sperren …',
      ]);
      // 1 May 2026 in German order.
      expect(textOf(itemOf(el, 'Uta').querySelector('time')!)).to.match(/^01\.05\.2026/);
      byRole(itemOf(el, 'Uta'), 'checkbox', 'Kommentar von Uta auswählen').click();
      await settle(el);
      expect(announced(el)).to.contain('Ausgewählt. 1 Kommentar ausgewählt.');
      byRole(itemOf(el, 'Vera'), 'checkbox', 'Kommentar von Vera auswählen').click();
      await settle(el);
      expect(announced(el)).to.contain('Ausgewählt. 2 Kommentare ausgewählt.');
      byRole(el, 'button', 'Auswahl freigeben').click();
      await settle(el, 10);
      expect(announced(el)).to.contain('Freigegeben: 2 Kommentare. Mit u machen Sie das rückgängig.');
      expect(textOf(el)).to.contain('Keine Kommentare warten auf Freigabe.');
      expect(queryByRole(el, 'button', 'Rückgängig')).to.not.equal(null);
      await expectAccessible(el);
      await press('?');
      await settle(el);
      expect(textOf(byRole(el, 'dialog', 'Tastenkürzel'))).to.contain('Nächster Kommentar');
      await press('Escape');
    });

    it('renders Arabic right to left, numbers and plurals included, and passes axe', async () => {
      await loadLocale('ar');
      const digits = (n: number) => new Intl.NumberFormat('ar').format(n);
      const list = [
        comment({ author: { name: 'Salma' } }),
        comment({ author: { name: 'Omar' } }),
        comment({ author: { name: 'Huda' }, status: 'published', reports: 3, reasons: ['spam'] }),
      ];
      const { el } = await console_(list, { lang: 'ar', tokenLabel: 'رمز المسؤول' });
      expect(el.getAttribute('dir')).to.equal('rtl');
      expect(getComputedStyle(byRole(el, 'tablist')).direction).to.equal('rtl');
      expect(allByRole(el, 'tab').map(accessibleName)).to.deep.equal([
        `قيد الانتظار (${digits(2)})`,
        `المُبلَّغ عنها (${digits(1)})`,
        'الأحدث',
        `المزعجة (${digits(0)})`,
        'السجل',
      ]);
      expect(allByRole(byRole(itemOf(el, 'Salma'), 'group'), 'button').map(accessibleName)).to.deep.equal([
        'موافقة',
        'رفض',
        'تعليم كمزعج',
        'حذف',
        'حظر…',
      ]);
      // The comments' own text keeps its direction: this one is English.
      expect(getComputedStyle(itemOf(el, 'Salma').querySelector('.body')!).direction).to.equal('ltr');
      expect(getComputedStyle(byRole(itemOf(el, 'Salma'), 'link', '/news/story')).direction).to.equal('ltr');
      await expectAccessible(el);
      // Right to left, the next tab is to the left.
      await press('ArrowLeft');
      await settle(el, 10);
      expect(focused()?.id).to.equal('tab-reported');
      expect(textOf(itemOf(el, 'Huda'))).to.contain(`${digits(3)} بلاغات`);
      await press('j');
      await press('a');
      await settle(el, 10);
      expect(announced(el)).to.contain('تمت الموافقة: تعليق واحد. اضغط u للتراجع.');
      await expectAccessible(el);
    });

    it('takes the shortcut keys by their place on a non-Latin layout', async () => {
      await loadLocale('uk');
      const list = [comment({ author: { name: 'Olha' } }), comment({ author: { name: 'Petro' } })];
      const { el, api } = await console_(list, { lang: 'uk', tokenLabel: 'Адміністративний токен' });
      // The J and A keys on a Ukrainian layout.
      const key = (key: string, code: string) =>
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key, code, bubbles: true, composed: true }));
      key('о', 'KeyJ');
      await settle(el);
      expect(focused()?.id).to.equal(`item-${list[1]!.id}`);
      key('ф', 'KeyA');
      await settle(el, 10);
      expect(api.calls).to.include(`status ${list[1]!.id} published`);
      expect(announced(el)).to.contain('Схвалено: 1 коментар. Натисніть u, щоб скасувати.');
    });

    it('follows the nearest lang, loading the language on demand', async () => {
      const wrapper = await mount<HTMLElement>(html`<div lang="es-MX"><chime-moderation></chime-moderation></div>`);
      const el = wrapper.querySelector('chime-moderation')!;
      await loadLocale('es'); // what the element asked for when it connected
      await settle(el);
      expect(byRole(el, 'heading', 'Inicia sesión para moderar')).to.not.equal(null);
      expect(accessibleName(el.shadowRoot!.querySelector('input[type="password"]')!)).to.equal('Token de administración');
    });

    it("changes language with the page's lang, without a reload (the /admin language picker)", async () => {
      const root = document.documentElement;
      const { el } = await console_([comment({ author: { name: 'Zoé' } })]);
      try {
        root.lang = 'fr';
        await loadLocale('fr');
        await settle(el);
        expect(byRole(el, 'tab', 'En attente (1)').getAttribute('aria-selected')).to.equal('true');
        expect(inItem(el, 'Zoé', 'button', 'Approuver')).to.not.equal(null);
        root.lang = 'ar';
        await loadLocale('ar');
        await settle(el);
        expect(el.getAttribute('dir')).to.equal('rtl');
        expect(inItem(el, 'Zoé', 'button', 'موافقة')).to.not.equal(null);
      } finally {
        root.lang = 'en';
      }
      await settle(el);
      expect(el.getAttribute('dir')).to.equal('ltr');
      expect(inItem(el, 'Zoé', 'button', 'Approve')).to.not.equal(null);
    });

    it('lets configure({ messages }) override any console string, for all languages or one', async () => {
      configure({ messages: { 'moderation.approve': 'Publish', de: { 'moderation.approve': 'Veröffentlichen' } } });
      const { el } = await console_([comment({ author: { name: 'Ann' } })]);
      expect(inItem(el, 'Ann', 'button', 'Publish')).to.not.equal(null);
      el.lang = 'de';
      await loadLocale('de');
      await settle(el);
      expect(inItem(el, 'Ann', 'button', 'Veröffentlichen')).to.not.equal(null);
      expect(inItem(el, 'Ann', 'button', 'Ablehnen')).to.not.equal(null);
    });
  });
});
