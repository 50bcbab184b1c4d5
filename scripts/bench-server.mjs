// Server throughput: requests per second and p99 latency for GET /v1/comments (a 200-comment
// page) and POST /v1/comments, with autocannon on loopback, on SQLite and (with DATABASE_URL)
// PostgreSQL, beside a bare node:http server answering the same JSON from memory (the floor).
// Figures, not assertions. BENCH_SECONDS (default 5) and BENCH_CONNECTIONS (default 20) tune it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PAGE = '/bench/article';

// `--floor PORT_FILE`: this script as the floor server (a process of its own, like the real one).
if (process.argv[2] === '--floor') {
  const payload = Buffer.from(process.argv[3] ?? '{}');
  const created = Buffer.from(process.argv[4] ?? '{}');
  const server = createServer((req, res) => {
    if (req.method === 'POST') {
      req.resume();
      req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end(created));
    } else res.writeHead(200, { 'content-type': 'application/json' }).end(payload);
  });
  server.listen(0, '127.0.0.1', () => console.log(`Chime server listening on http://127.0.0.1:${server.address().port}`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  await main();
}

/** Starts a child that prints `Chime server listening on URL`; resolves to { url, stop }. */
function start(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolve({
          url: m[1],
          stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

function serverArgs(db) {
  const common = ['--db', db, '--port', '0', '--moderation', 'none', '--rate-limit', '0'];
  // The built server when there is one (npm run bench builds first), else the sources via tsx.
  return existsSync('dist/server/cli.js') ? ['dist/server/cli.js', ...common] : ['--import', 'tsx', 'server/cli.ts', ...common];
}

async function api(url, method, path, body, token) {
  const res = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** 100 top-level comments with one reply each: one GET of 100 threads returns all 200. */
async function seed(url) {
  const { token } = await api(url, 'POST', '/v1/readers', {});
  for (let i = 0; i < 100; i++) {
    const body = `Comment ${i}: ${'A reasonably long reader comment about the article. '.repeat(3)}`;
    const c = await api(url, 'POST', '/v1/comments', { page: PAGE, body, author: { name: `Reader ${i}` } }, token);
    await api(
      url,
      'POST',
      '/v1/comments',
      { page: PAGE, body: `Reply to ${i}`, parentId: c.id, author: { name: 'Replier' } },
      token,
    );
  }
  return token;
}

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections, duration: seconds, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function measure(label, url, token) {
  const get = await run({ url: `${url}/v1/comments?page=${encodeURIComponent(PAGE)}&limit=100` });
  const post = await run({
    url: `${url}/v1/comments`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ page: '/bench/posts', body: 'A new comment from the benchmark.', author: { name: 'Bench' } }),
  });
  const row = (what, r) => ({
    target: label,
    request: what,
    'req/s': Math.round(r.requests.average),
    'p99 ms': r.latency.p99,
    errors: r.errors + r.non2xx,
  });
  return [row('GET /v1/comments (200 comments)', get), row('POST /v1/comments', post)];
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'chime-bench-'));
  const rows = [];
  let payload = '{}';
  let created = '{}';
  try {
    const sqlite = await start(serverArgs(join(dir, 'bench.db')));
    try {
      const token = await seed(sqlite.url);
      payload = JSON.stringify(await api(sqlite.url, 'GET', `/v1/comments?page=${encodeURIComponent(PAGE)}&limit=100`));
      created = JSON.stringify(
        await api(sqlite.url, 'POST', '/v1/comments', { page: '/bench/x', body: 'x', author: { name: 'B' } }, token),
      );
      rows.push(...(await measure('SQLite', sqlite.url, token)));
    } finally {
      await sqlite.stop();
    }

    const pgUrl = process.env.DATABASE_URL;
    if (pgUrl && /^postgres/.test(pgUrl)) {
      const pg = await start(serverArgs(pgUrl));
      try {
        const token = await seed(pg.url);
        rows.push(...(await measure('PostgreSQL', pg.url, token)));
      } finally {
        await pg.stop();
      }
    } else {
      console.log('bench-server: DATABASE_URL not set, PostgreSQL skipped');
    }

    const floor = await start([new URL(import.meta.url).pathname, '--floor', payload, created]);
    try {
      rows.push(...(await measure('floor: bare node:http, JSON from memory', floor.url, 'none')));
    } finally {
      await floor.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `\nChime server on loopback: ${connections} connections, ${seconds} s each (payload ${(payload.length / 1024).toFixed(0)} KB)`,
  );
  console.table(rows);
}
