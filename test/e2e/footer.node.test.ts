// The publisher's view, end to end: the seed article on one origin under the strict CSP, the
// Chime server on another, `chime.js` + `<chime-footer>` as the whole integration.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import ar from '../../src/i18n/ar.js';
import de from '../../src/i18n/de.js';
import en from '../../src/i18n/en.js';
import {
  E2E_SKIP,
  ROOT,
  chimeScript,
  layoutShifts,
  seedArticle,
  seedRoutes,
  setup,
  strictCsp,
  watch,
  type Watch,
} from './harness.js';

type Env = Awaited<ReturnType<typeof setup>>;

/** The text a locale shows where English shows `english` (looked up by value: keys may move). */
function translated(messages: Record<string, unknown>, english: string): string {
  const key = Object.entries(en).find(([, text]) => text === english)?.[0];
  assert.ok(key, `no English message "${english}"`);
  const text = messages[key];
  assert.equal(typeof text, 'string', `${key} missing`);
  return text as string;
}

/** Everything a clean run must show: no CSP violation, no error, no third-party request. */
async function assertClean(w: Watch, label: string) {
  assert.deepEqual(await w.cspViolations(), [], `${label}: CSP violations`);
  assert.deepEqual(w.errors, [], `${label}: page errors`);
  assert.deepEqual(w.foreign(), [], `${label}: requests to other hosts`);
}

/** Scrolls the footer into view so the comment thread loads, and waits for its composer. */
async function showThread(page: Page) {
  await page.locator('chime-comments').scrollIntoViewIfNeeded();
  await page.getByRole('textbox', { name: 'Join the discussion' }).waitFor();
}

describe('e2e: <chime-footer> on the seed article', { skip: E2E_SKIP ?? false }, () => {
  let env: Env;
  let origins: string[];

  before(async () => {
    env = await setup();
    origins = [env.chime.url, env.publisher.url];
    const script = chimeScript(env.chime.url);
    const routes = {
      ...seedRoutes(env.chime.url, { head: script, engagement: '<chime-footer></chime-footer>' }),
      ...seedRoutes(env.chime.url, { path: '/plain.html', engagement: '' }),
      ...seedRoutes(env.chime.url, { path: '/de.html', lang: 'de', head: script, engagement: '<chime-footer></chime-footer>' }),
      ...seedRoutes(env.chime.url, { path: '/ar.html', lang: 'ar', head: script, engagement: '<chime-footer></chime-footer>' }),
      ...seedRoutes(env.chime.url, {
        path: '/accent.html',
        head: `<link rel="stylesheet" href="/accent.css">${script}`,
        engagement: '<chime-footer page="/accent"></chime-footer>',
      }),
      ...seedRoutes(env.chime.url, {
        path: '/auto.html',
        head: chimeScript(env.chime.url, { auto: '#article' }),
        engagement: '',
      }),
      ...seedRoutes(env.chime.url, {
        path: '/features.html',
        head: script,
        engagement: '<chime-footer page="/features"></chime-footer>',
      }),
      ...seedRoutes(env.chime.url, {
        path: '/no-comments.html',
        head: script,
        engagement: '<chime-footer no-comments></chime-footer>',
      }),
      ...seedRoutes(env.chime.url, {
        path: '/data.html',
        head: chimeScript(env.chime.url, { lang: 'de', theme: 'dark' }),
        engagement: '<chime-footer></chime-footer>',
      }),
      ...seedRoutes(env.chime.url, {
        path: '/twice.html',
        head: `${chimeScript(env.chime.url, { auto: '#article' })}<script type="module" src="${env.chime.url}/chime.js?again" data-auto="#article"></script>`,
        engagement: '',
      }),
    };
    for (const [path, route] of Object.entries(routes)) env.publisher.route(path, route);
    env.publisher.route('/accent.css', ':root { --chime-color-accent: rgb(0, 110, 80); }');
    // The demo article as `npm start` serves it, with chime.js from the Chime server.
    env.publisher.route('/demo/seed.css', readFileSync(join(ROOT, 'demo/seed.css'), 'utf8'));
    env.publisher.route('/demo/index.html', {
      body: readFileSync(join(ROOT, 'demo/index.html'), 'utf8').replace('src="/chime.js"', `src="${env.chime.url}/chime.js"`),
      headers: { 'content-security-policy': strictCsp(env.chime.url) },
    });
  });

  after(() => env?.close());

  it('works with the two tags and nothing else, under the strict CSP, talking to no other host', async () => {
    const page = await env.newPage();
    const w = await watch(page, origins);
    const response = await page.goto(`${env.publisher.url}/article.html`);
    assert.match(response!.headers()['content-security-policy']!, /script-src http:\/\/127\.0\.0\.1:\d+; connect-src/);

    // The seed's order: share, rating, comments.
    const share = page.getByRole('heading', { name: 'Share this news' });
    const rating = page.getByRole('radiogroup', { name: 'Rate this article' });
    await share.waitFor();
    await rating.waitFor();
    await showThread(page);
    const top = async (l: ReturnType<Page['getByRole']>) => (await l.boundingBox())!.y;
    const comments = page.getByRole('heading', { name: '0 Comments' });
    assert.ok((await top(share)) < (await top(rating)), 'share above rating');
    assert.ok((await top(rating)) < (await top(comments)), 'rating above comments');
    await page.getByText('0 votes').waitFor();
    await page.getByText('Article Rating').waitFor();
    await page.getByRole('combobox', { name: 'Notify of' }).waitFor();
    await page.getByRole('button', { name: 'Inline Feedbacks' }).waitFor();

    // Rating.
    await page.getByRole('radio', { name: '4 stars' }).check();
    await page.locator('chime-rating').getByText('Your rating: 4 stars').first().waitFor();
    await page.getByText('1 vote', { exact: true }).waitFor();

    // A guest comment, then a reply and a vote on it.
    await page.getByRole('textbox', { name: 'Join the discussion' }).fill('A first comment from the strict-CSP page.');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Ada');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('ada@example.org');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.getByText('A first comment from the strict-CSP page.').waitFor();
    await page.getByRole('heading', { name: '1 Comment' }).waitFor();

    // Share: the overflow menu opens; links are plain links (nothing loaded from the networks).
    await page.getByRole('button', { name: 'More share options' }).click();
    await page.getByRole('menu').waitFor();
    await page.keyboard.press('Escape');
    const href = await page.getByRole('link', { name: 'Share on Facebook' }).getAttribute('href');
    assert.match(href!, /^https:\/\/www\.facebook\.com\/sharer/);

    // A second reader votes and replies; the first sees the reply arrive live (Server-Sent Events).
    const other = await env.newPage();
    const w2 = await watch(other, origins);
    await other.goto(`${env.publisher.url}/article.html`);
    await showThread(other);
    await other.getByText('A first comment from the strict-CSP page.').waitFor();
    await other.getByText('1 vote', { exact: true }).waitFor();
    await other.getByRole('button', { name: 'Upvote' }).first().click();
    await other.getByText('1 point').first().waitFor();
    await other.getByRole('button', { name: 'Reply' }).first().click();
    const reply = other.getByRole('textbox', { name: /Reply to Ada/ });
    await reply.fill('A reply, live.');
    await other.getByRole('textbox', { name: 'Name', exact: true }).last().fill('Grace');
    await other.getByRole('textbox', { name: 'Email', exact: true }).last().fill('grace@example.org');
    await other.getByRole('button', { name: 'Post Reply' }).click();
    await other.getByText('A reply, live.').waitFor();
    await page
      .getByText(/A reply, live\.|new comment/)
      .first()
      .waitFor();

    await assertClean(w, 'reader 1');
    await assertClean(w2, 'reader 2');
    // Rating, posting, voting and replying set no cookie, on either origin.
    assert.deepEqual(await page.context().cookies(), []);
    assert.deepEqual(await other.context().cookies(), []);
    // Only English here: no other language was downloaded.
    assert.deepEqual(
      w.requests.filter((url) => /\/chunks\/(de|fr|es|uk|ar)-/.test(url)),
      [],
    );
  });

  it('keeps every other feature working under the strict CSP', async () => {
    const page = await env.newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    const w = await watch(page, origins);
    await page.goto(`${env.publisher.url}/features.html`);
    await showThread(page);

    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Link copied').first().waitFor();

    await page.getByRole('radio', { name: '5 stars' }).check();
    await page.getByRole('button', { name: 'Remove my rating' }).click();
    await page.locator('chime-rating').getByText('0 votes').waitFor();

    await page.getByRole('textbox', { name: 'Join the discussion' }).fill('Written, then edited.');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Ada');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('ada@example.org');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.getByText('Written, then edited.').waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: 'Edit your comment' }).fill('Edited under a strict CSP.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Edited under a strict CSP.').waitFor();

    await page.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Oldest' });
    await page.getByRole('button', { name: 'Inline Feedbacks' }).click();
    await page.getByText('No inline feedback yet.').waitFor();

    // The email given with the comment is used for notifications (no second field).
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByText('Check your inbox to confirm.').first().waitFor();

    const other = await env.newPage();
    const w2 = await watch(other, origins);
    await other.goto(`${env.publisher.url}/features.html`);
    await showThread(other);
    await other.getByRole('button', { name: 'Report' }).first().click();
    await other.getByRole('textbox', { name: 'Why are you reporting this comment?' }).fill('Testing reports.');
    await other.getByRole('button', { name: 'Send report' }).click();
    await other.getByText('Thank you. A moderator will review this comment.').first().waitFor();

    await page.getByRole('button', { name: 'Inline Feedbacks', pressed: true }).click(); // back to every comment
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('Your comment was deleted.').first().waitFor();

    await assertClean(w, 'author');
    await assertClean(w2, 'reporter');
  });

  it("survives the seed's aggressive CSS, and its own styles do not leak into the page", async () => {
    const page = await env.newPage();
    await page.goto(`${env.publisher.url}/article.html`);
    await showThread(page);
    const post = page.getByRole('button', { name: 'Post Comment' });
    const style = await post.evaluate((el) => {
      const s = getComputedStyle(el);
      return { transform: s.textTransform, background: s.backgroundColor, radius: s.borderTopLeftRadius };
    });
    assert.equal(style.transform, 'none', 'no uppercase from `button { text-transform }`');
    assert.notEqual(style.background, 'rgb(187, 0, 0)', 'no #b00 from `button { background }`');
    const copy = await page.getByRole('button', { name: 'Copy link' }).evaluate((el) => getComputedStyle(el).textTransform);
    assert.equal(copy, 'none');
    const field = await page
      .getByRole('textbox', { name: 'Join the discussion' })
      .evaluate((el) => getComputedStyle(el).borderTopWidth);
    assert.notEqual(field, '2px', 'no 2px border from `input, textarea { border }`');

    // Computed styles of every page element outside the footer, with and without Chime.
    const withChime = await page.evaluate(pageStyles);
    const plain = await env.newPage();
    await plain.goto(`${env.publisher.url}/plain.html`);
    const without = await plain.evaluate(pageStyles);
    assert.deepEqual(withChime.styles, without.styles, 'page elements look the same with the footer');
    assert.equal(withChime.adopted, 0, 'no stylesheet adopted by the document');
    assert.equal(withChime.sheets, without.sheets, 'no stylesheet added to the page');
  });

  it('takes --chime-color-accent from :root in every element', async () => {
    const page = await env.newPage();
    await page.goto(`${env.publisher.url}/accent.html`);
    await showThread(page);
    const accents = await page.evaluate(() =>
      ['chime-footer', 'chime-share', 'chime-rating', 'chime-comments'].map((tag) => [
        tag,
        getComputedStyle(document.querySelector(tag)!).getPropertyValue('--_accent').trim(),
      ]),
    );
    for (const [tag, accent] of accents) assert.equal(accent, 'rgb(0, 110, 80)', `${tag} accent`);
    const post = await page.getByRole('button', { name: 'Post Comment' }).evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(post, 'rgb(0, 110, 80)', 'the accent is what the Post Comment button shows');

    const plain = await env.newPage();
    await plain.goto(`${env.publisher.url}/article.html`);
    await showThread(plain);
    const before = await plain
      .getByRole('button', { name: 'Post Comment' })
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(before, 'rgb(0, 110, 80)');
  });

  it('speaks German, downloading German only', async () => {
    const page = await env.newPage();
    const w = await watch(page, origins);
    await page.goto(`${env.publisher.url}/de.html`);
    await page.getByRole('heading', { name: translated(de, 'Share this news') }).waitFor();
    await page.getByRole('radiogroup', { name: translated(de, 'Rate this article') }).waitFor();
    await page.getByText(translated(de, 'Article Rating'), { exact: true }).waitFor();
    await showThreadIn(page, translated(de, 'Join the discussion'));
    await page.getByRole('button', { name: translated(de, 'Post Comment') }).waitFor();
    const chunks = w.requests
      .filter((url) => /\/chunks\/(de|fr|es|uk|ar)-/.test(url))
      .map((url) => url.match(/chunks\/(\w+)-/)![1]);
    assert.deepEqual([...new Set(chunks)], ['de']);
    await assertClean(w, 'German');
  });

  it('speaks Arabic, right to left', async () => {
    const page = await env.newPage();
    const w = await watch(page, origins);
    await page.goto(`${env.publisher.url}/ar.html`);
    await page.getByRole('heading', { name: translated(ar, 'Share this news') }).waitFor();
    const dirs = await page.evaluate(() =>
      ['chime-footer', 'chime-share', 'chime-rating', 'chime-comments'].map(
        (tag) => getComputedStyle(document.querySelector(tag)!).direction,
      ),
    );
    assert.deepEqual(dirs, ['rtl', 'rtl', 'rtl', 'rtl']);
    // Mirrored: the first share link and the first star sit right of the next ones.
    const x = async (l: ReturnType<Page['getByRole']>) => (await l.boundingBox())!.x;
    const inShare = page.locator('chime-share').getByRole('link');
    assert.ok((await x(inShare.nth(0))) > (await x(inShare.nth(1))), 'share links run right to left');
    const stars = page.locator('chime-rating').getByRole('radio');
    assert.ok((await x(stars.nth(0))) > (await x(stars.nth(4))), 'stars run right to left');
    await showThreadIn(page, translated(ar, 'Join the discussion'));
    await assertClean(w, 'Arabic');
  });

  it('inserts the footer after the data-auto element, once, even with chime.js loaded twice', async () => {
    for (const path of ['/auto.html', '/twice.html']) {
      const page = await env.newPage();
      const w = await watch(page, origins);
      await page.goto(`${env.publisher.url}${path}`);
      await page.getByRole('heading', { name: 'Share this news' }).waitFor();
      const placed = await page.evaluate(() => ({
        count: document.querySelectorAll('chime-footer').length,
        afterArticle: document.querySelector('#article')!.nextElementSibling?.localName,
      }));
      assert.deepEqual(placed, { count: 1, afterArticle: 'chime-footer' }, path);
      await page.getByRole('radiogroup', { name: 'Rate this article' }).waitFor();
      await assertClean(w, path);
    }
  });

  it('takes data-lang and data-theme from the script tag', async () => {
    const page = await env.newPage();
    const w = await watch(page, origins);
    await page.goto(`${env.publisher.url}/data.html`);
    await page.getByRole('heading', { name: translated(de, 'Share this news') }).waitFor();
    await page.getByRole('radiogroup', { name: translated(de, 'Rate this article') }).waitFor();
    const themes = await page.evaluate(() =>
      ['chime-footer', 'chime-share', 'chime-rating', 'chime-comments'].map((tag) =>
        document.querySelector(tag)!.getAttribute('theme'),
      ),
    );
    assert.deepEqual(themes, ['dark', 'dark', 'dark', 'dark']);
    await assertClean(w, 'data-*');
  });

  it("loads the thread's code only when a reader nears it, from beside chime.js", async () => {
    const page = await env.newPage({ viewport: { width: 390, height: 844 } });
    const scripts: string[] = [];
    page.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(r.url())));
    await page.goto(`${env.publisher.url}/article.html`);
    await page.getByRole('radiogroup', { name: 'Rate this article' }).waitFor();
    await page.waitForTimeout(500);
    const before = [...scripts];
    assert.equal(await page.getByRole('textbox', { name: 'Join the discussion' }).count(), 0, 'no thread yet');
    await page.locator('chime-comments').scrollIntoViewIfNeeded();
    await page.getByRole('textbox', { name: 'Join the discussion' }).waitFor();
    const later = scripts.filter((url) => !before.includes(url));
    assert.ok(later.length > 0, 'the thread brought code of its own');
    for (const url of later) assert.ok(url.startsWith(`${env.chime.url}/chunks/`), `${url} comes from beside chime.js`);
  });

  it('with no-comments, never downloads the thread or its comments', async () => {
    const page = await env.newPage({ viewport: { width: 390, height: 844 } });
    const w = await watch(page, origins);
    await page.goto(`${env.publisher.url}/no-comments.html`);
    await page.getByRole('radiogroup', { name: 'Rate this article' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(800);
    assert.equal(await page.locator('chime-comments').count(), 0);
    assert.deepEqual(
      w.requests.filter((url) => url.includes('/v1/comments')),
      [],
    );
    const scripts = w.requests.filter((url) => /\.js(\?|$)/.test(url));
    const thread = new Set<string>();
    const full = await env.newPage({ viewport: { width: 390, height: 844 } });
    const w2 = await watch(full, origins);
    await full.goto(`${env.publisher.url}/article.html`);
    await showThread(full);
    for (const url of w2.requests) if (/\.js(\?|$)/.test(url) && !scripts.includes(url)) thread.add(url);
    assert.ok(thread.size > 0, 'the full footer needs code the no-comments one never loaded');
    await assertClean(w, 'no-comments');
  });

  it('causes no layout shift (CLS 0) while booting and while a reader scrolls down to the thread', async () => {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const page = await env.newPage({ viewport });
      // A reader reads: each screen stays until what it asked for has arrived (the live stream aside).
      let inFlight = 0;
      const counted = (url: string) => !url.includes('/v1/events');
      page.on('request', (r) => void (counted(r.url()) && inFlight++));
      page.on('requestfinished', (r) => void (counted(r.url()) && inFlight--));
      page.on('requestfailed', (r) => void (counted(r.url()) && inFlight--));
      const settled = async () => {
        for (let quiet = 0; quiet < 3;) {
          await page.waitForTimeout(100);
          quiet = inFlight === 0 ? quiet + 1 : 0;
        }
      };
      await page.goto(`${env.publisher.url}/article.html`);
      await page.getByRole('radiogroup', { name: 'Rate this article' }).waitFor();
      await settled();
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0; y <= height; y += viewport.height * 0.8) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        await settled();
      }
      await page.getByRole('textbox', { name: 'Join the discussion' }).waitFor();
      await page.waitForTimeout(300);
      const shifts = await layoutShifts(page);
      assert.deepEqual(shifts, [], `layout shifts at ${viewport.width}×${viewport.height}`);
    }
  });

  it('runs the demo article (npm start) under the strict CSP', async () => {
    const page = await env.newPage();
    const w = await watch(page, origins);
    await page.goto(`${env.publisher.url}/demo/index.html`);
    await page.getByRole('heading', { name: 'Share this news' }).waitFor();
    await page.getByRole('radiogroup', { name: 'Rate this article' }).waitFor();
    await showThread(page);
    await page.getByRole('button', { name: 'Inline Feedbacks' }).waitFor();
    // The publisher question's popover (positioned by floating-ui through the CSSOM).
    await page.getByRole('button', { name: /Give feedback on this passage/ }).click();
    await page.getByRole('dialog', { name: /Do you agree\?/ }).waitFor();
    await assertClean(w, 'demo/index.html');
  });

  it('loads the snippets of the docs and README exactly as written', async () => {
    const snippets: { file: string; code: string }[] = [];
    for (const file of ['docs/embedding.md', 'README.md']) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const match of text.matchAll(/```html\n([\s\S]*?)```/g)) {
        const code = match[1]!;
        if (code.includes('chime.js"></script>') && code.includes('<chime-footer></chime-footer>')) snippets.push({ file, code });
      }
    }
    assert.ok(
      snippets.some((s) => s.file === 'docs/embedding.md'),
      'docs/embedding.md has the publisher snippet',
    );
    for (const [i, { file, code }] of snippets.entries()) {
      const origin = code.match(/src="(https?:\/\/[^/"]+)\/chime\.js"/)?.[1];
      assert.ok(origin, `${file}: the snippet loads chime.js from a server`);
      const path = `/snippet-${i}.html`;
      env.publisher.route(path, {
        body: seedArticle({ engagement: code.replaceAll(origin, env.chime.url) }),
        headers: { 'content-security-policy': seedRoutes(env.chime.url)['/article.html']!.headers!['content-security-policy']! },
      });
      const page = await env.newPage();
      const w = await watch(page, origins);
      await page.goto(`${env.publisher.url}${path}`);
      await page.getByRole('heading', { name: 'Share this news' }).waitFor();
      await page.getByRole('radiogroup', { name: 'Rate this article' }).waitFor();
      await showThread(page);
      await assertClean(w, file);
    }
  });
});

/** Computed styles of the page's own elements (outside any footer), and the page's style sheets. */
function pageStyles() {
  const props = [
    'color',
    'background-color',
    'font-family',
    'font-size',
    'font-weight',
    'line-height',
    'text-transform',
    'letter-spacing',
    'margin-top',
    'margin-bottom',
    'padding-top',
    'border-top-width',
    'display',
    'box-sizing',
    'list-style-type',
    'text-align',
    'direction',
  ];
  const styles: Record<string, string> = {};
  Array.from(document.querySelectorAll('body *'))
    .filter((el) => !el.closest('chime-footer') && !['SCRIPT', 'STYLE', 'LINK'].includes(el.tagName))
    .forEach((el, i) => {
      const s = getComputedStyle(el);
      styles[`${i}:${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`] = props.map((p) => s.getPropertyValue(p)).join('|');
    });
  return { styles, adopted: document.adoptedStyleSheets.length, sheets: document.styleSheets.length };
}

async function showThreadIn(page: Page, composer: string) {
  await page.locator('chime-comments').scrollIntoViewIfNeeded();
  await page.getByRole('textbox', { name: composer }).waitFor();
}
