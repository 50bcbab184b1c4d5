// The build's template minifier (scripts/minify-literals.ts): what it may and may not change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minifyCss, minifyHtml, minifyLiterals } from '../scripts/minify-literals.js';

test('CSS: comments and needless whitespace go; strings, calc() operators and descendant spaces stay', () => {
  const css = `
    /* a comment: with 'quotes' */
    :host([variant='icons']) .link:hover ,
    a > b {
      padding: var(--_space) calc(var(--_space) * 1.5);
      content: '  two  spaces ';
      margin: 0 !important;
    }
  `;
  assert.equal(
    minifyCss(css),
    `:host([variant='icons']) .link:hover,a>b{padding:var(--_space) calc(var(--_space) * 1.5);content:'  two  spaces ';margin:0 !important}`,
  );
});

test('HTML: whitespace runs become one space, quoted values and <pre>/<textarea> stay', () => {
  const html = `<div
      class="a  b"
      title='x  y'
    >
      <span>one</span>   <span>two</span>
      <pre>  keep
  this</pre>
      <textarea>  and
  this</textarea>
    </div
  >`;
  assert.equal(
    minifyHtml(html),
    `<div class="a  b" title='x  y'> <span>one</span> <span>two</span> <pre>  keep\n  this</pre> <textarea>  and\n  this</textarea> </div>`,
  );
});

test('only css/html/svg templates change, and every expression stays exactly in place', () => {
  const source = [
    "const s = css`\n  .a {\n    color: ${unsafeCSS('red')};\n  }\n`;",
    'const t = html`<p\n  class=${cls}\n>\n  ${a}   ${html`<b>  ${b}  </b>`}\n</p>`;',
    'const u = other`  keep   me  `;',
    "const v = 'html`  not a template  `';",
  ].join('\n');
  assert.equal(
    minifyLiterals(source),
    [
      "const s = css`.a{color:${unsafeCSS('red')}}`;",
      'const t = html`<p class=${cls}> ${a} ${html`<b> ${b} </b>`} </p>`;',
      'const u = other`  keep   me  `;',
      "const v = 'html`  not a template  `';",
    ].join('\n'),
  );
});
