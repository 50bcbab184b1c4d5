/**
 * Marks commented passages without touching the article: the CSS Custom Highlight API paints
 * ranges with no element added, so neither the layout nor the page's selectors change. Where the
 * API is missing, translucent boxes over the ranges' rects in a fixed layer do the same job.
 */

/** Registry names; `::highlight(chime-passage)` is styled by a sheet adopted by the document. */
export const HIGHLIGHT = 'chime-passage';
export const ACTIVE_HIGHLIGHT = 'chime-passage-active';

const RULES = `::highlight(${HIGHLIGHT}) { background-color: var(--chime-passage-highlight, rgb(255 196 0 / 0.28)); }
::highlight(${ACTIVE_HIGHLIGHT}) { background-color: var(--chime-passage-highlight-active, rgb(255 160 0 / 0.55)); }`;

type Registry = { set(name: string, h: unknown): void; delete(name: string): void };
interface HighlightLike {
  add(range: Range): void;
  delete(range: Range): void;
  clear(): void;
}

const api = (): { registry: Registry; Highlight: new () => HighlightLike } | null => {
  const registry = (globalThis.CSS as unknown as { highlights?: Registry } | undefined)?.highlights;
  const Highlight = (globalThis as unknown as { Highlight?: new () => HighlightLike }).Highlight;
  return registry && Highlight ? { registry, Highlight } : null;
};

let shared: { all: HighlightLike; active: HighlightLike } | undefined;

/** One Highlight per name for the whole page, shared by every instance; the rules adopted once. */
function sharedHighlights(): { all: HighlightLike; active: HighlightLike } | null {
  const native = api();
  if (!native) return null;
  if (!shared) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(RULES);
    // Adopted (not an inline <style>): allowed under a strict CSP.
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    shared = { all: new native.Highlight(), active: new native.Highlight() };
    native.registry.set(HIGHLIGHT, shared.all);
    native.registry.set(ACTIVE_HIGHLIGHT, shared.active);
  }
  return shared;
}

/** Does any of the range's boxes contain the point? */
export function rangeContains(range: Range, x: number, y: number): boolean {
  return Array.from(range.getClientRects()).some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);
}

export class PassageHighlights {
  #ranges = new Map<string, Range>();
  #active: string | null = null;
  #layer: HTMLElement | null = null;
  #frame = 0;
  readonly native: boolean;

  /**
   * @param fallbackLayer where the fallback boxes go (a fixed, pointer-transparent element in the
   *   host's shadow root); `forceFallback` is for tests.
   */
  constructor(
    private readonly fallbackLayer?: () => HTMLElement | null | undefined,
    forceFallback = false,
  ) {
    this.native = !forceFallback && !!api();
  }

  /** Replaces the marked passages (key → range). */
  set(ranges: Map<string, Range>): void {
    this.clear();
    this.#ranges = new Map(ranges);
    const highlights = this.native ? sharedHighlights() : null;
    if (highlights) this.#ranges.forEach((range) => highlights.all.add(range));
    else this.#paint();
    this.setActive(this.#active);
  }

  get ranges(): ReadonlyMap<string, Range> {
    return this.#ranges;
  }

  /** Emphasises one passage (the one a reader jumped to), or none. */
  setActive(key: string | null): void {
    const highlights = this.native ? sharedHighlights() : null;
    const old = this.#active ? this.#ranges.get(this.#active) : undefined;
    if (old) highlights?.active.delete(old);
    this.#active = key && this.#ranges.has(key) ? key : null;
    const range = this.#active ? this.#ranges.get(this.#active) : undefined;
    if (range) highlights?.active.add(range);
    if (!highlights) this.#paint();
  }

  /** Keys of the passages drawn under a viewport point. */
  at(x: number, y: number): string[] {
    return [...this.#ranges].filter(([, range]) => rangeContains(range, x, y)).map(([key]) => key);
  }

  clear(): void {
    const highlights = this.native ? sharedHighlights() : null;
    this.#ranges.forEach((range) => {
      highlights?.all.delete(range);
      highlights?.active.delete(range);
    });
    this.#ranges.clear();
    this.#layer?.replaceChildren();
  }

  /** Fallback: boxes over each range's rects; redrawn on scroll and resize while any exist. */
  #paint = (): void => {
    cancelAnimationFrame(this.#frame);
    this.#layer = this.fallbackLayer?.() ?? null;
    if (!this.#layer) return;
    const boxes: HTMLElement[] = [];
    this.#ranges.forEach((range, key) => {
      for (const rect of Array.from(range.getClientRects())) {
        const box = document.createElement('span');
        box.className = key === this.#active ? 'passage active' : 'passage';
        box.style.setProperty('translate', `${rect.left}px ${rect.top}px`);
        box.style.setProperty('inline-size', `${rect.width}px`);
        box.style.setProperty('block-size', `${rect.height}px`);
        boxes.push(box);
      }
    });
    this.#layer.replaceChildren(...boxes);
  };

  /** Call from scroll/resize listeners: the fallback boxes move with the text. */
  reposition(): void {
    if (this.native || !this.#ranges.size) return;
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(this.#paint);
  }
}
