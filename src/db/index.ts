// Opening the database: PostgreSQL when a URL is given, embedded PGlite otherwise; migrations run on open.
import type { Db } from './types.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { migrate } from './migrate.ts';

export type { Db, Queryable } from './types.ts';
export { migrate } from './migrate.ts';

export interface DbOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** PostgreSQL schema to work in (tests use a fresh one per run). */
  schema?: string;
}

export async function openDb(opts: DbOptions): Promise<Db> {
  const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl, opts.schema) : await openPglite(opts.dataDir);
  await migrate(db);
  return db;
}
export { inTransaction, inTx } from './transaction.ts';
export { secret } from './secrets.ts';
