/**
 * The moderation console's server side: the `/admin` page and its script, the moderators' live
 * channel (`/v1/moderation/events`), queue counts and single comments for context.
 * The other moderation endpoints are in routes.ts.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import { ChimeError } from '../src/backend/contract.js';
import ar from '../src/moderation/i18n/ar.js';
import de from '../src/moderation/i18n/de.js';
import en from '../src/moderation/i18n/en.js';
import es from '../src/moderation/i18n/es.js';
import fr from '../src/moderation/i18n/fr.js';
import uk from '../src/moderation/i18n/uk.js';
import type { Viewer } from './services/auth.js';
import type { ChimeService } from './services/chime.js';
import type { LiveHub } from './services/live.js';
import { readJson } from './body.js';
import { MODERATION_CHANNEL } from './services/moderation.js';
import { eventStream, resumeId } from './sse.js';

export interface AdminDeps {
  service: ChimeService;
  hub: LiveHub;
  /** Open SSE streams, closed on shutdown. */
  streams: Set<() => void>;
  /** Folder with the console's self-contained build (`dist/admin/`); null serves no page. */
  adminDir?: string | null;
  /** The API's allowed origins: the first real one is the site page ids link to. */
  origins?: string[];
}

/** No inline script or style, no framing, no referrer: the page holds a moderator's token. */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The console's languages: its own name (for the picker) and the page's texts in each. */
const LANGUAGES = {
  en: ['English', en],
  de: ['Deutsch', de],
  fr: ['Français', fr],
  es: ['Español', es],
  uk: ['Українська', uk],
  ar: ['العربية', ar],
} as const;
type Language = keyof typeof LANGUAGES;

/** The page's language: the first of the browser's (Accept-Language, by weight) the console speaks; else English. */
export function pageLanguage(acceptLanguage: string | undefined): Language {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((range, i) => {
      const [tag = '', ...params] = range.trim().split(';');
      const q = Number(/^\s*q=([\d.]+)/.exec(params.join(';'))?.[1] ?? 1);
      return { base: tag.trim().toLowerCase().split('-')[0]!, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked.find((r) => r.base in LANGUAGES)?.base as Language | undefined) ?? 'en';
}

/**
 * The console page in `lang`; `site` is where the page ids of comments live (links to them).
 * The language picker works through the page's script (src/moderation/admin.ts).
 */
export const adminPage = (site: string | null, lang: Language = 'en') => {
  const text = LANGUAGES[lang][1];
  const options = Object.entries(LANGUAGES).map(
    ([code, [name]]) => `<option value="${code}" lang="${code}"${code === lang ? ' selected' : ''}>${name}</option>`,
  );
  return `<!doctype html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(text['moderation.title'])}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/admin/admin.css">
<script type="module" src="/admin/moderation.js"></script>
</head>
<body>
<main>
<header>
<h1>${escape(text['moderation.title'])}</h1>
<p class="language"><label for="language">${escape(text['moderation.language'])}</label>
<select id="language">${options.join('')}</select></p>
</header>
<chime-moderation theme="auto"${site ? ` site="${escape(site)}"` : ''}></chime-moderation>
</main>
</body>
</html>
`;
};

const ADMIN_CSS = `body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#f6f6f4;color:#1a1a1a}
main{max-width:72rem;margin:0 auto;padding:1rem}
header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;margin-block:.5rem 1rem}
h1{font-size:1.5rem;margin:0}
.language{display:flex;align-items:center;gap:.5rem;margin:0}
select{font:inherit;padding:.25rem .5rem;min-block-size:2.25rem;border:1px solid #767676;border-radius:6px;background:#fff;color:inherit}
@media (prefers-color-scheme:dark){select{background:#1e1e1e;border-color:#8c8c8c}}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}}
`;

const ASSET = /^[\w-]+(\/[\w-]+)?\.js(\.map)?$/;

type Env = { Variables: { viewer: Viewer } };

export function mountAdmin(app: Hono<Env>, d: AdminDeps): void {
  const viewer = (c: Context<Env>): Viewer => c.get('viewer');
  const moderator = (c: Context<Env>) => {
    const v = viewer(c);
    if (!v.readerId) throw new ChimeError('unauthorized', 'Moderators only: send the admin token or a moderator sign-in.');
    if (!v.moderator) throw new ChimeError('forbidden', 'Moderators only.');
    return v;
  };

  app.get('/v1/moderation/counts', async (c) => c.json(await d.service.queueCounts(viewer(c))));

  app.get('/v1/moderation/comments/:id', async (c) => c.json(await d.service.comment(viewer(c), c.req.param('id'))));

  app.put('/v1/moderation/comments/:id/reports', async (c) => {
    return c.json(await d.service.reviewReports(viewer(c), c.req.param('id'), await readJson(c)));
  });

  // The moderators' feed. EventSource cannot send an Authorization header, so the console reads
  // this stream with fetch(); the token never goes into a URL (logs, history).
  app.get('/v1/moderation/events', async (c) => {
    moderator(c);
    return eventStream(c, d, MODERATION_CHANNEL, resumeId(c));
  });

  const dir = d.adminDir;
  if (!dir) return;
  const site = d.origins?.find((o) => /^https?:\/\//.test(o)) ?? null;
  app.get('/admin', (c) =>
    c.html(adminPage(site, pageLanguage(c.req.header('Accept-Language'))), 200, { ...PAGE_HEADERS, Vary: 'Accept-Language' }),
  );
  app.get('/admin/', (c) => c.redirect('/admin', 301));
  app.get('/admin/admin.css', (c) =>
    c.body(ADMIN_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
  );
  app.get('/admin/*', async (c) => {
    const rel = c.req.path.slice('/admin/'.length);
    const file = ASSET.test(rel) ? join(dir, rel) : null;
    if (!file || !existsSync(file) || !statSync(file).isFile()) return c.text('Not found', 404);
    return c.body(await readFile(file), 200, {
      'Content-Type': rel.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
  });
}
