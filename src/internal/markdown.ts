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
  if (!/^(https?:\/\/|mailto:)/i.test(raw)) return null;
  try {
    const url = new URL(raw);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
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
    let [whole] = m;
    const start = m.index;
    let part: Part | null = null;
    if (m[1] !== undefined) part = html`<code>${m[1]}</code>`;
    else if (m[2] !== undefined) part = html`<strong>${inline(m[2], links)}</strong>`;
    else if (m[3] !== undefined || m[4] !== undefined) part = html`<em>${inline((m[3] ?? m[4])!, links)}</em>`;
    else if (m[5] !== undefined) {
      const href = links ? safeHref(m[6]!) : null;
      part = href ? link(href, inline(m[5], false)) : null;
    } else if (links) {
      // A bare URL does not take trailing punctuation (or a closing bracket it did not open).
      whole = whole.replace(/[.,;:!?'")\]*_]+$/, '');
      const href = safeHref(whole);
      part = href ? link(href, whole) : null;
    }
    if (!part) continue;
    if (start > last) out.push(text.slice(last, start));
    out.push(part);
    last = start + whole.length;
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
