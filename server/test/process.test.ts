/** The server as a process: the CLI, a clean SIGTERM, and no acknowledged comment lost to SIGKILL. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { call, guest, newReader, spawnServer, tempDir } from './helpers.js';

describe('chime-server', () => {
  it('prints its URL, serves, and stops cleanly on SIGTERM', async () => {
    const db = join(tempDir(), 'cli.db');
    const { child, url, exited, output } = await spawnServer(['--db', db, '--host', '127.0.0.1'], { CHIME_MODERATION: 'none' });
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await call(url, 'GET', '/healthz')).status, 200);
    const token = await newReader(url);
    const r = await call(url, 'POST', '/v1/comments', { token, body: { page: '/cli', body: 'x', author: guest } });
    assert.equal(r.body.status, 'published', 'CHIME_MODERATION from the environment applies');
    child.kill('SIGTERM');
    assert.equal(await exited, 0, output());
  });

  it('refuses bad flags with a usage message', async () => {
    const { spawnSync } = await import('node:child_process');
    const cli = new URL('../cli.ts', import.meta.url).pathname;
    const bad = spawnSync(process.execPath, ['--import', 'tsx', cli, '--moderation', 'sometimes'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--moderation is none, first or all/);
    assert.match(bad.stderr, /Usage: chime-server/);
  });

  it('loses no acknowledged comment when killed with SIGKILL during a burst of posts', async () => {
    const db = join(tempDir(), 'crash.db');
    const args = ['--db', db, '--moderation', 'none', '--rate-limit', '0'];
    const first = await spawnServer(args);
    const token = await newReader(first.url);
    const acknowledged: string[] = [];
    let failed = 0;
    let stop = false;
    // 16 writers post as fast as they can; the process dies under them.
    const writers = Array.from({ length: 16 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        try {
          const r = await call(first.url, 'POST', '/v1/comments', {
            token,
            body: { page: '/crash', body: `w${w} #${i}`, author: guest },
          });
          if (r.status === 201) acknowledged.push(r.body.id);
        } catch {
          failed++;
          if (first.child.exitCode !== null || first.child.signalCode) return;
        }
      }
    });
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    await first.exited;
    stop = true;
    await Promise.all(writers);
    assert.ok(failed > 0, 'some posts were in flight when the process died');

    const second = await spawnServer(args);
    try {
      const stored = new Set<string>();
      let cursor: string | null = null;
      do {
        const q: string = `/v1/comments?page=%2Fcrash&sort=oldest&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
        const r = await call(second.url, 'GET', q);
        for (const c of r.body.comments) stored.add(c.id);
        cursor = r.body.nextCursor;
      } while (cursor);
      const lost = acknowledged.filter((id) => !stored.has(id));
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged comments lost`);
      assert.ok(stored.size >= acknowledged.length);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
