import { expect, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ChimeError, type ChimeBackend } from '../backend/contract.js';
import { LocalBackend, type LocalBackendOptions } from '../backend/local.js';
import { configure } from '../internal/config.js';
import {
  accessibleName,
  allByRole,
  announced,
  byRole,
  cleanup,
  controllableBackend,
  expectAccessible,
  focused,
  mount,
  press,
  queryByRole,
  settle,
  textOf,
  type,
  useBackend,
} from '../../test/harness.js';
import { XSS_PAYLOADS } from '../../test/xss-payloads.js';
import './define.js';
import type { ChimeComments } from './comments.js';
import type { ChimeCommentEvent } from './events.js';

const PAGE = '/story';

/** Two readers (`me`, `other`) sharing one in-memory store; a movable clock. */
function world(options: LocalBackendOptions = {}) {
  const memory = new Map<string, string>();
  const storage = {
    getItem: (k: string) => memory.get(k) ?? null,
    setItem: (k: string, v: string) => void memory.set(k, v),
    removeItem: (k: string) => void memory.delete(k),
  };
  const namespace = `c-${Math.random().toString(36).slice(2)}`;
  const clock = { now: Date.now() - 3_600_000 };
  const make = (reader: string) =>
    new LocalBackend({ namespace, storage, crossTab: false, reader, now: () => clock.now, ...options });
  const me = make('me');
  const other = make('other');
  const say = async (body: string, name = 'Bob', parentId: string | null = null, as: LocalBackend = other) => {
    clock.now += 60_000;
    return as.postComment({ page: PAGE, body, parentId, author: { name } });
  };
  return { me, other, clock, say };
}

/** Two readers of one page in two tabs: the local backend's cross-tab events carry each one's writes to the other. */
function twoTabs() {
  const namespace = `live-${Math.random().toString(36).slice(2)}`;
  const mine = new LocalBackend({ namespace, crossTab: true, reader: 'me' });
  const theirs = new LocalBackend({ namespace, crossTab: true, reader: 'them' });
  const close = () => {
    mine.close();
    theirs.close();
    mine.clear();
  };
  return { mine, theirs, close };
}

async function until(check: () => unknown, what = 'condition', ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await settle(undefined, 10);
  }
}

interface Options {
  pageSize?: number;
  maxDepth?: number;
  sso?: string;
}

async function open(backend: ChimeBackend, o: Options = {}): Promise<ChimeComments> {
  const el = await mount<ChimeComments>(
    html`<chime-comments
      eager
      backend=${useBackend(backend)}
      page=${PAGE}
      page-size=${ifDefined(o.pageSize)}
      max-depth=${ifDefined(o.maxDepth)}
      sso-token=${ifDefined(o.sso)}
    ></chime-comments>`,
  );
  await until(() => el.shadowRoot!.querySelector('h2') && !el.shadowRoot!.querySelector('.skeleton'), 'the thread');
  await settle(el, 10);
  return el;
}

const fill = (el: HTMLElement, value: string) => {
  (el as HTMLInputElement).value = value;
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
};

const articles = (el: Element) => allByRole(el, 'article');
const bodies = (el: Element) => articles(el).map((a) => textOf(a.querySelector('.body') ?? a));
const article = (el: Element, text: string) => {
  const found = articles(el).find((a) => textOf(a).includes(text));
  if (!found) throw new Error(`no comment with ${text}; have ${bodies(el).join(' | ')}`);
  return found;
};
const describedBy = (field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => (field.getRootNode() as ShadowRoot).getElementById(id)?.textContent?.trim())
    .join(' ');

async function postAsGuest(el: ChimeComments, body: string, name = 'Ann', email = '') {
  fill(byRole(el, 'textbox', 'Join the discussion'), body);
  const form = byRole(el, 'form', 'New comment');
  fill(byRole(form, 'textbox', 'Name'), name);
  if (email) fill(byRole(form, 'textbox', 'Email'), email);
  byRole(el, 'button', 'Post Comment').click();
  await settle(el, 20);
}

function clearStorage() {
  for (const key of Object.keys(localStorage)) if (key.startsWith('chime:')) localStorage.removeItem(key);
}

describe('<chime-comments>', () => {
  beforeEach(clearStorage);
  afterEach(() => {
    cleanup();
    clearStorage();
    location.hash = '';
  });

  it('shows the header, the composer and an empty thread, accessibly', async () => {
    const el = await open(world().me);
    expect(textOf(byRole(el, 'heading', '0 Comments'))).to.equal('0 Comments');
    const notify = byRole(el, 'combobox', 'Notify of');
    expect(Array.from((notify as HTMLSelectElement).options).map((o) => o.text)).to.deep.equal([
      'new follow-up comments',
      'new replies to my comments',
    ]);
    const sort = byRole(el, 'combobox', 'Sort by') as HTMLSelectElement;
    expect(Array.from(sort.options).map((o) => o.text)).to.deep.equal(['Newest', 'Oldest', 'Most voted']);
    byRole(el, 'textbox', 'Join the discussion');
    byRole(el, 'textbox', 'Name');
    byRole(el, 'textbox', 'Email');
    byRole(el, 'button', 'Post Comment');
    expect(byRole(el, 'button', 'Inline Feedbacks').getAttribute('aria-pressed')).to.equal('false');
    expect(textOf(el)).to.contain('Be the first to comment');
    // The honeypot is neither visible nor exposed.
    expect(queryByRole(el, 'textbox', 'Website')).to.equal(null);
    await expectAccessible(el);
  });

  it('uses plural rules for the count', async () => {
    const w = world();
    await w.say('one');
    const el = await open(w.me);
    byRole(el, 'heading', '1 Comment');
    expect(textOf(articles(el)[0]!.querySelector('time')!)).to.equal('59 minutes ago');
    await w.say('two');
    await w.say('three');
    cleanup();
    byRole(await open(w.me), 'heading', '3 Comments');
  });

  it('posts as a guest: the comment appears, gets focus, is announced and fires chime-comment', async () => {
    const el = await open(world().me);
    const events: ChimeCommentEvent[] = [];
    el.addEventListener('chime-comment', (e) => events.push(e));
    await postAsGuest(el, 'Hello **world**', 'Ann Lee', 'ann@example.com');
    await until(() => articles(el).length === 1, 'the new comment');
    const posted = articles(el)[0]!;
    expect(focused()).to.equal(posted);
    expect(accessibleName(posted)).to.contain('Ann Lee');
    expect(posted.querySelector('.body strong')!.textContent).to.equal('world');
    expect(posted.querySelector('.avatar')!.textContent).to.equal('AL');
    expect(posted.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-/);
    expect(posted.querySelector('time')!.title).to.not.equal('');
    expect(announced(el)).to.contain('Your comment was posted.');
    expect(events).to.have.length(1);
    expect(events[0]!.comment.body).to.equal('Hello **world**');
    await until(() => queryByRole(el, 'heading', '1 Comment'), 'the count');
    expect((byRole(el, 'textbox', 'Join the discussion') as HTMLTextAreaElement).value).to.equal('');
    // The guest's name and email are remembered.
    expect(localStorage.getItem('chime:name')).to.equal('Ann Lee');
    await expectAccessible(el);
  });

  it('checks fields before posting, with errors tied to their inputs', async () => {
    const control = controllableBackend(world().me);
    const el = await open(control.backend);
    byRole(el, 'button', 'Post Comment').click();
    await settle(el, 20);
    const body = byRole(el, 'textbox', 'Join the discussion');
    expect(body.getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(body)).to.equal('Please write a comment.');
    expect(describedBy(byRole(el, 'textbox', 'Name'))).to.equal('Please enter your name.');
    expect(focused()).to.equal(body);
    fill(body, 'Fine text');
    fill(byRole(el, 'textbox', 'Name'), 'Ann');
    fill(byRole(el, 'textbox', 'Email'), 'not-an-email');
    byRole(el, 'button', 'Post Comment').click();
    await settle(el, 20);
    expect(describedBy(byRole(el, 'textbox', 'Email'))).to.equal('Please enter a valid email address.');
    expect(control.calls).to.not.include('postComment');
    await expectAccessible(el);
  });

  it("shows the server's 422 field errors on the same fields and keeps the draft", async () => {
    const control = controllableBackend(world().me);
    control.fail('postComment', new ChimeError('validation', 'Please check.', { fields: { name: 'This name is reserved.' } }));
    const el = await open(control.backend);
    await postAsGuest(el, 'My draft', 'Admin');
    const name = byRole(el, 'textbox', 'Name');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(name)).to.equal('This name is reserved.');
    expect((byRole(el, 'textbox', 'Join the discussion') as HTMLTextAreaElement).value).to.equal('My draft');
    expect(articles(el)).to.have.length(0);
    await expectAccessible(el);
    control.heal();
    fill(name, 'Ann');
    byRole(el, 'button', 'Post Comment').click();
    await until(() => articles(el).length === 1, 'the comment');
  });

  it('grows the text box with its content', async () => {
    const el = await open(world().me);
    const box = byRole(el, 'textbox', 'Join the discussion');
    const before = box.getBoundingClientRect().height;
    box.focus();
    await type('line\nline\nline\nline\nline\nline\nline');
    expect(box.getBoundingClientRect().height).to.be.greaterThan(before);
  });

  it('refuses what a bot typed into the hidden honeypot field', async () => {
    const control = controllableBackend(world().me);
    const el = await open(control.backend);
    const trap = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="website"]')!;
    expect(trap.tabIndex).to.equal(-1);
    expect(trap.closest('[aria-hidden="true"]')).to.not.equal(null);
    trap.value = 'https://spam.example';
    await postAsGuest(el, 'Buy now', 'Bot');
    expect(articles(el)).to.have.length(0);
    expect(textOf(byRole(el, 'alert'))).to.contain('not allowed');
  });

  it('disables "Post Comment" and announces while posting', async () => {
    const control = controllableBackend(world().me);
    control.fail('postComment', 'stall');
    const el = await open(control.backend);
    await postAsGuest(el, 'Slow one');
    const button = byRole(el, 'button', 'Post Comment') as HTMLButtonElement;
    expect(button.disabled).to.equal(true);
    expect(announced(el)).to.contain('Posting your comment');
    control.heal();
    await until(() => articles(el).length === 1, 'the comment');
    expect(button.disabled).to.equal(false);
  });

  it('keeps the draft through a failed post and a reload, and clears it once posted', async () => {
    const w = world();
    const control = controllableBackend(w.me);
    control.fail('postComment');
    let el = await open(control.backend);
    await postAsGuest(el, 'Precious words');
    expect(textOf(byRole(el, 'alert'))).to.contain('could not be reached');
    expect((byRole(el, 'textbox', 'Join the discussion') as HTMLTextAreaElement).value).to.equal('Precious words');
    await expectAccessible(el);
    cleanup();
    el = await open(w.me);
    expect((byRole(el, 'textbox', 'Join the discussion') as HTMLTextAreaElement).value).to.equal('Precious words');
    expect((byRole(el, 'textbox', 'Name') as HTMLInputElement).value).to.equal('Ann');
    byRole(el, 'button', 'Post Comment').click();
    await until(() => articles(el).length === 1, 'the comment');
    cleanup();
    el = await open(w.me);
    expect((byRole(el, 'textbox', 'Join the discussion') as HTMLTextAreaElement).value).to.equal('');
  });

  it('shows "Try again" when the backend is down, loses nothing and recovers', async () => {
    const w = world();
    await w.say('Already here');
    const control = controllableBackend(w.me);
    control.fail('*');
    const errors: Event[] = [];
    const listener = (e: Event) => errors.push(e);
    document.addEventListener('chime-error', listener);
    const el = await open(control.backend);
    document.removeEventListener('chime-error', listener);
    expect(textOf(byRole(el, 'alert'))).to.contain('could not be reached');
    expect(errors.length).to.be.greaterThan(0);
    fill(byRole(el, 'textbox', 'Join the discussion'), 'Typed while offline');
    await expectAccessible(el);
    control.heal();
    byRole(el, 'button', 'Try again').click();
    await until(() => articles(el).length === 1, 'the list');
    expect(bodies(el)).to.deep.equal(['Already here']);
    expect((byRole(el, 'textbox', 'Join the discussion') as HTMLTextAreaElement).value).to.equal('Typed while offline');
  });

  it('nests replies as lists up to max-depth, then attaches deeper ones with "@name"', async () => {
    const w = world();
    const a = await w.say('level one', 'Ann');
    const b = await w.say('level two', 'Ben', a.id);
    const c = await w.say('level three', 'Cat', b.id);
    const d = await w.say('level four', 'Dan', c.id);
    await w.say('level five', 'Eve', d.id);
    const el = await open(w.me, { maxDepth: 3 });
    const depth = (text: string) => {
      let n = 0;
      for (let node: Element | null = article(el, text); node; node = node.parentElement) if (node.tagName === 'UL') n++;
      return n;
    };
    expect(['level one', 'level two', 'level three', 'level four', 'level five'].map(depth)).to.deep.equal([1, 2, 3, 3, 3]);
    expect(textOf(article(el, 'level four'))).to.contain('@Cat');
    expect(textOf(article(el, 'level five'))).to.contain('@Dan');
    byRole(el, 'list', 'Replies to Ann');
    expect(allByRole(el, 'listitem').length).to.equal(5);
    await expectAccessible(el);
  });

  it('replies inline: the composer opens under the comment, takes focus and posts the reply', async () => {
    const w = world();
    await w.say('Top comment', 'Ann');
    const el = await open(w.me);
    byRole(article(el, 'Top comment'), 'button', 'Reply').click();
    await settle(el, 10);
    const box = byRole(el, 'textbox', 'Reply to Ann');
    expect(focused()).to.equal(box);
    await expectAccessible(el);
    fill(box, 'A reply');
    const form = byRole(el, 'form', 'Reply to Ann');
    fill(byRole(form, 'textbox', 'Name'), 'Zoe');
    byRole(form, 'button', 'Post Reply').click();
    await until(() => articles(el).length === 2, 'the reply');
    expect(byRole(el, 'list', 'Replies to Ann').contains(article(el, 'A reply'))).to.equal(true);
    expect(focused()).to.equal(article(el, 'A reply'));
    expect(queryByRole(el, 'textbox', 'Reply to Ann')).to.equal(null);
  });

  it('sorts by newest, oldest and most voted, and remembers the choice', async () => {
    const w = world();
    const first = await w.say('first');
    await w.say('second');
    await w.say('third');
    await w.me.voteComment(first.id, 1);
    const el = await open(w.me);
    expect(bodies(el)).to.deep.equal(['third', 'second', 'first']);
    const sort = byRole(el, 'combobox', 'Sort by') as HTMLSelectElement;
    sort.value = 'oldest';
    sort.dispatchEvent(new Event('change'));
    await until(() => bodies(el)[0] === 'first', 'oldest first');
    expect(bodies(el)).to.deep.equal(['first', 'second', 'third']);
    sort.value = 'top';
    sort.dispatchEvent(new Event('change'));
    await until(() => bodies(el)[0] === 'first' && bodies(el)[1] === 'third', 'most voted first');
    cleanup();
    const again = await open(w.me);
    expect((byRole(again, 'combobox', 'Sort by') as HTMLSelectElement).value).to.equal('top');
  });

  it('votes as toggle buttons, one vote per reader, and rolls back on failure', async () => {
    const w = world();
    await w.say('Vote on me');
    const control = controllableBackend(w.me);
    const el = await open(control.backend);
    const up = byRole(el, 'button', 'Upvote');
    const down = byRole(el, 'button', 'Downvote');
    const score = () => article(el, 'Vote on me').querySelector('.score')!.textContent;
    expect([up.getAttribute('aria-pressed'), score()]).to.deep.equal(['false', '0']);
    up.click();
    await settle(el, 20);
    expect([up.getAttribute('aria-pressed'), score()]).to.deep.equal(['true', '1']);
    down.click();
    await settle(el, 20);
    expect([up.getAttribute('aria-pressed'), down.getAttribute('aria-pressed'), score()]).to.deep.equal(['false', 'true', '-1']);
    down.click();
    await settle(el, 20);
    expect(score()).to.equal('0');
    await expectAccessible(el);
    control.fail('voteComment');
    up.click();
    await settle(el, 20);
    expect([up.getAttribute('aria-pressed'), score()]).to.deep.equal(['false', '0']);
    expect(textOf(article(el, 'Vote on me'))).to.contain('could not be reached');
    // Own comments cannot be voted on.
    await postAsGuest(el, 'Mine');
    await until(() => articles(el).length === 2, 'own comment');
    expect(queryByRole(article(el, 'Mine'), 'button', 'Upvote')).to.equal(null);
  });

  it('lets the author edit and delete within the edit window only', async () => {
    const w = world({ editWindowMs: 15 * 60_000 });
    w.clock.now = Date.now();
    const other = await w.say('Keeps me', 'Bob');
    const mine = await w.say('Typo here', 'Ann', null, w.me);
    await w.say('Reply keeps it', 'Bob', mine.id);
    const el = await open(w.me);
    expect(queryByRole(article(el, 'Keeps me'), 'button', 'Edit')).to.equal(null);
    const own = article(el, 'Typo here');
    byRole(own, 'button', 'Edit').click();
    await settle(el, 10);
    const box = byRole(el, 'textbox', 'Edit your comment') as HTMLTextAreaElement;
    expect(focused()).to.equal(box);
    expect(box.value).to.equal('Typo here');
    fill(box, 'Fixed here');
    byRole(el, 'button', 'Save').click();
    await until(() => textOf(el).includes('Fixed here'), 'the edit');
    expect(textOf(article(el, 'Fixed here'))).to.contain('(edited)');
    byRole(article(el, 'Fixed here'), 'button', 'Delete').click();
    await settle(el, 10);
    await expectAccessible(el);
    byRole(el, 'button', 'Yes, delete').click();
    await until(() => textOf(el).includes('This comment was deleted'), 'the deletion');
    expect(textOf(el)).to.not.contain('Fixed here');
    expect(bodies(el)).to.include('Reply keeps it');
    expect(other.id).to.be.a('string');
    // Outside the window: no buttons, and the backend refuses anyway.
    await w.say('Late edit', 'Ann', null, w.me);
    w.clock.now += 16 * 60_000;
    cleanup();
    const later = await open(w.me);
    expect(queryByRole(article(later, 'Late edit'), 'button', 'Edit')).to.equal(null);
    expect(queryByRole(article(later, 'Late edit'), 'button', 'Delete')).to.equal(null);
  });

  it('reports a comment with a reason and confirms it', async () => {
    const w = world();
    await w.say('Rude words');
    const control = controllableBackend(w.me);
    const el = await open(control.backend);
    byRole(el, 'button', 'Report').click();
    await settle(el, 10);
    const reason = byRole(el, 'textbox', 'Why are you reporting this comment?');
    expect(focused()).to.equal(reason);
    byRole(el, 'button', 'Send report').click();
    await settle(el, 10);
    expect(describedBy(reason)).to.equal('Please say why you report this comment.');
    expect(control.calls).to.not.include('reportComment');
    await expectAccessible(el);
    fill(reason, 'Insults');
    byRole(el, 'button', 'Send report').click();
    await settle(el, 20);
    expect(control.calls).to.include('reportComment');
    expect(textOf(el)).to.contain('Thank you. A moderator will review this comment.');
    expect(queryByRole(el, 'button', 'Report')).to.equal(null);
  });

  it('shows pending comments to their author only, marked "Awaiting moderation"', async () => {
    const w = world({ moderation: 'all' });
    const el = await open(w.me);
    await postAsGuest(el, 'Please approve');
    await until(() => articles(el).length === 1, 'the pending comment');
    expect(textOf(articles(el)[0]!)).to.contain('Awaiting moderation');
    expect(announced(el)).to.contain('awaiting moderation');
    byRole(el, 'heading', '0 Comments');
    await expectAccessible(el);
    cleanup();
    const theirs = await open(w.other);
    expect(articles(theirs)).to.have.length(0);
  });

  it('shows moderators Approve, Delete and Ban on others’ comments (inline moderation)', async () => {
    const w = world({ moderation: 'all' });
    await w.me.postComment({ page: PAGE, body: 'Held for review', author: { name: 'Ann' } });
    const calls: string[] = [];
    const inner = w.me;
    // A moderator's view: others' comments, with the moderation fields the server adds for moderators.
    const moderator: ChimeBackend = {
      signIn: (t) => inner.signIn(t),
      signOut: () => inner.signOut(),
      reader: () => inner.reader(),
      getPage: (p) => inner.getPage(p),
      getCounts: (p) => inner.getCounts(p),
      listComments: async (q) => {
        const r = await inner.listComments(q);
        const asModerator = r.comments.map((c) => ({
          ...c,
          mine: false,
          editableUntil: null,
          moderation: { readerId: 'r_ann', reports: 0, reasons: [] },
        }));
        return { ...r, comments: asModerator };
      },
      postComment: (i) => inner.postComment(i),
      editComment: (i, b) => inner.editComment(i, b),
      deleteComment: async (id) => {
        calls.push(`delete ${id}`);
        await inner.deleteComment(id);
      },
      voteComment: (i, v) => inner.voteComment(i, v),
      reportComment: (i, r) => inner.reportComment(i, r),
      rate: (p, v) => inner.rate(p, v),
      removeRating: (p) => inner.removeRating(p),
      recordShare: (p, n) => inner.recordShare(p, n),
      subscribe: (r) => inner.subscribe(r),
      watch: (p, l) => inner.watch(p, l),
      moderate: async (id, action) => void calls.push(`${action} ${id}`),
    };
    const el = await open(moderator);
    const held = article(el, 'Held for review');
    expect(textOf(held)).to.contain('Awaiting moderation');
    expect(queryByRole(held, 'button', 'Edit')).to.equal(null);
    await expectAccessible(el);

    byRole(held, 'button', 'Approve').click();
    await settle(el, 20);
    expect(calls[0]).to.match(/^approve /);
    expect(textOf(article(el, 'Held for review'))).to.not.contain('Awaiting moderation');
    expect(queryByRole(article(el, 'Held for review'), 'button', 'Approve')).to.equal(null);
    expect(announced(el)).to.contain('The comment was approved');

    byRole(article(el, 'Held for review'), 'button', 'Ban').click();
    await settle(el);
    expect(focused()).to.equal(byRole(el, 'button', 'Yes, ban'));
    await expectAccessible(el);
    await press('Enter');
    await settle(el, 20);
    expect(calls[1]).to.match(/^ban /);
    expect(announced(el)).to.contain('The author was banned.');

    byRole(article(el, 'Held for review'), 'button', 'Delete').click();
    await settle(el);
    byRole(el, 'button', 'Yes, delete').click();
    await settle(el, 20);
    expect(calls[2]).to.match(/^delete /);
    expect(announced(el)).to.contain('The comment was deleted.');
  });

  it('shows readers no moderator actions', async () => {
    const w = world();
    await w.say('A comment by Bob');
    const el = await open(w.me);
    expect(queryByRole(article(el, 'A comment by Bob'), 'button', 'Ban')).to.equal(null);
    expect(queryByRole(article(el, 'A comment by Bob'), 'button', 'Approve')).to.equal(null);
  });

  it('shows XSS payloads in bodies and names as text', async () => {
    const w = world();
    for (const payload of XSS_PAYLOADS) await w.say(`x ${payload}`, payload.slice(0, 80));
    const alerts: unknown[] = [];
    const original = window.alert;
    window.alert = (...args: unknown[]) => void alerts.push(args);
    try {
      const el = await open(w.me, { pageSize: 100 });
      expect(articles(el)).to.have.length(XSS_PAYLOADS.length);
      const root = el.shadowRoot!;
      expect(root.querySelector('script, img, iframe, svg, object, embed, style:not([id]), link, base, meta')).to.equal(null);
      for (const node of Array.from(root.querySelectorAll('*'))) {
        for (const attr of Array.from(node.attributes)) expect(attr.name.startsWith('on'), attr.name).to.equal(false);
      }
      for (const a of Array.from(root.querySelectorAll('a'))) expect(a.protocol).to.be.oneOf(['http:', 'https:', 'mailto:']);
      expect(textOf(el)).to.contain('<script>alert(1)</script>');
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      window.alert = original;
    }
    expect(alerts).to.deep.equal([]);
  });

  it('lays out each comment, name and draft in its own direction, whatever the page’s', async () => {
    const w = world();
    await w.say('مقال رائع، شكرا على التوضيح.', 'ليلى');
    await w.say('Great piece, thanks.', 'Bob');
    const el = await open(w.me);
    const direction = (node: Element | null) => getComputedStyle(node!).direction;
    const arabic = article(el, 'مقال رائع');
    expect([direction(arabic.querySelector('[part="body"]')), direction(arabic.querySelector('strong'))]).to.deep.equal([
      'rtl',
      'rtl',
    ]);
    expect(direction(article(el, 'Great piece').querySelector('[part="body"]'))).to.equal('ltr');
    const box = byRole(el, 'textbox', 'Join the discussion');
    expect(direction(box), 'empty: the page’s direction').to.equal('ltr');
    fill(box, 'أوافق تماما');
    await settle(el);
    expect(direction(box), 'as the reader types Arabic').to.equal('rtl');
  });

  it('shows the first page, then "View all comments" and "Load more comments"', async () => {
    const w = world();
    for (let i = 1; i <= 5; i++) await w.say(`comment ${i}`);
    const control = controllableBackend(w.me);
    const el = await open(control.backend, { pageSize: 2 });
    expect(bodies(el)).to.deep.equal(['comment 5', 'comment 4']);
    await expectAccessible(el);
    byRole(el, 'button', 'View all comments').click();
    await until(() => articles(el).length === 5, 'all comments');
    expect(queryByRole(el, 'button', 'View all comments')).to.equal(null);
    expect(queryByRole(el, 'button', 'Load more comments')).to.equal(null);
  });

  it('loads, scrolls to, highlights and focuses a comment from #comment-<id>', async () => {
    const w = world();
    const target = await w.say('deep linked');
    for (let i = 0; i < 4; i++) await w.say(`newer ${i}`);
    location.hash = `#comment-${target.id}`;
    const el = await open(w.me, { pageSize: 2 });
    await until(() => articles(el).length === 5, 'every page');
    const linked = article(el, 'deep linked');
    expect(linked.classList.contains('highlight')).to.equal(true);
    expect(focused()).to.equal(linked);
    await expectAccessible(el);
  });

  it('holds new comments from another tab behind a polite "N new comments" button', async () => {
    const { mine, theirs, close } = twoTabs();
    try {
      await theirs.postComment({ page: PAGE, body: 'Existing', author: { name: 'Bob' } });
      const el = await open(mine);
      const existing = await theirs.postComment({ page: PAGE, body: 'Fresh one', author: { name: 'Bob' } });
      await theirs.postComment({ page: PAGE, body: 'Fresh two', author: { name: 'Bob' } });
      await until(() => queryByRole(el, 'button', '2 new comments'), 'the new comments button');
      expect(bodies(el)).to.deep.equal(['Existing']);
      expect(announced(el)).to.contain('2 new comments');
      await expectAccessible(el);
      // Edits apply in place.
      await theirs.editComment(
        (await theirs.listComments({ page: PAGE })).comments.find((c) => c.body === 'Existing')!.id,
        'Existing, edited',
      );
      await until(() => textOf(el).includes('Existing, edited'), 'the live edit');
      byRole(el, 'button', '2 new comments').click();
      await until(() => articles(el).length === 3, 'the new comments');
      expect(bodies(el)).to.deep.equal(['Fresh two', 'Fresh one', 'Existing, edited']);
      await theirs.deleteComment(existing.id);
      await until(() => articles(el).length === 2, 'the live delete');
      // My own post is not counted as new.
      await postAsGuest(el, 'From me');
      await until(() => articles(el).length === 3, 'my comment');
      await settle(el, 50);
      expect(queryByRole(el, 'button', /new comment/)).to.equal(null);
    } finally {
      close();
    }
  });

  it('keeps an open reply form, its text and focus when a comment above it is deleted live', async () => {
    const { mine, theirs, close } = twoTabs();
    try {
      await theirs.postComment({ page: PAGE, body: 'Stays', author: { name: 'Ann' } });
      const gone = await theirs.postComment({ page: PAGE, body: 'Goes', author: { name: 'Bob' } });
      const el = await open(mine);
      expect(bodies(el)).to.deep.equal(['Goes', 'Stays']);
      byRole(article(el, 'Stays'), 'button', 'Reply').click();
      await settle(el, 10);
      await type('half a thought');
      const box = byRole(el, 'textbox', 'Reply to Ann') as HTMLTextAreaElement;
      expect(focused()).to.equal(box);
      await theirs.deleteComment(gone.id);
      await until(() => articles(el).length === 1, 'the live delete');
      await settle(el, 10);
      expect(byRole(el, 'textbox', 'Reply to Ann')).to.equal(box);
      expect(focused()).to.equal(box);
      expect(box.value).to.equal('half a thought');
      expect(article(el, 'Stays').contains(box)).to.equal(true);
    } finally {
      close();
    }
  });

  it('subscribes through "Notify of", asking for an email where none is known', async () => {
    const w = world();
    const control = controllableBackend(w.me);
    const el = await open(control.backend);
    const select = byRole(el, 'combobox', 'Notify of') as HTMLSelectElement;
    select.value = 'replies';
    select.dispatchEvent(new Event('change'));
    byRole(el, 'button', 'Subscribe').click();
    await settle(el, 20);
    const email = byRole(el, 'textbox', 'Email for notifications');
    expect(describedBy(email)).to.equal('Please enter your email to get notifications.');
    expect(focused()).to.equal(email);
    await expectAccessible(el);
    fill(email, 'ann@example.com');
    // A server answers "pending" until the reader confirms from the mail.
    const original = w.me.subscribe.bind(w.me);
    const requests: unknown[] = [];
    w.me.subscribe = async (request) => (requests.push(request), await original(request), { status: 'pending' });
    byRole(el, 'button', 'Subscribe').click();
    await until(() => textOf(el).includes('Check your inbox to confirm.'), 'the confirmation');
    expect(requests).to.deep.equal([{ page: PAGE, email: 'ann@example.com', scope: 'replies', commentId: undefined }]);
    expect(announced(el)).to.contain('Check your inbox to confirm.');
    expect(queryByRole(el, 'textbox', 'Email for notifications')).to.equal(null);
    await expectAccessible(el);
  });

  it('posts and replies with the keyboard only', async () => {
    const w = world();
    await w.say('Someone said', 'Ann');
    const el = await open(w.me);
    byRole(el, 'textbox', 'Join the discussion').focus();
    await type('Typed with keys');
    await press('Tab');
    expect(focused()).to.equal(byRole(el, 'textbox', 'Name'));
    await type('Kim');
    await press('Tab');
    await press('Tab');
    expect(focused()).to.equal(byRole(el, 'button', 'Post Comment'));
    await press('Enter');
    await until(() => articles(el).length === 2, 'the keyboard post');
    expect(focused()).to.equal(article(el, 'Typed with keys'));
    // Reply: Tab to "Reply", Enter, type, Ctrl+Enter.
    const reply = byRole(article(el, 'Someone said'), 'button', 'Reply');
    reply.focus();
    await press('Enter');
    await settle(el, 10);
    expect(focused()).to.equal(byRole(el, 'textbox', 'Reply to Ann'));
    await type('Keyboard reply');
    await press('Control+Enter');
    await until(() => articles(el).length === 3, 'the keyboard reply');
    expect(focused()).to.equal(article(el, 'Keyboard reply'));
    await expectAccessible(el);
  });

  it('signs SSO readers in: their name, no guest fields', async () => {
    const payload = btoa(JSON.stringify({ sub: 'u1', name: 'Sam Signed' })).replace(/=+$/, '');
    const el = await open(world().me, { sso: `e30.${payload}.sig` });
    await until(() => textOf(el).includes('Commenting as Sam Signed'), 'the signed-in name');
    expect(queryByRole(el, 'textbox', 'Name')).to.equal(null);
    fill(byRole(el, 'textbox', 'Join the discussion'), 'Signed post');
    byRole(el, 'button', 'Post Comment').click();
    await until(() => articles(el).length === 1, 'the post');
    expect(accessibleName(articles(el)[0]!)).to.contain('Sam Signed');
    await expectAccessible(el);
  });

  it('takes the SSO token from configure()', async () => {
    configure({ ssoToken: `e30.${btoa(JSON.stringify({ sub: 'u2', name: 'Cy' }))}.sig` });
    const el = await open(world().me);
    await until(() => textOf(el).includes('Commenting as Cy'), 'the signed-in name');
  });

  it('lists inline feedback with its passage under "Inline Feedbacks"', async () => {
    const w = world();
    await w.say('General remark');
    await w.other.postComment({
      page: PAGE,
      body: 'About this line',
      author: { name: 'Bob' },
      anchor: { quote: 'the quoted passage', prefix: '', suffix: '' },
    });
    const el = await open(w.me);
    expect(articles(el)).to.have.length(2);
    const toggle = byRole(el, 'button', 'Inline Feedbacks');
    toggle.click();
    await until(() => articles(el).length === 1, 'inline only');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(textOf(articles(el)[0]!)).to.contain('the quoted passage');
    expect(queryByRole(el, 'textbox', 'Join the discussion')).to.equal(null);
    await expectAccessible(el);
  });

  it('loads lazily: nothing is fetched until the element nears the viewport', async () => {
    const control = controllableBackend(world().me);
    const wrapper = await mount<HTMLDivElement>(
      html`<div style="margin-top: 5000px">
        <chime-comments backend=${useBackend(control.backend)} page=${PAGE}></chime-comments>
      </div>`,
    );
    const el = wrapper.querySelector('chime-comments')!;
    await settle(el, 50);
    expect(control.calls).to.not.include('listComments');
    expect(el.shadowRoot!.querySelector('.skeleton')).to.not.equal(null);
    expect(el.getBoundingClientRect().height).to.be.greaterThan(200);
    await expectAccessible(el);
    el.scrollIntoView();
    await until(() => control.calls.includes('listComments'), 'the lazy load');
    window.scrollTo(0, 0);
  });

  it('speaks the page language', async () => {
    const w = world();
    await w.say('eins');
    await w.say('zwei');
    const wrapper = await mount<HTMLDivElement>(
      html`<div lang="de"><chime-comments eager backend=${useBackend(w.me)} page=${PAGE}></chime-comments></div>`,
    );
    const el = wrapper.querySelector('chime-comments')!;
    await until(() => queryByRole(el, 'heading', '2 Kommentare'), 'German');
    byRole(el, 'button', 'Kommentar senden');
  });

  it('closes an inline composer with Escape, keeping the reply draft', async () => {
    const w = world();
    await w.say('Top', 'Ann');
    const el = await open(w.me);
    byRole(el, 'button', 'Reply').click();
    await settle(el, 10);
    await type('half a thought');
    await press('Escape');
    await settle(el, 10);
    expect(queryByRole(el, 'textbox', 'Reply to Ann')).to.equal(null);
    expect(focused()).to.equal(article(el, 'Top'));
    byRole(el, 'button', 'Reply').click();
    await settle(el, 10);
    expect((byRole(el, 'textbox', 'Reply to Ann') as HTMLTextAreaElement).value).to.equal('half a thought');
  });

  it('offers "Load more comments" while more pages remain', async () => {
    const w = world();
    for (let i = 1; i <= 105; i++) await w.say(`c${i}`);
    const el = await open(w.me, { pageSize: 2 });
    byRole(el, 'button', 'View all comments').click();
    await until(() => articles(el).length >= 102, 'the second page');
    // The rest loads when the button nears the viewport, or by clicking it.
    queryByRole(el, 'button', 'Load more comments')?.click();
    await until(() => articles(el).length === 105, 'the last page');
    expect(queryByRole(el, 'button', 'Load more comments')).to.equal(null);
  });

  it('says when comments are closed instead of offering the composer', async () => {
    const w = world();
    await w.say('Before closing');
    w.me.setClosed(PAGE, { comments: true });
    const el = await open(w.me);
    await until(() => textOf(el).includes('Comments are closed.'), 'the closed notice');
    expect(queryByRole(el, 'textbox', 'Join the discussion')).to.equal(null);
    expect(bodies(el)).to.deep.equal(['Before closing']);
  });

  it('shares one event connection between the elements of a page', async () => {
    const control = controllableBackend(world().me);
    const name = useBackend(control.backend);
    const wrap = await mount<HTMLDivElement>(
      html`<div>
        <chime-comments eager backend=${name} page=${PAGE}></chime-comments>
        <chime-comments eager backend=${name} page=${PAGE}></chime-comments>
      </div>`,
    );
    await settle(wrap, 50);
    expect(control.calls.filter((c) => c === 'watch')).to.have.length(1);
  });

  it('is accessible in the dark theme and right-to-left, with Arabic plurals', async () => {
    const w = world();
    await w.say('مرحبا', 'سارة');
    await w.say('أهلا', 'علي');
    const wrapper = await mount<HTMLDivElement>(
      html`<div lang="ar" style="background: #0d1117">
        <chime-comments eager theme="dark" backend=${useBackend(w.me)} page=${PAGE}></chime-comments>
      </div>`,
    );
    const el = wrapper.querySelector('chime-comments')!;
    await until(() => queryByRole(el, 'heading', 'تعليقان'), 'the Arabic dual');
    expect(el.getAttribute('dir')).to.equal('rtl');
    await expectAccessible(el);
  });
});
