/**
 * The backend contract: the only way a Chime element talks to a backend.
 *
 * Three implementations ship (the REST client for the Chime protocol, the in-browser local
 * backend, and whatever a user writes); every one passes `contract-suite.ts`.
 */

/** A reader's own vote on a comment. */
export type VoteValue = -1 | 0 | 1;

/** Comment list orders ("Most voted" is `top`). */
export type SortOrder = 'newest' | 'oldest' | 'top';

/** `published` is visible to all; `pending` to its author and moderators only. */
export type CommentStatus = 'published' | 'pending' | 'deleted' | 'spam' | 'rejected';

/** "Notify of" scopes: the whole page, replies to my comments, replies to one comment. */
export type NotifyScope = 'page' | 'replies' | 'comment';

/**
 * Where an inline comment points into the article: a W3C Web Annotation TextQuoteSelector
 * (quote plus context) with a TextPositionSelector hint, or a publisher question's id.
 */
export interface Anchor {
  /** The exact quoted text. */
  quote: string;
  /** Up to 32 characters before the quote. */
  prefix: string;
  /** Up to 32 characters after the quote. */
  suffix: string;
  /** Position hint: character offset of the quote in the article's text. */
  start?: number;
  /** Position hint: end offset (exclusive). */
  end?: number;
  /** Set for answers to a `<chime-feedback>` publisher question. */
  feedbackId?: string;
}

export interface CommentAuthor {
  name: string;
  /** True when the author came through the publisher's SSO. */
  verified?: boolean;
  /** True when the author is a moderator. */
  moderator?: boolean;
}

/** Fields only moderators receive. */
export interface ModerationInfo {
  readerId: string;
  email?: string;
  reports: number;
  reasons: string[];
}

export interface Comment {
  id: string;
  page: string;
  parentId: string | null;
  /** Plain text with a small markdown subset; never HTML. Empty for deleted comments. */
  body: string;
  author: CommentAuthor;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601, or null when never edited. */
  editedAt: string | null;
  status: CommentStatus;
  score: number;
  /** The current reader's vote on this comment. */
  myVote: VoteValue;
  /** True when the current reader wrote it. */
  mine: boolean;
  /** ISO 8601 end of the author's edit window, or null when the reader may not edit. */
  editableUntil: string | null;
  anchor: Anchor | null;
  /** Replies, oldest first (a tree). */
  replies: Comment[];
  moderation?: ModerationInfo;
}

export interface RatingSummary {
  /** 0 when nobody voted. */
  average: number;
  count: number;
  /** The current reader's rating, or null. */
  mine: number | null;
  /** True when a moderator closed rating for the page. */
  closed?: boolean;
}

export interface ShareSummary {
  total: number;
  networks: Record<string, number>;
}

export interface PageSummary {
  page: string;
  comments: { count: number; closed?: boolean };
  rating: RatingSummary;
  shares: ShareSummary;
}

/** What article lists need for one page. */
export interface PageCounts {
  comments: number;
  rating: { average: number; count: number };
  shares: number;
}

export interface ListCommentsQuery {
  page: string;
  sort?: SortOrder;
  /** `inline` lists only comments with an anchor. */
  kind?: 'all' | 'inline';
  /** Top-level comments per page (default 10, at most 100). */
  limit?: number;
  cursor?: string | null;
}

export interface CommentList {
  /** Top-level comments, each with its replies. */
  comments: Comment[];
  nextCursor: string | null;
  /** All visible comments of the page, replies included. */
  total: number;
}

export interface NewComment {
  page: string;
  body: string;
  parentId?: string | null;
  /** Guests only; signed-in readers post under their own name. */
  author?: { name: string; email?: string };
  anchor?: Anchor | null;
  /** Subscribe the author as well (needs an email). */
  notify?: NotifyScope;
  /** Honeypot: people leave it empty. */
  website?: string;
}

export interface SubscribeRequest {
  page: string;
  email: string;
  scope: NotifyScope;
  commentId?: string;
}

export interface Reader {
  id: string;
  name?: string;
  /** Signed in through the publisher's SSO. */
  verified: boolean;
  moderator: boolean;
}

/** Live events; `id` lets a reconnect resume. */
export type ChimeLiveEvent =
  | { type: 'comment.created'; id?: string; page: string; comment: Comment }
  | { type: 'comment.updated'; id?: string; page: string; comment: Comment }
  | { type: 'comment.deleted'; id?: string; page: string; commentId: string }
  | { type: 'rating.updated'; id?: string; page: string; rating: { average: number; count: number } };

export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'closed'
  | 'banned'
  | 'too_large'
  | 'rate_limited'
  | 'network'
  | 'timeout'
  | 'bad_response'
  | 'no_backend'
  | 'internal';

/** The one error type every backend throws: `{ error: { code, message, fields? } }` on the wire. */
export class ChimeError extends Error {
  override name = 'ChimeError';
  /** Field name → message, for `validation` errors. */
  declare readonly fields?: Record<string, string>;
  /** HTTP status, where there was one. */
  declare readonly status?: number;
  /** Seconds to wait, for `rate_limited`. */
  declare readonly retryAfter?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: { fields?: Record<string, string>; status?: number; retryAfter?: number } = {},
  ) {
    super(message);
    Object.assign(this, extra);
  }

  /** True when trying again later may succeed. */
  get retryable(): boolean {
    return ['network', 'timeout', 'rate_limited', 'internal', 'bad_response'].includes(this.code);
  }
}

/** Anything thrown, as a ChimeError (`internal` unless it is one already). */
export const toChimeError = (error: unknown): ChimeError =>
  error instanceof ChimeError ? error : new ChimeError('internal', String((error as Error)?.message ?? error));

/** Everything a widget may ask of a backend. */
export interface ChimeBackend {
  /** Sign a publisher's user in with an SSO token (JWT); later writes carry that identity. */
  signIn(ssoToken: string): Promise<Reader>;
  /** Forget the SSO identity; later writes are anonymous again. */
  signOut(): Promise<void>;
  /** The current reader, or null before the first write. */
  reader(): Promise<Reader | null>;

  getPage(page: string): Promise<PageSummary>;
  /** Counts for up to 100 pages in one call. */
  getCounts(pages: string[]): Promise<Record<string, PageCounts>>;

  listComments(query: ListCommentsQuery): Promise<CommentList>;
  /** Resolves only once the comment is durable. */
  postComment(input: NewComment): Promise<Comment>;
  editComment(id: string, body: string): Promise<Comment>;
  deleteComment(id: string): Promise<void>;
  voteComment(id: string, value: VoteValue): Promise<{ score: number; myVote: VoteValue }>;
  reportComment(id: string, reason: string): Promise<void>;

  /** Rate the page 1..5 (one rating per reader; rating again changes it). */
  rate(page: string, value: number): Promise<RatingSummary>;
  removeRating(page: string): Promise<RatingSummary>;

  recordShare(page: string, network: string): Promise<ShareSummary>;

  /** Starts double opt-in: the reader must confirm from the mail. */
  subscribe(request: SubscribeRequest): Promise<{ status: 'pending' | 'confirmed' }>;

  /** Live events for a page; returns the unsubscribe function. */
  watch(page: string, listener: (event: ChimeLiveEvent) => void): () => void;

  /**
   * Optional, for readers signed in with the moderator role (inline moderation): publish a held
   * comment, or ban its author (reader and email). Backends without moderation leave it out.
   */
  moderate?(commentId: string, action: 'approve' | 'ban'): Promise<void>;
}
