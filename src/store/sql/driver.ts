/**
 * What the shared SQL store needs from a database: SQLite and PostgreSQL each provide one. SQL
 * is written once with `?` placeholders and the PostgreSQL driver numbers them.
 */
export type SqlValue = string | number | null;

export interface SqlQueries {
  /** The rows of a `SELECT`, or of a write with `RETURNING`. */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a write; returns how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDriver extends SqlQueries {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction that holds the write lock from its first statement (SQLite
   * `BEGIN IMMEDIATE`; PostgreSQL row locks taken by conditional `UPDATE`s), committing if it
   * resolves and rolling back if it throws.
   */
  transaction<T>(fn: (q: SqlQueries) => Promise<T>): Promise<T>;
  /**
   * Makes every commit so far survive an OS crash or power loss. Called after writes that take
   * access away (a revoked grant or consent, a removed user or client), which must never come
   * back. PostgreSQL commits already are durable; SQLite under `synchronous = NORMAL` checkpoints.
   */
  makeDurable(): Promise<void>;
  close(): Promise<void>;
}

/** Turns a `?`-placeholder statement into PostgreSQL's `$1, $2, …`. SQL text here never quotes a `?`. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
