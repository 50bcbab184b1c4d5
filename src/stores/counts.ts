/**
 * Page counts for article lists: every count element that connects in the same task joins one
 * batch, fetched with one `getCounts` call per 100 pages.
 */
import { atom, onMount, type ReadableAtom, type WritableAtom } from 'nanostores';
import type { ChimeBackend, ChimeError, PageCounts } from '../backend/contract.js';
import { getBackend } from './context.js';
import { toChimeError } from './page.js';

export interface CountState {
  counts: PageCounts | null;
  error: ChimeError | null;
}

/** Per backend: its count stores by page. */
const counters = new WeakMap<ChimeBackend, (page: string) => ReadableAtom<CountState>>();

function counter(backend: ChimeBackend): (page: string) => ReadableAtom<CountState> {
  const stores = new Map<string, WritableAtom<CountState>>();
  /** The pages asked for in this task, fetched once it ends. */
  let batch: Set<string> | undefined;
  const flush = async (pages: string[]) => {
    for (let i = 0; i < pages.length; i += 100) {
      const chunk = pages.slice(i, i + 100);
      let set: (page: string) => CountState;
      try {
        const result = await backend.getCounts(chunk);
        set = (page) => ({ counts: result[page] ?? null, error: null });
      } catch (error) {
        const chimeError = toChimeError(error);
        set = () => ({ counts: null, error: chimeError });
      }
      for (const page of chunk) stores.get(page)!.set(set(page));
    }
  };
  return (page) => {
    let store = stores.get(page);
    if (!store) {
      const created = (store = atom<CountState>({ counts: null, error: null }));
      stores.set(page, created);
      onMount(created, () => {
        if (created.get().counts) return;
        if (!batch) {
          const pages = (batch = new Set());
          setTimeout(() => {
            batch = undefined;
            void flush([...pages]);
          });
        }
        batch.add(page);
      });
    }
    return store;
  };
}

/** The counts of one page; fetched (batched with every other page asked for now) when first watched. */
export function countStore(setting: string | ChimeBackend | undefined, page: string): ReadableAtom<CountState> {
  const backend = getBackend(setting);
  let forBackend = counters.get(backend);
  if (!forBackend) counters.set(backend, (forBackend = counter(backend)));
  return forBackend(page);
}
