/** The storage contract suite, run against SQLite and (where DATABASE_URL is set) PostgreSQL. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { after, before, describe, it } from 'node:test';
import { missingDriver, openStorage } from '../storage/index.js';
import { openPostgres } from '../storage/postgres.js';
import { openSqlite } from '../storage/sqlite.js';
import type { CommentRow, Storage } from '../storage/types.js';
import { NO_PG, PG_URL, tempDir } from './helpers.js';

const run = randomUUID().slice(0, 8);
let n = 0;
const uid = (p: string) => `${p}-${run}-${n++}`;

function comment(over: Partial<CommentRow> = {}): CommentRow {
  return {
    id: uid('c'),
    page: '/p',
    parentId: null,
    body: 'Hello',
    name: 'Ada',
    email: 'ada@example.org',
    readerId: uid('r'),
    verified: false,
    moderator: false,
    createdAt: Date.now(),
    editedAt: null,
    status: 'published',
    anchor: null,
    ...over,
  };
}

function defineStorageSuite(name: string, open: (() => Promise<Storage>) | null): void {
  describe(`storage contract: ${name}`, () => {
    if (!open) {
      it('runs on PostgreSQL', (t) => {
        console.log(`# ${NO_PG}`);
        t.skip(NO_PG);
      });
      return;
    }
    let s: Storage;
    before(async () => {
      s = await open();
    });
    after(() => s.close());

    it('round-trips a comment with its anchor and flags', async () => {
      const page = uid('/page');
      const c = comment({
        page,
        verified: true,
        moderator: true,
        anchor: { quote: 'q', prefix: 'a', suffix: 'b', start: 3, end: 4 },
      });
      await s.insertComment(c);
      const got = await s.getComment(c.id);
      assert.deepEqual(got, { ...c, score: 0, myVote: 0, reports: 0 });
      assert.equal(await s.getComment('missing'), null);
      assert.equal(await s.updateComment(c.id, { body: 'Edited', editedAt: 5 }), true);
      assert.equal((await s.getComment(c.id))!.body, 'Edited');
      assert.equal(await s.updateComment('missing', { status: 'spam' }), false);
    });

    it('shows pending comments only to their author and moderators', async () => {
      const page = uid('/page');
      const mine = comment({ page, status: 'pending' });
      const other = comment({ page, status: 'pending' });
      const spam = comment({ page, status: 'spam' });
      const gone = comment({ page, status: 'deleted', body: '' });
      const ok = comment({ page });
      for (const c of [mine, other, spam, gone, ok]) await s.insertComment(c);
      const seen = await s.pageComments(page, { readerId: mine.readerId, moderator: false });
      assert.deepEqual(seen.map((c) => c.id).sort(), [mine.id, gone.id, ok.id].sort());
      const mod = await s.pageComments(page, { readerId: null, moderator: true });
      assert.deepEqual(mod.map((c) => c.id).sort(), [mine.id, other.id, gone.id, ok.id].sort());
      assert.deepEqual([...(await s.publishedCounts([page, uid('/none')])).entries()], [[page, 1]]);
    });

    it('keeps one vote per reader and sums scores', async () => {
      const c = comment({ page: uid('/page') });
      await s.insertComment(c);
      assert.equal(await s.setVote(c.id, 'v1', 1), 1);
      assert.equal(await s.setVote(c.id, 'v1', 1), 1);
      assert.equal(await s.setVote(c.id, 'v2', -1), 0);
      assert.equal(await s.setVote(c.id, 'v1', -1), -2);
      assert.equal(await s.setVote(c.id, 'v2', 0), -1);
      const got = await s.getComment(c.id, 'v1');
      assert.equal(got!.score, -1);
      assert.equal(got!.myVote, -1);
    });

    it('keeps one report per reader, with reasons', async () => {
      const c = comment({ page: uid('/page') });
      await s.insertComment(c);
      await s.addReport(c.id, 'x', 'rude', 1);
      await s.addReport(c.id, 'x', 'again', 2);
      await s.addReport(c.id, 'y', 'spam', 3);
      assert.equal((await s.getComment(c.id))!.reports, 2);
      assert.deepEqual((await s.reportReasons([c.id])).get(c.id), ['rude', 'spam']);
    });

    it('keeps one rating per reader, changeable and removable', async () => {
      const page = uid('/page');
      await s.setRating(page, 'a', 5, 1);
      await s.setRating(page, 'a', 4, 2);
      await s.setRating(page, 'b', 1, 3);
      assert.deepEqual((await s.ratings([page], 'a')).get(page), { sum: 5, count: 2, mine: 4 });
      await s.setRating(page, 'a', null, 4);
      assert.deepEqual((await s.ratings([page], 'a')).get(page), { sum: 1, count: 1, mine: null });
      assert.deepEqual((await s.ratings([uid('/none')], null)).size, 1);
    });

    it('counts shares and keeps page settings', async () => {
      const page = uid('/page');
      await s.addShare(page, 'x');
      await s.addShare(page, 'x');
      await s.addShare(page, 'email');
      assert.deepEqual((await s.shares([page])).get(page), { email: 1, x: 2 });
      assert.deepEqual((await s.pageSettings([page])).get(page), { commentsClosed: false, ratingClosed: false });
      await s.setPageSettings(page, { commentsClosed: true });
      await s.setPageSettings(page, { ratingClosed: true });
      await s.setPageSettings(page, { commentsClosed: false });
      assert.deepEqual((await s.pageSettings([page])).get(page), { commentsClosed: false, ratingClosed: true });
    });

    it('tracks subscriptions through confirmation and unsubscribe', async () => {
      const page = uid('/page');
      const token = uid('t');
      await s.addSubscription({
        token,
        page,
        email: 'a@b.org',
        scope: 'page',
        commentId: null,
        readerId: null,
        status: 'pending',
        createdAt: 1,
        updatedAt: 1,
      });
      assert.equal((await s.confirmedSubscriptions(page)).length, 0);
      await s.setSubscriptionStatus(token, 'confirmed', 2);
      assert.equal((await s.confirmedSubscriptions(page))[0]!.email, 'a@b.org');
      assert.equal((await s.subscription(token))!.status, 'confirmed');
      await s.setSubscriptionStatus(token, 'unsubscribed', 3);
      assert.equal((await s.confirmedSubscriptions(page)).length, 0);
      assert.equal(await s.subscription('missing'), null);
    });

    it('leases outbox mails to one worker at a time, and retries', async () => {
      const to = `${uid('m')}@example.org`;
      // Far-future times keep this test's mails apart from other tests' mails in a shared database.
      const t0 = Date.now() + 2e12;
      await s.enqueueMail([{ to, subject: 'S', text: 'T', headers: { 'List-Unsubscribe': '<u>' }, createdAt: t0 }]);
      const first = (await s.claimMail(t0, 100, 1000, 3)).filter((m) => m.to === to);
      assert.equal(first.length, 1);
      assert.deepEqual(first[0]!.headers, { 'List-Unsubscribe': '<u>' });
      assert.equal(first[0]!.attempts, 1);
      assert.equal((await s.claimMail(t0 + 10, 100, 1000, 3)).filter((m) => m.to === to).length, 0, 'leased');
      await s.mailFailed(first[0]!.id!, 'smtp down', t0 + 50);
      const retry = (await s.claimMail(t0 + 60, 100, 1000, 3)).filter((m) => m.to === to);
      assert.equal(retry[0]!.attempts, 2);
      await s.mailSent(retry[0]!.id!, t0 + 70);
      assert.equal((await s.claimMail(t0 + 1e5, 100, 1000, 3)).filter((m) => m.to === to).length, 0, 'sent');
      // Old mails are forgotten: a pending one with it (created before the cut) as well.
      await s.enqueueMail([{ to, subject: 'S2', text: 'T', headers: {}, createdAt: t0 + 80 }]);
      await s.pruneMail(t0 + 100);
      assert.equal((await s.claimMail(t0 + 1e5, 100, 1000, 9)).filter((m) => m.to === to).length, 0, 'pruned');
    });

    it('appends events in order, replays after an id, and notifies', async () => {
      const page = uid('/page');
      const seen: string[] = [];
      const off = s.onEvent((p) => p === page && seen.push(p));
      const a = await s.appendEvent(page, 'comment.created', '{"a":1}', Date.now());
      const b = await s.appendEvent(page, 'rating.updated', '{"b":2}', Date.now());
      assert.ok(b > a);
      assert.equal(await s.lastEventId(page), b);
      assert.equal(await s.lastEventId(uid('/none')), 0);
      assert.deepEqual(
        (await s.eventsSince(page, a, 10)).map((e) => [e.id, e.type, e.data]),
        [[b, 'rating.updated', '{"b":2}']],
      );
      for (let i = 0; i < 100 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      off();
      assert.equal(seen.length, 2);
      await s.appendEvent(page, 'old', '{}', 1);
      await s.pruneEvents(2);
      assert.deepEqual(
        (await s.eventsSince(page, 0, 10)).map((e) => e.type),
        ['comment.created', 'rating.updated'],
      );
    });

    it('stores a write and its live event in one transaction', async () => {
      const page = uid('/page');
      const seen: string[] = [];
      const off = s.onEvent((p) => p === page && seen.push(p));
      const c = comment({ page });
      await s.insertComment(c, { page, type: 'comment.created', data: '{"n":1}', at: 1 });
      assert.equal(await s.updateComment(c.id, { body: 'x' }, { page, type: 'comment.updated', data: '{"n":2}', at: 2 }), true);
      const totals = await s.setRating(page, 'a', 4, 3, (t) => ({
        page,
        type: 'rating.updated',
        data: JSON.stringify(t),
        at: 3,
      }));
      assert.deepEqual(totals, { sum: 4, count: 1 });
      const events = await s.eventsSince(page, 0, 10);
      assert.deepEqual(
        events.map((e) => e.type),
        ['comment.created', 'comment.updated', 'rating.updated'],
      );
      assert.equal(events[2]!.data, '{"sum":4,"count":1}', 'the event is built from the totals after the write');
      // A write that fails (a duplicate id) leaves no event behind.
      await assert.rejects(s.insertComment(c, { page, type: 'comment.created', data: '{}', at: 4 }));
      assert.equal((await s.eventsSince(page, 0, 10)).length, 3);
      for (let i = 0; i < 100 && seen.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
      off();
      assert.equal(seen.length, 3);
    });

    it('bans readers and emails', async () => {
      const reader = uid('r');
      const email = `${uid('e')}@example.org`;
      assert.equal(await s.isBanned(reader, email), false);
      await s.addBan({ kind: 'reader', value: reader, reason: 'troll', createdAt: 1 });
      await s.addBan({ kind: 'email', value: email, reason: null, createdAt: 2 });
      assert.equal(await s.isBanned(reader, null), true);
      assert.equal(await s.isBanned(null, email), true);
      assert.equal(await s.isBanned('someone', 'else@example.org'), false);
      assert.ok((await s.bans()).some((b) => b.value === reader && b.reason === 'troll'));
      assert.equal(await s.removeBan('reader', reader), true);
      assert.equal(await s.removeBan('reader', reader), false);
      assert.equal(await s.isBanned(reader, null), false);
    });

    it('finds first-time posters and moderation queues', async () => {
      const page = uid('/page');
      const reader = uid('r');
      const email = `${uid('e')}@example.org`;
      assert.equal(await s.hasPublished(reader, email), false);
      const t = Date.now() + 1e12; // newest in the queues, also in a database shared with earlier runs
      const held = [0, 1, 2].map((i) => comment({ page, readerId: reader, email, status: 'pending', createdAt: t + i }));
      for (const c of held) await s.insertComment(c);
      assert.equal(await s.hasPublished(reader, email), false);
      await s.updateComment(held[0]!.id, { status: 'published' });
      assert.equal(await s.hasPublished(reader, null), true);
      assert.equal(await s.hasPublished(uid('other'), email), true);
      const q1 = await s.moderationQueue('pending', 1, null);
      assert.equal(q1[0]!.id, held[2]!.id);
      const q2 = await s.moderationQueue('pending', 1, { createdAt: q1[0]!.createdAt, id: q1[0]!.id });
      assert.equal(q2[0]!.id, held[1]!.id);
      await s.addReport(held[0]!.id, 'x', 'bad', 1);
      assert.ok((await s.moderationQueue('reported', 100, null)).some((c) => c.id === held[0]!.id));
    });

    it('counts the pending, reported and spam queues exactly as the queues list them', async () => {
      // Deltas: the database may be shared with other tests and earlier runs.
      const before = await s.queueSizes();
      const page = uid('/page');
      const made = ['pending', 'pending', 'spam', 'published', 'published', 'rejected'] as const;
      const rows = made.map((status) => comment({ page, status }));
      for (const c of rows) await s.insertComment(c);
      await s.addReport(rows[3]!.id, uid('r'), 'rude', 1); // open: reported
      await s.addReport(rows[3]!.id, uid('r'), 'spam', 2); // a second report, same comment: still one
      await s.addReport(rows[4]!.id, uid('r'), 'rude', 3);
      await s.dismissReports(rows[4]!.id, 4); // dismissed: not reported
      await s.addReport(rows[5]!.id, uid('r'), 'rude', 5); // rejected: out of every queue
      await s.addReport(rows[0]!.id, uid('r'), 'rude', 6); // pending and reported: in both
      const after = await s.queueSizes();
      assert.deepEqual(
        { pending: after.pending - before.pending, reported: after.reported - before.reported, spam: after.spam - before.spam },
        { pending: 2, reported: 2, spam: 1 },
      );
    });

    it('counts rate-limit hits per key and window, exactly under concurrency', async () => {
      // Times long past, so the sweep cannot touch the live windows of servers sharing the database.
      const t0 = 1_000_000 + n * 1_000_000;
      const [a, b] = [uid('ip'), uid('reader')];
      assert.deepEqual(await s.countHits([a, b], t0, 60_000), [
        { count: 1, start: t0 },
        { count: 1, start: t0 },
      ]);
      assert.deepEqual(await s.countHits([a], t0 + 10, 60_000), [{ count: 2, start: t0 }]);
      const burst = await Promise.all(Array.from({ length: 20 }, () => s.countHits([b], t0 + 20, 60_000)));
      assert.deepEqual(
        burst.map(([w]) => w!.count).sort((x, y) => x - y),
        Array.from({ length: 20 }, (_, i) => i + 2),
      );
      // A key whose window has passed starts a new one; the other key is its own.
      assert.deepEqual(await s.countHits([a, b], t0 + 60_000, 60_000), [
        { count: 1, start: t0 + 60_000 },
        { count: 1, start: t0 + 60_000 },
      ]);
    });

    it('keeps an audit log, newest first, paged by id', async () => {
      const target = uid('target');
      for (const action of ['a1', 'a2', 'a3']) await s.addAudit({ at: Date.now(), actor: 'admin', action, target, detail: null });
      const page = (await s.auditLog(100, null)).filter((e) => e.target === target);
      assert.deepEqual(
        page.map((e) => e.action),
        ['a3', 'a2', 'a1'],
      );
      const older = (await s.auditLog(100, page[0]!.id!)).filter((e) => e.target === target);
      assert.deepEqual(
        older.map((e) => e.action),
        ['a2', 'a1'],
      );
    });

    it('shares one setting value, created once', async () => {
      const key = uid('k');
      assert.equal(await s.setting(key, () => 'first'), 'first');
      assert.equal(await s.setting(key, () => 'second'), 'first');
    });
  });
}

defineStorageSuite('SQLite', () => openSqlite(join(tempDir(), 'storage.db')));
defineStorageSuite('PostgreSQL', PG_URL ? () => openPostgres(PG_URL!) : null);

describe('migrations', () => {
  it('apply once and are idempotent on reopen (SQLite)', async () => {
    const file = join(tempDir(), 'm.db');
    const a = await openSqlite(file);
    await a.insertComment(comment({ id: 'keep' }));
    await a.close();
    const b = await openSqlite(file);
    assert.equal((await b.getComment('keep'))!.id, 'keep');
    await b.close();
    const raw = new Database(file, { readonly: true });
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    assert.deepEqual(raw.prepare('SELECT version FROM schema_migrations').all(), [
      { version: 1 },
      { version: 2 },
      { version: 3 },
      { version: 4 },
    ]);
    raw.close();
  });

  it('run concurrently from several processes without clashing (PostgreSQL)', async (t) => {
    if (!PG_URL) {
      console.log(`# ${NO_PG}`);
      return t.skip(NO_PG);
    }
    const all = await Promise.all([openPostgres(PG_URL), openPostgres(PG_URL), openPostgres(PG_URL)]);
    await Promise.all(all.map((s) => s.close()));
  });
});

describe('database drivers (optional dependencies)', () => {
  it('names a missing driver and the command that installs it', async () => {
    // A real resolution failure: nothing is installed beside an empty temp folder.
    const fromNowhere = createRequire(join(tempDir(), 'x.js'));
    for (const [driver, version, name] of [
      ['better-sqlite3', '12', 'SQLite'],
      ['pg', '8', 'PostgreSQL'],
    ] as const) {
      let missing: unknown;
      try {
        fromNowhere(driver);
      } catch (error) {
        missing = error;
      }
      const explained = missingDriver(missing, driver, version) as Error;
      assert.equal(
        explained.message.startsWith(`The ${name} driver is not installed: run \`npm install ${driver}@${version}\``),
        true,
      );
      assert.equal(explained.cause, missing);
    }
  });

  it('passes any other error through unchanged', () => {
    const other = Object.assign(new Error("Cannot find package 'pg-pool'"), { code: 'ERR_MODULE_NOT_FOUND' });
    assert.equal(missingDriver(other, 'pg', '8'), other);
    const broken = new Error('SQLITE_CORRUPT');
    assert.equal(missingDriver(broken, 'better-sqlite3', '12'), broken);
  });

  it('opens SQLite through openStorage when the driver is there', async () => {
    const s = await openStorage(join(tempDir(), 'open.db'));
    await s.close();
  });
});
