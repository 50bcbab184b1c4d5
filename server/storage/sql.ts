/**
 * The storage contract in SQL that both SQLite and PostgreSQL accept (`ON CONFLICT`,
 * `RETURNING`, `?` placeholders rewritten by the PostgreSQL driver). Parameterised only.
 */
import type { Anchor, CommentStatus, NotifyScope, VoteValue } from '../../src/backend/contract.js';
import type { Driver, Param } from './driver.js';
import { migrations } from './migrations.js';
import type {
  AuditData,
  AuditEntry,
  Ban,
  BanKind,
  CommentRow,
  CommentWithStats,
  MailRow,
  ModerationQueue,
  NewEvent,
  PageSettings,
  PageViewer,
  Position,
  RatingStats,
  Storage,
  StoredEvent,
  SubscriptionRow,
  SubscriptionStatus,
} from './types.js';

/** A row as the drivers return it (our pg type parsers turn int8/numeric into numbers). */
type Row = Record<string, string | number | null>;

const COMMENT_COLUMNS = `c.id, c.page, c.parent_id, c.body, c.name, c.email, c.reader_id, c.verified, c.moderator,
  c.created_at, c.edited_at, c.status, c.anchor,
  COALESCE((SELECT SUM(v.value) FROM comment_votes v WHERE v.comment_id = c.id), 0) AS score,
  COALESCE((SELECT v.value FROM comment_votes v WHERE v.comment_id = c.id AND v.reader_id = ?), 0) AS my_vote,
  (SELECT COUNT(*) FROM reports r WHERE r.comment_id = c.id AND r.dismissed_at IS NULL) AS reports`;

/** Which comments each moderation queue holds (the `c` alias is `comments`). */
const QUEUE_WHERE: Record<ModerationQueue, string> = {
  pending: `c.status = 'pending'`,
  spam: `c.status = 'spam'`,
  recent: `c.status <> 'deleted'`,
  reported: `c.status IN ('published', 'pending') AND EXISTS (SELECT 1 FROM reports r WHERE r.comment_id = c.id AND r.dismissed_at IS NULL)`,
};

const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => String(v);
const strOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toComment(r: Row): CommentWithStats {
  return {
    id: str(r.id),
    page: str(r.page),
    parentId: strOrNull(r.parent_id),
    body: str(r.body),
    name: str(r.name),
    email: strOrNull(r.email),
    readerId: str(r.reader_id),
    verified: !!Number(r.verified),
    moderator: !!Number(r.moderator),
    createdAt: Number(r.created_at),
    editedAt: num(r.edited_at),
    status: r.status as CommentStatus,
    anchor: r.anchor ? (JSON.parse(str(r.anchor)) as Anchor) : null,
    score: Number(r.score ?? 0),
    myVote: Number(r.my_vote ?? 0) as VoteValue,
    reports: Number(r.reports ?? 0),
  };
}

function toSubscription(r: Row): SubscriptionRow {
  return {
    token: str(r.token),
    page: str(r.page),
    email: str(r.email),
    scope: r.scope as NotifyScope,
    commentId: strOrNull(r.comment_id),
    readerId: strOrNull(r.reader_id),
    status: r.status as SubscriptionStatus,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export class SqlStorage implements Storage {
  readonly kind: 'sqlite' | 'postgres';
  protected readonly db: Driver;
  readonly #listeners = new Set<(page: string) => void>();
  #sweptHits = 0;

  constructor(db: Driver) {
    this.db = db;
    this.kind = db.dialect;
  }

  async migrate(): Promise<void> {
    await this.db.tx(async (t) => {
      // Several processes may start at once on one PostgreSQL: one migrates, the others wait.
      if (t.dialect === 'postgres') await t.all('SELECT pg_advisory_xact_lock(7236101)');
      await t.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
      const done = new Set((await t.all<Row>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
      for (const m of migrations(t.dialect)) {
        if (done.has(m.version)) continue;
        await t.exec(m.sql);
        await t.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [m.version, Date.now()]);
      }
    });
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  async ping(): Promise<void> {
    await this.db.all('SELECT 1 AS ok');
  }

  async setting(key: string, create: () => string): Promise<string> {
    await this.db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, create()]);
    const rows = await this.db.all<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]);
    return rows[0]!.value;
  }

  async insertComment(c: CommentRow, event: NewEvent | null = null): Promise<void> {
    await this.#write(c.page, event, async (t) => {
      await t.run(
        `INSERT INTO comments (id, page, parent_id, body, name, email, reader_id, verified, moderator, created_at, edited_at, status, anchor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          c.id,
          c.page,
          c.parentId,
          c.body,
          c.name,
          c.email,
          c.readerId,
          c.verified,
          c.moderator,
          c.createdAt,
          c.editedAt,
          c.status,
          c.anchor ? JSON.stringify(c.anchor) : null,
        ],
      );
    });
  }

  async updateComment(
    id: string,
    patch: { body?: string; editedAt?: number; status?: CommentStatus },
    event: NewEvent | null = null,
  ): Promise<boolean> {
    const sets: string[] = [];
    const params: Param[] = [];
    for (const [column, value] of [
      ['body', patch.body],
      ['edited_at', patch.editedAt],
      ['status', patch.status],
    ] as const) {
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      params.push(value);
    }
    if (!sets.length) return false;
    return this.#write(
      event?.page ?? '',
      event,
      async (t) => (await t.run(`UPDATE comments SET ${sets.join(', ')} WHERE id = ?`, [...params, id])) > 0,
    );
  }

  async getComment(id: string, viewerId: string | null = null): Promise<CommentWithStats | null> {
    const rows = await this.db.all<Row>(`SELECT ${COMMENT_COLUMNS} FROM comments c WHERE c.id = ?`, [viewerId ?? '', id]);
    return rows[0] ? toComment(rows[0]) : null;
  }

  async pageComments(page: string, viewer: PageViewer): Promise<CommentWithStats[]> {
    // Scores and report counts aggregated once for the page (not per row): the hot read path.
    const rows = await this.db.all<Row>(
      `SELECT c.id, c.page, c.parent_id, c.body, c.name, c.email, c.reader_id, c.verified, c.moderator,
         c.created_at, c.edited_at, c.status, c.anchor,
         COALESCE(s.score, 0) AS score, COALESCE(m.value, 0) AS my_vote, COALESCE(r.n, 0) AS reports
       FROM comments c
       LEFT JOIN (SELECT v.comment_id, SUM(v.value) AS score FROM comment_votes v
                  JOIN comments p ON p.id = v.comment_id WHERE p.page = ? GROUP BY v.comment_id) s ON s.comment_id = c.id
       LEFT JOIN comment_votes m ON m.comment_id = c.id AND m.reader_id = ?
       LEFT JOIN (SELECT x.comment_id, COUNT(*) AS n FROM reports x
                  JOIN comments p ON p.id = x.comment_id WHERE p.page = ? AND x.dismissed_at IS NULL GROUP BY x.comment_id) r ON r.comment_id = c.id
       WHERE c.page = ? AND (c.status IN ('published', 'deleted') OR (c.status = 'pending' AND (c.reader_id = ? OR ? = 1)))
       ORDER BY c.created_at, c.id`,
      [page, viewer.readerId ?? '', page, page, viewer.readerId ?? '', viewer.moderator ? 1 : 0],
    );
    return rows.map(toComment);
  }

  async reportReasons(ids: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!ids.length) return out;
    const rows = await this.db.all<{ comment_id: string; reason: string }>(
      `SELECT comment_id, reason FROM reports WHERE comment_id IN (${list(ids.length)}) AND dismissed_at IS NULL ORDER BY created_at`,
      ids,
    );
    for (const r of rows) out.set(r.comment_id, [...(out.get(r.comment_id) ?? []), r.reason]);
    return out;
  }

  async dismissReports(commentId: string, at: number): Promise<number> {
    return this.db.run('UPDATE reports SET dismissed_at = ? WHERE comment_id = ? AND dismissed_at IS NULL', [at, commentId]);
  }

  async restoreReports(commentId: string, at: number): Promise<number> {
    return this.db.run('UPDATE reports SET dismissed_at = NULL WHERE comment_id = ? AND dismissed_at = ?', [commentId, at]);
  }

  async publishedCounts(pages: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!pages.length) return out;
    const rows = await this.db.all<{ page: string; n: number }>(
      `SELECT page, COUNT(*) AS n FROM comments WHERE status = 'published' AND page IN (${list(pages.length)}) GROUP BY page`,
      pages,
    );
    for (const r of rows) out.set(r.page, Number(r.n));
    return out;
  }

  async hasPublished(readerId: string, email: string | null): Promise<boolean> {
    const byReader = await this.db.all(`SELECT 1 AS x FROM comments WHERE reader_id = ? AND status = 'published' LIMIT 1`, [
      readerId,
    ]);
    if (byReader.length || !email) return byReader.length > 0;
    const byEmail = await this.db.all(`SELECT 1 AS x FROM comments WHERE email = ? AND status = 'published' LIMIT 1`, [email]);
    return byEmail.length > 0;
  }

  async moderationQueue(queue: ModerationQueue, limit: number, before: Position | null): Promise<CommentWithStats[]> {
    const where = QUEUE_WHERE[queue];
    const params: Param[] = [''];
    let keyset = '';
    if (before) {
      keyset = ' AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?))';
      params.push(before.createdAt, before.createdAt, before.id);
    }
    const rows = await this.db.all<Row>(
      `SELECT ${COMMENT_COLUMNS} FROM comments c WHERE ${where}${keyset} ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
      [...params, limit],
    );
    return rows.map(toComment);
  }

  async countHits(keys: string[], now: number, windowMs: number): Promise<{ count: number; start: number }[]> {
    if (!keys.length) return [];
    const expired = now - windowMs;
    // One atomic upsert for every key of the write (distinct keys); a key whose window has passed starts a new one.
    const rows = await this.db.all<Row>(
      `INSERT INTO rate_hits (key, window_start, count) VALUES ${keys.map(() => '(?, ?, 1)').join(', ')}
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_hits.window_start <= ? THEN 1 ELSE rate_hits.count + 1 END,
         window_start = CASE WHEN rate_hits.window_start <= ? THEN excluded.window_start ELSE rate_hits.window_start END
       RETURNING key, count, window_start`,
      [...keys.flatMap((key) => [key, now]), expired, expired],
    );
    const byKey = new Map(rows.map((r) => [String(r.key), { count: Number(r.count), start: Number(r.window_start) }]));
    // At most once a window per process: forget the keys whose window has passed.
    if (now - this.#sweptHits >= windowMs) {
      this.#sweptHits = now;
      await this.db.run('DELETE FROM rate_hits WHERE window_start <= ?', [expired]);
    }
    return keys.map((key) => byKey.get(key)!);
  }

  async queueSizes(): Promise<Record<'pending' | 'reported' | 'spam', number>> {
    const count = (queue: ModerationQueue) => `(SELECT COUNT(*) FROM comments c WHERE ${QUEUE_WHERE[queue]})`;
    const rows = await this.db.all<Row>(
      `SELECT ${count('pending')} AS pending, ${count('reported')} AS reported, ${count('spam')} AS spam`,
    );
    const row = rows[0] ?? {};
    return { pending: Number(row.pending ?? 0), reported: Number(row.reported ?? 0), spam: Number(row.spam ?? 0) };
  }

  setVote(commentId: string, readerId: string, value: VoteValue): Promise<number> {
    return this.db.tx(async (t) => {
      if (value === 0) await t.run('DELETE FROM comment_votes WHERE comment_id = ? AND reader_id = ?', [commentId, readerId]);
      else
        await t.run(
          `INSERT INTO comment_votes (comment_id, reader_id, value) VALUES (?, ?, ?)
           ON CONFLICT (comment_id, reader_id) DO UPDATE SET value = excluded.value`,
          [commentId, readerId, value],
        );
      const rows = await t.all<Row>('SELECT COALESCE(SUM(value), 0) AS score FROM comment_votes WHERE comment_id = ?', [
        commentId,
      ]);
      return Number(rows[0]?.score ?? 0);
    });
  }

  async addReport(commentId: string, readerId: string, reason: string, at: number): Promise<void> {
    await this.db.run(
      `INSERT INTO reports (comment_id, reader_id, reason, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (comment_id, reader_id) DO NOTHING`,
      [commentId, readerId, reason, at],
    );
  }

  async setRating(
    page: string,
    readerId: string,
    value: number | null,
    at: number,
    event?: (totals: { sum: number; count: number }) => NewEvent,
  ): Promise<{ sum: number; count: number }> {
    let totals = { sum: 0, count: 0 };
    await this.#write(page, event ? () => event(totals) : null, async (t) => {
      if (value === null) await t.run('DELETE FROM ratings WHERE page = ? AND reader_id = ?', [page, readerId]);
      else
        await t.run(
          `INSERT INTO ratings (page, reader_id, value, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (page, reader_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          [page, readerId, value, at],
        );
      const rows = await t.all<{ total: number | null; n: number }>(
        'SELECT SUM(value) AS total, COUNT(*) AS n FROM ratings WHERE page = ?',
        [page],
      );
      totals = { sum: Number(rows[0]?.total ?? 0), count: Number(rows[0]?.n ?? 0) };
    });
    return totals;
  }

  async ratings(pages: string[], readerId: string | null): Promise<Map<string, RatingStats>> {
    const out = new Map<string, RatingStats>(pages.map((p) => [p, { sum: 0, count: 0, mine: null }]));
    if (!pages.length) return out;
    const rows = await this.db.all<{ page: string; total: number; n: number }>(
      `SELECT page, SUM(value) AS total, COUNT(*) AS n FROM ratings WHERE page IN (${list(pages.length)}) GROUP BY page`,
      pages,
    );
    for (const r of rows) out.set(r.page, { sum: Number(r.total), count: Number(r.n), mine: null });
    if (readerId) {
      const mine = await this.db.all<{ page: string; value: number }>(
        `SELECT page, value FROM ratings WHERE reader_id = ? AND page IN (${list(pages.length)})`,
        [readerId, ...pages],
      );
      for (const r of mine) out.get(r.page)!.mine = Number(r.value);
    }
    return out;
  }

  async addShare(page: string, network: string): Promise<void> {
    await this.db.run(
      `INSERT INTO shares (page, network, count) VALUES (?, ?, 1)
       ON CONFLICT (page, network) DO UPDATE SET count = shares.count + 1`,
      [page, network],
    );
  }

  async shares(pages: string[]): Promise<Map<string, Record<string, number>>> {
    const out = new Map<string, Record<string, number>>(pages.map((p) => [p, {}]));
    if (!pages.length) return out;
    const rows = await this.db.all<{ page: string; network: string; count: number }>(
      `SELECT page, network, count FROM shares WHERE page IN (${list(pages.length)}) ORDER BY network`,
      pages,
    );
    for (const r of rows) out.get(r.page)![r.network] = Number(r.count);
    return out;
  }

  async pageSettings(pages: string[]): Promise<Map<string, PageSettings>> {
    const out = new Map<string, PageSettings>(pages.map((p) => [p, { commentsClosed: false, ratingClosed: false }]));
    if (!pages.length) return out;
    const rows = await this.db.all<{ page: string; comments_closed: number; rating_closed: number }>(
      `SELECT page, comments_closed, rating_closed FROM page_settings WHERE page IN (${list(pages.length)})`,
      pages,
    );
    for (const r of rows)
      out.set(r.page, { commentsClosed: !!Number(r.comments_closed), ratingClosed: !!Number(r.rating_closed) });
    return out;
  }

  async setPageSettings(page: string, patch: Partial<PageSettings>): Promise<void> {
    await this.db.tx(async (t) => {
      await t.run('INSERT INTO page_settings (page) VALUES (?) ON CONFLICT (page) DO NOTHING', [page]);
      if (patch.commentsClosed !== undefined)
        await t.run('UPDATE page_settings SET comments_closed = ? WHERE page = ?', [patch.commentsClosed, page]);
      if (patch.ratingClosed !== undefined)
        await t.run('UPDATE page_settings SET rating_closed = ? WHERE page = ?', [patch.ratingClosed, page]);
    });
  }

  async addSubscription(s: SubscriptionRow): Promise<void> {
    await this.db.run(
      `INSERT INTO subscriptions (token, page, email, scope, comment_id, reader_id, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [s.token, s.page, s.email, s.scope, s.commentId, s.readerId, s.status, s.createdAt, s.updatedAt],
    );
  }

  async subscription(token: string): Promise<SubscriptionRow | null> {
    const rows = await this.db.all<Row>('SELECT * FROM subscriptions WHERE token = ?', [token]);
    return rows[0] ? toSubscription(rows[0]) : null;
  }

  async setSubscriptionStatus(token: string, status: SubscriptionStatus, at: number): Promise<void> {
    await this.db.run('UPDATE subscriptions SET status = ?, updated_at = ? WHERE token = ?', [status, at, token]);
  }

  async confirmedSubscriptions(page: string): Promise<SubscriptionRow[]> {
    const rows = await this.db.all<Row>(
      `SELECT * FROM subscriptions WHERE page = ? AND status = 'confirmed' ORDER BY created_at`,
      [page],
    );
    return rows.map(toSubscription);
  }

  async enqueueMail(mails: MailRow[]): Promise<void> {
    if (!mails.length) return;
    await this.db.tx(async (t) => {
      for (const m of mails) {
        await t.run(
          'INSERT INTO outbox (recipient, subject, body, headers, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)',
          [m.to, m.subject, m.text, JSON.stringify(m.headers), m.createdAt, m.createdAt],
        );
      }
    });
  }

  async claimMail(now: number, limit: number, leaseMs: number, maxAttempts: number): Promise<MailRow[]> {
    // SKIP LOCKED lets several PostgreSQL processes work the outbox without taking the same mail.
    const lock = this.kind === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.db.all<{
      id: number;
      recipient: string;
      subject: string;
      body: string;
      headers: string;
      created_at: number;
      attempts: number;
    }>(
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?
       WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ? AND attempts < ? ORDER BY id LIMIT ?${lock})
       RETURNING id, recipient, subject, body, headers, created_at, attempts`,
      [now + leaseMs, now, maxAttempts, limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      to: r.recipient,
      subject: r.subject,
      text: r.body,
      headers: JSON.parse(r.headers) as Record<string, string>,
      createdAt: Number(r.created_at),
      attempts: Number(r.attempts),
    }));
  }

  async mailSent(id: number, at: number): Promise<void> {
    await this.db.run('UPDATE outbox SET sent_at = ?, error = NULL WHERE id = ?', [at, id]);
  }

  async mailFailed(id: number, error: string, retryAt: number): Promise<void> {
    await this.db.run('UPDATE outbox SET error = ?, next_attempt_at = ? WHERE id = ?', [error.slice(0, 1000), retryAt, id]);
  }

  async pruneMail(before: number): Promise<void> {
    await this.db.run('DELETE FROM outbox WHERE (sent_at IS NOT NULL AND sent_at < ?) OR (sent_at IS NULL AND created_at < ?)', [
      before,
      before,
    ]);
  }

  async appendEvent(page: string, type: string, data: string, at: number): Promise<number> {
    let id = 0;
    await this.#write(
      page,
      { page, type, data, at },
      async () => {},
      (n) => (id = n),
    );
    return id;
  }

  /**
   * Runs a write, and appends its live event (if any) in the same transaction: a change and its
   * event are committed together. `event` may be a function, to build it from what `fn` wrote.
   */
  async #write<T>(
    page: string,
    event: NewEvent | (() => NewEvent) | null,
    fn: (t: Driver) => Promise<T>,
    eventId?: (id: number) => void,
  ): Promise<T> {
    if (!event) return fn(this.db);
    const result = await this.db.tx(async (t) => {
      // One writer per page at a time (PostgreSQL; SQLite writes one at a time anyway): a page's
      // event ids commit in order, so a reader that saw id N never misses a smaller one committed
      // later, and totals read here (ratings) include every earlier write.
      if (t.dialect === 'postgres') await t.all('SELECT pg_advisory_xact_lock(7236102, hashtext(?))', [page]);
      const value = await fn(t);
      const e = typeof event === 'function' ? event() : event;
      const rows = await t.all<{ id: number }>(
        'INSERT INTO events (page, type, data, created_at) VALUES (?, ?, ?, ?) RETURNING id',
        [e.page, e.type, e.data, e.at],
      );
      eventId?.(Number(rows[0]!.id));
      // Delivered to every listening process when this transaction commits.
      if (t.dialect === 'postgres') await t.all('SELECT pg_notify(?, ?)', ['chime_events', e.page]);
      return value;
    });
    if (this.kind === 'sqlite') this.emitEvent(page);
    return result;
  }

  async eventsSince(page: string, afterId: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db.all<StoredEvent>(
      'SELECT id, page, type, data FROM events WHERE page = ? AND id > ? ORDER BY id LIMIT ?',
      [page, afterId, limit],
    );
    return rows.map((r) => ({ id: Number(r.id), page: r.page, type: r.type, data: r.data }));
  }

  async lastEventId(page: string): Promise<number> {
    const rows = await this.db.all<{ id: number | null }>('SELECT MAX(id) AS id FROM events WHERE page = ?', [page]);
    return Number(rows[0]?.id ?? 0);
  }

  async pruneEvents(before: number): Promise<void> {
    await this.db.run('DELETE FROM events WHERE created_at < ?', [before]);
  }

  onEvent(listener: (page: string) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  protected emitEvent(page: string): void {
    for (const l of [...this.#listeners]) l(page);
  }

  async addBan(ban: Ban): Promise<void> {
    await this.db.run(
      `INSERT INTO bans (kind, value, reason, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, value) DO UPDATE SET reason = excluded.reason, expires_at = excluded.expires_at`,
      [ban.kind, ban.value, ban.reason, ban.createdAt, ban.expiresAt ?? null],
    );
  }

  async removeBan(kind: BanKind, value: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM bans WHERE kind = ? AND value = ?', [kind, value])) > 0;
  }

  async bans(): Promise<Ban[]> {
    const rows = await this.db.all<{
      kind: BanKind;
      value: string;
      reason: string | null;
      created_at: number;
      expires_at: number | null;
    }>('SELECT kind, value, reason, created_at, expires_at FROM bans ORDER BY created_at DESC');
    return rows.map((r) => ({
      kind: r.kind,
      value: r.value,
      reason: r.reason ?? null,
      createdAt: Number(r.created_at),
      expiresAt: r.expires_at === null || r.expires_at === undefined ? null : Number(r.expires_at),
    }));
  }

  async isBanned(readerId: string | null, email: string | null, now = Date.now()): Promise<boolean> {
    const rows = await this.db.all(
      `SELECT 1 AS x FROM bans WHERE ((kind = 'reader' AND value = ?) OR (kind = 'email' AND value = ?))
         AND (expires_at IS NULL OR expires_at > ?) LIMIT 1`,
      [readerId ?? '', email ?? '', now],
    );
    return rows.length > 0;
  }

  async addAudit(e: AuditEntry): Promise<void> {
    await this.db.run('INSERT INTO audit_log (at, actor, action, target, detail, data) VALUES (?, ?, ?, ?, ?, ?)', [
      e.at,
      e.actor,
      e.action,
      e.target,
      e.detail,
      e.data ? JSON.stringify(e.data) : null,
    ]);
  }

  async auditLog(limit: number, beforeId: number | null): Promise<AuditEntry[]> {
    const rows = await this.db.all<Row>(
      `SELECT id, at, actor, action, target, detail, data FROM audit_log ${beforeId ? 'WHERE id < ?' : ''} ORDER BY id DESC LIMIT ?`,
      beforeId ? [beforeId, limit] : [limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      at: Number(r.at),
      actor: str(r.actor),
      action: str(r.action),
      target: str(r.target),
      detail: strOrNull(r.detail),
      data: r.data ? (JSON.parse(String(r.data)) as AuditData) : null,
    }));
  }
}
