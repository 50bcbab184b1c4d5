import { expect, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Comment } from '../backend/contract.js';
import type { LocalBackend } from '../backend/local.js';
import { ChimeElement } from '../internal/chime-element.js';
import { define } from '../internal/define.js';
import { StoreController } from '../internal/store-controller.js';
import { inlineStore, type InlineState } from '../stores/feedback.js';
import { atom } from 'nanostores';
import {
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
  rangeOver,
} from '../../test/harness.js';
import { HIGHLIGHT } from '../internal/highlights.js';
import type { ChimePassageEvent } from './events.js';
import { PassageController } from './passages.js';

/** The smallest thread: what `<chime-comments article>` wires in, and nothing else. */
class TestThread extends ChimeElement {
  @property() article?: string;
  @property({ type: Boolean }) fallback = false;
  /** Posts through "its own store", as `<chime-comments>` does. */
  @property({ type: Boolean, attribute: 'own-store' }) ownStore = false;
  posted: Comment[] = [];
  passages!: PassageController;
  #data = new StoreController(this, atom<InlineState>({ loading: false, comments: [], error: null }));

  override connectedCallback(): void {
    super.connectedCallback();
    // Added to a connected host, as `<chime-comments>` does after a lazy import.
    this.passages ??= new PassageController(this, () => this.article, {
      fallback: this.fallback,
      post: this.ownStore
        ? async (input) => {
            const comment = await inlineStore(this.backendSetting, this.pageId).backend.postComment({
              ...input,
              page: this.pageId,
            });
            this.posted.push(comment);
            return comment;
          }
        : undefined,
    });
    this.#data.store = inlineStore(this.backendSetting, this.pageId).$state;
  }

  override render() {
    const comments = this.#data.value.comments;
    return html`<ul aria-label="Inline Feedbacks">
        ${comments.map(
          (c: Comment) =>
            html`<li id="comment-${c.id}" tabindex="-1">
              <blockquote>${c.anchor?.quote}</blockquote>
              <p>${c.body}</p>
              ${
                this.passages.status(c) === 'changed'
                  ? html`<p>${this.t('feedback.changed')}</p>`
                  : this.passages.status(c) === 'found'
                    ? html`<button type="button" @click=${() => this.passages.showPassage(c.id)}>
                        ${this.t('feedback.showPassage')}
                      </button>`
                    : nothing
              }
            </li>`,
        )}
      </ul>
      ${this.passages.render()} ${this.renderAnnouncer()}`;
  }
}
define('chime-test-thread', TestThread);

const PARAGRAPHS = [
  'NATO sources have communicated to EFE news agency that the alliance does not intend to deploy combat forces in Ukraine, despite discussions on the matter.',
  'French President Macron, while not dismissing the idea of sending military personnel, emphasized the need to recall the nature of the conflict.',
  'The sources reiterated that under international law, Ukraine is entitled to defend itself and that NATO has the right to support it.',
];

async function mountThread(backend: LocalBackend, options: { fallback?: boolean; ownStore?: boolean } = {}) {
  const name = useBackend(backend);
  const host = await mount<HTMLElement>(
    html`<div>
      <article id="story">${PARAGRAPHS.map((p) => html`<p>${p}</p>`)}</article>
      <div style="height: 1500px"></div>
      <chime-test-thread
        backend=${name}
        page="/news/1"
        article="#story"
        ?fallback=${options.fallback}
        ?own-store=${options.ownStore}
      ></chime-test-thread>
    </div>`,
  );
  const thread = host.querySelector<TestThread>('chime-test-thread')!;
  const article = host.querySelector('article')!;
  await settle(thread, 20);
  return { host, thread, article };
}

function select(range: Range): void {
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
}

const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

async function toolbarFor(thread: TestThread) {
  await frame();
  await settle(thread, 30);
  return byRole(thread, 'button', 'Comment on this passage');
}

/** The button sits below (or beside) every rect of the selection and overlaps none. */
function expectBeside(button: Element, range: Range) {
  const b = button.getBoundingClientRect();
  const selection = range.getBoundingClientRect();
  expect(b.width).to.be.greaterThan(0);
  expect(b.top, 'below the selection').to.be.at.least(selection.bottom);
  expect(b.top - selection.bottom, 'right beside it').to.be.below(40);
  for (const r of Array.from(range.getClientRects())) {
    const overlaps = b.left < r.right && b.right > r.left && b.top < r.bottom && b.bottom > r.top;
    expect(overlaps, 'covers selected text').to.equal(false);
  }
}

async function seed(backend: LocalBackend, thread: TestThread, article: Element, text: string, body: string) {
  const { describe: describeRange } = await import('../internal/anchoring.js');
  const anchor = describeRange(article, rangeOver(article, text))!;
  const comment = await backend.postComment({ page: '/news/1', body, author: { name: 'Ada' }, anchor });
  await inlineStore(thread.backendSetting, '/news/1').reload();
  await settle(thread, 20);
  return comment;
}

const highlighted = () => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(HIGHLIGHT)?.size ?? 0;

describe('reader-selected passages', () => {
  afterEach(() => {
    document.getSelection()?.removeAllRanges();
    cleanup();
    localStorage.clear();
  });

  it('shows "Comment on this passage" below a programmatic selection, and hides it when the selection collapses', async () => {
    const { thread, article } = await mountThread(localBackend());
    expect(!!queryByRole(thread, 'button', 'Comment on this passage'), 'present').to.equal(false);
    const range = rangeOver(article, 'does not intend to deploy combat forces');
    select(range);
    const button = await toolbarFor(thread);
    expectBeside(button, range);
    expect(announced(thread)).to.contain('Press Tab to comment');
    await expectAccessible(thread);
    document.getSelection()!.collapseToEnd();
    await frame();
    await settle(thread, 20);
    expect(!!queryByRole(thread, 'button', 'Comment on this passage'), 'present').to.equal(false);
  });

  it('ignores selections outside the article', async () => {
    const { thread, host } = await mountThread(localBackend());
    const outside = document.createElement('p');
    outside.textContent = 'Text outside the article body.';
    host.append(outside);
    select(rangeOver(outside, 'outside the article'));
    await frame();
    await settle(thread, 20);
    expect(!!queryByRole(thread, 'button', 'Comment on this passage'), 'present').to.equal(false);
  });

  it('follows a keyboard selection (Shift+Arrow), is reached with Tab, and posts the anchor', async () => {
    const backend = localBackend();
    const { thread, article } = await mountThread(backend);
    // A reader who started a selection extends it by keyboard (static text has no caret without caret browsing).
    const start = rangeOver(article, 'entitled');
    start.collapse(true);
    select(start);
    document.getSelection()!.modify('extend', 'forward', 'character');
    for (let i = 1; i < 'entitled to defend itself'.length; i++) await press('Shift+ArrowRight');
    const selected = document.getSelection()!.getRangeAt(0);
    expect(selected.toString()).to.equal('entitled to defend itself');
    const button = await toolbarFor(thread);
    expectBeside(button, selected);

    await press('Tab');
    expect(focused()).to.equal(button);
    await press('Enter');
    await settle(thread, 30);
    const dialog = byRole(thread, 'dialog', 'Comment on the selected passage');
    const quote = dialog.querySelector('chime-inline-composer')!.shadowRoot!.querySelector('blockquote')!;
    expect(quote.textContent).to.equal('entitled to defend itself');
    expect(quote.getAttribute('aria-label')).to.equal('Quoted passage');
    expect(focused()).to.equal(byRole(thread, 'textbox', 'Join the discussion'));
    const d = dialog.getBoundingClientRect();
    expect(d.top).to.be.at.least(selected.getBoundingClientRect().bottom);
    await expectAccessible(thread);

    await type('International law is clear.');
    byRole(thread, 'textbox', 'Name').focus();
    await type('Ada');
    byRole(thread, 'button', 'Post Comment').click();
    await settle(thread, 40);
    const [stored] = (await backend.listComments({ page: '/news/1', kind: 'inline' })).comments;
    expect(stored!.anchor).to.deep.include({
      quote: 'entitled to defend itself',
      prefix: 'r international law, Ukraine is ',
    });
    expect(stored!.anchor!.prefix).to.have.length(32);
    expect(stored!.anchor!.suffix).to.equal(' and that NATO has the right to ');
    expect(stored!.anchor!.end! - stored!.anchor!.start!).to.equal(25);
    expect(!!queryByRole(thread, 'dialog'), 'present').to.equal(false);
    expect(document.getSelection()!.isCollapsed).to.equal(true);
    expect(announced(thread)).to.contain('Your comment was posted.');
    expect(highlighted()).to.equal(1);
    expect(byRole(thread, 'button', 'Show passage').isConnected).to.equal(true);
  });

  it('clicking the button keeps the selection; Escape in the composer gives the selection and button back', async () => {
    const { thread, article } = await mountThread(localBackend());
    select(rangeOver(article, 'the nature of the conflict'));
    const button = await toolbarFor(thread);
    const box = button.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
    await settle(thread, 30);
    expect(byRole(thread, 'dialog', 'Comment on the selected passage').isConnected).to.equal(true);
    await press('Escape');
    await frame();
    await settle(thread, 30);
    expect(!!queryByRole(thread, 'dialog'), 'present').to.equal(false);
    expect(document.getSelection()!.toString()).to.equal('the nature of the conflict');
    expect(focused()).to.equal(byRole(thread, 'button', 'Comment on this passage'));
  });

  it('follows scrolling', async () => {
    const { thread, article } = await mountThread(localBackend());
    const range = rangeOver(article, 'international law');
    select(range);
    const button = await toolbarFor(thread);
    const before = button.getBoundingClientRect().top;
    window.scrollBy(0, 60);
    await frame();
    await settle(thread, 30);
    const after = button.getBoundingClientRect().top;
    expect(before - after).to.be.closeTo(60, 2);
    expectBeside(button, range);
    window.scrollTo(0, 0);
  });

  it('highlights commented passages without moving any element', async () => {
    const backend = localBackend();
    const { thread, article } = await mountThread(backend);
    const boxes = () => [...article.querySelectorAll('p')].map((p) => JSON.stringify(p.getBoundingClientRect()));
    const before = boxes();
    await seed(backend, thread, article, 'does not intend to deploy', 'Really?');
    await seed(backend, thread, article, 'entitled to defend itself', 'Yes.');
    expect(highlighted()).to.equal(2);
    expect(boxes()).to.deep.equal(before);
    expect(article.querySelectorAll('*').length).to.equal(3);
    expect(
      document.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.includes('::highlight(chime-passage)'))),
    ).to.equal(true);
  });

  it('falls back to a pointer-transparent layer where the Highlight API is missing, still without layout change', async () => {
    const backend = localBackend();
    const { thread, article } = await mountThread(backend, { fallback: true });
    const boxes = () => [...article.querySelectorAll('p')].map((p) => JSON.stringify(p.getBoundingClientRect()));
    const before = boxes();
    await seed(backend, thread, article, 'does not intend to deploy', 'Really?');
    const painted = thread.shadowRoot!.querySelectorAll('.chime-layer .passage');
    expect(painted.length).to.be.greaterThan(0);
    const text = rangeOver(article, 'does not intend to deploy').getClientRects()[0]!;
    const box = painted[0]!.getBoundingClientRect();
    expect(box.left).to.be.closeTo(text.left, 1);
    expect(box.top).to.be.closeTo(text.top, 1);
    expect(getComputedStyle(painted[0]!.parentElement!).pointerEvents).to.equal('none');
    expect(boxes()).to.deep.equal(before);
  });

  it('re-anchors after edits, and lists a deleted passage as changed', async () => {
    const backend = localBackend();
    const { thread, article } = await mountThread(backend);
    await seed(backend, thread, article, 'does not intend to deploy combat forces', 'Inside');
    await seed(backend, thread, article, 'the nature of the conflict', 'Near');
    await seed(backend, thread, article, 'Ukraine is entitled to defend itself', 'Moved');
    await seed(backend, thread, article, 'communicated to EFE news agency', 'Deleted');
    expect(highlighted()).to.equal(4);
    const [first, second, third] = article.querySelectorAll('p');
    const edit = (p: Element, from: string, to: string) => {
      const r = rangeOver(p, from);
      (r.startContainer as Text).replaceData(r.startOffset, from.length, to);
    };
    edit(first!, 'intend', 'plan');
    edit(second!, 'recall', 'remember');
    first!.before(third!);
    edit(first!, 'NATO sources have communicated to EFE news agency that', 'Officials say');
    await settle(thread, 200);
    const items = [...thread.shadowRoot!.querySelectorAll('li')];
    const itemFor = (body: string) => textOf(items.find((li) => textOf(li).includes(body))!);
    expect(itemFor('Deleted')).to.contain('The passage was changed');
    for (const body of ['Inside', 'Near', 'Moved']) {
      expect(itemFor(body)).to.contain('Show passage');
      expect(itemFor(body)).not.to.contain('The passage was changed');
    }
    expect(highlighted()).to.equal(3);
    await expectAccessible(thread);
  });

  it('jumps from a passage to its comment (click) and from a comment to its passage and back (keyboard)', async () => {
    const backend = localBackend();
    const { thread, article } = await mountThread(backend);
    const comment = await seed(backend, thread, article, 'the nature of the conflict', 'Which nature?');
    const events: ChimePassageEvent[] = [];
    thread.addEventListener('chime-passage', (e) => events.push(e as ChimePassageEvent));

    const rect = rangeOver(article, 'nature of the').getClientRects()[0]!;
    await sendMouse({
      type: 'click',
      position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)],
    });
    await settle(thread, 20);
    expect(events.map((e) => e.commentIds)).to.deep.equal([[comment.id]]);
    expect(focused()).to.equal(thread.shadowRoot!.getElementById(`comment-${comment.id}`));

    byRole(thread, 'button', 'Show passage').focus();
    await press('Enter');
    await frame();
    await settle(thread, 30);
    expect(document.getSelection()!.toString()).to.equal('the nature of the conflict');
    const back = byRole(thread, 'button', 'Show the comment on this passage');
    expect(focused()).to.equal(back);
    await press('Enter');
    await settle(thread, 20);
    expect(focused()).to.equal(thread.shadowRoot!.getElementById(`comment-${comment.id}`));
  });

  it("posts through the host's own store when it offers one, and still highlights the passage", async () => {
    const backend = localBackend();
    const { thread, article } = await mountThread(backend, { ownStore: true });
    select(rangeOver(article, 'the nature of the conflict'));
    (await toolbarFor(thread)).click();
    await settle(thread, 30);
    await type('Which nature?');
    byRole(thread, 'textbox', 'Name').focus();
    await type('Ada');
    byRole(thread, 'button', 'Post Comment').click();
    await settle(thread, 40);
    expect(thread.posted.map((c) => c.anchor?.quote)).to.deep.equal(['the nature of the conflict']);
    expect(highlighted()).to.equal(1);
  });

  it('keeps a very long selection to the length of a comment, from its start', async () => {
    const { thread, article } = await mountThread(localBackend());
    const long = document.createElement('p');
    long.textContent = 'Long passage. '.repeat(500).trim();
    article.append(long);
    const range = document.createRange();
    range.selectNodeContents(long);
    select(range);
    (await toolbarFor(thread)).click();
    await settle(thread, 30);
    const quote = thread.shadowRoot!.querySelector('chime-inline-composer')!.quote;
    expect(quote).to.have.length(5000);
    expect(long.textContent.startsWith(quote)).to.equal(true);
  });

  it('does nothing without an article selector', async () => {
    const control = controllableBackend(localBackend());
    const name = useBackend(control.backend);
    const host = await mount<HTMLElement>(
      html`<div>
        <article id="story"><p>${PARAGRAPHS[0]}</p></article>
        <chime-test-thread backend=${name} page="/news/2"></chime-test-thread>
      </div>`,
    );
    const thread = host.querySelector<TestThread>('chime-test-thread')!;
    const calls = control.calls.length;
    select(rangeOver(host.querySelector('article')!, 'combat forces'));
    await frame();
    await settle(thread, 20);
    expect(!!thread.shadowRoot!.querySelector('.chime-toolbar'), 'a toolbar').to.equal(false);
    expect(control.calls.slice(calls)).to.deep.equal([]);
    thread.article = '#story';
    await settle(thread, 20);
    select(rangeOver(host.querySelector('article')!, 'combat forces'));
    expect((await toolbarFor(thread)).isConnected).to.equal(true);
  });

  it('follows the host to another page', async () => {
    const backend = localBackend();
    const { thread, article } = await mountThread(backend);
    await seed(backend, thread, article, 'the nature of the conflict', 'On page 1');
    expect(highlighted()).to.equal(1);
    thread.page = '/news/other';
    await settle(thread, 40);
    expect(highlighted()).to.equal(0);
    thread.article = undefined;
    await settle(thread, 20);
    select(rangeOver(article, 'international law'));
    await frame();
    await settle(thread, 20);
    // Booleans: chai hangs describing a lit element in a failure message.
    expect(!!thread.shadowRoot!.querySelector('.chime-toolbar'), 'a toolbar').to.equal(false);
  });

  it('lets go of everything when the thread is removed', async () => {
    const backend = localBackend();
    const { thread, article } = await mountThread(backend);
    await seed(backend, thread, article, 'the nature of the conflict', 'Which nature?');
    expect(highlighted()).to.equal(1);
    thread.remove();
    expect(highlighted()).to.equal(0);
    select(rangeOver(article, 'international law'));
    await frame();
    await settle(thread, 20);
    expect(!!thread.shadowRoot!.querySelector('.chime-toolbar'), 'a toolbar').to.equal(false);
  });
});
