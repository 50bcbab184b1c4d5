/**
 * SQLite through better-sqlite3: one file, WAL, synchronous=FULL so a commit is on disk before a
 * write is acknowledged (NORMAL would survive a process crash but could lose the last commits on
 * power loss). better-sqlite3 is synchronous; a small lock keeps other requests' statements out
 * of a transaction that awaits between its statements.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Driver, Param } from './driver.js';
import { SqlStorage } from './sql.js';

const bind = (params: Param[]) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

class SqliteDriver implements Driver {
  readonly dialect = 'sqlite' as const;
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  #locked = false;
  readonly #waiting: (() => void)[] = [];

  constructor(db: Database.Database) {
    this.#db = db;
  }

  #prepare(sql: string): Database.Statement {
    let stmt = this.#statements.get(sql);
    if (!stmt) this.#statements.set(sql, (stmt = this.#db.prepare(sql)));
    return stmt;
  }

  #allNow<T>(sql: string, params: Param[]): T[] {
    const stmt = this.#prepare(sql);
    if (stmt.reader) return stmt.all(...bind(params)) as T[];
    stmt.run(...bind(params));
    return [];
  }

  #runNow(sql: string, params: Param[]): number {
    return this.#prepare(sql).run(...bind(params)).changes;
  }

  async #lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #unlock(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#locked = false;
  }

  async #outside<T>(fn: () => T): Promise<T> {
    if (!this.#locked) return fn();
    await this.#lock();
    try {
      return fn();
    } finally {
      this.#unlock();
    }
  }

  all<T>(sql: string, params: Param[] = []): Promise<T[]> {
    return this.#outside(() => this.#allNow<T>(sql, params));
  }

  run(sql: string, params: Param[] = []): Promise<number> {
    return this.#outside(() => this.#runNow(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.#outside(() => void this.#db.exec(sql));
  }

  async tx<T>(fn: (d: Driver) => Promise<T>): Promise<T> {
    await this.#lock();
    const inner: Driver = {
      dialect: 'sqlite',
      all: async <R>(sql: string, params: Param[] = []) => this.#allNow<R>(sql, params),
      run: async (sql, params = []) => this.#runNow(sql, params),
      exec: async (sql) => void this.#db.exec(sql),
      tx: (f) => f(inner),
      close: async () => {},
    };
    try {
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(inner);
        this.#db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.#unlock();
    }
  }

  async close(): Promise<void> {
    await this.#lock();
    this.#db.close();
  }
}

/** Opens (creating if needed) a SQLite database file and brings its schema up to date. */
export async function openSqlite(file: string): Promise<SqlStorage> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const storage = new SqlStorage(new SqliteDriver(db));
  await storage.migrate();
  return storage;
}
