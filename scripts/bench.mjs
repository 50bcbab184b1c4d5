// `npm run bench`: sizes of every entry (raw/gzip/brotli) beside the stack's floor, then the
// speed benchmarks that exist (server throughput, thread rendering). Figures, not assertions.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUDGETS, filesOf, measure } from './size.mjs';

const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

if (!existsSync('dist/chime.js')) execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });

// The floor: what lit + @floating-ui/dom + nanostores cost on their own, minified.
const dir = mkdtempSync(join(tmpdir(), 'chime-floor-'));
const entry = join(dir, 'floor.js');
writeFileSync(
  entry,
  `export { LitElement, html, css, nothing } from 'lit';
export { property, state, query } from 'lit/decorators.js';
export { computePosition, autoUpdate, flip, shift, offset } from '@floating-ui/dom';
export { atom, map, computed, onMount } from 'nanostores';`,
);
const out = join(dir, 'floor.min.js');
execFileSync(
  'npx',
  [
    'esbuild',
    entry,
    '--bundle',
    '--minify',
    '--format=esm',
    `--outfile=${out}`,
    '--log-level=warning',
    `--define:process.env.NODE_ENV="production"`,
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') },
    cwd: process.cwd(),
  },
);
const floor = measure([out]);
rmSync(dir, { recursive: true, force: true });

console.log('\nSizes (each entry with every chunk it loads; budgets are gzip)');
const FLOOR = 'floor: lit + floating-ui + nanostores';
const width = Math.max(FLOOR.length, ...BUDGETS.map((b) => b.name.length)) + 2;
console.log(`${'entry'.padEnd(width)}${'raw'.padStart(9)}${'gzip'.padStart(9)}${'brotli'.padStart(9)}${'budget'.padStart(9)}`);
console.log(`${FLOOR.padEnd(width)}${kb(floor.raw)}${kb(floor.gzip)}${kb(floor.brotli)}`);
for (const budget of BUDGETS) {
  if (!existsSync(budget.entry)) {
    console.log(`${budget.name.padEnd(width)}   (not built yet)`);
    continue;
  }
  const size = measure(filesOf(budget.entry, budget.lazy, budget.language ?? true));
  console.log(`${budget.name.padEnd(width)}${kb(size.raw)}${kb(size.gzip)}${kb(size.brotli)}${kb(budget.max)}`);
}

for (const script of ['scripts/bench-server.mjs', 'scripts/bench-thread.mjs', 'scripts/bench-footer.mjs']) {
  if (!existsSync(script)) continue;
  console.log(`\n▶ ${script}`);
  spawnSync('node', [script], { stdio: 'inherit' });
}
