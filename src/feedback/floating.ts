/** Keeps a floating element beside its reference with floating-ui, until the returned cleanup runs. */
import { autoUpdate, computePosition, flip, offset, shift, type Placement, type ReferenceElement } from '@floating-ui/dom';

export function follow(
  reference: ReferenceElement,
  floating: HTMLElement,
  placement: Placement = 'bottom-start',
  fallbackPlacements?: Placement[],
): () => void {
  return autoUpdate(reference, floating, () => {
    void computePosition(reference, floating, {
      strategy: 'fixed',
      placement,
      middleware: [offset(8), flip(fallbackPlacements ? { fallbackPlacements } : {}), shift({ padding: 8 })],
    }).then(({ x, y }) => {
      // CSSOM writes, not a style attribute: allowed under a strict CSP.
      floating.style.setProperty('left', `${x}px`);
      floating.style.setProperty('top', `${y}px`);
    });
  });
}
