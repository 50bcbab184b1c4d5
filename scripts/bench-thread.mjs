// The 1,000-comment thread, side by side with Artalk 2.9.1 (the strongest self-contained peer),
// in headless Chromium (playwright-core), in the same run, on the same comments:
// - Chime: `<chime-comments>` from the script tag against the reference server (a temp SQLite
//   database seeded through its HTTP API: rate limit 0, moderation none).
// - Artalk: its own dist (Artalk.js + Artalk.css, npm `artalk@2.9.1`) against a local mock of
//   its `/api/v2` (conf, comment list), answering as its server does (roots paged, each page
//   with all the replies of its roots, `rid` = the comment replied to).
// Both show their first 10 threads; the timed step is the reader's "show me the rest": Chime's
// "View all comments", Artalk's "Load More" (asked for all the remaining roots at once through
// its `listFetchParamsModifier` hook, since it otherwise pages 10 at a time) — from the click
// until all 1,000 comments are in the DOM and a frame has been rendered. Median of RUNS runs.
// Figures, not assertions. Needs the build (`dist/`) and Chromium (CHROME_PATH or /usr/bin/chromium).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';

const RUNS = Number(process.env.RUNS || 7);
const TOTAL = 1000;
const ROOTS = 100;
const FIRST = 10;

const root = process.cwd();
const chrome = findChrome();
if (!chrome) {
  console.log('bench-thread: skipped (no Chromium; set CHROME_PATH)');
  process.exit(0);
}
let artalkDir;
try {
  artalkDir = dirname(createRequire(import.meta.url).resolve('artalk/dist/Artalk.js'));
} catch {
  console.log('bench-thread: skipped (artalk@2.9.1 is not installed: npm ci)');
  process.exit(0);
}
const artalkVersion = JSON.parse(readFileSync(join(artalkDir, '../package.json'), 'utf8')).version;
const { createServer } = await import(join(root, 'dist/server/index.js'));

// ---- The thread: 100 threads of 10 comments, replies at varying depths, the same every run.
function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(1000);
const pick = (list) => list[Math.floor(random() * list.length)];
const NAMES = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Edsger Dijkstra',
  'Barbara Liskov',
  'Donald Knuth',
  'Frances Allen',
  'Ken Thompson',
  'Radia Perlman',
  'Tim Berners-Lee',
];
const WORDS =
  'the council vote budget school bridge traffic mayor residents housing tax plan report article reporter numbers source agree disagree question point fair'.split(
    ' ',
  );
const sentence = () => {
  const n = 6 + Math.floor(random() * 18);
  const words = Array.from({ length: n }, () => pick(WORDS));
  if (random() < 0.3) words[2] = `*${words[2]}*`;
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
};
/** `{ index, parent (index or -1), name, body }` in posting order: thread after thread. */
const comments = [];
for (let t = 0; t < ROOTS; t++) {
  const thread = [comments.length];
  comments.push({ index: comments.length, parent: -1, name: pick(NAMES), body: `${sentence()} ${sentence()}` });
  for (let r = 1; r < TOTAL / ROOTS; r++) {
    const parent = pick(thread);
    thread.push(comments.length);
    comments.push({
      index: comments.length,
      parent,
      name: pick(NAMES),
      body: random() < 0.3 ? `${sentence()}\n\n${sentence()}` : sentence(),
    });
  }
}

// ---- Chime: the reference server, seeded through its API.
const dir = mkdtempSync(join(tmpdir(), 'chime-bench-thread-'));
const chime = await createServer({
  db: join(dir, 'chime.db'),
  moderation: 'none',
  rateLimit: 0,
  staticDir: process.env.CHIME_DIST || join(root, 'dist'),
  demoDir: null,
  log: () => {},
  origins: ['*'],
});
const chimeUrl = await chime.listen(0);
const api = async (method, path, body, token) => {
  const res = await chime.fetch(
    new Request(`${chimeUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }),
  );
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
const seedStart = performance.now();
const { token } = await api('POST', '/v1/readers', {});
const ids = [];
for (const c of comments) {
  const posted = await api(
    'POST',
    '/v1/comments',
    { page: '/bench', body: c.body, parentId: c.parent < 0 ? null : ids[c.parent], author: { name: c.name } },
    token,
  );
  ids.push(posted.id);
}
const seedMs = performance.now() - seedStart;

// ---- Artalk: its dist and a mock of its API, from the same comments.
const BASE = Date.UTC(2026, 0, 5, 8, 0, 0);
const escapeHtml = (s) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const marked = (body) =>
  body
    .split('\n\n')
    .map((p) => `<p>${escapeHtml(p).replace(/\*([^*]+)\*/g, '<em>$1</em>')}</p>`)
    .join('');
const artalkComments = comments.map((c) => ({
  id: c.index + 1,
  rid: c.parent < 0 ? 0 : c.parent + 1,
  content: c.body,
  content_marked: marked(c.body),
  date: new Date(BASE + c.index * 60_000).toISOString().replace('T', ' ').slice(0, 19),
  nick: c.name,
  email_encrypted: (c.index * 2654435761).toString(16).padStart(32, '0').slice(-32),
  link: '',
  ua: '',
  ip_region: '',
  badge_name: '',
  badge_color: '',
  is_allow_reply: true,
  is_collapsed: false,
  is_pending: false,
  is_pinned: false,
  is_verified: false,
  visible: true,
  vote_up: 0,
  vote_down: 0,
  user_id: 1 + (c.index % NAMES.length),
  page_key: '/bench',
  page_url: '/bench',
  site_name: 'Bench',
}));
const rootsNewest = artalkComments.filter((c) => c.rid === 0).reverse();
const descendants = (id) => artalkComments.filter((c) => c.rid === id).flatMap((c) => [c, ...descendants(c.id)]);
const artalkPage = {
  id: 1,
  key: '/bench',
  title: 'Bench',
  url: '/bench',
  site_name: 'Bench',
  admin_only: false,
  pv: 0,
  vote_up: 0,
  vote_down: 0,
  date: '',
};

const chimeHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chime thread bench</title>
<script type="module" src="${chimeUrl}/chime.js"></script></head>
<body><main><h1>Bench</h1><chime-comments page="/bench" eager backend="${chimeUrl}"></chime-comments></main></body></html>`;
const artalkHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Artalk thread bench</title>
<link rel="stylesheet" href="/artalk/Artalk.css"><script src="/artalk/Artalk.js"></script></head>
<body><main><h1>Bench</h1><div id="comments"></div></main>
<script>
window.artalk = Artalk.init({
  el: '#comments', pageKey: '/bench', pageTitle: 'Bench', server: location.origin, site: 'Bench', locale: 'en',
  emoticons: false, versionCheck: false, useBackendConf: false, imgUpload: false, flatMode: false, nestMax: 3,
  gravatar: { mirror: location.origin + '/avatar/', params: 's=80' },
  pagination: { pageSize: ${FIRST}, readMore: true, autoLoad: false },
  // "Load More" asks for all the remaining roots at once, as Chime's "View all comments" does.
  listFetchParamsModifier: (p) => { if (p.offset > 0) p.limit = ${ROOTS}; },
});
</script></body></html>`;
const AVATAR = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const unknown = new Set();
const bench = createHttpServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const json = (data) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(data));
  if (url.pathname === '/chime.html') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(chimeHtml);
  if (url.pathname === '/artalk.html') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(artalkHtml);
  if (url.pathname === '/artalk/Artalk.js' || url.pathname === '/artalk/Artalk.css') {
    const file = url.pathname.slice('/artalk/'.length);
    const type = file.endsWith('.css') ? 'text/css' : 'text/javascript';
    return res.writeHead(200, { 'content-type': type }).end(readFileSync(join(artalkDir, file)));
  }
  if (url.pathname.startsWith('/avatar/')) return res.writeHead(200, { 'content-type': 'image/gif' }).end(AVATAR);
  if (url.pathname === '/api/v2/conf') return json({ frontend_conf: {}, version: { app: 'artalk', version: artalkVersion } });
  if (url.pathname === '/api/v2/comments') {
    const offset = Number(url.searchParams.get('offset') || 0);
    const limit = Number(url.searchParams.get('limit') || 20);
    const roots = rootsNewest.slice(offset, offset + limit);
    return json({
      comments: roots.flatMap((c) => [c, ...descendants(c.id)]),
      count: artalkComments.length,
      roots_count: rootsNewest.length,
      page: artalkPage,
    });
  }
  if (url.pathname === '/api/v2/pages/pv') return json({ pv: 1 });
  if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
  if (url.pathname === '/api/v2/notifies') return json({ notifies: [], count: 0 });
  if (url.pathname.startsWith('/api/v2/stats/')) return json({ data: 0 });
  unknown.add(`${req.method} ${url.pathname}`);
  res.writeHead(404, { 'content-type': 'application/json' }).end('{"msg":"not mocked"}');
});
await new Promise((resolve) => bench.listen(0, '127.0.0.1', resolve));
const benchUrl = `http://localhost:${bench.address().port}`;

const browser = await chromium.launch({
  executablePath: chrome,
  headless: true,
  args: CHROME_ARGS,
});

/**
 * In the page: clicks `button` (found by `find`), then resolves once `count()` reaches the total
 * and a frame has been produced after it (rAF, then a task: the frame's rendering is done).
 */
const timeInPage = ({ kind, total }) => {
  const chimeRoot = () => document.querySelector('chime-comments')?.shadowRoot;
  const count =
    kind === 'chime'
      ? () => chimeRoot()?.querySelectorAll('article').length ?? 0
      : () => document.querySelectorAll('#comments .atk-comment-wrap').length;
  const button =
    kind === 'chime'
      ? [...chimeRoot().querySelectorAll('button')].find((b) => b.textContent.trim() === 'View all comments')
      : document.querySelector('#comments .atk-list-read-more');
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const timeout = setTimeout(() => reject(new Error(`${kind}: only ${count()} of ${total} after 30 s`)), 30_000);
    const check = () => {
      if (count() < total) return requestAnimationFrame(check);
      const dom = performance.now();
      requestAnimationFrame(() =>
        setTimeout(() => {
          clearTimeout(timeout);
          const api = performance
            .getEntriesByType('resource')
            .filter((e) => /\/(v1|api\/v2)\/comments/.test(e.name) && e.startTime >= start)
            .reduce((ms, e) => ms + (e.responseEnd - e.startTime), 0);
          resolve({ total: performance.now() - start, dom: dom - start, api });
        }),
      );
    };
    button.click();
    requestAnimationFrame(check);
  });
};

/** One run: a fresh context, the page, its first 10 threads, then the timed "show the rest". */
async function run(kind) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const downloads = [];
  const foreign = [];
  const errors = [];
  page.on('pageerror', (error) => errors.push(`${kind}: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && errors.push(`${kind}: ${message.text()}`));
  page.on('request', (request) => {
    const origin = new URL(request.url()).origin;
    if (origin !== benchUrl && origin !== chimeUrl) foreign.push(request.url());
  });
  page.on('response', (response) => {
    const url = response.url();
    if (url.includes('/v1/events')) return; // the live stream never ends
    downloads.push(
      response.body().then(
        (body) => ({ url, gzip: gzipSync(body, { level: 9 }).length }),
        () => null,
      ),
    );
  });
  await page.goto(`${benchUrl}/${kind}.html`);
  if (kind === 'chime') await page.getByRole('button', { name: 'View all comments' }).waitFor();
  else {
    await page.locator('#comments .atk-list-read-more').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#comments .atk-comment-wrap').length > 0);
  }
  const before = await page.evaluate(
    (kind) =>
      kind === 'chime'
        ? document.querySelector('chime-comments').shadowRoot.querySelectorAll('article').length
        : document.querySelectorAll('#comments .atk-comment-wrap').length,
    kind,
  );
  await page.waitForTimeout(300); // let the first render settle (fonts, idle work)
  const times = await page.evaluate(timeInPage, { kind, total: TOTAL });
  // How deep each shows the tree (Chime nests 3 levels, Artalk `nestMax: 3`; deeper replies line up).
  const nested = await page.evaluate((kind) => {
    if (kind === 'chime') {
      const list = document.querySelector('chime-comments').shadowRoot.querySelector('[part="list"]');
      return [...list.querySelectorAll('article')].map((a) => {
        let d = 0;
        for (let el = a.parentElement; el && el !== list; el = el.parentElement) if (el.tagName === 'UL') d++;
        return d + 1;
      });
    }
    return [...document.querySelectorAll('#comments .atk-comment-wrap')].map((a) => {
      let d = 1;
      for (let el = a.parentElement; el && el.id !== 'comments'; el = el.parentElement)
        if (el.classList.contains('atk-comment-children')) d++;
      return d;
    });
  }, kind);
  const levels = Math.max(...nested);
  const files = (await Promise.all(downloads)).filter(Boolean);
  await context.close();
  const isCode = (f) => /\.(js|css)(\?|$)/.test(new URL(f.url).pathname);
  const isData = (f) => /\/(v1|api\/v2)\//.test(f.url);
  const sum = (list) => list.reduce((n, f) => n + f.gzip, 0);
  return {
    ...times,
    levels,
    before,
    code: sum(files.filter(isCode)),
    data: sum(files.filter(isData)),
    codeFiles: files.filter(isCode),
    foreign,
    errors,
  };
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (n) => `${n.toFixed(0)} ms`.padStart(9);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

try {
  const results = { chime: [], artalk: [] };
  // Warm-up (caches, JIT), then alternate so both see the same machine load.
  await run('chime');
  await run('artalk');
  for (let i = 0; i < RUNS; i++)
    for (const kind of i % 2 ? ['artalk', 'chime'] : ['chime', 'artalk']) results[kind].push(await run(kind));

  console.log(
    `\n1,000-comment nested thread (${ROOTS} threads of ${TOTAL / ROOTS}, replies up to ${Math.max(...comments.map(depth))} deep), ` +
      `headless Chromium, median of ${RUNS} runs each (Chime seeded through the reference server's API on SQLite in ${(seedMs / 1000).toFixed(1)} s)`,
  );
  console.log(
    `Machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} (figures from a busy machine are noisy).`,
  );
  console.log(
    'Timed: from the click on "View all comments" / "Load More" to all 1,000 comments in the DOM and a frame rendered.\n',
  );
  console.log(
    `${''.padEnd(18)}${'levels'.padStart(7)}${'shown first'.padStart(12)}${'click→DOM'.padStart(11)}${'→frame'.padStart(9)}${'(API req)'.padStart(11)}${'min'.padStart(9)}${'max'.padStart(9)}${'code gzip'.padStart(11)}${'data gzip'.padStart(11)}`,
  );
  for (const [kind, label] of [
    ['chime', 'Chime'],
    ['artalk', `Artalk ${artalkVersion}`],
  ]) {
    const r = results[kind];
    const totals = r.map((x) => x.total);
    console.log(
      `${label.padEnd(18)}${String(r[0].levels).padStart(7)}${String(r[0].before).padStart(12)}${ms(median(r.map((x) => x.dom))).padStart(11)}${ms(median(totals))}${ms(median(r.map((x) => x.api))).padStart(11)}${ms(Math.min(...totals))}${ms(Math.max(...totals))}${kb(r[0].code).padStart(11)}${kb(r[0].data).padStart(11)}`,
    );
  }
  console.log(
    '\n"levels": nesting levels drawn. "shown first": comments on screen before the click (10 threads). "(API req)": the comment list request inside the timed step.\n' +
      '"code gzip": every script and stylesheet the page loaded (Chime: the script-tag bundle, which registers every element, plus the\n' +
      'lazy thread chunk; Artalk: Artalk.js + Artalk.css). "data gzip": every API response (Chime: page summary + both list pages).',
  );
  console.log('\nCode each page loaded (gzip -9 per file):');
  for (const kind of ['chime', 'artalk']) {
    for (const f of results[kind][0].codeFiles)
      console.log(`  ${kind.padEnd(7)} ${new URL(f.url).pathname.padEnd(44)}${kb(f.gzip)}`);
  }
  const foreign = [...results.chime, ...results.artalk].flatMap((r) => r.foreign);
  if (foreign.length) console.log(`\nRequests to other hosts: ${[...new Set(foreign)].join(', ')}`);
  const errors = [...results.chime, ...results.artalk].flatMap((r) => r.errors);
  if (errors.length) console.log(`\nPage errors: ${[...new Set(errors)].join('; ')}`);
  if (unknown.size) console.log(`Artalk asked the mock for what it does not answer: ${[...unknown].join(', ')}`);
} finally {
  await browser.close();
  await new Promise((resolve) => bench.close(resolve));
  await chime.close();
  rmSync(dir, { recursive: true, force: true });
}

function depth(c) {
  return c.parent < 0 ? 1 : 1 + depth(comments[c.parent]);
}
