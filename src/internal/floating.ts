/**
 * Keeps a floating element beside its reference, until the returned cleanup runs: the share menu
 * and Mastodon prompt, the feedback popover and the passage button all use it.
 *
 * floating-ui (≈6 KB gzip) is loaded on first use, not with the page: no popup is open when a
 * page opens and most readers never open one. Until it has loaded the popup is placed at once by
 * a cheap copy of the same rules (gap, flip to the other side or alignment, shift on both axes), so it is
 * visible and focusable from the first frame; floating-ui then refines it and follows scrolling
 * and resizing. The cleanup may run before floating-ui has loaded: then nothing starts.
 */
import type { ReferenceElement } from '@floating-ui/dom';

/** Above or below the reference; `-start`/`-end` follow the floating element's direction. */
export type Placement = `${'top' | 'bottom'}${'' | '-start' | '-end'}`;

let loading: Promise<typeof import('./track.js') | undefined> | undefined;

/**
 * Loads floating-ui, once; undefined when it could not be loaded (tried again next time). Call it
 * when a reader is about to open a popup (pointer over or focus on its trigger), so that it is
 * usually there in time.
 */
export const loadFloating = () => (loading ??= import('./track.js').catch(() => (loading = undefined)));

/** `start` moved into `[8, max - size - 8]`: shift()'s rule on one axis, with its padding. */
const inside = (start: number, size: number, max: number) => Math.max(8, Math.min(start, max - size - 8));

/** `preferred`, unless it overflows `[0, max]` and `other` does not: flip()'s rule on one axis. */
const pick = (preferred: number, other: number, size: number, max: number) =>
  (preferred < 0 || preferred + size > max) && other >= 0 && other + size <= max ? other : preferred;

/** Where floating-ui's offset, flip and shift put it in the simple cases, from two rectangles. */
function place(reference: ReferenceElement, floating: HTMLElement, placement: Placement, gap: number): void {
  const ref = reference.getBoundingClientRect();
  const { width, height } = floating.getBoundingClientRect();
  const { clientWidth, clientHeight } = document.documentElement;
  const [side, align] = placement.split('-');
  const below = ref.bottom + gap;
  const above = ref.top - gap - height;
  const [first, second] = side == 'top' ? ([above, below] as const) : ([below, above] as const);
  // `start` is the left edge in a left-to-right popup, the right edge in a right-to-left one.
  const asked = (align == 'start') != (getComputedStyle(floating).direction == 'rtl') ? ref.left : ref.right - width;
  const left = align ? pick(asked, ref.left + ref.right - width - asked, width, clientWidth) : ref.left + (ref.width - width) / 2;
  Object.assign(floating.style, {
    left: `${inside(left, width, clientWidth)}px`,
    top: `${inside(pick(first, second, height, clientHeight), height, clientHeight)}px`,
  });
}

export function follow(
  reference: ReferenceElement,
  floating: HTMLElement,
  placement: Placement = 'bottom-start',
  fallbackPlacements?: Placement[],
  gap = 8,
): () => void {
  let stopped = false;
  let stop: (() => void) | undefined;
  place(reference, floating, placement, gap);
  void loadFloating().then((ui) => {
    // Offline, the popup stays where it was placed.
    if (ui && !stopped) stop = ui.track(reference, floating, placement, fallbackPlacements, gap);
  });
  return () => {
    stopped = true;
    stop?.();
  };
}
