/** Serves the browser bundle (`/chime.js`, `/chunks/*`) and the demo pages. */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Env, Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The folder holding package.json, found from this module (server/*.ts or dist/server/*.js). */
export function packageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** `rel` inside `root`, or null when it would escape it. */
function inside(root: string, rel: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const full = resolve(base, '.' + sep + decoded);
  return full === base || full.startsWith(base + sep) ? full : null;
}

async function sendFile(c: Context, file: string | null, headers: Record<string, string> = {}): Promise<Response> {
  if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!file || !existsSync(file) || !statSync(file).isFile()) return c.text('Not found', 404);
  const data = await readFile(file);
  return c.body(data, 200, {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
}

export function serveStatic<E extends Env>(app: Hono<E>, staticDir: string | null, demoDir: string | null): void {
  if (staticDir) {
    // Cross-origin module scripts load in CORS mode: without this header browsers refuse them.
    const assets = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300' };
    app.get('/chime.js', (c) => sendFile(c, join(staticDir, 'chime.js'), assets));
    app.get('/chime.js.map', (c) => sendFile(c, join(staticDir, 'chime.js.map'), assets));
    app.get('/chunks/*', (c) => sendFile(c, inside(join(staticDir, 'chunks'), c.req.path.slice('/chunks/'.length)), assets));
  }
  if (demoDir) {
    app.get('/*', (c) => sendFile(c, inside(demoDir, c.req.path.slice(1))));
  }
}
