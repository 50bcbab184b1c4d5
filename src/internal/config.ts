/**
 * Where an element's settings come from, in this order: its own attribute → `configure()` →
 * `data-*` on the script tag that loaded Chime → `<meta name="chime:…">` → the origin that
 * served the script (so a script tag from a Chime server needs no configuration).
 */
import type { ChimeBackend } from '../backend/contract.js';

export interface ChimeConfig {
  /** Base URL of a Chime protocol server, `local`, or a backend object of your own. */
  backend?: string | ChimeBackend;
  /** Language for every element (default: the nearest `lang`). */
  lang?: string;
  /** `light`, `dark` or `auto`. */
  theme?: string;
  /** A publisher's SSO token (JWT) for the signed-in reader. */
  ssoToken?: string;
  /** Message overrides: `{ en: { 'rating.label': 'Rate it' } }` or flat `{ key: text }` for all languages. */
  messages?: Record<string, string | Record<string, unknown>>;
}

let configured: ChimeConfig = {};
let scriptUrl: string | null = null;
const listeners = new Set<() => void>();

/** Sets configuration for every Chime element on the page; later calls merge. */
export function configure(config: ChimeConfig): void {
  configured = { ...configured, ...config };
  listeners.forEach((listener) => listener());
}

/** Test hook: forget `configure()` and the script registration. */
export function resetConfig(): void {
  scriptUrl = null;
  configured = {};
  configure({});
}

export function onConfigChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentConfig(): Readonly<ChimeConfig> {
  return configured;
}

/** Called by the `chime.js` script-tag entry with its own URL. */
export function registerScript(url: string): void {
  scriptUrl = url;
}

/** The `<script src>` that loaded `chime.js`, if Chime came from a script tag. */
export function scriptElement(doc: Document = document): HTMLScriptElement | null {
  // `src` reads back resolved, as `import.meta.url` is.
  return (scriptUrl && [...doc.scripts].find((script) => script.src === scriptUrl)) || null;
}

type Key = 'backend' | 'lang' | 'theme';

/** Resolves one setting; `own` is the element's attribute value. The first source that has it wins. */
export function resolveSetting(
  key: Key,
  own: string | null | undefined,
  doc: Document = document,
): string | ChimeBackend | undefined {
  return (
    own ||
    configured[key] ||
    scriptElement(doc)?.dataset[key] ||
    doc.querySelector<HTMLMetaElement>(`meta[name="chime:${key}"]`)?.content ||
    (key === 'backend' && scriptUrl ? new URL(scriptUrl).origin : undefined)
  );
}

/** The page id: the attribute, else the canonical URL's path, else `location.pathname`. */
export function resolvePage(own: string | null | undefined, doc: Document = document): string {
  if (own) return own;
  const canonical = doc.querySelector('link[rel="canonical"][href]');
  if (canonical) {
    try {
      return new URL(canonical.getAttribute('href')!, doc.baseURI).pathname;
    } catch {
      // a malformed canonical link falls through to the location
    }
  }
  return doc.location?.pathname ?? '/';
}
