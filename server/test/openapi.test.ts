/**
 * docs/openapi.yaml describes what the server does: every documented operation is called, and
 * every JSON response (and live event) is validated against the schema the document gives it.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- walking a parsed YAML document */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import type { ChimeServer } from '../index.js';
import { call, guest, newPage, newReader, openEvents, openStream, startServer, waitFor, type Reply } from './helpers.js';

const doc = yaml.load(readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8')) as any;
const ajv = new Ajv({ allErrors: true, format: false });
ajv.addSchema({ ...doc, $id: 'openapi' });

const ADMIN = 'openapi-admin-token-0123456789';
const covered = new Set<string>();
let url = '';
let server: ChimeServer;
before(async () => {
  ({ url, server } = await startServer({ adminToken: ADMIN }));
});
after(() => server.close());

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Asserts the status a call got (so each documented error is really exercised), and passes the reply on. */
function status(expected: number, reply: Reply): Reply {
  assert.equal(reply.status, expected, reply.text.slice(0, 200));
  return reply;
}

/** Checks a reply against the documented response for `template` (a path as the document writes it). */
function conforms(method: string, template: string, reply: Reply): void {
  const operation = doc.paths[template]?.[method.toLowerCase()];
  assert.ok(operation, `${method} ${template} is documented`);
  covered.add(`${method.toUpperCase()} ${template}`);
  let base = `#/${pointer('paths', template, method.toLowerCase(), 'responses', String(reply.status))}`;
  let response = operation.responses[String(reply.status)];
  assert.ok(response, `${method} ${template} documents status ${reply.status} (${reply.text.slice(0, 200)})`);
  if (response.$ref) {
    base = response.$ref;
    response = base
      .slice(2)
      .split('/')
      .reduce((node: any, key: string) => node[key], doc);
  }
  const type = reply.headers.get('content-type')?.split(';')[0];
  if (!response.content) {
    assert.equal(reply.text, '', `${method} ${template} ${reply.status} has no body`);
    return;
  }
  assert.ok(type && response.content[type], `${method} ${template} ${reply.status} documents ${type}`);
  if (type !== 'application/json') return;
  const validate = ajv.compile({ $ref: `openapi${base}/${pointer('content', type, 'schema')}` });
  assert.ok(
    validate(reply.body),
    `${method} ${template} ${reply.status}: ${ajv.errorsText(validate.errors)}\n${reply.text.slice(0, 500)}`,
  );
}

describe('docs/openapi.yaml', () => {
  it('is OpenAPI 3.1 with every reference resolving', () => {
    assert.equal(doc.openapi, '3.1.0');
    const text = readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8');
    for (const [, ref] of text.matchAll(/\$ref: '#\/([^']+)'/g)) {
      const target = ref!.split('/').reduce((node: any, key: string) => node?.[key.replace(/~1/g, '/')], doc);
      assert.ok(target, `#/${ref} resolves`);
    }
  });

  it('matches every JSON response and live event of the server', async () => {
    const page = newPage();
    const p = encodeURIComponent(page);
    const live = await openEvents(url, page);
    conforms('GET', '/v1/events', {
      status: live.status,
      headers: new Headers({ 'content-type': 'text/event-stream' }),
      body: null,
      text: '',
    });
    // The moderators' live channel, read as the console does (fetch with the admin token).
    const feed = await openStream(url, '/v1/moderation/events', { authorization: `Bearer ${ADMIN}` });
    conforms('GET', '/v1/moderation/events', status(200, { status: feed.status, headers: feed.headers, body: null, text: '' }));

    const readerReply = await call(url, 'POST', '/v1/readers', { body: {} });
    conforms('POST', '/v1/readers', readerReply);
    const a = readerReply.body.token;
    const b = await newReader(url);
    conforms('POST', '/v1/readers', await call(url, 'POST', '/v1/readers', { body: { sso: 'not-a-jwt' } }));

    const root = await call(url, 'POST', '/v1/comments', {
      token: a,
      body: { page, body: 'Root', author: guest, anchor: { quote: 'q', prefix: '', suffix: '', start: 1, end: 2 } },
    });
    conforms('POST', '/v1/comments', root);
    const reply = await call(url, 'POST', '/v1/comments', {
      token: b,
      body: { page, body: 'Reply', parentId: root.body.id, author: { name: 'B' } },
    });
    conforms('POST', '/v1/comments', reply);
    conforms('POST', '/v1/comments', await call(url, 'POST', '/v1/comments', { token: a, body: { page, body: '' } }));
    conforms('POST', '/v1/comments', await call(url, 'POST', '/v1/comments', { token: a, raw: '{' }));
    conforms('POST', '/v1/comments', await call(url, 'POST', '/v1/comments', { body: { page, body: 'x' } }));
    conforms(
      'POST',
      '/v1/comments',
      await call(url, 'POST', '/v1/comments', { token: a, body: { page, body: 'x'.repeat(40_000) } }),
    );

    conforms('GET', '/v1/comments', await call(url, 'GET', `/v1/comments?page=${p}`, { token: b }));
    conforms('GET', '/v1/comments', await call(url, 'GET', `/v1/comments?page=${p}&limit=1&sort=top`, { token: ADMIN }));
    conforms('GET', '/v1/comments', await call(url, 'GET', `/v1/comments?page=${p}&cursor=%25`));
    conforms(
      'PATCH',
      '/v1/comments/{id}',
      await call(url, 'PATCH', `/v1/comments/${root.body.id}`, { token: a, body: { body: 'Root!' } }),
    );
    conforms(
      'PATCH',
      '/v1/comments/{id}',
      await call(url, 'PATCH', `/v1/comments/${root.body.id}`, { token: b, body: { body: 'no' } }),
    );
    conforms(
      'PUT',
      '/v1/comments/{id}/vote',
      await call(url, 'PUT', `/v1/comments/${root.body.id}/vote`, { token: b, body: { value: 1 } }),
    );
    conforms('PUT', '/v1/comments/{id}/vote', await call(url, 'PUT', `/v1/comments/nope/vote`, { token: b, body: { value: 1 } }));
    conforms(
      'POST',
      '/v1/comments/{id}/report',
      await call(url, 'POST', `/v1/comments/${root.body.id}/report`, { token: b, body: { reason: 'rude' } }),
    );
    conforms(
      'POST',
      '/v1/comments/{id}/report',
      await call(url, 'POST', `/v1/comments/${root.body.id}/report`, { token: b, body: {} }),
    );

    conforms('PUT', '/v1/rating', await call(url, 'PUT', '/v1/rating', { token: b, body: { page, value: 4 } }));
    conforms('PUT', '/v1/rating', await call(url, 'PUT', '/v1/rating', { token: b, body: { page, value: 9 } }));
    conforms('DELETE', '/v1/rating', await call(url, 'DELETE', `/v1/rating?page=${p}`, { token: b }));
    conforms('POST', '/v1/shares', await call(url, 'POST', '/v1/shares', { body: { page, network: 'bluesky' } }));
    conforms('POST', '/v1/shares', await call(url, 'POST', '/v1/shares', { body: { page, network: 'friendster' } }));
    conforms('GET', '/v1/page', await call(url, 'GET', `/v1/page?page=${p}`, { token: b }));
    conforms('GET', '/v1/counts', await call(url, 'GET', `/v1/counts?page=${p}&page=%2Fother`));
    conforms(
      'POST',
      '/v1/subscriptions',
      await call(url, 'POST', '/v1/subscriptions', { token: a, body: { page, email: 'a@b.org', scope: 'page' } }),
    );
    conforms('GET', '/v1/subscriptions/confirm', await call(url, 'GET', '/v1/subscriptions/confirm?token=unknown'));
    conforms('GET', '/v1/subscriptions/unsubscribe', await call(url, 'GET', '/v1/subscriptions/unsubscribe?token=unknown'));
    conforms('POST', '/v1/subscriptions/unsubscribe', await call(url, 'POST', '/v1/subscriptions/unsubscribe?token=unknown'));

    const mod = { token: ADMIN };
    conforms('GET', '/v1/moderation/comments', await call(url, 'GET', '/v1/moderation/comments?queue=reported', mod));
    conforms('GET', '/v1/moderation/comments', await call(url, 'GET', '/v1/moderation/comments', { token: b }));
    conforms(
      'POST',
      '/v1/moderation/comments/{id}/{action}',
      await call(url, 'POST', `/v1/moderation/comments/${reply.body.id}/spam`, mod),
    );
    conforms(
      'POST',
      '/v1/moderation/comments/{id}/{action}',
      await call(url, 'POST', `/v1/moderation/comments/${reply.body.id}/status`, { ...mod, body: { status: 'published' } }),
    );
    conforms(
      'POST',
      '/v1/moderation/bans',
      await call(url, 'POST', '/v1/moderation/bans', { ...mod, body: { kind: 'email', value: 'x@y.org' } }),
    );
    conforms('GET', '/v1/moderation/bans', await call(url, 'GET', '/v1/moderation/bans', mod));
    conforms('DELETE', '/v1/moderation/bans', await call(url, 'DELETE', '/v1/moderation/bans?kind=email&value=x%40y.org', mod));
    conforms(
      'PUT',
      '/v1/moderation/pages',
      await call(url, 'PUT', '/v1/moderation/pages', { ...mod, body: { page, ratingClosed: false } }),
    );
    conforms('GET', '/v1/moderation/log', await call(url, 'GET', '/v1/moderation/log?limit=2', mod));

    const counts = status(200, await call(url, 'GET', '/v1/moderation/counts', mod));
    conforms('GET', '/v1/moderation/counts', counts);
    assert.equal(counts.body.reported, 1);
    conforms('GET', '/v1/moderation/counts', status(401, await call(url, 'GET', '/v1/moderation/counts')));
    conforms('GET', '/v1/moderation/counts', status(403, await call(url, 'GET', '/v1/moderation/counts', { token: b })));

    const context = status(200, await call(url, 'GET', `/v1/moderation/comments/${root.body.id}`, mod));
    conforms('GET', '/v1/moderation/comments/{id}', context);
    assert.deepEqual(context.body.moderation.reasons, ['rude']);
    conforms('GET', '/v1/moderation/comments/{id}', status(404, await call(url, 'GET', '/v1/moderation/comments/nope', mod)));
    conforms(
      'GET',
      '/v1/moderation/comments/{id}',
      status(403, await call(url, 'GET', `/v1/moderation/comments/${root.body.id}`, { token: b })),
    );
    conforms(
      'GET',
      '/v1/moderation/comments/{id}',
      status(401, await call(url, 'GET', `/v1/moderation/comments/${root.body.id}`)),
    );

    const reports = `/v1/moderation/comments/${root.body.id}/reports`;
    const kept = status(200, await call(url, 'PUT', reports, { ...mod, body: { dismissed: true } }));
    conforms('PUT', '/v1/moderation/comments/{id}/reports', kept);
    assert.equal(kept.body.comment.moderation.reports, 0);
    const undone = status(200, await call(url, 'PUT', reports, { ...mod, body: { dismissed: false, at: kept.body.at } }));
    conforms('PUT', '/v1/moderation/comments/{id}/reports', undone);
    assert.equal(undone.body.comment.moderation.reports, 1);
    conforms(
      'PUT',
      '/v1/moderation/comments/{id}/reports',
      status(422, await call(url, 'PUT', reports, { ...mod, body: { dismissed: false } })),
    );
    conforms('PUT', '/v1/moderation/comments/{id}/reports', status(400, await call(url, 'PUT', reports, { ...mod, raw: '{' })));
    conforms(
      'PUT',
      '/v1/moderation/comments/{id}/reports',
      status(404, await call(url, 'PUT', '/v1/moderation/comments/nope/reports', { ...mod, body: { dismissed: true } })),
    );
    conforms(
      'PUT',
      '/v1/moderation/comments/{id}/reports',
      status(403, await call(url, 'PUT', reports, { token: b, body: { dismissed: true } })),
    );
    conforms(
      'PUT',
      '/v1/moderation/comments/{id}/reports',
      status(401, await call(url, 'PUT', reports, { body: { dismissed: true } })),
    );

    conforms('GET', '/v1/moderation/events', status(401, await call(url, 'GET', '/v1/moderation/events')));
    conforms('GET', '/v1/moderation/events', status(403, await call(url, 'GET', '/v1/moderation/events', { token: b })));
    await waitFor(
      () => feed.events.some((e) => e.data.kind === 'action' && e.data.action === 'reports:restored'),
      5000,
      "the moderators' events",
    );
    const notice = ajv.compile({ $ref: 'openapi#/components/schemas/ModerationEvent' });
    for (const e of feed.events) {
      assert.equal(e.event, 'moderation');
      assert.match(e.id, /^[0-9]+$/);
      assert.ok(notice(e.data), `${JSON.stringify(e.data)}: ${ajv.errorsText(notice.errors)}`);
    }
    assert.deepEqual(feed.events[0]!.data, { type: 'moderation', kind: 'reported', commentId: root.body.id });
    assert.ok(
      feed.events.some((e) => e.data.kind === 'action' && e.data.action === 'status:spam' && e.data.target === reply.body.id),
    );
    // Last-Event-ID resumes: a console that reconnects first gets what it missed.
    const resumed = await openStream(url, '/v1/moderation/events', {
      authorization: `Bearer ${ADMIN}`,
      'last-event-id': feed.events[0]!.id,
    });
    const missed = feed.events.slice(1).map((e) => e.id);
    await waitFor(() => resumed.events.length >= missed.length || undefined, 5000, 'the replayed events');
    assert.deepEqual(
      resumed.events.slice(0, missed.length).map((e) => e.id),
      missed,
    );
    for (const stream of [feed, resumed]) {
      stream.close();
      await stream.done;
    }
    conforms('DELETE', '/v1/comments/{id}', await call(url, 'DELETE', `/v1/comments/${root.body.id}`, { token: a }));
    conforms('GET', '/healthz', await call(url, 'GET', '/healthz'));

    const limited = await startServer({ rateLimit: 1 });
    try {
      await newReader(limited.url);
      const refused = await call(limited.url, 'POST', '/v1/readers', { body: {} });
      assert.equal(refused.status, 429);
      conforms('POST', '/v1/readers', refused);
      // One-click unsubscribes are never limited (mail providers send many from one address).
      const unsubscribe = await call(limited.url, 'POST', '/v1/subscriptions/unsubscribe?token=unknown');
      assert.equal(unsubscribe.status, 404);
    } finally {
      await limited.server.close();
    }

    await waitFor(() => live.events.some((e) => e.event === 'comment.deleted'), 5000, 'the live events');
    live.close();
    const event = ajv.compile({ $ref: 'openapi#/components/schemas/ChimeLiveEvent' });
    for (const e of live.events) assert.ok(event(e.data), `${e.event}: ${ajv.errorsText(event.errors)}`);
    assert.deepEqual(
      new Set(live.events.map((e) => e.event)),
      new Set(['comment.created', 'comment.updated', 'rating.updated', 'comment.deleted']),
    );

    const documented = Object.entries(doc.paths).flatMap(([path, ops]: [string, any]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    assert.deepEqual(
      documented.filter((op) => !covered.has(op)),
      [],
      'every documented operation is exercised',
    );
  });
});
