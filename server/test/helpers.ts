/** Shared test helpers: a live server on a free port, a tiny protocol client, temp folders. */
/* eslint-disable @typescript-eslint/no-explicit-any -- JSON responses, read by the assertions */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ChimeServer, type ServerOptions } from '../index.js';

export const PG_URL = process.env.DATABASE_URL && /^postgres/.test(process.env.DATABASE_URL) ? process.env.DATABASE_URL : null;
export const NO_PG = 'DATABASE_URL not set: PostgreSQL tests skipped';

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chime-test-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A server on a fresh SQLite file (or `db`); the caller closes it (`after(() => server.close())`). */
export async function startServer(options: ServerOptions = {}): Promise<{ server: ChimeServer; url: string }> {
  const server = await createServer({
    db: options.db ?? join(tempDir(), 'chime.db'),
    moderation: 'none',
    rateLimit: 0,
    staticDir: null,
    demoDir: null,
    log: () => {},
    ...options,
  });
  const url = await server.listen(0);
  return { server, url };
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** Calls the protocol: JSON in, JSON (or text) out. */
export async function call(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(url + path, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await res.text();
  let body: any = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** A new anonymous reader token. */
export async function newReader(url: string): Promise<string> {
  const r = await call(url, 'POST', '/v1/readers', { body: {} });
  if (r.status !== 201) throw new Error(`reader: ${r.status} ${r.text}`);
  return r.body.token as string;
}

let pageCounter = 0;
export const newPage = () => `/t/${Date.now().toString(36)}-${pageCounter++}`;

export const guest = { name: 'Ada', email: 'ada@example.org' };

/** Polls until `check` returns a value (or throws after `ms`). */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, ms = 5000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface SseEvent {
  id: string;
  event: string;
  data: any;
}

/** A minimal SSE reader over fetch, so tests control headers such as Last-Event-ID. */
export async function openEvents(
  url: string,
  page: string,
  headers: Record<string, string> = {},
): Promise<{ events: SseEvent[]; status: number; close: () => void }> {
  return openStream(url, `/v1/events?page=${encodeURIComponent(page)}`, headers);
}

/**
 * Reads any SSE stream of the server (e.g. `/v1/moderation/events` with an Authorization header).
 * `done` settles once the reader has stopped (after `close()`, or when the server ends the stream).
 */
export async function openStream(
  url: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ events: SseEvent[]; status: number; headers: Headers; close: () => void; done: Promise<void> }> {
  const controller = new AbortController();
  const res = await fetch(url + path, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  let done: Promise<void> = Promise.resolve();
  if (res.ok && res.body) {
    done = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields: Record<string, string> = {};
            for (const line of frame.split('\n')) {
              const i = line.indexOf(':');
              if (i > 0) fields[line.slice(0, i)] = line.slice(i + 1).trimStart();
            }
            if (fields.data)
              events.push({ id: fields.id ?? '', event: fields.event ?? 'message', data: JSON.parse(fields.data) });
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  } else {
    await res.body?.cancel();
  }
  return { events, status: res.status, headers: res.headers, close: () => controller.abort(), done };
}

/** Starts `chime-server` (server/cli.ts through tsx) as a child; resolves once it listens. */
export async function spawnServer(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{
  child: import('node:child_process').ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}> {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', ...args], {
    env: { ...process.env, DATABASE_URL: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await Promise.race([
    waitFor(() => /Chime server listening on (\S+)/.exec(output)?.[1], 20_000, 'the server to listen'),
    exited.then((code) => {
      throw new Error(`chime-server exited (${code}): ${output}`);
    }),
  ]);
  return { child, url, output: () => output, exited };
}
