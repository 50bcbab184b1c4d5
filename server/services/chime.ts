/**
 * The rules of Chime: who may do what, moderation, spam defences, notifications and live
 * events. Knows nothing of HTTP; throws ChimeError, which the routes turn into responses.
 */
import { randomBytes } from 'node:crypto';
import {
  ChimeError,
  type Anchor,
  type ChimeLiveEvent,
  type Comment,
  type CommentList,
  type CommentStatus,
  type ListCommentsQuery,
  type NewComment,
  type NotifyScope,
  type PageCounts,
  type PageSummary,
  type RatingSummary,
  type ShareSummary,
  type SubscribeRequest,
  type VoteValue,
} from '../../src/backend/contract.js';
import { isNetwork, validateBody, validateRating, validateSubscription } from '../../src/backend/backend-validation.js';
import { LIMITS, validateComment } from '../../src/backend/validation.js';
import type {
  AuditData,
  AuditEntry,
  Ban,
  BanKind,
  CommentWithStats,
  MailRow,
  ModerationQueue,
  NewEvent,
  Storage,
} from '../storage/types.js';
import type { Viewer } from './auth.js';
import { confirmationMail, notificationMail } from './templates.js';
import { MODERATION_CHANNEL, type ModerationNotice } from './moderation.js';

export type ModerationMode = 'none' | 'first' | 'all';

export interface ServiceOptions {
  storage: Storage;
  moderation: ModerationMode;
  editWindowMs: number;
  /** Base URL for links in mails (known once the server listens). */
  publicUrl: () => string;
  /** Words that hold a comment for review. */
  blocklist: string[];
  /** Queues mails (the outbox). */
  enqueueMail: (mails: MailRow[]) => Promise<void>;
  now?: () => number;
}

const invalid = (fields: Record<string, string>, message = 'Please check the highlighted fields.') =>
  new ChimeError('validation', message, { fields });

const notFound = () => new ChimeError('not_found', 'This comment no longer exists.');

let lastMs = 0;
let sequence = 0;
/**
 * Ids that sort by creation time: ms and a per-process sequence (so ids made in one millisecond
 * keep their order), then randomness against guessing and collisions between processes.
 */
export function newId(now: number): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else sequence++;
  return lastMs.toString(36).padStart(9, '0') + sequence.toString(36).padStart(3, '0') + randomBytes(6).toString('hex');
}

export function checkPage(page: unknown): string {
  if (typeof page !== 'string' || !page || page.length > LIMITS.pageMax) {
    throw invalid({ page: 'required' }, 'A page id is required.');
  }
  return page;
}

function checkAnchor(anchor: unknown): Anchor | null {
  if (anchor === undefined || anchor === null) return null;
  const a = anchor as Record<string, unknown>;
  const text = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;
  const pos = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 0);
  if (
    typeof anchor !== 'object' ||
    !text(a.quote, LIMITS.bodyMax) ||
    !text(a.prefix ?? '', 64) ||
    !text(a.suffix ?? '', 64) ||
    !pos(a.start) ||
    !pos(a.end) ||
    !(a.feedbackId === undefined || text(a.feedbackId, 200)) ||
    (!a.quote && !a.feedbackId)
  ) {
    throw invalid({ anchor: 'invalid' }, 'The passage this comment points to is not valid.');
  }
  const out: Anchor = { quote: a.quote as string, prefix: (a.prefix as string) ?? '', suffix: (a.suffix as string) ?? '' };
  if (a.start !== undefined) out.start = a.start as number;
  if (a.end !== undefined) out.end = a.end as number;
  if (a.feedbackId !== undefined) out.feedbackId = a.feedbackId as string;
  return out;
}

const SCOPES: NotifyScope[] = ['page', 'replies', 'comment'];

export class ChimeService {
  readonly #s: Storage;
  readonly #o: ServiceOptions;
  readonly #now: () => number;
  readonly #blocklist: RegExp | null;

  constructor(options: ServiceOptions) {
    this.#s = options.storage;
    this.#o = options;
    this.#now = options.now ?? Date.now;
    const words = options.blocklist.map((w) => w.trim()).filter(Boolean);
    this.#blocklist = words.length
      ? new RegExp(`(^|\\W)(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(\\W|$)`, 'iu')
      : null;
  }

  // ---- reading ----

  async page(page: string, viewer: Viewer): Promise<PageSummary> {
    checkPage(page);
    const [counts, ratings, shares, settings] = await Promise.all([
      this.#s.publishedCounts([page]),
      this.#s.ratings([page], viewer.readerId),
      this.#s.shares([page]),
      this.#s.pageSettings([page]),
    ]);
    const closed = settings.get(page)!;
    return {
      page,
      comments: { count: counts.get(page) ?? 0, closed: closed.commentsClosed },
      rating: { ...this.#rating(ratings.get(page)!), closed: closed.ratingClosed },
      shares: shareSummary(shares.get(page)!),
    };
  }

  async counts(pages: string[]): Promise<Record<string, PageCounts>> {
    if (!pages.length) throw invalid({ page: 'required' }, 'Name at least one page.');
    if (pages.length > LIMITS.countsMax) throw invalid({ page: 'too many' }, `At most ${LIMITS.countsMax} pages at once.`);
    pages.forEach(checkPage);
    const unique = [...new Set(pages)];
    const [counts, ratings, shares] = await Promise.all([
      this.#s.publishedCounts(unique),
      this.#s.ratings(unique, null),
      this.#s.shares(unique),
    ]);
    const out: Record<string, PageCounts> = {};
    for (const page of unique) {
      const { average, count } = this.#rating(ratings.get(page)!);
      out[page] = { comments: counts.get(page) ?? 0, rating: { average, count }, shares: shareSummary(shares.get(page)!).total };
    }
    return out;
  }

  async listComments(query: ListCommentsQuery, viewer: Viewer): Promise<CommentList> {
    checkPage(query.page);
    const sort = query.sort ?? 'newest';
    if (!['newest', 'oldest', 'top'].includes(sort)) throw invalid({ sort: 'unknown' }, 'Sort by newest, oldest or top.');
    if (query.kind && !['all', 'inline'].includes(query.kind)) throw invalid({ kind: 'unknown' }, 'Kind is all or inline.');
    const limit = query.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.listMax) {
      throw invalid({ limit: 'range' }, `A limit is a whole number from 1 to ${LIMITS.listMax}.`);
    }
    const rows = await this.#s.pageComments(query.page, { readerId: viewer.readerId, moderator: viewer.moderator });
    const reasons = viewer.moderator ? await this.#s.reportReasons(rows.filter((r) => r.reports).map((r) => r.id)) : null;
    let top = this.#tree(rows, viewer, reasons);
    if (query.kind === 'inline') top = top.filter((c) => c.anchor);
    // Ids sort by creation time (see newId), so they order the thread by time too.
    top.sort((a, b) =>
      sort === 'oldest' ? cmp(a.id, b.id) : sort === 'top' ? b.score - a.score || cmp(b.id, a.id) : cmp(b.id, a.id),
    );
    let start = 0;
    if (query.cursor) {
      // `top` pages by position (scores move); the time orders by the last comment seen, so
      // comments posted meanwhile neither repeat nor go missing.
      const m = /^(o(\d{1,7})|k(.+))$/.exec(query.cursor);
      if (!m) throw new ChimeError('bad_request', 'The cursor is not valid.');
      if (m[2] !== undefined) start = Number(m[2]);
      else {
        const i = top.findIndex((c) => (sort === 'oldest' ? c.id > m[3]! : c.id < m[3]!));
        start = i < 0 ? top.length : i;
      }
    }
    const slice = top.slice(start, start + limit);
    const more = start + limit < top.length;
    const last = slice[slice.length - 1];
    return {
      comments: slice,
      nextCursor: more && last ? (sort === 'top' ? `o${start + limit}` : `k${last.id}`) : null,
      total: rows.filter((r) => r.status === 'published').length,
    };
  }

  // ---- writing ----

  async postComment(input: Partial<NewComment> & Record<string, unknown>, viewer: Viewer): Promise<Comment> {
    const readerId = requireReader(viewer);
    const page = checkPage(input.page);
    const shape: Record<string, string> = {};
    if (typeof input.body !== 'string') shape.body = 'required';
    if (input.parentId != null && typeof input.parentId !== 'string') shape.parentId = 'invalid';
    if (input.author != null && (typeof input.author !== 'object' || typeof input.author.name !== 'string'))
      shape.name = 'required';
    if (input.author?.email != null && typeof input.author.email !== 'string') shape.email = 'invalid';
    if (input.notify != null && !SCOPES.includes(input.notify)) shape.notify = 'unknown';
    if (Object.keys(shape).length) throw invalid(shape);
    const guest = !viewer.verified;
    const errors = validateComment(input, guest);
    if (Object.keys(errors).length) throw invalid(errors);
    const anchor = checkAnchor(input.anchor);
    if (input.website) throw new ChimeError('forbidden', 'This comment looks like spam.');

    const email = (guest ? input.author?.email?.trim().toLowerCase() : viewer.email) || null;
    if (await this.#s.isBanned(readerId, email)) throw new ChimeError('banned', 'You can no longer comment here.');
    if ((await this.#s.pageSettings([page])).get(page)!.commentsClosed)
      throw new ChimeError('closed', 'Comments are closed for this page.');
    let parentId: string | null = null;
    if (input.parentId) {
      const parent = await this.#s.getComment(input.parentId);
      if (!parent || parent.page !== page || ['spam', 'rejected'].includes(parent.status)) {
        throw invalid({ parentId: 'not found' }, 'The comment you reply to is not on this page.');
      }
      parentId = parent.id;
    }
    const body = input.body!.trim();
    const held =
      !viewer.moderator &&
      (this.#o.moderation === 'all' ||
        (this.#blocklist?.test(body) ?? false) ||
        (this.#o.moderation === 'first' && !(await this.#s.hasPublished(readerId, email))));
    const now = this.#now();
    const row = {
      id: newId(now),
      page,
      parentId,
      body,
      name: guest ? input.author!.name.trim() : (viewer.name ?? 'Reader'),
      email,
      readerId,
      verified: viewer.verified,
      moderator: viewer.moderator,
      createdAt: now,
      editedAt: null,
      status: (held ? 'pending' : 'published') as CommentStatus,
      anchor,
    };
    const stored: CommentWithStats = { ...row, score: 0, myVote: 0, reports: 0 };
    await this.#s.insertComment(row, held ? null : this.#created(stored));
    // Durable from here on (with its live event): what follows (mails) must not fail the post.
    await this.#afterCommit(async () => {
      if (!held) await this.#mailSubscribers(stored);
      else await this.#notifyModerators({ kind: 'pending', commentId: row.id });
      if (input.notify && email) await this.#startSubscription({ page, email, scope: input.notify, commentId: row.id }, readerId);
    });
    return this.#view(stored, viewer, null);
  }

  async editComment(id: string, body: unknown, viewer: Viewer): Promise<Comment> {
    if (typeof body !== 'string') throw invalid({ body: 'required' });
    const errors = validateBody(body);
    if (Object.keys(errors).length) throw invalid(errors);
    const c = await this.#own(id, viewer);
    const editedAt = this.#now();
    const updated = { ...c, body: body.trim(), editedAt };
    const event = this.#event({
      type: 'comment.updated',
      page: c.page,
      comment: this.#neutral(this.#view(updated, viewer, null)),
    });
    await this.#s.updateComment(id, { body: updated.body, editedAt }, c.status === 'published' ? event : null);
    if (viewer.moderator && c.readerId !== viewer.readerId) await this.#audit(viewer, 'edit', id, null);
    return this.#view(updated, viewer, null);
  }

  async deleteComment(id: string, viewer: Viewer): Promise<void> {
    const c = await this.#own(id, viewer);
    const event = c.status === 'published' ? this.#event({ type: 'comment.deleted', page: c.page, commentId: id }) : null;
    await this.#s.updateComment(id, { status: 'deleted', body: '' }, event);
    if (viewer.moderator && c.readerId !== viewer.readerId) await this.#audit(viewer, 'delete', id, c.body.slice(0, 200));
  }

  async vote(id: string, value: unknown, viewer: Viewer): Promise<{ score: number; myVote: VoteValue }> {
    const readerId = requireReader(viewer);
    if (value !== -1 && value !== 0 && value !== 1) throw invalid({ value: 'invalid' }, 'A vote is -1, 0 or 1.');
    const c = await this.#s.getComment(id);
    if (!c || c.status !== 'published') throw notFound();
    if (c.readerId === readerId) throw new ChimeError('forbidden', 'You cannot vote on your own comment.');
    await this.#notBanned(viewer);
    const score = await this.#s.setVote(id, readerId, value);
    return { score, myVote: value };
  }

  async report(id: string, reason: unknown, viewer: Viewer): Promise<void> {
    const readerId = requireReader(viewer);
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (!text || text.length > LIMITS.reasonMax) throw invalid({ reason: 'required' }, 'Please say why you report this comment.');
    const c = await this.#s.getComment(id);
    if (!c || c.status === 'deleted') throw notFound();
    await this.#s.addReport(id, readerId, text, this.#now());
    await this.#afterCommit(() => this.#notifyModerators({ kind: 'reported', commentId: id }));
  }

  async rate(page: unknown, value: unknown, viewer: Viewer): Promise<RatingSummary> {
    const readerId = requireReader(viewer);
    const p = checkPage(page);
    const errors = validateRating(value);
    if (Object.keys(errors).length) throw invalid(errors, errors.value);
    if ((await this.#s.pageSettings([p])).get(p)!.ratingClosed) throw new ChimeError('closed', 'Rating is closed for this page.');
    await this.#notBanned(viewer);
    return this.#setRating(p, readerId, value as number, false);
  }

  async removeRating(page: unknown, viewer: Viewer): Promise<RatingSummary> {
    const readerId = requireReader(viewer);
    const p = checkPage(page);
    const closed = (await this.#s.pageSettings([p])).get(p)!.ratingClosed;
    return this.#setRating(p, readerId, null, closed);
  }

  async share(page: unknown, network: unknown): Promise<ShareSummary> {
    const p = checkPage(page);
    if (!isNetwork(network)) throw invalid({ network: 'unknown' }, 'Unknown network.');
    await this.#s.addShare(p, network);
    return shareSummary((await this.#s.shares([p])).get(p)!);
  }

  async subscribe(request: Partial<SubscribeRequest>, viewer: Viewer): Promise<{ status: 'pending' }> {
    const page = checkPage(request.page);
    const errors = validateSubscription(request);
    if (Object.keys(errors).length) throw invalid(errors);
    if (request.scope === 'comment') {
      const c = typeof request.commentId === 'string' ? await this.#s.getComment(request.commentId) : null;
      if (!c || c.page !== page) throw invalid({ commentId: 'not found' }, 'That comment is not on this page.');
    }
    const email = request.email!.trim().toLowerCase();
    if (await this.#s.isBanned(viewer.readerId, email)) throw new ChimeError('banned', 'This address cannot subscribe here.');
    await this.#startSubscription(
      { page, email, scope: request.scope!, commentId: request.scope === 'comment' ? request.commentId! : null },
      viewer.readerId,
    );
    return { status: 'pending' };
  }

  /** Confirms from the mail's link; returns the page, or null for an unknown token. */
  async confirm(token: string): Promise<string | null> {
    const sub = await this.#s.subscription(token);
    if (!sub) return null;
    if (sub.status === 'pending') await this.#s.setSubscriptionStatus(token, 'confirmed', this.#now());
    return sub.page;
  }

  async unsubscribe(token: string): Promise<string | null> {
    const sub = await this.#s.subscription(token);
    if (!sub) return null;
    await this.#s.setSubscriptionStatus(token, 'unsubscribed', this.#now());
    return sub.page;
  }

  // ---- moderation ----

  async queue(
    viewer: Viewer,
    queue: string,
    limit: number,
    cursor: string | null,
  ): Promise<{ comments: Comment[]; nextCursor: string | null }> {
    requireModerator(viewer);
    if (!['pending', 'reported', 'recent', 'spam'].includes(queue)) throw invalid({ queue: 'unknown' }, 'Unknown queue.');
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.listMax) throw invalid({ limit: 'range' });
    let before = null;
    if (cursor) {
      const m = /^(\d+)\.(.+)$/.exec(cursor);
      if (!m) throw new ChimeError('bad_request', 'The cursor is not valid.');
      before = { createdAt: Number(m[1]), id: m[2]! };
    }
    const rows = await this.#s.moderationQueue(queue as ModerationQueue, limit + 1, before);
    const page = rows.slice(0, limit);
    const reasons = await this.#s.reportReasons(page.filter((r) => r.reports).map((r) => r.id));
    const last = page[page.length - 1];
    return {
      comments: page.map((r) => this.#view(r, viewer, reasons)),
      nextCursor: rows.length > limit && last ? `${last.createdAt}.${last.id}` : null,
    };
  }

  /** approve → published, reject → rejected, spam → spam, delete → deleted; any status for undo. */
  async setStatus(viewer: Viewer, id: string, status: unknown): Promise<Comment> {
    requireModerator(viewer);
    if (!['published', 'pending', 'rejected', 'spam', 'deleted'].includes(status as string)) {
      throw invalid({ status: 'unknown' }, 'Unknown status.');
    }
    const c = await this.#s.getComment(id);
    if (!c) throw notFound();
    const next = status as CommentStatus;
    if (c.status === 'deleted' && next !== 'deleted' && !c.body)
      throw new ChimeError('conflict', 'Its author deleted this comment.');
    const updated = { ...c, status: next };
    // Appearing in or leaving the thread is a live event, stored with the change.
    const event =
      next === 'published' && c.status !== 'published'
        ? this.#created(updated)
        : c.status === 'published' && next !== 'published'
          ? this.#event({ type: 'comment.deleted', page: c.page, commentId: id })
          : null;
    await this.#s.updateComment(id, { status: next }, event);
    await this.#audit(viewer, `status:${next}`, id, `was ${c.status}`, { from: c.status });
    // First publication notifies subscribers; a comment restored after moderation only reappears.
    if (next === 'published' && c.status === 'pending') await this.#afterCommit(() => this.#mailSubscribers(updated));
    return this.#view(updated, viewer, null);
  }

  async ban(
    viewer: Viewer,
    input: { kind?: unknown; value?: unknown; commentId?: unknown; reason?: unknown; durationMs?: unknown },
  ): Promise<Ban[]> {
    requireModerator(viewer);
    const reason = typeof input.reason === 'string' ? input.reason.slice(0, LIMITS.reasonMax) : null;
    const bans: Ban[] = [];
    const at = this.#now();
    const d = input.durationMs;
    if (d != null && !(Number.isInteger(d) && (d as number) > 0 && (d as number) <= 10 * 365 * 86_400_000)) {
      throw invalid(
        { durationMs: 'range' },
        'A ban lasts a whole number of milliseconds, at most ten years (or leave it out: for good).',
      );
    }
    const expiresAt = d == null ? null : at + (d as number);
    if (typeof input.commentId === 'string') {
      const c = await this.#s.getComment(input.commentId);
      if (!c) throw notFound();
      bans.push({ kind: 'reader', value: c.readerId, reason, createdAt: at, expiresAt });
      if (c.email) bans.push({ kind: 'email', value: c.email, reason, createdAt: at, expiresAt });
    } else {
      const kind = input.kind as BanKind;
      const value = typeof input.value === 'string' ? input.value.trim() : '';
      if (kind !== 'reader' && kind !== 'email') throw invalid({ kind: 'unknown' }, 'Ban a reader or an email.');
      if (!value || value.length > LIMITS.emailMax) throw invalid({ value: 'required' });
      bans.push({ kind, value: kind === 'email' ? value.toLowerCase() : value, reason, createdAt: at, expiresAt });
    }
    for (const ban of bans) {
      await this.#s.addBan(ban);
      const until = expiresAt === null ? '' : `until ${new Date(expiresAt).toISOString()}`;
      await this.#audit(viewer, 'ban', `${ban.kind}:${ban.value}`, [reason, until].filter(Boolean).join(' · ') || null, {
        reason,
        until: expiresAt,
      });
    }
    return bans;
  }

  async unban(viewer: Viewer, kind: unknown, value: unknown): Promise<void> {
    requireModerator(viewer);
    if ((kind !== 'reader' && kind !== 'email') || typeof value !== 'string') throw invalid({ kind: 'unknown' });
    if (!(await this.#s.removeBan(kind, value))) throw new ChimeError('not_found', 'No such ban.');
    await this.#audit(viewer, 'unban', `${kind}:${value}`, null);
  }

  async bans(viewer: Viewer): Promise<Ban[]> {
    requireModerator(viewer);
    return this.#s.bans();
  }

  async setPage(
    viewer: Viewer,
    input: { page?: unknown; commentsClosed?: unknown; ratingClosed?: unknown },
  ): Promise<PageSummary> {
    requireModerator(viewer);
    const page = checkPage(input.page);
    const patch: { commentsClosed?: boolean; ratingClosed?: boolean } = {};
    for (const key of ['commentsClosed', 'ratingClosed'] as const) {
      if (input[key] === undefined) continue;
      if (typeof input[key] !== 'boolean') throw invalid({ [key]: 'boolean' });
      patch[key] = input[key];
    }
    await this.#s.setPageSettings(page, patch);
    await this.#audit(viewer, 'page', page, JSON.stringify(patch), patch);
    return this.page(page, viewer);
  }

  /**
   * A moderator keeps a reported comment: its open reports are dismissed (kept for the record).
   * `{ dismissed: false, at }` reopens the reports dismissed at `at` (Undo).
   */
  async reviewReports(
    viewer: Viewer,
    id: string,
    input: { dismissed?: unknown; at?: unknown },
  ): Promise<{ comment: Comment; at: number }> {
    requireModerator(viewer);
    if (typeof input.dismissed !== 'boolean') throw invalid({ dismissed: 'boolean' });
    if (!input.dismissed && !Number.isInteger(input.at))
      throw invalid({ at: 'required' }, 'Say which dismissal to undo (its time).');
    const c = await this.#s.getComment(id);
    if (!c) throw notFound();
    const at = input.dismissed ? this.#now() : (input.at as number);
    const n = input.dismissed ? await this.#s.dismissReports(id, at) : await this.#s.restoreReports(id, at);
    await this.#audit(
      viewer,
      input.dismissed ? 'reports:dismissed' : 'reports:restored',
      id,
      `${n} report${n === 1 ? '' : 's'}`,
      {
        count: n,
      },
    );
    return { comment: await this.comment(viewer, id), at };
  }

  /** One comment as moderators see it (context for the console: the parent of a reply). */
  async comment(viewer: Viewer, id: string): Promise<Comment> {
    requireModerator(viewer);
    const c = await this.#s.getComment(id);
    if (!c) throw notFound();
    return this.#view(c, viewer, await this.#s.reportReasons(c.reports ? [id] : []));
  }

  /** How many comments wait in each queue, counted up to `cap` (then "cap or more"). */
  async queueCounts(viewer: Viewer): Promise<Record<'pending' | 'reported' | 'spam', number>> {
    requireModerator(viewer);
    return this.#s.queueSizes();
  }

  async log(viewer: Viewer, limit: number, before: number | null): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
    requireModerator(viewer);
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.listMax) throw invalid({ limit: 'range' });
    const entries = await this.#s.auditLog(limit + 1, before);
    const page = entries.slice(0, limit);
    return { entries: page, nextCursor: entries.length > limit ? String(page[page.length - 1]!.id) : null };
  }

  // ---- internals ----

  async #own(id: string, viewer: Viewer): Promise<CommentWithStats> {
    const readerId = requireReader(viewer);
    const c = await this.#s.getComment(id, readerId);
    if (!c || c.status === 'deleted') throw notFound();
    if (viewer.moderator) return c;
    if (c.readerId !== readerId) throw new ChimeError('forbidden', 'Only its author can change this comment.');
    if (this.#now() > c.createdAt + this.#o.editWindowMs)
      throw new ChimeError('forbidden', 'The time to edit this comment has passed.');
    return c;
  }

  async #notBanned(viewer: Viewer): Promise<void> {
    if (await this.#s.isBanned(viewer.readerId, viewer.email ?? null))
      throw new ChimeError('banned', 'You can no longer take part here.');
  }

  /** Writes a rating (null removes it) with its live event; answers the page's new rating. */
  async #setRating(page: string, readerId: string, value: number | null, closed: boolean): Promise<RatingSummary> {
    const totals = await this.#s.setRating(page, readerId, value, this.#now(), (t) => {
      const { average, count } = this.#rating({ ...t, mine: null });
      return this.#event({ type: 'rating.updated', page, rating: { average, count } });
    });
    return { ...this.#rating({ ...totals, mine: value }), closed };
  }

  #rating(r: { sum: number; count: number; mine: number | null }): RatingSummary {
    return { average: r.count ? Math.round((r.sum / r.count) * 100) / 100 : 0, count: r.count, mine: r.mine };
  }

  /** Work after a committed write: its failure is logged, never reported as a failed write. */
  async #afterCommit(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      console.error('chime: after-commit work failed:', (e as Error).message);
    }
  }

  #event(event: ChimeLiveEvent): NewEvent {
    return { page: event.page, type: event.type, data: JSON.stringify(event), at: this.#now() };
  }

  /** The live event of a comment becoming visible, as anyone sees it. */
  #created(c: CommentWithStats): NewEvent {
    const view = this.#neutral(this.#view(c, { readerId: null, verified: false, moderator: false, ip: '' }, null));
    return this.#event({ type: 'comment.created', page: c.page, comment: view });
  }

  /** A comment became visible: mails to those who asked. */
  async #mailSubscribers(c: CommentWithStats): Promise<void> {
    const subs = await this.#s.confirmedSubscriptions(c.page);
    if (!subs.length) return;
    const parent = c.parentId ? await this.#s.getComment(c.parentId) : null;
    const mails: MailRow[] = [];
    const sent = new Set<string>([c.email ?? '']);
    for (const sub of subs) {
      const wanted =
        sub.scope === 'page' ||
        (sub.scope === 'comment' && sub.commentId === c.parentId) ||
        (sub.scope === 'replies' &&
          !!parent &&
          (parent.email === sub.email || (!!sub.readerId && parent.readerId === sub.readerId)));
      if (!wanted || sent.has(sub.email)) continue;
      sent.add(sub.email);
      mails.push(notificationMail(this.#o.publicUrl(), sub, c, this.#now()));
    }
    await this.#o.enqueueMail(mails);
  }

  async #startSubscription(
    s: { page: string; email: string; scope: NotifyScope; commentId: string | null },
    readerId: string | null,
  ) {
    const now = this.#now();
    const sub = {
      ...s,
      token: randomBytes(24).toString('base64url'),
      readerId,
      status: 'pending' as const,
      createdAt: now,
      updatedAt: now,
    };
    await this.#s.addSubscription(sub);
    await this.#o.enqueueMail([confirmationMail(this.#o.publicUrl(), sub, now)]);
  }

  async #audit(
    viewer: Viewer,
    action: string,
    target: string,
    detail: string | null,
    data: AuditData | null = null,
  ): Promise<void> {
    await this.#s.addAudit({ at: this.#now(), actor: viewer.readerId ?? 'unknown', action, target, detail, data });
    // The live notice names no person: an email ban's target becomes `email` (the audit log keeps it).
    const notice = target.startsWith('email:') ? 'email' : target;
    await this.#afterCommit(() => this.#notifyModerators({ kind: 'action', action, target: notice }));
  }

  /** Tells open moderation consoles (ids only: the channel carries no personal data). */
  async #notifyModerators(notice: Omit<ModerationNotice, 'type'>): Promise<void> {
    await this.#s.appendEvent(MODERATION_CHANNEL, 'moderation', JSON.stringify({ type: 'moderation', ...notice }), this.#now());
  }

  #view(c: CommentWithStats, viewer: Viewer, reasons: Map<string, string[]> | null): Comment {
    const mine = viewer.readerId !== null && c.readerId === viewer.readerId;
    const deleted = c.status === 'deleted';
    const editable = mine && !deleted && this.#now() <= c.createdAt + this.#o.editWindowMs;
    const view: Comment = {
      id: c.id,
      page: c.page,
      parentId: c.parentId,
      body: deleted ? '' : c.body,
      author: { name: deleted ? '' : c.name, verified: c.verified, moderator: c.moderator },
      createdAt: new Date(c.createdAt).toISOString(),
      editedAt: c.editedAt === null ? null : new Date(c.editedAt).toISOString(),
      status: c.status,
      score: c.score,
      myVote: c.myVote,
      mine,
      editableUntil: editable ? new Date(c.createdAt + this.#o.editWindowMs).toISOString() : null,
      anchor: c.anchor,
      replies: [],
    };
    if (viewer.moderator) {
      view.moderation = { readerId: c.readerId, reports: c.reports, reasons: reasons?.get(c.id) ?? [] };
      if (c.email) view.moderation.email = c.email;
    }
    return view;
  }

  /** A comment as seen by someone who is neither its author nor a moderator (live events). */
  #neutral(view: Comment): Comment {
    const { moderation: _omit, ...rest } = view;
    return { ...rest, mine: false, myVote: 0, editableUntil: null, replies: [] };
  }

  /** Threads from rows in creation order; deleted comments stay only as parents of visible replies. */
  #tree(rows: CommentWithStats[], viewer: Viewer, reasons: Map<string, string[]> | null): Comment[] {
    const views = new Map<string, Comment>();
    const roots: Comment[] = [];
    for (const row of rows) views.set(row.id, this.#view(row, viewer, reasons));
    for (const row of rows) {
      const view = views.get(row.id)!;
      const parent = row.parentId ? views.get(row.parentId) : undefined;
      if (parent) parent.replies.push(view);
      else if (!row.parentId) roots.push(view);
    }
    const prune = (list: Comment[]): Comment[] =>
      list.filter((c) => {
        c.replies = prune(c.replies);
        return c.status !== 'deleted' || c.replies.length > 0;
      });
    return prune(roots);
  }
}

function requireReader(viewer: Viewer): string {
  if (!viewer.readerId) throw new ChimeError('unauthorized', 'Get a reader token first (POST /v1/readers).');
  return viewer.readerId;
}

function requireModerator(viewer: Viewer): void {
  if (!viewer.readerId) throw new ChimeError('unauthorized', 'Moderators only: send the admin token or a moderator sign-in.');
  if (!viewer.moderator) throw new ChimeError('forbidden', 'Moderators only.');
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function shareSummary(networks: Record<string, number>): ShareSummary {
  return { total: Object.values(networks).reduce((a, b) => a + b, 0), networks };
}
