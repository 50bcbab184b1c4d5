import { expect, html } from '@open-wc/testing';
import { computeAccessibleDescription as accessibleDescription } from 'dom-accessibility-api';
import { sendMouse } from '@web/test-runner-commands';
import type { LocalBackend } from '../backend/local.js';
import {
  allByRole,
  announced,
  byRole,
  cleanup,
  controllableBackend,
  expectAccessible,
  focused,
  localBackend,
  mount,
  press,
  queryByRole,
  settle,
  textOf,
  type,
  useBackend,
} from '../../test/harness.js';
import { feedbackIdOf } from '../stores/feedback.js';
import type { ChimeCommentEvent } from './events.js';
import './define.js';
import type { ChimeFeedback } from './feedback.js';

const PASSAGE = 'the deployment of NATO combat troops within Ukraine is not planned';

async function mountFeedback(backend: LocalBackend | ReturnType<typeof controllableBackend>['backend'], extra = '') {
  const name = useBackend(backend);
  const host = await mount<HTMLElement>(
    html`<article>
      <p>
        “However,
        <chime-feedback backend=${name} page="/news/1" question="Do you agree?" feedback-id=${extra || 'agree'}
          >${PASSAGE}</chime-feedback
        >,” the sources clarified.
      </p>
    </article>`,
  );
  const el = host.querySelector('chime-feedback')!;
  await settle(el, 10);
  return { host, el };
}

const marker = (el: Element) => byRole(el, 'button', 'Give feedback on this passage');
const countOf = (el: ChimeFeedback) => el.shadowRoot!.querySelector('#count')!.textContent!.trim();

async function open(el: ChimeFeedback): Promise<HTMLElement> {
  marker(el).click();
  await settle(el, 20);
  return byRole(el, 'dialog', 'Do you agree?');
}

async function answer(backend: LocalBackend, id: string, body: string, name = 'Ada') {
  return backend.postComment({
    page: '/news/1',
    body,
    author: { name },
    anchor: { quote: PASSAGE, prefix: '', suffix: '', feedbackId: id },
  });
}

describe('chime-feedback', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('keeps the passage as light-DOM text and shows an accessible marker with the count', async () => {
    const backend = localBackend();
    await answer(backend, 'agree', 'Yes.');
    await answer(backend, 'other', 'Unrelated.');
    const { el } = await mountFeedback(backend);
    await expectAccessible(el.closest('article')!);
    expect(el.textContent).to.equal(PASSAGE);
    expect(el.shadowRoot!.querySelector('slot')!.assignedNodes()[0]!.textContent).to.equal(PASSAGE);
    expect(marker(el).getAttribute('aria-expanded')).to.equal('false');
    expect(countOf(el)).to.equal('1 response');
    expect(el.shadowRoot!.querySelector('[part="count"]')!.textContent).to.equal('1');
    expect(!!queryByRole(el, 'dialog'), 'present').to.equal(false);
  });

  it('opens a dialog named by the question, moves focus in, and Escape closes it returning focus', async () => {
    const { el } = await mountFeedback(localBackend());
    const dialog = await open(el);
    expect(marker(el).getAttribute('aria-expanded')).to.equal('true');
    expect(focused()).to.equal(byRole(el, 'textbox', 'Join the discussion'));
    expect(textOf(dialog)).to.contain('No responses yet');
    await expectAccessible(el.closest('article')!);
    await press('Escape');
    await settle(el);
    expect(!!queryByRole(el, 'dialog'), 'present').to.equal(false);
    expect(focused()).to.equal(marker(el));
    expect(marker(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('closes on a click outside and gives focus back to the marker', async () => {
    const { el, host } = await mountFeedback(localBackend());
    await open(el);
    const box = host.querySelector('p')!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.left + 4), Math.round(box.top + 4)] });
    await settle(el, 10);
    expect(!!queryByRole(el, 'dialog'), 'present').to.equal(false);
    expect(focused()).to.equal(marker(el));
  });

  it('places the popover beside the marker, inside the viewport, and cleans up when removed', async () => {
    const { el } = await mountFeedback(localBackend());
    const dialog = await open(el);
    await settle(el, 50);
    const m = marker(el).getBoundingClientRect();
    const d = dialog.getBoundingClientRect();
    expect(dialog.matches(':popover-open')).to.equal(true);
    expect(d.top >= m.bottom || d.bottom <= m.top, 'above or below the marker, not over it').to.equal(true);
    expect(d.left).to.be.at.least(0);
    expect(d.right).to.be.at.most(innerWidth);
    const panel = el.shadowRoot!.querySelector<HTMLElement>('[role="dialog"]')!;
    el.remove();
    expect(panel.matches(':popover-open')).to.equal(false);
    // No listener left behind: a click elsewhere after removal must not throw or reopen anything.
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
  });

  it('posts an answer as a guest: it appears, the count updates and the anchor names the question', async () => {
    const backend = localBackend();
    const { el } = await mountFeedback(backend);
    await open(el);
    const events: ChimeCommentEvent[] = [];
    el.addEventListener('chime-comment', (e) => events.push(e as ChimeCommentEvent));
    byRole(el, 'textbox', 'Join the discussion').focus();
    await type('Yes, and it matters.');
    byRole(el, 'textbox', 'Name').focus();
    await type('Grace');
    byRole(el, 'button', 'Post Comment').click();
    await settle(el, 30);
    const list = byRole(el, 'list', 'Latest responses');
    expect(textOf(list)).to.contain('Grace');
    expect(textOf(list)).to.contain('Yes, and it matters.');
    expect(countOf(el)).to.equal('1 response');
    expect(announced(el)).to.contain('Your comment was posted.');
    expect((byRole(el, 'textbox', 'Join the discussion') as HTMLTextAreaElement).value).to.equal('');
    expect(events).to.have.length(1);
    const stored = (await backend.listComments({ page: '/news/1', kind: 'inline' })).comments[0]!;
    expect(stored.anchor).to.deep.equal({ quote: PASSAGE, prefix: '', suffix: '', feedbackId: 'agree' });
    await expectAccessible(el.closest('article')!);
  });

  it('validates before posting: errors are tied to their fields and focus goes to the first', async () => {
    const control = controllableBackend(localBackend());
    const { el } = await mountFeedback(control.backend);
    await open(el);
    byRole(el, 'button', 'Post Comment').click();
    await settle(el, 10);
    const body = byRole(el, 'textbox', 'Join the discussion');
    expect(body.getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(body)).to.equal('Please write a comment.');
    expect(accessibleDescription(byRole(el, 'textbox', 'Name'))).to.equal('Please enter your name.');
    expect(focused()).to.equal(body);
    expect(control.calls).not.to.include('postComment');
    await expectAccessible(el.closest('article')!);
    body.focus();
    await type('x');
    await settle(el);
    expect(body.getAttribute('aria-invalid')).to.equal('false');
  });

  it('shows the failure and keeps the text when the server cannot be reached, then retries', async () => {
    const control = controllableBackend(localBackend());
    const { el } = await mountFeedback(control.backend);
    await open(el);
    byRole(el, 'textbox', 'Join the discussion').focus();
    await type('Not sure.');
    byRole(el, 'textbox', 'Name').focus();
    await type('Lin');
    control.fail('postComment');
    byRole(el, 'button', 'Post Comment').click();
    await settle(el, 20);
    expect(textOf(byRole(el, 'alert'))).to.contain('could not be reached');
    expect((byRole(el, 'textbox', 'Join the discussion') as HTMLTextAreaElement).value).to.equal('Not sure.');
    await expectAccessible(el.closest('article')!);
    control.heal();
    byRole(el, 'button', 'Try again').click();
    await settle(el, 30);
    expect(countOf(el)).to.equal('1 response');
    expect(!!queryByRole(el, 'alert'), 'present').to.equal(false);
  });

  it('shows an error with a retry when the responses cannot be loaded', async () => {
    const control = controllableBackend(localBackend());
    control.fail('listComments');
    const { el } = await mountFeedback(control.backend);
    await open(el);
    expect(textOf(byRole(el, 'alert'))).to.contain('could not be reached');
    control.heal();
    byRole(el, 'button', 'Try again').click();
    await settle(el, 20);
    expect(textOf(byRole(el, 'dialog'))).to.contain('No responses yet');
  });

  it('lists the latest three responses', async () => {
    const backend = localBackend();
    for (const body of ['First', 'Second', 'Third', 'Fourth']) {
      await answer(backend, 'agree', body);
      await new Promise((r) => setTimeout(r, 3));
    }
    const { el } = await mountFeedback(backend);
    await open(el);
    const items = allByRole(byRole(el, 'list', 'Latest responses'), 'listitem').map(textOf);
    expect(items).to.have.length(3);
    expect(items[0]).to.contain('Fourth');
    expect(items.join(' ')).not.to.contain('First');
    expect(countOf(el)).to.equal('4 responses');
  });

  it('shows each response and name in its own direction', async () => {
    const backend = localBackend();
    await answer(backend, 'agree', 'نعم، أوافق على ذلك.', 'ليلى');
    const { el } = await mountFeedback(backend);
    await open(el);
    const item = allByRole(byRole(el, 'list', 'Latest responses'), 'listitem')[0]!;
    const directions = [item.querySelector('.body'), item.querySelector('b')].map((n) => getComputedStyle(n!).direction);
    expect(directions).to.deep.equal(['rtl', 'rtl']);
  });

  it('keeps a draft per page and question across reloads', async () => {
    const backend = localBackend();
    const first = await mountFeedback(backend);
    await open(first.el);
    byRole(first.el, 'textbox', 'Join the discussion').focus();
    await type('Half a thought');
    cleanup();
    const second = await mountFeedback(backend);
    await open(second.el);
    expect((byRole(second.el, 'textbox', 'Join the discussion') as HTMLTextAreaElement).value).to.equal('Half a thought');
  });

  it('derives a stable id from the question and passage when none is given', async () => {
    const backend = localBackend();
    const name = useBackend(backend);
    const host = await mount<HTMLElement>(
      html`<div>
        <chime-feedback backend=${name} page="/news/1" question="Do you agree?"> ${PASSAGE} </chime-feedback>
        <chime-feedback backend=${name} page="/news/1" question="Is this fair?">${PASSAGE}</chime-feedback>
      </div>`,
    );
    const [a, b] = host.querySelectorAll('chime-feedback');
    expect(a!.responseKey).to.equal(feedbackIdOf('Do you agree?', PASSAGE));
    expect(a!.responseKey).not.to.equal(b!.responseKey);
    await answer(backend, a!.responseKey, 'Yes');
    await settle(host, 20);
    expect(countOf(a!)).to.equal('1 response');
    expect(countOf(b!)).to.equal('0 responses');
  });

  it('lets no page style into the popover, and none out of it onto the passage', async () => {
    const style = document.createElement('style');
    style.textContent = `article p { text-transform: uppercase; letter-spacing: 3px; font-style: italic; color: rgb(10, 20, 30); }
      button { background: rgb(187, 0, 0); text-transform: uppercase; border-radius: 0; }`;
    document.head.append(style);
    try {
      const { el, host } = await mountFeedback(localBackend());
      const p = host.querySelector('p')!;
      const inner = getComputedStyle(el);
      const outer = getComputedStyle(p);
      for (const prop of [
        'color',
        'font-family',
        'font-size',
        'font-style',
        'line-height',
        'letter-spacing',
        'text-transform',
      ] as const)
        expect(inner.getPropertyValue(prop), prop).to.equal(outer.getPropertyValue(prop));
      const dialog = await open(el);
      const post = byRole(el, 'button', 'Post Comment');
      expect(getComputedStyle(dialog).textTransform).to.equal('none');
      expect(getComputedStyle(dialog).letterSpacing).to.equal('normal');
      expect(getComputedStyle(dialog).fontStyle).to.equal('normal');
      expect(getComputedStyle(post).backgroundColor).not.to.equal('rgb(187, 0, 0)');
      expect(getComputedStyle(marker(el)).textTransform).to.equal('none');
    } finally {
      style.remove();
    }
  });

  it('offers "View all comments" when the page has a thread, and scrolls there', async () => {
    const backend = localBackend();
    const name = useBackend(backend);
    const host = await mount<HTMLElement>(
      html`<div>
        <p><chime-feedback backend=${name} page="/news/1" question="Do you agree?">${PASSAGE}</chime-feedback></p>
        <div style="height: 3000px"></div>
        <chime-comments>thread</chime-comments>
      </div>`,
    );
    const el = host.querySelector('chime-feedback')!;
    await open(el);
    byRole(el, 'button', 'View all comments').click();
    await settle(el, 20);
    expect(!!queryByRole(el, 'dialog'), 'present').to.equal(false);
    expect(document.activeElement).to.equal(host.querySelector('chime-comments'));
  });

  it('speaks the page language, right to left, with its plural forms', async () => {
    const backend = localBackend();
    await answer(backend, 'agree', 'نعم');
    const name = useBackend(backend);
    const host = await mount<HTMLElement>(
      html`<div lang="ar">
        <p><chime-feedback backend=${name} page="/news/1" question="هل توافق؟" feedback-id="agree">${PASSAGE}</chime-feedback></p>
      </div>`,
    );
    const el = host.querySelector('chime-feedback')!;
    await settle(el, 50);
    const button = byRole(el, 'button', 'أبدِ رأيك في هذا المقطع');
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(countOf(el)).to.equal('ردّ واحد');
    button.click();
    await settle(el, 30);
    expect(byRole(el, 'dialog', 'هل توافق؟').isConnected).to.equal(true);
    expect(byRole(el, 'textbox', 'شارك في النقاش').isConnected).to.equal(true);
    await expectAccessible(host);
  });

  it('is accessible in the dark theme', async () => {
    const backend = localBackend();
    await answer(backend, 'agree', 'Dark reply');
    const name = useBackend(backend);
    const host = await mount<HTMLElement>(
      html`<div style="background: #0d1117; color: #e6edf3">
        <p>
          <chime-feedback backend=${name} page="/news/1" theme="dark" question="Do you agree?" feedback-id="agree"
            >${PASSAGE}</chime-feedback
          >
        </p>
      </div>`,
    );
    const el = host.querySelector('chime-feedback')!;
    await settle(el, 20);
    await expectAccessible(host);
    await open(el);
    await expectAccessible(host);
  });

  it('asks signed-in readers for no name or email', async () => {
    const backend = localBackend();
    await backend.signIn(`e30.${btoa(JSON.stringify({ sub: 'u1', name: 'Signed Sam' }))}.sig`);
    const { el } = await mountFeedback(backend);
    await open(el);
    await settle(el, 20);
    expect(!!queryByRole(el, 'textbox', 'Name'), 'present').to.equal(false);
    expect(!!queryByRole(el, 'textbox', 'Email'), 'present').to.equal(false);
    byRole(el, 'textbox', 'Join the discussion').focus();
    await type('Signed answer');
    byRole(el, 'button', 'Post Comment').click();
    await settle(el, 30);
    expect(textOf(byRole(el, 'list', 'Latest responses'))).to.contain('Signed Sam');
  });

  it('shows the author their answer awaiting moderation without counting it', async () => {
    const { el } = await mountFeedback(localBackend({ moderation: 'all' }));
    await open(el);
    byRole(el, 'textbox', 'Join the discussion').focus();
    await type('Held for review');
    byRole(el, 'textbox', 'Name').focus();
    await type('Pat');
    byRole(el, 'button', 'Post Comment').click();
    await settle(el, 30);
    expect(textOf(byRole(el, 'list', 'Latest responses'))).to.contain('Awaiting moderation');
    expect(announced(el)).to.contain('awaits moderation');
    expect(countOf(el)).to.equal('0 responses');
  });
});
