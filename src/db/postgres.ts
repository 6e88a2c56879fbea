// PostgreSQL through node-postgres: a pool, transactions on one client, COPY through pg-copy-streams.
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Db, Queryable } from './types.ts';
import { timestampToIso } from './timestamps.ts';
import { currentScope, type OrgScope } from './tenant.ts';
import { tenantRunner } from './pg-tenant.ts';
import { statement } from './prepared.ts';
import { pgListener } from './pg-listen.ts';

pg.types.setTypeParser(20, (v) => Number(v)); // int8: money in minor units fits in 2^53
pg.types.setTypeParser(1082, (v) => v); // date stays a calendar date string
pg.types.setTypeParser(1184, timestampToIso);

type Client = pg.Pool | pg.PoolClient;

async function copyRows(c: pg.PoolClient, table: string, columns: string[], csv: string): Promise<void> {
  const stream = c.query(copyFrom(`COPY ${table} (${columns.join(',')}) FROM STDIN WITH (FORMAT csv)`));
  await pipeline(Readable.from([csv]), stream);
}

function wrap(client: Client, database: object): Queryable {
  return {
    database,
    async query<T>(sql: string, params: unknown[] = [], name?: string) {
      const r = await client.query(statement(sql, params, name));
      return r.rows as T[];
    },
    async copyCsv(table: string, columns: string[], csv: string) {
      const run = (c: pg.PoolClient) => copyRows(c, table, columns, csv);
      if (client instanceof pg.Pool) {
        const c = await client.connect();
        try { await run(c); } finally { c.release(); }
      } else {
        await run(client);
      }
    },
  };
}

/**
 * Connections in the pool. With row-level security each request in flight holds one for its whole scope (pg-tenant.ts),
 * so the reads it sends side by side need more beside it: with 10, the dashboard's four calls at once held four and
 * queued many reads on their held connections (bench/dashboard.bench.ts, load 18-22: p95 2.97-3.00 s against 2.20-2.46 s
 * with 20, and 2.2 s with the wall off and 10).
 */
export const poolMax = (rls: boolean): number => (rls ? 20 : 10);

/** Row-level security on PostgreSQL: off, or on with what a query outside any scope (withOrg, asSystem) runs as. */
export type RlsMode = false | { outsideScopes: 'no-org' | 'owner' };

// work outside any scope on a walled database: no org, each query in a transaction of its own
const NO_ORG: OrgScope = { orgId: '', closed: true, held: new Map() };

/**
 * Connects to DATABASE_URL; `schema` puts every connection's search_path there (used by tests). With `rls`, work inside
 * withOrg (src/db/tenant.ts) runs as cobro_tenant, held by row-level security to its org (src/db/pg-tenant.ts); work
 * inside asSystem runs as the owner; other work runs as cobro_tenant for no org (sees no org's rows), unless
 * `outsideScopes` is 'owner' (the test harness's own set-up and checks).
 */
export async function openPostgres(url: string, schema?: string, rls: RlsMode = false): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax(Boolean(rls)),
    // JIT off: the reports' estimates over large tables pass its threshold, and compiling took longer (seconds under load)
    // than running the queries through their indexes (bench/dashboard.bench.ts)
    options: ['-c jit=off', ...(schema ? [`-c search_path=${schema}`] : [])].join(' '),
  });
  // a connection cut by the server (a restart, pg_terminate_backend, a failover) fails the query or transaction using it and
  // is dropped by the pool, which opens another when next needed; without these listeners node-postgres's 'error' event,
  // idle or between a transaction's statements, would end the process (found by the fault suite)
  pool.on('error', () => {});
  pool.on('connect', (client) => { client.on('error', () => {}); });
  if (schema) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await c.end();
  }
  const database = {};
  const base = wrap(pool, database);
  // its own connection, opened only once something listens (src/db/pg-listen.ts)
  const listener = pgListener(url);
  const tenant = rls ? tenantRunner(pool, copyRows, database) : null;
  const scope = (): OrgScope | undefined => {
    if (!rls) return undefined;
    const s = currentScope();
    if (!s) return rls.outsideScopes === 'owner' ? undefined : NO_ORG;
    return 'system' in s ? undefined : s;
  };
  return {
    kind: 'postgres',
    database,
    query<T>(sql: string, params?: unknown[], name?: string) {
      const s = scope();
      return s ? tenant!.query<T>(s, sql, params, name) : base.query<T>(sql, params, name);
    },
    copyCsv(table, columns, csv) {
      const s = scope();
      return s ? tenant!.copyCsv(s, table, columns, csv) : base.copyCsv(table, columns, csv);
    },
    async transaction(fn) {
      const s = scope();
      if (s) return tenant!.transaction(s, fn);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client, database));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => { await pool.query(sql); },
    listen: (channel, fn) => listener.listen(channel, fn),
    close: async () => { await listener.close(); await pool.end(); },
  };
}
