/** What holds the server against the open internet: CORS, limits, validation, spam defences. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChimeServer } from '../index.js';
import { call, guest, newPage, newReader, startServer, tempDir } from './helpers.js';

const servers: ChimeServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));
async function start(options: Parameters<typeof startServer>[0]) {
  const s = await startServer(options);
  servers.push(s.server);
  return s.url;
}

describe('CORS allowlist', () => {
  let url = '';
  before(async () => {
    url = await start({ origins: ['https://news.example.org'] });
  });

  it('answers an allowed origin with CORS headers, preflight included', async () => {
    const r = await call(url, 'GET', '/v1/page?page=/c', { headers: { origin: 'https://news.example.org' } });
    assert.equal(r.headers.get('access-control-allow-origin'), 'https://news.example.org');
    assert.match(r.headers.get('vary') ?? '', /Origin/);
    const pre = await fetch(`${url}/v1/comments`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://news.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    assert.equal(pre.status, 204);
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /PATCH/);
  });

  it('gives a disallowed origin no CORS headers and refuses its writes', async () => {
    const evil = { origin: 'https://evil.example' };
    const r = await call(url, 'GET', '/v1/page?page=/c', { headers: evil });
    assert.equal(r.headers.get('access-control-allow-origin'), null);
    const pre = await fetch(`${url}/v1/comments`, {
      method: 'OPTIONS',
      headers: { ...evil, 'access-control-request-method': 'POST' },
    });
    assert.equal(pre.status, 403);
    assert.equal(pre.headers.get('access-control-allow-origin'), null);
    const token = await newReader(url);
    const write = await call(url, 'POST', '/v1/comments', {
      token,
      headers: evil,
      body: { page: '/c', body: 'x', author: guest },
    });
    assert.equal(write.status, 403);
    assert.equal(write.body.error.code, 'forbidden');
    assert.equal((await call(url, 'GET', '/v1/page?page=/c')).body.comments.count, 0);
  });

  it('allows the server\u2019s own origin', async () => {
    const r = await call(url, 'POST', '/v1/shares', { headers: { origin: url }, body: { page: '/c', network: 'x' } });
    assert.equal(r.status, 200);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past N writes a minute per reader, even from many addresses', async () => {
    const url = await start({ rateLimit: 3, trustProxy: true });
    // Every request from another address: only the per-reader limit can trip.
    let ip = 0;
    const from = () => ({ 'x-forwarded-for': `198.51.100.${++ip}` });
    const token = (await call(url, 'POST', '/v1/readers', { body: {}, headers: from() })).body.token;
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await call(url, 'PUT', '/v1/rating', { token, headers: from(), body: { page: '/rl', value: 3 } });
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    assert.equal(last!.body.error.code, 'rate_limited');
    const wait = Number(last!.headers.get('retry-after'));
    assert.ok(wait >= 1 && wait <= 60, `Retry-After ${wait}`);
    // Reads are not limited.
    assert.equal((await call(url, 'GET', '/v1/page?page=/rl', { token })).status, 200);
  });

  it('limits per IP too, so new reader tokens do not help', async () => {
    const url = await start({ rateLimit: 2 });
    await newReader(url);
    await newReader(url);
    const third = await call(url, 'POST', '/v1/readers', { body: {} });
    assert.equal(third.status, 429);
    assert.ok(third.headers.get('retry-after'));
  });

  it('reads the client address from X-Forwarded-For only with trustProxy', async () => {
    const behindProxy = await start({ rateLimit: 1, trustProxy: true });
    const from = (ip: string) => ({ body: {}, headers: { 'x-forwarded-for': `${ip}, 10.0.0.1` } });
    assert.equal((await call(behindProxy, 'POST', '/v1/readers', from('203.0.113.1'))).status, 201);
    assert.equal((await call(behindProxy, 'POST', '/v1/readers', from('203.0.113.1'))).status, 429);
    assert.equal((await call(behindProxy, 'POST', '/v1/readers', from('203.0.113.2'))).status, 201);
    const direct = await start({ rateLimit: 1 });
    assert.equal((await call(direct, 'POST', '/v1/readers', from('203.0.113.1'))).status, 201);
    assert.equal((await call(direct, 'POST', '/v1/readers', from('203.0.113.2'))).status, 429, 'a forged header changes nothing');
  });

  it('is off with 0 and for moderators', async () => {
    const url = await start({ rateLimit: 1, adminToken: 'adm-0123456789' });
    for (let i = 0; i < 5; i++) {
      const r = await call(url, 'PUT', '/v1/moderation/pages', {
        token: 'adm-0123456789',
        body: { page: '/m', commentsClosed: false },
      });
      assert.equal(r.status, 200);
    }
  });
});

describe('request shape', () => {
  let url = '';
  before(async () => {
    url = await start({});
  });

  it('answers 413 to an oversized body', async () => {
    const token = await newReader(url);
    const r = await call(url, 'POST', '/v1/comments', { token, body: { page: '/b', body: 'x'.repeat(40_000), author: guest } });
    assert.equal(r.status, 413);
    assert.equal(r.body.error.code, 'too_large');
  });

  it('answers 400 to malformed JSON and to JSON that is not an object', async () => {
    const token = await newReader(url);
    for (const raw of ['{"page": "/b", "body": ', '[1,2]', '"text"', 'null']) {
      const r = await call(url, 'POST', '/v1/comments', { token, raw });
      assert.equal(r.status, 400, raw);
      assert.equal(r.body.error.code, 'bad_request');
    }
  });

  it('answers 404 in the error format for unknown endpoints', async () => {
    const r = await call(url, 'GET', '/v1/nothing');
    assert.equal(r.status, 404);
    assert.equal(r.body.error.code, 'not_found');
  });

  it('treats SQL in any field as data (parameterised SQL)', async () => {
    const token = await newReader(url);
    const page = `/x'; DROP TABLE comments; --`;
    const body = `Robert'); DELETE FROM ratings WHERE ('1'='1`;
    const r = await call(url, 'POST', '/v1/comments', { token, body: { page, body, author: { name: `O'Brien" --` } } });
    assert.equal(r.status, 201);
    const list = await call(url, 'GET', `/v1/comments?page=${encodeURIComponent(page)}`);
    assert.equal(list.body.comments[0].body, body);
    assert.equal(list.body.comments[0].author.name, `O'Brien" --`);
  });

  it('stores bodies as text and returns them unchanged, never as HTML', async () => {
    const token = await newReader(url);
    const body = '<img src=x onerror=alert(1)> **bold**';
    const r = await call(url, 'POST', '/v1/comments', { token, body: { page: newPage(), body, author: guest } });
    assert.equal(r.body.body, body);
    assert.match(r.headers.get('content-type')!, /application\/json/);
  });
});

describe('spam defences and moderation modes', () => {
  it('refuses a filled honeypot and too many links', async () => {
    const url = await start({});
    const token = await newReader(url);
    const page = newPage();
    const honey = await call(url, 'POST', '/v1/comments', {
      token,
      body: { page, body: 'Buy now', author: guest, website: 'http://spam.example' },
    });
    assert.equal(honey.status, 403);
    const links = 'see http://a.example http://b.example www.c.example https://d.example';
    const many = await call(url, 'POST', '/v1/comments', { token, body: { page, body: links, author: guest } });
    assert.equal(many.status, 422);
    assert.ok(many.body.error.fields.body);
    const few = await call(url, 'POST', '/v1/comments', { token, body: { page, body: 'see http://a.example', author: guest } });
    assert.equal(few.status, 201);
    assert.equal((await call(url, 'GET', `/v1/page?page=${encodeURIComponent(page)}`)).body.comments.count, 1);
  });

  it('first: holds a first-time poster until approved, then trusts them', async () => {
    const url = await start({ moderation: 'first', adminToken: 'adm-first-0123456789' });
    const page = newPage();
    const a = await newReader(url);
    const first = await call(url, 'POST', '/v1/comments', { token: a, body: { page, body: 'Hello', author: guest } });
    assert.equal(first.body.status, 'pending');
    const second = await call(url, 'POST', '/v1/comments', { token: a, body: { page, body: 'Still there?', author: guest } });
    assert.equal(second.body.status, 'pending', 'still unknown until a moderator approves');
    await call(url, 'POST', `/v1/moderation/comments/${first.body.id}/approve`, { token: 'adm-first-0123456789' });
    const third = await call(url, 'POST', '/v1/comments', { token: a, body: { page, body: 'Thanks', author: guest } });
    assert.equal(third.body.status, 'published');
    // The approved email is trusted from another device too.
    const b = await newReader(url);
    const sameEmail = await call(url, 'POST', '/v1/comments', { token: b, body: { page, body: 'Phone', author: guest } });
    assert.equal(sameEmail.body.status, 'published');
    const stranger = await call(url, 'POST', '/v1/comments', {
      token: await newReader(url),
      body: { page, body: 'Hi', author: { name: 'Eve', email: 'eve@example.org' } },
    });
    assert.equal(stranger.body.status, 'pending');
  });

  it('all: holds everyone but moderators; none: publishes at once', async () => {
    const held = await start({ moderation: 'all', adminToken: 'adm-all-0123456789' });
    const a = await newReader(held);
    assert.equal(
      (await call(held, 'POST', '/v1/comments', { token: a, body: { page: '/m', body: 'x', author: guest } })).body.status,
      'pending',
    );
    assert.equal(
      (await call(held, 'POST', '/v1/comments', { token: 'adm-all-0123456789', body: { page: '/m', body: 'From the desk' } }))
        .body.status,
      'published',
    );
    const open = await start({ moderation: 'none' });
    const b = await newReader(open);
    assert.equal(
      (await call(open, 'POST', '/v1/comments', { token: b, body: { page: '/m', body: 'x', author: guest } })).body.status,
      'published',
    );
  });

  it('holds comments with blocklisted words for review', async () => {
    const url = await start({ moderation: 'none', blocklist: ['casino'] });
    const a = await newReader(url);
    assert.equal(
      (await call(url, 'POST', '/v1/comments', { token: a, body: { page: '/b', body: 'Best CASINO bonus', author: guest } })).body
        .status,
      'pending',
    );
    assert.equal(
      (await call(url, 'POST', '/v1/comments', { token: a, body: { page: '/b', body: 'Occasionally fine', author: guest } })).body
        .status,
      'published',
    );
  });
});

describe('static files', () => {
  let url = '';
  before(async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'dist', 'chunks'), { recursive: true });
    mkdirSync(join(dir, 'demo'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'chime.js'), 'import "./chunks/a.js";');
    writeFileSync(join(dir, 'dist', 'chunks', 'a.js'), 'export const a = 1;');
    writeFileSync(join(dir, 'demo', 'index.html'), '<!doctype html><title>demo</title>');
    writeFileSync(join(dir, 'secret.txt'), 'do not serve');
    url = await start({ staticDir: join(dir, 'dist'), demoDir: join(dir, 'demo') });
  });

  it('serves chime.js and its chunks as JavaScript to any origin', async () => {
    for (const path of ['/chime.js', '/chunks/a.js']) {
      const r = await fetch(url + path, { headers: { origin: 'https://news.example.org' } });
      assert.equal(r.status, 200, path);
      assert.match(r.headers.get('content-type')!, /^text\/javascript/);
      assert.equal(r.headers.get('access-control-allow-origin'), '*');
    }
  });

  it('serves the demo at / and nothing outside its folders', async () => {
    const index = await fetch(`${url}/`);
    assert.equal(index.status, 200);
    assert.match(await index.text(), /<title>demo<\/title>/);
    assert.equal((await fetch(`${url}/..%2Fsecret.txt`)).status, 404);
    assert.equal((await fetch(`${url}/chunks/..%2F..%2Fsecret.txt`)).status, 404);
    assert.equal((await fetch(`${url}/missing.html`)).status, 404);
  });
});
