#!/usr/bin/env node
/** `chime-server`: runs the reference server from flags and environment variables. */
import { parseArgs } from 'node:util';
import { createServer, type ModerationMode } from './index.js';

const HELP = `Usage: chime-server [options]

  --port N             PORT               port (default 8787)
  --host H             HOST               interface (default 127.0.0.1)
  --db PATH|URL        DATABASE_URL       SQLite file (default ./data/chime.db) or postgres:// URL
  --origins A,B        CHIME_ORIGINS      origins allowed to use the API (comma-separated, * = any)
  --sso-secret S       CHIME_SSO_SECRET   HS256 secret of the publisher's SSO tokens
  --admin-token T      CHIME_ADMIN_TOKEN  Bearer token for the moderation endpoints
  --smtp URL           CHIME_SMTP_URL     smtp://user:pass@host:port (default: mails go to the log)
  --mail-from ADDR     CHIME_MAIL_FROM    sender of the mails
  --moderation M       CHIME_MODERATION   none | first (default) | all
  --rate-limit N       CHIME_RATE_LIMIT   writes per minute per reader and per IP (default 10, 0 = off)
  --public-url URL     CHIME_PUBLIC_URL   URL readers reach this server at (links in mails)
  --edit-window MIN    CHIME_EDIT_WINDOW  minutes authors may edit or delete (default 15)
  --secret S           CHIME_SECRET       reader token secret (default: generated, kept in the database)
  --trust-proxy        CHIME_TRUST_PROXY  client IP from X-Forwarded-For (behind your load balancer)
  --blocklist W,W      CHIME_BLOCKLIST    words that hold a comment for review
  --moderator-emails A,B  CHIME_MODERATOR_EMAILS  hourly digest of comments waiting for approval
  --help
`;

function fail(message: string): never {
  console.error(`chime-server: ${message}\n\n${HELP}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        origins: { type: 'string' },
        'sso-secret': { type: 'string' },
        'admin-token': { type: 'string' },
        smtp: { type: 'string' },
        'mail-from': { type: 'string' },
        moderation: { type: 'string' },
        'rate-limit': { type: 'string' },
        'public-url': { type: 'string' },
        'edit-window': { type: 'string' },
        secret: { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        blocklist: { type: 'string' },
        'moderator-emails': { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (e) {
    fail((e as Error).message);
  }
})();

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const env = process.env;
const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const int = (v: string | undefined, name: string, fallback: number) => {
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v)) fail(`${name} must be a whole number`);
  return Number(v);
};

const moderation = (values.moderation ?? env.CHIME_MODERATION ?? 'first') as ModerationMode;
if (!['none', 'first', 'all'].includes(moderation)) fail('--moderation is none, first or all');
const port = int(values.port ?? env.PORT, '--port', 8787);
const host = values.host ?? env.HOST ?? '127.0.0.1';

const server = await createServer({
  db: values.db ?? env.DATABASE_URL ?? './data/chime.db',
  origins: list(values.origins ?? env.CHIME_ORIGINS),
  ssoSecret: values['sso-secret'] ?? env.CHIME_SSO_SECRET ?? null,
  adminToken: values['admin-token'] ?? env.CHIME_ADMIN_TOKEN ?? null,
  smtp: values.smtp ?? env.CHIME_SMTP_URL ?? null,
  mailFrom: values['mail-from'] ?? env.CHIME_MAIL_FROM,
  moderation,
  rateLimit: int(values['rate-limit'] ?? env.CHIME_RATE_LIMIT, '--rate-limit', 10),
  publicUrl: values['public-url'] ?? env.CHIME_PUBLIC_URL ?? null,
  editWindowMs: int(values['edit-window'] ?? env.CHIME_EDIT_WINDOW, '--edit-window', 15) * 60_000,
  secret: values.secret ?? env.CHIME_SECRET ?? null,
  trustProxy: values['trust-proxy'] ?? ['1', 'true'].includes(env.CHIME_TRUST_PROXY ?? ''),
  blocklist: list(values.blocklist ?? env.CHIME_BLOCKLIST),
  moderatorEmails: list(values['moderator-emails'] ?? env.CHIME_MODERATOR_EMAILS),
}).catch((e: Error) => {
  console.error(`chime-server: cannot start: ${e.message}`);
  process.exit(1);
});

const url = await server.listen(port, host).catch((e: Error) => {
  console.error(`chime-server: cannot listen on ${host}:${port}: ${e.message}`);
  process.exit(1);
});
console.log(`Chime server listening on ${url}`);
const adminToken = values['admin-token'] ?? env.CHIME_ADMIN_TOKEN;
if (adminToken) {
  // Only `npm start` (a development run) shows the token; production logs never hold it.
  const shown = env.npm_lifecycle_event === 'start' ? ` (development admin token: ${adminToken})` : '';
  console.log(`Moderation console: ${url}/admin${shown}`);
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (e: Error) => {
        console.error(`chime-server: unclean stop: ${e.message}`);
        process.exit(1);
      },
    );
  });
}
