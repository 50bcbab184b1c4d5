import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { XSS_PAYLOADS } from '../../test/xss-payloads.js';
import { renderMarkdown, safeHref } from './markdown.js';

const ALLOWED = new Set(['P', 'BR', 'EM', 'STRONG', 'CODE', 'PRE', 'BLOCKQUOTE', 'A']);

function show(text: string): HTMLDivElement {
  const div = document.createElement('div');
  document.body.append(div);
  render(renderMarkdown(text), div);
  return div;
}

/** Asserts only allowlisted elements, no handlers, only http(s)/mailto links. */
function expectInert(div: HTMLElement): void {
  for (const el of Array.from(div.querySelectorAll('*'))) {
    expect(ALLOWED.has(el.tagName), `unexpected <${el.tagName}>`).to.equal(true);
    for (const attr of Array.from(el.attributes)) {
      expect(attr.name.startsWith('on'), `handler ${attr.name}`).to.equal(false);
      if (el.tagName === 'A') expect(['href', 'rel', 'target']).to.include(attr.name);
      else expect.fail(`attribute ${attr.name} on <${el.tagName}>`);
    }
    if (el instanceof HTMLAnchorElement) {
      expect(el.protocol).to.be.oneOf(['http:', 'https:', 'mailto:']);
      expect(el.rel).to.equal('nofollow ugc noopener');
      expect(el.target).to.equal('_blank');
    }
  }
}

describe('renderMarkdown', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('renders paragraphs, line breaks, emphasis, strong and code', () => {
    const div = show('Hello *world* and _you_\nsecond **line** with `a<b`\n\nnext para');
    expect(div.querySelectorAll('p')).to.have.length(2);
    expect(div.querySelector('p br')).not.to.equal(null);
    expect(Array.from(div.querySelectorAll('em')).map((e) => e.textContent)).to.deep.equal(['world', 'you']);
    expect(div.querySelector('strong')!.textContent).to.equal('line');
    expect(div.querySelector('code')!.textContent).to.equal('a<b');
    expectInert(div);
  });

  it('keeps snake_case words and lone asterisks as text', () => {
    const div = show('snake_case_name and 2 * 3 * 4');
    expect(div.querySelector('em')).to.equal(null);
    expect(div.textContent).to.contain('snake_case_name and 2 * 3 * 4');
  });

  it('renders fenced code blocks verbatim and quotes as blockquotes', () => {
    const div = show('```\nconst a = "*not em*";\n  indented\n```\n> quoted *text*\n> more\n\nafter');
    expect(div.querySelector('pre code')!.textContent).to.equal('const a = "*not em*";\n  indented');
    expect(div.querySelector('pre em')).to.equal(null);
    const quote = div.querySelector('blockquote')!;
    expect(quote.textContent).to.contain('quoted text');
    expect(quote.querySelector('em')).not.to.equal(null);
    expect(div.querySelector('blockquote + p')!.textContent).to.equal('after');
    expectInert(div);
  });

  it('links markdown links and bare URLs safely, without trailing punctuation', () => {
    const div = show('See [the *docs*](https://example.com/a?b=1) or https://example.org/path. Mail [me](mailto:a@b.example)!');
    const links = Array.from(div.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.com/a?b=1',
      'https://example.org/path',
      'mailto:a@b.example',
    ]);
    expect(links[0]!.querySelector('em')!.textContent).to.equal('docs');
    expect(div.textContent).to.contain('https://example.org/path. Mail');
    expectInert(div);
  });

  it('accepts only http, https and mailto hrefs', () => {
    expect(safeHref('https://a.example/')).to.equal('https://a.example/');
    expect(safeHref('javascript:alert(1)')).to.equal(null);
    expect(safeHref('JAVASCRIPT:alert(1)')).to.equal(null);
    expect(safeHref(' javascript:alert(1)')).to.equal(null);
    expect(safeHref('data:text/html,x')).to.equal(null);
    expect(safeHref('//evil.example')).to.equal(null);
    expect(safeHref('/relative')).to.equal(null);
  });

  it(`shows ${XSS_PAYLOADS.length} classic XSS payloads as inert text`, async () => {
    expect(XSS_PAYLOADS.length).to.be.at.least(30);
    const alerts: unknown[] = [];
    const original = window.alert;
    window.alert = (...args: unknown[]) => void alerts.push(args);
    const requests: string[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => requests.push(e.name)));
    observer.observe({ type: 'resource', buffered: false });
    try {
      for (const payload of XSS_PAYLOADS) {
        const div = show(payload);
        expectInert(div);
        expect(div.querySelector('img, script, iframe, svg, object, embed, style, link, form, input')).to.equal(null);
        // Whatever markup the payload contains is still there, visibly, as text.
        if (payload.includes('<script>') && !payload.includes('```') && !payload.includes('`<'))
          expect(div.textContent).to.contain('script');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      window.alert = original;
      observer.disconnect();
    }
    expect(alerts).to.deep.equal([]);
    expect(requests.filter((r) => /evil|xss|ok\.example/.test(r))).to.deep.equal([]);
  });
});
