/**
 * The comment formatting subset, rendered by an allowlist straight into lit templates: what a
 * reader writes only ever becomes text nodes inside <p> <br> <em> <strong> <code> <pre>
 * <blockquote> and <a href="http(s)/mailto">. No HTML is parsed, so nothing can run or load.
 */
import { html, type TemplateResult } from 'lit';

type Part = TemplateResult | string;

// code | **strong** | *em* | _em_ | [text](url) | bare URL
const INLINE =
  /`([^`\n]+)`|\*\*(?=\S)(.+?)\*\*|\*(?=[^\s*])(.+?)\*|(?<![\p{L}\p{N}_])_(?=[^\s_])(.+?)_(?![\p{L}\p{N}_])|\[([^[\]\n]+)\]\(([^\s()]+)\)|\bhttps?:\/\/[^\s<>"]+/gu;

/** A safe absolute href (http, https, mailto), or null. */
export function safeHref(raw: string): string | null {
  try {
    // The scheme test comes first: the URL parser would accept others (and fix up sloppy ones).
    return /^(https?:\/\/|mailto:)/i.test(raw) ? new URL(raw).href : null;
  } catch {
    return null;
  }
}

const link = (href: string, content: Part[] | string) =>
  html`<a href=${href} rel="nofollow ugc noopener" target="_blank">${content}</a>`;

function inline(text: string, links = true): Part[] {
  const out: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const [, code, strong, em = m[4], , label, url] = m;
    let whole = m[0];
    let part: Part | null | false;
    if (code) part = html`<code>${code}</code>`;
    else if (strong) part = html`<strong>${inline(strong, links)}</strong>`;
    else if (em) part = html`<em>${inline(em, links)}</em>`;
    else {
      // A bare URL does not take trailing punctuation (or a closing bracket it did not open).
      if (!label) whole = whole.replace(/[.,;:!?'")\]*_]+$/, '');
      const href = links && safeHref(label ? url! : whole);
      part = href && link(href, label ? inline(label, false) : whole);
    }
    if (!part) continue;
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(part);
    last = m.index + whole.length;
    // matchAll cannot rewind after a trimmed URL: render the rest separately.
    if (whole.length !== m[0].length) return [...out, ...inline(text.slice(last), links)];
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function blocks(lines: string[], depth: number): TemplateResult[] {
  const out: TemplateResult[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) {
      const code: string[] = [];
      while (++i < lines.length && !/^\s*```\s*$/.test(lines[i]!)) code.push(lines[i]!);
      i++;
      out.push(html`<pre><code>${code.join('\n')}</code></pre>`);
    } else if (/^\s*>/.test(line) && depth < 3) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i]!)) quoted.push(lines[i++]!.replace(/^\s*> ?/, ''));
      out.push(html`<blockquote>${blocks(quoted, depth + 1)}</blockquote>`);
    } else if (!line.trim()) i++;
    else {
      const para: string[] = [];
      while (i < lines.length && lines[i]!.trim() && !/^\s*(```|>)/.test(lines[i]!)) para.push(lines[i++]!);
      if (!para.length) para.push(lines[i++]!); // a '>' line beyond the quote depth stays text
      out.push(html`<p>${para.map((l, n) => (n ? [html`<br />`, inline(l)] : inline(l)))}</p>`);
    }
  }
  return out;
}

/** Renders comment text (the markdown subset) as lit templates; everything else is text. */
export function renderMarkdown(text: string): TemplateResult[] {
  return blocks(text.replace(/\r\n?/g, '\n').split('\n'), 0);
}
