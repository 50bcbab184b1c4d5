/**
 * `data-auto="#article"` on the script tag: for CMSs where a publisher can add a script but not
 * markup, insert a `<chime-footer>` right after the matching element once the document is parsed.
 */
import { scriptElement } from '../internal/config.js';

/** Inserts the footer after `selector`'s element; returns it, or null when nothing matched. */
export function insertFooterAfter(selector: string): HTMLElement | null {
  let target: Element | null | undefined;
  try {
    target = document.querySelector(selector);
  } catch {
    // An invalid selector: `target` stays undefined.
  }
  if (!target) {
    console.warn(
      `Chime: data-auto="${selector}" ${target === null ? 'matches no element; no footer inserted' : 'is not a valid CSS selector'}.`,
    );
    return null;
  }
  // Loading the script twice (two URLs, or a reload by a CMS) must not add a second footer.
  const next = target.nextElementSibling;
  if (next?.matches('chime-footer[data-chime-auto]')) return next as HTMLElement;
  const footer = document.createElement('chime-footer');
  footer.dataset.chimeAuto = selector;
  target.after(footer);
  return footer;
}

/** Reads `data-auto` from the script tag that loaded Chime and acts on it when the DOM is ready. */
export function autoInsertFooter(): void {
  const selector = scriptElement()?.dataset.auto?.trim();
  if (!selector) return;
  const insert = () => insertFooterAfter(selector);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', insert);
  else insert();
}
