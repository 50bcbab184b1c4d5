/**
 * Anchors for passages of an article: a DOM Range is described as a W3C Web Annotation
 * TextQuoteSelector (quote, 32 characters of prefix and suffix) plus a TextPositionSelector hint,
 * and an anchor is resolved back to a Range on the article's current text — the exact position
 * first, then the exact quote scored by its context, then an approximate match (after the
 * Hypothesis client's approach), so anchors survive small edits of the article.
 */
import search from 'approx-string-match';
import type { Anchor } from '../backend/contract.js';

/** Characters of context kept before and after a quote. */
export const CONTEXT = 32;

/** An article's text with whitespace runs folded to one space, and the way back to its nodes. */
export interface ArticleText {
  text: string;
  /** Text nodes in document order. */
  nodes: Text[];
  /** Offset of each node in the raw (unfolded) concatenation. */
  starts: number[];
  /** Folded index → raw index. */
  raw: Int32Array;
}

/**
 * Text that is not part of the article: scripts, form fields and Chime's own widgets (but a
 * `<chime-feedback>` passage is article text). `data-chime-ignore` lets a page exclude more.
 */
function skipped(el: Element): boolean {
  const tag = el.localName;
  return (
    (tag.startsWith('chime-') && tag !== 'chime-feedback') ||
    /^(script|style|template|noscript|textarea|select)$/.test(tag) ||
    el.hasAttribute('data-chime-ignore')
  );
}

export function articleText(root: Node): ArticleText {
  const nodes: Text[] = [];
  const starts: number[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) =>
      node.nodeType === Node.TEXT_NODE
        ? NodeFilter.FILTER_ACCEPT
        : skipped(node as Element)
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_SKIP,
  });
  let rawText = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push(node as Text);
    starts.push(rawText.length);
    rawText += (node as Text).data;
  }
  const raw = new Int32Array(rawText.length);
  let text = '';
  let space = true; // drops leading whitespace
  for (let i = 0; i < rawText.length; i++) {
    const ch = rawText[i]!;
    if (/\s/.test(ch)) {
      if (space) continue;
      space = true;
      raw[text.length] = i;
      text += ' ';
    } else {
      space = false;
      raw[text.length] = i;
      text += ch;
    }
  }
  return { text, nodes, starts, raw: raw.subarray(0, text.length) };
}

/** First index whose value is ≥ `value` in an ascending array. */
function lowerBound(values: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The text node holding raw offset `offset`, and the offset inside it. */
function locate(article: ArticleText, offset: number): [Text, number] {
  const i = Math.max(0, lowerBound(article.starts, offset + 1) - 1);
  return [article.nodes[i]!, offset - article.starts[i]!];
}

/** A Range over folded offsets [start, end) of `article`. */
export function rangeOf(article: ArticleText, start: number, end: number): Range {
  const range = document.createRange();
  const [startNode, startOffset] = locate(article, article.raw[start]!);
  const [endNode, endOffset] = locate(article, article.raw[end - 1]!);
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset + 1);
  return range;
}

/** Describes `range` (clipped to `root`) as an anchor; null when it holds no article text. */
export function describe(root: Node, range: Range, article = articleText(root)): Anchor | null {
  let rawStart = -1;
  let rawEnd = -1;
  article.nodes.forEach((node, i) => {
    if (!range.intersectsNode(node)) return;
    const from = node === range.startContainer ? range.startOffset : 0;
    const to = node === range.endContainer ? range.endOffset : node.length;
    if (to <= from && node.length) return;
    if (rawStart < 0) rawStart = article.starts[i]! + from;
    rawEnd = article.starts[i]! + to;
  });
  if (rawStart < 0) return null;
  let start = lowerBound(article.raw, rawStart);
  let end = lowerBound(article.raw, rawEnd);
  const { text } = article;
  while (start < end && text[start] === ' ') start++;
  while (end > start && text[end - 1] === ' ') end--;
  if (start >= end) return null;
  return {
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT), start),
    suffix: text.slice(end, end + CONTEXT),
    start,
    end,
  };
}

/** 0…1: how closely `actual` matches `expected` (1 = identical). */
function similarity(actual: string, expected: string): number {
  if (!expected) return 1;
  if (!actual) return 0;
  if (actual === expected) return 1;
  const matches = search(actual, expected, expected.length);
  const errors = Math.min(expected.length, ...matches.map((m) => m.errors));
  return 1 - errors / expected.length;
}

export interface QuoteMatch {
  start: number;
  end: number;
  /** 0…1, 1 for the exact quote with its exact context at the hinted position. */
  score: number;
}

/**
 * Finds the anchor's quote in `text`: the exact position, else the exact quote with the best
 * context, else the best approximate match (errors up to a quarter of the quote). Null when the
 * passage is gone.
 */
export function matchQuote(text: string, anchor: Anchor): QuoteMatch | null {
  const { quote, prefix = '', suffix = '' } = anchor;
  if (!quote) return null;
  const hint = anchor.start;
  const score = (start: number, end: number, errors: number): number => {
    const quoteScore = 1 - errors / quote.length;
    const prefixScore = similarity(text.slice(Math.max(0, start - prefix.length), start), prefix);
    const suffixScore = similarity(text.slice(end, end + suffix.length), suffix);
    const position = hint === undefined ? 1 : 1 - Math.min(1, Math.abs(start - hint) / Math.max(1, text.length));
    return (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * position) / 92;
  };
  const best = (candidates: { start: number; end: number; errors: number }[]): QuoteMatch | null => {
    let top: QuoteMatch | null = null;
    for (const { start, end, errors } of candidates) {
      const s = score(start, end, errors);
      if (!top || s > top.score) top = { start, end, score: s };
    }
    return top;
  };

  // 1. The exact position, with its context intact.
  if (hint !== undefined && text.slice(hint, hint + quote.length) === quote) {
    const exact = score(hint, hint + quote.length, 0);
    if (exact === 1) return { start: hint, end: hint + quote.length, score: exact };
  }

  // 2. Exact occurrences of the quote, ranked by context and distance from the hint.
  const exact: { start: number; end: number; errors: number }[] = [];
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) {
    exact.push({ start: i, end: i + quote.length, errors: 0 });
  }
  if (exact.length) return best(exact);

  // 3. Approximate matches. Short quotes say little on their own: they must keep their context.
  const maxErrors = Math.min(256, Math.floor(quote.length / 4));
  if (!maxErrors) return null;
  const fuzzy = search(text, quote, maxErrors)
    .sort((a, b) => a.errors - b.errors)
    .slice(0, 50);
  const found = best(fuzzy);
  if (!found) return null;
  if (quote.length < 24) {
    const context =
      (similarity(text.slice(Math.max(0, found.start - prefix.length), found.start), prefix) +
        similarity(text.slice(found.end, found.end + suffix.length), suffix)) /
      2;
    if (context < 0.5) return null;
  }
  return found;
}

/** The Range the anchor points to in `root`'s current text, or null when the passage is gone. */
export function resolve(root: Node, anchor: Anchor, article = articleText(root)): Range | null {
  const match = matchQuote(article.text, anchor);
  return match && match.end > match.start ? rangeOf(article, match.start, match.end) : null;
}
