// The size budgets must fail when exceeded: a budget check that cannot fail protects nothing.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
// @ts-expect-error plain ESM script without types
import { BUDGETS, checkBudgets, filesOf } from '../scripts/size.mjs';

describe('size budgets', () => {
  const root = mkdtempSync(join(tmpdir(), 'chime-size-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'dist/chunks'), { recursive: true });
  // Random text does not compress: its gzip size stays near its raw size.
  const noise = (n: number) => Array.from({ length: n }, () => Math.random().toString(36).slice(2)).join('');
  writeFileSync(
    join(root, 'dist/entry.js'),
    `import './chunks/a.js';\nconst lazy = () => import('./chunks/b.js');\nconst de = () => import('./chunks/de-x1.js');\nconst local = () => import('./chunks/local-x2.js');\n`,
  );
  writeFileSync(join(root, 'dist/chunks/a.js'), `export const a = "${noise(200)}";`);
  writeFileSync(join(root, 'dist/chunks/b.js'), `export const b = "${noise(2000)}";`);
  writeFileSync(join(root, 'dist/chunks/de-x1.js'), `export default { "a.b": "${noise(20)}" };`);
  writeFileSync(join(root, 'dist/chunks/local-x2.js'), `export const local = "${noise(20)}";`);

  it('follows static imports, and lazy ones only when asked', () => {
    assert.equal(filesOf(join(root, 'dist/entry.js'), false).length, 2);
    assert.equal(filesOf(join(root, 'dist/entry.js'), true, false).length, 3);
  });

  it('counts one translation only when asked, and never the local backend', () => {
    const files = filesOf(join(root, 'dist/entry.js'), true).map((f: string) => f.replace(/^.*[\\/]/, ''));
    assert.deepEqual(files.sort(), ['a.js', 'b.js', 'de-x1.js', 'entry.js']);
  });

  it('counts the page as it opens: the entry and its static imports, no lazy chunk, no translation', () => {
    const opening = BUDGETS.find((b: { name: string }) => b.name === 'chime.js, English page as it opens');
    assert.equal(opening?.entry, 'dist/chime.js');
    const [result] = checkBudgets([{ ...opening, entry: 'dist/entry.js' }], root);
    assert.deepEqual(result.files.map((f: string) => f.replace(/^.*[\\/]/, '')).sort(), ['a.js', 'entry.js']);
  });

  it("counts every chunk of the largest language: the readers' and an element's own", () => {
    writeFileSync(
      join(root, 'dist/two.js'),
      ['de-y1', 'de-y2', 'ar-y3', 'ar-y4']
        .map((name) => `const ${name.replace('-', '_')} = () => import('./chunks/${name}.js');`)
        .join('\n'),
    );
    for (const [name, size] of [
      ['de-y1', 20],
      ['de-y2', 20],
      ['ar-y3', 30],
      ['ar-y4', 5],
    ] as const)
      writeFileSync(join(root, `dist/chunks/${name}.js`), `export default { "a.b": "${noise(size)}" };`);
    const files = filesOf(join(root, 'dist/two.js'), true).map((f: string) => f.replace(/^.*[\\/]/, ''));
    assert.deepEqual(files.sort(), ['de-y1.js', 'de-y2.js', 'two.js']);
  });

  it('passes within the budget and fails over it', () => {
    const [within, over] = checkBudgets(
      [
        { name: 'static', entry: 'dist/entry.js', lazy: false, max: 4 * 1024 },
        { name: 'with lazy chunks', entry: 'dist/entry.js', lazy: true, max: 4 * 1024 },
      ],
      root,
    );
    assert.equal(within.status, 'passed');
    assert.equal(over.status, 'failed');
    assert.ok(over.gzip > 4 * 1024);
  });

  it('reports entries that are not built as skipped, not passed', () => {
    const [missing] = checkBudgets([{ name: 'missing', entry: 'dist/nope.js', lazy: false, max: 1 }], root);
    assert.equal(missing.status, 'skipped');
  });
});

describe('the built chime.js', () => {
  // Names of floating-ui's platform interface (object keys, which minifying keeps).
  const FLOATING_UI = /getClippingRect|convertOffsetParentRelativeRectToViewportRelativeRect/;
  const name = (f: string) => f.replace(/^.*[\\/]/, '');

  it('holds floating-ui in a chunk of its own, loaded with the first popup, not with the page', () => {
    assert.ok(existsSync('dist/chime.js'), 'dist/chime.js is missing: run `npm run build` first');
    const opening: string[] = filesOf('dist/chime.js', false, false);
    const all: string[] = filesOf('dist/chime.js', true, false);
    assert.ok(
      opening.some((f) => /^core-/.test(name(f))),
      'the core chunk is a static import',
    );
    const floating = all.filter((f) => FLOATING_UI.test(readFileSync(f, 'utf8')));
    assert.equal(floating.length, 1, `floating-ui in one chunk: ${floating.map(name).join(', ')}`);
    assert.deepEqual(opening.filter((f) => floating.includes(f)).map(name), [], 'floating-ui loads with the page');
  });
});
