// Gzip size budgets (deterministic, so they run in `npm test`). Each budget covers an entry file
// plus every chunk it imports, statically or lazily, as a browser would fetch them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

/**
 * Budgets in bytes of gzip. `lazy: true` follows dynamic imports too. Set at the sizes measured
 * on 2026-11-26 plus about 5% (chime.js 47.6 KB, backend 4.1, share 12.0, rating 11.1,
 * comments 20.9, count 8.4, feedback 15.9, footer 33.8, moderation 17.6 KB): far above the
 * stack's floor (13.4 KB), so each should come down as the elements slim. Reader-selected
 * passages (`<chime-comments article>`, a chunk loaded only with `article`: anchoring, fuzzy
 * matching, highlights, the selection button and its composer) then added about 6 KB to chime.js,
 * 9 to comments and footer (measured 53.6, 29.9, 42.9, feedback 16.8 KB) plus about 5%.
 */
export const BUDGETS = [
  { name: 'chime.js (every element, all chunks)', entry: 'dist/chime.js', lazy: true, max: 56.3 * 1024 },
  { name: 'chime/backend', entry: 'dist/lib/backend.js', lazy: false, max: 4.3 * 1024 },
  { name: 'chime/share', entry: 'dist/lib/share.js', lazy: false, max: 12.6 * 1024 },
  { name: 'chime/rating', entry: 'dist/lib/rating.js', lazy: false, max: 11.7 * 1024 },
  { name: 'chime/comments', entry: 'dist/lib/comments.js', lazy: true, max: 31.4 * 1024 },
  { name: 'chime/count', entry: 'dist/lib/count.js', lazy: false, max: 8.9 * 1024 },
  { name: 'chime/feedback', entry: 'dist/lib/feedback.js', lazy: true, max: 17.6 * 1024 },
  { name: 'chime/footer', entry: 'dist/lib/footer.js', lazy: true, max: 45 * 1024 },
  { name: 'chime/moderation', entry: 'dist/lib/moderation.js', lazy: true, max: 18.5 * 1024 },
];

const IMPORT = /(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
// Minifiers print a dynamic import's specifier in backticks: import(`./chunk.js`).
const DYNAMIC = /import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;

// A page loads one language besides English (the largest is counted) and the in-browser
// local backend only with backend="local" (never against a real server, so not counted).
const LOCALE_CHUNK = /(?:^|[\\/])(de|fr|es|uk|ar)-[\w-]+\.js$/;
const LOCAL_ONLY_CHUNK = /(?:^|[\\/])local-[\w-]+\.js$/;

/** The entry and every local file it imports (relative specifiers only: externals are not ours). */
export function filesOf(entry, lazy) {
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
  const locales = [...seen].filter((f) => LOCALE_CHUNK.test(f));
  const largest = locales.sort((a, b) => measure([b]).gzip - measure([a]).gzip)[0];
  return largest ? [...files, largest] : files;
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
    const files = filesOf(entry, budget.lazy);
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
        `size: ${r.status === 'passed' ? 'ok  ' : 'FAIL'} ${r.name}: ${kb(r.gzip)} gzip of ${kb(r.max)} (${r.files.length} files)`,
      );
  }
  const counted = results.filter((r) => r.status !== 'skipped');
  const failed = counted.filter((r) => r.status === 'failed').length;
  console.log(`size: ${counted.length - failed} passed, ${failed} failed, ${results.length - counted.length} skipped`);
  process.exitCode = failed ? 1 : 0;
}
