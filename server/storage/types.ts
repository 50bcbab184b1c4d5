/** The storage contract: everything the services need from a database, nothing about HTTP or rules. */
import type { Anchor, CommentStatus, NotifyScope, VoteValue } from '../../src/backend/contract.js';

export interface CommentRow {
  id: string;
  page: string;
  parentId: string | null;
  body: string;
  name: string;
  /** Lower-cased; null for readers who gave none. */
  email: string | null;
  readerId: string;
  verified: boolean;
  moderator: boolean;
  /** Milliseconds since the epoch. */
  createdAt: number;
  editedAt: number | null;
  status: CommentStatus;
  anchor: Anchor | null;
}

/** A comment with what readers see computed: vote score, one viewer's vote, report count. */
export interface CommentWithStats extends CommentRow {
  score: number;
  myVote: VoteValue;
  reports: number;
}

export interface PageViewer {
  readerId: string | null;
  moderator: boolean;
}

export interface RatingStats {
  sum: number;
  count: number;
  mine: number | null;
}

export interface PageSettings {
  commentsClosed: boolean;
  ratingClosed: boolean;
}

export type SubscriptionStatus = 'pending' | 'confirmed' | 'unsubscribed';

export interface SubscriptionRow {
  /** Secret from the mails: confirms and unsubscribes. */
  token: string;
  page: string;
  email: string;
  scope: NotifyScope;
  commentId: string | null;
  readerId: string | null;
  status: SubscriptionStatus;
  createdAt: number;
  updatedAt: number;
}

export interface MailRow {
  id?: number;
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  createdAt: number;
  attempts?: number;
}

export interface StoredEvent {
  id: number;
  page: string;
  type: string;
  /** The event as JSON. */
  data: string;
}

/** A live event to store with the write that caused it (same transaction). */
export interface NewEvent {
  page: string;
  type: string;
  /** The event as JSON. */
  data: string;
  at: number;
}

export type BanKind = 'reader' | 'email';

export interface Ban {
  kind: BanKind;
  value: string;
  reason: string | null;
  createdAt: number;
  /** When the ban ends (ms); null or absent: for good. */
  expiresAt?: number | null;
}

/**
 * An audit entry's facts, by action (the English `detail` says the same): `status:*` → the status
 * it had (`from`); `ban` → `reason` and `until` (ms, null: for good); `page` → the settings it
 * set; `reports:*` → how many (`count`).
 */
export type AuditData = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  id?: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  detail: string | null;
  data?: AuditData | null;
}

export type ModerationQueue = 'pending' | 'reported' | 'recent' | 'spam';

/** Keyset position for lists ordered by (createdAt, id). */
export interface Position {
  createdAt: number;
  id: string;
}

/**
 * Every method is atomic and resolves only after its change is committed (durable), so the
 * services may acknowledge a write as soon as the promise resolves.
 */
export interface Storage {
  readonly kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
  /** Throws when the database is unreachable (health checks). */
  ping(): Promise<void>;
  /** A value shared by every process on this database, created on first use. */
  setting(key: string, create: () => string): Promise<string>;

  /** Stores a comment, and with it (atomically) the live event it causes, if any. */
  insertComment(row: CommentRow, event?: NewEvent | null): Promise<void>;
  updateComment(
    id: string,
    patch: { body?: string; editedAt?: number; status?: CommentStatus },
    event?: NewEvent | null,
  ): Promise<boolean>;
  getComment(id: string, viewerId?: string | null): Promise<CommentWithStats | null>;
  /** Comments of a page a viewer may see in the thread (plus deleted ones, for the tree), oldest first. */
  pageComments(page: string, viewer: PageViewer): Promise<CommentWithStats[]>;
  /** Reasons of the open (not dismissed) reports. `reports` counts open reports too. */
  reportReasons(ids: string[]): Promise<Map<string, string[]>>;
  /** Dismisses a comment's open reports at `at`; returns how many. */
  dismissReports(commentId: string, at: number): Promise<number>;
  /** Reopens the reports dismissed at `at` (undo); returns how many. */
  restoreReports(commentId: string, at: number): Promise<number>;
  publishedCounts(pages: string[]): Promise<Map<string, number>>;
  /** Whether this reader (or email) has a published comment anywhere: "first-time poster" moderation. */
  hasPublished(readerId: string, email: string | null): Promise<boolean>;
  moderationQueue(queue: ModerationQueue, limit: number, before: Position | null): Promise<CommentWithStats[]>;
  /**
   * Counts one write at `now` for each (distinct) key, in one statement, in a window of `windowMs` from the key's first write;
   * resolves to each key's count and window start (every process on the database counts together).
   */
  countHits(keys: string[], now: number, windowMs: number): Promise<{ count: number; start: number }[]>;
  /** How many comments the pending, reported and spam queues hold (one query, no rows fetched). */
  queueSizes(): Promise<Record<'pending' | 'reported' | 'spam', number>>;

  /** `0` removes the vote. Returns the comment's new score. */
  setVote(commentId: string, readerId: string, value: VoteValue): Promise<number>;
  /** One report per reader and comment; a second one is ignored. */
  addReport(commentId: string, readerId: string, reason: string, at: number): Promise<void>;

  /** `null` removes the rating. Returns the page's totals after the change; `event` makes its live event from them. */
  setRating(
    page: string,
    readerId: string,
    value: number | null,
    at: number,
    event?: (totals: { sum: number; count: number }) => NewEvent,
  ): Promise<{ sum: number; count: number }>;
  ratings(pages: string[], readerId: string | null): Promise<Map<string, RatingStats>>;

  addShare(page: string, network: string): Promise<void>;
  shares(pages: string[]): Promise<Map<string, Record<string, number>>>;

  pageSettings(pages: string[]): Promise<Map<string, PageSettings>>;
  setPageSettings(page: string, patch: Partial<PageSettings>): Promise<void>;

  addSubscription(row: SubscriptionRow): Promise<void>;
  subscription(token: string): Promise<SubscriptionRow | null>;
  setSubscriptionStatus(token: string, status: SubscriptionStatus, at: number): Promise<void>;
  confirmedSubscriptions(page: string): Promise<SubscriptionRow[]>;

  enqueueMail(mails: MailRow[]): Promise<void>;
  /** Leases up to `limit` due mails (each is tried by one process at a time). */
  claimMail(now: number, limit: number, leaseMs: number, maxAttempts: number): Promise<MailRow[]>;
  mailSent(id: number, at: number): Promise<void>;
  mailFailed(id: number, error: string, retryAt: number): Promise<void>;
  /** Forgets mails sent (or given up) before `before`: they hold addresses. */
  pruneMail(before: number): Promise<void>;

  /** Stores a live event and tells every process watching (`onEvent`). Returns its id. */
  appendEvent(page: string, type: string, data: string, at: number): Promise<number>;
  eventsSince(page: string, afterId: number, limit: number): Promise<StoredEvent[]>;
  /** The newest event id of a page (0 when none). */
  lastEventId(page: string): Promise<number>;
  pruneEvents(before: number): Promise<void>;
  /** Called with the page of every new event, from this process or (PostgreSQL) any other. */
  onEvent(listener: (page: string) => void): () => void;

  addBan(ban: Ban): Promise<void>;
  removeBan(kind: BanKind, value: string): Promise<boolean>;
  bans(): Promise<Ban[]>;
  /** Whether a ban in force (not expired at `now`) names this reader or email. */
  isBanned(readerId: string | null, email: string | null, now?: number): Promise<boolean>;

  addAudit(entry: AuditEntry): Promise<void>;
  auditLog(limit: number, beforeId: number | null): Promise<AuditEntry[]>;
}
