/** RestBackend's own duties, against fake fetch and EventSource: retries, timeouts, validation, tokens, watch. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChimeError } from '../../src/backend/contract.js';
import { RestBackend } from '../../src/backend/rest.js';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function memory() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const summary = {
  page: '/a',
  comments: { count: 0 },
  rating: { average: 0, count: 0, mine: null },
  shares: { total: 0, networks: {} },
};
const session = { token: 'tok-1', reader: { id: 'r1', verified: false, moderator: false } };

function backend(handler: Handler, options: { retries?: number; timeoutMs?: number } = {}) {
  const calls: { url: string; method: string; auth: string | null; body: string | null }[] = [];
  const storage = memory();
  const fetchFn = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    calls.push({
      url: String(input),
      method: init.method ?? 'GET',
      auth: headers.get('authorization'),
      body: (init.body as string) ?? null,
    });
    return handler(String(input), init);
  }) as typeof fetch;
  return { b: new RestBackend('https://chime.example/', { fetch: fetchFn, storage, ...options }), calls, storage };
}

async function rejects(p: Promise<unknown>, code: string): Promise<ChimeError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ChimeError, String(e));
    assert.equal(e.code, code);
    return e;
  }
  assert.fail(`expected ${code}`);
}

describe('RestBackend', () => {
  it('retries idempotent calls on 5xx and network errors, with backoff', async () => {
    let n = 0;
    const { b, calls } = backend(() => {
      n++;
      if (n === 1) throw new TypeError('fetch failed');
      if (n === 2) return json({ error: { code: 'internal', message: 'boom' } }, 503);
      return json(summary);
    });
    assert.deepEqual(await b.getPage('/a'), summary);
    assert.equal(calls.length, 3);
    assert.equal(calls[0]!.url, 'https://chime.example/v1/page?page=%2Fa');
  });

  it('respects Retry-After on 429, and gives up after the retries', async () => {
    const { b, calls } = backend(
      () => json({ error: { code: 'rate_limited', message: 'slow down' } }, 429, { 'retry-after': '1' }),
      { retries: 1 },
    );
    const started = Date.now();
    const e = await rejects(b.getPage('/a'), 'rate_limited');
    assert.ok(Date.now() - started >= 950, 'waited Retry-After');
    assert.equal(e.status, 429);
    assert.equal(e.retryAfter, 1);
    assert.equal(calls.length, 2);
  });

  it('never retries a POST', async () => {
    let n = 0;
    const { b, calls, storage } = backend(() => (n++, json({ error: { code: 'internal', message: 'x' } }, 500)));
    storage.setItem('chime:reader:https://chime.example', JSON.stringify(session));
    await rejects(b.postComment({ page: '/a', body: 'x' }), 'internal');
    assert.equal(calls.length, 1);
    assert.equal(n, 1);
  });

  it('maps errors with fields and status, and failures to network and timeout', async () => {
    const { b } = backend(() => json({ error: { code: 'validation', message: 'Check', fields: { value: 'range' } } }, 422));
    const e = await rejects(b.getPage('/a'), 'validation');
    assert.deepEqual(e.fields, { value: 'range' });
    assert.equal(e.status, 422);
    const down = backend(() => Promise.reject(new TypeError('fetch failed')), { retries: 0 });
    await rejects(down.b.getPage('/a'), 'network');
    const slow = backend(
      (_, init) =>
        new Promise((_, reject) =>
          init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
      { retries: 0, timeoutMs: 50 },
    );
    await rejects(slow.b.getPage('/a'), 'timeout');
  });

  it('turns malformed responses into bad_response, not crashes', async () => {
    for (const body of [
      'not json',
      JSON.stringify({ page: '/a' }),
      JSON.stringify({ ...summary, rating: { average: 'high' } }),
    ]) {
      const { b } = backend(() => new Response(body, { status: 200 }), { retries: 0 });
      await rejects(b.getPage('/a'), 'bad_response');
    }
    const { b } = backend(() => json({ comments: [{ id: 1 }], nextCursor: null, total: 1 }), { retries: 0 });
    await rejects(b.listComments({ page: '/a' }), 'bad_response');
    // Deep checks: a malformed reply, a share count that is not a number, a vote outside -1..1.
    const comment = {
      id: 'c1',
      page: '/a',
      parentId: null,
      body: 'Hi',
      author: { name: 'Ada' },
      createdAt: '2026-01-01T00:00:00Z',
      status: 'published',
      score: 0,
      myVote: 0,
      mine: false,
      anchor: null,
      replies: [],
    };
    const good = backend(() => json({ comments: [comment], nextCursor: null, total: 1 }), { retries: 0 });
    assert.deepEqual((await good.b.listComments({ page: '/a' })).comments, [comment]);
    const badReply = backend(
      () => json({ comments: [{ ...comment, replies: [{ ...comment, author: {} }] }], nextCursor: null, total: 2 }),
      {
        retries: 0,
      },
    );
    await rejects(badReply.b.listComments({ page: '/a' }), 'bad_response');
    const badShares = backend(() => json({ ...summary, shares: { total: 1, networks: { x: '1' } } }), { retries: 0 });
    await rejects(badShares.b.getPage('/a'), 'bad_response');
    const badCounts = backend(() => json({ '/a': { comments: 1, shares: 0, rating: { average: 0 } } }), { retries: 0 });
    await rejects(badCounts.b.getCounts(['/a']), 'bad_response');
    const badVote = backend(() => json({ score: 1, myVote: 2 }), { retries: 0 });
    badVote.storage.setItem('chime:reader:https://chime.example', JSON.stringify(session));
    await rejects(badVote.b.voteComment('c1', 1), 'bad_response');
  });

  it('gets a reader token on the first write, once, and sends it after', async () => {
    const { b, calls, storage } = backend((url, init) => {
      if (url.endsWith('/v1/readers')) return json(session, 201);
      if (init.method === 'PUT') return json({ average: 4, count: 1, mine: 4 });
      return json(summary);
    });
    assert.equal(await b.reader(), null);
    await b.getPage('/a');
    assert.equal(calls[0]!.auth, null, 'reads need no token');
    await Promise.all([b.rate('/a', 4), b.rate('/b', 4)]);
    assert.equal(calls.filter((c) => c.url.endsWith('/v1/readers')).length, 1, 'one token for parallel writes');
    assert.deepEqual(
      calls.filter((c) => c.method === 'PUT').map((c) => c.auth),
      ['Bearer tok-1', 'Bearer tok-1'],
    );
    assert.deepEqual(JSON.parse(storage.map.get('chime:reader:https://chime.example')!), session);
    assert.deepEqual(await b.reader(), session.reader);
  });

  it('replaces a token the server no longer accepts', async () => {
    let issued = 0;
    const { b, storage, calls } = backend((url, init) => {
      if (url.endsWith('/v1/readers')) return json({ ...session, token: `new-${++issued}` }, 201);
      const auth = new Headers(init.headers).get('authorization');
      if (auth === 'Bearer old') return json({ error: { code: 'unauthorized', message: 'bad token' } }, 401);
      return json({ average: 3, count: 1, mine: 3 });
    });
    storage.setItem('chime:reader:https://chime.example', JSON.stringify({ ...session, token: 'old' }));
    assert.equal((await b.rate('/a', 3)).mine, 3);
    assert.equal(calls.at(-1)!.auth, 'Bearer new-1');
  });

  it('signs in with SSO and out again', async () => {
    const sso = { token: 'sso-tok', reader: { id: 'sso:u1', name: 'Grace', verified: true, moderator: false } };
    const { b, calls } = backend((url) => (url.endsWith('/v1/readers') ? json(sso, 201) : json(summary)));
    assert.deepEqual(await b.signIn('jwt'), sso.reader);
    assert.equal(calls[0]!.body, JSON.stringify({ sso: 'jwt' }));
    await b.getPage('/a');
    assert.equal(calls[1]!.auth, 'Bearer sso-tok');
    await b.signOut();
    assert.equal(await b.reader(), null);
  });

  it('shares one EventSource per page and closes it with the last listener', async () => {
    const sources: FakeEventSource[] = [];
    class FakeEventSource {
      url: string;
      closed = false;
      listeners = new Map<string, ((e: MessageEvent) => void)[]>();
      constructor(url: string) {
        this.url = url;
        sources.push(this);
      }
      addEventListener(type: string, l: (e: MessageEvent) => void) {
        this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
      }
      close() {
        this.closed = true;
      }
      emit(type: string, data: string, id: string) {
        for (const l of this.listeners.get(type) ?? []) l(new MessageEvent(type, { data, lastEventId: id }));
      }
    }
    const b = new RestBackend('https://chime.example', {
      fetch: (() => {}) as unknown as typeof fetch,
      storage: memory(),
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    const a: unknown[] = [];
    const c: unknown[] = [];
    const stopA = b.watch('/p', (e) => a.push(e));
    const stopC = b.watch('/p', (e) => c.push(e));
    assert.equal(sources.length, 1);
    assert.equal(sources[0]!.url, 'https://chime.example/v1/events?page=%2Fp');
    sources[0]!.emit(
      'rating.updated',
      JSON.stringify({ type: 'rating.updated', page: '/p', rating: { average: 4, count: 2 } }),
      '7',
    );
    sources[0]!.emit('rating.updated', '{broken', '8');
    sources[0]!.emit('comment.created', JSON.stringify({ type: 'comment.created', page: '/p', comment: { id: 'x' } }), '9');
    assert.deepEqual(a, [{ type: 'rating.updated', page: '/p', rating: { average: 4, count: 2 }, id: '7' }]);
    assert.deepEqual(c, a);
    stopA();
    assert.equal(sources[0]!.closed, false);
    stopC();
    stopC();
    assert.equal(sources[0]!.closed, true);
    b.watch('/p', () => {});
    assert.equal(sources.length, 2, 'a new listener opens a new stream');
  });
});
