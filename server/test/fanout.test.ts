/** Scale-out: two server processes on one PostgreSQL behave as one (LISTEN/NOTIFY fan-out). */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { call, guest, NO_PG, newPage, newReader, openEvents, PG_URL, spawnServer, waitFor } from './helpers.js';

describe('two processes on one PostgreSQL', () => {
  it('deliver an event posted through one to an SSE client of the other, and share readers', async (t) => {
    if (!PG_URL) {
      console.log(`# ${NO_PG}`);
      return t.skip(NO_PG);
    }
    const args = ['--db', PG_URL, '--moderation', 'none', '--rate-limit', '0'];
    const [one, two] = await Promise.all([spawnServer(args), spawnServer(args)]);
    try {
      const page = newPage();
      const live = await openEvents(two.url, page);
      await new Promise((r) => setTimeout(r, 200));
      // The reader token from one process is valid on the other: the secret lives in the database.
      const token = await newReader(one.url);
      const posted = await call(one.url, 'POST', '/v1/comments', {
        token,
        body: { page, body: 'Across processes', author: guest },
      });
      assert.equal(posted.status, 201);
      await call(two.url, 'PUT', '/v1/rating', { token, body: { page, value: 4 } });
      await waitFor(() => live.events.length >= 2, 5000, 'events on the other process');
      live.close();
      assert.equal(live.events[0]!.event, 'comment.created');
      assert.equal(live.events[0]!.data.comment.id, posted.body.id);
      assert.equal(live.events[1]!.event, 'rating.updated');
      const list = await call(two.url, 'GET', `/v1/comments?page=${encodeURIComponent(page)}`, { token });
      assert.equal(list.body.comments[0].mine, true);

      // A burst of concurrent posts through both processes: every event arrives once, in id order.
      const burst = await openEvents(two.url, page);
      await new Promise((r) => setTimeout(r, 200));
      const posts = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          call(i % 2 ? one.url : two.url, 'POST', '/v1/comments', { token, body: { page, body: `burst ${i}`, author: guest } }),
        ),
      );
      assert.ok(posts.every((p) => p.status === 201));
      await waitFor(() => burst.events.length >= 40, 8000, 'forty events');
      await new Promise((r) => setTimeout(r, 200));
      burst.close();
      assert.equal(burst.events.length, 40);
      assert.deepEqual(new Set(burst.events.map((e) => e.data.comment.id)), new Set(posts.map((p) => p.body.id)));
      const ids = burst.events.map((e) => Number(e.id));
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
      );

      // A client that reconnects to the first process resumes where it left off on the second.
      const resumed = await openEvents(one.url, page, { 'Last-Event-ID': live.events[0]!.id });
      await waitFor(() => resumed.events.length >= 1, 5000, 'the replayed event');
      resumed.close();
      assert.equal(resumed.events[0]!.id, live.events[1]!.id);
    } finally {
      one.child.kill('SIGTERM');
      two.child.kill('SIGTERM');
      assert.equal(await one.exited, 0);
      assert.equal(await two.exited, 0);
    }
  });

  it('count a reader\u2019s writes together against one rate limit', async (t) => {
    if (!PG_URL) {
      console.log(`# ${NO_PG}`);
      return t.skip(NO_PG);
    }
    const args = ['--db', PG_URL, '--moderation', 'none', '--rate-limit', '3', '--trust-proxy'];
    const [one, two] = await Promise.all([spawnServer(args), spawnServer(args)]);
    try {
      // Every request from a new address: only the per-reader limit, counted across both, can trip.
      const ip = () => `2001:db8::${randomUUID().slice(0, 4)}`;
      const token = (await call(one.url, 'POST', '/v1/readers', { body: {}, headers: { 'x-forwarded-for': ip() } })).body.token;
      const page = newPage();
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 4; i++) {
        last = await call(i % 2 ? two.url : one.url, 'PUT', '/v1/rating', {
          token,
          headers: { 'x-forwarded-for': ip() },
          body: { page, value: 3 },
        });
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [200, 200, 200, 429], 'two writes through each process: the fourth is over the limit of 3');
      const wait = Number(last!.headers.get('retry-after'));
      assert.ok(wait >= 1 && wait <= 60, `Retry-After ${wait}`);
    } finally {
      one.child.kill('SIGTERM');
      two.child.kill('SIGTERM');
      assert.equal(await one.exited, 0);
      assert.equal(await two.exited, 0);
    }
  });
});
