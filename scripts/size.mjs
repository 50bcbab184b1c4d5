// Gzip size budgets (deterministic, so they run in `npm test`). Each budget covers an entry file
// plus the chunks it imports statically (what a browser fetches with it), and with `lazy` also
// those it may import later.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

/**
 * Budgets in bytes of gzip. `lazy: true` follows dynamic imports too (a chunk loaded later still
 * counts: the thread, reader-selected passages, share counts, floating-ui for popups).
 * `language: true` adds the largest language's translation chunks (a page in a language besides
 * English loads that one language: the reader elements' chunk, and the console's own beside it).
 *
 * The budgets sit about 3% above the sizes measured on 2026-11-26 (after the second size diet,
 * and floating-ui loaded with the first popup), so any growth fails the test. `target` is the
 * foundation issue's budget for the whole page (30 KB, goal 25 KB): printed beside the figure
 * until it is met. See docs/size.md.
 */
export const BUDGETS = [
  // What every reader downloads before anything is opened or scrolled to: chime.js and the core chunk.
  { name: 'chime.js, English page as it opens', entry: 'dist/chime.js', lazy: false, language: false, max: 29.0 * 1024 },
  {
    name: 'chime.js, English page using every element',
    entry: 'dist/chime.js',
    lazy: true,
    language: false,
    max: 45.5 * 1024,
    target: 30 * 1024,
  },
  { name: 'chime.js, the same in another language', entry: 'dist/chime.js', lazy: true, language: true, max: 48.3 * 1024 },
  { name: 'chime/backend', entry: 'dist/lib/backend.js', lazy: false, max: 3.9 * 1024 },
  { name: 'chime/share', entry: 'dist/lib/share.js', lazy: false, max: 11.2 * 1024 },
  { name: 'chime/rating', entry: 'dist/lib/rating.js', lazy: false, max: 10.8 * 1024 },
  { name: 'chime/comments', entry: 'dist/lib/comments.js', lazy: true, max: 30.0 * 1024 },
  { name: 'chime/count', entry: 'dist/lib/count.js', lazy: false, max: 7.8 * 1024 },
  { name: 'chime/feedback', entry: 'dist/lib/feedback.js', lazy: true, max: 18.2 * 1024 },
  { name: 'chime/footer', entry: 'dist/lib/footer.js', lazy: true, max: 40.9 * 1024 },
  // The console's messages moved out of its code into its own English and five lazy languages
  // (2026-11-26, 21.7 KB with the largest language: the readers' chunk and the console's own).
  { name: 'chime/moderation', entry: 'dist/lib/moderation.js', lazy: true, max: 22.3 * 1024 },
];

const IMPORT = /(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
// Minifiers print a dynamic import's specifier in backticks: import(`./chunk.js`).
const DYNAMIC = /import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;

// Translations load one language per page (the largest is counted when asked); the in-browser local
// backend loads only with backend="local" (never against a real server, so never counted).
const LOCALE_CHUNK = /(?:^|[\\/])(de|fr|es|uk|ar)-[\w-]+\.js$/;
const LOCAL_ONLY_CHUNK = /(?:^|[\\/])local-[\w-]+\.js$/;

/** The entry and every local file it imports (relative specifiers only: externals are not ours). */
export function filesOf(entry, lazy, language = true) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const pattern of lazy ? [IMPORT, DYNAMIC] : [IMPORT]) {
      for (const match of code.matchAll(pattern)) visit(resolve(dirname(file), match[1]));
    }
  };
  visit(resolve(entry));
  const files = [...seen].filter((f) => !LOCAL_ONLY_CHUNK.test(f) && !LOCALE_CHUNK.test(f));
  const languages = new Map();
  for (const f of seen) {
    const lang = LOCALE_CHUNK.exec(f)?.[1];
    if (lang) languages.set(lang, [...(languages.get(lang) ?? []), f]);
  }
  const largest = [...languages.values()].sort((a, b) => measure(b).gzip - measure(a).gzip)[0];
  return largest && language ? [...files, ...largest] : files;
}

export function measure(files) {
  let raw = 0,
    gzip = 0,
    brotli = 0;
  for (const file of files) {
    const code = readFileSync(file);
    raw += code.length;
    gzip += gzipSync(code, { level: 9 }).length;
    brotli += brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gzip, brotli };
}

/** Checks budgets; entries not built (elements not written yet) are reported as skipped. */
export function checkBudgets(budgets = BUDGETS, root = process.cwd()) {
  return budgets.map((budget) => {
    const entry = join(root, budget.entry);
    if (!existsSync(entry)) return { ...budget, status: 'skipped' };
    const files = filesOf(entry, budget.lazy, budget.language ?? true);
    const size = measure(files);
    return {
      ...budget,
      files: files.map((f) => relative(root, f)),
      ...size,
      status: size.gzip <= budget.max ? 'passed' : 'failed',
    };
  });
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = checkBudgets();
  for (const r of results) {
    if (r.status === 'skipped') console.log(`size: skipped ${r.name} (not built yet: ${r.budget ?? r.entry})`);
    else
      console.log(
        `size: ${r.status === 'passed' ? 'ok  ' : 'FAIL'} ${r.name}: ${kb(r.gzip)} gzip of ${kb(r.max)} (${r.files.length} files)${
          r.target ? `; target ${kb(r.target)}${r.gzip <= r.target ? ' met' : ', not met yet'}` : ''
        }`,
      );
  }
  const counted = results.filter((r) => r.status !== 'skipped');
  const failed = counted.filter((r) => r.status === 'failed').length;
  console.log(`size: ${counted.length - failed} passed, ${failed} failed, ${results.length - counted.length} skipped`);
  process.exitCode = failed ? 1 : 0;
}
