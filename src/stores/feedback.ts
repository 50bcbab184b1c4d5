/**
 * Inline comments of a page (answers to publisher questions and comments on reader-selected
 * passages): one shared store per (backend, page), kept current by live events and by posts.
 */
import { atom, onMount, type ReadableAtom } from 'nanostores';
import { ChimeError, toChimeError, type ChimeBackend, type Comment, type NewComment, type Reader } from '../backend/contract.js';
import { getBackend } from './context.js';

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

const stores = new WeakMap<ChimeBackend, Map<string, InlineStore>>();

const newestFirst = (a: Comment, b: Comment) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

function createStore(backend: ChimeBackend, page: string): InlineStore {
  const $state = atom<InlineState>({ loading: false, comments: [], error: null });
  let request = 0;
  const set = (change: Partial<InlineState>) => $state.set({ ...$state.get(), ...change });
  // Replies and comments without an anchor are not inline comments.
  const add = (comment: Comment) => {
    if (comment.anchor && !comment.parentId)
      set({ comments: [comment, ...$state.get().comments.filter((c) => c.id !== comment.id)].sort(newestFirst) });
  };

  const reload = async () => {
    const id = ++request;
    set({ loading: true, error: null });
    try {
      const comments: Comment[] = [];
      let cursor: string | null = null;
      // At most 5 pages of 100.
      for (let i = 0; i < 5 && (!i || cursor); i++) {
        const list = await backend.listComments({ page, kind: 'inline', sort: 'newest', limit: 100, cursor });
        comments.push(...list.comments);
        cursor = list.nextCursor;
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
      if (event.type === 'comment.deleted') set({ comments: comments.filter((c) => c.id !== event.commentId) });
      // Others' new comments once published; edits of those listed.
      else if (
        'comment' in event &&
        (event.type === 'comment.created'
          ? event.comment.status === 'published'
          : comments.some((c) => c.id === event.comment.id))
      )
        add(event.comment);
    });
  });

  return {
    backend,
    page,
    $state,
    reload,
    add,
    async post(input) {
      const comment = await backend.postComment({ ...input, page });
      add(comment);
      return comment;
    },
    // Asked afresh each time a composer opens: the thread may have signed the reader in since.
    reader: () => backend.reader().catch(() => null),
  };
}

/** The shared inline-comment store for a backend setting and page; throws `ChimeError('no_backend')`. */
export function inlineStore(setting: Parameters<typeof getBackend>[0], page: string): InlineStore {
  const backend = getBackend(setting);
  const byPage = stores.get(backend) ?? new Map<string, InlineStore>();
  stores.set(backend, byPage);
  if (!byPage.has(page)) byPage.set(page, createStore(backend, page));
  return byPage.get(page)!;
}

/** A short stable id for a publisher question without a `feedback-id` (FNV-1a of question and passage). */
export function feedbackIdOf(question: string, passage: string): string {
  let hash = 0x811c9dc5;
  const text = `${question.trim()}\u0000${passage.replace(/\s+/g, ' ').trim()}`;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `q-${(hash >>> 0).toString(36)}`;
}
