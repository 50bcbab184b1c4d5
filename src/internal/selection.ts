/**
 * The reader's text selection inside an article root, as a reactive controller: mouse, touch and
 * keyboard selections all end in `selectionchange`, so that one event is all it listens to.
 */
import type { VirtualElement } from '@floating-ui/dom';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The part of `range` inside `root`, or null when they do not meet. */
export function clip(range: Range, root: Node): Range | null {
  if (!range.intersectsNode(root)) return null;
  const clipped = range.cloneRange();
  const whole = document.createRange();
  whole.selectNodeContents(root);
  if (clipped.compareBoundaryPoints(Range.START_TO_START, whole) < 0) clipped.setStart(whole.startContainer, whole.startOffset);
  if (clipped.compareBoundaryPoints(Range.END_TO_END, whole) > 0) clipped.setEnd(whole.endContainer, whole.endOffset);
  return clipped.collapsed ? null : clipped;
}

/**
 * A floating-ui reference for a range: its client rects (so `inline()` and the bounding box
 * follow the text), in `root`'s scroll context so `autoUpdate` follows scrolling.
 */
export function rangeReference(range: Range, root: Element): VirtualElement {
  return {
    getBoundingClientRect: () => range.getBoundingClientRect(),
    getClientRects: () => range.getClientRects(),
    contextElement: root,
  };
}

export class SelectionController implements ReactiveController {
  /** The current selection inside the root (not collapsed), or null. */
  range: Range | null = null;
  #frame = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The article root, looked up when the selection changes (it may appear later). */
    private readonly root: () => Element | null,
    private readonly onChange: (range: Range | null) => void,
    /** False when an owner starts and stops it (calling hostConnected/hostDisconnected itself). */
    register = true,
  ) {
    if (register) host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('selectionchange', this.#schedule);
  }

  hostDisconnected(): void {
    document.removeEventListener('selectionchange', this.#schedule);
    cancelAnimationFrame(this.#frame);
    this.range = null;
  }

  // Selections change on every pointer move while dragging: look once per frame.
  #schedule = (): void => {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(this.check);
  };

  /** Re-reads the document selection now. */
  check = (): void => {
    const selection = document.getSelection();
    const root = this.root();
    const range =
      root && selection && selection.rangeCount && !selection.isCollapsed ? clip(selection.getRangeAt(0), root) : null;
    const usable = range && range.toString().trim() ? range : null;
    if (usable === this.range || (usable && this.range && sameRange(usable, this.range))) return;
    this.range = usable;
    this.onChange(usable);
    this.host.requestUpdate();
  };
}

function sameRange(a: Range, b: Range): boolean {
  return a.compareBoundaryPoints(Range.START_TO_START, b) === 0 && a.compareBoundaryPoints(Range.END_TO_END, b) === 0;
}
