import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { rangeOver } from '../../test/harness.js';
import { articleText, describe as describeRange, matchQuote, resolve } from './anchoring.js';

const ARTICLE = html`<article>
  <p>NATO sources have communicated to EFE news agency that the alliance does not intend to deploy combat forces in Ukraine.</p>
  <p>“The deployment of NATO combat troops within Ukraine is <em>not planned</em>,” the sources clarified.</p>
  <p>The sources reiterated that Ukraine is entitled to defend itself, which they plan to continue.</p>
  <chime-comments>ignored widget text</chime-comments>
</article>`;

/** Replaces `from` by `to` in the text node that holds it. */
function edit(root: Element, from: string, to: string): void {
  const range = rangeOver(root, from);
  const node = range.startContainer as Text;
  node.replaceData(range.startOffset, from.length, to);
}

describe('anchoring', () => {
  afterEach(fixtureCleanup);

  it('describes a range as quote, 32 characters of context and a position, with whitespace folded', async () => {
    const root = await fixture<HTMLElement>(ARTICLE);
    const anchor = describeRange(root, rangeOver(root, 'does not intend to deploy'))!;
    expect(anchor.quote).to.equal('does not intend to deploy');
    expect(anchor.prefix).to.equal('to EFE news agency that the alliance '.slice(-32));
    expect(anchor.suffix).to.equal(' combat forces in Ukraine. “The ');
    const { text } = articleText(root);
    expect(text.slice(anchor.start, anchor.end)).to.equal(anchor.quote);
    expect(text).not.to.contain('ignored widget text');
  });

  it('spans elements and trims surrounding whitespace', async () => {
    const root = await fixture<HTMLElement>(ARTICLE);
    const range = document.createRange();
    const from = rangeOver(root, ' within Ukraine');
    range.setStart(from.startContainer, from.startOffset);
    range.setEnd(rangeOver(root, 'not planned').endContainer, 'not planned'.length);
    expect(describeRange(root, range)!.quote).to.equal('within Ukraine is not planned');
    expect(range.toString()).to.match(/^ within/);
    expect(describeRange(root, document.createRange())).to.equal(null);
  });

  it('resolves an unchanged article exactly', async () => {
    const root = await fixture<HTMLElement>(ARTICLE);
    const anchor = describeRange(root, rangeOver(root, 'entitled to defend itself'))!;
    expect(resolve(root, anchor)!.toString()).to.equal('entitled to defend itself');
    expect(matchQuote(articleText(root).text, anchor)!.score).to.equal(1);
  });

  it('survives a word changed inside the quote', async () => {
    const root = await fixture<HTMLElement>(ARTICLE);
    const anchor = describeRange(root, rangeOver(root, 'does not intend to deploy combat forces'))!;
    edit(root, 'intend', 'plan');
    expect(resolve(root, anchor)!.toString()).to.equal('does not plan to deploy combat forces');
  });

  it('survives a word changed next to the quote', async () => {
    const root = await fixture<HTMLElement>(ARTICLE);
    const anchor = describeRange(root, rangeOver(root, 'entitled to defend itself'))!;
    edit(root, 'reiterated', 'repeated');
    const range = resolve(root, anchor)!;
    expect(range.toString()).to.equal('entitled to defend itself');
    expect(range.startContainer.parentElement!.textContent).to.contain('repeated');
  });

  it('follows a passage moved to another paragraph', async () => {
    const root = await fixture<HTMLElement>(ARTICLE);
    const anchor = describeRange(root, rangeOver(root, 'Ukraine is entitled to defend itself'))!;
    const paragraphs = root.querySelectorAll('p');
    paragraphs[0]!.before(paragraphs[2]!);
    const range = resolve(root, anchor)!;
    expect(range.toString()).to.equal('Ukraine is entitled to defend itself');
    expect(range.startContainer.parentElement).to.equal(root.querySelector('p'));
  });

  it('finds nothing when the passage is deleted', async () => {
    const root = await fixture<HTMLElement>(ARTICLE);
    const anchor = describeRange(root, rangeOver(root, 'The sources reiterated that Ukraine is entitled to defend itself'))!;
    root.querySelectorAll('p')[2]!.remove();
    expect(resolve(root, anchor)).to.equal(null);
  });

  it('finds nothing for a short quote whose context is gone', async () => {
    const root = await fixture<HTMLElement>(ARTICLE);
    const anchor = describeRange(root, rangeOver(root, 'clarified'))!;
    root.querySelectorAll('p')[1]!.remove();
    expect(resolve(root, anchor)).to.equal(null);
  });

  it('tells repeated phrases apart by their context, even after the text moved', async () => {
    const root = await fixture<HTMLElement>(
      html`<div>
        <p>In Paris, officials said the plan was not on the table, and the president repeated that view.</p>
        <p>In Berlin, the chancellor said the plan was not on the table either, German officials added.</p>
      </div>`,
    );
    const paris = describeRange(root, rangeOver(root, 'the plan was not on the table', 0))!;
    const berlin = describeRange(root, rangeOver(root, 'the plan was not on the table', 1))!;
    const [first, second] = root.querySelectorAll('p');
    // Positions shift by a whole sentence that holds the phrase a third time.
    const added = document.createElement('p');
    added.textContent = 'Rome said the plan was not on the table for now.';
    first!.before(added);
    expect(resolve(root, paris)!.startContainer.parentElement).to.equal(first);
    expect(resolve(root, berlin)!.startContainer.parentElement).to.equal(second);
    expect(resolve(root, berlin)!.toString()).to.equal('the plan was not on the table');
  });

  it('picks the occurrence nearest the position hint when contexts are equal', () => {
    const text = 'one two one two one two';
    expect(matchQuote(text, { quote: 'one', prefix: '', suffix: '', start: 8 })!.start).to.equal(8);
    expect(matchQuote(text, { quote: 'one', prefix: '', suffix: '', start: 17 })!.start).to.equal(16);
  });
});
