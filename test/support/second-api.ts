// A test API listening on loopback and, on PostgreSQL, a second API process on the same database and schema (its own
// connections, as behind a load balancer); on PGlite the "other" server is the same one, as there is only one process.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { buildServer } from '../../src/api/index.ts';
import type { ApiDeps } from '../../src/api/context.ts';
import { openDb, type Db } from '../../src/db/index.ts';
import { testApi, TEST_PASSWORD_COST, type TestApi } from './api.ts';

export interface TwoApis { t: TestApi; base: string; otherBase: string; close(): Promise<void> }

const urlOf = (app: FastifyInstance) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

export async function twoApis(now: () => Date, deps: Partial<Omit<ApiDeps, 'db' | 'now'>> = {}): Promise<TwoApis> {
  const config = loadConfig();
  const t = await testApi(now, deps);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  let otherDb: Db | null = null;
  let other: FastifyInstance | null = null;
  if (config.databaseUrl) {
    const [{ schema }] = await t.db.query<{ schema: string }>('SELECT current_schema() AS schema') as [{ schema: string }];
    otherDb = await openDb({ databaseUrl: config.databaseUrl, schema, rls: config.pgRls, ownerOutsideScopes: true });
    other = await buildServer({ passwordCost: TEST_PASSWORD_COST, db: otherDb, now, ...deps });
    await other.listen({ port: 0, host: '127.0.0.1' });
  }
  return {
    t, base: urlOf(t.app), otherBase: urlOf(other ?? t.app),
    async close() {
      await other?.close();
      await otherDb?.close();
      await t.close();
    },
  };
}
