/**
 * One comment thread per (backend, page, sort, kind): paging by cursor, posting, optimistic
 * votes with rollback, edits and deletes in place, and live events from other readers held
 * back as "fresh" until the reader asks to see them.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type {
  ChimeBackend,
  ChimeError,
  Comment,
  NewComment,
  NotifyScope,
  Reader,
  SortOrder,
  VoteValue,
} from '../backend/contract.js';
import { getBackend } from './context.js';
import { pageStore, toChimeError, type PageStore } from './page.js';

export interface ThreadState {
  /** `idle` before the first load. */
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Top-level comments loaded so far, each with its replies. */
  comments: Comment[];
  nextCursor: string | null;
  /** Visible comments of the page, replies included (from the last list call). */
  total: number;
  loadingMore: boolean;
  /** The last failure of load/more (the loaded comments stay). */
  error: ChimeError | null;
  /** Others' new comments, waiting for the reader to show them. */
  fresh: Comment[];
}

/** Actions throw what the backend threw; the element reports it (as a ChimeError). */
export interface ThreadStore {
  readonly backend: ChimeBackend;
  readonly page: PageStore;
  readonly $state: ReadableAtom<ThreadState>;
  /** (Re)loads the first `limit` top-level comments. */
  load(limit: number): Promise<void>;
  /** Loads the next page of top-level comments. */
  more(limit: number): Promise<void>;
  /** Loads every remaining page (deep links). */
  all(): Promise<void>;
  /** Inserts the fresh comments into the thread; returns them. */
  showFresh(): Comment[];
  /** Posts a comment; it is in the thread once this resolves. */
  post(input: Omit<NewComment, 'page'>): Promise<Comment>;
  edit(id: string, body: string): Promise<Comment>;
  remove(id: string): Promise<void>;
  /** Moderators: publish a held comment, or ban its author. */
  moderate(id: string, action: 'approve' | 'ban'): Promise<void>;
  /** Optimistic; rolled back (and thrown) when the backend refuses. */
  vote(id: string, value: VoteValue): Promise<void>;
  report(id: string, reason: string): Promise<void>;
  subscribe(email: string, scope: NotifyScope, commentId?: string): Promise<'pending' | 'confirmed'>;
  signIn(token: string): Promise<Reader>;
  /** Follows live events (through the page's one shared connection); returns the teardown. */
  connect(): () => void;
}

export const find = (list: Comment[], id: string): Comment | undefined => {
  for (const c of list) {
    if (c.id === id) return c;
    const inner = find(c.replies, id);
    if (inner) return inner;
  }
  return undefined;
};

/** A copy of the tree with comment `id` replaced by `change(it)` (or removed when null). */
export function patch(list: Comment[], id: string, change: (c: Comment) => Comment | null): Comment[] {
  return list.flatMap((c) => {
    if (c.id === id) {
      const next = change(c);
      return next ? [next] : [];
    }
    return c.replies.length ? [{ ...c, replies: patch(c.replies, id, change) }] : [c];
  });
}

const removed = (c: Comment): Comment | null =>
  c.replies.length ? { ...c, status: 'deleted', body: '', author: { name: '' }, editableUntil: null } : null;

const stores = new WeakMap<ChimeBackend, Map<string, ThreadStore>>();

function createThread(backend: ChimeBackend, page: PageStore, sort: SortOrder, kind: 'all' | 'inline'): ThreadStore {
  const $state = atom<ThreadState>({
    status: 'idle',
    comments: [],
    nextCursor: null,
    total: 0,
    loadingMore: false,
    error: null,
    fresh: [],
  });
  const get = () => $state.get();
  const set = (change: Partial<ThreadState>) => $state.set({ ...get(), ...change });
  // Patches apply to loaded and to fresh comments alike.
  const tree = (id: string, change: (c: Comment) => Comment | null) =>
    set({ comments: patch(get().comments, id, change), fresh: patch(get().fresh, id, change) });
  let request = 0;
  let posting = 0;
  const held: Comment[] = [];

  const insert = (list: Comment[], comment: Comment): Comment[] =>
    comment.parentId
      ? patch(list, comment.parentId, (p) => ({ ...p, replies: [...p.replies, comment] }))
      : sort === 'newest'
        ? [comment, ...list]
        : [...list, comment];

  const addFresh = (comment: Comment) => {
    const { comments, fresh, total } = get();
    if (find(comments, comment.id) || find(fresh, comment.id) || (kind === 'inline' && !comment.anchor && !comment.parentId))
      return;
    set({ fresh: [...fresh, comment], total: total + 1 });
  };

  // Idempotent: our own delete arrives both as the answer and as a live event.
  const drop = (id: string) => {
    const c = find(get().comments, id) ?? find(get().fresh, id);
    if (!c || c.status === 'deleted') return;
    tree(id, removed);
    set({ total: Math.max(0, get().total - 1) });
  };

  /** Loads the first page (`more` false) or the next one. */
  const fetch = async (limit: number, more: boolean) => {
    const { nextCursor, loadingMore } = get();
    if (more && (!nextCursor || loadingMore)) return;
    const id = more ? request : ++request;
    set(more ? { loadingMore: true, error: null } : { status: 'loading', error: null, loadingMore: false });
    try {
      const result = await backend.listComments({ page: page.page, sort, kind, limit, cursor: more ? nextCursor : null });
      const have = new Set(get().comments.map((c) => c.id));
      if (id === request)
        set({
          status: 'ready',
          comments: more ? [...get().comments, ...result.comments.filter((c) => !have.has(c.id))] : result.comments,
          nextCursor: result.nextCursor,
          total: result.total,
          loadingMore: false,
          ...(more ? {} : { fresh: [] }),
        });
    } catch (error) {
      if (id === request) set({ error: toChimeError(error), ...(more ? { loadingMore: false } : { status: 'error' }) });
    }
  };
  const more = (limit: number) => fetch(limit, true);

  return {
    backend,
    page,
    $state,
    load: (limit) => fetch(limit, false),
    more,
    async all() {
      while (get().nextCursor && !get().error) await more(100);
    },
    showFresh() {
      const { fresh } = get();
      set({ fresh: [], comments: fresh.reduce(insert, get().comments) });
      return fresh;
    },
    async post(input) {
      posting++;
      try {
        const comment = await backend.postComment({ ...input, page: page.page });
        set({ comments: insert(get().comments, comment), total: get().total + +(comment.status === 'published') });
        void page.reload();
        return comment;
      } finally {
        if (!--posting) held.splice(0).forEach(addFresh);
      }
    },
    async edit(id, body) {
      const comment = await backend.editComment(id, body);
      tree(id, (old) => ({ ...comment, replies: old.replies }));
      return comment;
    },
    async remove(id) {
      await backend.deleteComment(id);
      drop(id);
      void page.reload();
    },
    async moderate(id, action) {
      await backend.moderate!(id, action);
      if (action === 'approve') {
        tree(id, (c) => ({ ...c, status: 'published' }));
        void page.reload();
      }
    },
    async vote(id, value) {
      const before = find(get().comments, id);
      if (!before) return;
      const apply = (score: number, myVote: VoteValue) => tree(id, (c) => ({ ...c, score, myVote }));
      apply(before.score + value - before.myVote, value);
      try {
        const result = await backend.voteComment(id, value);
        apply(result.score, result.myVote);
      } catch (error) {
        apply(before.score, before.myVote);
        throw error;
      }
    },
    report: (id, reason) => backend.reportComment(id, reason),
    subscribe: async (email, scope, commentId) => (await backend.subscribe({ page: page.page, email, scope, commentId })).status,
    signIn: (token) => backend.signIn(token),
    connect() {
      // Listening keeps the page store mounted, and with it the page's one event connection.
      const stopState = page.$state.listen(() => {});
      const stopEvents = page.onEvent((event) => {
        if (event.page !== page.page) return;
        if (event.type === 'comment.created') {
          if (posting) held.push(event.comment);
          else addFresh(event.comment);
        } else if (event.type === 'comment.updated') {
          const c = event.comment;
          tree(c.id, (old) => ({
            ...c,
            mine: old.mine,
            myVote: old.myVote,
            editableUntil: old.editableUntil,
            replies: old.replies,
          }));
        } else if (event.type === 'comment.deleted') drop(event.commentId);
      });
      return () => {
        stopEvents();
        stopState();
      };
    },
  };
}

/** The shared thread for a backend setting, page, order and kind; throws `ChimeError('no_backend')`. */
export function threadStore(
  setting: Parameters<typeof getBackend>[0],
  page: string,
  sort: SortOrder = 'newest',
  kind: 'all' | 'inline' = 'all',
): ThreadStore {
  const backend = getBackend(setting);
  let byKey = stores.get(backend);
  if (!byKey) stores.set(backend, (byKey = new Map()));
  const key = `${sort}|${kind}|${page}`;
  let store = byKey.get(key);
  if (!store) byKey.set(key, (store = createThread(backend, pageStore(setting, page), sort, kind)));
  return store;
}
