// `npm run build`: the npm entries, the script-tag bundle, the server, types and the manifest.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { build } from 'vite';

const step = (name, fn) => {
  const started = performance.now();
  fn();
  console.log(`build: ${name} (${Math.round(performance.now() - started)} ms)`);
};
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
const quiet = { logLevel: 'warn' };

rmSync('dist', { recursive: true, force: true });
const started = performance.now();
await build({ ...quiet, mode: 'lib' });
await build({ ...quiet, mode: 'bundle' });
if (existsSync('src/moderation/define.ts')) await build({ ...quiet, mode: 'admin' });
await build({ ...quiet, mode: 'server' });
console.log(`build: vite lib + bundle + admin + server (${Math.round(performance.now() - started)} ms)`);
step('types', () => run('npx', ['tsc', '-p', 'tsconfig.build.json']));
step('custom-elements.json', () => run('npx', ['cem', 'analyze', '--quiet']));
