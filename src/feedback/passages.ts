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
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { Anchor, Comment, NewComment } from '../backend/contract.js';
import { LIMITS } from '../backend/validation.js';
import { articleText, describe, rangeOf, resolve } from '../internal/anchoring.js';
import type { ChimeElement } from '../internal/chime-element.js';
import { highlights } from '../internal/highlights.js';
import { addEnglish } from '../internal/i18n.js';
import messages from '../i18n/en/feedback.js';
import { feedbackIdOf, inlineStore, type InlineStore } from '../stores/feedback.js';
import { defineComposer } from './composer.js';
import { ChimePassageEvent } from './events.js';
import { passageStyles } from './feedback.styles.js';
import { follow } from '../internal/floating.js';
import { reveal } from './reveal.js';

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

/** A press on the toolbar must not clear the selection. */
const keep = (e: Event) => e.preventDefault();

// How Range.compareBoundaryPoints compares.
const START_TO_START = 0;
const START_TO_END = 1;
const END_TO_END = 2;
const END_TO_START = 3;

export class PassageController implements ReactiveController {
  #host: ChimeElement;
  /** The article selector (the host's `article` attribute). */
  #article: () => string | null | undefined;
  #options: PassageOptions;
  /** Comment id → its passage now (null: the passage was changed). */
  #resolved = new Map<string, Range | null>();
  #comments: Comment[] = [];
  #store?: InlineStore;
  /** Teardown of the listeners and the subscription started with the store. */
  #cleanups: (() => void)[] = [];
  /** The article being watched for edits (late content, or edits, re-anchor the passages). */
  #watched?: Element;
  #timer?: ReturnType<typeof setTimeout>;
  #observer = new MutationObserver(() => {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#refresh(), 100);
  });
  #frame = 0;
  #statuses = '';
  /** The reader's selection inside the article (not collapsed), or null. */
  #range: Range | null = null;
  /** What the composer is open for. */
  #composing?: { anchor: Anchor; range: Range };
  #active?: string;
  /** Ranges marked with the shared highlights. */
  #drawn: Range[] = [];
  /** CSS Custom Highlight API, else boxes in the fallback layer. */
  #native: boolean;
  /** The popover shown (the toolbar or the composer), the range it follows, and the cleanup. */
  #popover: HTMLElement | null = null;
  #followed?: Range | null;
  #stopFollowing?: () => void;

  constructor(host: ChimeElement, article: () => string | null | undefined, options: PassageOptions = {}) {
    addEnglish(messages); // the host (the thread) shows the passage texts
    this.#host = host;
    this.#article = article;
    this.#options = options;
    this.#native = !options.fallback && !!globalThis.Highlight;
    host.addController(this);
  }

  /** The article element, or null when the host has no (matching) `article` selector. */
  get #root(): Element | null {
    try {
      return document.querySelector(this.#article() || ':not(*)');
    } catch {
      return null; // an invalid selector is a page bug; no passages then
    }
  }

  #part(selector: string): HTMLElement | null {
    return this.#host.renderRoot.querySelector(selector);
  }

  /** Before the host renders, so what changes here is in the same render. */
  hostUpdate(): void {
    const host = this.#host;
    if (!host.isConnected) return; // a removed host may still update: it stays stopped
    // Follow the host's article, backend and page: the store is shared per backend and page.
    let store: InlineStore | undefined;
    try {
      store = this.#article() ? inlineStore(host.backendSetting, host.pageId) : undefined;
    } catch {
      // the host shows the missing backend
    }
    if (store !== this.#store) {
      this.hostDisconnected();
      if (store) this.#start(store);
    }
    // Watch the article once it exists: edits and late content re-anchor the passages.
    const root = store && this.#root;
    if (root && root !== this.#watched) {
      this.#watched = root;
      this.#observer.observe(root, { childList: true, subtree: true, characterData: true });
      this.#refresh();
    }
  }

  /** After the host rendered: the toolbar or the composer (never both) appears, or follows another range. */
  hostUpdated(): void {
    const host = this.#host;
    const shadow = host.renderRoot as ShadowRoot;
    if (!host.isConnected) return;
    const sheet = passageStyles.styleSheet!;
    if (!shadow.adoptedStyleSheets.includes(sheet)) shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
    const root = this.#store && this.#root;
    const composing = this.#composing;
    const popover = this.#part('.chime-toolbar,.chime-compose');
    const range = composing?.range ?? this.#range;
    if (popover === this.#popover && range === this.#followed) return;
    this.#stopFollowing?.();
    if (popover && popover !== this.#popover) {
      popover.showPopover?.();
      if (!composing) host.announce(host.t('feedback.selected'));
    }
    this.#popover = popover;
    this.#followed = range;
    // Below the selection (touch systems put their own selection menu above it), beside it as it
    // scrolls: a virtual reference in the article's scroll context, so autoUpdate follows that too.
    this.#stopFollowing =
      popover && range && root
        ? follow({ getBoundingClientRect: () => range.getBoundingClientRect(), contextElement: root }, popover, 'bottom', [
            'top',
            ...(composing ? [] : (['bottom-start', 'top-start'] as const)),
          ])
        : undefined;
  }

  hostDisconnected(): void {
    this.#cleanups.forEach((cleanup) => cleanup());
    this.#stopFollowing?.();
    this.#popover = this.#followed = null;
    this.#cleanups = [];
    this.#observer.disconnect();
    this.#store = this.#watched = this.#composing = undefined;
    this.#range = null;
    this.#comments = [];
    clearTimeout(this.#timer);
    cancelAnimationFrame(this.#frame);
    this.#refresh();
  }

  #start(store: InlineStore): void {
    defineComposer();
    this.#store = store;
    const listen = (target: EventTarget, type: string, listener: (e: never) => void, capture?: boolean) => {
      target.addEventListener(type, listener as EventListener, capture);
      this.#cleanups.push(() => target.removeEventListener(type, listener as EventListener, capture));
    };
    // Selections change on every pointer move while dragging, the fallback boxes on scrolling: once per frame.
    const tick = () => {
      cancelAnimationFrame(this.#frame);
      this.#frame = requestAnimationFrame(() => {
        this.#check();
        if (!this.#native) this.#draw();
      });
    };
    listen(document, 'selectionchange', tick);
    listen(window, 'scroll', tick, true);
    listen(window, 'resize', tick);
    listen(document, 'click', this.#click);
    listen(document, 'keydown', this.#keydown, true);
    this.#cleanups.push(
      store.$state.subscribe(({ comments }) => {
        this.#comments = comments;
        this.#refresh();
      }),
    );
  }

  /** Re-anchors every inline comment against the article's current text. */
  #refresh(): void {
    const root = this.#root;
    const article = root && articleText(root);
    this.#resolved.clear();
    for (const { id, anchor } of this.#comments)
      if (article && anchor && !anchor.feedbackId) this.#resolved.set(id, resolve(root, anchor, article));
    this.#draw();
    // Re-render the thread only when a passage was found or lost.
    const statuses = [...this.#resolved].map(([id, range]) => id + !range).join();
    if (statuses !== this.#statuses) this.#host.requestUpdate();
    this.#statuses = statuses;
  }

  /** Marks the found passages (the active one emphasised): highlights, or boxes over their rects. */
  #draw(): void {
    const [all, active] = this.#native ? highlights() : [];
    const boxes: HTMLElement[] = [];
    for (const range of this.#drawn) {
      all?.delete(range);
      active?.delete(range);
    }
    this.#drawn = [];
    this.#resolved.forEach((range, id) => {
      if (!range) return;
      this.#drawn.push(range);
      if (all) {
        all.add(range);
        if (id === this.#active) active!.add(range);
      } else
        for (const rect of range.getClientRects()) {
          const box = document.createElement('span');
          box.className = id === this.#active ? 'passage active' : 'passage';
          // CSSOM writes, not a style attribute: allowed under a strict CSP.
          Object.assign(box.style, {
            left: `${rect.left}px`,
            top: `${rect.top}px`,
            width: `${rect.width}px`,
            height: `${rect.height}px`,
          });
          boxes.push(box);
        }
    });
    this.#part('.chime-layer')?.replaceChildren(...boxes);
  }

  /** Re-reads the reader's selection: the part of it inside the article, if that holds any text. */
  #check(): void {
    const root = this.#root;
    const selection = getSelection();
    const old = this.#range;
    let range = root && selection?.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
    if (range) {
      const whole = new Range();
      whole.selectNodeContents(root!);
      if (range.compareBoundaryPoints(START_TO_START, whole) < 0) range.setStart(root!, 0);
      if (range.compareBoundaryPoints(END_TO_END, whole) > 0) range.setEnd(root!, root!.childNodes.length);
      if (!range.toString().trim()) range = null;
    }
    if (range ? !old || range.compareBoundaryPoints(START_TO_START, old) || range.compareBoundaryPoints(END_TO_END, old) : old) {
      this.#range = range;
      this.#host.requestUpdate();
    }
  }

  /** Ids of the comments whose passage passes `test`. */
  #commentsWhere(test: (range: Range) => boolean): string[] {
    return [...this.#resolved].filter(([, range]) => range && test(range)).map(([id]) => id);
  }

  /** Emphasises one passage (the one a reader jumped to or from). */
  #activate(id: string): void {
    this.#active = id;
    this.#draw();
  }

  /** Focuses `selector` once the host has rendered. */
  #focus(selector: string): void {
    void this.#host.updateComplete.then(() => this.#part(selector)?.focus());
  }

  /** Where a comment's passage stands: found, changed (gone), a publisher question's, or none. */
  status({ id, anchor }: Comment): PassageStatus {
    return !anchor ? 'none' : anchor.feedbackId ? 'feedback' : this.#resolved.get(id) ? 'found' : this.#root ? 'changed' : 'none';
  }

  /**
   * Jumps from a comment to its passage: scrolls to it, emphasises it and selects it, so the
   * toolbar offers the way back ("Show the comment on this passage"). A publisher question's
   * answer opens that question's popover.
   */
  showPassage(commentId: string): boolean {
    const feedbackId = this.#comments.find((c) => c.id === commentId)?.anchor?.feedbackId;
    if (feedbackId) {
      const question = [...document.querySelectorAll('chime-feedback')].find((el) => el.responseKey === feedbackId);
      question?.scrollIntoView({ block: 'center' });
      question?.show();
      return !!question;
    }
    const range = this.#resolved.get(commentId);
    if (!range) return false;
    (range.startContainer.parentElement ?? this.#root)?.scrollIntoView({ block: 'center' });
    this.#activate(commentId);
    getSelection()?.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
    this.#check();
    this.#focus('.chime-toolbar button:last-child');
    return true;
  }

  /**
   * Jumps from a passage to its comments: a `chime-passage` event (cancel it to handle the jump
   * yourself), else focus on `#comment-<id>`; a comment not rendered yet becomes the URL's
   * `#comment-<id>` deep link, which the thread follows (loading more pages if needed).
   */
  #showComments(ids: string[]): void {
    const id = `comment-${ids[0]}`;
    if (!ids.length) return;
    this.#activate(ids[0]!);
    if (!this.#host.dispatchEvent(new ChimePassageEvent(ids))) return;
    const target = (this.#host.renderRoot as ShadowRoot).getElementById(id) ?? document.getElementById(id);
    if (target) reveal(target, { block: 'center' });
    else location.hash = id;
  }

  // A click (not a drag-selection) on a commented passage leads to its comments.
  #click = (e: MouseEvent): void => {
    const root = this.#root;
    if (root && e.composedPath().includes(root) && getSelection()?.isCollapsed)
      this.#showComments(
        this.#commentsWhere((range) =>
          [...range.getClientRects()].some(
            (r) => e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom,
          ),
        ),
      );
  };

  // Tab from a selection goes to its toolbar, as if the toolbar came right after the selected text.
  #keydown = (e: KeyboardEvent): void => {
    const toolbar = this.#part('.chime-toolbar button');
    const active = document.activeElement ?? document.body;
    if (
      e.key === 'Tab' &&
      !e.shiftKey &&
      toolbar &&
      (active === document.body || this.#root?.contains(active)) &&
      !/^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)
    ) {
      e.preventDefault();
      toolbar.focus();
    }
  };

  // Escape closes the composer, or the toolbar (by collapsing the selection).
  #escape = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    if (this.#composing) this.#close();
    else getSelection()?.collapseToEnd();
  };

  #compose(): void {
    const range = this.#range;
    const root = this.#root;
    const article = root && articleText(root);
    let anchor = range && article && describe(root, range, article);
    if (!anchor) return;
    // A quote is at most as long as a comment (the server's rule): keep the selection's start.
    if (anchor.quote.length > LIMITS.bodyMax)
      anchor = describe(root!, rangeOf(article!, anchor.start!, anchor.start! + LIMITS.bodyMax), article!)!;
    this.#composing = { anchor, range: range! };
    this.#host.requestUpdate();
    this.#focus('chime-inline-composer');
  }

  /** Closes the composer; on cancel the selection comes back with focus on its button. */
  #close(posted?: boolean): void {
    const range = this.#composing?.range;
    const selection = getSelection();
    this.#composing = undefined;
    this.#host.requestUpdate();
    selection?.removeAllRanges();
    if (posted) this.#host.announce(this.#host.t('feedback.posted'));
    else if (range) {
      selection?.addRange(range);
      this.#check();
      this.#focus('.chime-toolbar button');
    }
  }

  /** The toolbar, the composer and the fallback highlight layer; render once in the host. */
  render(): TemplateResult | typeof nothing {
    if (!this.#store) return nothing;
    const host = this.#host;
    const composing = this.#composing;
    const range = !composing && this.#range;
    // Comments on passages the selection meets.
    const here = range
      ? this.#commentsWhere(
          (r) => r.compareBoundaryPoints(END_TO_START, range) < 0 && r.compareBoundaryPoints(START_TO_END, range) > 0,
        )
      : [];
    return html`${
      range
        ? html`<div
            class="chime-toolbar"
            part="passage-toolbar"
            popover="manual"
            @pointerdown=${keep}
            @mousedown=${keep}
            @keydown=${this.#escape}
          >
            <button type="button" @click=${() => this.#compose()}>${host.t('feedback.commentOn')}</button>
            ${
              here.length
                ? html`<button type="button" @click=${() => this.#showComments(here)}>
                    ${host.t('feedback.showComments', { count: here.length })}
                  </button>`
                : nothing
            }
          </div>`
        : nothing
    }${
      composing
        ? html`<div
            class="chime-compose"
            part="passage-composer"
            role="dialog"
            aria-label=${host.t('feedback.dialog')}
            popover="manual"
            @keydown=${this.#escape}
          >
            <p>${host.t('feedback.dialog')}</p>
            <chime-inline-composer
              cancelable
              .backend=${host.backend}
              .page=${host.page}
              theme=${host.theme ?? nothing}
              quote=${composing.anchor.quote}
              .anchor=${composing.anchor}
              .post=${this.#options.post}
              draft-key=${`passage-${feedbackIdOf('', composing.anchor.quote)}`}
              @chime-cancel=${() => this.#close()}
              @chime-comment=${() => this.#close(true)}
            ></chime-inline-composer>
          </div>`
        : nothing
    }${this.#native ? nothing : html`<div class="chime-layer" aria-hidden="true"></div>`}`;
  }
}
