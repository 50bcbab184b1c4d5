// The React, Vue and Svelte snippets of docs/embedding.md, as written: each is built by vite with
// its framework (and, for Vue, the vite.config.js of the docs) against this package (its `exports`
// map, via node_modules/chime), served from the publisher's origin under a strict CSP, and rated
// against the Chime server on another origin.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build, type InlineConfig } from 'vite';
import { E2E_SKIP, ROOT, setup, watch } from './harness.js';

const SNIPPET_ORIGIN = 'https://comments.example.org';

type Mode = 'production' | 'development';
const MODES: Mode[] = ['production', 'development'];

/** The fenced blocks of `langs` (in that order) after the `<!-- e2e: NAME` marker of docs/embedding.md. */
function docsBlocks(name: string, langs: string[]): string[] {
  const text = readFileSync(join(ROOT, 'docs/embedding.md'), 'utf8');
  const from = text.indexOf(`<!-- e2e: ${name} `);
  assert.ok(from >= 0, `docs/embedding.md has the "e2e: ${name}" marker`);
  let rest = text.slice(from);
  return langs.map((lang) => {
    const m = rest.match(new RegExp('```' + lang + '\\n([\\s\\S]*?)```'));
    assert.ok(m?.[1], `a ${lang} block follows the "e2e: ${name}" marker`);
    rest = rest.slice(m.index! + m[0].length);
    return m[1];
  });
}

interface Framework {
  name: string;
  /** Packages the app has installed besides chime (symlinked from this repository's node_modules). */
  packages: string[];
  /** The app's files: the snippet as written plus the entry that mounts it with `slug`. */
  files(slug: string): Record<string, string>;
  /** Extra vite config; the Vue app uses the docs' vite.config.js as its config file. */
  config?(): Promise<InlineConfig>;
  configFile?: string;
}

const FRAMEWORKS: Framework[] = [
  {
    name: 'React',
    packages: ['react', 'react-dom'],
    files: (slug) => {
      const [jsx] = docsBlocks('React', ['jsx']);
      return {
        'ArticleFooter.jsx': jsx!,
        'main.jsx':
          `import { createRoot } from 'react-dom/client';\nimport { ArticleFooter } from './ArticleFooter.jsx';\n` +
          `createRoot(document.getElementById('app')).render(<ArticleFooter slug="${slug}" />);\n`,
      };
    },
  },
  {
    name: 'Vue',
    packages: ['vue', '@vitejs/plugin-vue'],
    configFile: 'vite.config.js',
    files: (slug) => {
      const [config, sfc] = docsBlocks('Vue', ['js', 'vue']);
      return {
        'vite.config.js': config!,
        'ArticleFooter.vue': sfc!,
        'main.js':
          `import { createApp } from 'vue';\nimport ArticleFooter from './ArticleFooter.vue';\n` +
          `createApp(ArticleFooter, { slug: '${slug}' }).mount('#app');\n`,
      };
    },
  },
  {
    name: 'Svelte',
    packages: ['svelte'],
    config: async () => ({ plugins: [(await import('@sveltejs/vite-plugin-svelte')).svelte()] }),
    files: (slug) => {
      const [component] = docsBlocks('Svelte', ['svelte']);
      return {
        'ArticleFooter.svelte': component!,
        'main.js':
          `import { mount } from 'svelte';\nimport ArticleFooter from './ArticleFooter.svelte';\n` +
          `mount(ArticleFooter, { target: document.getElementById('app'), props: { slug: '${slug}' } });\n`,
      };
    },
  },
];

describe(
  'e2e: React, Vue and Svelte snippets, built with vite',
  { skip: E2E_SKIP ?? (existsSync(join(ROOT, 'dist/lib/footer.js')) ? false : 'dist/lib is not built') },
  () => {
    let env: Awaited<ReturnType<typeof setup>>;
    const dirs: string[] = [];

    before(async () => {
      env = await setup();
    });
    after(async () => {
      await env?.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    /**
     * Builds the framework's app as a developer would and serves it; returns the page's URL. A
     * development build keeps the frameworks' warnings (e.g. Vue's "Failed to resolve component"
     * without `isCustomElement`), which a production build drops.
     */
    async function bundle(framework: Framework, slug: string, mode: Mode): Promise<string> {
      const dir = mkdtempSync(join(tmpdir(), `chime-${slug}-`));
      dirs.push(dir);
      mkdirSync(join(dir, 'node_modules/@vitejs'), { recursive: true });
      symlinkSync(ROOT, join(dir, 'node_modules/chime'), 'dir');
      for (const name of framework.packages)
        symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `app-${slug}`, private: true, type: 'module' }));
      const files = framework.files(slug);
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text.replaceAll(SNIPPET_ORIGIN, env.chime.url));
      }
      const entry = Object.keys(files).find((f) => f.startsWith('main.'))!;
      writeFileSync(
        join(dir, 'index.html'),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${framework.name} snippet</title>` +
          `<script type="module" src="./${entry}"></script></head><body><main id="app"></main></body></html>`,
      );
      // vite picks conditions, defines and the plugins' dev flags from NODE_ENV (set on the first build).
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = mode;
      try {
        await build({
          root: dir,
          mode,
          base: './',
          configFile: framework.configFile ? join(dir, framework.configFile) : false,
          logLevel: 'silent',
          build: { outDir: join(dir, 'dist'), emptyOutDir: true },
          ...(await framework.config?.()),
        });
      } finally {
        if (nodeEnv === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = nodeEnv;
      }
      const csp = `default-src 'self'; script-src 'self'; connect-src ${env.chime.url}; style-src 'self'; img-src 'self' data:`;
      const prefix = `/${slug}`;
      const walk = (d: string): string[] =>
        readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
      for (const file of walk(join(dir, 'dist'))) {
        env.publisher.route(`${prefix}/${relative(join(dir, 'dist'), file)}`, {
          body: readFileSync(file),
          headers: { 'content-security-policy': csp },
        });
      }
      return `${env.publisher.url}${prefix}/index.html`;
    }

    /** What the server holds for a page, asked without any reader token. */
    const stored = async (page: string) => {
      const res = await fetch(`${env.chime.url}/v1/page?page=${encodeURIComponent(page)}`);
      const { rating } = (await res.json()) as { rating: { count: number; average: number } };
      return { count: rating.count, average: rating.average };
    };

    for (const framework of FRAMEWORKS) {
      for (const mode of MODES) {
        it(`${framework.name} (${mode} build): the docs snippet renders <chime-footer>, rates against the server, cleanly`, async () => {
          const slug = `${framework.name.toLowerCase()}-${mode}`;
          const url = await bundle(framework, slug, mode);
          const page = await env.newPage();
          const w = await watch(page, [env.chime.url, env.publisher.url]);
          const logs: string[] = [];
          const warnings: string[] = [];
          page.on('console', (m) => {
            if (m.type() === 'log') logs.push(m.text());
            // Lit's development build says so once; anything else a framework warns about is a finding.
            if (m.type() === 'warning' && !m.text().startsWith('Lit is in dev mode.')) warnings.push(m.text());
          });
          await page.goto(url);

          const footer = page.locator('chime-footer');
          const group = page.getByRole('radiogroup', { name: 'Rate this article' });
          const alert = page.getByRole('alert');
          await group
            .or(alert)
            .first()
            .waitFor({ timeout: 10_000 })
            .catch(async (e: Error) => {
              throw new Error(
                `${e.message}\nrequests: ${w.requests.join(' ')}\nerrors: ${w.errors.join('\n')}\nCSP: ${(await w.cspViolations()).join('\n')}`,
              );
            });
          if (await alert.count()) assert.fail(`${framework.name}: ${await alert.first().innerText()}`);
          assert.equal(await footer.count(), 1, 'one <chime-footer>');
          assert.equal(await footer.getAttribute('page'), `/articles/${slug}`, 'the page prop reaches the element');
          await page.getByRole('heading', { name: 'Share this news' }).waitFor();

          // The reader rates: the server counts it, the element shows it, the snippet's handler hears it.
          await page.getByRole('radio', { name: '4 stars' }).check();
          await page.locator('chime-rating [part="mine"]').filter({ hasText: 'Your rating: 4 stars' }).waitFor();
          // "Your rating" shows optimistically, before the server answers: wait for the vote to land.
          const landed = Date.now() + 5000;
          let summary = await stored(`/articles/${slug}`);
          while (summary.count === 0 && Date.now() < landed) {
            await page.waitForTimeout(25);
            summary = await stored(`/articles/${slug}`);
          }
          assert.deepEqual(summary, { count: 1, average: 4 }, 'the server has one vote of 4');
          const deadline = Date.now() + 2000;
          while (!logs.includes('4') && Date.now() < deadline) await page.waitForTimeout(25);
          assert.deepEqual(logs, ['4'], "the snippet's chime-rate handler logs e.value");

          assert.equal(await alert.count(), 0, `${framework.name}: an element shows an error box`);
          assert.ok(
            w.requests.some((u) => u.startsWith(`${env.chime.url}/v1/`)),
            `${framework.name}: the elements talk to the configured server`,
          );
          assert.deepEqual(await w.cspViolations(), [], `${framework.name}: CSP violations`);
          assert.deepEqual(w.errors, [], `${framework.name}: errors`);
          assert.deepEqual(warnings, [], `${framework.name}: console warnings`);
          assert.deepEqual(w.foreign(), [], `${framework.name}: requests to other hosts`);
        });
      }
    }
  },
);
