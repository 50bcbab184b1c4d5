/** Opens the storage a `--db` value names: a `postgres://` URL, or a SQLite file path. */
import type { Storage } from './types.js';

export type { Storage } from './types.js';

export async function openStorage(db: string): Promise<Storage> {
  if (/^postgres(ql)?:\/\//i.test(db)) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(db);
  }
  const { openSqlite } = await import('./sqlite.js');
  return openSqlite(db);
}
