/** `<chime-comments article>` with reader selections and a publisher question: the jumps both ways. */
import { expect, html } from '@open-wc/testing';
import '../comments/define.js';
import type { ChimeComments } from '../comments/comments.js';
import {
  byRole,
  cleanup,
  focused,
  localBackend,
  mount,
  press,
  queryByRole,
  settle,
  textOf,
  type,
  useBackend,
  expectAccessible,
  rangeOver,
} from '../../test/harness.js';
import { describe as describeRange } from '../internal/anchoring.js';
import './define.js';

const PAGE = '/news/int';

async function until(check: () => unknown, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function page() {
  const backend = localBackend();
  const name = useBackend(backend);
  const host = await mount<HTMLElement>(
    html`<div>
      <article id="story">
        <p>NATO sources said the alliance does not intend to deploy combat forces in Ukraine, despite the debate.</p>
        <p>
          However,
          <chime-feedback backend=${name} page=${PAGE} question="Do you agree?" feedback-id="agree"
            >the deployment of NATO combat troops is not planned</chime-feedback
          >, the sources said.
        </p>
        <p>The sources reiterated that Ukraine is entitled to defend itself under international law.</p>
      </article>
      <chime-comments backend=${name} page=${PAGE} article="#story" eager></chime-comments>
    </div>`,
  );
  const comments = host.querySelector<ChimeComments>('chime-comments')!;
  const article = host.querySelector('article')!;
  await until(() => comments.passages && comments.view, 'the thread and its passages');
  await settle(comments, 30);
  return { backend, host, comments, article };
}

describe('chime-comments with passages', () => {
  afterEach(() => {
    document.getSelection()?.removeAllRanges();
    cleanup();
    localStorage.clear();
  });

  it('posts on a selected passage and lists it under "Inline Feedbacks" with the way to its passage and back', async () => {
    const { comments, article } = await page();
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(rangeOver(article, 'entitled to defend itself'));
    await until(() => queryByRole(comments, 'button', 'Comment on this passage'), 'the passage button');
    byRole(comments, 'button', 'Comment on this passage').click();
    await settle(comments, 30);
    await type('Self-defence is the point.');
    byRole(byRole(comments, 'dialog', 'Comment on the selected passage'), 'textbox', 'Name').focus();
    await type('Ada');
    byRole(byRole(comments, 'dialog', 'Comment on the selected passage'), 'button', 'Post Comment').click();
    await until(() => textOf(comments).includes('Self-defence is the point.'), 'the comment in the thread');

    byRole(comments, 'button', 'Inline Feedbacks').click();
    await until(() => queryByRole(comments, 'button', 'Show passage'), 'Show passage');
    expect(textOf(comments)).to.contain('entitled to defend itself');
    await expectAccessible(comments);

    byRole(comments, 'button', 'Show passage').focus();
    await press('Enter');
    await until(() => document.getSelection()!.toString() === 'entitled to defend itself', 'the passage selected');
    await until(() => queryByRole(comments, 'button', 'Show the comment on this passage'), 'the way back');
    await press('Enter');
    await settle(comments, 30);
    const target = focused()!;
    expect(target.id).to.match(/^comment-/);
    expect(textOf(target)).to.contain('Self-defence is the point.');
  });

  it('marks a comment whose passage was deleted as changed, and opens a publisher question from its answer', async () => {
    const { backend, comments, article, host } = await page();
    const anchor = describeRange(article, rangeOver(article, 'alliance does not intend to deploy combat forces'))!;
    await backend.postComment({ page: PAGE, body: 'On deployment', author: { name: 'Bo' }, anchor });
    await backend.postComment({
      page: PAGE,
      body: 'I agree',
      author: { name: 'Cy' },
      anchor: { quote: 'the deployment of NATO combat troops is not planned', prefix: '', suffix: '', feedbackId: 'agree' },
    });
    byRole(comments, 'button', 'Inline Feedbacks').click();
    await until(() => textOf(comments).includes('On deployment') && textOf(comments).includes('I agree'), 'both kinds listed');
    article.querySelector('p')!.remove();
    await until(() => textOf(comments).includes('The passage was changed'), 'the changed mark');
    await expectAccessible(comments);

    const answer = [...comments.shadowRoot!.querySelectorAll('article')].find((a) => textOf(a).includes('I agree'))!;
    byRole(answer, 'button', 'Show passage').click();
    const question = host.querySelector('chime-feedback')!;
    await until(() => question.open, 'the question opened');
    await settle(question, 20);
    expect(byRole(question, 'dialog', 'Do you agree?').isConnected).to.equal(true);
  });

  it('loads no passage code without an article selector', async () => {
    const backend = localBackend();
    const name = useBackend(backend);
    const el = await mount<ChimeComments>(html`<chime-comments backend=${name} page=${PAGE} eager></chime-comments>`);
    await settle(el, 30);
    expect(el.passages).to.equal(undefined);
  });
});
