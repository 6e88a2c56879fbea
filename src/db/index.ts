// Opening the database: PostgreSQL when a URL is given, embedded PGlite otherwise; migrations run on open.
import type { Db } from './types.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { migrate } from './migrate.ts';
import { assertTenantRole } from './pg-tenant.ts';
import { asSystem } from './tenant.ts';
import { lentDatabase } from './lent.ts';

export type { Db, Queryable } from './types.ts';
export { migrate } from './migrate.ts';

export interface DbOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** PostgreSQL schema to work in (tests use a fresh one per run). */
  schema?: string;
  /** PostgreSQL row-level security (COBRO_PG_RLS, on by default): work runs as its org, or as no org; PGlite ignores it. */
  rls?: boolean;
  /** With rls, queries outside any scope run as the owner instead of as no org: only the test harness's own set-up and checks. */
  ownerOutsideScopes?: boolean;
}

export async function openDb(opts: DbOptions): Promise<Db> {
  // a command the running server runs for the CLI uses the server's open folder (src/cli/relay-server.ts)
  const lent = !opts.databaseUrl && opts.dataDir ? lentDatabase(opts.dataDir) : undefined;
  if (lent) return lent;
  const rls = opts.rls ? { outsideScopes: opts.ownerOutsideScopes ? 'owner' as const : 'no-org' as const } : false;
  const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl, opts.schema, rls) : await openPglite(opts.dataDir);
  await asSystem('migrations change every org\'s tables', async () => {
    await migrate(db);
    if (opts.rls && db.kind === 'postgres') await assertTenantRole(db);
  });
  return db;
}
export { inTransaction, inTx } from './transaction.ts';
export { secret } from './secrets.ts';
export { withOrg, withNoOrg, asSystem } from './tenant.ts';
export { lendDatabase } from './lent.ts';
export { lockHolder } from './lock.ts';
export { preparedName } from './prepared.ts';
export { gatherStatistics, type StatisticsReport } from './statistics.ts';
