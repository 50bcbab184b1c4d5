/**
 * Versioned schema migrations, one SQL text per dialect. Append new versions; never edit an
 * applied one. Times are milliseconds since the epoch; booleans are 0/1 in both dialects.
 */
export interface Migration {
  version: number;
  sql: string;
}

const serial = { sqlite: 'INTEGER PRIMARY KEY AUTOINCREMENT', postgres: 'BIGSERIAL PRIMARY KEY' };

const v1 = (d: keyof typeof serial) => `
CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  page TEXT NOT NULL,
  parent_id TEXT,
  body TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT,
  reader_id TEXT NOT NULL,
  verified SMALLINT NOT NULL DEFAULT 0,
  moderator SMALLINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  edited_at BIGINT,
  status TEXT NOT NULL,
  anchor TEXT
);
CREATE INDEX comments_page ON comments (page, created_at, id);
CREATE INDEX comments_status ON comments (status, created_at, id);
CREATE INDEX comments_reader ON comments (reader_id, status);
CREATE INDEX comments_email ON comments (email, status);
CREATE TABLE comment_votes (
  comment_id TEXT NOT NULL,
  reader_id TEXT NOT NULL,
  value SMALLINT NOT NULL,
  PRIMARY KEY (comment_id, reader_id)
);
CREATE TABLE reports (
  comment_id TEXT NOT NULL,
  reader_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (comment_id, reader_id)
);
CREATE TABLE ratings (
  page TEXT NOT NULL,
  reader_id TEXT NOT NULL,
  value SMALLINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (page, reader_id)
);
CREATE INDEX ratings_reader ON ratings (reader_id);
CREATE TABLE shares (
  page TEXT NOT NULL,
  network TEXT NOT NULL,
  count BIGINT NOT NULL,
  PRIMARY KEY (page, network)
);
CREATE TABLE page_settings (
  page TEXT PRIMARY KEY,
  comments_closed SMALLINT NOT NULL DEFAULT 0,
  rating_closed SMALLINT NOT NULL DEFAULT 0
);
CREATE TABLE subscriptions (
  token TEXT PRIMARY KEY,
  page TEXT NOT NULL,
  email TEXT NOT NULL,
  scope TEXT NOT NULL,
  comment_id TEXT,
  reader_id TEXT,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX subscriptions_page ON subscriptions (page, status);
CREATE TABLE outbox (
  id ${serial[d]},
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  headers TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  sent_at BIGINT,
  error TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
CREATE TABLE events (
  id ${serial[d]},
  page TEXT NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX events_page ON events (page, id);
CREATE TABLE bans (
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  reason TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (kind, value)
);
CREATE TABLE audit_log (
  id ${serial[d]},
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

export function migrations(dialect: 'sqlite' | 'postgres'): Migration[] {
  return [
    { version: 1, sql: v1(dialect) },
    // Moderation console: bans that end, and reports a moderator dismissed (kept for the record).
    { version: 2, sql: 'ALTER TABLE bans ADD COLUMN expires_at BIGINT;\nALTER TABLE reports ADD COLUMN dismissed_at BIGINT;' },
    // Rate-limit windows per key, shared by every instance (unlogged on PostgreSQL: no WAL; a crash forgets them).
    {
      version: 3,
      sql: `CREATE ${dialect === 'postgres' ? 'UNLOGGED ' : ''}TABLE rate_hits (
  key TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  count INTEGER NOT NULL
);
CREATE INDEX rate_hits_start ON rate_hits (window_start);`,
    },
    // The audit log's facts as JSON (AuditData), so consoles can say them in their own language.
    { version: 4, sql: 'ALTER TABLE audit_log ADD COLUMN data TEXT;' },
  ];
}
