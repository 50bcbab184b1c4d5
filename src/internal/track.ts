/**
 * The floating-ui half of follow() (floating.ts): imported dynamically, so floating-ui and this
 * file make a chunk of their own that loads when the first popup opens, not with the page.
 */
import { autoUpdate, computePosition, flip, offset, shift, type ReferenceElement } from '@floating-ui/dom';
import type { Placement } from './floating.js';

/** Keeps `floating` beside `reference` (on scrolling, resizing, layout shifts) until the cleanup runs. */
export function track(
  reference: ReferenceElement,
  floating: HTMLElement,
  placement: Placement,
  fallbackPlacements: Placement[] | undefined,
  gap: number,
): () => void {
  let live = true;
  const stop = autoUpdate(reference, floating, () => {
    void computePosition(reference, floating, {
      strategy: 'fixed',
      placement,
      // Without fallbacks, flip() tries the other alignment, then the other side.
      // Taller than the room on either side (a phone in landscape): shifted up into the viewport
      // (crossAxis), over its reference rather than past the screen's edge.
      middleware: [offset(gap), flip({ fallbackPlacements }), shift({ padding: 8, crossAxis: true })],
    }).then(({ x, y }) => {
      // A position computed before the cleanup must not land after it. CSSOM writes, not a style
      // attribute: allowed under a strict CSP.
      if (live) Object.assign(floating.style, { left: `${x}px`, top: `${y}px` });
    });
  });
  return () => {
    live = false;
    stop();
  };
}
