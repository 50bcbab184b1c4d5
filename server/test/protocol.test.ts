/** Every row of the protocol table (docs/protocol.md): the happy path and bad input. */
/* eslint-disable @typescript-eslint/no-explicit-any -- JSON responses, read by the assertions */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import type { ChimeServer } from '../index.js';
import { call, guest, newPage, newReader, openEvents, openStream, startServer, waitFor } from './helpers.js';

const SSO = 'protocol-sso-secret-0123456789abcdefgh';
const ADMIN = 'admin-token-for-tests-0123456789';
const sso = (claims: Record<string, unknown>, secret = SSO) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(secret));

let url = '';
let server: ChimeServer;
/** Without --smtp, mails go to the log: the tests read them there. */
const logged: string[] = [];
before(async () => {
  ({ url, server } = await startServer({ ssoSecret: SSO, adminToken: ADMIN, editWindowMs: 60_000, log: (l) => logged.push(l) }));
});
after(() => server.close());

async function post(token: string, page: string, body = 'Hello', extra: Record<string, unknown> = {}) {
  const r = await call(url, 'POST', '/v1/comments', { token, body: { page, body, author: guest, ...extra } });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

describe('POST /v1/readers', () => {
  it('issues an anonymous reader token', async () => {
    const r = await call(url, 'POST', '/v1/readers', { body: {} });
    assert.equal(r.status, 201);
    assert.match(r.body.token, /^[\w-]+\.[\w-]+$/);
    assert.deepEqual({ ...r.body.reader, id: 'x' }, { id: 'x', verified: false, moderator: false });
  });

  it('binds a token to an SSO user, with the moderator claim', async () => {
    const r = await call(url, 'POST', '/v1/readers', { body: { sso: await sso({ sub: 'u1', name: 'Grace', moderator: true }) } });
    assert.equal(r.status, 201);
    assert.deepEqual(r.body.reader, { id: 'sso:u1', name: 'Grace', verified: true, moderator: true });
  });

  it('refuses an SSO token signed with another secret, or not a string', async () => {
    const forged = await call(url, 'POST', '/v1/readers', {
      body: { sso: await sso({ sub: 'u1' }, 'another-secret-0123456789abcdef') },
    });
    assert.equal(forged.status, 401);
    assert.equal(forged.body.error.code, 'unauthorized');
    const noSub = await call(url, 'POST', '/v1/readers', { body: { sso: await sso({ name: 'Nobody' }) } });
    assert.equal(noSub.status, 401);
    const wrongType = await call(url, 'POST', '/v1/readers', { body: { sso: 42 } });
    assert.equal(wrongType.status, 422);
    assert.ok(wrongType.body.error.fields.sso);
  });

  it('refuses a tampered reader token', async () => {
    const token = await newReader(url);
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'sso:boss', moderator: true, iat: 1 })).toString('base64url');
    const r = await call(url, 'POST', '/v1/comments', {
      token: `${forged}.${sig}`,
      body: { page: '/x', body: 'x', author: guest },
    });
    assert.equal(r.status, 401);
    assert.ok(body);
  });
});

describe('GET /v1/page', () => {
  it('summarises comments, rating and shares, with my rating', async () => {
    const page = newPage();
    const a = await newReader(url);
    await post(a, page);
    await call(url, 'PUT', '/v1/rating', { token: a, body: { page, value: 4 } });
    await call(url, 'POST', '/v1/shares', { body: { page, network: 'x' } });
    const r = await call(url, 'GET', `/v1/page?page=${encodeURIComponent(page)}`, { token: a });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {
      page,
      comments: { count: 1, closed: false },
      rating: { average: 4, count: 1, mine: 4, closed: false },
      shares: { total: 1, networks: { x: 1 } },
    });
  });

  it('refuses a missing or oversized page id', async () => {
    assert.equal((await call(url, 'GET', '/v1/page')).status, 422);
    assert.equal((await call(url, 'GET', `/v1/page?page=${'a'.repeat(600)}`)).status, 422);
  });
});

describe('GET /v1/counts', () => {
  it('counts many pages at once', async () => {
    const p1 = newPage();
    const p2 = newPage();
    const a = await newReader(url);
    await post(a, p1);
    await post(a, p1);
    await call(url, 'PUT', '/v1/rating', { token: a, body: { page: p2, value: 5 } });
    const r = await call(url, 'GET', `/v1/counts?page=${encodeURIComponent(p1)}&page=${encodeURIComponent(p2)}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body[p1], { comments: 2, rating: { average: 0, count: 0 }, shares: 0 });
    assert.deepEqual(r.body[p2], { comments: 0, rating: { average: 5, count: 1 }, shares: 0 });
  });

  it('refuses more than 100 pages, or none', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `page=/p${i}`).join('&');
    const r = await call(url, 'GET', `/v1/counts?${many}`);
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'validation');
    assert.equal((await call(url, 'GET', '/v1/counts')).status, 422);
  });
});

describe('GET /v1/comments', () => {
  it('lists a tree with sort, inline kind and cursor pages', async () => {
    const page = newPage();
    const a = await newReader(url);
    const b = await newReader(url);
    const first = await post(a, page, 'first');
    const second = await post(a, page, 'second', { anchor: { quote: 'troops', prefix: 'send ', suffix: ' to' } });
    const reply = await post(b, page, 'reply', { parentId: first.id });
    const r = await call(url, 'GET', `/v1/comments?page=${encodeURIComponent(page)}&sort=oldest&limit=1`, { token: b });
    assert.equal(r.status, 200);
    assert.equal(r.body.total, 3);
    assert.deepEqual(
      r.body.comments.map((c: any) => c.id),
      [first.id],
    );
    assert.equal(r.body.comments[0].replies[0].id, reply.id);
    assert.equal(r.body.comments[0].replies[0].mine, true);
    assert.equal(r.body.comments[0].mine, false);
    assert.ok(!r.text.includes('ada@example.org'), 'emails are never returned to readers');
    const next = await call(
      url,
      'GET',
      `/v1/comments?page=${encodeURIComponent(page)}&sort=oldest&limit=1&cursor=${r.body.nextCursor}`,
    );
    assert.deepEqual(
      next.body.comments.map((c: any) => c.id),
      [second.id],
    );
    assert.equal(next.body.nextCursor, null);
    const inline = await call(url, 'GET', `/v1/comments?page=${encodeURIComponent(page)}&kind=inline`);
    assert.deepEqual(
      inline.body.comments.map((c: any) => c.anchor.quote),
      ['troops'],
    );
  });

  it('refuses a bad limit, sort or cursor', async () => {
    const page = encodeURIComponent(newPage());
    assert.equal((await call(url, 'GET', `/v1/comments?page=${page}&limit=0`)).status, 422);
    assert.equal((await call(url, 'GET', `/v1/comments?page=${page}&limit=abc`)).status, 422);
    assert.equal((await call(url, 'GET', `/v1/comments?page=${page}&sort=random`)).status, 422);
    const cursor = await call(url, 'GET', `/v1/comments?page=${page}&cursor=%%%`);
    assert.equal(cursor.status, 400);
    assert.equal((await call(url, 'GET', '/v1/comments')).status, 422);
  });
});

describe('POST /v1/comments', () => {
  it('answers 201 with the comment itself', async () => {
    const page = newPage();
    const a = await newReader(url);
    const r = await call(url, 'POST', '/v1/comments', { token: a, body: { page, body: '  Hi <b>there</b>  ', author: guest } });
    assert.equal(r.status, 201);
    assert.equal(r.body.body, 'Hi <b>there</b>', 'stored as text, trimmed, never rewritten');
    assert.equal(r.body.status, 'published');
    assert.equal(r.body.mine, true);
    assert.equal(r.body.author.name, 'Ada');
    assert.equal(r.body.author.email, undefined);
    assert.ok(Date.parse(r.body.editableUntil) > Date.now());
  });

  it('posts as the SSO user without guest fields', async () => {
    const token = (await call(url, 'POST', '/v1/readers', { body: { sso: await sso({ sub: 'u7', name: 'Linus' }) } })).body.token;
    const r = await call(url, 'POST', '/v1/comments', { token, body: { page: newPage(), body: 'Verified' } });
    assert.equal(r.status, 201);
    assert.deepEqual(r.body.author, { name: 'Linus', verified: true, moderator: false });
  });

  it('refuses a write without a reader token, and bad fields with 422', async () => {
    const page = newPage();
    const none = await call(url, 'POST', '/v1/comments', { body: { page, body: 'x', author: guest } });
    assert.equal(none.status, 401);
    const a = await newReader(url);
    const bad = await call(url, 'POST', '/v1/comments', {
      token: a,
      body: { page, body: '', author: { name: '', email: 'bad' } },
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['body', 'email', 'name']);
    const long = await call(url, 'POST', '/v1/comments', { token: a, body: { page, body: 'x'.repeat(5001), author: guest } });
    assert.equal(long.status, 422);
    const longName = await call(url, 'POST', '/v1/comments', {
      token: a,
      body: { page, body: 'x', author: { name: 'n'.repeat(81) } },
    });
    assert.equal(longName.status, 422);
    assert.ok(longName.body.error.fields.name);
    const anchor = await call(url, 'POST', '/v1/comments', {
      token: a,
      body: { page, body: 'x', author: guest, anchor: { quote: 5 } },
    });
    assert.equal(anchor.status, 422);
    assert.ok(anchor.body.error.fields.anchor);
    const root = await post(a, page);
    const elsewhere = await call(url, 'POST', '/v1/comments', {
      token: a,
      body: { page: `${page}/other`, body: 'x', author: guest, parentId: root.id },
    });
    assert.equal(elsewhere.status, 422);
    assert.ok(elsewhere.body.error.fields.parentId);
  });
});

describe('PATCH and DELETE /v1/comments/:id', () => {
  it('lets the author edit and delete', async () => {
    const page = newPage();
    const a = await newReader(url);
    const c = await post(a, page, 'Tpyo');
    const edited = await call(url, 'PATCH', `/v1/comments/${c.id}`, { token: a, body: { body: 'Typo' } });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.body, 'Typo');
    assert.ok(edited.body.editedAt);
    const del = await call(url, 'DELETE', `/v1/comments/${c.id}`, { token: a });
    assert.equal(del.status, 204);
    assert.equal((await call(url, 'GET', `/v1/page?page=${encodeURIComponent(page)}`)).body.comments.count, 0);
    assert.equal((await call(url, 'DELETE', `/v1/comments/${c.id}`, { token: a })).status, 404);
  });

  it('refuses others, empty bodies and unknown ids; a moderator may', async () => {
    const page = newPage();
    const a = await newReader(url);
    const b = await newReader(url);
    const c = await post(a, page);
    assert.equal((await call(url, 'PATCH', `/v1/comments/${c.id}`, { token: b, body: { body: 'mine now' } })).status, 403);
    assert.equal((await call(url, 'DELETE', `/v1/comments/${c.id}`, { token: b })).status, 403);
    assert.equal((await call(url, 'PATCH', `/v1/comments/${c.id}`, { token: a, body: { body: ' ' } })).status, 422);
    assert.equal((await call(url, 'PATCH', '/v1/comments/nope', { token: a, body: { body: 'x' } })).status, 404);
    assert.equal((await call(url, 'DELETE', `/v1/comments/${c.id}`, { token: ADMIN })).status, 204);
  });

  it('closes the edit window after the configured time', async () => {
    const { server: quick, url: quickUrl } = await startServer({ editWindowMs: 150 });
    try {
      const a = await newReader(quickUrl);
      const r = await call(quickUrl, 'POST', '/v1/comments', { token: a, body: { page: '/w', body: 'x', author: guest } });
      await new Promise((res) => setTimeout(res, 250));
      const late = await call(quickUrl, 'PATCH', `/v1/comments/${r.body.id}`, { token: a, body: { body: 'y' } });
      assert.equal(late.status, 403);
      assert.equal(late.body.error.code, 'forbidden');
      const list = await call(quickUrl, 'GET', '/v1/comments?page=/w', { token: a });
      assert.equal(list.body.comments[0].editableUntil, null);
    } finally {
      await quick.close();
    }
  });
});

describe('PUT /v1/comments/:id/vote', () => {
  it('keeps one vote per reader', async () => {
    const page = newPage();
    const a = await newReader(url);
    const b = await newReader(url);
    const c = await post(a, page);
    assert.deepEqual((await call(url, 'PUT', `/v1/comments/${c.id}/vote`, { token: b, body: { value: 1 } })).body, {
      score: 1,
      myVote: 1,
    });
    assert.deepEqual((await call(url, 'PUT', `/v1/comments/${c.id}/vote`, { token: b, body: { value: 1 } })).body, {
      score: 1,
      myVote: 1,
    });
    assert.deepEqual((await call(url, 'PUT', `/v1/comments/${c.id}/vote`, { token: b, body: { value: -1 } })).body, {
      score: -1,
      myVote: -1,
    });
  });

  it('refuses bad values, own comments and unknown ids', async () => {
    const a = await newReader(url);
    const c = await post(a, newPage());
    const b = await newReader(url);
    assert.equal((await call(url, 'PUT', `/v1/comments/${c.id}/vote`, { token: b, body: { value: 5 } })).status, 422);
    assert.equal((await call(url, 'PUT', `/v1/comments/${c.id}/vote`, { token: a, body: { value: 1 } })).status, 403);
    assert.equal((await call(url, 'PUT', '/v1/comments/nope/vote', { token: b, body: { value: 1 } })).status, 404);
  });
});

describe('POST /v1/comments/:id/report', () => {
  it('records a report that moderators see', async () => {
    const a = await newReader(url);
    const b = await newReader(url);
    const c = await post(a, newPage());
    assert.equal(
      (await call(url, 'POST', `/v1/comments/${c.id}/report`, { token: b, body: { reason: 'Insulting' } })).status,
      204,
    );
    const q = await call(url, 'GET', '/v1/moderation/comments?queue=reported&limit=100', { token: ADMIN });
    const seen = q.body.comments.find((x: any) => x.id === c.id);
    assert.deepEqual(seen.moderation.reasons, ['Insulting']);
    assert.equal(seen.moderation.email, 'ada@example.org');
  });

  it('refuses an empty reason and unknown ids', async () => {
    const a = await newReader(url);
    const c = await post(a, newPage());
    assert.equal((await call(url, 'POST', `/v1/comments/${c.id}/report`, { token: a, body: { reason: '' } })).status, 422);
    assert.equal((await call(url, 'POST', '/v1/comments/nope/report', { token: a, body: { reason: 'spam' } })).status, 404);
  });
});

describe('PUT and DELETE /v1/rating', () => {
  it('rates once per reader, changeable and removable', async () => {
    const page = newPage();
    const a = await newReader(url);
    const b = await newReader(url);
    assert.deepEqual((await call(url, 'PUT', '/v1/rating', { token: a, body: { page, value: 5 } })).body, {
      average: 5,
      count: 1,
      mine: 5,
      closed: false,
    });
    assert.deepEqual((await call(url, 'PUT', '/v1/rating', { token: a, body: { page, value: 3 } })).body, {
      average: 3,
      count: 1,
      mine: 3,
      closed: false,
    });
    assert.deepEqual((await call(url, 'PUT', '/v1/rating', { token: b, body: { page, value: 4 } })).body, {
      average: 3.5,
      count: 2,
      mine: 4,
      closed: false,
    });
    const removed = await call(url, 'DELETE', `/v1/rating?page=${encodeURIComponent(page)}`, { token: a });
    assert.deepEqual(removed.body, { average: 4, count: 1, mine: null, closed: false });
  });

  it('refuses values outside 1..5 and a missing page', async () => {
    const a = await newReader(url);
    for (const value of [0, 6, 2.5, '4', null]) {
      const r = await call(url, 'PUT', '/v1/rating', { token: a, body: { page: '/r', value } });
      assert.equal(r.status, 422, `value ${JSON.stringify(value)}`);
      assert.ok(r.body.error.fields.value);
    }
    assert.equal((await call(url, 'DELETE', '/v1/rating', { token: a })).status, 422);
  });
});

describe('POST /v1/shares', () => {
  it('counts shares per network', async () => {
    const page = newPage();
    await call(url, 'POST', '/v1/shares', { body: { page, network: 'facebook' } });
    const r = await call(url, 'POST', '/v1/shares', { body: { page, network: 'email' } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { total: 2, networks: { email: 1, facebook: 1 } });
  });

  it('refuses an unknown network', async () => {
    const r = await call(url, 'POST', '/v1/shares', { body: { page: '/s', network: 'myspace' } });
    assert.equal(r.status, 422);
    assert.ok(r.body.error.fields.network);
  });
});

describe('POST /v1/subscriptions and the confirm/unsubscribe pages', () => {
  it('answers 202 pending, then confirms and unsubscribes from the links', async () => {
    const page = newPage();
    const a = await newReader(url);
    const r = await call(url, 'POST', '/v1/subscriptions', { token: a, body: { page, email: 'Sub@Example.org', scope: 'page' } });
    assert.equal(r.status, 202);
    assert.deepEqual(r.body, { status: 'pending' });
    const subs = await server.storage.confirmedSubscriptions(page);
    assert.equal(subs.length, 0, 'nothing before the confirmation');
    // The token is only in the mail (logged, as no SMTP server is configured).
    const mail = await waitFor(() => logged.find((l) => l.includes('to sub@example.org')), 5000, 'the confirmation mail');
    const token = /confirm\?token=([\w-]+)/.exec(mail)![1]!;
    const confirm = await call(url, 'GET', `/v1/subscriptions/confirm?token=${token}`);
    assert.equal(confirm.status, 200);
    assert.match(confirm.headers.get('content-type')!, /text\/html/);
    assert.match(confirm.text, /Subscription confirmed/);
    assert.match(confirm.headers.get('content-security-policy')!, /default-src 'none'/);
    assert.equal((await server.storage.confirmedSubscriptions(page)).length, 1);
    const ask = await call(url, 'GET', `/v1/subscriptions/unsubscribe?token=${token}`);
    assert.match(ask.text, /<form method="post"/);
    assert.equal((await server.storage.confirmedSubscriptions(page)).length, 1, 'GET alone does not unsubscribe');
    const one = await call(url, 'POST', `/v1/subscriptions/unsubscribe?token=${token}`, {
      raw: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(one.status, 200);
    assert.match(one.text, /Unsubscribed/);
    assert.equal((await server.storage.confirmedSubscriptions(page)).length, 0);
  });

  it('refuses bad emails, scopes and unknown tokens', async () => {
    const a = await newReader(url);
    const bad = await call(url, 'POST', '/v1/subscriptions', {
      token: a,
      body: { page: '/s', email: 'nope', scope: 'everything' },
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['email', 'scope']);
    const noComment = await call(url, 'POST', '/v1/subscriptions', {
      token: a,
      body: { page: '/s', email: 'a@b.org', scope: 'comment', commentId: 'nope' },
    });
    assert.equal(noComment.status, 422);
    assert.equal((await call(url, 'GET', '/v1/subscriptions/confirm?token=nope')).status, 404);
    assert.equal((await call(url, 'POST', '/v1/subscriptions/unsubscribe?token=nope')).status, 404);
  });
});

describe('GET /v1/events', () => {
  it('streams events with ids, and resumes after Last-Event-ID', async () => {
    const page = newPage();
    const a = await newReader(url);
    const b = await newReader(url);
    const live = await openEvents(url, page);
    assert.equal(live.status, 200);
    await new Promise((r) => setTimeout(r, 100));
    const c = await post(a, page, 'live one');
    await call(url, 'PATCH', `/v1/comments/${c.id}`, { token: a, body: { body: 'edited' } });
    await call(url, 'PUT', '/v1/rating', { token: b, body: { page, value: 2 } });
    await call(url, 'DELETE', `/v1/comments/${c.id}`, { token: a });
    await waitFor(() => live.events.length >= 4, 5000, 'four events');
    live.close();
    assert.deepEqual(
      live.events.map((e) => e.event),
      ['comment.created', 'comment.updated', 'rating.updated', 'comment.deleted'],
    );
    assert.equal(live.events[0]!.data.comment.body, 'live one');
    assert.equal(live.events[0]!.data.comment.mine, false, 'events are neutral');
    assert.ok(!JSON.stringify(live.events).includes('ada@example.org'));
    assert.deepEqual(live.events[2]!.data.rating, { average: 2, count: 1 });
    const ids = live.events.map((e) => Number(e.id));
    assert.deepEqual(
      [...ids].sort((x, y) => x - y),
      ids,
      'ids increase',
    );

    /** The ids a stream opened with `query` and `headers` replays (the stream is idle after them). */
    const replayed = async (query: string, headers: Record<string, string>, expected: number) => {
      const stream = await openStream(url, `/v1/events?page=${encodeURIComponent(page)}${query}`, headers);
      await waitFor(() => stream.events.length >= expected, 5000, 'replayed events');
      await new Promise((r) => setTimeout(r, 100));
      stream.close();
      return stream.events.map((e) => e.id);
    };
    const after = (index: number) => live.events.slice(index + 1).map((e) => e.id);
    // A reconnect that saw the first event gets the other three, in order.
    assert.deepEqual(await replayed('', { 'Last-Event-ID': live.events[0]!.id }, 3), after(0));
    // The same with ?lastEventId= (a new EventSource cannot send the header); the header wins.
    assert.deepEqual(await replayed(`&lastEventId=${live.events[2]!.id}`, {}, 1), after(2));
    assert.deepEqual(await replayed(`&lastEventId=${live.events[0]!.id}`, { 'Last-Event-ID': live.events[2]!.id }, 1), after(2));
  });

  it('does not send other pages\u2019 events, and refuses a missing page', async () => {
    const page = newPage();
    const a = await newReader(url);
    const live = await openEvents(url, page);
    await new Promise((r) => setTimeout(r, 100));
    await post(a, newPage(), 'elsewhere');
    await post(a, page, 'here');
    await waitFor(() => live.events.length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    live.close();
    assert.deepEqual(
      live.events.map((e) => e.data.comment.body),
      ['here'],
    );
    assert.equal((await call(url, 'GET', '/v1/events')).status, 422);
  });
});

describe('/v1/moderation', () => {
  it('lists pending comments and approves, rejects, marks spam and deletes', async () => {
    const { server: held, url: heldUrl } = await startServer({ moderation: 'all', adminToken: ADMIN });
    try {
      const page = newPage();
      const a = await newReader(heldUrl);
      const ids: string[] = [];
      for (const body of ['one', 'two', 'three', 'four']) {
        const r = await call(heldUrl, 'POST', '/v1/comments', { token: a, body: { page, body, author: guest } });
        assert.equal(r.body.status, 'pending');
        ids.push(r.body.id);
      }
      const other = await newReader(heldUrl);
      assert.equal(
        (await call(heldUrl, 'GET', `/v1/comments?page=${encodeURIComponent(page)}`, { token: other })).body.comments.length,
        0,
      );
      assert.equal(
        (await call(heldUrl, 'GET', `/v1/comments?page=${encodeURIComponent(page)}`, { token: a })).body.comments.length,
        4,
        'authors see their pending comments',
      );
      const pending = await call(heldUrl, 'GET', '/v1/moderation/comments?queue=pending&limit=2', { token: ADMIN });
      assert.equal(pending.status, 200);
      assert.deepEqual(
        pending.body.comments.map((c: any) => c.body),
        ['four', 'three'],
      );
      assert.equal(pending.body.comments[0].moderation.email, 'ada@example.org');
      const rest = await call(heldUrl, 'GET', `/v1/moderation/comments?queue=pending&limit=2&cursor=${pending.body.nextCursor}`, {
        token: ADMIN,
      });
      assert.deepEqual(
        rest.body.comments.map((c: any) => c.body),
        ['two', 'one'],
      );

      for (const [id, action, status] of [
        [ids[0], 'approve', 'published'],
        [ids[1], 'reject', 'rejected'],
        [ids[2], 'spam', 'spam'],
        [ids[3], 'delete', 'deleted'],
      ] as const) {
        const r = await call(heldUrl, 'POST', `/v1/moderation/comments/${id}/${action}`, { token: ADMIN });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.body.status, status);
      }
      const visible = await call(heldUrl, 'GET', `/v1/comments?page=${encodeURIComponent(page)}`, { token: other });
      assert.deepEqual(
        visible.body.comments.map((c: any) => c.body),
        ['one'],
      );
      const spam = await call(heldUrl, 'GET', '/v1/moderation/comments?queue=spam', { token: ADMIN });
      assert.deepEqual(
        spam.body.comments.map((c: any) => c.id),
        [ids[2]],
      );
      // Undo: a rejected comment can be published after all.
      const undo = await call(heldUrl, 'POST', `/v1/moderation/comments/${ids[1]}/status`, {
        token: ADMIN,
        body: { status: 'published' },
      });
      assert.equal(undo.body.status, 'published');
      const log = await call(heldUrl, 'GET', '/v1/moderation/log', { token: ADMIN });
      assert.deepEqual(
        log.body.entries.slice(0, 2).map((e: any) => [e.action, e.detail, e.data]),
        [
          ['status:published', 'was rejected', { from: 'rejected' }],
          ['status:deleted', 'was pending', { from: 'pending' }],
        ],
      );
    } finally {
      await held.close();
    }
  });

  it('bans a reader and an email, and closes a page', async () => {
    const page = newPage();
    const a = await newReader(url);
    const c = await post(a, page);
    const ban = await call(url, 'POST', '/v1/moderation/bans', { token: ADMIN, body: { commentId: c.id, reason: 'troll' } });
    assert.equal(ban.status, 201);
    assert.deepEqual(
      ban.body.bans.map((b: any) => b.kind),
      ['reader', 'email'],
    );
    const again = await call(url, 'POST', '/v1/comments', { token: a, body: { page, body: 'back', author: guest } });
    assert.equal(again.status, 403);
    assert.equal(again.body.error.code, 'banned');
    const sameEmail = await call(url, 'POST', '/v1/comments', {
      token: await newReader(url),
      body: { page, body: 'x', author: guest },
    });
    assert.equal(sameEmail.body.error.code, 'banned');
    const unban = await call(url, 'DELETE', `/v1/moderation/bans?kind=email&value=${encodeURIComponent('ada@example.org')}`, {
      token: ADMIN,
    });
    assert.equal(unban.status, 204);
    assert.equal(
      (await call(url, 'POST', '/v1/comments', { token: await newReader(url), body: { page, body: 'x', author: guest } })).status,
      201,
    );

    const closed = await call(url, 'PUT', '/v1/moderation/pages', {
      token: ADMIN,
      body: { page, commentsClosed: true, ratingClosed: true },
    });
    assert.equal(closed.status, 200);
    assert.equal(closed.body.comments.closed, true);
    const [entry] = (await call(url, 'GET', '/v1/moderation/log?limit=1', { token: ADMIN })).body.entries;
    assert.deepEqual([entry.action, entry.target, entry.data], ['page', page, { commentsClosed: true, ratingClosed: true }]);
    const b = await newReader(url);
    const refused = await call(url, 'POST', '/v1/comments', { token: b, body: { page, body: 'x', author: { name: 'B' } } });
    assert.equal(refused.body.error.code, 'closed');
    assert.equal((await call(url, 'PUT', '/v1/rating', { token: b, body: { page, value: 3 } })).body.error.code, 'closed');
    assert.equal((await call(url, 'GET', `/v1/page?page=${encodeURIComponent(page)}`)).body.rating.closed, true);
  });

  it('is for moderators only, and refuses bad input', async () => {
    const a = await newReader(url);
    assert.equal((await call(url, 'GET', '/v1/moderation/comments')).status, 401);
    assert.equal((await call(url, 'GET', '/v1/moderation/comments', { token: a })).status, 403);
    assert.equal((await call(url, 'GET', '/v1/moderation/comments', { token: 'wrong-admin-token' })).status, 401);
    const mod = (await call(url, 'POST', '/v1/readers', { body: { sso: await sso({ sub: 'm1', role: 'moderator' }) } })).body
      .token;
    assert.equal((await call(url, 'GET', '/v1/moderation/comments?queue=recent', { token: mod })).status, 200);
    assert.equal((await call(url, 'GET', '/v1/moderation/comments?queue=everything', { token: ADMIN })).status, 422);
    assert.equal((await call(url, 'POST', '/v1/moderation/comments/nope/approve', { token: ADMIN })).status, 404);
    assert.equal((await call(url, 'POST', '/v1/moderation/comments/nope/explode', { token: ADMIN })).status, 404);
    assert.equal(
      (await call(url, 'POST', '/v1/moderation/bans', { token: ADMIN, body: { kind: 'planet', value: 'x' } })).status,
      422,
    );
    assert.equal(
      (await call(url, 'PUT', '/v1/moderation/pages', { token: ADMIN, body: { page: '/x', commentsClosed: 'yes' } })).status,
      422,
    );
  });
});
