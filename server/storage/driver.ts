/** The little a storage needs from a database driver; one per dialect. */
export type Param = string | number | boolean | null;

export interface Driver {
  readonly dialect: 'sqlite' | 'postgres';
  /** Rows of a query (or of an INSERT/UPDATE … RETURNING). `?` placeholders. */
  all<T = Record<string, unknown>>(sql: string, params?: Param[]): Promise<T[]>;
  /** Runs a statement; resolves to the number of changed rows. */
  run(sql: string, params?: Param[]): Promise<number>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction, committed before the promise resolves. */
  tx<T>(fn: (d: Driver) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
