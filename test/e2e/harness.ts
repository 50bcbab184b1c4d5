/**
 * End-to-end harness (node:test + playwright-core + Debian's Chromium): a real Chime server on a
 * temp SQLite database, a publisher's page on a different origin (optionally under the strict
 * CSP), and watchers for requests, CSP violations, page errors and layout shifts.
 * The Chime server must have been built first (`dist/chime.js`): `npm test` builds before it runs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type ChimeServer, type ServerOptions } from '../../server/index.js';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The build under test: `dist/`, or another folder with chime.js + chunks/ (`CHIME_DIST`). */
export const DIST = process.env.CHIME_DIST || join(ROOT, 'dist');

/** Why e2e tests cannot run here, or null when they can (use as `{ skip: E2E_SKIP }`). */
export const E2E_SKIP: string | null = (() => {
  const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(chrome)) return `no Chromium at ${chrome} (set CHROME_PATH)`;
  if (!existsSync(join(DIST, 'chime.js'))) return `${DIST}/chime.js is not built (npm run build)`;
  return null;
})();

/** Headless Chromium as the project runs it everywhere: never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChrome(),
    headless: true,
    args: CHROME_ARGS,
  });
}

export interface ChimeInstance {
  server: ChimeServer;
  /** e.g. `http://127.0.0.1:40123` */
  url: string;
  close(): Promise<void>;
}

/** The reference server as the e2e tests run it: a SQLite file in `dir`, no moderation or rate limit, serving dist/. */
function testServerOptions(dir: string, options: ServerOptions): ServerOptions {
  return {
    db: join(dir, 'chime.db'),
    moderation: 'none',
    rateLimit: 0,
    staticDir: DIST,
    demoDir: null,
    log: () => {},
    ...options,
  };
}

/**
 * The reference server on a fresh temp SQLite file, serving `dist/` (chime.js + chunks) and,
 * unless told otherwise, no demo pages. Moderation and rate limits are off unless given.
 */
export async function startChime(options: ServerOptions = {}): Promise<ChimeInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'chime-e2e-'));
  const server = await createServer(testServerOptions(dir, options));
  const url = await server.listen(0, '127.0.0.1');
  return {
    server,
    url,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RestartableChime {
  /** Stays the same across restarts, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Stops the server as a crash or a deploy would (the database stays). */
  stop(): Promise<void>;
  /** Starts it again on the same port and database. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Like `startChime`, but the server can go down and come back (outage and retry tests). */
export async function startRestartableChime(options: ServerOptions = {}): Promise<RestartableChime> {
  const dir = mkdtempSync(join(tmpdir(), 'chime-e2e-'));
  const make = () => createServer(testServerOptions(dir, options));
  let server: ChimeServer | null = await make();
  const url = await server.listen(0, '127.0.0.1');
  const port = Number(new URL(url).port);
  return {
    url,
    async stop() {
      await server?.close();
      server = null;
    },
    async start() {
      server ??= await make();
      await server.listen(port, '127.0.0.1');
    },
    async close() {
      await server?.close();
      server = null;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The strict policy of the issue (and of docs/embedding.md) for a page embedding `chimeOrigin`. */
export function strictCsp(chimeOrigin: string): string {
  return `default-src 'self'; script-src ${chimeOrigin}; connect-src ${chimeOrigin}; style-src 'self'; img-src 'self' data:`;
}

export interface Route {
  body: string | Buffer;
  type?: string;
  headers?: Record<string, string>;
}

export interface Publisher {
  /** The publisher's origin, on `localhost` so it differs from the Chime server's `127.0.0.1` by host, not only port. */
  url: string;
  /** Adds or replaces a route (path without query). */
  route(path: string, route: Route | string): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', js: 'text/javascript' };

/**
 * A publisher's web server: a map of paths to bodies. Its origin is `http://localhost:PORT`,
 * the Chime server's `http://127.0.0.1:PORT`: two sites, as in production.
 */
export async function servePublisher(routes: Record<string, Route | string> = {}): Promise<Publisher> {
  const table = new Map<string, Route>();
  const add = (path: string, route: Route | string) => {
    const r = typeof route === 'string' ? { body: route } : route;
    table.set(path, { ...r, type: r.type ?? TYPES[path.split('.').pop() ?? ''] ?? TYPES.html });
  };
  // Chromium asks every site for one; a 404 would show up as a console error.
  add('/favicon.ico', { body: '', type: 'image/x-icon' });
  for (const [path, route] of Object.entries(routes)) add(path, route);
  const server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = table.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, { 'content-type': route.type!, 'cache-control': 'no-store', ...route.headers }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    route: add,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SeedOptions {
  /** Extra markup in `<head>` (e.g. the Chime script tag). */
  head?: string;
  /** Markup in the article's `<div id="engagement">` (e.g. `<chime-footer></chime-footer>`). */
  engagement?: string;
  /** The document language (default `en`). */
  lang?: string;
  /** The document direction, if any. */
  dir?: 'ltr' | 'rtl';
}

/** The seed article (its aggressive CSS at `/seed.css`, see `seedRoutes`). */
export function seedArticle(options: SeedOptions = {}): string {
  const template = readFileSync(join(FIXTURES, 'seed-article.html'), 'utf8');
  return template
    .replace('{{lang}}', options.lang ?? 'en')
    .replace('{{dir}}', options.dir ? ` dir="${options.dir}"` : '')
    .replace('{{head}}', options.head ?? '')
    .replace('{{engagement}}', options.engagement ?? '');
}

/** The script tag a publisher copies (docs/embedding.md). */
export function chimeScript(chimeUrl: string, data: Record<string, string> = {}): string {
  const attrs = Object.entries(data)
    .map(([k, v]) => ` data-${k}="${v}"`)
    .join('');
  return `<script type="module" src="${chimeUrl}/chime.js"${attrs}></script>`;
}

/** Routes for a seed article page at `path` (default `/article.html`), optionally under the strict CSP. */
export function seedRoutes(
  chimeUrl: string,
  options: SeedOptions & { csp?: boolean; path?: string } = {},
): Record<string, Route> {
  const headers: Record<string, string> = options.csp === false ? {} : { 'content-security-policy': strictCsp(chimeUrl) };
  return {
    [options.path ?? '/article.html']: { body: seedArticle(options), headers },
    // The demo's copy of the seed's own stylesheet: one file, so the demo and the tests cannot drift.
    '/seed.css': { body: readFileSync(join(ROOT, 'demo/seed.css')), type: TYPES.css },
  };
}

export interface Watch {
  /** Every request URL the page made. */
  requests: string[];
  /** Requests to any origin not in `allowed`. */
  foreign(): string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  /** `securitypolicyviolation` events seen in the page, unique, with counts. */
  cspViolations(): Promise<string[]>;
}

/**
 * Records what a page does: requests, console errors, page errors, and CSP violations (an init
 * script, injected by the DevTools protocol so the page's CSP does not apply to it).
 */
export async function watch(page: Page, allowed: string[]): Promise<Watch> {
  const requests: string[] = [];
  const errors: string[] = [];
  const origins = new Set(allowed.map((u) => new URL(u).origin));
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __chimeCsp: string[] }).__chimeCsp = seen;
    document.addEventListener(
      'securitypolicyviolation',
      (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
  return {
    requests,
    errors,
    foreign: () =>
      requests.filter((url) => {
        if (url.startsWith('data:') || url.startsWith('blob:')) return false;
        try {
          return !origins.has(new URL(url).origin);
        } catch {
          return true;
        }
      }),
    // Unique violations, each with how often it happened.
    cspViolations: async () => {
      const all = await page.evaluate(() => (window as unknown as { __chimeCsp?: string[] }).__chimeCsp ?? []);
      const counts = new Map<string, number>();
      for (const v of all) counts.set(v, (counts.get(v) ?? 0) + 1);
      return [...counts].map(([v, n]) => (n > 1 ? `${v} (×${n})` : v));
    },
  };
}

export interface LayoutShift {
  value: number;
  at: number;
  /** What moved: `tag#id.class (in host)` and its rects before → after. */
  sources: string[];
}

/** Every `layout-shift` entry so far without recent input (buffered, so from the page's start). */
export async function layoutShifts(page: Page): Promise<LayoutShift[]> {
  // No named functions inside: tsx's keepNames would wrap them in a `__name` helper the page lacks.
  return page.evaluate(
    () =>
      new Promise<LayoutShift[]>((resolve) => {
        type Source = { node?: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly };
        type Entry = PerformanceEntry & { value: number; hadRecentInput: boolean; sources: Source[] };
        const entries: Entry[] = [];
        const observer = new PerformanceObserver((list) => entries.push(...(list.getEntries() as Entry[])));
        observer.observe({ type: 'layout-shift', buffered: true });
        // Buffered entries are delivered asynchronously: give them two frames.
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            entries.push(...(observer.takeRecords() as Entry[]));
            observer.disconnect();
            resolve(
              entries
                .filter((entry) => !entry.hadRecentInput)
                .map((entry) => ({
                  value: entry.value,
                  at: Math.round(entry.startTime),
                  sources: entry.sources.map((source) => {
                    const el = source.node instanceof Element ? source.node : source.node?.parentElement;
                    const host = (el?.getRootNode() as ShadowRoot | undefined)?.host?.localName;
                    const name = el
                      ? `${el.localName}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className) : ''}`
                      : '?';
                    return [source.previousRect, source.currentRect].reduce(
                      (text, r, i) =>
                        `${text}${i ? ' → ' : ': '}${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`,
                      `${name}${host ? ` (in ${host})` : ''}`,
                    );
                  }),
                })),
            );
          }),
        );
      }),
  );
}

/** Cumulative layout shift so far (the sum of `layoutShifts`). */
export async function cumulativeLayoutShift(page: Page): Promise<number> {
  return (await layoutShifts(page)).reduce((sum, shift) => sum + shift.value, 0);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: unknown[];
}

/**
 * Runs axe-core (WCAG 2.2 A/AA + best practice) in the page on `selector`. axe is injected as a
 * script tag, which a strict CSP blocks: run it on a page served without CSP.
 */
export async function axe(page: Page, selector: string, disable: string[] = []): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(
    async ([selector, disable]) => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } })
        .axe;
      const result = await axe.run(
        { include: [[selector]] },
        {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
          rules: Object.fromEntries(['region', ...disable].map((id) => [id, { enabled: false }])),
        },
      );
      return (result.violations as { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[]).map(
        (v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target) }),
      );
    },
    [selector, disable] as const,
  );
}

/** Formats axe violations for an assertion message. */
export const describeViolations = (violations: AxeViolation[]) =>
  violations.map((v) => `${v.id} (${v.help}) at ${JSON.stringify(v.targets)}`).join('\n');

/** A browser, a Chime server and a publisher for one test file; `close()` in `after`. */
export async function setup(options: { chime?: ServerOptions } = {}) {
  const browser = await launchBrowser();
  const publisher = await servePublisher();
  // The API's CORS allowlist holds the publisher, as a real deployment's would.
  const chime = await startChime({ origins: [publisher.url], ...options.chime });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    chime,
    publisher,
    /** A fresh page in its own context (no shared storage or reader identity). */
    async newPage(contextOptions: Parameters<Browser['newContext']>[0] = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close();
      await publisher.close();
      await chime.close();
    },
  };
}
