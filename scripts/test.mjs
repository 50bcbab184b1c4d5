// `npm test`: typecheck → lint → build → browser tests → server tests → size budgets, failing
// fast, ending with one plain line "N passed, N failed" over every runner.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findChrome } from './find-chrome.mjs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const only = process.argv.slice(2); // e.g. `npm test -- browser server`

function finish(code) {
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(code);
}

function run(name, cmd, args, env = {}) {
  if (only.length && !only.includes(name)) return true;
  console.log(`\n▶ ${name}: ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`◀ ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result.status === 0;
}

function ensureChromium() {
  let path = findChrome();
  if (path) return path;
  const debian = existsSync('/etc/debian_version');
  const root = process.getuid?.() === 0;
  if (debian && root) {
    console.log("Chromium not found: installing Debian's chromium package (apt-get install -y chromium)…");
    execFileSync(
      'sh',
      ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null'],
      { stdio: 'inherit' },
    );
    path = findChrome();
    if (path) return path;
  }
  console.error(
    'Chromium or Chrome is needed for the browser tests: install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH.',
  );
  finish(1);
}

function walk(dir, test) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(path, test);
    return test(path) ? [path] : [];
  });
}

rmSync('.test-results', { recursive: true, force: true });
mkdirSync('.test-results', { recursive: true });

// Steps that are not test runners count as one check each.
const check = (ok) => {
  if (ok) return;
  totals.failed++;
  finish(1);
};

check(run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']));
check(run('lint', 'npx', ['eslint', '--max-warnings=0', '.']));
check(run('format', 'npx', ['prettier', '--check', '--log-level=warn', '.']));
check(run('build', 'node', ['scripts/build.mjs']));

if (!only.length || only.includes('browser')) {
  const chrome = ensureChromium();
  const ok = run('browser', 'npx', ['wtr'], { CHROME_PATH: chrome });
  const file = '.test-results/browser.json';
  if (existsSync(file)) {
    const result = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += result.passed;
    totals.failed += result.failed;
    totals.skipped += result.skipped;
  }
  // A failure counted only by the totals (a browser log that fails the run) also stops here.
  if (!ok || totals.failed) {
    if (!existsSync(file) || totals.failed === 0) totals.failed++;
    finish(1);
  }
}

const nodeTests = [...walk('server', (p) => p.endsWith('.test.ts')), ...walk('test', (p) => /\.node\.test\.(ts|mjs)$/.test(p))];
if (nodeTests.length && (!only.length || only.includes('server'))) {
  const tap = '.test-results/node.tap';
  const ok = run(
    'server',
    'node',
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...nodeTests,
    ],
    { CHROME_PATH: findChrome() ?? '' },
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (label) => Number(text.match(new RegExp(`^# ${label} (\\d+)`, 'm'))?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  totals.skipped += count('skipped') + count('todo');
  if (!ok) {
    if (count('fail') + count('cancelled') === 0) totals.failed++;
    finish(1);
  }
}

if (!only.length || only.includes('size')) {
  const result = spawnSync('node', ['scripts/size.mjs'], { encoding: 'utf8' });
  process.stdout.write(`\n▶ size\n${result.stdout}${result.stderr}`);
  const m = result.stdout.match(/size: (\d+) passed, (\d+) failed, (\d+) skipped/);
  if (m) {
    totals.passed += Number(m[1]);
    totals.failed += Number(m[2]);
    totals.skipped += Number(m[3]);
  }
  if (result.status !== 0) {
    if (!m) totals.failed++;
    finish(1);
  }
}

finish(totals.failed ? 1 : 0);
