import { expect, html } from '@open-wc/testing';
import {
  cleanup,
  controllableBackend,
  expectAccessible,
  localBackend,
  mount,
  settle,
  textOf,
  useBackend,
} from '../../test/harness.js';
import './define.js';

describe('<chime-count>', () => {
  afterEach(cleanup);

  it('shows the count with plural rules, linking when asked', async () => {
    const backend = localBackend();
    await backend.postComment({ page: '/a', body: 'hi', author: { name: 'Ann' } });
    for (const body of ['x', 'y']) await backend.postComment({ page: '/b', body, author: { name: 'Ann' } });
    const name = useBackend(backend);
    const list = await mount<HTMLUListElement>(
      html`<ul>
        <li><chime-count backend=${name} page="/a"></chime-count></li>
        <li><chime-count backend=${name} page="/b" href="/b#comments"></chime-count></li>
        <li><chime-count backend=${name} page="/c"></chime-count></li>
      </ul>`,
    );
    const counts = Array.from(list.querySelectorAll('chime-count'));
    await settle(list, 20);
    expect(counts.map((c) => textOf(c))).to.deep.equal(['1 Comment', '2 Comments', '0 Comments']);
    const link = counts[1]!.shadowRoot!.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('/b#comments');
    expect(counts[0]!.shadowRoot!.querySelector('a')).to.equal(null);
    await expectAccessible(list);
  });

  it('asks for 20 counts in one request, and for more than 100 in chunks of 100', async () => {
    const control = controllableBackend(localBackend());
    const name = useBackend(control.backend);
    const pages = Array.from({ length: 20 }, (_, i) => `/p${i}`);
    const list = await mount<HTMLDivElement>(
      html`<div>${pages.map((p) => html`<chime-count backend=${name} page=${p}></chime-count>`)}</div>`,
    );
    await settle(list, 20);
    expect(control.calls.filter((c) => c === 'getCounts')).to.have.length(1);
    expect(textOf(list.querySelector('chime-count')!)).to.equal('0 Comments');
    cleanup();
    const control2 = controllableBackend(localBackend());
    const name2 = useBackend(control2.backend);
    const many = Array.from({ length: 150 }, (_, i) => `/q${i}`);
    const big = await mount<HTMLDivElement>(
      html`<div>${many.map((p) => html`<chime-count backend=${name2} page=${p}></chime-count>`)}</div>`,
    );
    await settle(big, 30);
    expect(control2.calls.filter((c) => c === 'getCounts')).to.have.length(2);
    expect(Array.from(big.querySelectorAll('chime-count')).every((c) => textOf(c) === '0 Comments')).to.equal(true);
  });

  it('shows a quiet mark and fires chime-error when counts fail', async () => {
    const control = controllableBackend(localBackend());
    control.fail('getCounts');
    const errors: Event[] = [];
    const listener = (e: Event) => errors.push(e);
    document.addEventListener('chime-error', listener);
    const el = await mount<HTMLElement>(html`<chime-count backend=${useBackend(control.backend)} page="/x"></chime-count>`);
    await settle(el, 20);
    document.removeEventListener('chime-error', listener);
    expect(textOf(el)).to.contain('could not be reached');
    expect(errors).to.have.length(1);
    await expectAccessible(el);
  });
});
