/**
 * Marks commented passages without touching the article: the CSS Custom Highlight API paints
 * ranges with no element added, so neither the layout nor the page's selectors change. (Where the
 * API is missing, the passages controller draws translucent boxes in a fixed layer instead.)
 */
import { css } from 'lit';

/** Registry name of the passages' highlight; the emphasised passage's is `chime-passage-active`. */
export const HIGHLIGHT = 'chime-passage';

let shared: Highlight[] | undefined;

/** The page's two highlights (every passage, the emphasised one): one pair for every thread, registered and styled once. */
export function highlights(): Highlight[] {
  if (!shared) {
    shared = [new Highlight(), new Highlight()];
    CSS.highlights.set(HIGHLIGHT, shared[0]!).set(`${HIGHLIGHT}-active`, shared[1]!);
    // Adopted by the document (not an inline <style>): allowed under a strict CSP.
    document.adoptedStyleSheets = [
      ...document.adoptedStyleSheets,
      css`
        ::highlight(chime-passage) {
          background-color: var(--chime-passage-highlight, rgb(255 196 0 / 0.28));
        }
        ::highlight(chime-passage-active) {
          background-color: var(--chime-passage-highlight-active, rgb(255 160 0 / 0.55));
        }
      `.styleSheet!,
    ];
  }
  return shared;
}
