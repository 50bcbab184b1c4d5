// The publisher-facing docs stay true to the code: every `--chime-*` property and every
// `::part()` the elements declare is in docs/theming.md (and nothing that no longer exists),
// and every <chime-footer> attribute is in docs/embedding.md.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './harness.js';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const theming = read('docs/theming.md');

/** Non-test TypeScript under src/. */
function sources(dir = 'src'): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** `(element, part)` pairs declared by `@csspart` in each element's class file. */
function declaredParts(): string[] {
  const pairs: string[] = [];
  for (const entry of readdirSync(join(ROOT, 'src'), { withFileTypes: true })) {
    const file = `src/${entry.name}/${entry.name}.ts`;
    if (!entry.isDirectory() || !existsSync(join(ROOT, file))) continue;
    for (const match of read(file).matchAll(/@csspart\s+([\w-]+)/g)) pairs.push(`chime-${entry.name} ${match[1]}`);
  }
  return pairs.sort();
}

/** `(element, part)` pairs in the theming guide's parts table. */
function documentedParts(): string[] {
  const pairs: string[] = [];
  let element = '';
  for (const line of theming.split('\n')) {
    const row = line.match(/^\| (?:`<(chime-[\w-]+)>`)? *\| `([\w-]+)` \|/);
    if (!row) continue;
    if (row[1]) element = row[1];
    pairs.push(`${element} ${row[2]}`);
  }
  return pairs.sort();
}

describe('docs match the code', () => {
  it('docs/theming.md lists every --chime-* custom property the code reads', () => {
    const used = new Set<string>();
    for (const file of sources()) for (const m of read(file).matchAll(/--chime-[a-z0-9-]*[a-z0-9]/g)) used.add(m[0]);
    assert.ok(used.has('--chime-color-accent'));
    const missing = [...used].filter((name) => !theming.includes(`\`${name}\``)).sort();
    assert.deepEqual(missing, [], 'custom properties missing from docs/theming.md');
    const documented = new Set([...theming.matchAll(/`(--chime-[a-z0-9-]+)`/g)].map((m) => m[1]!));
    const stale = [...documented].filter((name) => !used.has(name)).sort();
    assert.deepEqual(stale, [], 'documented custom properties the code no longer reads');
  });

  it('docs/theming.md lists exactly the ::part() names the elements declare', () => {
    const declared = declaredParts();
    assert.ok(declared.length > 0);
    assert.deepEqual(documentedParts(), declared);
  });

  it('docs/embedding.md documents every <chime-footer> attribute', () => {
    // The footer's own reactive properties, from its `static properties` declaration.
    const declared = /static override properties = \{([\s\S]*?)\n {2}\};/.exec(read('src/footer/footer.ts'))?.[1] ?? '';
    const attributes = [...declared.matchAll(/(\w+): \{([^}]*)\}/g)].map(
      (m) => /attribute: '([\w-]+)'/.exec(m[2]!)?.[1] ?? m[1]!.toLowerCase(),
    );
    assert.ok(attributes.includes('no-comments') && attributes.includes('article'), attributes.join(' '));
    const embedding = read('docs/embedding.md');
    const missing = attributes.filter((name) => !embedding.includes(`\`${name}\``));
    assert.deepEqual(missing, [], 'footer attributes missing from docs/embedding.md');
  });
});
