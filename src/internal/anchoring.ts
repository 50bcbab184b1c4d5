/**
 * Anchors for passages of an article: a DOM Range is described as a W3C Web Annotation
 * TextQuoteSelector (quote, 32 characters of prefix and suffix) plus a TextPositionSelector hint,
 * and an anchor is resolved back to a Range on the article's current text — the exact quote
 * scored by its context and distance from the hint, else an approximate match (after the
 * Hypothesis client's approach), so anchors survive small edits of the article.
 */
import type { Anchor } from '../backend/contract.js';

/** Characters of context kept before and after a quote. */
const CONTEXT = 32;

/** An article's text with whitespace runs folded to one space, and where each character is. */
export interface ArticleText {
  text: string;
  /** Per character of `text`: its text node and offset there. */
  points: [Text, number][];
}

export function articleText(root: Node): ArticleText {
  const points: [Text, number][] = [];
  let text = '';
  // Text that is not part of the article is skipped: scripts, form fields and Chime's own widgets
  // (but a `<chime-feedback>` passage is article text); `data-chime-ignore` lets a page exclude more.
  const walker = document.createTreeWalker(
    root,
    5 /* SHOW_ELEMENT | SHOW_TEXT */,
    (node) =>
      node instanceof Text
        ? 1 // FILTER_ACCEPT
        : /^(chime-(?!feedback$)|(script|style|template|noscript|textarea|select)$)/.test((node as Element).localName) ||
            (node as Element).hasAttribute('data-chime-ignore')
          ? 2 // FILTER_REJECT: not its text either
          : 3, // FILTER_SKIP: but its text
  );
  for (let node; (node = walker.nextNode() as Text | null);)
    for (let i = 0; i < node.length; i++) {
      const space = /\s/.test(node.data[i]!);
      // Leading whitespace goes, and every run of it becomes one space.
      if (!space || (text && !text.endsWith(' '))) {
        points.push([node, i]);
        text += space ? ' ' : node.data[i];
      }
    }
  return { text, points };
}

/** A Range over the characters [start, end) of `article`. */
export function rangeOf({ points }: ArticleText, start: number, end: number): Range {
  const range = document.createRange();
  const [node, offset] = points[end - 1]!;
  range.setStart(...points[start]!);
  range.setEnd(node, offset + 1);
  return range;
}

/** Describes `range` (clipped to `root`) as an anchor; null when it holds no article text. */
export function describe(root: Node, range: Range, { text, points } = articleText(root)): Anchor | null {
  // The first character at or after the range's start, and the first one ending after its end.
  let start = points.findIndex(([node, offset]) => range.comparePoint(node, offset) >= 0);
  let end = points.findIndex(([node, offset]) => range.comparePoint(node, offset + 1) > 0);
  if (end < 0) end = points.length;
  // Folded text has no two spaces in a row: one step trims each end.
  if (text[start] === ' ') start++;
  if (text[end - 1] === ' ') end--;
  return start < 0 || start >= end
    ? null
    : {
        quote: text.slice(start, end),
        prefix: text.slice(Math.max(0, start - CONTEXT), start),
        suffix: text.slice(end, end + CONTEXT),
        start,
        end,
      };
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/**
 * Approximate occurrences of `pattern` in `text` with at most `max` errors (insertions, deletions,
 * substitutions), one per end offset, with the start of its best alignment. Sellers' dynamic
 * programming, one column per character of text, with Ukkonen's cut-off: rows past the last one
 * still within `max` are not computed, so a search costs about `max` × the text's length.
 */
function search(text: string, pattern: string, max: number): Candidate[] {
  const m = pattern.length;
  // Per row i (pattern[0, i)): errors of the best alignment ending at the current column, and its start.
  const errors = Array.from({ length: m + 1 }, (_, i) => i);
  const from = errors.map(() => 0);
  const found: Candidate[] = [];
  let last = Math.min(max + 1, m);
  for (let j = 0; j < text.length;) {
    // Row 0: the empty pattern matches anywhere, without errors.
    let diagonal = 0;
    let diagonalFrom = j;
    let above = 0;
    let aboveFrom = ++j;
    for (let i = 1; i <= last; i++) {
      // The cheapest way here: diagonally (a match, or a substitution), from above (a pattern
      // character left out) or from the left (a text character inserted).
      let e = diagonal;
      let f = diagonalFrom;
      if (pattern[i - 1] !== text[j - 1]) {
        if (above < e) {
          e = above;
          f = aboveFrom;
        }
        if (errors[i]! < e) {
          e = errors[i]!;
          f = from[i]!;
        }
        e++;
      }
      diagonal = errors[i]!;
      diagonalFrom = from[i]!;
      errors[i] = above = e;
      from[i] = aboveFrom = f;
    }
    while (errors[last]! > max) last--;
    if (last < m) last++;
    else found.push({ start: from[m]!, end: j, errors: errors[m]! });
  }
  return found;
}

/** 0…1: how closely `actual` holds `expected` (1 = all of it). */
const similarity = (actual: string, expected: string): number =>
  expected
    ? 1 - Math.min(expected.length, ...search(actual, expected, expected.length).map((c) => c.errors)) / expected.length
    : 1;

export interface QuoteMatch {
  start: number;
  end: number;
  /** 0…1, 1 for the exact quote with its exact context at the hinted position. */
  score: number;
}

/**
 * Finds the anchor's quote in `text`: the exact quote with the best context (and nearest the
 * hint), else the best approximate match (errors up to a quarter of the quote). Null when the
 * passage is gone.
 */
export function matchQuote(text: string, { quote, prefix = '', suffix = '', start: hint }: Anchor): QuoteMatch | null {
  if (!quote) return null;
  // Exact occurrences first (a search without errors).
  let candidates = search(text, quote, 0);
  const exact = candidates.length > 0;
  // Approximate matches, the closest 50 of them.
  if (!exact)
    candidates = search(text, quote, Math.min(256, quote.length >> 2))
      .sort((a, b) => a.errors - b.errors)
      .slice(0, 50);
  let best: (QuoteMatch & { context: number }) | null = null;
  for (const { start, end, errors } of candidates) {
    const context =
      similarity(text.slice(Math.max(0, start - prefix.length), start), prefix) +
      similarity(text.slice(end, end + suffix.length), suffix);
    const position = hint == null ? 1 : 1 - Math.min(1, Math.abs(start - hint) / Math.max(1, text.length));
    const score = (50 * (1 - errors / quote.length) + 20 * context + 2 * position) / 92;
    if (!best || score > best.score) best = { start, end, score, context };
  }
  // A short quote says little on its own: changed, it must keep (half of) its context.
  return best && (exact || quote.length > 23 || best.context >= 1) ? best : null;
}

/** The Range the anchor points to in `root`'s current text, or null when the passage is gone. */
export function resolve(root: Node, anchor: Anchor, article = articleText(root)): Range | null {
  const match = matchQuote(article.text, anchor);
  return match && rangeOf(article, match.start, match.end);
}
