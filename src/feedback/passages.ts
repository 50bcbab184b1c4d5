/**
 * Reader-selected passages for the element that shows a page's thread (`<chime-comments
 * article="#article">`): the floating "Comment on this passage" button beside a selection, its
 * composer, the highlights of commented passages (re-anchored whenever the comments or the
 * article change) and the jumps between a passage and its comments, both ways.
 *
 * Wiring, in the host (which may import this module lazily, only when `article` is set):
 * `new PassageController(this, () => this.article)`, `${controller.render()}` once in the
 * template, and per inline comment `status(comment)` ("The passage was changed") and
 * `showPassage(comment.id)`. The controller adopts its own styles into the host's shadow root and
 * does nothing (no fetch, no listener) while the host has no `article`.
 */
import { css, html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { Anchor, Comment, NewComment } from '../backend/contract.js';
import { LIMITS } from '../backend/validation.js';
import { articleText, describe, rangeOf, resolve } from '../internal/anchoring.js';
import type { ChimeElement } from '../internal/chime-element.js';
import { addEnglish } from '../internal/i18n.js';
import messages from '../i18n/en/feedback.js';
import { PassageHighlights } from '../internal/highlights.js';
import { SelectionController, rangeReference } from '../internal/selection.js';
import { feedbackIdOf, inlineStore, type InlineStore } from '../stores/feedback.js';
import { defineComposer, type ChimeInlineComposer } from './composer.js';
import { ChimePassageEvent } from './events.js';
import { follow } from './floating.js';

export interface PassageOptions {
  /**
   * Posts through the host's own store (so its thread shows the comment at once); return null
   * to use the inline store (e.g. before the thread has loaded).
   */
  post?: (input: Omit<NewComment, 'page'>) => Promise<Comment> | null;
  /** For tests: paint the fallback instead of the CSS Custom Highlight API. */
  fallback?: boolean;
}

export type PassageStatus = 'found' | 'changed' | 'feedback' | 'none';

export const passageStyles = css`
  .chime-toolbar,
  .chime-compose {
    position: fixed;
    inset: auto;
    left: 0;
    top: 0;
    margin: 0;
    padding: 0;
    border: 0;
    overflow: visible;
    background: transparent;
    color: var(--_text);
    font: inherit;
    z-index: 2147483000;
  }
  .chime-toolbar:not([open]),
  .chime-compose:not([open]) {
    display: none;
  }
  .chime-toolbar {
    display: flex;
    gap: 4px;
  }
  .chime-toolbar button {
    padding: 4px 12px;
    border: 1px solid var(--_accent);
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: var(--_shadow);
    white-space: nowrap;
  }
  .chime-toolbar button + button {
    background: var(--_raised);
    color: var(--_accent);
  }
  .chime-compose {
    inline-size: min(26rem, calc(100vw - 16px));
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_raised);
    box-shadow: var(--_shadow);
  }
  .chime-compose .title {
    margin: 0 0 var(--_space);
    font-weight: 700;
  }
  .chime-layer {
    position: fixed;
    inset: 0;
    pointer-events: none;
    overflow: hidden;
    z-index: 2147482999;
  }
  .chime-layer .passage {
    position: absolute;
    left: 0;
    top: 0;
    background: rgb(255 196 0 / 0.3);
    mix-blend-mode: multiply;
  }
  .chime-layer .active {
    background: rgb(255 160 0 / 0.55);
  }
`;

const show = (el: HTMLElement | null | undefined) => {
  if (!el) return;
  el.setAttribute('open', '');
  if (el.showPopover && !el.matches(':popover-open')) el.showPopover();
};
const hide = (el: HTMLElement | null | undefined) => {
  if (!el) return;
  el.removeAttribute('open');
  if (el.matches(':popover-open')) el.hidePopover();
};

export class PassageController implements ReactiveController {
  readonly highlights: PassageHighlights;
  readonly selection: SelectionController;
  /** Comment id → its passage now (null: the passage was changed). */
  #resolved = new Map<string, Range | null>();
  #comments: Comment[] = [];
  /** What the composer is open for. */
  #composing: { anchor: Anchor; range: Range } | null = null;
  #store: InlineStore | null = null;
  #unsubscribe?: () => void;
  #observer?: MutationObserver;
  #timer?: ReturnType<typeof setTimeout>;
  #stopToolbar?: () => void;
  #stopComposer?: () => void;
  #root: Element | null = null;
  #statuses = '';
  /** Backend and page the controller is started for ('' when stopped). */
  #key = '';

  constructor(
    private readonly host: ChimeElement,
    /** The article selector (the host's `article` attribute). */
    private readonly article: () => string | null | undefined,
    private readonly options: PassageOptions = {},
  ) {
    addEnglish(messages); // the host (the thread) shows the passage texts
    this.highlights = new PassageHighlights(() => this.#part('.chime-layer'), options.fallback);
    this.selection = new SelectionController(
      host,
      () => this.root,
      () => this.#placeToolbar(),
      false,
    );
    host.addController(this); // last: on a connected host this calls hostConnected at once
  }

  /** The article element, or null when the host has no (matching) `article` selector. */
  get root(): Element | null {
    const selector = this.article();
    if (!selector) return null;
    if (!this.#root?.isConnected || !this.#root.matches(selector)) {
      try {
        this.#root = document.querySelector(selector);
      } catch {
        this.#root = null; // an invalid selector is a page bug; no passages then
      }
    }
    return this.#root;
  }

  #part<T extends HTMLElement>(selector: string): T | null {
    return this.host.renderRoot?.querySelector<T>(selector) ?? null;
  }

  hostConnected(): void {
    this.#adoptStyles();
    if (this.article()) this.#start();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  hostUpdated(): void {
    // Follow the host's article, backend and page.
    const key = this.article() ? `${String(this.host.backendSetting)}|${this.host.pageId}` : '';
    if (key !== this.#key) {
      this.#stop();
      if (key) this.#start();
      this.host.requestUpdate(); // render() follows: the toolbar and composer come or go
    }
    // Watch the article once it exists: edits and late content re-anchor the passages.
    const root = this.#store ? this.root : null;
    if (root && !this.#observer) {
      this.#observer = new MutationObserver(() => {
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => this.refresh(), 100);
      });
      this.#observer.observe(root, { childList: true, subtree: true, characterData: true });
      this.refresh();
    }
  }

  #adoptStyles(): void {
    const root = this.host.renderRoot;
    const sheet = passageStyles.styleSheet;
    if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  #start(): void {
    defineComposer();
    this.#key = `${String(this.host.backendSetting)}|${this.host.pageId}`;
    try {
      this.#store = inlineStore(this.host.backendSetting, this.host.pageId);
    } catch {
      return; // the host shows the missing backend
    }
    this.selection.hostConnected();
    this.#unsubscribe = this.#store.$state.subscribe(({ comments }) => {
      this.#comments = comments;
      this.refresh();
    });
    this.host.requestUpdate();
    document.addEventListener('click', this.#click);
    document.addEventListener('keydown', this.#keydown, true);
    addEventListener('scroll', this.#reposition, { passive: true, capture: true });
    addEventListener('resize', this.#reposition, { passive: true });
  }

  #stop(): void {
    this.#key = '';
    this.#store = null;
    this.#resolved.clear();
    this.#statuses = '';
    this.selection.hostDisconnected();
    this.#unsubscribe?.();
    this.#observer?.disconnect();
    this.#observer = undefined;
    clearTimeout(this.#timer);
    document.removeEventListener('click', this.#click);
    document.removeEventListener('keydown', this.#keydown, true);
    removeEventListener('scroll', this.#reposition, { capture: true });
    removeEventListener('resize', this.#reposition);
    this.#stopToolbar?.();
    this.#stopComposer?.();
    this.#stopToolbar = this.#stopComposer = undefined;
    this.#composing = null;
    this.highlights.clear();
  }

  #reposition = (): void => this.highlights.reposition();

  /** Re-anchors every inline comment against the article's current text. */
  refresh(): void {
    const root = this.root;
    const ranges = new Map<string, Range>();
    this.#resolved.clear();
    if (root) {
      const text = articleText(root);
      for (const comment of this.#comments) {
        if (!comment.anchor || comment.anchor.feedbackId) continue;
        const range = resolve(root, comment.anchor, text);
        this.#resolved.set(comment.id, range);
        if (range) ranges.set(comment.id, range);
      }
    }
    this.highlights.set(ranges);
    // Re-render the thread only when a passage was found or lost.
    const statuses = [...this.#resolved].map(([id, range]) => `${id}:${range ? 1 : 0}`).join();
    if (statuses !== this.#statuses) this.host.requestUpdate();
    this.#statuses = statuses;
  }

  /** Where a comment's passage stands: found, changed (gone), a publisher question's, or none. */
  status(comment: Comment): PassageStatus {
    if (!comment.anchor) return 'none';
    if (comment.anchor.feedbackId) return 'feedback';
    return this.#resolved.get(comment.id) ? 'found' : this.root ? 'changed' : 'none';
  }

  /** Comments whose passage meets `range`. */
  commentsAt(range: Range): string[] {
    return [...this.highlights.ranges]
      .filter(
        ([, r]) =>
          r.compareBoundaryPoints(Range.END_TO_START, range) < 0 && r.compareBoundaryPoints(Range.START_TO_END, range) > 0,
      )
      .map(([id]) => id);
  }

  /**
   * Jumps from a comment to its passage: scrolls to it, emphasises it and selects it, so the
   * toolbar offers the way back ("Show the comment on this passage"). A publisher question's
   * answer opens that question's popover.
   */
  showPassage(commentId: string): boolean {
    const comment = this.#comments.find((c) => c.id === commentId);
    if (comment?.anchor?.feedbackId) {
      const question = [...document.querySelectorAll('chime-feedback')].find(
        (el) => (el as HTMLElement & { responseKey?: string }).responseKey === comment.anchor!.feedbackId,
      ) as (HTMLElement & { show(): void }) | undefined;
      question?.scrollIntoView({ block: 'center' });
      question?.show();
      return !!question;
    }
    const range = this.#resolved.get(commentId);
    if (!range) return false;
    (range.startContainer.parentElement ?? this.root)?.scrollIntoView({ block: 'center' });
    this.highlights.setActive(commentId);
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range.cloneRange());
    this.selection.check();
    void this.host.updateComplete.then(() => this.#part<HTMLElement>('.chime-toolbar button:last-child')?.focus());
    return true;
  }

  /**
   * Jumps from a passage to its comments: a `chime-passage` event (cancel it to handle the jump
   * yourself), else focus on `#comment-<id>`; a comment not rendered yet becomes the URL's
   * `#comment-<id>` deep link, which the thread follows (loading more pages if needed).
   */
  showComments(ids: string[]): void {
    if (!ids.length) return;
    this.highlights.setActive(ids[0]!);
    if (!this.host.dispatchEvent(new ChimePassageEvent(ids))) return;
    const target =
      this.host.renderRoot.querySelector<HTMLElement>(`#comment-${CSS.escape(ids[0]!)}`) ??
      document.getElementById(`comment-${ids[0]}`);
    if (!target) {
      location.hash = `comment-${ids[0]}`;
      return;
    }
    target.scrollIntoView({ block: 'center' });
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  }

  // A click (not a drag-selection) on a commented passage leads to its comments.
  #click = (e: MouseEvent): void => {
    const root = this.root;
    if (!root || !e.composedPath().includes(root) || !document.getSelection()?.isCollapsed) return;
    this.showComments(this.highlights.at(e.clientX, e.clientY));
  };

  // Tab from a selection goes to its toolbar, as if the toolbar came right after the selected text.
  #keydown = (e: KeyboardEvent): void => {
    const toolbar = this.#part<HTMLElement>('.chime-toolbar');
    if (e.key !== 'Tab' || e.shiftKey || !this.selection.range || this.#composing || !toolbar?.hasAttribute('open')) return;
    const active = document.activeElement;
    if (active && active !== document.body && !this.root?.contains(active)) return;
    if (active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) return;
    e.preventDefault();
    toolbar.querySelector('button')?.focus();
  };

  #toolbarKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    document.getSelection()?.collapseToEnd();
  };

  #placeToolbar(): void {
    this.#stopToolbar?.();
    this.#stopToolbar = undefined;
    const range = this.selection.range;
    const root = this.root;
    this.host.requestUpdate(); // the toolbar must be rendered before it is placed
    void this.host.updateComplete.then(() => {
      const toolbar = this.#part<HTMLElement>('.chime-toolbar');
      if (!range || !root || this.#composing || range !== this.selection.range) return hide(toolbar);
      if (!toolbar) return;
      const shown = toolbar.hasAttribute('open');
      show(toolbar);
      // Below the selection: touch systems put their own selection menu above it.
      this.#stopToolbar = follow(rangeReference(range, root), toolbar, 'bottom', ['top', 'bottom-start', 'top-start']);
      // Once per appearance: a selection dragged by mouse changes every frame.
      if (!shown) this.host.announce(this.host.t('feedback.selected'));
    });
  }

  #compose(): void {
    const range = this.selection.range;
    const root = this.root;
    let anchor = range && root ? describe(root, range) : null;
    if (!range || !root || !anchor) return;
    // A quote is at most as long as a comment (the server's rule): keep the selection's start.
    if (anchor.quote.length > LIMITS.bodyMax) {
      const article = articleText(root);
      anchor = describe(root, rangeOf(article, anchor.start!, anchor.start! + LIMITS.bodyMax), article)!;
    }
    this.#composing = { anchor, range: range.cloneRange() };
    this.#stopToolbar?.();
    hide(this.#part('.chime-toolbar'));
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const panel = this.#part<HTMLElement>('.chime-compose');
      if (!panel || !this.#composing) return;
      show(panel);
      this.#stopComposer = follow(rangeReference(this.#composing.range, root!), panel, 'bottom', ['top']);
      this.#part<ChimeInlineComposer>('chime-inline-composer')?.focus();
    });
  }

  /** Closes the composer; on cancel the selection comes back with focus on its button. */
  #closeComposer(posted: boolean): void {
    const composing = this.#composing;
    this.#composing = null;
    this.#stopComposer?.();
    this.#stopComposer = undefined;
    hide(this.#part('.chime-compose'));
    this.host.requestUpdate();
    const selection = document.getSelection();
    if (posted) {
      selection?.removeAllRanges();
      this.host.announce(this.host.t('feedback.posted'));
      return;
    }
    if (composing) {
      selection?.removeAllRanges();
      selection?.addRange(composing.range);
      this.selection.check();
      this.#placeToolbar();
      void this.host.updateComplete.then(() => this.#part<HTMLElement>('.chime-toolbar button')?.focus());
    }
  }

  /** The toolbar, the composer and the fallback highlight layer; render once in the host. */
  render(): TemplateResult | typeof nothing {
    if (!this.#store) return nothing;
    const range = this.selection.range;
    const here = range ? this.commentsAt(range) : [];
    const t = (key: string, vars?: Record<string, number>) => this.host.t(key, vars);
    const composing = this.#composing;
    const keep = (e: Event) => e.preventDefault(); // a press must not clear the selection
    return html`<div class="chime-toolbar" part="passage-toolbar" popover="manual" @keydown=${this.#toolbarKeydown}>
        <button type="button" @pointerdown=${keep} @mousedown=${keep} @click=${() => this.#compose()}>
          ${t('feedback.commentOn')}
        </button>
        ${
          here.length
            ? html`<button type="button" @pointerdown=${keep} @mousedown=${keep} @click=${() => this.showComments(here)}>
                ${t('feedback.showComments', { count: here.length })}
              </button>`
            : nothing
        }
      </div>
      <div
        class="chime-compose"
        part="passage-composer"
        role="dialog"
        aria-labelledby="chime-compose-title"
        popover="manual"
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.stopPropagation(), this.#closeComposer(false))}
      >
        ${
          composing
            ? html`<p id="chime-compose-title" class="title">${t('feedback.dialog')}</p>
                <chime-inline-composer
                  cancelable
                  .backend=${this.host.backend}
                  .page=${this.host.page}
                  theme=${this.host.theme ?? nothing}
                  quote=${composing.anchor.quote}
                  .anchor=${composing.anchor}
                  .post=${this.options.post}
                  draft-key=${`passage-${feedbackIdOf('', composing.anchor.quote)}`}
                  @chime-cancel=${() => this.#closeComposer(false)}
                  @chime-comment=${() => this.#closeComposer(true)}
                ></chime-inline-composer>`
            : nothing
        }
      </div>
      ${this.highlights.native ? nothing : html`<div class="chime-layer" aria-hidden="true"></div>`}`;
  }
}
