/**
 * The REST client: the backend contract over the Chime protocol v1 (see docs/protocol.md).
 * Browser-first and dependency-free; every response is checked before it reaches a store.
 */
import {
  ChimeError,
  type ChimeBackend,
  type ChimeLiveEvent,
  type Comment,
  type CommentList,
  type ListCommentsQuery,
  type NewComment,
  type PageCounts,
  type PageSummary,
  type RatingSummary,
  type Reader,
  type ShareSummary,
  type SubscribeRequest,
  type VoteValue,
} from './contract.js';

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface RestBackendOptions {
  /** Where the reader token is kept (default localStorage, else memory). */
  storage?: KeyValue;
  fetch?: typeof fetch;
  /** Needed for `watch` outside browsers (e.g. the `eventsource` package in Node). */
  EventSource?: typeof EventSource;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  /** Extra attempts for idempotent calls (GET, PUT, DELETE; default 2). */
  retries?: number;
}

interface Session {
  token: string;
  reader: Reader;
}

type Obj = Record<string, unknown>;

const EVENT_TYPES = ['comment.created', 'comment.updated', 'comment.deleted', 'rating.updated'] as const;
/** Longer Retry-After waits are reported to the caller instead of waited out. */
const MAX_WAIT_MS = 10_000;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ensure<T>(ok: unknown, v: unknown): T {
  if (!ok) throw new ChimeError('bad_response', 'The server sent an unexpected response.');
  return v as T;
}

function comment(v: unknown): Comment {
  ensure(
    isObj(v) &&
      isStr(v.id) &&
      isStr(v.page) &&
      (v.parentId === null || isStr(v.parentId)) &&
      isStr(v.body) &&
      isObj(v.author) &&
      isStr(v.author.name) &&
      isStr(v.createdAt) &&
      isStr(v.status) &&
      isNum(v.score) &&
      [-1, 0, 1].includes(v.myVote as number) &&
      typeof v.mine === 'boolean' &&
      (v.anchor === null || isObj(v.anchor)) &&
      Array.isArray(v.replies) &&
      v.replies.every(comment),
    v,
  );
  return v as Comment;
}

const rating = (v: unknown): RatingSummary =>
  ensure(isObj(v) && isNum(v.average) && isNum(v.count) && (v.mine === null || isNum(v.mine)), v);

const shares = (v: unknown): ShareSummary =>
  ensure(isObj(v) && isNum(v.total) && isObj(v.networks) && Object.values(v.networks).every(isNum), v);

const reader = (v: unknown): Reader =>
  ensure(isObj(v) && isStr(v.id) && typeof v.verified === 'boolean' && typeof v.moderator === 'boolean', v);

function memoryStorage(): KeyValue {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

function defaultStorage(): KeyValue {
  try {
    return globalThis.localStorage ?? memoryStorage();
  } catch {
    return memoryStorage(); // storage disabled (privacy modes)
  }
}

const enc = encodeURIComponent;

export class RestBackend implements ChimeBackend {
  readonly #base: string;
  readonly #key: string;
  readonly #storage: KeyValue;
  readonly #fetch: typeof fetch;
  readonly #ES: typeof EventSource | undefined;
  readonly #timeout: number;
  readonly #retries: number;
  readonly #watches = new Map<string, { es: EventSource; listeners: Set<(e: ChimeLiveEvent) => void> }>();
  #pending: Promise<Session> | null = null;

  constructor(baseUrl: string, options: RestBackendOptions = {}) {
    this.#base = baseUrl.replace(/\/+$/, '');
    this.#key = `chime:reader:${new URL(baseUrl, globalThis.location?.href).origin}`;
    this.#storage = options.storage ?? defaultStorage();
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.#ES = options.EventSource ?? globalThis.EventSource;
    this.#timeout = options.timeoutMs ?? 10_000;
    this.#retries = options.retries ?? 2;
  }

  async signIn(ssoToken: string): Promise<Reader> {
    const session = await this.#call('POST', '/v1/readers', { body: { sso: ssoToken }, parse: this.#parseSession });
    this.#storage.setItem(`${this.#key}:sso`, JSON.stringify(session));
    return session.reader;
  }

  async signOut(): Promise<void> {
    this.#storage.removeItem(`${this.#key}:sso`);
  }

  async reader(): Promise<Reader | null> {
    return this.#load()?.reader ?? null;
  }

  getPage(page: string): Promise<PageSummary> {
    return this.#call('GET', `/v1/page?page=${enc(page)}`, {
      parse: (v) =>
        ensure(
          isObj(v) && isStr(v.page) && isObj(v.comments) && isNum(v.comments.count) && rating(v.rating) && shares(v.shares),
          v,
        ),
    });
  }

  async getCounts(pages: string[]): Promise<Record<string, PageCounts>> {
    if (!pages.length) return {};
    return this.#call('GET', `/v1/counts?${pages.map((p) => `page=${enc(p)}`).join('&')}`, {
      parse: (v) =>
        ensure(
          isObj(v) &&
            Object.values(v).every(
              (c) =>
                isObj(c) &&
                isNum(c.comments) &&
                isNum(c.shares) &&
                isObj(c.rating) &&
                isNum(c.rating.average) &&
                isNum(c.rating.count),
            ),
          v,
        ),
    });
  }

  listComments(query: ListCommentsQuery): Promise<CommentList> {
    const params = new URLSearchParams({ page: query.page });
    if (query.sort) params.set('sort', query.sort);
    if (query.kind) params.set('kind', query.kind);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    return this.#call('GET', `/v1/comments?${params}`, {
      parse: (v) =>
        ensure(
          isObj(v) &&
            Array.isArray(v.comments) &&
            v.comments.every(comment) &&
            (v.nextCursor === null || isStr(v.nextCursor)) &&
            isNum(v.total),
          v,
        ),
    });
  }

  postComment(input: NewComment): Promise<Comment> {
    return this.#call('POST', '/v1/comments', { body: input, write: true, parse: comment });
  }

  editComment(id: string, body: string): Promise<Comment> {
    return this.#call('PATCH', `/v1/comments/${enc(id)}`, { body: { body }, write: true, parse: comment });
  }

  async deleteComment(id: string): Promise<void> {
    await this.#call('DELETE', `/v1/comments/${enc(id)}`, { write: true });
  }

  async moderate(commentId: string, action: 'approve' | 'ban'): Promise<void> {
    if (action === 'approve') await this.#call('POST', `/v1/moderation/comments/${enc(commentId)}/approve`, { write: true });
    else await this.#call('POST', '/v1/moderation/bans', { body: { commentId }, write: true });
  }

  voteComment(id: string, value: VoteValue): Promise<{ score: number; myVote: VoteValue }> {
    return this.#call('PUT', `/v1/comments/${enc(id)}/vote`, {
      body: { value },
      write: true,
      parse: (v) => ensure(isObj(v) && isNum(v.score) && [-1, 0, 1].includes(v.myVote as number), v),
    });
  }

  async reportComment(id: string, reason: string): Promise<void> {
    await this.#call('POST', `/v1/comments/${enc(id)}/report`, { body: { reason }, write: true });
  }

  rate(page: string, value: number): Promise<RatingSummary> {
    return this.#call('PUT', '/v1/rating', { body: { page, value }, write: true, parse: rating });
  }

  removeRating(page: string): Promise<RatingSummary> {
    return this.#call('DELETE', `/v1/rating?page=${enc(page)}`, { write: true, parse: rating });
  }

  recordShare(page: string, network: string): Promise<ShareSummary> {
    return this.#call('POST', '/v1/shares', { body: { page, network }, parse: shares });
  }

  subscribe(request: SubscribeRequest): Promise<{ status: 'pending' | 'confirmed' }> {
    return this.#call('POST', '/v1/subscriptions', {
      body: request,
      write: true,
      parse: (v) => ensure(isObj(v) && (v.status === 'pending' || v.status === 'confirmed'), v),
    });
  }

  /** One EventSource per page, shared by its listeners; it resumes with Last-Event-ID on reconnect. */
  watch(page: string, listener: (event: ChimeLiveEvent) => void): () => void {
    const ES = this.#ES;
    if (!ES) return () => {}; // no live updates possible here; the thread still loads and posts
    let entry = this.#watches.get(page);
    if (!entry) {
      const current = (entry = { es: new ES(`${this.#base}/v1/events?page=${enc(page)}`), listeners: new Set() });
      for (const type of EVENT_TYPES) {
        current.es.addEventListener(type, (message) => {
          let event: Obj;
          try {
            const data: unknown = JSON.parse((message as MessageEvent<string>).data);
            event = ensure<Obj>(isObj(data) && data.type === type && data.page === page, data);
            if (type === 'comment.deleted') ensure(isStr(event.commentId), event);
            else if (type === 'rating.updated') {
              const r = event.rating;
              ensure(isObj(r) && isNum(r.average) && isNum(r.count), event);
            } else comment(event.comment);
          } catch {
            return; // a malformed event is dropped; the next reload shows the truth
          }
          event.id = (message as MessageEvent).lastEventId || event.id;
          for (const l of [...current.listeners]) l(event as unknown as ChimeLiveEvent);
        });
      }
      this.#watches.set(page, current);
    }
    const current = entry;
    current.listeners.add(listener);
    return () => {
      current.listeners.delete(listener);
      if (!current.listeners.size && this.#watches.get(page) === current) {
        current.es.close();
        this.#watches.delete(page);
      }
    };
  }

  #parseSession = (v: unknown): Session => ensure(isObj(v) && isStr(v.token) && reader(v.reader), v);

  #load(): Session | null {
    for (const key of [`${this.#key}:sso`, this.#key]) {
      try {
        const raw = this.#storage.getItem(key);
        if (raw) return this.#parseSession(JSON.parse(raw));
      } catch {
        this.#storage.removeItem(key); // unreadable: start over
      }
    }
    return null;
  }

  /** The current session, creating an anonymous reader on first write (once, even for parallel writes). */
  #session(): Promise<Session> {
    const existing = this.#load();
    if (existing) return Promise.resolve(existing);
    this.#pending ??= this.#call('POST', '/v1/readers', { body: {}, parse: this.#parseSession })
      .then((session) => {
        this.#storage.setItem(this.#key, JSON.stringify(session));
        return session;
      })
      .finally(() => (this.#pending = null));
    return this.#pending;
  }

  async #call<T = unknown>(
    method: string,
    path: string,
    options: { body?: unknown; write?: boolean; parse?: (v: unknown) => T } = {},
  ): Promise<T> {
    const idempotent = method === 'GET' || method === 'PUT' || method === 'DELETE';
    let session = options.write ? await this.#session() : this.#load();
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      if (session) headers.authorization = `Bearer ${session.token}`;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.#timeout);
      let res: Response;
      let text: string;
      try {
        res = await this.#fetch(this.#base + path, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: controller.signal,
        });
        text = await res.text();
      } catch {
        const error = controller.signal.aborted
          ? new ChimeError('timeout', 'The server took too long to answer.')
          : new ChimeError('network', 'The server could not be reached.');
        if (idempotent && attempt < this.#retries) {
          await sleep(backoff(attempt));
          continue;
        }
        throw error;
      } finally {
        clearTimeout(timer);
      }
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
        if (res.ok) throw new ChimeError('bad_response', 'The server sent an unexpected response.', { status: res.status });
      }
      if (res.ok) return options.parse ? options.parse(json) : (json as T);

      const retryAfter = Number(res.headers.get('retry-after')) || undefined;
      const body: Obj = isObj(json) && isObj(json.error) ? json.error : {};
      const error = new ChimeError(
        isStr(body.code) ? (body.code as ChimeError['code']) : res.status >= 500 ? 'internal' : 'bad_response',
        isStr(body.message) ? body.message : `The server answered ${res.status}.`,
        { status: res.status, retryAfter, fields: isObj(body.fields) ? (body.fields as Record<string, string>) : undefined },
      );
      // A token the server no longer accepts (rotated secret, expired sign-in): an anonymous one
      // is replaced; reads go on anonymously; an SSO write fails so the page can sign in again.
      if (res.status === 401 && session && !renewed && (!options.write || !session.reader.verified)) {
        renewed = true;
        if (!session.reader.verified) this.#storage.removeItem(this.#key);
        session = options.write ? await this.#session() : null;
        attempt--;
        continue;
      }
      if (idempotent && attempt < this.#retries && (res.status >= 500 || res.status === 429)) {
        const wait = res.status === 429 && retryAfter ? retryAfter * 1000 : backoff(attempt);
        if (wait <= MAX_WAIT_MS) {
          await sleep(wait);
          continue;
        }
      }
      throw error;
    }
  }
}

/** 250 ms, 500 ms, 1 s… with jitter, so many clients do not retry in step. */
function backoff(attempt: number): number {
  return 250 * 2 ** attempt * (0.75 + Math.random() / 2);
}
