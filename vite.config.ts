/**
 * Three builds, chosen by `--mode`:
 * - `lib`: one ES entry per public element plus `index` (configure) and `backend`, dependencies external (npm);
 * - `bundle`: the self-contained script-tag module `dist/chime.js` with lazy chunks beside it;
 * - `admin`: the self-contained moderation console the server serves at `/admin` (`dist/admin/`);
 * - `server`: the reference server for Node (`dist/server/`), node_modules external.
 * `vite serve` (the default mode) serves the demo pages against the TypeScript sources.
 */
import { existsSync } from 'node:fs';
import { defineConfig } from 'vite';
import { minifyLiteralsPlugin } from './scripts/minify-literals.js';

/** Public entries: `chime/<name>` → `src/<name>/define.ts` (registers the element). */
export const ELEMENTS = ['share', 'rating', 'comments', 'count', 'feedback', 'footer', 'moderation'];

function libEntries(): Record<string, string> {
  const entries: Record<string, string> = { index: 'src/index.ts', backend: 'src/backend/index.ts' };
  for (const name of ELEMENTS) {
    const file = `src/${name}/define.ts`;
    if (existsSync(file)) entries[name] = file;
  }
  return entries;
}

/**
 * Vite's library mode minifies ES output without removing whitespace (to keep `@__PURE__`
 * annotations for the consumer's bundler); the annotations survive whitespace removal too.
 */
const LIB_MINIFY = { compress: true, mangle: true, codegen: { removeWhitespace: true } };

/**
 * chime.js's own modules: the script's URL is recorded first, then the elements are defined.
 * Everything else it loads at once goes into one `core` chunk, which the lazy chunks (thread,
 * locales, local backend) share, instead of several small common chunks (fewer requests, one gzip
 * dictionary: about 1.3 KB less).
 */
const SIDE_EFFECTS = /[\\/]src[\\/](chime|internal[\\/]register-script|[\w-]+[\\/]define|footer[\\/]auto)\.ts$/;

const external = (id: string) => /^(lit|@lit|@floating-ui|nanostores)(\/|$)/.test(id);

export default defineConfig(({ mode }) => {
  const define = { 'process.env.NODE_ENV': JSON.stringify('production') };
  if (mode === 'lib') {
    return {
      define,
      plugins: [minifyLiteralsPlugin()],
      build: {
        outDir: 'dist/lib',
        emptyOutDir: true,
        target: 'es2022',
        minify: true,
        lib: { entry: libEntries(), formats: ['es'] },
        rolldownOptions: {
          external,
          output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', minify: LIB_MINIFY },
        },
      },
    };
  }
  if (mode === 'bundle') {
    return {
      define,
      plugins: [minifyLiteralsPlugin()],
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        lib: { entry: { chime: 'src/chime.ts' }, formats: ['es'] },
        // The script-tag build is what browsers run: minify it fully, no comments (no bundler reads its annotations).
        rolldownOptions: {
          output: {
            entryFileNames: '[name].js',
            chunkFileNames: 'chunks/[name]-[hash].js',
            minify: true,
            comments: false,
            codeSplitting: { groups: [{ name: 'core', tags: ['$initial'], test: (id: string) => !SIDE_EFFECTS.test(id) }] },
          },
        },
      },
    };
  }
  if (mode === 'admin') {
    // The moderation console served at /admin, with the page's language picker: self-contained,
    // like chime.js; its languages are lazy chunks.
    return {
      define,
      build: {
        outDir: 'dist/admin',
        emptyOutDir: true,
        target: 'es2022',
        lib: { entry: { moderation: 'src/moderation/admin.ts' } as Record<string, string>, formats: ['es'] },
        rolldownOptions: { output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' } },
      },
    };
  }
  if (mode === 'server') {
    return {
      build: {
        outDir: 'dist/server',
        emptyOutDir: true,
        target: 'node20',
        ssr: true,
        minify: false,
        rolldownOptions: {
          input: { index: 'server/index.ts', cli: 'server/cli.ts' },
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    };
  }
  return { define: { 'process.env.NODE_ENV': JSON.stringify('development') } };
});
