/**
 * The shared test harness: mount an element against a local (or deliberately failing) backend,
 * find controls by role and accessible name through shadow roots, act like a user, run axe.
 */
import { fixture, fixtureCleanup } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { computeAccessibleName, getRole } from 'dom-accessibility-api';
import 'axe-core/axe.min.js';
import type { TemplateResult } from 'lit';
import { ChimeError, type ChimeBackend } from '../src/backend/contract.js';
import { LocalBackend, type LocalBackendOptions } from '../src/backend/local.js';
import { registerBackend, resetBackends } from '../src/backend/factory.js';
import { resetConfig } from '../src/internal/config.js';

let counter = 0;

/** A fresh in-memory local backend (no cross-tab events unless asked). */
export function localBackend(options: LocalBackendOptions = {}): LocalBackend {
  const memory = new Map<string, string>();
  return new LocalBackend({
    namespace: `test-${Date.now()}-${counter++}`,
    crossTab: false,
    storage: {
      getItem: (k) => memory.get(k) ?? null,
      setItem: (k, v) => void memory.set(k, v),
      removeItem: (k) => void memory.delete(k),
    },
    ...options,
  });
}

export type Failure = 'network' | 'stall' | ChimeError;

/**
 * Wraps a backend so chosen methods fail (with a network error, a given ChimeError) or never
 * answer (`stall`) until `heal()` is called.
 */
export function controllableBackend(inner: ChimeBackend) {
  const failures = new Map<string, Failure>();
  const calls: string[] = [];
  const stalled: (() => void)[] = [];
  const proxy = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const name = String(prop);
        calls.push(name);
        const failure = failures.get(name) ?? failures.get('*');
        if (!failure || name === 'watch') return (value as (...a: unknown[]) => unknown).apply(target, args);
        if (failure === 'stall') {
          return new Promise((resolve, reject) => {
            stalled.push(() => {
              Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args)).then(resolve, reject);
            });
          });
        }
        return Promise.reject(failure === 'network' ? new ChimeError('network', 'Failed to fetch') : failure);
      };
    },
  });
  return {
    backend: proxy as ChimeBackend,
    /** Method names called so far. */
    calls,
    /** Makes `method` (or `*` for all) fail from now on. */
    fail(method: string, how: Failure = 'network') {
      failures.set(method, how);
    },
    /** Stops failing; stalled calls proceed. */
    heal() {
      failures.clear();
      stalled.splice(0).forEach((go) => go());
    },
  };
}

/** Makes `backend` reachable as `backend="<name>"`; returns the name. */
export function useBackend(backend: ChimeBackend, name = `test-backend-${counter++}`): string {
  registerBackend(name, backend);
  return name;
}

/** Mounts a template and waits for the element (and its children) to render. */
export async function mount<T extends Element>(template: TemplateResult): Promise<T> {
  const el = await fixture<T>(template);
  await settle(el);
  return el;
}

/** Waits for lit updates and pending microtasks/timers to finish. */
export async function settle(el?: Element, ms = 0): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const pending = [el, ...(el ? deepElements(el) : [])]
      .map((e) => (e as Element & { updateComplete?: Promise<unknown> })?.updateComplete)
      .filter(Boolean);
    await Promise.all(pending);
  }
}

/** Every element under `root`, through open shadow roots and slots' light DOM. */
export function deepElements(root: Element | Document | ShadowRoot): Element[] {
  const out: Element[] = [];
  const visit = (node: Element | Document | ShadowRoot) => {
    for (const child of Array.from(node.children)) {
      out.push(child);
      if (child.shadowRoot) visit(child.shadowRoot);
      visit(child);
    }
  };
  if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot);
  visit(root);
  return out;
}

function isHidden(el: Element): boolean {
  for (let node: Element | null = el; node;) {
    if (node.getAttribute('aria-hidden') === 'true' || (node as HTMLElement).hidden || node.hasAttribute('inert')) return true;
    const style = getComputedStyle(node);
    if (style.display === 'none' || style.visibility === 'hidden') return true;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  }
  return false;
}

/** All visible elements with `role` (and accessible name, exact string or RegExp). */
export function allByRole(root: Element | Document, role: string, name?: string | RegExp): HTMLElement[] {
  return deepElements(root).filter((el): el is HTMLElement => {
    if (getRole(el) !== role || isHidden(el)) return false;
    if (name === undefined) return true;
    const accessible = computeAccessibleName(el).trim();
    return typeof name === 'string' ? accessible === name : name.test(accessible);
  });
}

/** The one visible element with `role` and `name`; throws with what exists otherwise. */
export function byRole(root: Element | Document, role: string, name?: string | RegExp): HTMLElement {
  const found = allByRole(root, role, name);
  if (found.length === 1) return found[0]!;
  const names = allByRole(root, role).map((el) => JSON.stringify(computeAccessibleName(el)));
  throw new Error(
    `${found.length ? 'Several' : 'No'} ${role} named ${String(name)}; ${role}s present: ${names.join(', ') || 'none'}`,
  );
}

/** Like byRole, but null when absent. */
export function queryByRole(root: Element | Document, role: string, name?: string | RegExp): HTMLElement | null {
  return allByRole(root, role, name)[0] ?? null;
}

export function accessibleName(el: Element): string {
  return computeAccessibleName(el);
}

/** Visible text of an element, through shadow roots, whitespace folded. */
export function textOf(el: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof Element && (isHidden(node) || node.tagName === 'STYLE' || node.tagName === 'SCRIPT')) return;
    if (node instanceof Element && node.shadowRoot) node.shadowRoot.childNodes.forEach(walk);
    if (node instanceof HTMLSlotElement) node.assignedNodes({ flatten: true }).forEach(walk);
    else node.childNodes.forEach(walk);
  };
  walk(el);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** What the element's polite live regions currently say. */
export function announced(el: Element): string {
  return deepElements(el)
    .filter(
      (e) =>
        e.getAttribute('role') === 'status' || e.getAttribute('aria-live') === 'polite' || e.getAttribute('role') === 'alert',
    )
    .map((e) => e.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Real key presses (Chromium input events), e.g. press('ArrowRight'), press('Shift+Tab'). */
export async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
}

/** Types text with real key events into whatever has focus. */
export async function type(text: string): Promise<void> {
  await sendKeys({ type: text });
}

/** The deepest focused element, through shadow roots. */
export function focused(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: unknown[] }[] }[];
}

/** Runs axe-core (WCAG 2.2 A/AA rules) on `el`; throws listing every violation. */
export async function expectAccessible(el: Element): Promise<void> {
  const axe = (window as unknown as { axe: { run(el: Element, options: object): Promise<AxeResult> } }).axe;
  const result = await axe.run(el, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    rules: { region: { enabled: false }, 'landmark-one-main': { enabled: false }, 'page-has-heading-one': { enabled: false } },
  });
  if (result.violations.length) {
    throw new Error(
      `axe: ${result.violations.map((v) => `${v.id} (${v.help}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`).join('; ')}`,
    );
  }
}

/** Undo everything a test configured: fixtures, configure(), shared backends. */
export function cleanup(): void {
  fixtureCleanup();
  resetConfig();
  resetBackends();
}

/** A Range over the `occurrence`-th (first by default) `text` under `root`, within one text node. */
export function rangeOver(root: Element, text: string, occurrence = 0): Range {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    let at = node.data.indexOf(text);
    while (at >= 0) {
      if (seen++ === occurrence) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        return range;
      }
      at = node.data.indexOf(text, at + 1);
    }
  }
  throw new Error(`"${text}" not found`);
}
