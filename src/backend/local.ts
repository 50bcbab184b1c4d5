/**
 * The local backend (`backend="local"`): the whole contract in the browser, kept in
 * localStorage, with live events across tabs through BroadcastChannel. For demos, offline
 * playgrounds and tests; it trusts the browser, so it is no defence against anyone.
 */
import {
  ChimeError,
  type ChimeBackend,
  type ChimeLiveEvent,
  type Comment,
  type CommentList,
  type CommentStatus,
  type ListCommentsQuery,
  type NewComment,
  type PageCounts,
  type PageSummary,
  type RatingSummary,
  type Reader,
  type ShareSummary,
  type SubscribeRequest,
  type VoteValue,
  type Anchor,
} from './contract.js';
import { isNetwork, validateBody, validateRating, validateSubscription } from './backend-validation.js';
import { LIMITS, validateComment } from './validation.js';

export interface LocalBackendOptions {
  /** Separates independent stores on one origin (default `default`). */
  namespace?: string;
  /** Fixed reader id; by default one is created on first write and remembered. */
  reader?: string;
  /** Where to keep the data (default localStorage, else memory). */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Clock, for deterministic tests. */
  now?: () => number;
  /** How long authors may edit or delete (default 15 minutes). */
  editWindowMs?: number;
  /** `all` holds every comment for approval; `none` (default) publishes at once. */
  moderation?: 'none' | 'all';
  /** Set false to keep events inside this instance (no BroadcastChannel). */
  crossTab?: boolean;
}

interface StoredComment {
  id: string;
  page: string;
  parentId: string | null;
  body: string;
  name: string;
  email?: string;
  readerId: string;
  verified: boolean;
  moderator: boolean;
  createdAt: number;
  editedAt: number | null;
  status: CommentStatus;
  anchor: Anchor | null;
}

interface Db {
  comments: StoredComment[];
  ratings: Record<string, Record<string, number>>;
  shares: Record<string, Record<string, number>>;
  votes: Record<string, Record<string, VoteValue>>;
  reports: { commentId: string; readerId: string; reason: string }[];
  subscriptions: (SubscribeRequest & { readerId: string })[];
  closed: Record<string, { comments?: boolean; rating?: boolean }>;
}

const emptyDb = (): Db => ({
  comments: [],
  ratings: {},
  shares: {},
  votes: {},
  reports: [],
  subscriptions: [],
  closed: {},
});

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

function defaultStorage() {
  try {
    return globalThis.localStorage ?? memoryStorage();
  } catch {
    return memoryStorage(); // storage disabled (privacy modes)
  }
}

let idCounter = 0;
/** Ids that sort by creation time. */
function timeId(now: number): string {
  idCounter = (idCounter + 1) % 1296;
  return now.toString(36).padStart(9, '0') + idCounter.toString(36).padStart(2, '0') + Math.random().toString(36).slice(2, 6);
}

function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new ChimeError('unauthorized', 'The sign-in token is malformed.');
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
  } catch {
    throw new ChimeError('unauthorized', 'The sign-in token is malformed.');
  }
}

export class LocalBackend implements ChimeBackend {
  readonly #storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  readonly #key: string;
  readonly #now: () => number;
  readonly #editWindow: number;
  readonly #moderation: 'none' | 'all';
  readonly #listeners = new Map<string, Set<(e: ChimeLiveEvent) => void>>();
  readonly #channel: BroadcastChannel | null;
  #readerId: string | null;
  #sso: Reader | null = null;

  constructor(options: LocalBackendOptions = {}) {
    const ns = options.namespace ?? 'default';
    this.#storage = options.storage ?? defaultStorage();
    this.#key = `chime:local:${ns}`;
    this.#now = options.now ?? Date.now;
    this.#editWindow = options.editWindowMs ?? 15 * 60_000;
    this.#moderation = options.moderation ?? 'none';
    this.#readerId = options.reader ?? this.#storage.getItem(`${this.#key}:reader`);
    this.#channel =
      options.crossTab !== false && typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(`chime-local-${ns}`) : null;
    this.#channel?.addEventListener('message', (e: MessageEvent<ChimeLiveEvent>) => this.#dispatch(e.data));
  }

  /** Closes comments and/or rating for a page, as a moderator would. */
  setClosed(page: string, closed: { comments?: boolean; rating?: boolean }): void {
    this.#write((db) => {
      db.closed[page] = { ...db.closed[page], ...closed };
    });
  }

  /** Deletes everything this backend stored. */
  clear(): void {
    this.#storage.removeItem(this.#key);
  }

  async signIn(ssoToken: string): Promise<Reader> {
    const claims = decodeJwtPayload(ssoToken);
    if (typeof claims.sub !== 'string' || !claims.sub) {
      throw new ChimeError('unauthorized', 'The sign-in token names no user.');
    }
    this.#sso = {
      id: `sso:${claims.sub}`,
      name: typeof claims.name === 'string' ? claims.name : claims.sub,
      verified: true,
      moderator: claims.moderator === true || claims.role === 'moderator',
    };
    return { ...this.#sso };
  }

  async signOut(): Promise<void> {
    this.#sso = null;
  }

  async reader(): Promise<Reader | null> {
    if (this.#sso) return { ...this.#sso };
    return this.#readerId ? { id: this.#readerId, verified: false, moderator: false } : null;
  }

  async getPage(page: string): Promise<PageSummary> {
    checkPage(page);
    const db = this.#read();
    return {
      page,
      comments: { count: this.#visibleCount(db, page), closed: db.closed[page]?.comments ?? false },
      rating: this.#rating(db, page),
      shares: this.#shares(db, page),
    };
  }

  async getCounts(pages: string[]): Promise<Record<string, PageCounts>> {
    if (pages.length > LIMITS.countsMax) {
      throw new ChimeError('validation', `At most ${LIMITS.countsMax} pages at once.`, { fields: { page: 'too many' } });
    }
    const db = this.#read();
    const out: Record<string, PageCounts> = {};
    for (const page of pages) {
      const { average, count } = this.#rating(db, page);
      out[page] = { comments: this.#visibleCount(db, page), rating: { average, count }, shares: this.#shares(db, page).total };
    }
    return out;
  }

  async listComments(query: ListCommentsQuery): Promise<CommentList> {
    checkPage(query.page);
    const db = this.#read();
    const limit = Math.min(Math.max(query.limit ?? 10, 1), LIMITS.listMax);
    const offset = query.cursor ? Number.parseInt(query.cursor, 10) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw new ChimeError('bad_request', 'The cursor is not valid.');
    const views = this.#tree(db, query.page);
    let top = views.filter((c) => c.parentId === null);
    if (query.kind === 'inline') top = top.filter((c) => c.anchor);
    const sort = query.sort ?? 'newest';
    top.sort((a, b) =>
      sort === 'oldest'
        ? a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
        : sort === 'top'
          ? b.score - a.score || b.createdAt.localeCompare(a.createdAt)
          : b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
    );
    const slice = top.slice(offset, offset + limit);
    return {
      comments: slice,
      nextCursor: offset + limit < top.length ? String(offset + limit) : null,
      total: this.#visibleCount(db, query.page),
    };
  }

  async postComment(input: NewComment): Promise<Comment> {
    checkPage(input.page);
    const guest = !this.#sso;
    const errors = validateComment(input, guest);
    if (Object.keys(errors).length)
      throw new ChimeError('validation', 'Please check the highlighted fields.', { fields: errors });
    if (input.website) throw new ChimeError('forbidden', 'This comment looks like spam.');
    const db = this.#read();
    if (db.closed[input.page]?.comments) throw new ChimeError('closed', 'Comments are closed for this page.');
    if (input.parentId) {
      const parent = db.comments.find((c) => c.id === input.parentId);
      if (!parent || parent.page !== input.page) {
        throw new ChimeError('validation', 'The comment you reply to is not on this page.', {
          fields: { parentId: 'not found' },
        });
      }
    }
    const readerId = this.#ensureReader();
    const now = this.#now();
    const stored: StoredComment = {
      id: timeId(now),
      page: input.page,
      parentId: input.parentId ?? null,
      body: input.body.trim(),
      name: this.#sso?.name ?? input.author!.name.trim(),
      email: this.#sso ? undefined : input.author?.email?.trim() || undefined,
      readerId,
      verified: !!this.#sso,
      moderator: this.#sso?.moderator ?? false,
      createdAt: now,
      editedAt: null,
      status: this.#moderation === 'all' && !this.#sso?.moderator ? 'pending' : 'published',
      anchor: input.anchor ?? null,
    };
    this.#write((d) => {
      d.comments.push(stored);
      if (input.notify && stored.email) {
        d.subscriptions.push({ page: input.page, email: stored.email, scope: input.notify, commentId: stored.id, readerId });
      }
    });
    const view = this.#view(this.#read(), stored);
    if (stored.status === 'published') this.#emit({ type: 'comment.created', page: stored.page, comment: this.#neutral(view) });
    return view;
  }

  async editComment(id: string, body: string): Promise<Comment> {
    const errors = validateBody(body);
    if (Object.keys(errors).length)
      throw new ChimeError('validation', 'Please check the highlighted fields.', { fields: errors });
    const stored = this.#own(id);
    this.#write((db) => {
      const c = db.comments.find((x) => x.id === id)!;
      c.body = body.trim();
      c.editedAt = this.#now();
    });
    const view = this.#view(this.#read(), { ...stored, body: body.trim(), editedAt: this.#now() });
    if (view.status === 'published') this.#emit({ type: 'comment.updated', page: view.page, comment: this.#neutral(view) });
    return view;
  }

  async deleteComment(id: string): Promise<void> {
    const stored = this.#own(id);
    this.#write((db) => {
      const c = db.comments.find((x) => x.id === id)!;
      c.status = 'deleted';
      c.body = '';
    });
    this.#emit({ type: 'comment.deleted', page: stored.page, commentId: id });
  }

  async voteComment(id: string, value: VoteValue): Promise<{ score: number; myVote: VoteValue }> {
    if (![-1, 0, 1].includes(value)) {
      throw new ChimeError('validation', 'A vote is -1, 0 or 1.', { fields: { value: 'invalid' } });
    }
    const db = this.#read();
    const c = db.comments.find((x) => x.id === id && x.status === 'published');
    if (!c) throw new ChimeError('not_found', 'This comment no longer exists.');
    const readerId = this.#ensureReader();
    if (c.readerId === readerId) throw new ChimeError('forbidden', 'You cannot vote on your own comment.');
    this.#write((d) => {
      const votes = (d.votes[id] ??= {});
      if (value === 0) delete votes[readerId];
      else votes[readerId] = value;
    });
    const score = this.#score(this.#read(), id);
    return { score, myVote: value };
  }

  async reportComment(id: string, reason: string): Promise<void> {
    const trimmed = (reason ?? '').trim();
    if (!trimmed || trimmed.length > LIMITS.reasonMax) {
      throw new ChimeError('validation', 'Please say why you report this comment.', { fields: { reason: 'required' } });
    }
    if (!this.#read().comments.some((c) => c.id === id)) throw new ChimeError('not_found', 'This comment no longer exists.');
    const readerId = this.#ensureReader();
    this.#write((db) => {
      if (!db.reports.some((r) => r.commentId === id && r.readerId === readerId)) {
        db.reports.push({ commentId: id, readerId, reason: trimmed });
      }
    });
  }

  async rate(page: string, value: number): Promise<RatingSummary> {
    checkPage(page);
    const errors = validateRating(value);
    if (Object.keys(errors).length) throw new ChimeError('validation', errors.value!, { fields: errors });
    if (this.#read().closed[page]?.rating) throw new ChimeError('closed', 'Rating is closed for this page.');
    const readerId = this.#ensureReader();
    this.#write((db) => {
      (db.ratings[page] ??= {})[readerId] = value;
    });
    return this.#afterRating(page);
  }

  async removeRating(page: string): Promise<RatingSummary> {
    checkPage(page);
    const readerId = this.#ensureReader();
    this.#write((db) => {
      delete db.ratings[page]?.[readerId];
    });
    return this.#afterRating(page);
  }

  async recordShare(page: string, network: string): Promise<ShareSummary> {
    checkPage(page);
    if (!isNetwork(network)) {
      throw new ChimeError('validation', 'Unknown network.', { fields: { network: 'unknown' } });
    }
    this.#write((db) => {
      const shares = (db.shares[page] ??= {});
      shares[network] = (shares[network] ?? 0) + 1;
    });
    return this.#shares(this.#read(), page);
  }

  async subscribe(request: SubscribeRequest): Promise<{ status: 'pending' | 'confirmed' }> {
    checkPage(request.page);
    const errors = validateSubscription(request);
    if (Object.keys(errors).length)
      throw new ChimeError('validation', 'Please check the highlighted fields.', { fields: errors });
    const readerId = this.#ensureReader();
    this.#write((db) => {
      db.subscriptions.push({ ...request, readerId });
    });
    // No mail leaves a browser: a local subscription counts as confirmed at once.
    return { status: 'confirmed' };
  }

  watch(page: string, listener: (event: ChimeLiveEvent) => void): () => void {
    let set = this.#listeners.get(page);
    if (!set) this.#listeners.set(page, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Stops listening to other tabs. */
  close(): void {
    this.#channel?.close();
  }

  #read(): Db {
    const raw = this.#storage.getItem(this.#key);
    if (!raw) return emptyDb();
    try {
      return { ...emptyDb(), ...(JSON.parse(raw) as Partial<Db>) };
    } catch {
      return emptyDb();
    }
  }

  #write(change: (db: Db) => void): void {
    const db = this.#read();
    change(db);
    try {
      this.#storage.setItem(this.#key, JSON.stringify(db));
    } catch {
      throw new ChimeError('internal', 'The browser refused to store the data (storage full?).');
    }
  }

  #ensureReader(): string {
    if (this.#sso) return this.#sso.id;
    if (!this.#readerId) {
      this.#readerId = `r_${timeId(this.#now())}`;
      this.#storage.setItem(`${this.#key}:reader`, this.#readerId);
    }
    return this.#readerId;
  }

  #currentId(): string | null {
    return this.#sso?.id ?? this.#readerId;
  }

  #own(id: string): StoredComment {
    const c = this.#read().comments.find((x) => x.id === id);
    if (!c || c.status === 'deleted') throw new ChimeError('not_found', 'This comment no longer exists.');
    if (this.#sso?.moderator) return c;
    if (c.readerId !== this.#currentId()) throw new ChimeError('forbidden', 'Only its author can change this comment.');
    if (this.#now() > c.createdAt + this.#editWindow) {
      throw new ChimeError('forbidden', 'The time to edit this comment has passed.');
    }
    return c;
  }

  #rating(db: Db, page: string): RatingSummary {
    const votes = Object.values(db.ratings[page] ?? {});
    const count = votes.length;
    const average = count ? Math.round((votes.reduce((a, b) => a + b, 0) / count) * 100) / 100 : 0;
    const me = this.#currentId();
    return {
      average,
      count,
      mine: me ? (db.ratings[page]?.[me] ?? null) : null,
      closed: db.closed[page]?.rating ?? false,
    };
  }

  #afterRating(page: string): RatingSummary {
    const rating = this.#rating(this.#read(), page);
    this.#emit({ type: 'rating.updated', page, rating: { average: rating.average, count: rating.count } });
    return rating;
  }

  #shares(db: Db, page: string): ShareSummary {
    const networks = { ...(db.shares[page] ?? {}) };
    return { total: Object.values(networks).reduce((a, b) => a + b, 0), networks };
  }

  #score(db: Db, id: string): number {
    return Object.values(db.votes[id] ?? {}).reduce<number>((a, b) => a + b, 0);
  }

  #visible(c: StoredComment): boolean {
    if (c.status === 'published') return true;
    const me = this.#currentId();
    return c.status === 'pending' && (c.readerId === me || !!this.#sso?.moderator);
  }

  #visibleCount(db: Db, page: string): number {
    return db.comments.filter((c) => c.page === page && c.status === 'published').length;
  }

  #view(db: Db, c: StoredComment): Comment {
    const me = this.#currentId();
    const mine = me !== null && c.readerId === me;
    const editable = mine && c.status !== 'deleted' && this.#now() <= c.createdAt + this.#editWindow;
    const view: Comment = {
      id: c.id,
      page: c.page,
      parentId: c.parentId,
      body: c.status === 'deleted' ? '' : c.body,
      author: { name: c.status === 'deleted' ? '' : c.name, verified: c.verified, moderator: c.moderator },
      createdAt: new Date(c.createdAt).toISOString(),
      editedAt: c.editedAt === null ? null : new Date(c.editedAt).toISOString(),
      status: c.status,
      score: this.#score(db, c.id),
      myVote: (me && db.votes[c.id]?.[me]) || 0,
      mine,
      editableUntil: editable ? new Date(c.createdAt + this.#editWindow).toISOString() : null,
      anchor: c.anchor,
      replies: [],
    };
    if (this.#sso?.moderator) {
      const reports = db.reports.filter((r) => r.commentId === c.id);
      view.moderation = { readerId: c.readerId, email: c.email, reports: reports.length, reasons: reports.map((r) => r.reason) };
    }
    return view;
  }

  /** A comment as seen by someone who is neither its author nor a moderator. */
  #neutral(view: Comment): Comment {
    const { moderation: _omit, ...rest } = view;
    return { ...rest, mine: false, myVote: 0, editableUntil: null };
  }

  /** All comments of a page as trees; deleted ones stay only as parents of visible replies. */
  #tree(db: Db, page: string): Comment[] {
    const stored = db.comments.filter((c) => c.page === page);
    const views = new Map<string, Comment>();
    for (const c of stored) {
      if (this.#visible(c) || c.status === 'deleted') views.set(c.id, this.#view(db, c));
    }
    const roots: Comment[] = [];
    for (const c of stored) {
      const view = views.get(c.id);
      if (!view) continue;
      const parent = c.parentId ? views.get(c.parentId) : undefined;
      if (parent) parent.replies.push(view);
      else if (!c.parentId) roots.push(view);
    }
    const prune = (list: Comment[]): Comment[] =>
      list.filter((c) => {
        c.replies = prune(c.replies);
        return c.status !== 'deleted' || c.replies.length > 0;
      });
    return prune(roots);
  }

  #emit(event: ChimeLiveEvent): void {
    this.#dispatch(event);
    this.#channel?.postMessage(event);
  }

  #dispatch(event: ChimeLiveEvent): void {
    for (const listener of this.#listeners.get(event.page) ?? []) listener(event);
  }
}

function checkPage(page: string): void {
  if (typeof page !== 'string' || !page || page.length > LIMITS.pageMax) {
    throw new ChimeError('validation', 'A page id is required.', { fields: { page: 'required' } });
  }
}
