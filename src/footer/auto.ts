/**
 * `data-auto="#article"` on the script tag: for CMSs where a publisher can add a script but not
 * markup, insert a `<chime-footer>` right after the matching element once the document is parsed.
 */
import { scriptElement } from '../internal/config.js';

const MARK = 'data-chime-auto';

/** Inserts the footer after `selector`'s element; returns it, or null when nothing matched. */
export function insertFooterAfter(selector: string, doc: Document = document): HTMLElement | null {
  let target: Element | null;
  try {
    target = doc.querySelector(selector);
  } catch {
    console.warn(`Chime: data-auto="${selector}" is not a valid CSS selector.`);
    return null;
  }
  if (!target) {
    console.warn(`Chime: data-auto="${selector}" matches no element; no footer inserted.`);
    return null;
  }
  // Loading the script twice (two URLs, or a reload by a CMS) must not add a second footer.
  const next = target.nextElementSibling;
  if (next?.localName === 'chime-footer' && next.hasAttribute(MARK)) return next as HTMLElement;
  const footer = doc.createElement('chime-footer');
  footer.setAttribute(MARK, selector);
  target.after(footer);
  return footer;
}

/** Reads `data-auto` from the script tag that loaded Chime and acts on it when the DOM is ready. */
export function autoInsertFooter(doc: Document = document): void {
  const selector = scriptElement(doc)?.dataset.auto?.trim();
  if (!selector) return;
  if (doc.readyState === 'loading') {
    doc.addEventListener('DOMContentLoaded', () => insertFooterAfter(selector, doc), { once: true });
  } else {
    insertFooterAfter(selector, doc);
  }
}
