/**
 * One store per (backend, page) holding the page summary: every element of a page shares it,
 * so the summary is fetched once and live events keep all of them in sync.
 */
import { atom, onMount, type ReadableAtom } from 'nanostores';
import { toChimeError, type ChimeBackend, type ChimeError, type ChimeLiveEvent, type PageSummary } from '../backend/contract.js';
import { getBackend } from './context.js';

export interface PageState {
  loading: boolean;
  summary: PageSummary | null;
  error: ChimeError | null;
}

export interface PageStore {
  readonly backend: ChimeBackend;
  readonly page: string;
  readonly $state: ReadableAtom<PageState>;
  /** Fetches the summary again (after an error, or to re-check the reader's own votes). */
  reload(): Promise<void>;
  /** Replaces the summary, e.g. with an optimistic update or the server's answer. */
  update(change: (summary: PageSummary) => PageSummary): void;
  /** Adds a live-event listener for as long as the store is mounted. */
  onEvent(listener: (event: ChimeLiveEvent) => void): () => void;
}

const stores = new WeakMap<ChimeBackend, Map<string, PageStore>>();

export { toChimeError };

/** The summary after a live event: the rating, or the count of published comments. */
function applyEvent(summary: PageSummary, event: ChimeLiveEvent): PageSummary {
  if (event.type === 'rating.updated') return { ...summary, rating: { ...summary.rating, ...event.rating } };
  const change =
    event.type === 'comment.deleted' ? -1 : event.type === 'comment.created' && event.comment.status === 'published' ? 1 : 0;
  return { ...summary, comments: { ...summary.comments, count: Math.max(0, summary.comments.count + change) } };
}

function createPageStore(backend: ChimeBackend, page: string): PageStore {
  const $state = atom<PageState>({ loading: false, summary: null, error: null });
  const set = (change: Partial<PageState>) => $state.set({ ...$state.get(), ...change });
  const listeners = new Set<(event: ChimeLiveEvent) => void>();
  let request = 0;

  const reload = async () => {
    const id = ++request;
    set({ loading: true, error: null });
    try {
      const summary = await backend.getPage(page);
      if (id === request) set({ loading: false, summary });
    } catch (error) {
      if (id === request) set({ loading: false, error: toChimeError(error) });
    }
  };

  const update = (change: (summary: PageSummary) => PageSummary) => {
    const { summary } = $state.get();
    if (summary) set({ summary: change(summary) });
  };

  onMount($state, () => {
    void reload();
    return backend.watch(page, (event) => {
      update((summary) => applyEvent(summary, event));
      listeners.forEach((listener) => listener(event));
    });
  });

  return {
    backend,
    page,
    $state,
    reload,
    update,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The shared store for a backend setting and page; throws `ChimeError('no_backend')`. */
export function pageStore(setting: Parameters<typeof getBackend>[0], page: string): PageStore {
  const backend = getBackend(setting);
  let byPage = stores.get(backend);
  if (!byPage) stores.set(backend, (byPage = new Map()));
  let store = byPage.get(page);
  if (!store) byPage.set(page, (store = createPageStore(backend, page)));
  return store;
}
