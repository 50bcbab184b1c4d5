/**
 * A small typed client for the moderation endpoints of the Chime protocol (`/v1/moderation/*`).
 * Not part of the reader `ChimeBackend` contract: only the moderation console uses it, with the
 * admin token or a moderator's reader token.
 */
import { ChimeError, type Comment, type ErrorCode, type PageSummary, type Reader } from './contract.js';

export type Queue = 'pending' | 'reported' | 'recent' | 'spam';
export type QueueCounts = Record<'pending' | 'reported' | 'spam', number>;
/** Statuses a moderator can set (`published` approves; any earlier status undoes). */
export type ModerationStatus = 'published' | 'pending' | 'rejected' | 'spam' | 'deleted';

export interface Ban {
  kind: 'reader' | 'email';
  value: string;
  reason: string | null;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** When the ban ends (ms since the epoch), or null/absent for good. */
  expiresAt?: number | null;
}

export interface BanRequest {
  kind: 'reader' | 'email';
  value: string;
  reason?: string;
  /** How long the ban lasts; absent for good. */
  durationMs?: number;
}

export interface AuditEntry {
  id: number;
  /** Milliseconds since the epoch. */
  at: number;
  /** Who acted: `admin` (the admin token) or the moderator's reader id. */
  actor: string;
  /** `status:published`, `status:spam`, `ban`, `unban`, `page`, `delete`, `edit`… */
  action: string;
  target: string;
  /** The facts in English words (`was pending`, `2 reports`…). */
  detail: string | null;
  /**
   * The same facts as data, for saying them in another language: `status:*` → `{ from }`, `ban` →
   * `{ reason, until }` (ms, null: for good), `page` → the settings set, `reports:*` → `{ count }`.
   * Null for other actions and for entries from older servers.
   */
  data?: Record<string, string | number | boolean | null> | null;
}

/** What the moderators' live channel says: ids only. */
export interface ModerationNotice {
  type: 'moderation';
  kind: 'pending' | 'reported' | 'action';
  commentId?: string;
  action?: string;
  target?: string;
}

export type LiveState = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

/** Everything the console asks of a moderation backend (the REST client, or a fake in tests). */
export interface ModerationApi {
  counts(): Promise<QueueCounts>;
  queue(queue: Queue, cursor?: string | null): Promise<{ comments: Comment[]; nextCursor: string | null }>;
  comment(id: string): Promise<Comment>;
  setStatus(id: string, status: ModerationStatus): Promise<Comment>;
  /** Dismisses a comment's open reports (`at` of the dismissal is returned), or with `at` reopens them. */
  reviewReports(id: string, dismissed: boolean, at?: number): Promise<{ comment: Comment; at: number }>;
  ban(request: BanRequest): Promise<Ban[]>;
  unban(kind: Ban['kind'], value: string): Promise<void>;
  page(page: string): Promise<PageSummary>;
  setPage(page: string, patch: { commentsClosed?: boolean; ratingClosed?: boolean }): Promise<PageSummary>;
  log(cursor?: string | null): Promise<{ entries: AuditEntry[]; nextCursor: string | null }>;
  /** Follows the moderators' live channel; returns the stop function. */
  watch(onNotice: (notice: ModerationNotice) => void, onState?: (state: LiveState) => void): () => void;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The REST client: `base` is the Chime server's URL, `token` the admin or moderator token. */
export class ModerationClient implements ModerationApi {
  readonly #base: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;

  constructor(base: string, token: string, fetchImpl?: typeof fetch) {
    this.#base = base.replace(/\/+$/, '');
    this.#token = token;
    this.#fetch = fetchImpl ?? ((...args) => globalThis.fetch(...args));
  }

  /** Exchanges a publisher's SSO token for a reader token; refuses one without the moderator role. */
  static async fromSso(base: string, sso: string, fetchImpl?: typeof fetch): Promise<string> {
    const anonymous = new ModerationClient(base, '', fetchImpl);
    const { token, reader } = await anonymous.#call<{ token: string; reader: Reader }>('POST', '/v1/readers', { sso });
    if (!reader.moderator) throw new ChimeError('forbidden', 'This sign-in is not a moderator’s.');
    return token;
  }

  counts() {
    return this.#call<QueueCounts>('GET', '/v1/moderation/counts');
  }

  queue(queue: Queue, cursor?: string | null) {
    const q = new URLSearchParams({ queue, limit: '50' });
    if (cursor) q.set('cursor', cursor);
    return this.#call<{ comments: Comment[]; nextCursor: string | null }>('GET', `/v1/moderation/comments?${q}`);
  }

  comment(id: string) {
    return this.#call<Comment>('GET', `/v1/moderation/comments/${encodeURIComponent(id)}`);
  }

  setStatus(id: string, status: ModerationStatus) {
    return this.#call<Comment>('POST', `/v1/moderation/comments/${encodeURIComponent(id)}/status`, { status });
  }

  reviewReports(id: string, dismissed: boolean, at?: number) {
    return this.#call<{ comment: Comment; at: number }>('PUT', `/v1/moderation/comments/${encodeURIComponent(id)}/reports`, {
      dismissed,
      at,
    });
  }

  async ban(request: BanRequest) {
    return (await this.#call<{ bans: Ban[] }>('POST', '/v1/moderation/bans', request)).bans;
  }

  async unban(kind: Ban['kind'], value: string) {
    await this.#call('DELETE', `/v1/moderation/bans?${new URLSearchParams({ kind, value })}`);
  }

  page(page: string) {
    return this.#call<PageSummary>('GET', `/v1/page?${new URLSearchParams({ page })}`);
  }

  setPage(page: string, patch: { commentsClosed?: boolean; ratingClosed?: boolean }) {
    return this.#call<PageSummary>('PUT', '/v1/moderation/pages', { page, ...patch });
  }

  log(cursor?: string | null) {
    const q = new URLSearchParams({ limit: '50' });
    if (cursor) q.set('cursor', cursor);
    return this.#call<{ entries: AuditEntry[]; nextCursor: string | null }>('GET', `/v1/moderation/log?${q}`);
  }

  watch(onNotice: (notice: ModerationNotice) => void, onState: (state: LiveState) => void = () => {}): () => void {
    let stopped = false;
    let controller: AbortController | null = null;
    let lastId = '';
    let retry = 2000;
    const run = async () => {
      onState('connecting');
      while (!stopped) {
        controller = new AbortController();
        try {
          const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${this.#token}` };
          if (lastId) headers['last-event-id'] = lastId;
          const res = await this.#fetch(`${this.#base}/v1/moderation/events`, { headers, signal: controller.signal });
          if (res.status === 401 || res.status === 403) {
            onState('unauthorized');
            return;
          }
          if (!res.ok || !res.body) throw new Error(String(res.status));
          onState('open');
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end: number;
            while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
              let data = '';
              for (const line of frame.split(/\r?\n/)) {
                const [, field, v = ''] = /^([^:]*):? ?(.*)$/.exec(line) ?? [];
                if (field === 'id') lastId = v;
                else if (field === 'retry' && /^\d+$/.test(v)) retry = Number(v);
                else if (field === 'data') data += data ? `\n${v}` : v;
              }
              if (!data) continue;
              try {
                const notice = JSON.parse(data) as ModerationNotice;
                if (notice?.type === 'moderation') onNotice(notice);
              } catch {
                // not ours: ignore
              }
            }
          }
        } catch {
          // dropped: reconnect below
        }
        if (stopped) return;
        onState('reconnecting');
        await sleep(retry);
      }
    };
    void run();
    return () => {
      stopped = true;
      controller?.abort();
    };
  }

  async #call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    let res: Response;
    let text: string;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 15_000);
    try {
      res = await this.#fetch(this.#base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
      text = await res.text();
    } catch {
      throw controller.signal.aborted
        ? new ChimeError('timeout', 'The server took too long to answer.')
        : new ChimeError('network', 'The server could not be reached.');
    } finally {
      clearTimeout(timer);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ChimeError(
        res.ok ? 'bad_response' : res.status >= 500 ? 'internal' : 'bad_response',
        `The server answered ${res.status}.`,
        {
          status: res.status,
        },
      );
    }
    if (res.ok) return json as T;
    const error = isObj(json) && isObj(json.error) ? json.error : {};
    throw new ChimeError(
      typeof error.code === 'string' ? (error.code as ErrorCode) : res.status >= 500 ? 'internal' : 'bad_response',
      typeof error.message === 'string' ? error.message : `The server answered ${res.status}.`,
      { status: res.status, fields: isObj(error.fields) ? (error.fields as Record<string, string>) : undefined },
    );
  }
}
