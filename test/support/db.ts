// Test databases: in-memory PGlite by default, a fresh PostgreSQL schema when DATABASE_URL is set (laid from the migrated
// template of test/support/pg-template.ts when pg_dump can make one, else migrated).
import { randomBytes } from 'node:crypto';
import { openDb, type Db } from '../../src/db/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createOrg } from '../../src/orgs/index.ts';
import { laySchema } from './pg-template.ts';

export async function testDb(): Promise<Db> {
  const { databaseUrl, pgRls } = loadConfig();
  if (!databaseUrl) return openDb({});
  const schema = `t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await laySchema(databaseUrl, schema, pgRls);
  // the tests' own set-up and checks (outside any withOrg) read as the owner; the code they call sets its own scope
  const db = await openDb({ databaseUrl, schema, rls: pgRls, ownerOutsideScopes: true });
  const close = db.close.bind(db);
  return { ...db, close: async () => { await db.exec(`DROP SCHEMA ${schema} CASCADE`); await close(); } };
}

export async function testOrg(db: Db, name = 'Acme'): Promise<string> {
  return (await createOrg(db, { name })).id;
}
