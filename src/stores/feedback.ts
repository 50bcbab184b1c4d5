/**
 * Inline comments of a page (answers to publisher questions and comments on reader-selected
 * passages): one shared store per (backend, page), kept current by live events and by posts.
 */
import { atom, onMount, type ReadableAtom } from 'nanostores';
import { ChimeError, type ChimeBackend, type Comment, type NewComment, type Reader } from '../backend/contract.js';
import { getBackend } from './context.js';

const toChimeError = (error: unknown): ChimeError =>
  error instanceof ChimeError ? error : new ChimeError('internal', error instanceof Error ? error.message : String(error));

export interface InlineState {
  loading: boolean;
  /** Top-level inline comments, newest first. */
  comments: Comment[];
  error: ChimeError | null;
}

export interface InlineStore {
  readonly backend: ChimeBackend;
  readonly page: string;
  readonly $state: ReadableAtom<InlineState>;
  reload(): Promise<void>;
  /** Posts an inline comment; it joins the list at once (pending ones too: their author sees them). */
  post(input: Omit<NewComment, 'page'>): Promise<Comment>;
  /** Adds a comment posted elsewhere (e.g. through the thread's store). */
  add(comment: Comment): void;
  /** The current reader: signed-in readers need no guest fields. */
  reader(): Promise<Reader | null>;
}

/** Loads at most this many pages of inline comments (100 each). */
const MAX_PAGES = 5;

const stores = new WeakMap<ChimeBackend, Map<string, InlineStore>>();

const newestFirst = (a: Comment, b: Comment) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

function upsert(list: Comment[], comment: Comment): Comment[] {
  if (!comment.anchor || comment.parentId) return list;
  return [comment, ...list.filter((c) => c.id !== comment.id)].sort(newestFirst);
}

function createStore(backend: ChimeBackend, page: string): InlineStore {
  const $state = atom<InlineState>({ loading: false, comments: [], error: null });
  let request = 0;
  const set = (change: Partial<InlineState>) => $state.set({ ...$state.get(), ...change });

  const reload = async () => {
    const id = ++request;
    set({ loading: true, error: null });
    try {
      const comments: Comment[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < MAX_PAGES; i++) {
        const list = await backend.listComments({ page, kind: 'inline', sort: 'newest', limit: 100, cursor });
        comments.push(...list.comments);
        cursor = list.nextCursor;
        if (!cursor) break;
      }
      if (id === request) set({ loading: false, comments: comments.filter((c) => c.anchor).sort(newestFirst) });
    } catch (error) {
      if (id === request) set({ loading: false, error: toChimeError(error) });
    }
  };

  onMount($state, () => {
    void reload();
    // Backends share one live connection per page among their watchers.
    return backend.watch(page, (event) => {
      const { comments } = $state.get();
      if (event.type === 'comment.created' && event.comment.status === 'published')
        set({ comments: upsert(comments, event.comment) });
      if (event.type === 'comment.updated' && comments.some((c) => c.id === event.comment.id))
        set({ comments: upsert(comments, event.comment) });
      if (event.type === 'comment.deleted') set({ comments: comments.filter((c) => c.id !== event.commentId) });
    });
  });

  return {
    backend,
    page,
    $state,
    reload,
    async post(input) {
      const comment = await backend.postComment({ ...input, page });
      set({ comments: upsert($state.get().comments, comment) });
      return comment;
    },
    add(comment) {
      set({ comments: upsert($state.get().comments, comment) });
    },
    reader() {
      // Asked afresh each time a composer opens: the thread may have signed the reader in since.
      return backend.reader().catch(() => null);
    },
  };
}

/** The shared inline-comment store for a backend setting and page; throws `ChimeError('no_backend')`. */
export function inlineStore(setting: Parameters<typeof getBackend>[0], page: string): InlineStore {
  const backend = getBackend(setting);
  let byPage = stores.get(backend);
  if (!byPage) stores.set(backend, (byPage = new Map()));
  let store = byPage.get(page);
  if (!store) byPage.set(page, (store = createStore(backend, page)));
  return store;
}

/** Answers to one publisher question, newest first. */
export const responsesTo = (comments: Comment[], feedbackId: string): Comment[] =>
  comments.filter((c) => c.anchor?.feedbackId === feedbackId);

/** Comments on reader-selected passages (not answers to a publisher question). */
export const passageComments = (comments: Comment[]): Comment[] => comments.filter((c) => c.anchor && !c.anchor.feedbackId);

/** A short stable id for a publisher question without a `feedback-id` (FNV-1a of question and passage). */
export function feedbackIdOf(question: string, passage: string): string {
  let hash = 0x811c9dc5;
  const text = `${question.trim()}\u0000${passage.replace(/\s+/g, ' ').trim()}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `q-${(hash >>> 0).toString(36)}`;
}
