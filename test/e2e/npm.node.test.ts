// The developers' quick starts, as written: each npm snippet of docs/embedding.md and README.md
// is bundled by vite against this package (its `exports` map, via node_modules/chime) and loaded
// from the publisher's origin under a strict CSP, talking to the Chime server on another origin.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'vite';
import { E2E_SKIP, ROOT, setup, watch } from './harness.js';

interface Snippet {
  file: string;
  js: string;
  html: string;
}

/** docs/embedding.md: the js and html blocks after the "e2e: npm quick start" marker. */
function docsSnippet(): Snippet {
  const text = readFileSync(join(ROOT, 'docs/embedding.md'), 'utf8');
  const from = text.indexOf('<!-- e2e: npm quick start');
  assert.ok(from >= 0, 'docs/embedding.md has the npm quick start marker');
  const rest = text.slice(from);
  const js = rest.match(/```js\n([\s\S]*?)```/)?.[1];
  const html = rest.match(/```html\n([\s\S]*?)```/)?.[1];
  assert.ok(js && html, 'a js and an html block follow the marker');
  return { file: 'docs/embedding.md', js, html };
}

/** README.md: the js block of "Quick start: npm", with one tag per element entry it imports. */
function readmeSnippet(): Snippet | null {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = text.split(/^## /m).find((s) => s.startsWith('Quick start: npm'));
  const js = section?.match(/```js\n([\s\S]*?)```/)?.[1];
  if (!js) return null;
  const tags = [...js.matchAll(/from ['"]chime\/(\w+)['"]|import ['"]chime\/(\w+)['"]/g)].map(
    (m) => `<chime-${m[1] ?? m[2]}></chime-${m[1] ?? m[2]}>`,
  );
  return { file: 'README.md', js, html: tags.join('\n') };
}

const SNIPPET_ORIGIN = 'https://comments.example.org';

describe(
  'e2e: npm quick starts, bundled with vite',
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

    const snippets = () => [docsSnippet(), readmeSnippet()].filter((s): s is Snippet => !!s);

    it('finds the snippets', () => {
      assert.ok(snippets().length >= 1);
    });

    /** Bundles `js` with vite as an app would and serves it with `html`; returns the page's URL. */
    async function bundle(js: string, html: string, options: { head?: string; scriptSrc?: string } = {}): Promise<string> {
      const dir = mkdtempSync(join(tmpdir(), 'chime-npm-'));
      dirs.push(dir);
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(ROOT, join(dir, 'node_modules/chime'), 'dir');
      writeFileSync(join(dir, 'main.js'), js.replaceAll(SNIPPET_ORIGIN, env.chime.url));
      writeFileSync(
        join(dir, 'index.html'),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>npm snippet</title>${options.head ?? ''}` +
          `<script type="module" src="./main.js"></script></head><body><main>${html.replaceAll(SNIPPET_ORIGIN, env.chime.url)}</main></body></html>`,
      );
      await build({
        root: dir,
        base: './',
        configFile: false,
        logLevel: 'silent',
        build: { outDir: join(dir, 'dist'), emptyOutDir: true },
      });
      // The app's own bundle comes from the publisher's origin: script-src 'self'.
      const csp = `default-src 'self'; script-src 'self'${options.scriptSrc ? ` ${options.scriptSrc}` : ''}; connect-src ${env.chime.url}; style-src 'self'; img-src 'self' data:`;
      const prefix = `/npm-${dirs.length}`;
      const walk = (d: string): string[] =>
        readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
      for (const file of walk(join(dir, 'dist'))) {
        const path = `${prefix}/${relative(join(dir, 'dist'), file)}`;
        env.publisher.route(path, { body: readFileSync(file), headers: { 'content-security-policy': csp } });
      }
      return `${env.publisher.url}${prefix}/index.html`;
    }

    /** Loads a bundled page and checks that its elements work against the server, cleanly. */
    async function expectWorking(url: string, html: string, label: string) {
      const page = await env.newPage();
      const w = await watch(page, [env.chime.url, env.publisher.url]);
      await page.goto(url);
      const tags = [...html.matchAll(/<(chime-[\w-]+)/g)].map((m) => m[1]!);
      assert.ok(tags.length > 0);
      const alert = page.getByRole('alert');
      if (tags.includes('chime-footer') || tags.includes('chime-rating')) {
        await page
          .getByRole('radiogroup', { name: 'Rate this article' })
          .or(alert)
          .first()
          .waitFor({ timeout: 10_000 })
          .catch(async (e: Error) => {
            throw new Error(
              `${e.message}\nrequests: ${w.requests.join(' ')}\nerrors: ${w.errors.join('\n')}\nCSP: ${(await w.cspViolations()).join('\n')}`,
            );
          });
        if (await alert.count()) assert.fail(`${label}: ${await alert.first().innerText()}`);
      }
      if (tags.includes('chime-footer')) {
        await page.getByRole('heading', { name: 'Share this news' }).waitFor();
        await page.locator('chime-comments').scrollIntoViewIfNeeded();
        await page.getByRole('textbox', { name: 'Join the discussion' }).waitFor();
      }
      await page.waitForTimeout(300);
      assert.equal(await alert.count(), 0, `${label}: an element shows an error box`);
      assert.ok(
        w.requests.some((u) => u.startsWith(`${env.chime.url}/v1/`)),
        `${label}: the elements talk to the configured server`,
      );
      assert.deepEqual(await w.cspViolations(), [], `${label}: CSP violations`);
      assert.deepEqual(w.errors, [], `${label}: errors`);
      assert.deepEqual(w.foreign(), [], `${label}: requests to other hosts`);
      return page;
    }

    for (const source of ['docs/embedding.md', 'README.md']) {
      it(`${source}: the npm snippet works as written`, async (t) => {
        const snippet = snippets().find((s) => s.file === source);
        if (!snippet) return t.skip(`${source} has no npm snippet`);
        await expectWorking(await bundle(snippet.js, snippet.html), snippet.html, source);
      });
    }

    it('an npm import beside the script tag: registered once each, nothing throws', async () => {
      const snippet = docsSnippet();
      const url = await bundle(snippet.js, snippet.html, {
        head: `<script type="module" src="${env.chime.url}/chime.js"></script>`,
        scriptSrc: env.chime.url,
      });
      const page = await expectWorking(url, snippet.html, 'npm + script tag');
      assert.equal(await page.locator('chime-footer').count(), 1);
      assert.equal(await page.getByRole('radiogroup', { name: 'Rate this article' }).count(), 1);
    });
  },
);
