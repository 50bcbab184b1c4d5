/**
 * The Chime reference server (`chime/server`): `createServer(options)` opens the storage,
 * wires routes → services → storage, and can listen on a port.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createRoutes } from './routes.js';
import { Auth } from './services/auth.js';
import { ChimeService, type ModerationMode } from './services/chime.js';
import { ModeratorDigest } from './services/digest.js';
import { LiveHub } from './services/live.js';
import { Outbox, createMailer } from './services/mail.js';
import { RateLimiter } from './services/rate-limit.js';
import { packageRoot, serveStatic } from './static.js';
import { openStorage } from './storage/index.js';
import type { Storage } from './storage/types.js';

export type { Storage } from './storage/types.js';
export type { ModerationMode } from './services/chime.js';

export interface ServerOptions {
  /** SQLite file path (default `./data/chime.db`), `:memory:`, or a `postgres://` URL. */
  db?: string;
  /** Comma-free list of allowed origins for the API; `*` allows any. */
  origins?: string[];
  /** HS256 secret of the publisher's SSO tokens; without it sign-in is refused. */
  ssoSecret?: string | null;
  /** Bearer token that acts as a moderator (the moderation console). */
  adminToken?: string | null;
  /** `smtp://user:pass@host:port`; without it mails go to the log. */
  smtp?: string | null;
  /** Sender of the mails (default `Chime <chime@HOST>`). */
  mailFrom?: string;
  /** `first` (default): a first-time poster waits for approval; `all`; `none`. */
  moderation?: ModerationMode;
  /** Writes per minute per reader and per IP (default 10; 0 disables). */
  rateLimit?: number;
  /** The URL readers reach this server at (links in mails; default the listening URL). */
  publicUrl?: string | null;
  /** How long authors may edit or delete (default 15 minutes). */
  editWindowMs?: number;
  /** Secret signing reader tokens; default: generated once and kept in the database. */
  secret?: string | null;
  /** Take the client IP from X-Forwarded-For (only behind a proxy you trust). */
  trustProxy?: boolean;
  /** Words that hold a comment for review. */
  blocklist?: string[];
  /** Folder with chime.js and chunks/ (default the package's dist/); null serves none. */
  staticDir?: string | null;
  /** Folder served at / (default the package's demo/); null serves none. */
  demoDir?: string | null;
  /** Request body limit in bytes (default 32 KB). */
  bodyLimit?: number;
  /** How often the outbox looks for mails to send (default 2 s). */
  outboxPollMs?: number;
  /** How long live events are kept for resuming (default 1 day). */
  eventRetentionMs?: number;
  log?: (line: string) => void;
  /** Addresses that get a digest of comments waiting for approval (default none). */
  moderatorEmails?: string[];
  /** How often the moderators' digest goes out (default 1 hour). */
  digestMs?: number;
}

export interface ChimeServer {
  /** The Fetch API handler (for tests or other runtimes). */
  fetch(request: Request): Promise<Response>;
  /** Listens (port 0 picks a free one); resolves to the server's URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** The URL it listens on, once it does. */
  readonly url: string | null;
  readonly storage: Storage;
  /** Sends queued mails now; resolves when done (tests, shutdown). */
  flushMail(): Promise<void>;
  /** Queues the moderators' digest now (tests); resolves to the number of mails. */
  sendDigest(): Promise<number>;
  /** Stops listening, ends live streams, finishes mail in flight and closes the database. */
  close(): Promise<void>;
}

export async function createServer(options: ServerOptions = {}): Promise<ChimeServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const storage = await openStorage(options.db ?? './data/chime.db');
  let url: string | null = null;
  let http: ServerType | null = null;
  const publicUrl = () => (options.publicUrl ?? url ?? 'http://localhost').replace(/\/+$/, '');

  const secret = options.secret || (await storage.setting('reader-secret', () => randomBytes(32).toString('base64url')));
  const mailer = createMailer(options.smtp, log);
  const outbox = new Outbox(storage, mailer, {
    from: options.mailFrom ?? `Chime <chime@${new URL(publicUrl()).hostname || 'localhost'}>`,
    pollMs: options.outboxPollMs ?? 2000,
    log,
  });
  const hub = new LiveHub(storage);
  const service = new ChimeService({
    storage,
    moderation: options.moderation ?? 'first',
    editWindowMs: options.editWindowMs ?? 15 * 60_000,
    publicUrl,
    blocklist: options.blocklist ?? [],
    enqueueMail: (mails) => outbox.enqueue(mails),
  });
  const streams = new Set<() => void>();
  const digest = new ModeratorDigest({
    storage,
    emails: options.moderatorEmails ?? [],
    intervalMs: options.digestMs ?? 3_600_000,
    publicUrl,
    enqueueMail: (mails) => outbox.enqueue(mails),
    log,
  });
  digest.start();
  const root = packageRoot();
  const staticDir = options.staticDir === undefined ? join(root, 'dist') : options.staticDir;
  const app = createRoutes({
    service,
    auth: new Auth({ secret, ssoSecret: options.ssoSecret, adminToken: options.adminToken }),
    hub,
    // On PostgreSQL every instance counts together; SQLite is one process.
    limiter: new RateLimiter(options.rateLimit ?? 10, {
      shared: storage.kind === 'postgres' ? (keys, now, windowMs) => storage.countHits(keys, now, windowMs) : undefined,
    }),
    origins: options.origins ?? [],
    publicUrl,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimit ?? 32 * 1024,
    streams,
    ping: () => storage.ping(),
    adminDir: staticDir && join(staticDir, 'admin'),
  });
  serveStatic(app, staticDir, options.demoDir === undefined ? join(root, 'demo') : options.demoDir);

  const retention = options.eventRetentionMs ?? 86_400_000;
  const prune = () => {
    storage.pruneEvents(Date.now() - retention).catch(() => {});
    storage.pruneMail(Date.now() - 7 * 86_400_000).catch(() => {}); // a week of mail, for support questions
  };
  const pruner = setInterval(prune, Math.min(retention, 3_600_000));
  pruner.unref();

  return {
    fetch: async (request) => app.fetch(request),
    get url() {
      return url;
    },
    storage,
    flushMail: () => outbox.kick(),
    sendDigest: () => digest.send(),
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
          const h = info.family === 'IPv6' ? `[${info.address}]` : info.address;
          url = `http://${h}:${info.port}`;
          resolve(url);
        });
        server.once('error', reject);
        http = server;
      });
    },
    async close() {
      clearInterval(pruner);
      digest.stop();
      for (const end of [...streams]) end();
      if (http) {
        const server = http as ServerType & { closeAllConnections?: () => void; closeIdleConnections?: () => void };
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Requests in flight may finish; idle keep-alive connections go now, stragglers after 5 s.
          server.closeIdleConnections?.();
          setTimeout(() => server.closeAllConnections?.(), 5000).unref();
        });
      }
      hub.close();
      await outbox.close();
      await storage.close();
    },
  };
}
