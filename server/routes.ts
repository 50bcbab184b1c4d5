/**
 * HTTP: the Chime protocol v1 (docs/protocol.md) on Hono. Parses and shapes requests, applies
 * CORS, body and rate limits, and maps ChimeError codes to statuses; the rules live in services.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ChimeError, type ErrorCode } from '../src/backend/contract.js';
import type { Auth, Viewer } from './services/auth.js';
import type { ChimeService } from './services/chime.js';
import type { LiveHub } from './services/live.js';
import type { RateLimiter } from './services/rate-limit.js';
import { subscriptionPage } from './pages.js';
import { mountAdmin } from './admin.js';
import { readJson } from './body.js';
import { MODERATION_CHANNEL } from './services/moderation.js';
import { eventStream, resumeId } from './sse.js';

export interface RouteDeps {
  service: ChimeService;
  auth: Auth;
  hub: LiveHub;
  limiter: RateLimiter;
  /** Allowed origins; `*` allows any. The server's own origin is always allowed. */
  origins: string[];
  publicUrl: () => string;
  trustProxy: boolean;
  bodyLimit: number;
  /** Open SSE streams, closed on shutdown. */
  streams: Set<() => void>;
  ping: () => Promise<void>;
  /** Folder with the moderation console's build, served at `/admin` (server/admin.ts). */
  adminDir?: string | null;
}

type Env = { Variables: { viewer: Viewer } };

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation: 422,
  unauthorized: 401,
  forbidden: 403,
  banned: 403,
  closed: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
  network: 502,
  timeout: 504,
  bad_response: 502,
  no_backend: 500,
};

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function errorResponse(c: Context, error: ChimeError): Response {
  const status = error.status ?? STATUS[error.code] ?? 500;
  if (error.retryAfter) c.header('Retry-After', String(error.retryAfter));
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.fields) body.fields = error.fields;
  return c.json({ error: body }, status as 400);
}

function intParam(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,6}$/.test(value))
    throw new ChimeError('validation', `${name} must be a whole number.`, { fields: { [name]: 'invalid' } });
  return Number(value);
}

export function createRoutes(d: RouteDeps): Hono<Env> {
  const app = new Hono<Env>();

  app.onError((error, c) => {
    if (error instanceof ChimeError) return errorResponse(c, error);
    console.error('chime: unexpected error:', error);
    return errorResponse(c, new ChimeError('internal', 'Something went wrong on the server.'));
  });

  app.get('/healthz', async (c) => {
    await d.ping();
    return c.json({ ok: true });
  });

  // CORS allowlist: a disallowed origin gets no CORS headers, and its writes are refused.
  app.use('/v1/*', async (c, next) => {
    const origin = c.req.header('origin');
    const allowed =
      !!origin &&
      (d.origins.includes('*') ||
        d.origins.includes(origin) ||
        origin === new URL(c.req.url).origin ||
        origin === new URL(d.publicUrl()).origin);
    if (c.req.method === 'OPTIONS') {
      if (!allowed) return c.body(null, 403);
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin!,
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Last-Event-ID',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    if (origin && !allowed && WRITE.has(c.req.method)) {
      throw new ChimeError('forbidden', 'This site may not write to this Chime server.');
    }
    if (allowed) {
      c.header('Access-Control-Allow-Origin', origin!);
      c.header('Access-Control-Expose-Headers', 'Retry-After');
      c.header('Vary', 'Origin');
    }
    await next();
  });

  // Identity, then per-reader and per-IP write limits.
  app.use('/v1/*', async (c, next) => {
    let ip = '';
    if (d.trustProxy) ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? '';
    if (!ip) {
      try {
        ip = getConnInfo(c).remote.address ?? '';
      } catch {
        ip = ''; // not behind node:http (e.g. app.fetch in a test)
      }
    }
    const viewer = d.auth.viewer(c.req.header('authorization'), ip);
    c.set('viewer', viewer);
    // One-click unsubscribes come from mail providers, many readers behind one address: never limited.
    if (WRITE.has(c.req.method) && !viewer.moderator && c.req.path !== '/v1/subscriptions/unsubscribe') {
      const keys = [`ip:${ip}`];
      if (viewer.readerId) keys.push(`reader:${viewer.readerId}`);
      const wait = await d.limiter.hit(keys);
      if (wait !== null) throw new ChimeError('rate_limited', 'Too many writes; please wait a moment.', { retryAfter: wait });
    }
    await next();
  });

  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: d.bodyLimit,
      onError: () => {
        throw new ChimeError('too_large', `Request bodies are limited to ${d.bodyLimit} bytes.`);
      },
    }),
  );

  const viewer = (c: Context<Env>) => c.get('viewer');

  app.post('/v1/readers', async (c) => {
    const body = await readJson(c);
    if (body.sso !== undefined && typeof body.sso !== 'string') {
      throw new ChimeError('validation', 'sso must be a token.', { fields: { sso: 'invalid' } });
    }
    return c.json(await d.auth.issue(body.sso), 201);
  });

  app.get('/v1/page', async (c) => c.json(await d.service.page(c.req.query('page') ?? '', viewer(c))));

  app.get('/v1/counts', async (c) => c.json(await d.service.counts(c.req.queries('page') ?? [])));

  app.get('/v1/comments', async (c) => {
    const q = c.req.query();
    return c.json(
      await d.service.listComments(
        {
          page: q.page ?? '',
          sort: q.sort as 'newest' | undefined,
          kind: q.kind as 'all' | undefined,
          limit: intParam(q.limit, 10, 'limit'),
          cursor: q.cursor || null,
        },
        viewer(c),
      ),
    );
  });

  app.post('/v1/comments', async (c) => c.json(await d.service.postComment(await readJson(c), viewer(c)), 201));

  app.patch('/v1/comments/:id', async (c) => {
    const body = await readJson(c);
    return c.json(await d.service.editComment(c.req.param('id'), body.body, viewer(c)));
  });

  app.delete('/v1/comments/:id', async (c) => {
    await d.service.deleteComment(c.req.param('id'), viewer(c));
    return c.body(null, 204);
  });

  app.put('/v1/comments/:id/vote', async (c) => {
    const body = await readJson(c);
    return c.json(await d.service.vote(c.req.param('id'), body.value, viewer(c)));
  });

  app.post('/v1/comments/:id/report', async (c) => {
    const body = await readJson(c);
    await d.service.report(c.req.param('id'), body.reason, viewer(c));
    return c.body(null, 204);
  });

  app.put('/v1/rating', async (c) => {
    const body = await readJson(c);
    return c.json(await d.service.rate(body.page, body.value, viewer(c)));
  });

  app.delete('/v1/rating', async (c) => c.json(await d.service.removeRating(c.req.query('page'), viewer(c))));

  app.post('/v1/shares', async (c) => {
    const body = await readJson(c);
    return c.json(await d.service.share(body.page, body.network));
  });

  // The subscription pages: no scripts, no styles, no framing; forms post only back here.
  app.use('/v1/subscriptions/*', async (c, next) => {
    c.header('Content-Security-Policy', "default-src 'none'; form-action 'self'; frame-ancestors 'none'");
    await next();
  });

  app.post('/v1/subscriptions', async (c) => c.json(await d.service.subscribe(await readJson(c), viewer(c)), 202));

  app.get('/v1/subscriptions/confirm', async (c) => {
    const page = await d.service.confirm(c.req.query('token') ?? '');
    return c.html(
      subscriptionPage(page === null ? 'unknown' : 'confirmed', page, c.req.query('token') ?? ''),
      page === null ? 404 : 200,
    );
  });

  // GET shows a button (mail scanners open links); POST unsubscribes, also as RFC 8058 one-click.
  app.get('/v1/subscriptions/unsubscribe', async (c) => {
    const token = c.req.query('token') ?? '';
    return c.html(subscriptionPage('ask', null, token));
  });

  app.post('/v1/subscriptions/unsubscribe', async (c) => {
    const token = c.req.query('token') ?? '';
    const page = await d.service.unsubscribe(token);
    return c.html(subscriptionPage(page === null ? 'unknown' : 'unsubscribed', page, token), page === null ? 404 : 200);
  });

  app.get('/v1/events', async (c) => {
    const page = c.req.query('page');
    if (!page || page.length > 512)
      throw new ChimeError('validation', 'A page id is required.', { fields: { page: 'required' } });
    if (page === MODERATION_CHANNEL) throw new ChimeError('forbidden', 'Moderators read /v1/moderation/events.');
    return eventStream(c, d, page, resumeId(c));
  });

  // ---- moderation (admin token or a moderator's sign-in) ----

  app.get('/v1/moderation/comments', async (c) => {
    const q = c.req.query();
    return c.json(await d.service.queue(viewer(c), q.queue ?? 'pending', intParam(q.limit, 50, 'limit'), q.cursor || null));
  });

  const actions: Record<string, string> = { approve: 'published', reject: 'rejected', spam: 'spam', delete: 'deleted' };
  app.post('/v1/moderation/comments/:id/:action', async (c) => {
    const action = c.req.param('action');
    const body = await readJson(c);
    const status = action === 'status' ? body.status : actions[action];
    if (!status) throw new ChimeError('not_found', `Unknown action "${action}".`);
    return c.json(await d.service.setStatus(viewer(c), c.req.param('id'), status));
  });

  app.get('/v1/moderation/bans', async (c) => c.json({ bans: await d.service.bans(viewer(c)) }));
  app.post('/v1/moderation/bans', async (c) => c.json({ bans: await d.service.ban(viewer(c), await readJson(c)) }, 201));
  app.delete('/v1/moderation/bans', async (c) => {
    await d.service.unban(viewer(c), c.req.query('kind'), c.req.query('value'));
    return c.body(null, 204);
  });

  app.put('/v1/moderation/pages', async (c) => c.json(await d.service.setPage(viewer(c), await readJson(c))));

  app.get('/v1/moderation/log', async (c) => {
    const q = c.req.query();
    return c.json(
      await d.service.log(viewer(c), intParam(q.limit, 50, 'limit'), q.cursor ? intParam(q.cursor, 0, 'cursor') : null),
    );
  });

  mountAdmin(app, d);

  app.all('/v1/*', () => {
    throw new ChimeError('not_found', 'No such endpoint.');
  });

  return app;
}
