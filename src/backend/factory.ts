/**
 * Turns an element's `backend` setting into one shared client per setting. The local backend
 * is loaded only when a page asks for it, so script-tag pages on a real server never download it.
 */
import { ChimeError, type ChimeBackend } from './contract.js';
import { RestBackend } from './rest.js';

const instances = new Map<string, ChimeBackend>();

/** What a lazy backend forwards once loaded (`watch` it starts itself). */
const METHODS = [
  'signIn',
  'signOut',
  'reader',
  'getPage',
  'getCounts',
  'listComments',
  'postComment',
  'editComment',
  'deleteComment',
  'voteComment',
  'reportComment',
  'rate',
  'removeRating',
  'recordShare',
  'subscribe',
] as const;

/** A ChimeBackend whose implementation module loads on first use. */
function lazyBackend(load: () => Promise<ChimeBackend>): ChimeBackend {
  let promise: Promise<ChimeBackend> | undefined;
  const get = () => (promise ??= load());
  const backend = Object.fromEntries(
    METHODS.map((method) => [
      method,
      async (...args: unknown[]) => ((await get())[method] as (...a: unknown[]) => unknown)(...args),
    ]),
  ) as unknown as ChimeBackend;
  backend.watch = (page, listener) => {
    let stop: (() => void) | null | undefined; // null once stopped: then it never starts
    void get().then((b) => {
      if (stop !== null) stop = b.watch(page, listener);
    });
    return () => {
      stop?.();
      stop = null;
    };
  };
  return backend;
}

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
  if (!instance) {
    if (value === 'local') {
      instance = lazyBackend(() => import('./local.js').then((m) => new m.LocalBackend()));
    } else {
      let url: URL | undefined;
      try {
        url = new URL(value, base);
      } catch {
        // not a URL: refused below
      }
      if (!url || !/^https?:$/.test(url.protocol)) throw new ChimeError('no_backend', `"${value}" is not a backend URL.`);
      instance = new RestBackend(url.href);
    }
    instances.set(value, instance);
  }
  return instance;
}

/** Makes a backend reachable as `backend="<name>"` (tests, custom backends). */
export function registerBackend(name: string, backend: ChimeBackend): void {
  instances.set(name, backend);
}

/** Test hook: forget every shared client. */
export function resetBackends(): void {
  instances.clear();
}
