// The seed article in headless Chromium (playwright-core), on a phone and a desktop viewport: the
// main-thread cost of booting the footer (long tasks, script and layout time, against the same
// article without Chime), and what a reader downloads from the Chime server before scrolling,
// after scrolling to the footer, and after opening the share menu (floating-ui comes with the
// first popup): every response (scripts, chunks, API JSON) with its gzip size.
// Figures, not assertions. Needs the build (`dist/`) and Chromium (CHROME_PATH or /usr/bin/chromium).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';

const root = process.cwd();
const { createServer } = await import(join(root, 'dist/server/index.js'));
const chrome = findChrome();
if (!chrome) {
  console.log('bench-footer: skipped (no Chromium; set CHROME_PATH)');
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'chime-bench-footer-'));
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

const fixtures = join(root, 'test/e2e/fixtures');
const article = readFileSync(join(fixtures, 'seed-article.html'), 'utf8')
  .replace('{{lang}}', 'en')
  .replace('{{dir}}', '')
  .replace('{{head}}', `<script type="module" src="${chimeUrl}/chime.js"></script>`)
  .replace('{{engagement}}', '<chime-footer></chime-footer>');
const css = readFileSync(join(root, 'demo/seed.css'));
// The same article without Chime: the baseline its boot cost is measured against.
const plain = readFileSync(join(fixtures, 'seed-article.html'), 'utf8')
  .replace('{{lang}}', 'en')
  .replace('{{dir}}', '')
  .replace('{{head}}', '')
  .replace('{{engagement}}', '');
const publisher = createHttpServer((req, res) => {
  if (req.url === '/seed.css') res.writeHead(200, { 'content-type': 'text/css' }).end(css);
  else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article);
  else if (req.url === '/plain') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(plain);
  else res.writeHead(404).end();
});
await new Promise((resolve) => publisher.listen(0, '127.0.0.1', resolve));
const publisherUrl = `http://localhost:${publisher.address().port}/`;

const browser = await chromium.launch({
  executablePath: chrome,
  headless: true,
  args: CHROME_ARGS,
});

const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

/** Loads the article at `viewport`, records the Chime server's responses before and after scrolling, then opening the menu. */
async function visit(viewport) {
  const page = await browser.newPage({ viewport });
  let phase = 'before';
  const downloads = [];
  page.on('response', (response) => {
    const url = response.url();
    if (!url.startsWith(chimeUrl) || url.includes('/v1/events')) return; // the live stream never ends
    const at = phase;
    downloads.push(
      response.body().then(
        (body) => ({ phase: at, url: url.slice(chimeUrl.length), raw: body.length, gzip: gzipSync(body, { level: 9 }).length }),
        () => null,
      ),
    );
  });
  await page.goto(publisherUrl);
  await page.getByRole('heading', { name: 'Share this news' }).waitFor();
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(500);
  phase = 'after';
  await page.locator('chime-comments').scrollIntoViewIfNeeded();
  await page.getByRole('textbox', { name: 'Join the discussion' }).waitFor();
  await page.waitForTimeout(1000);
  phase = 'menu';
  await page.getByRole('button', { name: 'More share options' }).click();
  await page.getByRole('menu', { name: 'More share options' }).waitFor();
  await page.waitForTimeout(500);
  await page.close();
  return (await Promise.all(downloads)).filter(Boolean);
}

/**
 * The main thread while the article opens, with or without Chime: long tasks (over 50 ms, observed
 * from the first script) and Chromium's script/layout/style/task time (DevTools `Performance`
 * metrics) until the footer has rendered (or, without Chime, the page loaded) and 500 ms passed.
 */
async function boot(viewport, withChime) {
  const page = await browser.newPage({ viewport });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
      type: 'longtask',
    });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(withChime ? publisherUrl : `${publisherUrl}plain`);
  if (withChime) await page.getByRole('heading', { name: 'Share this news' }).waitFor();
  await page.waitForLoadState('load');
  await page.waitForTimeout(500);
  const longTasks = await page.evaluate(() => window.__longTasks);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  await page.close();
  return {
    longTasks: longTasks.length,
    longest: Math.max(0, ...longTasks),
    script: metric('ScriptDuration'),
    layout: metric('LayoutDuration') + metric('RecalcStyleDuration'),
    task: metric('TaskDuration'),
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  const RUNS = 7;
  console.log(
    `\nSeed article opening, main thread (median of ${RUNS} runs; long tasks are tasks over 50 ms; ` +
      `script, layout+style and all task time from Chromium's DevTools metrics, until the footer rendered + 500 ms)`,
  );
  console.log(`  ${'viewport'.padEnd(10)} ${'page'.padEnd(14)} long tasks  longest   script  layout+style  all tasks`);
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 900 },
  ]) {
    for (const withChime of [false, true]) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await boot(viewport, withChime));
      const ms = (key) => `${median(runs.map((r) => r[key])).toFixed(0)} ms`;
      console.log(
        `  ${`${viewport.width}×${viewport.height}`.padEnd(10)} ${(withChime ? 'with Chime' : 'without').padEnd(14)} ` +
          `${String(median(runs.map((r) => r.longTasks))).padStart(10)}  ${ms('longest').padStart(7)}  ${ms('script').padStart(7)}  ` +
          `${ms('layout').padStart(12)}  ${ms('task').padStart(9)}`,
      );
    }
  }

  console.log('\nSeed-article visitor: what comes from the Chime server (gzip -9 of each response body)');
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 900 },
  ]) {
    const rows = await visit(viewport);
    const sum = (list) => list.reduce((n, r) => n + r.gzip, 0);
    console.log(`\n${viewport.width}×${viewport.height}`);
    for (const r of rows) console.log(`  ${r.phase.padEnd(7)} ${r.url.slice(0, 60).padEnd(60)}${kb(r.raw)}${kb(r.gzip)}`);
    const before = rows.filter((r) => r.phase === 'before');
    const scrolled = rows.filter((r) => r.phase !== 'menu');
    const scripts = (list) => list.filter((r) => /\.js(\?|$)/.test(r.url));
    console.log(
      `  before scrolling: ${kb(sum(before)).trim()} gzip (scripts ${kb(sum(scripts(before))).trim()}); ` +
        `after scrolling to the footer: ${kb(sum(scrolled)).trim()} gzip in all (scripts ${kb(sum(scripts(scrolled))).trim()}); ` +
        `after opening the share menu: ${kb(sum(rows)).trim()} gzip in all`,
    );
  }
} finally {
  await browser.close();
  await new Promise((resolve) => publisher.close(resolve));
  await chime.close();
  rmSync(dir, { recursive: true, force: true });
}
