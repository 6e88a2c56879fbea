// The database interface every capability talks to, the same on embedded PGlite and on PostgreSQL.

export interface Queryable {
  /**
   * Runs one statement with $1.. parameters and returns its rows. `name` (from preparedName) makes it a prepared
   * statement on PostgreSQL, parsed and planned once per connection; PGlite ignores it.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], name?: string): Promise<T[]>;
  /** Loads CSV text (no header) into a table's columns with COPY. */
  copyCsv(table: string, columns: string[], csv: string): Promise<void>;
  /**
   * The database this handle reaches: one object per openDb, shared by the handles of its transactions, for what a
   * process keeps per database (src/db/secrets.ts). A handle without one (a test's stand-in) gets nothing kept.
   */
  readonly database?: object;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction on one connection; a throw rolls everything back. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements at once (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * LISTENs on a channel: fn gets each NOTIFY's payload once its transaction has committed (PGlite: in this process;
   * PostgreSQL: from every process on the database), and null after a lost connection came back (some may be missed).
   * Resolves to the function that stops listening. Absent on a test's stand-in.
   */
  listen?(channel: string, fn: (payload: string | null) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
