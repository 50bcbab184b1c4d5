/** Concurrent writes are counted exactly: one rating and one vote per reader, on both databases. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, guest, NO_PG, newPage, newReader, PG_URL, startServer } from './helpers.js';

for (const [name, db] of [
  ['SQLite', undefined],
  ['PostgreSQL', PG_URL],
] as const) {
  describe(`concurrent writes (${name})`, () => {
    it('200 concurrent ratings from 200 readers give exactly 200 votes and the exact average', async (t) => {
      if (name === 'PostgreSQL' && !db) {
        console.log(`# ${NO_PG}`);
        return t.skip(NO_PG);
      }
      const { server, url } = await startServer({ db: db ?? undefined });
      try {
        const page = newPage();
        const readers = await Promise.all(Array.from({ length: 200 }, () => newReader(url)));
        const values = readers.map((_, i) => ((i % 7) % 5) + 1); // average 2.57: not a round number
        // Each reader also sends a second, conflicting rating at the same time: only one may count.
        const results = await Promise.all(
          readers.flatMap((token, i) => [
            call(url, 'PUT', '/v1/rating', { token, body: { page, value: values[i] } }),
            call(url, 'PUT', '/v1/rating', { token, body: { page, value: values[i] } }),
          ]),
        );
        assert.ok(
          results.every((r) => r.status === 200),
          `statuses: ${[...new Set(results.map((r) => r.status))]}`,
        );
        const sum = values.reduce((a, b) => a + b, 0);
        const summary = (await call(url, 'GET', `/v1/page?page=${encodeURIComponent(page)}`)).body.rating;
        assert.equal(summary.count, 200);
        assert.equal(summary.average, Math.round((sum / 200) * 100) / 100);

        const author = await newReader(url);
        const c = (await call(url, 'POST', '/v1/comments', { token: author, body: { page, body: 'Vote', author: guest } })).body;
        const votes = await Promise.all(
          readers.flatMap((token) =>
            [1, 1].map(() => call(url, 'PUT', `/v1/comments/${c.id}/vote`, { token, body: { value: 1 } })),
          ),
        );
        assert.ok(votes.every((r) => r.status === 200));
        const list = await call(url, 'GET', `/v1/comments?page=${encodeURIComponent(page)}`);
        assert.equal(list.body.comments[0].score, 200);
      } finally {
        await server.close();
      }
    });
  });
}
