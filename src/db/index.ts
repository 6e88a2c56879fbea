// Opening the database: PostgreSQL when a URL is given, embedded PGlite otherwise; migrations run on open.
import type { Db } from './types.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { migrate } from './migrate.ts';
import { assertTenantRole } from './pg-tenant.ts';

export type { Db, Queryable } from './types.ts';
export { migrate } from './migrate.ts';

export interface DbOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** PostgreSQL schema to work in (tests use a fresh one per run). */
  schema?: string;
  /** PostgreSQL row-level security for work inside withOrg (COBRO_PG_RLS=on); PGlite ignores it. */
  rls?: boolean;
}

export async function openDb(opts: DbOptions): Promise<Db> {
  const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl, opts.schema, opts.rls) : await openPglite(opts.dataDir);
  await migrate(db);
  if (opts.rls && db.kind === 'postgres') await assertTenantRole(db);
  return db;
}
export { inTransaction, inTx } from './transaction.ts';
export { secret } from './secrets.ts';
export { withOrg, withoutOrg } from './tenant.ts';
