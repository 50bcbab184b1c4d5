// `node scripts/size-report.mjs [path-prefix …]`: where the bytes of chime.js go. Builds the
// script-tag bundle with source maps into a temporary directory (dist/ is left alone), then
// attributes every minified byte to the source module it came from and prints, per chunk and per
// area, the minified bytes and an estimate of their gzip share (the chunk's gzip size split in
// proportion to minified bytes). With prefixes (e.g. `src/share src/stores/share`) it also prints
// the total of the modules under them. Figures for steering a diet, not budgets: those are
// scripts/size.mjs.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';
import { build } from 'vite';

const prefixes = process.argv.slice(2);
const out = mkdtempSync(join(tmpdir(), 'chime-size-report-'));
try {
  await build({ logLevel: 'error', mode: 'bundle', build: { outDir: out, emptyOutDir: true, sourcemap: true } });
  const files = [
    'chime.js',
    ...readdirSync(join(out, 'chunks'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `chunks/${f}`),
  ];
  const modules = new Map(); // source → { raw, gzip, chunks }
  const chunks = [];
  for (const file of files) {
    const code = readFileSync(join(out, file), 'utf8');
    const gzip = gzipSync(code, { level: 9 }).length;
    chunks.push({ file, raw: code.length, gzip });
    const lines = code.split('\n');
    const mappings = [];
    new SourceMapConsumer(JSON.parse(readFileSync(join(out, `${file}.map`), 'utf8'))).eachMapping((m) => mappings.push(m));
    mappings.forEach((m, i) => {
      const next = mappings[i + 1];
      const end = next && next.generatedLine === m.generatedLine ? next.generatedColumn : lines[m.generatedLine - 1].length;
      const source = (m.source ?? '(generated)')
        .replace(/^.*node_modules\//, 'node_modules/')
        .replace(/^(?!node_modules\/).*?\/(src|scripts)\//, '$1/');
      const entry = modules.get(source) ?? { raw: 0, gzip: 0, chunks: new Set() };
      entry.raw += end - m.generatedColumn;
      entry.gzip += ((end - m.generatedColumn) * gzip) / code.length;
      entry.chunks.add(file.replace(/^chunks\//, '').replace(/-[\w-]+\.js$/, ''));
      modules.set(source, entry);
    });
  }
  const kb = (n) => `${(n / 1024).toFixed(2)} KB`.padStart(10);
  console.log(`${'chunk'.padEnd(44)}${'min'.padStart(10)}${'gzip'.padStart(10)}`);
  for (const c of chunks) console.log(`${c.file.padEnd(44)}${kb(c.raw)}${kb(c.gzip)}`);
  console.log(`\n${'module (chunks)'.padEnd(64)}${'min'.padStart(10)}${'≈gzip'.padStart(10)}`);
  const sorted = [...modules].sort((a, b) => b[1].gzip - a[1].gzip);
  for (const [source, m] of sorted) {
    const label = `${source} (${[...m.chunks].join(',')})`;
    console.log(`${label.padEnd(64)}${kb(m.raw)}${kb(m.gzip)}`);
  }
  const area = (test) => sorted.filter(([s]) => test(s)).reduce((sum, [, m]) => sum + m.gzip, 0);
  const notLocale = (s) => !/^src\/i18n\/(de|fr|es|uk|ar)\.ts$/.test(s) && !/^src\/backend\/local\.ts$/.test(s);
  console.log(`\n≈gzip of libraries (node_modules): ${kb(area((s) => s.startsWith('node_modules/')))}`);
  console.log(
    `≈gzip of our code, without other languages and the local backend: ${kb(area((s) => !s.startsWith('node_modules/') && notLocale(s)))}`,
  );
  for (const prefix of prefixes) console.log(`≈gzip under ${prefix}: ${kb(area((s) => s.startsWith(prefix)))}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
