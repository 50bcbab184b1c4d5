/**
 * `chime/backend`: the contract, the clients that implement it, and the factory that turns an
 * element's `backend` setting into one shared client per backend.
 */
import { ChimeError, type ChimeBackend } from './contract.js';
import { LocalBackend } from './local.js';
import { RestBackend } from './rest.js';

export * from './contract.js';
export * from './validation.js';
export { LocalBackend, type LocalBackendOptions } from './local.js';
export { RestBackend } from './rest.js';

const instances = new Map<string, ChimeBackend>();

/**
 * One client per setting, so every element on a page shares its identity, cache and event
 * connection. `local` is the in-browser backend; an `http(s)` URL is a Chime protocol server.
 */
export function backendFor(
  spec: string | ChimeBackend | undefined,
  base: string = globalThis.location?.href ?? 'http://localhost/',
): ChimeBackend {
  if (spec && typeof spec === 'object') return spec;
  const value = spec?.trim();
  if (!value) throw new ChimeError('no_backend', 'No Chime backend is configured.');
  let instance = instances.get(value);
  if (instance) return instance;
  if (value === 'local') {
    instance = new LocalBackend();
  } else {
    let url: URL;
    try {
      url = new URL(value, base);
    } catch {
      throw new ChimeError('no_backend', `"${value}" is not a backend URL.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new ChimeError('no_backend', `"${value}" is not a backend URL.`);
    }
    instance = new RestBackend(url.href.replace(/\/$/, ''));
  }
  instances.set(value, instance);
  return instance;
}

/** Registers a backend under a name usable in `backend="…"` (tests, custom backends). */
export function registerBackend(name: string, backend: ChimeBackend): void {
  instances.set(name, backend);
}

/** Test hook: forget every shared client. */
export function resetBackends(): void {
  instances.clear();
}
