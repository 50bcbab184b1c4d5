/** Opens the storage a `--db` value names: a `postgres://` URL, or a SQLite file path. */
import type { Storage } from './types.js';

export type { Storage } from './types.js';

/**
 * The database drivers are optional dependencies (a browser-only install can skip them with
 * `--omit=optional`): a missing one is named, with the command that installs it.
 */
export function missingDriver(error: unknown, driver: 'better-sqlite3' | 'pg', version: string): unknown {
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(`'${driver}'`))
    return new Error(
      `The ${driver === 'pg' ? 'PostgreSQL' : 'SQLite'} driver is not installed: run \`npm install ${driver}@${version}\` beside chime (it is an optional dependency, skipped by --omit=optional).`,
      { cause: error },
    );
  return error;
}

export async function openStorage(db: string): Promise<Storage> {
  if (/^postgres(ql)?:\/\//i.test(db)) {
    const { openPostgres } = await import('./postgres.js').catch((e: unknown) => Promise.reject(missingDriver(e, 'pg', '8')));
    return openPostgres(db);
  }
  const { openSqlite } = await import('./sqlite.js').catch((e: unknown) =>
    Promise.reject(missingDriver(e, 'better-sqlite3', '12')),
  );
  return openSqlite(db);
}
