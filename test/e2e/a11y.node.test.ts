// axe-core (WCAG 2.2 AA + best practice) on the whole footer, in light, dark and forced colours,
// in its empty and used states, and on the demo's three themes. axe is injected as a script tag,
// which the strict CSP would block: these pages are served without CSP (footer.node.test.ts
// covers the CSP).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { E2E_SKIP, ROOT, axe, chimeScript, describeViolations, seedRoutes, setup, watch } from './harness.js';

type Env = Awaited<ReturnType<typeof setup>>;

async function expectAxeClean(page: Page, selector: string, label: string, disable: string[] = []) {
  const violations = await axe(page, selector, disable);
  assert.equal(violations.length, 0, `${label}:\n${describeViolations(violations)}`);
}

/** Brings the footer into view, waits for the thread, lets transitions settle. */
async function ready(page: Page) {
  await page.getByRole('radiogroup', { name: 'Rate this article' }).waitFor();
  await page.locator('chime-comments').scrollIntoViewIfNeeded();
  await page.getByRole('textbox', { name: 'Join the discussion' }).waitFor();
  await page.waitForTimeout(200);
}

/** Rates and posts, so the checks also cover "Your rating", a comment and its actions. */
async function use(page: Page, text: string) {
  await page.getByRole('radio', { name: '4 stars' }).check();
  await page.locator('chime-rating').getByText('Your rating: 4 stars').first().waitFor();
  await page.getByRole('textbox', { name: 'Join the discussion' }).fill(text);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Ada');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('ada@example.org');
  await page.getByRole('button', { name: 'Post Comment' }).click();
  await page.getByText(text).waitFor();
  await page.waitForTimeout(200);
}

describe('e2e: accessibility of the full footer', { skip: E2E_SKIP ?? false }, () => {
  let env: Env;

  before(async () => {
    env = await setup();
    const script = chimeScript(env.chime.url);
    const pages = {
      ...seedRoutes(env.chime.url, {
        path: '/light.html',
        csp: false,
        head: script,
        engagement: '<chime-footer page="/light"></chime-footer>',
      }),
      ...seedRoutes(env.chime.url, {
        path: '/dark.html',
        csp: false,
        head: `<link rel="stylesheet" href="/dark.css">${script}`,
        engagement: '<chime-footer page="/dark" theme="dark"></chime-footer>',
      }),
      ...seedRoutes(env.chime.url, {
        path: '/auto.html',
        csp: false,
        head: `<link rel="stylesheet" href="/dark.css" media="(prefers-color-scheme: dark)">${script}`,
        engagement: '<chime-footer page="/auto" theme="auto"></chime-footer>',
      }),
    };
    for (const [path, route] of Object.entries(pages)) env.publisher.route(path, route);
    // A dark page for the dark theme: Chime's surface is transparent and takes the page's.
    env.publisher.route('/dark.css', 'body { background: #0d1117; color: #e6edf3; } a { color: #8cb4ff; }');
    // The demo's themes page as `npm start` serves it, with chime.js from the Chime server.
    for (const file of ['demo.css', 'themes.css'])
      env.publisher.route(`/${file}`, readFileSync(join(ROOT, 'demo', file), 'utf8'));
    env.publisher.route(
      '/themes.html',
      readFileSync(join(ROOT, 'demo/themes.html'), 'utf8').replace('src="/chime.js"', `src="${env.chime.url}/chime.js"`),
    );
  });

  after(() => env?.close());

  it('light: empty, then rated and commented', async () => {
    const page = await env.newPage();
    await page.goto(`${env.publisher.url}/light.html`);
    await ready(page);
    await expectAxeClean(page, 'chime-footer', 'light, empty');
    await use(page, 'Light and accessible.');
    await expectAxeClean(page, 'chime-footer', 'light, used');
  });

  it('dark (theme="dark" on a dark page): empty, then rated and commented', async () => {
    const page = await env.newPage();
    await page.goto(`${env.publisher.url}/dark.html`);
    await ready(page);
    await expectAxeClean(page, 'chime-footer', 'dark, empty');
    await use(page, 'Dark and accessible.');
    await expectAxeClean(page, 'chime-footer', 'dark, used');
  });

  it('theme="auto" follows prefers-color-scheme', async () => {
    const page = await env.newPage({ colorScheme: 'dark' });
    await page.goto(`${env.publisher.url}/auto.html`);
    await ready(page);
    const text = await page.getByRole('button', { name: 'Post Comment' }).evaluate((el) => {
      const host = (el.getRootNode() as ShadowRoot).host;
      return getComputedStyle(host).getPropertyValue('--_text').trim();
    });
    assert.equal(text, '#e6edf3', 'dark text colour under prefers-color-scheme: dark');
    await expectAxeClean(page, 'chime-footer', 'auto, dark scheme');
  });

  it('forced colors (Windows high contrast), dark scheme', async () => {
    const page = await env.newPage();
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    await page.goto(`${env.publisher.url}/light.html`);
    await ready(page);
    const forced = await page.evaluate(() => matchMedia('(forced-colors: active)').matches);
    assert.equal(forced, true);
    // Under forced colours the reader's palette sets every colour (the text really renders in
    // CanvasText), but axe-core measures the un-forced -webkit-text-fill-color and so flags the
    // seed's own article text as well: colour contrast is checked in the other modes instead.
    const text = await page.getByRole('button', { name: 'Post Comment' }).evaluate((el) => getComputedStyle(el).color);
    assert.equal(text, 'rgb(255, 255, 255)', 'the dark palette forces the text colour');
    await expectAxeClean(page, 'chime-footer', 'forced colors', ['color-contrast']);
    await use(page, 'Forced colours and accessible.');
    await expectAxeClean(page, 'chime-footer', 'forced colors, used', ['color-contrast']);
  });

  it("the demo's three themes (custom properties only) stay accessible and really differ", async () => {
    const page = await env.newPage();
    const w = await watch(page, [env.chime.url, env.publisher.url]);
    await page.goto(`${env.publisher.url}/themes.html`);
    await page.getByRole('radiogroup', { name: 'Rate this article' }).first().waitFor();
    for (const section of ['.theme-default', '.theme-newsroom', '.theme-broadsheet']) {
      await page.locator(`${section} chime-comments`).scrollIntoViewIfNeeded();
      await page.locator(section).getByRole('textbox', { name: 'Join the discussion' }).waitFor();
    }
    await page.waitForTimeout(200);
    const looks = await page.evaluate(() =>
      ['.theme-default', '.theme-newsroom', '.theme-broadsheet'].map((section) => {
        const host = document.querySelector(`${section} chime-comments`)!;
        const button = Array.from(host.shadowRoot!.querySelectorAll('button')).find(
          (b) => b.textContent?.trim() === 'Post Comment',
        )!;
        const s = getComputedStyle(button);
        return `${s.backgroundColor} ${s.fontFamily} ${s.borderTopLeftRadius}`;
      }),
    );
    assert.equal(new Set(looks).size, 3, `three different looks: ${looks.join(' / ')}`);
    for (const section of ['.theme-default', '.theme-newsroom', '.theme-broadsheet']) {
      await expectAxeClean(page, `${section} chime-footer`, section);
    }
    assert.deepEqual(w.errors, []);
    assert.deepEqual(w.foreign(), []);
  });
});
