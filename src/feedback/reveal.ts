/**
 * Scrolls an element into view and gives it focus, like a skip link's target: focusable for the
 * jump if it was not (`tabindex="-1"`), so the next Tab continues from there.
 */
export function reveal(target: HTMLElement, scroll: ScrollIntoViewOptions): void {
  target.scrollIntoView(scroll);
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}
