/** The moderation console's server side (server/admin.ts): live channel, counts, context, the /admin page. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChimeServer } from '../index.js';
import { call, guest, newPage, newReader, startServer, tempDir, waitFor } from './helpers.js';

const ADMIN = 'moderation-admin-token-0123456789';
let url = '';
let server: ChimeServer;
const dist = tempDir();
mkdirSync(join(dist, 'admin', 'chunks'), { recursive: true });
writeFileSync(join(dist, 'admin', 'moderation.js'), 'export {};\n');
writeFileSync(join(dist, 'admin', 'chunks', 'de-Ab_1.js'), 'export default {};\n');

before(async () => {
  ({ url, server } = await startServer({
    moderation: 'first',
    adminToken: ADMIN,
    staticDir: dist,
    origins: ['*', 'https://news.example'],
  }));
});
after(() => server.close());

/** Reads an SSE response with the admin token (as the console does, through fetch). */
async function moderatorEvents(token = ADMIN) {
  const controller = new AbortController();
  const res = await fetch(`${url}/v1/moderation/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const events: Record<string, string>[] = [];
  if (res.ok && res.body) {
    void (async () => {
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += Buffer.from(chunk).toString();
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
            buffer = buffer.slice(end + 2);
            if (data) events.push(JSON.parse(data));
          }
        }
      } catch {
        // closed
      }
    })();
  }
  return { status: res.status, events, close: () => controller.abort() };
}

describe('moderators live channel', () => {
  it('notifies of held comments, reports and actions, with ids only', async () => {
    const feed = await moderatorEvents();
    assert.equal(feed.status, 200);
    const page = newPage();
    const author = await newReader(url);
    const posted = await call(url, 'POST', '/v1/comments', {
      token: author,
      body: { page, body: 'Secret words', author: guest },
    });
    assert.equal(posted.body.status, 'pending');
    const pending = await waitFor(() => feed.events.find((e) => e.kind === 'pending'), 5000, 'pending notice');
    assert.deepEqual(pending, { type: 'moderation', kind: 'pending', commentId: posted.body.id });
    assert.doesNotMatch(JSON.stringify(feed.events), /Secret|ada@/);

    const approved = await call(url, 'POST', `/v1/moderation/comments/${posted.body.id}/approve`, { token: ADMIN });
    assert.equal(approved.status, 200);
    await waitFor(() => feed.events.find((e) => e.kind === 'action' && e.action === 'status:published'), 5000, 'action notice');

    const reader = await newReader(url);
    assert.equal(
      (await call(url, 'POST', `/v1/comments/${posted.body.id}/report`, { token: reader, body: { reason: 'Rude' } })).status,
      204,
    );
    await waitFor(() => feed.events.find((e) => e.kind === 'reported' && e.commentId === posted.body.id), 5000, 'report notice');

    // A ban by email is announced without the address (the audit log, for moderators, keeps it).
    const banned = await call(url, 'POST', '/v1/moderation/bans', {
      token: ADMIN,
      body: { kind: 'email', value: 'Banned.Person@Example.org', durationMs: 60_000 },
    });
    assert.equal(banned.status, 201);
    assert.equal(
      (await call(url, 'DELETE', '/v1/moderation/bans?kind=email&value=banned.person%40example.org', { token: ADMIN })).status,
      204,
    );
    const unban = await waitFor(() => feed.events.find((e) => e.action === 'unban'), 5000, 'unban notice');
    assert.deepEqual(unban, { type: 'moderation', kind: 'action', action: 'unban', target: 'email' });
    assert.doesNotMatch(JSON.stringify(feed.events), /Secret|ada@|banned\.person/i);
    const log = await call(url, 'GET', '/v1/moderation/log?limit=5', { token: ADMIN });
    assert.ok(log.body.entries.some((e: { target: string }) => e.target === 'email:banned.person@example.org'));
    feed.close();
  });

  it('refuses readers, wrong tokens and the public events route', async () => {
    assert.equal((await moderatorEvents('wrong-token')).status, 401);
    const reader = await moderatorEvents(await newReader(url));
    assert.equal(reader.status, 403);
    const anonymous = await fetch(`${url}/v1/moderation/events`);
    assert.equal(anonymous.status, 401);
    await anonymous.body?.cancel();
    const sneaky = await call(url, 'GET', '/v1/events?page=~moderation');
    assert.equal(sneaky.status, 403);
  });
});

describe('counts and context', () => {
  it('counts pending, reported and spam comments', async () => {
    const before = (await call(url, 'GET', '/v1/moderation/counts', { token: ADMIN })).body;
    const page = newPage();
    const a = await call(url, 'POST', '/v1/comments', {
      token: await newReader(url),
      body: { page, body: 'One', author: { name: 'Cy', email: 'cy@example.org' } },
    });
    const b = await call(url, 'POST', '/v1/comments', {
      token: await newReader(url),
      body: { page, body: 'Two', author: { name: 'Bo' } },
    });
    await call(url, 'POST', `/v1/moderation/comments/${b.body.id}/spam`, { token: ADMIN });
    const now = (await call(url, 'GET', '/v1/moderation/counts', { token: ADMIN })).body;
    assert.equal(now.pending, before.pending + 1);
    assert.equal(now.spam, before.spam + 1);
    assert.equal(typeof now.reported, 'number');
    assert.ok(a.body.id);
    assert.equal((await call(url, 'GET', '/v1/moderation/counts')).status, 401);
  });

  it('returns one comment as moderators see it, or 404', async () => {
    const page = newPage();
    const c = await call(url, 'POST', '/v1/comments', {
      token: await newReader(url),
      body: { page, body: 'Parent', author: guest },
    });
    const r = await call(url, 'GET', `/v1/moderation/comments/${c.body.id}`, { token: ADMIN });
    assert.equal(r.status, 200);
    assert.equal(r.body.body, 'Parent');
    assert.equal(r.body.moderation.email, 'ada@example.org');
    assert.equal((await call(url, 'GET', '/v1/moderation/comments/nope', { token: ADMIN })).status, 404);
    assert.equal((await call(url, 'GET', `/v1/moderation/comments/${c.body.id}`, { token: await newReader(url) })).status, 403);
  });
});

describe('/admin', () => {
  it('serves the console page under a strict policy, and its scripts', async () => {
    const page = await fetch(`${url}/admin`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    const html = await page.text();
    assert.match(html, /<chime-moderation theme="auto" site="https:\/\/news.example"><\/chime-moderation>/);
    assert.match(html, /src="\/admin\/moderation.js"/);
    const script = await fetch(`${url}/admin/moderation.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    await script.text();
    assert.equal((await fetch(`${url}/admin/chunks/de-Ab_1.js`)).status, 200);
    assert.equal((await fetch(`${url}/admin/..%2Fadmin%2Fmoderation.js`)).status, 404);
    assert.equal((await fetch(`${url}/admin/missing.js`)).status, 404);
    assert.equal((await fetch(`${url}/admin/admin.css`)).status, 200);
  });

  it("writes the page in the browser's language (Accept-Language), with a language picker", async () => {
    const page = async (acceptLanguage?: string) => {
      const r = await fetch(`${url}/admin`, { headers: acceptLanguage ? { 'Accept-Language': acceptLanguage } : {} });
      assert.match(r.headers.get('vary') ?? '', /Accept-Language/);
      return r.text();
    };
    const english = await page();
    assert.match(english, /<html lang="en" dir="ltr">/);
    assert.match(english, /<title>Chime moderation<\/title>/);
    assert.match(english, /<label for="language">Language<\/label>/);
    assert.match(english, /<option value="en" lang="en" selected>English<\/option>/);
    const german = await page('de-AT,de;q=0.9,en;q=0.8');
    assert.match(german, /<html lang="de" dir="ltr">/);
    assert.match(german, /<h1>Chime-Moderation<\/h1>/);
    assert.match(german, /<label for="language">Sprache<\/label>/);
    assert.match(german, /<option value="de" lang="de" selected>Deutsch<\/option>/);
    assert.match(await page('ar-EG'), /<html lang="ar" dir="rtl">/);
    // The first language the console speaks, by weight; else English.
    assert.match(await page('pt-BR, fr;q=0.4, uk;q=0.7'), /<html lang="uk"/);
    assert.match(await page('pt-BR, es;q=0'), /<html lang="en"/);
    assert.match(await page('*'), /<html lang="en"/);
  });
});

describe('moderators’ digest (--moderator-emails)', () => {
  it('mails each moderator the comments that started waiting since the last digest, and nothing when none did', async () => {
    const logged: string[] = [];
    const { server: s, url: u } = await startServer({
      moderation: 'all',
      moderatorEmails: ['mod1@example.org', 'mod2@example.org'],
      publicUrl: 'https://comments.example',
      log: (l) => logged.push(l),
    });
    try {
      const page = newPage();
      for (const body of ['First held comment', 'Second held comment']) {
        const r = await call(u, 'POST', '/v1/comments', {
          token: await newReader(u),
          body: { page, body, author: { name: 'Gus' } },
        });
        assert.equal(r.body.status, 'pending');
      }
      assert.equal(await s.sendDigest(), 2);
      await s.flushMail();
      const mails = logged.filter((l) => l.includes('Chime: 2 new comments wait for approval'));
      assert.deepEqual(mails.map((m) => /to (\S+):/.exec(m)?.[1]).sort(), ['mod1@example.org', 'mod2@example.org']);
      assert.match(mails[0]!, /Gus on \/t\//);
      assert.match(mails[0]!, /First held comment/);
      assert.match(mails[0]!, /\(2 pending in all\)/);
      assert.match(mails[0]!, /https:\/\/comments\.example\/admin/);
      // Nothing new since: no second mail.
      assert.equal(await s.sendDigest(), 0);
    } finally {
      await s.close();
    }
  });
});

describe('bans that end, and dismissed reports', () => {
  it('a ban with a duration refuses posts until it ends', async () => {
    const page = newPage();
    const troll = await newReader(url);
    const first = await call(url, 'POST', '/v1/comments', { token: troll, body: { page, body: 'Hi', author: { name: 'Tim' } } });
    const banned = await call(url, 'POST', '/v1/moderation/bans', {
      token: ADMIN,
      body: { commentId: first.body.id, durationMs: 300, reason: 'Cool off' },
    });
    assert.equal(banned.status, 201);
    assert.equal(banned.body.bans[0].expiresAt - banned.body.bans[0].createdAt, 300);
    const refused = await call(url, 'POST', '/v1/comments', {
      token: troll,
      body: { page, body: 'Again', author: { name: 'Tim' } },
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'banned');
    await new Promise((r) => setTimeout(r, 350));
    const later = await call(url, 'POST', '/v1/comments', {
      token: troll,
      body: { page, body: 'Later', author: { name: 'Tim' } },
    });
    assert.equal(later.status, 201, later.text);
    const log = (await call(url, 'GET', '/v1/moderation/log', { token: ADMIN })).body.entries;
    const ban = log.find((e: { action: string }) => e.action === 'ban');
    assert.match(ban.detail, /Cool off · until \d{4}-/);
    // The same facts as data, for consoles in other languages.
    assert.deepEqual(ban.data, { reason: 'Cool off', until: banned.body.bans[0].expiresAt });
    const bad = await call(url, 'POST', '/v1/moderation/bans', {
      token: ADMIN,
      body: { kind: 'email', value: 'x@example.org', durationMs: -5 },
    });
    assert.equal(bad.status, 422);
  });

  it('keeping a reported comment dismisses its reports; Undo reopens them', async () => {
    const page = newPage();
    const c = await call(url, 'POST', '/v1/comments', { token: ADMIN, body: { page, body: 'Edgy but fine' } });
    assert.equal(c.body.status, 'published');
    await call(url, 'POST', `/v1/comments/${c.body.id}/report`, { token: await newReader(url), body: { reason: 'Rude' } });
    const inQueue = async () =>
      (await call(url, 'GET', '/v1/moderation/comments?queue=reported', { token: ADMIN })).body.comments.some(
        (x: { id: string }) => x.id === c.body.id,
      );
    assert.equal(await inQueue(), true);
    const kept = await call(url, 'PUT', `/v1/moderation/comments/${c.body.id}/reports`, {
      token: ADMIN,
      body: { dismissed: true },
    });
    assert.equal(kept.status, 200, kept.text);
    assert.equal(kept.body.comment.moderation.reports, 0);
    assert.equal(await inQueue(), false);
    const undone = await call(url, 'PUT', `/v1/moderation/comments/${c.body.id}/reports`, {
      token: ADMIN,
      body: { dismissed: false, at: kept.body.at },
    });
    assert.equal(undone.body.comment.moderation.reports, 1);
    assert.deepEqual(undone.body.comment.moderation.reasons, ['Rude']);
    assert.equal(await inQueue(), true);
    const log = (await call(url, 'GET', '/v1/moderation/log?limit=2', { token: ADMIN })).body.entries;
    assert.deepEqual(
      log.map((e: { action: string; detail: string; data: unknown }) => [e.action, e.detail, e.data]),
      [
        ['reports:restored', '1 report', { count: 1 }],
        ['reports:dismissed', '1 report', { count: 1 }],
      ],
    );
    assert.equal(
      (await call(url, 'PUT', `/v1/moderation/comments/${c.body.id}/reports`, { token: ADMIN, body: {} })).status,
      422,
    );
    // Like every write route: a body that is JSON but not an object is a 400, not a 422.
    for (const body of [[], null, 5]) {
      const res = await call(url, 'PUT', `/v1/moderation/comments/${c.body.id}/reports`, { token: ADMIN, body });
      assert.equal(res.status, 400, `body ${JSON.stringify(body)}`);
    }
    assert.equal(
      (
        await call(url, 'PUT', `/v1/moderation/comments/${c.body.id}/reports`, {
          token: await newReader(url),
          body: { dismissed: true },
        })
      ).status,
      403,
    );
  });
});
