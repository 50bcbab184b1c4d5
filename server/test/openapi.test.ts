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
import { call, guest, newPage, newReader, openEvents, startServer, waitFor, type Reply } from './helpers.js';

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
