// Build-time minification of lit's tagged templates (a vite plugin): the CSS in css`…` loses its
// comments and needless whitespace; in html`…`/svg`…` every run of whitespace becomes one space,
// which renders the same wherever white-space collapses (never inside <pre> or <textarea>; an
// element styled `white-space: pre*` must not rely on a template's own line breaks).
// Only the literal text changes: the expressions (`${…}`) are left exactly as they are.
import ts from 'typescript';
import type { Plugin } from 'vite';

const CSS_TAGS = new Set(['css']);
const HTML_TAGS = new Set(['html', 'svg', 'staticHtml']);
/** Joins the parts while minifying, so a rule can see across an expression; never in source text. */
const HOLE = '\u0000';

/** Minifies CSS text: comments out, whitespace collapsed, none around `{};,>` or after `:`. */
export function minifyCss(text: string): string {
  let out = '';
  // Quoted strings are copied as they are; comments go; the rest is squeezed.
  for (const [, string, comment, rest] of text.matchAll(
    /("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|(\/\*[\s\S]*?\*\/)|([^"'/]+|[\s\S])/g,
  )) {
    if (string) out += string;
    else if (comment) out += ' ';
    else out += rest;
  }
  return squeezeCss(out);
}

function squeezeCss(text: string): string {
  // Split again around strings so the squeeze never touches them.
  return text
    .split(/("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')/)
    .map((piece, i) =>
      i % 2
        ? piece
        : piece
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('')
    .trim();
}

/**
 * Minifies lit HTML/SVG template text: whitespace runs become one space, and the space before a
 * tag's `>` goes. Text inside <pre>, <textarea> and comments, and quoted attribute values, stay.
 */
export function minifyHtml(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '<' && text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      const stop = end < 0 ? n : end + 3;
      out += text.slice(i, stop);
      i = stop;
    } else if (c === '<' && /[a-zA-Z/]/.test(text[i + 1] ?? '')) {
      // A tag: copy quoted values as they are, squeeze the whitespace between attributes.
      const name = /^<\/?([a-zA-Z][\w-]*)/.exec(text.slice(i))?.[1]?.toLowerCase() ?? '';
      const closing = text[i + 1] === '/';
      let j = i;
      let tag = '';
      while (j < n && text[j] !== '>') {
        const q = text[j]!;
        if (q === '"' || q === "'") {
          const end = text.indexOf(q, j + 1);
          const stop = end < 0 ? n : end + 1;
          tag += text.slice(j, stop);
          j = stop;
        } else if (/\s/.test(q)) {
          while (j < n && /\s/.test(text[j]!)) j++;
          if (text[j] !== '>') tag += ' ';
        } else {
          tag += q;
          j++;
        }
      }
      out += tag + (j < n ? '>' : '');
      i = j + 1;
      if (!closing && (name === 'pre' || name === 'textarea')) {
        // Raw text up to the closing tag, untouched.
        const end = text.toLowerCase().indexOf(`</${name}`, i);
        const stop = end < 0 ? n : end;
        out += text.slice(i, stop);
        i = stop;
      }
    } else if (/\s/.test(c)) {
      while (i < n && /\s/.test(text[i]!)) i++;
      out += ' ';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The template parts of a tagged template: [start, end) of each literal's text in `source`. */
function partsOf(node: ts.TaggedTemplateExpression, source: string): [number, number, string][] {
  const template = node.template;
  const spans = ts.isNoSubstitutionTemplateLiteral(template)
    ? [template]
    : [template.head, ...template.templateSpans.map((span) => span.literal)];
  return spans.map((literal): [number, number, string] => {
    const start = literal.getStart() + 1; // after ` or }
    const end = literal.end - (ts.isTemplateTail(literal) || ts.isNoSubstitutionTemplateLiteral(literal) ? 1 : 2); // before ` or ${
    return [start, end, source.slice(start, end)];
  });
}

/** Minifies every css/html/svg tagged template of a TypeScript module; null when nothing changed. */
export function minifyLiterals(source: string, fileName = 'module.ts'): string | null {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: [number, number, string][] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag)) {
      const kind = CSS_TAGS.has(node.tag.text) ? 'css' : HTML_TAGS.has(node.tag.text) ? 'html' : null;
      if (kind) {
        const parts = partsOf(node, source);
        const joined = parts.map(([, , text]) => text).join(HOLE);
        const minified = (kind === 'css' ? minifyCss : minifyHtml)(joined).split(HOLE);
        // A rule that ate a hole would misplace the expressions: keep such a template as it is.
        if (minified.length === parts.length) parts.forEach(([start, end], k) => edits.push([start, end, minified[k]!]));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!edits.length) return null;
  let out = source;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
  return out === source ? null : out;
}

/** The vite plugin: minifies the templates of `src/**\/*.ts` before they are compiled. */
export function minifyLiteralsPlugin(): Plugin {
  return {
    name: 'chime:minify-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || id.endsWith('.test.ts') || !/\b(css|html|svg|staticHtml)`/.test(code)) return null;
      const out = minifyLiterals(code, id);
      return out === null ? null : { code: out, map: null };
    },
  };
}
