/**
 * Keeps a floating element beside its reference with floating-ui, until the returned cleanup runs:
 * the share menu and Mastodon prompt, the feedback popover and the passage button all use it.
 */
import { autoUpdate, computePosition, flip, offset, shift, type Placement, type ReferenceElement } from '@floating-ui/dom';

export function follow(
  reference: ReferenceElement,
  floating: HTMLElement,
  placement: Placement = 'bottom-start',
  fallbackPlacements?: Placement[],
  gap = 8,
): () => void {
  return autoUpdate(reference, floating, () => {
    void computePosition(reference, floating, {
      strategy: 'fixed',
      placement,
      // Without fallbacks, flip() tries the opposite side.
      middleware: [offset(gap), flip({ fallbackPlacements }), shift({ padding: 8 })],
    }).then(({ x, y }) => {
      // CSSOM writes, not a style attribute: allowed under a strict CSP.
      Object.assign(floating.style, { left: `${x}px`, top: `${y}px` });
    });
  });
}
