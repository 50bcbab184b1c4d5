/**
 * Page counts for article lists: every count element that connects in the same task joins one
 * batch, fetched with one `getCounts` call per 100 pages.
 */
import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { ChimeBackend, ChimeError, PageCounts } from '../backend/contract.js';
import { getBackend } from './context.js';
import { toChimeError } from './page.js';

export interface CountState {
  counts: PageCounts | null;
  error: ChimeError | null;
}

interface Batch {
  pages: Set<string>;
  timer?: ReturnType<typeof setTimeout>;
}

const stores = new WeakMap<ChimeBackend, Map<string, ReturnType<typeof atom<CountState>>>>();
const batches = new WeakMap<ChimeBackend, Batch>();
const BATCH_MAX = 100;

async function flush(backend: ChimeBackend, pages: string[]): Promise<void> {
  const byPage = stores.get(backend)!;
  for (let i = 0; i < pages.length; i += BATCH_MAX) {
    const chunk = pages.slice(i, i + BATCH_MAX);
    try {
      const result = await backend.getCounts(chunk);
      for (const page of chunk) byPage.get(page)?.set({ counts: result[page] ?? null, error: null });
    } catch (error) {
      const chimeError = toChimeError(error);
      for (const page of chunk) byPage.get(page)?.set({ counts: null, error: chimeError });
    }
  }
}

function enqueue(backend: ChimeBackend, page: string): void {
  let batch = batches.get(backend);
  if (!batch) batches.set(backend, (batch = { pages: new Set() }));
  batch.pages.add(page);
  batch.timer ??= setTimeout(() => {
    batches.delete(backend);
    void flush(backend, [...batch.pages]);
  });
}

/** The counts of one page; fetched (batched with every other page asked for now) when first watched. */
export function countStore(setting: string | ChimeBackend | undefined, page: string): ReadableAtom<CountState> {
  const backend = getBackend(setting);
  let byPage = stores.get(backend);
  if (!byPage) stores.set(backend, (byPage = new Map()));
  let store = byPage.get(page);
  if (!store) {
    const created = atom<CountState>({ counts: null, error: null });
    onMount(created, () => {
      if (!created.get().counts) enqueue(backend, page);
    });
    byPage.set(page, (store = created));
  }
  return store;
}
