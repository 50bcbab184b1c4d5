/**
 * The backend contract as a test suite, runnable by mocha (browser) and node:test (server), so
 * the local backend and the REST client against a live server are held to the same behaviour.
 */
import { ChimeError, type ChimeBackend } from './contract.js';

type Fn = () => void | Promise<void>;
export interface SuiteApi {
  describe(name: string, fn: () => void): unknown;
  it(name: string, fn: Fn): unknown;
}

export interface ContractFactory {
  /** A backend for a fresh reader; the same `world` means the same data. */
  create(world: string, reader: string): ChimeBackend | Promise<ChimeBackend>;
  /** A publisher SSO token for `sub`/`name` the backend accepts. */
  ssoToken?(sub: string, name: string): string | Promise<string>;
}

function ok(value: unknown, message: string): asserts value {
  if (!value) throw new Error(message);
}
function equal<T>(actual: T, expected: T, message = 'values differ'): void {
  if (actual !== expected) throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
async function rejects(promise: Promise<unknown>, code: string): Promise<ChimeError> {
  try {
    await promise;
  } catch (error) {
    ok(error instanceof ChimeError, `expected a ChimeError, got ${String(error)}`);
    equal(error.code, code, 'error code');
    return error;
  }
  throw new Error(`expected a ChimeError "${code}", but it resolved`);
}

let worldCounter = 0;

export function defineContractSuite({ describe, it }: SuiteApi, factory: ContractFactory): void {
  const world = () => `w${Date.now().toString(36)}${(worldCounter++).toString(36)}`;
  const two = async () => {
    const w = world();
    const page = `/contract/${w}`;
    return { page, a: await factory.create(w, 'a'), b: await factory.create(w, 'b') };
  };
  const guest = { name: 'Ada', email: 'ada@example.org' };

  describe('backend contract', () => {
    it('summarises an empty page', async () => {
      const { a, page } = await two();
      const summary = await a.getPage(page);
      equal(summary.comments.count, 0);
      equal(summary.rating.average, 0);
      equal(summary.rating.count, 0);
      equal(summary.rating.mine, null);
      equal(summary.shares.total, 0);
    });

    it('posts a guest comment and lists it', async () => {
      const { a, b, page } = await two();
      const posted = await a.postComment({ page, body: 'First!', author: guest });
      equal(posted.body, 'First!');
      equal(posted.author.name, 'Ada');
      equal(posted.status, 'published');
      ok(posted.mine, 'the author sees mine=true');
      ok(posted.editableUntil, 'the author may edit');
      ok(!('email' in posted.author), 'no email in the author');
      const list = await b.listComments({ page });
      equal(list.total, 1);
      equal(list.comments.length, 1);
      equal(list.comments[0]!.id, posted.id);
      equal(list.comments[0]!.mine, false);
      equal(list.comments[0]!.editableUntil, null);
      equal((await b.getPage(page)).comments.count, 1);
    });

    it('refuses invalid comments with field errors', async () => {
      const { a, page } = await two();
      const empty = await rejects(a.postComment({ page, body: '   ', author: guest }), 'validation');
      ok(empty.fields?.body, 'a body field error');
      const noName = await rejects(a.postComment({ page, body: 'Hi', author: { name: '' } }), 'validation');
      ok(noName.fields?.name, 'a name field error');
      const badEmail = await rejects(a.postComment({ page, body: 'Hi', author: { name: 'X', email: 'nope' } }), 'validation');
      ok(badEmail.fields?.email, 'an email field error');
      equal((await a.listComments({ page })).total, 0);
    });

    it('nests replies and refuses a parent from another page', async () => {
      const { a, b, page } = await two();
      const root = await a.postComment({ page, body: 'Root', author: guest });
      const reply = await b.postComment({ page, body: 'Reply', parentId: root.id, author: { name: 'Bob' } });
      equal(reply.parentId, root.id);
      const list = await a.listComments({ page });
      equal(list.comments.length, 1);
      equal(list.comments[0]!.replies[0]!.id, reply.id);
      equal(list.total, 2);
      await rejects(
        b.postComment({ page: `${page}/other`, body: 'x', parentId: root.id, author: { name: 'Bob' } }),
        'validation',
      );
    });

    it('sorts and pages top-level comments with a cursor', async () => {
      const { a, b, page } = await two();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await a.postComment({ page, body: `c${i}`, author: guest })).id);
      await b.voteComment(ids[2]!, 1);
      const newest = await a.listComments({ page, sort: 'newest', limit: 2 });
      equal(newest.comments.map((c) => c.body).join(), 'c4,c3');
      ok(newest.nextCursor, 'a next cursor');
      const next = await a.listComments({ page, sort: 'newest', limit: 2, cursor: newest.nextCursor });
      equal(next.comments.map((c) => c.body).join(), 'c2,c1');
      const last = await a.listComments({ page, sort: 'newest', limit: 2, cursor: next.nextCursor });
      equal(last.comments.map((c) => c.body).join(), 'c0');
      equal(last.nextCursor, null);
      equal((await a.listComments({ page, sort: 'oldest', limit: 1 })).comments[0]!.body, 'c0');
      equal((await a.listComments({ page, sort: 'top', limit: 1 })).comments[0]!.body, 'c2');
    });

    it('lets the author edit and delete, and nobody else', async () => {
      const { a, b, page } = await two();
      const posted = await a.postComment({ page, body: 'Tpyo', author: guest });
      await rejects(b.editComment(posted.id, 'Hacked'), 'forbidden');
      await rejects(b.deleteComment(posted.id), 'forbidden');
      const edited = await a.editComment(posted.id, 'Typo');
      equal(edited.body, 'Typo');
      ok(edited.editedAt, 'editedAt is set');
      await rejects(a.editComment(posted.id, ''), 'validation');
      await a.deleteComment(posted.id);
      equal((await b.listComments({ page })).total, 0);
    });

    it('keeps a deleted comment with replies as a placeholder', async () => {
      const { a, b, page } = await two();
      const root = await a.postComment({ page, body: 'Root', author: guest });
      await b.postComment({ page, body: 'Reply', parentId: root.id, author: { name: 'Bob' } });
      await a.deleteComment(root.id);
      const list = await b.listComments({ page });
      equal(list.comments[0]!.status, 'deleted');
      equal(list.comments[0]!.body, '');
      equal(list.comments[0]!.replies.length, 1);
    });

    it('counts one vote per reader on a comment, toggling', async () => {
      const { a, b, page } = await two();
      const posted = await a.postComment({ page, body: 'Vote me', author: guest });
      equal((await b.voteComment(posted.id, 1)).score, 1);
      equal((await b.voteComment(posted.id, 1)).score, 1);
      equal((await b.voteComment(posted.id, -1)).score, -1);
      const cleared = await b.voteComment(posted.id, 0);
      equal(cleared.score, 0);
      equal(cleared.myVote, 0);
      await b.voteComment(posted.id, 1);
      const seen = (await b.listComments({ page })).comments[0]!;
      equal(seen.score, 1);
      equal(seen.myVote, 1);
      await rejects(b.voteComment(posted.id, 2 as 1), 'validation');
    });

    it('accepts a report with a reason', async () => {
      const { a, b, page } = await two();
      const posted = await a.postComment({ page, body: 'Rude', author: guest });
      await b.reportComment(posted.id, 'Insulting');
      await rejects(b.reportComment(posted.id, ''), 'validation');
      await rejects(b.reportComment('does-not-exist', 'spam'), 'not_found');
    });

    it('rates once per reader: changeable, removable, exact average', async () => {
      const { a, b, page } = await two();
      let rating = await a.rate(page, 4);
      equal(rating.count, 1);
      equal(rating.average, 4);
      equal(rating.mine, 4);
      rating = await a.rate(page, 5);
      equal(rating.count, 1);
      equal(rating.average, 5);
      rating = await b.rate(page, 2);
      equal(rating.count, 2);
      equal(rating.average, 3.5);
      equal(rating.mine, 2);
      equal((await a.getPage(page)).rating.mine, 5);
      rating = await a.removeRating(page);
      equal(rating.count, 1);
      equal(rating.average, 2);
      equal(rating.mine, null);
      await rejects(a.rate(page, 6), 'validation');
      await rejects(a.rate(page, 0), 'validation');
      await rejects(a.rate(page, 2.5), 'validation');
    });

    it('records shares per network', async () => {
      const { a, page } = await two();
      await a.recordShare(page, 'x');
      const shares = await a.recordShare(page, 'x');
      equal(shares.networks.x, 2);
      equal(shares.total, 2);
      await rejects(a.recordShare(page, 'myspace'), 'validation');
      equal((await a.getPage(page)).shares.total, 2);
    });

    it('returns batch counts for many pages', async () => {
      const { a, page } = await two();
      await a.postComment({ page, body: 'One', author: guest });
      await a.rate(page, 3);
      const counts = await a.getCounts([page, `${page}/empty`]);
      equal(counts[page]!.comments, 1);
      equal(counts[page]!.rating.average, 3);
      equal(counts[`${page}/empty`]!.comments, 0);
      await rejects(a.getCounts(Array.from({ length: 101 }, (_, i) => `/p${i}`)), 'validation');
    });

    it('accepts a subscription and refuses a bad email', async () => {
      const { a, page } = await two();
      const result = await a.subscribe({ page, email: 'ada@example.org', scope: 'page' });
      ok(['pending', 'confirmed'].includes(result.status), 'a subscription status');
      await rejects(a.subscribe({ page, email: 'not-an-email', scope: 'page' }), 'validation');
    });

    it('delivers live events to watchers of the page', async () => {
      const { a, b, page } = await two();
      const events: string[] = [];
      const stop = b.watch(page, (event) => events.push(event.type));
      // Give a network backend time to open its event stream.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await a.postComment({ page, body: 'Live', author: guest });
      await a.rate(page, 5);
      for (let i = 0; i < 50 && events.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      stop();
      ok(events.includes('comment.created'), `comment.created arrives (got ${events.join()})`);
      ok(events.includes('rating.updated'), `rating.updated arrives (got ${events.join()})`);
    });

    it('signs a publisher user in through SSO and posts without guest fields', async () => {
      if (!factory.ssoToken) return;
      const { a, page } = await two();
      const reader = await a.signIn(await factory.ssoToken('u42', 'Grace Hopper'));
      equal(reader.verified, true);
      const posted = await a.postComment({ page, body: 'Signed in' });
      equal(posted.author.name, 'Grace Hopper');
      equal(posted.author.verified, true);
      await a.signOut();
      await rejects(a.postComment({ page, body: 'Anonymous again' }), 'validation');
    });
  });
}
