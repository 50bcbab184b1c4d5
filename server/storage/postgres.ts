/**
 * PostgreSQL through `pg`: a pool for queries, and one dedicated connection that LISTENs for
 * the events other processes append, so every server instance on one database sees them.
 */
import pg from 'pg';
import type { Driver, Param } from './driver.js';
import { SqlStorage } from './sql.js';

// COUNT/SUM/BIGINT (int8) and NUMERIC arrive as strings by default; ours fit in a double.
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 || oid === 1700
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** `?` → `$1, $2…` (our SQL has no `?` inside literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const bind = (params: Param[]) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

class PgDriver implements Driver {
  readonly dialect = 'postgres' as const;
  readonly #q: pg.Pool | pg.PoolClient;

  constructor(q: pg.Pool | pg.PoolClient) {
    this.#q = q;
  }

  async all<T>(sql: string, params: Param[] = []): Promise<T[]> {
    return (await this.#q.query(numbered(sql), bind(params))).rows as T[];
  }

  async run(sql: string, params: Param[] = []): Promise<number> {
    return (await this.#q.query(numbered(sql), bind(params))).rowCount ?? 0;
  }

  async exec(sql: string): Promise<void> {
    await this.#q.query(sql);
  }

  async tx<T>(fn: (d: Driver) => Promise<T>): Promise<T> {
    if (!(this.#q instanceof pg.Pool)) return fn(this);
    const client = await this.#q.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PgDriver(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.#q instanceof pg.Pool) await this.#q.end();
  }
}

class PgStorage extends SqlStorage {
  readonly #url: string;
  #listener: pg.Client | null = null;
  #closed = false;

  constructor(url: string, pool: pg.Pool) {
    super(new PgDriver(pool));
    this.#url = url;
  }

  /** LISTEN on a connection of its own; reconnects after a lost connection. */
  async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url });
    const retry = () => {
      if (this.#listener !== client || this.#closed) return;
      this.#listener = null;
      client.end().catch(() => {});
      setTimeout(() => !this.#closed && this.listen().catch(() => {}), 1000).unref();
    };
    client.on('notification', (n) => n.channel === 'chime_events' && n.payload && this.emitEvent(n.payload));
    client.on('error', retry);
    client.on('end', retry);
    this.#listener = client;
    await client.connect();
    await client.query('LISTEN chime_events');
  }

  override async close(): Promise<void> {
    this.#closed = true;
    const l = this.#listener;
    this.#listener = null;
    await l?.end().catch(() => {});
    await super.close();
  }
}

export async function openPostgres(url: string): Promise<SqlStorage> {
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  pool.on('error', (e) => console.error('chime: idle PostgreSQL connection failed:', e.message));
  const storage = new PgStorage(url, pool);
  try {
    await storage.migrate();
    await storage.listen();
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}
