// <chime-rating> end to end: the script tag on a publisher's page (strict CSP, another origin)
// against the reference server, two readers in two browser contexts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { E2E_SKIP, chimeScript, seedArticle, seedRoutes, setup, startRestartableChime, watch } from './harness.js';

type Env = Awaited<ReturnType<typeof setup>>;

/** The rating's visible summary: average and vote count, as a reader reads them. */
async function summary(page: Page): Promise<string> {
  const text = await page.locator('chime-rating').locator('[part="summary"]').innerText();
  return text.replace(/\s+/g, ' ').trim();
}

/** The reader's own rating line ("Your rating: 4 stars" + "Remove my rating"). */
const mine = (page: Page) => page.locator('chime-rating [part="mine"]');

async function expectSummary(page: Page, expected: string): Promise<void> {
  const deadline = Date.now() + 5000;
  let seen = '';
  while (Date.now() < deadline) {
    seen = await summary(page);
    if (seen === expected) return;
    await page.waitForTimeout(50);
  }
  assert.equal(seen, expected);
}

describe('e2e: <chime-rating> against the reference server', { skip: E2E_SKIP ?? false }, () => {
  let env: Env;
  let origins: string[];
  const open = async (page: Page, path: string) => {
    await page.goto(`${env.publisher.url}${path}`);
    await page.getByRole('radiogroup', { name: 'Rate this article' }).waitFor();
  };

  /** What the server holds for a page, asked without any reader token. */
  const stored = async (id: string) => {
    const { rating } = (await (await fetch(`${env.chime.url}/v1/page?page=${encodeURIComponent(id)}`)).json()) as {
      rating: { count: number; average: number };
    };
    return { count: rating.count, average: rating.average };
  };

  before(async () => {
    env = await setup();
    origins = [env.chime.url, env.publisher.url];
    for (const id of ['one', 'two']) {
      const routes = seedRoutes(env.chime.url, {
        path: `/${id}.html`,
        head: chimeScript(env.chime.url),
        engagement: `<chime-rating page="/rating-${id}"></chime-rating>`,
      });
      for (const [path, route] of Object.entries(routes)) env.publisher.route(path, route);
    }
  });

  after(() => env?.close());

  it('rates, changes and removes the rating; the server keeps it', async () => {
    const page = await env.newPage();
    const w = await watch(page, origins);
    await open(page, '/one.html');
    await expectSummary(page, '0 0 votes');
    assert.equal(await page.getByRole('button', { name: 'Remove my rating' }).count(), 0);

    await page.getByRole('radio', { name: '4 stars' }).check();
    await mine(page).filter({ hasText: 'Your rating: 4 stars' }).waitFor();
    await expectSummary(page, '4.0 1 vote');
    assert.ok(await page.getByRole('radio', { name: '4 stars' }).isChecked());

    await page.getByRole('radio', { name: '2 stars' }).check();
    await mine(page).filter({ hasText: 'Your rating: 2 stars' }).waitFor();
    await expectSummary(page, '2.0 1 vote');
    assert.deepEqual(await stored('/rating-one'), { count: 1, average: 2 }, 'the server has one vote of 2');

    await page.getByRole('button', { name: 'Remove my rating' }).click();
    await expectSummary(page, '0 0 votes');
    await page.getByRole('status').filter({ hasText: 'Your rating was removed.' }).waitFor({ state: 'attached' });
    assert.equal(await page.locator('chime-rating [part="mine"]').count(), 0);
    for (const n of [1, 2, 3, 4, 5]) {
      assert.equal(await page.getByRole('radio', { name: n === 1 ? '1 star' : `${n} stars` }).isChecked(), false);
    }

    // The removal is stored: a reload shows no vote.
    await page.reload();
    await page.getByRole('radiogroup', { name: 'Rate this article' }).waitFor();
    await expectSummary(page, '0 0 votes');
    assert.equal(await page.getByRole('button', { name: 'Remove my rating' }).count(), 0);
    assert.equal((await stored('/rating-one')).count, 0, 'the server has no vote');

    assert.deepEqual(await w.cspViolations(), []);
    assert.deepEqual(w.errors, []);
    assert.deepEqual(w.foreign(), []);
  });

  it('keeps one vote per reader across a reload; a second reader sees the average move live', async () => {
    const first = await env.newPage();
    await open(first, '/two.html');
    await first.getByRole('radio', { name: '5 stars' }).check();
    await expectSummary(first, '5.0 1 vote');
    // The summary is optimistic: reload only once the server holds the vote (a first vote also
    // waits for the reader's token), as a reader would after the moment it takes.
    for (let i = 0; i < 100 && (await stored('/rating-two')).count === 0; i++) await first.waitForTimeout(50);
    assert.deepEqual(await stored('/rating-two'), { count: 1, average: 5 });

    // Same reader after a reload: still one vote, theirs, and changing it does not add a vote.
    await first.reload();
    await open(first, '/two.html');
    await mine(first).filter({ hasText: 'Your rating: 5 stars' }).waitFor();
    await expectSummary(first, '5.0 1 vote');
    assert.ok(await first.getByRole('radio', { name: '5 stars' }).isChecked());
    await first.getByRole('radio', { name: '3 stars' }).check();
    await expectSummary(first, '3.0 1 vote');

    // A second reader (own context, own reader token) arrives and sees the first one's vote.
    const second = await env.newPage();
    const w2 = await watch(second, origins);
    await open(second, '/two.html');
    await expectSummary(second, '3.0 1 vote');
    assert.equal(await second.locator('chime-rating [part="mine"]').count(), 0, 'the first reader’s vote is not the second’s');

    // The second votes: the first sees the average move without reloading (Server-Sent Events).
    await second.getByRole('radio', { name: '5 stars' }).check();
    await expectSummary(second, '4.0 2 votes');
    await expectSummary(first, '4.0 2 votes');
    await mine(first).filter({ hasText: 'Your rating: 3 stars' }).waitFor();

    // The first changes theirs: the second sees it live too.
    await first.getByRole('radio', { name: '1 star', exact: true }).check();
    await expectSummary(first, '3.0 2 votes');
    await expectSummary(second, '3.0 2 votes');
    await mine(second).filter({ hasText: 'Your rating: 5 stars' }).waitFor();

    // The first removes theirs: both see one vote.
    await first.getByRole('button', { name: 'Remove my rating' }).click();
    await expectSummary(first, '5.0 1 vote');
    await expectSummary(second, '5.0 1 vote');

    assert.deepEqual(w2.errors, []);
    assert.deepEqual(w2.foreign(), []);
  });

  it('says so when the server is down, rolls back, and saves the rating on "Try again" once it is back', async () => {
    const down = await startRestartableChime({ origins: [env.publisher.url] });
    const page = await env.newPage();
    try {
      // chime.js from the publisher's usual Chime origin; the rating talks to the one that goes down.
      env.publisher.route('/down.html', {
        body: seedArticle({
          head: chimeScript(env.chime.url),
          engagement: `<chime-rating page="/rating-down" backend="${down.url}"></chime-rating>`,
        }),
        headers: {
          'content-security-policy': `default-src 'self'; script-src ${env.chime.url}; connect-src ${env.chime.url} ${down.url}; style-src 'self'; img-src 'self' data:`,
        },
      });
      await open(page, '/down.html');
      await page.getByRole('radio', { name: '4 stars' }).check();
      await expectSummary(page, '4.0 1 vote');

      await down.stop();
      await page.getByRole('radio', { name: '2 stars' }).check();
      const alert = page.getByRole('alert').filter({ hasText: 'Your rating was not saved.' });
      await alert.waitFor();
      assert.match(await alert.innerText(), /could not be reached/);
      // Rolled back to what the server holds.
      await expectSummary(page, '4.0 1 vote');
      await mine(page).filter({ hasText: 'Your rating: 4 stars' }).waitFor();
      assert.ok(await page.getByRole('radio', { name: '4 stars' }).isChecked());

      await down.start();
      await alert.getByRole('button', { name: 'Try again' }).click();
      await mine(page).filter({ hasText: 'Your rating: 2 stars' }).waitFor();
      await expectSummary(page, '2.0 1 vote');
      assert.equal(await page.getByRole('alert').count(), 0, 'the error is gone');
      const res = await fetch(`${down.url}/v1/page?page=/rating-down`);
      const { rating } = (await res.json()) as { rating: { count: number; average: number } };
      assert.deepEqual([rating.count, rating.average], [1, 2], 'the server has the retried vote, once');
    } finally {
      await page.context().close();
      await down.close();
    }
  });
});
