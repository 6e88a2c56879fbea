// Opens the database and org for one CLI command and closes them after; the command runs as that org (row-level security).
import type { Config } from '../config.ts';
import { asSystem, withOrg as inOrg, type Db } from '../db/index.ts';
import type { Org } from '../orgs/index.ts';
import { defaultOrg, openDatabase } from '../app.ts';
import { getCustomer } from '../ledger/index.ts';

export async function withOrg<T>(config: Config, orgId: string | undefined, fn: (db: Db, org: Org) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    const org = await asSystem('the CLI finds the org named, or the first', () => defaultOrg(db, config, orgId));
    return await inOrg(org.id, () => fn(db, org));
  } finally {
    await db.close();
  }
}

/** A customer named by id or external id, as every command accepts it; throws the ledger's sentence when there is none. */
export async function customerIdOf(db: Db, orgId: string, idOrExternal: string): Promise<string> {
  const c = await getCustomer(db, orgId, idOrExternal);
  if (!c.ok) throw new Error(c.error.message);
  return c.value.id;
}
