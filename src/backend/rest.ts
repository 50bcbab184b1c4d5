/**
 * The REST client: the backend contract over the Chime protocol v1 (see docs/protocol.md).
 * Browser-first and dependency-free; every response is checked against its shape before it
 * reaches a store, so a malformed answer is a `bad_response`, never a crash further in.
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

/** What a response must look like: a predicate, or an object whose fields have these shapes. */
type Shape = ((v: unknown) => boolean) | { [field: string]: Shape };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const str = (v: unknown): v is string => typeof v === 'string';
const bool = (v: unknown) => typeof v === 'boolean';
const vote = (v: unknown) => v === -1 || v === 0 || v === 1;

function fits(v: unknown, shape: Shape): boolean {
  return typeof shape === 'function' ? shape(v) : isObj(v) && Object.entries(shape).every(([field, s]) => fits(v[field], s));
}

const orNull = (shape: Shape) => (v: unknown) => v === null || fits(v, shape);
/** Every value of an object (or, with `test = Array.isArray`, every item of an array) fits `shape`. */
const each =
  (shape: Shape, test: (v: unknown) => boolean = isObj) =>
  (v: unknown) =>
    test(v) && Object.values(v as Obj).every((item) => fits(item, shape));

const RATING = { average: num, count: num };
const SUMMARY_RATING = { ...RATING, mine: orNull(num) };
const SHARES = { total: num, networks: each(num) };
const COMMENT: Shape = {
  id: str,
  page: str,
  parentId: orNull(str),
  body: str,
  author: { name: str },
  createdAt: str,
  status: str,
  score: num,
  myVote: vote,
  mine: bool,
  anchor: orNull(isObj),
  replies: each((v) => fits(v, COMMENT), Array.isArray),
};
const SESSION = { token: str, reader: { id: str, verified: bool, moderator: bool } };
/** Live events by type, besides their `type` and `page`. */
const EVENTS: Record<ChimeLiveEvent['type'], Shape> = {
  'comment.created': { comment: COMMENT },
  'comment.updated': { comment: COMMENT },
  'comment.deleted': { commentId: str },
  'rating.updated': { rating: RATING },
};

/** Longer Retry-After waits are reported to the caller instead of waited out. */
const MAX_WAIT_MS = 10_000;
const JSON_TYPE = 'application/json';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** 250 ms, 500 ms, 1 s… with jitter, so many clients do not retry in step. */
const backoff = (attempt: number) => 250 * 2 ** attempt * (0.75 + Math.random() / 2);
const enc = encodeURIComponent;
const pageParam = (page: string) => `page=${enc(page)}`;

function defaultStorage(): KeyValue {
  try {
    if (globalThis.localStorage) return localStorage;
  } catch {
    // storage disabled (privacy modes): keep the token in memory
  }
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

export class RestBackend implements ChimeBackend {
  readonly #base: string;
  readonly #key: string;
  readonly #storage: KeyValue;
  readonly #options: RestBackendOptions;
  readonly #watches = new Map<string, { es: EventSource; listeners: Set<(e: ChimeLiveEvent) => void> }>();
  #pending: Promise<Session> | null = null;

  constructor(baseUrl: string, options: RestBackendOptions = {}) {
    this.#base = `${baseUrl.replace(/\/+$/, '')}/v1/`;
    this.#key = `chime:reader:${new URL(baseUrl, globalThis.location?.href).origin}`;
    this.#storage = options.storage ?? defaultStorage();
    this.#options = options;
  }

  async signIn(ssoToken: string): Promise<Reader> {
    const session = await this.#call<Session>('POST', 'readers', SESSION, { sso: ssoToken }, false);
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
    return this.#call('GET', `page?${pageParam(page)}`, {
      page: str,
      comments: { count: num },
      rating: SUMMARY_RATING,
      shares: SHARES,
    });
  }

  async getCounts(pages: string[]): Promise<Record<string, PageCounts>> {
    return pages.length
      ? this.#call('GET', `counts?${pages.map(pageParam).join('&')}`, each({ comments: num, shares: num, rating: RATING }))
      : {};
  }

  listComments(query: ListCommentsQuery): Promise<CommentList> {
    // Only the parameters given (a `limit` of 0 included).
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v || v === 0) as string[][]);
    return this.#call('GET', `comments?${params}`, {
      comments: each(COMMENT, Array.isArray),
      nextCursor: orNull(str),
      total: num,
    });
  }

  postComment(input: NewComment): Promise<Comment> {
    return this.#call('POST', 'comments', COMMENT, input);
  }

  editComment(id: string, body: string): Promise<Comment> {
    return this.#call('PATCH', `comments/${enc(id)}`, COMMENT, { body });
  }

  deleteComment(id: string): Promise<void> {
    return this.#call('DELETE', `comments/${enc(id)}`);
  }

  moderate(commentId: string, action: 'approve' | 'ban'): Promise<void> {
    return action === 'approve'
      ? this.#call('POST', `moderation/comments/${enc(commentId)}/approve`)
      : this.#call('POST', 'moderation/bans', undefined, { commentId });
  }

  voteComment(id: string, value: VoteValue): Promise<{ score: number; myVote: VoteValue }> {
    return this.#call('PUT', `comments/${enc(id)}/vote`, { score: num, myVote: vote }, { value });
  }

  reportComment(id: string, reason: string): Promise<void> {
    return this.#call('POST', `comments/${enc(id)}/report`, undefined, { reason });
  }

  rate(page: string, value: number): Promise<RatingSummary> {
    return this.#call('PUT', 'rating', SUMMARY_RATING, { page, value });
  }

  removeRating(page: string): Promise<RatingSummary> {
    return this.#call('DELETE', `rating?${pageParam(page)}`, SUMMARY_RATING);
  }

  recordShare(page: string, network: string): Promise<ShareSummary> {
    return this.#call('POST', 'shares', SHARES, { page, network }, false);
  }

  subscribe(request: SubscribeRequest): Promise<{ status: 'pending' | 'confirmed' }> {
    return this.#call('POST', 'subscriptions', { status: (v) => v === 'pending' || v === 'confirmed' }, request);
  }

  /** One EventSource per page, shared by its listeners; it resumes with Last-Event-ID on reconnect. */
  watch(page: string, listener: (event: ChimeLiveEvent) => void): () => void {
    const ES = this.#options.EventSource ?? globalThis.EventSource;
    if (!ES) return () => {}; // no live updates possible here; the thread still loads and posts
    let entry = this.#watches.get(page);
    if (!entry) {
      const { es, listeners } = (entry = { es: new ES(`${this.#base}events?${pageParam(page)}`), listeners: new Set() });
      for (const [type, shape] of Object.entries(EVENTS)) {
        es.addEventListener(type, (message) => {
          let event: Obj;
          try {
            event = JSON.parse((message as MessageEvent<string>).data);
          } catch {
            return; // a malformed event is dropped; the next reload shows the truth
          }
          if (!fits(event, shape) || event.type !== type || event.page !== page) return;
          event.id = (message as MessageEvent).lastEventId || event.id;
          for (const l of [...listeners]) l(event as unknown as ChimeLiveEvent);
        });
      }
      this.#watches.set(page, entry);
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

  /** The stored session: the SSO one, else the anonymous one. */
  #load(): Session | null {
    for (const key of [`${this.#key}:sso`, this.#key]) {
      const raw = this.#storage.getItem(key);
      let session: unknown;
      try {
        session = raw && JSON.parse(raw);
      } catch {
        // unreadable: removed below
      }
      if (fits(session, SESSION)) return session as Session;
      if (raw) this.#storage.removeItem(key); // unreadable: start over
    }
    return null;
  }

  /** The current session, creating an anonymous reader on first write (once, even for parallel writes). */
  #session(): Promise<Session> {
    const existing = this.#load();
    if (existing) return Promise.resolve(existing);
    return (this.#pending ??= this.#call<Session>('POST', 'readers', SESSION, {}, false)
      .then((session) => {
        this.#storage.setItem(this.#key, JSON.stringify(session));
        return session;
      })
      .finally(() => (this.#pending = null)));
  }

  /**
   * One request: `path` under `/v1/`; the answer must fit `shape` (without one, the call
   * resolves to nothing); a write (by default anything but a GET) makes sure the reader has a
   * token first. Idempotent calls are retried after network errors, timeouts, 5xx and 429
   * (honouring a short Retry-After).
   */
  async #call<T>(method: string, path: string, shape?: Shape, body?: object, write = method !== 'GET'): Promise<T> {
    const idempotent = method === 'GET' || method === 'PUT' || method === 'DELETE';
    let session = write ? await this.#session() : this.#load();
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { accept: JSON_TYPE };
      if (body) headers['content-type'] = JSON_TYPE;
      if (session) headers.authorization = `Bearer ${session.token}`;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.#options.timeoutMs ?? 10_000);
      let text = '';
      const res = await (this.#options.fetch ?? fetch)(this.#base + path, {
        method,
        headers,
        body: body && JSON.stringify(body),
        signal: controller.signal,
      })
        .then(async (r) => ((text = await r.text()), r))
        .catch(() => null)
        .finally(() => clearTimeout(timer));
      let error: ChimeError;
      let wait = backoff(attempt);
      if (!res) {
        error = controller.signal.aborted
          ? new ChimeError('timeout', 'The server took too long to answer.')
          : new ChimeError('network', 'The server could not be reached.');
      } else {
        const { ok, status } = res;
        let json: unknown;
        let parsed = true;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = false;
        }
        if (ok) {
          if (parsed && (!shape || fits(json, shape))) return (shape && json) as T;
          throw new ChimeError('bad_response', 'The server sent an unexpected response.', { status });
        }
        const retryAfter = Number(res.headers.get('retry-after')) || undefined;
        const e: Obj = isObj(json) && isObj(json.error) ? json.error : {};
        error = new ChimeError(
          str(e.code) ? (e.code as ChimeError['code']) : status >= 500 ? 'internal' : 'bad_response',
          str(e.message) ? e.message : `The server answered ${status}.`,
          { status, retryAfter, fields: isObj(e.fields) ? (e.fields as Record<string, string>) : undefined },
        );
        // A token the server no longer accepts (rotated secret, expired sign-in): an anonymous one
        // is replaced; reads go on anonymously; an SSO write fails so the page can sign in again.
        if (status === 401 && session && !renewed && (!write || !session.reader.verified)) {
          renewed = true;
          if (!session.reader.verified) this.#storage.removeItem(this.#key);
          session = write ? await this.#session() : null;
          attempt--;
          continue;
        }
        if (status < 500 && status !== 429) throw error;
        if (status === 429 && retryAfter) wait = retryAfter * 1000;
      }
      if (!idempotent || attempt >= (this.#options.retries ?? 2) || wait > MAX_WAIT_MS) throw error;
      await sleep(wait);
    }
  }
}
