/**
 * The moderation console's state: queues, counts, the audit log, live updates from the
 * moderators' channel, and actions with a few seconds of "Undo". Actions apply on the server at
 * once and Undo sends the reverse action (the previous status, an unban, the previous page
 * settings): nothing is lost when the console closes, and the log records both.
 */
import { atom } from 'nanostores';
import { ChimeError, toChimeError, type Comment, type PageSummary } from '../backend/contract.js';
import {
  ModerationClient,
  type AuditEntry,
  type Ban,
  type BanRequest,
  type LiveState,
  type ModerationApi,
  type ModerationNotice,
  type ModerationStatus,
  type Queue,
  type QueueCounts,
} from '../backend/moderation.js';

export type { AuditEntry, Ban, BanRequest, LiveState, ModerationApi, Queue, QueueCounts } from '../backend/moderation.js';

export const QUEUES: Queue[] = ['pending', 'reported', 'recent', 'spam'];

export type Action = 'approve' | 'reject' | 'spam' | 'delete';
export const ACTION_STATUS: Record<Action, ModerationStatus> = {
  approve: 'published',
  reject: 'rejected',
  spam: 'spam',
  delete: 'deleted',
};

export interface ListState<T> {
  items: T[];
  loading: boolean;
  loaded: boolean;
  error: ChimeError | null;
  nextCursor: string | null;
}

export interface Undoable {
  /** Increases with every action, so the console can tell a new one from the last. */
  id: number;
  /** What was done, e.g. `{ action: 'approve', count: 2 }`. */
  what: { action: Action | 'ban' | 'page'; count: number };
  undo: () => Promise<void>;
}

export interface ModerationState {
  counts: QueueCounts | null;
  queues: Record<Queue, ListState<Comment>>;
  log: ListState<AuditEntry>;
  live: LiveState | 'off';
  /** The last action, undoable until it expires (`undoMs`). */
  undo: Undoable | null;
  /** Parent comments for context: null when it no longer exists. */
  parents: Record<string, Comment | null>;
}

const list = <T>(): ListState<T> => ({ items: [], loading: false, loaded: false, error: null, nextCursor: null });

/** Whether a comment belongs in a queue (the server's queue rules, for live reconciling). */
export function belongs(queue: Queue, c: Comment): boolean {
  if (queue === 'pending') return c.status === 'pending';
  if (queue === 'spam') return c.status === 'spam';
  if (queue === 'recent') return c.status !== 'deleted';
  return (c.status === 'published' || c.status === 'pending') && (c.moderation?.reports ?? 0) > 0;
}

/** Newest first, as the server orders queues. */
const newer = (a: Comment, b: Comment) =>
  a.createdAt === b.createdAt ? (a.id > b.id ? -1 : 1) : a.createdAt > b.createdAt ? -1 : 1;

/** The REST client for a Chime server (`base`) and a token. */
export function moderationClient(base: string, token: string): ModerationApi {
  return new ModerationClient(base, token);
}

/** A moderator's reader token for a publisher SSO token (refused without the moderator role). */
export function moderatorToken(base: string, sso: string): Promise<string> {
  return ModerationClient.fromSso(base, sso);
}

export class ModerationSession {
  readonly $state = atom<ModerationState>({
    counts: null,
    queues: { pending: list(), reported: list(), recent: list(), spam: list() },
    log: list(),
    live: 'off',
    undo: null,
    parents: {},
  });
  readonly api: ModerationApi;
  readonly #undoMs: number;
  #undoTimer: ReturnType<typeof setTimeout> | undefined;
  #unwatch: (() => void) | null = null;
  #actions = 0;

  constructor(api: ModerationApi, options: { undoMs?: number } = {}) {
    this.api = api;
    this.#undoMs = options.undoMs ?? 8000;
  }

  get state(): ModerationState {
    return this.$state.get();
  }

  #set(patch: Partial<ModerationState>): void {
    this.$state.set({ ...this.state, ...patch });
  }

  #setQueue(queue: Queue, patch: Partial<ListState<Comment>>): void {
    this.#set({ queues: { ...this.state.queues, [queue]: { ...this.state.queues[queue], ...patch } } });
  }

  /** Checks the token (loads the counts); throws `unauthorized`/`forbidden` for a bad one. */
  async verify(): Promise<void> {
    this.#set({ counts: await this.api.counts() });
  }

  /** Follows the live channel until `stop()`. */
  start(onNotice?: (notice: ModerationNotice) => void): void {
    if (this.#unwatch) return;
    this.#unwatch = this.api.watch(
      (notice) => {
        void this.#onNotice(notice);
        onNotice?.(notice);
      },
      (live) => {
        // Notices may have been missed while the stream was down.
        if (live === 'open' && this.state.live === 'reconnecting') void this.refreshCounts();
        this.#set({ live });
      },
    );
  }

  stop(): void {
    this.#unwatch?.();
    this.#unwatch = null;
    clearTimeout(this.#undoTimer);
    this.#set({ live: 'off', undo: null });
  }

  async refreshCounts(): Promise<void> {
    try {
      this.#set({ counts: await this.api.counts() });
    } catch {
      // the counts stay as they were; the next notice tries again
    }
  }

  /** Loads a queue's first page (or, with `more`, the next one). */
  async load(queue: Queue, more = false): Promise<void> {
    const current = this.state.queues[queue];
    if (current.loading || (more && !current.nextCursor)) return;
    this.#setQueue(queue, { loading: true, error: null });
    try {
      const { comments, nextCursor } = await this.api.queue(queue, more ? current.nextCursor : null);
      const items = more ? [...this.state.queues[queue].items, ...comments.filter((c) => !this.#find(queue, c.id))] : comments;
      this.#setQueue(queue, { items, nextCursor, loading: false, loaded: true });
      void this.#loadParents(comments);
    } catch (e) {
      this.#setQueue(queue, { loading: false, error: toChimeError(e) });
    }
  }

  async loadLog(more = false): Promise<void> {
    const current = this.state.log;
    if (current.loading || (more && !current.nextCursor)) return;
    this.#set({ log: { ...current, loading: true, error: null } });
    try {
      const { entries, nextCursor } = await this.api.log(more ? current.nextCursor : null);
      const items = more ? [...this.state.log.items, ...entries] : entries;
      this.#set({ log: { items, nextCursor, loading: false, loaded: true, error: null } });
    } catch (e) {
      this.#set({ log: { ...this.state.log, loading: false, error: toChimeError(e) } });
    }
  }

  /**
   * Sets the status for each comment; approving also dismisses its open reports (the moderator
   * keeps it). One Undo restores every previous status and reopens the dismissed reports.
   */
  async act(ids: string[], action: Action): Promise<void> {
    const status = ACTION_STATUS[action];
    const done: { id: string; was: ModerationStatus; dismissedAt: number | null }[] = [];
    let failure: unknown = null;
    for (const id of ids) {
      const before = this.#anywhere(id);
      const was = (before?.status ?? status) as ModerationStatus;
      let dismissedAt: number | null = null;
      try {
        if (was !== status || !before) this.reconcile(await this.api.setStatus(id, status));
        if (action === 'approve' && (before?.moderation?.reports ?? 0) > 0) {
          const reviewed = await this.api.reviewReports(id, true);
          dismissedAt = reviewed.at;
          this.reconcile(reviewed.comment);
        }
        if (was !== status || dismissedAt !== null) done.push({ id, was, dismissedAt });
      } catch (e) {
        failure ??= e;
      }
    }
    if (done.length) {
      this.#offerUndo({ action, count: done.length }, async () => {
        for (const { id, was, dismissedAt } of done) {
          if (was !== status) this.reconcile(await this.api.setStatus(id, was));
          if (dismissedAt !== null) this.reconcile((await this.api.reviewReports(id, false, dismissedAt)).comment);
        }
      });
    }
    void this.refreshCounts();
    if (failure) throw toChimeError(failure);
  }

  /** Bans readers and/or emails; Undo lifts them again. */
  async ban(requests: BanRequest[]): Promise<Ban[]> {
    const bans: Ban[] = [];
    try {
      for (const request of requests) bans.push(...(await this.api.ban(request)));
    } finally {
      if (bans.length) {
        this.#offerUndo({ action: 'ban', count: bans.length }, async () => {
          for (const ban of bans) await this.api.unban(ban.kind, ban.value);
        });
      }
    }
    return bans;
  }

  /** Closes or reopens comments/rating for a page; Undo restores the settings it had. */
  async setPage(summary: PageSummary, patch: { commentsClosed?: boolean; ratingClosed?: boolean }): Promise<PageSummary> {
    const previous = { commentsClosed: !!summary.comments.closed, ratingClosed: !!summary.rating.closed };
    const updated = await this.api.setPage(summary.page, patch);
    this.#offerUndo({ action: 'page', count: 1 }, async () => {
      await this.api.setPage(summary.page, previous);
    });
    return updated;
  }

  /** Runs the pending Undo (if still offered). */
  async undo(): Promise<void> {
    const entry = this.state.undo;
    if (!entry) return;
    clearTimeout(this.#undoTimer);
    this.#set({ undo: null });
    await entry.undo();
    void this.refreshCounts();
  }

  /** Puts a comment where it now belongs in every loaded queue. */
  reconcile(c: Comment): void {
    const queues = { ...this.state.queues };
    for (const queue of QUEUES) {
      const q = queues[queue];
      if (!q.loaded) continue;
      const rest = q.items.filter((x) => x.id !== c.id);
      if (!belongs(queue, c)) {
        if (rest.length !== q.items.length) queues[queue] = { ...q, items: rest };
        continue;
      }
      const at = rest.findIndex((x) => newer(c, x) < 0);
      // Older than everything loaded while more pages remain: it will come with those pages.
      if (at < 0 && q.nextCursor && rest.length === q.items.length) continue;
      rest.splice(at < 0 ? rest.length : at, 0, c);
      queues[queue] = { ...q, items: rest };
    }
    this.#set({ queues });
  }

  async #onNotice(notice: ModerationNotice): Promise<void> {
    const id = notice.commentId ?? (/^(status|reports):|^delete$/.test(notice.action ?? '') ? notice.target : undefined);
    void this.refreshCounts();
    if (notice.kind === 'action' && this.state.log.loaded) void this.#refreshLog();
    if (!id) return;
    try {
      const c = await this.api.comment(id);
      this.reconcile(c);
      void this.#loadParents([c]);
    } catch {
      // gone meanwhile: nothing to show
    }
  }

  async #refreshLog(): Promise<void> {
    try {
      const { entries } = await this.api.log(null);
      const known = new Set(this.state.log.items.map((e) => e.id));
      const fresh = entries.filter((e) => !known.has(e.id));
      if (fresh.length) this.#set({ log: { ...this.state.log, items: [...fresh, ...this.state.log.items] } });
    } catch {
      // the log refreshes on the next notice
    }
  }

  async #loadParents(comments: Comment[]): Promise<void> {
    const wanted = [...new Set(comments.map((c) => c.parentId).filter((p): p is string => !!p && !(p in this.state.parents)))];
    for (const id of wanted) {
      let parent: Comment | null = null;
      try {
        parent = await this.api.comment(id);
      } catch {
        parent = null;
      }
      this.#set({ parents: { ...this.state.parents, [id]: parent } });
    }
  }

  #offerUndo(what: Undoable['what'], undo: () => Promise<void>): void {
    clearTimeout(this.#undoTimer);
    const entry = { id: ++this.#actions, what, undo };
    this.#set({ undo: entry });
    this.#undoTimer = setTimeout(() => {
      if (this.state.undo === entry) this.#set({ undo: null });
    }, this.#undoMs);
  }

  #find(queue: Queue, id: string): Comment | undefined {
    return this.state.queues[queue].items.find((c) => c.id === id);
  }

  #anywhere(id: string): Comment | undefined {
    for (const queue of QUEUES) {
      const c = this.#find(queue, id);
      if (c) return c;
    }
    return undefined;
  }
}
