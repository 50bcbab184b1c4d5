// The moderation console end to end: the reference server (moderation "first") serving /admin,
// readers on the publisher's seed article with chime.js, and a moderator working by keyboard.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import type { Page } from 'playwright-core';
import { DIST, E2E_SKIP, axe, chimeScript, describeViolations, seedRoutes, setup, watch } from './harness.js';

type Env = Awaited<ReturnType<typeof setup>>;

const ADMIN = 'e2e-admin-token-0123456789abcdef';
const SSO = 'e2e-sso-secret-0123456789abcdefghij';
const jwt = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(SSO));
const SKIP =
  E2E_SKIP ??
  (existsSync(join(DIST, 'admin', 'moderation.js')) ? null : `${DIST}/admin/moderation.js is not built (npm run build)`);

/** axe on the console, failing with the violations listed. */
async function assertAccessible(admin: Page, state: string) {
  const violations = await axe(admin, 'chime-moderation');
  assert.deepEqual(violations, [], `${state}: ${describeViolations(violations)}`);
}

describe('e2e: moderation console at /admin', { skip: SKIP ?? false }, () => {
  let env: Env;
  let admin: Page;
  const story = '/news/moderated-story';
  const closable = '/news/closable-story';

  before(async () => {
    env = await setup({ chime: { moderation: 'first', adminToken: ADMIN, ssoSecret: SSO } });
    const script = chimeScript(env.chime.url);
    for (const [path, page] of [
      ['/story.html', story],
      ['/closable.html', closable],
    ] as const) {
      const routes = seedRoutes(env.chime.url, {
        path,
        head: script,
        engagement: `<chime-comments page="${page}" eager></chime-comments>`,
      });
      for (const [p, route] of Object.entries(routes)) env.publisher.route(p, route);
    }
    // The same thread for a guest, and for a moderator signed in through the publisher's SSO.
    const moderator = await jwt({ sub: 'ed', name: 'Ed', moderator: true });
    for (const [path, extra] of [
      ['/inline.html', ''],
      ['/inline-mod.html', ` sso-token="${moderator}"`],
    ]) {
      const engagement = `<chime-comments page="/news/inline" eager${extra}></chime-comments>`;
      for (const [p, route] of Object.entries(seedRoutes(env.chime.url, { path: path!, head: script, engagement })))
        env.publisher.route(p, route);
    }
    // axe is injected as a script, which the console's strict CSP refuses: bypass it for axe only.
    admin = await env.newPage({ bypassCSP: true });
  });

  after(() => env?.close());

  async function reader(path = '/story.html'): Promise<Page> {
    const page = await env.newPage();
    await page.goto(env.publisher.url + path);
    await page.getByRole('textbox', { name: 'Join the discussion' }).waitFor();
    return page;
  }

  async function post(page: Page, body: string, name: string, email: string) {
    await page.getByRole('textbox', { name: 'Join the discussion' }).fill(body);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
    await page.getByRole('button', { name: 'Post Comment' }).press('Enter');
  }

  /** Comments in a reader's thread (the seed article is an <article> too). */
  const thread = (page: Page) => page.locator('chime-comments').getByRole('article');

  /** The console's item for a comment, found by its author. */
  const item = (author: string) => admin.getByRole('article', { name: author });

  async function signIn(token: string) {
    await admin.goto(`${env.chime.url}/admin`);
    const field = admin.getByLabel('Admin token');
    await field.focus();
    if (token) await admin.keyboard.type(token);
    await admin.keyboard.press('Enter');
  }

  it('serves /admin under a strict CSP without violations, and refuses a missing or wrong token with no data', async () => {
    const strict = await env.newPage();
    const w = await watch(strict, [env.chime.url]);
    const data: string[] = [];
    strict.on('response', (r) => {
      if (r.url().includes('/v1/moderation/') && r.ok()) data.push(r.url());
    });
    await strict.goto(`${env.chime.url}/admin`);
    await strict.getByRole('heading', { name: 'Sign in to moderate' }).waitFor();
    await strict.getByLabel('Admin token').press('Enter');
    await strict.getByRole('alert').filter({ hasText: 'Enter the admin token' }).waitFor();
    await strict.getByLabel('Admin token').fill('not-the-token');
    await strict.getByLabel('Admin token').press('Enter');
    await strict.getByRole('alert').filter({ hasText: 'That token was not accepted' }).waitFor();
    assert.equal(await strict.getByRole('tablist').count(), 0);
    assert.deepEqual(data, [], 'no moderation data reached the page');
    assert.deepEqual(await w.cspViolations(), []);
    assert.deepEqual(
      w.errors.filter((e) => !/401|Unauthorized/i.test(e)),
      [],
    );

    await signIn('');
    await admin.getByRole('alert').filter({ hasText: 'Enter the admin token' }).waitFor();
    await assertAccessible(admin, 'sign-in error');
  });

  it('follows a moderator’s dark colour scheme, like the page around it, accessibly', async () => {
    const dark = await env.newPage({ colorScheme: 'dark', bypassCSP: true });
    await dark.goto(`${env.chime.url}/admin`);
    await dark.getByRole('heading', { name: 'Sign in to moderate' }).waitFor();
    const colours = await dark.evaluate(() => ({
      page: getComputedStyle(document.body).backgroundColor,
      console: getComputedStyle(document.querySelector('chime-moderation')!).color,
    }));
    // Light text on the dark page (channels over 200), not the light theme's dark text.
    assert.equal(colours.page, 'rgb(17, 17, 17)');
    assert.ok(
      colours.console
        .match(/\d+/g)!
        .slice(0, 3)
        .every((c) => Number(c) > 200),
      colours.console,
    );
    await assertAccessible(dark, 'dark sign-in');
    await dark.close();
  });

  it('holds a first-time guest, approves by keyboard, publishes live, then trusts the author', async () => {
    const author = await reader();
    const other = await reader();
    await post(author, 'My very first comment here.', 'Nia', 'nia@example.org');
    // Pending: its author sees it, marked; the other reader does not.
    const mine = thread(author).filter({ hasText: 'My very first comment here.' });
    await mine.getByText('Awaiting moderation').first().waitFor();
    await other.reload();
    await other.getByRole('textbox', { name: 'Join the discussion' }).waitFor();
    assert.equal(await other.getByText('My very first comment here.').count(), 0);

    await signIn(ADMIN);
    await admin.getByRole('tab', { name: 'Pending (1)' }).waitFor();
    await item('Nia').waitFor();
    await assertAccessible(admin, 'pending queue');
    const text = await item('Nia').innerText();
    assert.match(text, /nia@example\.org/);
    assert.match(text, /r_/, 'reader id');
    assert.match(text, /My very first comment here\./);
    const href = await item('Nia').getByRole('link', { name: story }).getAttribute('href');
    assert.ok(href?.startsWith(`${env.publisher.url}${story}#comment-`), `the link goes to the publisher's page: ${href}`);

    // Keyboard alone: j focuses the comment, a approves it.
    await admin.keyboard.press('j');
    await admin.keyboard.press('a');
    await admin.getByRole('tab', { name: 'Pending (0)' }).waitFor();
    await admin.getByText('No comments wait for approval.').waitFor();
    await admin.getByRole('button', { name: 'Undo' }).waitFor();
    await assertAccessible(admin, 'after approve, undo offered');

    // The other reader sees it without reloading.
    await other.getByRole('button', { name: '1 new comment' }).press('Enter');
    await other.getByText('My very first comment here.').waitFor();

    // Trusted now: the next comment publishes directly.
    await author.reload();
    await post(author, 'A second thought, published at once.', 'Nia', 'nia@example.org');
    const second = thread(author).filter({ hasText: 'A second thought' });
    await second.waitFor();
    assert.equal(await second.getByText('Awaiting moderation').count(), 0);
    await other.getByRole('button', { name: '1 new comment' }).waitFor();
  });

  it('shows a report under "Reported" with its reason, live', async () => {
    const other = await reader();
    const target = thread(other).filter({ hasText: 'My very first comment here.' }).first();
    await target.getByRole('button', { name: 'Report' }).first().press('Enter');
    await other.getByRole('textbox', { name: 'Why are you reporting this comment?' }).fill('Spoils the ending');
    await other.getByRole('button', { name: 'Send report' }).press('Enter');
    await other.getByText('Thank you. A moderator will review this comment.').first().waitFor();

    await admin.getByRole('tab', { name: 'Reported (1)' }).waitFor();
    await admin.getByRole('tab', { name: 'Reported (1)' }).focus();
    await admin.keyboard.press('Enter');
    await item('Nia').filter({ hasText: 'Spoils the ending' }).waitFor();
    assert.match(await item('Nia').innerText(), /1 report/);
    await assertAccessible(admin, 'reported queue');
    // Approving keeps the comment and dismisses the report.
    await admin.keyboard.press('j');
    await admin.keyboard.press('a');
    await admin.getByRole('tab', { name: 'Reported (0)' }).waitFor();
    await admin.getByText('No reported comments.').waitFor();
  });

  it('marks as spam and deletes; both leave the readers’ thread; Undo restores', async () => {
    const author = await reader();
    await post(author, 'Buy cheap watches now!', 'Nia', 'nia@example.org');
    await thread(author).filter({ hasText: 'Buy cheap watches now!' }).first().waitFor();
    await post(author, 'A comment to delete.', 'Nia', 'nia@example.org');
    await thread(author).filter({ hasText: 'A comment to delete.' }).first().waitFor();
    const other = await reader();
    await other.getByText('Buy cheap watches now!').waitFor();
    await other.getByText('A comment to delete.').waitFor();

    await admin.getByRole('tab', { name: /^Recent/ }).focus();
    await admin.keyboard.press('Enter');
    const spam = admin.getByRole('article').filter({ hasText: 'Buy cheap watches now!' });
    await spam.waitFor();
    await spam.focus();
    await admin.keyboard.press('s');
    await admin.getByRole('tab', { name: 'Spam (1)' }).waitFor();
    await other.getByText('Buy cheap watches now!').waitFor({ state: 'detached' });

    const doomed = admin.getByRole('article').filter({ hasText: 'A comment to delete.' });
    await doomed.getByRole('button', { name: 'Delete' }).focus();
    await admin.keyboard.press('Enter');
    await other.getByText('A comment to delete.').waitFor({ state: 'detached' });
    // Undo the delete by keyboard: it comes back for readers.
    await admin.getByText('Deleted: 1 comment.', { exact: true }).waitFor();
    await admin.getByRole('button', { name: 'Undo', disabled: false }).waitFor();
    await admin.keyboard.press('u');
    await admin.getByRole('article').filter({ hasText: 'A comment to delete.' }).waitFor();
    await other.reload();
    await other.getByText('A comment to delete.').waitFor();
    assert.equal(await other.getByText('Buy cheap watches now!').count(), 0);
    await assertAccessible(admin, 'recent queue after undo');
  });

  it('bans a reader with a clear message for further posts, and Undo lifts the ban', async () => {
    const troll = await reader();
    await post(troll, 'First post from a troll.', 'Tor', 'tor@example.org');
    await admin.getByRole('tab', { name: /^Pending/ }).focus();
    await admin.keyboard.press('Enter');
    await item('Tor').waitFor();
    await item('Tor').getByRole('button', { name: 'Ban…' }).focus();
    await admin.keyboard.press('Enter');
    const form = admin.getByRole('form', { name: 'Ban Tor' });
    await form.waitFor();
    await form.getByLabel('Duration').selectOption({ label: '7 days' });
    await form.getByLabel('Reason (optional, for the log)').fill('Trolling');
    await assertAccessible(admin, 'ban form');
    await form.getByRole('button', { name: 'Ban', exact: true }).focus();
    await admin.keyboard.press('Enter');
    await admin.getByText('Banned: 2 bans.', { exact: true }).waitFor();

    await post(troll, 'Trying again after the ban.', 'Tor', 'tor@example.org');
    await troll.getByText('You can no longer take part in this discussion.').first().waitFor();

    await admin.getByRole('button', { name: 'Undo' }).focus();
    await admin.keyboard.press('Enter');
    await admin.getByText('Undone: banned.').waitFor({ state: 'attached' });
    const res = await fetch(`${env.chime.url}/v1/moderation/bans`, { headers: { authorization: `Bearer ${ADMIN}` } });
    assert.deepEqual((await res.json()).bans, []);
    await post(troll, 'Back after the ban was lifted.', 'Tor', 'tor@example.org');
    await thread(troll).filter({ hasText: 'Back after the ban was lifted.' }).first().waitFor();
  });

  it('closes a page’s comments (readers see it closed) and reopens them', async () => {
    const before = await reader('/closable.html');
    assert.equal(await before.getByRole('textbox', { name: 'Join the discussion' }).count(), 1);
    await admin.getByLabel('Page', { exact: true }).fill(closable);
    await admin.getByLabel('Page', { exact: true }).press('Enter');
    await admin.getByRole('button', { name: 'Close comments' }).focus();
    await admin.keyboard.press('Enter');
    await admin.getByRole('button', { name: 'Reopen comments' }).waitFor();
    await assertAccessible(admin, 'page closed');

    const closed = await env.newPage();
    await closed.goto(env.publisher.url + '/closable.html');
    await closed.getByText('Comments are closed.').waitFor();
    assert.equal(await closed.getByRole('textbox', { name: 'Join the discussion' }).count(), 0);

    await admin.getByRole('button', { name: 'Reopen comments' }).press('Enter');
    await admin.getByRole('button', { name: 'Close comments' }).waitFor();
    await reader('/closable.html');
  });

  it('lists every action in the Log tab: who, what, when', async () => {
    await admin.getByRole('tab', { name: 'Log' }).focus();
    await admin.keyboard.press('Enter');
    const table = admin.getByRole('table');
    await table.waitFor();
    const text = await table.innerText();
    for (const what of [
      'Approved',
      'Dismissed reports',
      'Marked as spam',
      'Deleted',
      'Banned',
      'Lifted ban',
      'Changed page settings',
    ]) {
      assert.match(text, new RegExp(what), `log lists "${what}"`);
    }
    assert.match(text, /Admin token/);
    assert.match(text, /email:tor@example\.org/);
    // Details from each entry's data, in the console's language (here English).
    assert.match(text, /Trolling · Until \w{3} \d{1,2}, \d{4}/, 'the ban’s reason and end');
    assert.match(text, /Before: Published/, 'the status a comment had');
    assert.match(text, /Comments: Closed/, 'the page setting');
    assert.match(text, /\b1 report\b/, 'how many reports');
    assert.match(text, new RegExp(closable));
    await assertAccessible(admin, 'log');

    // The keyboard help, and signing out.
    await admin.keyboard.press('?');
    await admin.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await assertAccessible(admin, 'keyboard help');
    await admin.keyboard.press('Escape');
    await admin.getByRole('button', { name: 'Sign out' }).press('Enter');
    await admin.getByLabel('Admin token').waitFor();
  });

  it('signs a moderator in through the publisher’s SSO (moderator claim), and refuses a reader’s', async () => {
    const reader = await env.newPage();
    await reader.goto(`${env.chime.url}/admin#sso=${await jwt({ sub: 'rita', name: 'Rita' })}`);
    await reader.getByRole('alert').filter({ hasText: 'not a moderator' }).waitFor();
    assert.equal(await reader.getByRole('tablist').count(), 0);

    const mod = await env.newPage({ bypassCSP: true });
    await mod.goto(`${env.chime.url}/admin#sso=${await jwt({ sub: 'ed', name: 'Ed', moderator: true })}`);
    await mod.getByRole('tab', { name: /^Pending/ }).waitFor();
    assert.equal(new URL(mod.url()).hash, '', 'the token left the address bar');
    await mod.getByLabel('Page', { exact: true }).fill(closable);
    await mod.getByLabel('Page', { exact: true }).press('Enter');
    await mod.getByRole('button', { name: 'Close rating' }).press('Enter');
    await mod.getByRole('button', { name: 'Reopen rating' }).waitFor();
    await mod.getByRole('tab', { name: 'Log' }).press('Enter');
    await mod.getByRole('table').getByText('sso:ed').first().waitFor();
    const violations = await axe(mod, 'chime-moderation');
    assert.deepEqual(violations, [], describeViolations(violations));
  });
  it('inline: a moderator signed in through SSO approves, bans and deletes in the normal thread', async () => {
    const author = await reader('/inline.html');
    await post(author, 'Held, then approved inline.', 'Ola', 'ola@example.org');
    await thread(author)
      .filter({ hasText: 'Held, then approved inline.' })
      .first()
      .getByText('Awaiting moderation')
      .first()
      .waitFor();
    const other = await reader('/inline.html');
    assert.equal(await other.getByText('Held, then approved inline.').count(), 0);

    const mod = await env.newPage({ bypassCSP: true });
    await mod.goto(env.publisher.url + '/inline-mod.html');
    const held = thread(mod).filter({ hasText: 'Held, then approved inline.' }).first();
    await held.getByRole('button', { name: 'Approve' }).waitFor();
    const violations = await axe(mod, 'chime-comments');
    assert.deepEqual(violations, [], describeViolations(violations));
    await held.getByRole('button', { name: 'Approve' }).press('Enter');
    await mod.getByText('The comment was approved and is now visible to everyone.').first().waitFor();
    await other.getByRole('button', { name: '1 new comment' }).press('Enter');
    await other.getByText('Held, then approved inline.').waitFor();

    await held.getByRole('button', { name: 'Ban' }).press('Enter');
    await mod.getByRole('button', { name: 'Yes, ban' }).press('Enter');
    await mod.getByText('The author was banned.').first().waitFor();
    await author.reload();
    await post(author, 'Posting while banned.', 'Ola', 'ola@example.org');
    await author.getByText('You can no longer take part in this discussion.').first().waitFor();

    await held.getByRole('button', { name: 'Delete' }).press('Enter');
    await mod.getByRole('button', { name: 'Yes, delete' }).press('Enter');
    await mod.getByText('The comment was deleted.').first().waitFor();
    await other.reload();
    await other.getByRole('textbox', { name: 'Join the discussion' }).waitFor();
    assert.equal(await other.getByText('Held, then approved inline.').count(), 0);

    // Readers see none of it.
    assert.equal(await thread(other).getByRole('button', { name: 'Ban' }).count(), 0);
  });

  it("speaks the moderator's language; the Language picker switches it live, right to left for Arabic, and remembers it", async () => {
    // The first test holds the page to its strict CSP; axe needs it bypassed.
    const page = await env.newPage({ locale: 'de-DE', bypassCSP: true });
    const w = await watch(page, [env.chime.url]);
    await page.goto(`${env.chime.url}/admin`);
    await page.getByRole('heading', { name: 'Chime-Moderation', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Zum Moderieren anmelden' }).waitFor();
    await page.getByLabel('Admin-Token').fill(ADMIN);
    await page.getByLabel('Admin-Token').press('Enter');
    await page.getByRole('tab', { name: /^Ausstehend/ }).waitFor();
    await page.getByRole('tab', { name: 'Protokoll' }).waitFor();
    await page.getByRole('button', { name: 'Tastenkürzel' }).waitFor();

    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('ar');
    await page.getByRole('tab', { name: /^قيد الانتظار/ }).waitFor();
    await page.getByRole('heading', { name: 'إشراف Chime', level: 1 }).waitFor();
    assert.equal(
      await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir, document.title].join(' ')),
      'ar rtl إشراف Chime',
    );
    assert.equal(await page.locator('chime-moderation').getAttribute('dir'), 'rtl');
    // The console's start is on the right: the tab list begins at its right edge.
    const [tablist, first] = await Promise.all([
      page.getByRole('tablist').boundingBox(),
      page.getByRole('tab', { name: /^قيد الانتظار/ }).boundingBox(),
    ]);
    assert.ok(tablist && first && Math.abs(tablist.x + tablist.width - (first.x + first.width)) < 2, 'first tab at the right');
    const violations = await axe(page, 'chime-moderation');
    assert.deepEqual(violations, [], describeViolations(violations));

    // Remembered in this browser: the page comes back in Arabic, still signed in.
    await page.reload();
    await page.getByRole('tab', { name: /^قيد الانتظار/ }).waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'اللغة' }).inputValue(), 'ar');
    await page.getByRole('combobox', { name: 'اللغة' }).selectOption('en');
    await page.getByRole('tab', { name: /^Pending/ }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
    assert.deepEqual(w.errors, []);
  });
});
