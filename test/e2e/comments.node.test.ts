// <chime-comments> end to end: the script tag on a publisher's page (strict CSP, another origin)
// against the reference server, readers in separate browser contexts.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { XSS_PAYLOADS } from '../xss-payloads.js';
import {
  E2E_SKIP,
  axe,
  chimeScript,
  describeViolations,
  seedArticle,
  seedRoutes,
  setup,
  startChime,
  startRestartableChime,
  watch,
  type ChimeInstance,
} from './harness.js';

type Env = Awaited<ReturnType<typeof setup>>;
const ADMIN = 'e2e-admin-token';

interface ApiComment {
  id: string;
  status: string;
  body: string;
}

/** Writes straight to a Chime server as one reader (seeding, and checking what it stored). */
async function apiReader(base: string) {
  const { token } = (await (await fetch(`${base}/v1/readers`, { method: 'POST', body: '{}' })).json()) as { token: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    post: (page: string, body: string, name = 'Seeder', parentId: string | null = null) =>
      call<ApiComment>('POST', '/v1/comments', { page, body, parentId, author: { name } }),
    call,
  };
}

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server (smtp-server) keeping what the Chime server sends, plain text decoded. */
function mailbox() {
  const mails: Mail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
      stream.on('end', () => {
        const [head, ...rest] = raw.split(/\r?\n\r?\n/);
        const subject = /^subject:\s*(.*)$/im.exec(head!.replace(/\r?\n[ \t]+/g, ' '))?.[1] ?? '';
        let text = rest.join('\n\n');
        if (/quoted-printable/i.test(head!)) {
          text = Buffer.from(
            text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8');
        }
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject, text });
        callback();
      });
    },
  });
  return {
    mails,
    listen: () =>
      new Promise<string>((resolve) =>
        smtp.listen(0, '127.0.0.1', () => resolve(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`)),
      ),
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
    /** The first mail to `to` whose subject matches, after the first `skip` mails. */
    async next(to: string, subject: RegExp, skip = 0): Promise<Mail> {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const mail = mails.slice(skip).find((m) => m.to.includes(to) && subject.test(m.subject));
        if (mail) return mail;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no mail to ${to} matching ${subject}; got ${JSON.stringify(mails.map((m) => [m.to, m.subject]))}`);
    },
  };
}

/** The comment `<article>` showing `text`. */
const comment = (page: Page, text: string | RegExp) =>
  page.locator('chime-comments article').filter({ has: page.locator('[part="body"]', { hasText: text }) });

/** Scrolls to the thread (it loads near the viewport) and waits for the composer. */
async function showThread(page: Page) {
  await page.locator('chime-comments').scrollIntoViewIfNeeded();
  try {
    await page.getByRole('textbox', { name: 'Join the discussion' }).waitFor();
  } catch (error) {
    // Say what the thread shows instead (an error box, a skeleton, nothing).
    const shown = await page
      .locator('chime-comments')
      .evaluate((el) =>
        customElements.get('chime-comments')
          ? `${el.shadowRoot?.textContent?.replace(/\s+/g, ' ').slice(0, 500)}`
          : 'nothing: <chime-comments> is not defined (chime.js or one of its chunks did not load; was dist/ rebuilt meanwhile?)',
      );
    throw new Error(`${(error as Error).message}\nThe thread shows: ${shown}`);
  }
}

async function postAsGuest(page: Page, body: string, name: string, email = '') {
  await page.getByRole('textbox', { name: 'Join the discussion' }).fill(body);
  await page.getByRole('textbox', { name: 'Name', exact: true }).first().fill(name);
  if (email) await page.getByRole('textbox', { name: 'Email', exact: true }).first().fill(email);
  await page.getByRole('button', { name: 'Post Comment' }).click();
}

describe('e2e: <chime-comments> against the reference server', { skip: E2E_SKIP ?? false }, () => {
  let env: Env;
  let origins: string[];
  let n = 0;

  /** A seed article at a fresh path whose thread is page `/<id>`; returns the path and page id. */
  function article(attrs = '', chimeUrl = env.chime.url): { path: string; id: string } {
    const id = `thread-${++n}`;
    const routes = seedRoutes(chimeUrl, {
      path: `/${id}.html`,
      head: chimeScript(chimeUrl),
      engagement: `<chime-comments page="/${id}"${attrs ? ` ${attrs}` : ''}></chime-comments>`,
    });
    for (const [path, route] of Object.entries(routes)) env.publisher.route(path, route);
    return { path: `${env.publisher.url}/${id}.html`, id: `/${id}` };
  }

  const mail = mailbox();

  before(async () => {
    const smtp = await mail.listen();
    env = await setup({ chime: { adminToken: ADMIN, smtp, outboxPollMs: 100, mailFrom: 'Chime <chime@example.org>' } });
    origins = [env.chime.url, env.publisher.url];
  });

  after(async () => {
    await env?.close();
    await mail.close();
  });

  /** A page in a fresh context (its own reader), failing fast. */
  const newPage = async () => {
    const page = await env.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };

  it('posts as a guest, then reply, votes, edit, delete and report between two readers', async () => {
    const { path, id } = article();
    const ada = await newPage();
    const w = await watch(ada, origins);
    await ada.goto(path);
    await showThread(ada);
    await ada.getByRole('heading', { name: '0 Comments' }).waitFor();

    await postAsGuest(ada, 'The *council* vote was **close**.', 'Ada Lovelace', 'ada@example.org');
    const first = comment(ada, 'The council vote was close.');
    await first.waitFor();
    await ada.getByRole('heading', { name: '1 Comment' }).waitFor();
    assert.equal(await first.locator('em').innerText(), 'council', 'markdown emphasis');
    assert.equal(await first.locator('strong', { hasText: 'close' }).count(), 1, 'markdown strong');
    assert.equal(await first.locator('[part="avatar"]').innerText(), 'AL', 'initials avatar');
    assert.equal(await ada.getByRole('textbox', { name: 'Join the discussion' }).inputValue(), '', 'composer cleared');
    assert.equal(
      await first.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
      true,
      'the new comment has focus',
    );
    // Its author may edit and delete it, not vote on it or report it.
    await first.getByRole('button', { name: 'Edit' }).waitFor();
    assert.equal(await first.getByRole('button', { name: 'Upvote' }).count(), 0);
    assert.equal(await first.getByRole('button', { name: 'Report' }).count(), 0);

    // A second reader: votes (toggling), replies, reports.
    const bob = await newPage();
    const w2 = await watch(bob, origins);
    await bob.goto(path);
    await showThread(bob);
    const seen = comment(bob, 'The council vote was close.');
    await seen.waitFor();
    assert.equal(await seen.getByRole('button', { name: 'Edit' }).count(), 0, 'not the author');
    const up = seen.getByRole('button', { name: 'Upvote' });
    const down = seen.getByRole('button', { name: 'Downvote' });
    await up.click();
    await seen.getByText('1 point', { exact: true }).waitFor({ state: 'attached' });
    assert.equal(await up.getAttribute('aria-pressed'), 'true');
    await down.click();
    await seen.getByText(/^-1 points?$/).waitFor({ state: 'attached' });
    assert.equal(await up.getAttribute('aria-pressed'), 'false');
    assert.equal(await down.getAttribute('aria-pressed'), 'true');
    await down.click();
    await seen.getByText('0 points', { exact: true }).waitFor({ state: 'attached' });
    await up.click();
    await seen.getByText('1 point', { exact: true }).waitFor({ state: 'attached' });

    await seen.getByRole('button', { name: 'Reply' }).click();
    const replyBox = bob.getByRole('textbox', { name: 'Reply to Ada Lovelace' });
    assert.ok(
      await replyBox.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
      'the reply composer takes focus',
    );
    await replyBox.fill('It was 5 to 4.');
    await bob.getByRole('textbox', { name: 'Name', exact: true }).last().fill('Bob');
    await bob.getByRole('button', { name: 'Post Reply' }).click();
    const reply = comment(bob, 'It was 5 to 4.');
    await reply.waitFor();
    // Nested under Ada's comment, in the tree assistive technology reads.
    await bob.getByRole('list', { name: 'Replies to Ada Lovelace' }).getByText('It was 5 to 4.').waitFor();
    await bob.getByRole('heading', { name: '2 Comments' }).waitFor();

    await seen.getByRole('button', { name: 'Report' }).click();
    const reason = bob.getByRole('textbox', { name: 'Why are you reporting this comment?' });
    await bob.getByRole('button', { name: 'Send report' }).click();
    await bob.getByText('Please say why you report this comment.').waitFor();
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    await reason.fill('Off topic');
    await bob.getByRole('button', { name: 'Send report' }).click();
    await seen.getByText('Thank you. A moderator will review this comment.').waitFor();
    assert.equal(await seen.getByRole('button', { name: 'Report' }).count(), 0, 'reported once');
    const reported = (await (
      await fetch(`${env.chime.url}/v1/moderation/comments?queue=reported`, { headers: { authorization: `Bearer ${ADMIN}` } })
    ).json()) as { comments: { body: string }[] };
    assert.ok(
      reported.comments.some((c) => c.body === 'The *council* vote was **close**.'),
      'the moderators see the report',
    );

    // The author edits: both readers see the new text (the other one live), marked edited.
    await ada.reload();
    await showThread(ada);
    const mine = comment(ada, 'The council vote was close.');
    await mine.getByText('1 point', { exact: true }).waitFor({ state: 'attached' });
    await mine.getByRole('button', { name: 'Edit' }).click();
    const edit = ada.getByRole('textbox', { name: 'Edit your comment' });
    assert.equal(await edit.inputValue(), 'The *council* vote was **close**.');
    await edit.fill('The council vote was close: 5 to 4.');
    await ada.getByRole('button', { name: 'Save' }).click();
    const edited = comment(ada, 'The council vote was close: 5 to 4.');
    await edited.getByText('(edited)').waitFor();
    await comment(bob, 'The council vote was close: 5 to 4.').waitFor();

    // Deleting a comment with a reply leaves a marker; the reply stays.
    await edited.getByRole('button', { name: 'Delete' }).click();
    await ada.getByRole('button', { name: 'Yes, delete' }).click();
    await ada.getByText('This comment was deleted').waitFor();
    await comment(ada, 'It was 5 to 4.').waitFor();
    assert.equal(await comment(ada, 'The council vote was close').count(), 0);
    await bob.getByText('This comment was deleted').waitFor();
    const list = (await (await fetch(`${env.chime.url}/v1/comments?page=${encodeURIComponent(id)}`)).json()) as {
      comments: { status: string; body: string }[];
    };
    assert.equal(list.comments[0]!.status, 'deleted');
    assert.equal(list.comments[0]!.body, '');

    // Bob's reply, without replies of its own, disappears when he deletes it.
    await bob.reload();
    await showThread(bob);
    const gone = comment(bob, 'It was 5 to 4.');
    await gone.getByRole('button', { name: 'Delete' }).click();
    await bob.getByRole('button', { name: 'Cancel' }).click();
    await gone.waitFor();
    await gone.getByRole('button', { name: 'Delete' }).click();
    await bob.getByRole('button', { name: 'Yes, delete' }).click();
    await gone.waitFor({ state: 'detached' });

    for (const [label, x] of [
      ['ada', w],
      ['bob', w2],
    ] as const) {
      assert.deepEqual(await x.cspViolations(), [], `${label}: CSP`);
      assert.deepEqual(x.errors, [], `${label}: errors`);
      assert.deepEqual(x.foreign(), [], `${label}: foreign requests`);
    }
  });

  it("lands the server's 422 field errors on the composer's fields", async () => {
    const { path } = article();
    const page = await newPage();
    await page.goto(path);
    await showThread(page);
    // The client checks what the server checks, so a client with older rules is played here:
    // the request on the wire carries a name the server refuses.
    const statuses: number[] = [];
    await page.route('**/v1/comments', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      const body = JSON.parse(request.postData()!);
      body.author.name = 'N'.repeat(200);
      const response = await route.fetch({ postData: JSON.stringify(body) });
      statuses.push(response.status());
      await route.fulfill({ response });
    });
    await postAsGuest(page, 'A comment the server refuses.', 'Nat');
    const name = page.getByRole('textbox', { name: 'Name', exact: true });
    await page.getByText('Names are limited to 80 characters.').waitFor();
    assert.deepEqual(statuses, [422]);
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    const describedBy = await name.getAttribute('aria-describedby');
    assert.ok(describedBy);
    assert.equal(
      await name.evaluate((el, id) => (el.getRootNode() as ShadowRoot).getElementById(id)?.textContent?.trim(), describedBy),
      'Names are limited to 80 characters.',
    );
    assert.equal(
      await name.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
      true,
      'focus on the invalid field',
    );
    assert.equal(await page.getByRole('textbox', { name: 'Join the discussion' }).inputValue(), 'A comment the server refuses.');
    assert.equal(await page.getByRole('textbox', { name: 'Join the discussion' }).getAttribute('aria-invalid'), 'false');
    await page.getByRole('heading', { name: '0 Comments' }).waitFor();

    // Fixed on the wire, the same form posts.
    await page.unroute('**/v1/comments');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await comment(page, 'A comment the server refuses.').waitFor();
    assert.equal(await name.getAttribute('aria-invalid'), 'false');
  });

  it('with `--moderation first`, shows a first-time guest their comment "Awaiting moderation", to them only', async () => {
    const moderated: ChimeInstance = await startChime({ moderation: 'first', origins: [env.publisher.url], adminToken: ADMIN });
    const pages: Page[] = [];
    try {
      const { path, id } = article('', moderated.url);
      const author = await newPage();
      pages.push(author);
      await author.goto(path);
      await showThread(author);
      await postAsGuest(author, 'My very first comment here.', 'Newcomer');
      const pending = comment(author, 'My very first comment here.');
      await pending.getByText('Awaiting moderation').waitFor();
      await author
        .getByRole('status')
        .filter({ hasText: 'Your comment was posted and is awaiting moderation.' })
        .waitFor({ state: 'attached' });
      assert.equal(await pending.getByRole('button', { name: 'Reply' }).count(), 0, 'no replies to a pending comment');
      // Still theirs after a reload; the public count does not include it.
      await author.reload();
      await showThread(author);
      await comment(author, 'My very first comment here.').getByText('Awaiting moderation').waitFor();
      await author.getByRole('heading', { name: '0 Comments' }).waitFor();

      const other = await newPage();
      pages.push(other);
      await other.goto(path);
      await showThread(other);
      await other.getByText('No comments yet. Be the first to comment.').waitFor();
      assert.equal(await comment(other, 'My very first comment here.').count(), 0, 'hidden from other readers');

      // Approved, it is published for everyone (the other reader live), no longer marked.
      const list = (await (
        await fetch(`${moderated.url}/v1/moderation/comments?queue=pending`, { headers: { authorization: `Bearer ${ADMIN}` } })
      ).json()) as { comments: { id: string; page: string }[] };
      const target = list.comments.find((c) => c.page === id);
      assert.ok(target, 'in the pending queue');
      const approved = await fetch(`${moderated.url}/v1/moderation/comments/${target.id}/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      assert.equal(approved.status, 200);
      await other.reload();
      await showThread(other);
      await comment(other, 'My very first comment here.').waitFor();
      await other.getByRole('heading', { name: '1 Comment' }).waitFor();
      assert.equal(await comment(other, 'My very first comment here.').getByText('Awaiting moderation').count(), 0);
    } finally {
      // Readers leave first: a server's close waits for their open event streams.
      await Promise.all(pages.map((p) => p.context().close()));
      await moderated.close();
    }
  });

  it('announces comments from another reader as "N new comments" without moving the thread', async () => {
    const { path } = article();
    const reader = await newPage();
    await reader.goto(path);
    await showThread(reader);
    await reader.getByText('No comments yet. Be the first to comment.').waitFor();
    await postAsGuest(reader, 'Mine, first.', 'Reader');
    await comment(reader, 'Mine, first.').waitFor();

    const writer = await newPage();
    await writer.goto(path);
    await showThread(writer);
    await postAsGuest(writer, 'Live one.', 'Writer');
    await comment(writer, 'Live one.').waitFor();
    const one = reader.getByRole('button', { name: '1 new comment' });
    await one.waitFor();
    assert.equal(await comment(reader, 'Live one.').count(), 0, 'not inserted under the reader’s eyes');
    await postAsGuest(writer, 'Live two.', 'Writer');
    await reader.getByRole('button', { name: '2 new comments' }).waitFor();
    await reader.getByRole('status').filter({ hasText: '2 new comments' }).waitFor({ state: 'attached' });

    await reader.getByRole('button', { name: '2 new comments' }).click();
    await comment(reader, 'Live one.').waitFor();
    await comment(reader, 'Live two.').waitFor();
    assert.equal(await reader.getByRole('button', { name: /new comments?$/ }).count(), 0);
    await reader.getByRole('heading', { name: '3 Comments' }).waitFor();
    const focused = await reader.evaluate(
      () => document.querySelector('chime-comments')!.shadowRoot!.activeElement?.querySelector('[part="body"]')?.textContent,
    );
    assert.ok(['Live one.', 'Live two.'].includes(focused?.trim() ?? ''), `focus on a new comment (${focused})`);
  });

  it('keeps the draft while the server is down, shows the error with "Try again", and posts once it is back', async () => {
    const down = await startRestartableChime({ origins: [env.publisher.url] });
    let page: Page | undefined;
    try {
      // chime.js comes from the publisher's usual Chime origin; the thread talks to the one that goes down.
      const id = `thread-${++n}`;
      env.publisher.route(`/${id}.html`, {
        body: seedArticle({
          head: chimeScript(env.chime.url),
          engagement: `<chime-comments page="/${id}" backend="${down.url}"></chime-comments>`,
        }),
        headers: {
          'content-security-policy': `default-src 'self'; script-src ${env.chime.url}; connect-src ${env.chime.url} ${down.url}; style-src 'self'; img-src 'self' data:`,
        },
      });
      const path = `${env.publisher.url}/${id}.html`;
      page = await newPage();
      await page.goto(path);
      await showThread(page);
      await page.getByText('No comments yet. Be the first to comment.').waitFor();

      await down.stop();
      const draft = 'A thought I do not want to lose.';
      await postAsGuest(page, draft, 'Persistent', 'p@example.org');
      const alert = page.getByRole('alert').filter({ hasText: 'The comment server could not be reached.' });
      await alert.waitFor();
      assert.equal(await page.getByRole('textbox', { name: 'Join the discussion' }).inputValue(), draft);
      assert.equal(await page.getByRole('button', { name: 'Post Comment' }).isEnabled(), true, 'the post can be retried');

      // A reload while the server is still down: the thread says so and offers "Try again"; the draft is back.
      await page.reload();
      await page.locator('chime-comments').scrollIntoViewIfNeeded();
      const retry = page.locator('chime-comments').getByRole('button', { name: 'Try again' });
      await retry.waitFor();
      await page.getByRole('alert').filter({ hasText: 'could not be reached' }).first().waitFor();
      const box = page.getByRole('textbox', { name: 'Join the discussion' });
      assert.equal(await box.inputValue(), draft, 'the draft survived the failed post and the reload');
      // The guest's name is remembered only once a post succeeded: type it again.
      await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Persistent');

      await down.start();
      await retry.click();
      await page.getByText('No comments yet. Be the first to comment.').waitFor();
      await page.getByRole('button', { name: 'Post Comment' }).click();
      await comment(page, draft).waitFor();
      await page.getByRole('heading', { name: '1 Comment' }).waitFor();
      assert.equal(await box.inputValue(), '');

      // Posted once, and the draft is gone for good.
      await page.reload();
      await showThread(page);
      await comment(page, draft).waitFor();
      assert.equal(await comment(page, draft).count(), 1);
      assert.equal(await page.getByRole('textbox', { name: 'Join the discussion' }).inputValue(), '');
    } finally {
      await page?.context().close();
      await down.close();
    }
  });

  it('"View all comments" loads the rest; #comment-<id> loads, scrolls to and highlights a comment', async () => {
    const { path, id } = article();
    const seeder = await apiReader(env.chime.url);
    const top: ApiComment[] = [];
    for (let i = 1; i <= 14; i++) top.push(await seeder.post(id, `Top-level comment number ${i}.`));
    const deep = await seeder.post(id, 'A reply deep in the oldest thread.', 'Replier', top[0]!.id);

    const page = await newPage();
    await page.goto(path);
    await showThread(page);
    await page.getByRole('heading', { name: '15 Comments' }).waitFor();
    const shown = page.locator('chime-comments [part="list"] > li');
    await comment(page, 'Top-level comment number 14.').waitFor();
    assert.equal(await shown.count(), 10, 'the first page-size (10) top-level comments');
    assert.equal(await comment(page, 'Top-level comment number 4.').count(), 0);
    await page.getByRole('button', { name: 'View all comments' }).click();
    await comment(page, 'Top-level comment number 1.').waitFor();
    assert.equal(await shown.count(), 14);
    await comment(page, 'A reply deep in the oldest thread.').waitFor();
    assert.equal(await page.getByRole('button', { name: /View all comments|Load more comments/ }).count(), 0);

    // A deep link to a comment that is not on the first page.
    const linked = await newPage();
    await linked.goto(`${path}#comment-${deep.id}`);
    await linked.locator('chime-comments').scrollIntoViewIfNeeded();
    const target = comment(linked, 'A reply deep in the oldest thread.');
    await target.waitFor();
    await linked.waitForFunction((id) => {
      const root = document.querySelector('chime-comments')!.shadowRoot!;
      return root.activeElement?.id === `comment-${id}`;
    }, deep.id);
    assert.match((await target.getAttribute('class')) ?? '', /highlight/);
    assert.ok(await target.isVisible());
    const box = (await target.boundingBox())!;
    const viewport = linked.viewportSize()!;
    assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `scrolled into view (y=${box.y})`);
    assert.equal(await linked.locator('chime-comments [part="list"] > li').count(), 14);
  });

  it('shows XSS payloads posted through the server as text: no dialog, no script, no external request', async () => {
    const { path, id } = article('page-size="100"');
    const seeder = await apiReader(env.chime.url);
    const accepted: string[] = [];
    for (const payload of XSS_PAYLOADS) {
      // The same payload as the body and, cut to the 80 characters the server allows, as the name.
      const name = payload.trim().slice(0, 80) || 'x';
      try {
        await seeder.post(id, payload, name);
        accepted.push(payload);
      } catch (error) {
        // A payload the server refuses outright (e.g. too many links) never reaches a reader.
        assert.match(String(error), / 422 /, `${JSON.stringify(payload)} refused only by validation`);
      }
    }
    assert.ok(accepted.length >= 40, `most payloads are stored as text (${accepted.length})`);

    const page = await newPage();
    const w = await watch(page, origins);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(path);
    await showThread(page);
    // One more through the composer, as a reader would type it.
    await postAsGuest(page, '<img src=x onerror=alert(1)> typed', '<svg onload=alert(1)>');
    await comment(page, '<img src=x onerror=alert(1)> typed').waitFor();
    await page.getByRole('heading', { name: `${accepted.length + 1} Comments` }).waitFor();

    const found = await page.evaluate(() => {
      const root = document.querySelector('chime-comments')!.shadowRoot!;
      const bodies = [...root.querySelectorAll('[part="body"]')];
      // Inside what shows reader text (bodies, author lines), only the markdown subset may appear.
      const bad = [...root.querySelectorAll('[part="body"] *, article header *')].filter(
        (el) => !['P', 'BR', 'EM', 'STRONG', 'CODE', 'PRE', 'BLOCKQUOTE', 'A', 'SPAN', 'TIME'].includes(el.tagName),
      );
      const handlers = [...root.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}[${a.name}]`),
      );
      const links = [...root.querySelectorAll('[part="body"] a')].map((a) => ({
        href: a.getAttribute('href') ?? '',
        rel: a.getAttribute('rel') ?? '',
      }));
      const names = [...root.querySelectorAll('article header strong')].map((s) => s.textContent ?? '');
      return {
        count: bodies.length,
        text: bodies.map((b) => b.textContent ?? ''),
        bad: [...bad].map((el) => el.tagName),
        handlers,
        links,
        names,
      };
    });
    assert.equal(found.count, accepted.length + 1);
    assert.deepEqual(found.bad, [], 'no element from reader text');
    assert.deepEqual(found.handlers, [], 'no event handler attribute');
    for (const link of found.links) {
      // Bare URLs become links (a link loads nothing); never a script, data or protocol-relative URL.
      assert.match(link.href, /^(https?:\/\/|mailto:)/i, `safe link ${link.href}`);
      assert.equal(link.rel, 'nofollow ugc noopener');
    }
    // Payloads that are plain HTML show as the very characters the reader typed.
    for (const payload of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>']) {
      assert.ok(
        found.text.some((t) => t.trim() === payload),
        `${payload} shown as text`,
      );
      assert.ok(
        found.names.some((t) => t === payload),
        `${payload} shown as a name`,
      );
    }
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, [], 'no dialog');
    assert.deepEqual(w.foreign(), [], 'no request to another host');
    assert.deepEqual(
      w.requests.filter((u) => /xss|evil|pixel|javascript:/i.test(u)),
      [],
    );
    assert.deepEqual(w.errors, []);
    assert.deepEqual(await w.cspViolations(), [], 'nothing even tried to load or run');
  });

  it('"Notify of": subscribe, confirm by mail, get a mail with an unsubscribe link, unsubscribe', async () => {
    const { path, id } = article();
    const reader = await newPage();
    await reader.goto(path);
    await showThread(reader);
    const scope = reader.getByRole('combobox', { name: 'Notify of' });
    assert.deepEqual(await scope.locator('option').allInnerTexts(), ['new follow-up comments', 'new replies to my comments']);
    await scope.selectOption({ label: 'new follow-up comments' });
    const email = reader.getByRole('textbox', { name: 'Email for notifications' });
    await email.fill('not-an-email');
    await reader.getByRole('button', { name: 'Subscribe' }).click();
    await reader.locator('chime-comments p', { hasText: 'Please enter a valid email address.' }).waitFor();
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(
      await email.evaluate((el) =>
        (el.getRootNode() as ShadowRoot).getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent?.trim(),
      ),
      'Please enter a valid email address.',
      'the error is tied to the field',
    );
    await email.fill('reader@example.org');
    await reader.getByRole('button', { name: 'Subscribe' }).click();
    await reader.locator('chime-comments p', { hasText: 'Check your inbox to confirm.' }).waitFor();
    await reader.getByRole('status').filter({ hasText: 'Check your inbox to confirm.' }).waitFor({ state: 'attached' });

    // Double opt-in: the confirmation mail's link, opened in the browser.
    const confirmation = await mail.next('reader@example.org', /^Confirm your subscription/);
    const confirm = /https?:\/\/\S+\/v1\/subscriptions\/confirm\?token=\S+/.exec(confirmation.text)?.[0];
    assert.ok(confirm, confirmation.text);
    await reader.goto(confirm);
    await reader.getByRole('heading', { name: 'Subscription confirmed' }).waitFor();

    // Another reader comments: the subscriber is mailed the comment, with an unsubscribe link.
    const writer = await newPage();
    await writer.goto(path);
    await showThread(writer);
    await postAsGuest(writer, 'News for the subscribers.', 'Writer');
    await comment(writer, 'News for the subscribers.').waitFor();
    const notification = await mail.next('reader@example.org', /^Writer commented on /);
    assert.match(notification.text, /News for the subscribers\./);
    assert.ok(notification.text.includes(id));
    const unsubscribe = /https?:\/\/\S+\/v1\/subscriptions\/unsubscribe\?token=\S+/.exec(notification.text)?.[0];
    assert.ok(unsubscribe, notification.text);

    // The link asks before it unsubscribes (mail scanners open links).
    await reader.goto(unsubscribe);
    await reader.getByRole('button', { name: 'Stop these mails' }).click();
    await reader.getByRole('heading', { name: 'Unsubscribed' }).waitFor();
    const seen = mail.mails.length;
    await postAsGuest(writer, 'Nobody is told about this one.', 'Writer');
    await comment(writer, 'Nobody is told about this one.').waitFor();
    await env.chime.server.flushMail();
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(
      mail.mails.slice(seen).filter((m) => m.to.includes('reader@example.org')),
      [],
      'no mail after unsubscribing',
    );
  });

  it('<chime-count>: 20 counts on an article list in one request, linking to their threads', async () => {
    const seeder = await apiReader(env.chime.url);
    const pages = Array.from({ length: 20 }, (_, i) => `/list-${i}`);
    // Page i has i comments (one of them a reply where there are two or more).
    for (const [i, id] of pages.entries()) {
      let first: ApiComment | undefined;
      for (let k = 0; k < i; k++) {
        const posted = await seeder.post(id, `Comment ${k} on ${id}.`, 'Lister', k === 1 ? first!.id : null);
        first ??= posted;
      }
    }
    env.publisher.route('/list.html', {
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Articles</title>${chimeScript(env.chime.url)}</head>
<body><main><h1>Latest</h1><ul>${pages
        .map((id) => `<li><a href="${id}">Article ${id}</a> <chime-count page="${id}" href="${id}#comments"></chime-count></li>`)
        .join('')}</ul></main></body></html>`,
      headers: {
        'content-security-policy': `default-src 'self'; script-src ${env.chime.url}; connect-src ${env.chime.url}; style-src 'self'`,
      },
    });
    const page = await newPage();
    const w = await watch(page, origins);
    await page.goto(`${env.publisher.url}/list.html`);
    await page.getByRole('link', { name: '19 Comments' }).waitFor();
    const links = page.locator('chime-count').getByRole('link');
    assert.deepEqual(
      await links.allInnerTexts(),
      pages.map((_, i) => (i === 1 ? '1 Comment' : `${i} Comments`)),
    );
    assert.equal(await page.getByRole('link', { name: '7 Comments', exact: true }).getAttribute('href'), '/list-7#comments');
    const api = w.requests.filter((url) => url.startsWith(`${env.chime.url}/v1/`));
    assert.equal(api.length, 1, `one request: ${api.join(', ')}`);
    assert.match(api[0]!, /\/v1\/counts\?/);
    assert.equal(new URL(api[0]!).searchParams.getAll('page').length, 20);
    assert.deepEqual(w.errors, []);
    assert.deepEqual(await w.cspViolations(), []);
  });

  it('is axe-clean in every state of the thread a reader reaches', async () => {
    // axe is injected as a script: this page is served without the CSP (`csp: false`).
    const id = `thread-${++n}`;
    const routes = seedRoutes(env.chime.url, {
      path: `/${id}.html`,
      csp: false,
      head: chimeScript(env.chime.url),
      engagement: `<chime-comments page="/${id}" page-size="3"></chime-comments>`,
    });
    for (const [path, route] of Object.entries(routes)) env.publisher.route(path, route);
    const seeder = await apiReader(env.chime.url);
    const gone = await seeder.post(`/${id}`, 'Soon deleted.', 'Gone');
    await seeder.post(`/${id}`, 'A reply that keeps its deleted parent visible.', 'Stays', gone.id);
    await seeder.call('DELETE', `/v1/comments/${gone.id}`);
    for (let i = 1; i <= 4; i++)
      await seeder.post(`/${id}`, `Comment **${i}** with a [link](https://example.org/${i}).`, `Reader ${i}`);

    const page = await newPage();
    await page.goto(`${env.publisher.url}/${id}.html`);
    await showThread(page);
    const check = async (state: string) => {
      const violations = await axe(page, 'chime-comments');
      assert.deepEqual(violations, [], `${state}:\n${describeViolations(violations)}`);
    };
    await page.getByRole('button', { name: 'View all comments' }).waitFor();
    await check('first page, with "View all comments"');

    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.locator('chime-comments p', { hasText: 'Please write a comment.' }).waitFor();
    await check('composer with field errors');

    await postAsGuest(page, 'My own comment, to edit.', 'Author');
    const own = comment(page, 'My own comment, to edit.');
    await own.waitFor();
    await page.getByRole('button', { name: 'View all comments' }).click();
    await page.getByText('This comment was deleted').waitFor();
    await check('everything shown: own comment, votes, deleted marker, nested reply');

    const other = comment(page, 'Comment 4 with a link.');
    await other.getByRole('button', { name: 'Reply' }).click();
    await page.getByRole('textbox', { name: 'Reply to Reader 4' }).waitFor();
    await check('reply composer open');

    await other.getByRole('button', { name: 'Report' }).click();
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.locator('chime-comments p', { hasText: 'Please say why you report this comment.' }).waitFor();
    await check('report form with its error');

    await own.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: 'Edit your comment' }).waitFor();
    await check('edit composer open');

    await page.getByRole('button', { name: 'Cancel' }).click();
    await own.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).waitFor();
    await check('delete confirmation');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await seeder.post(`/${id}`, 'From elsewhere.', 'Live');
    await page.getByRole('button', { name: '1 new comment' }).waitFor();
    await check('"1 new comment" button');
  });
});
