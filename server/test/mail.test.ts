/** Notifications over real SMTP (smtp-server): double opt-in, notification, one-click unsubscribe. */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { ChimeServer } from '../index.js';
import { call, newPage, newReader, startServer, waitFor } from './helpers.js';

interface Received {
  to: string[];
  headers: Record<string, string>;
  text: string;
}

/** Header lines and a text body, quoted-printable decoded. */
function parse(raw: string, to: string[]): Received {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head!.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let text = rest.join('\n\n');
  if (/quoted-printable/i.test(headers['content-transfer-encoding'] ?? '')) {
    text = Buffer.from(
      text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  }
  return { to, headers, text };
}

const inbox: Received[] = [];
let smtpDelayMs = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
    stream.on('end', () => {
      setTimeout(() => {
        inbox.push(
          parse(
            raw,
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      }, smtpDelayMs);
    });
  },
});

let url = '';
let server: ChimeServer;
before(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  ({ url, server } = await startServer({
    smtp: `smtp://127.0.0.1:${port}`,
    outboxPollMs: 100,
    mailFrom: 'Chime <chime@example.org>',
  }));
});
after(async () => {
  await server.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const mailTo = (to: string, subject: RegExp, after = 0) =>
  waitFor(
    () => inbox.slice(after).find((m) => m.to.includes(to) && subject.test(m.headers.subject ?? '')),
    8000,
    `a mail to ${to}`,
  );
const link = (text: string, kind: 'confirm' | 'unsubscribe') =>
  new RegExp(`(http://\\S+/v1/subscriptions/${kind}\\?token=[\\w-]+)`).exec(text)![1]!;

describe('notifications over SMTP', () => {
  it('sends a confirmation, then notifications, each with unsubscribe links and headers', async () => {
    const page = newPage();
    const subscriber = await newReader(url);
    assert.equal(
      (
        await call(url, 'POST', '/v1/subscriptions', {
          token: subscriber,
          body: { page, email: 'fan@example.org', scope: 'page' },
        })
      ).status,
      202,
    );
    const confirmation = await mailTo('fan@example.org', /Confirm your subscription/);
    assert.equal(confirmation.headers.from, 'Chime <chime@example.org>');
    const unsubscribe = link(confirmation.text, 'unsubscribe');
    assert.equal(confirmation.headers['list-unsubscribe'], `<${unsubscribe}>`);
    assert.equal(confirmation.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');

    // Nothing is sent before the confirmation.
    const writer = await newReader(url);
    const before = inbox.length;
    await call(url, 'POST', '/v1/comments', { token: writer, body: { page, body: 'Too early', author: { name: 'Bob' } } });
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(inbox.slice(before).filter((m) => m.to.includes('fan@example.org')).length, 0);

    const confirmed = await fetch(link(confirmation.text, 'confirm'));
    assert.equal(confirmed.status, 200);
    const mark = inbox.length;
    await call(url, 'POST', '/v1/comments', { token: writer, body: { page, body: 'Worth reading', author: { name: 'Bob' } } });
    const note = await mailTo('fan@example.org', /Bob commented/, mark);
    assert.match(note.text, /Worth reading/);
    assert.equal(note.headers['list-unsubscribe'], `<${unsubscribe}>`);

    // One-click unsubscribe (RFC 8058), as a mail client does it; then no more mails.
    const one = await fetch(unsubscribe, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(one.status, 200);
    const mark2 = inbox.length;
    await call(url, 'POST', '/v1/comments', {
      token: writer,
      body: { page, body: 'After unsubscribe', author: { name: 'Bob' } },
    });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(inbox.slice(mark2).filter((m) => m.to.includes('fan@example.org')).length, 0);
  });

  it('mails replies to my comments, never my own comments', async () => {
    const page = newPage();
    const author = await newReader(url);
    const mine = await call(url, 'POST', '/v1/comments', {
      token: author,
      body: { page, body: 'My take', author: { name: 'Ann', email: 'ann@example.org' }, notify: 'replies' },
    });
    assert.equal(mine.status, 201);
    const confirmation = await mailTo('ann@example.org', /Confirm/);
    await fetch(link(confirmation.text, 'confirm'));
    const mark = inbox.length;
    await call(url, 'POST', '/v1/comments', {
      token: author,
      body: { page, body: 'Another of mine', author: { name: 'Ann', email: 'ann@example.org' } },
    });
    const other = await newReader(url);
    await call(url, 'POST', '/v1/comments', {
      token: other,
      body: { page, body: 'Top level, not a reply', author: { name: 'Cy' } },
    });
    await call(url, 'POST', '/v1/comments', {
      token: other,
      body: { page, body: 'I disagree', parentId: mine.body.id, author: { name: 'Cy' } },
    });
    const reply = await mailTo('ann@example.org', /Cy replied/, mark);
    assert.match(reply.text, /I disagree/);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(inbox.slice(mark).filter((m) => m.to.includes('ann@example.org')).length, 1, 'only the reply');
  });

  it('posts at full speed while the SMTP server is slow', async () => {
    const page = newPage();
    const token = await newReader(url);
    smtpDelayMs = 1500;
    try {
      const started = Date.now();
      const r = await call(url, 'POST', '/v1/comments', {
        token,
        body: { page, body: 'Fast', author: { name: 'Dee', email: 'dee@example.org' }, notify: 'page' },
      });
      assert.equal(r.status, 201);
      assert.ok(Date.now() - started < 500, `posting took ${Date.now() - started} ms`);
      await mailTo('dee@example.org', /Confirm/);
    } finally {
      smtpDelayMs = 0;
    }
  });
});
