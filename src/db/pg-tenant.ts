// Row-level security on PostgreSQL: one org's work runs as cobro_tenant with cobro.org_id set, on a connection it holds.
import type pg from 'pg';
import type { Queryable } from './types.ts';
import type { OrgScope } from './tenant.ts';
import { statement } from './prepared.ts';

export const TENANT_ROLE = 'cobro_tenant';

/** Streams CSV rows into a table's columns with COPY on one client (the plain path's own COPY). */
export type CopyFn = (client: pg.PoolClient, table: string, columns: string[], csv: string) => Promise<void>;

// org ids are checked as plain words by withOrg, so they go in as literals: the set-up costs one round trip
const holdSetup = (org: string) => `SET ROLE ${TENANT_ROLE}; SELECT set_config('cobro.org_id', '${org}', false)`;
const txSetup = (org: string) => `BEGIN; SET LOCAL ROLE ${TENANT_ROLE}; SELECT set_config('cobro.org_id', '${org}', true)`;
const RESET = 'RESET ROLE; RESET cobro.org_id';

interface Held {
  client: Promise<pg.PoolClient>;
  /** The transaction running on the held client; meanwhile other queries take a connection of their own, as they would without a scope. */
  tx: Promise<void> | null;
  /** Queries sent on the held client and not yet answered. */
  busy: number;
  release(): Promise<void>;
}

let copies = 0;

export interface TenantRunner {
  query<T>(scope: OrgScope, sql: string, params?: unknown[], name?: string): Promise<T[]>;
  copyCsv(scope: OrgScope, table: string, columns: string[], csv: string): Promise<void>;
  transaction<T>(scope: OrgScope, fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

/**
 * A scope's first query takes a pooled connection and switches it to cobro_tenant for the scope's org; the scope's later
 * queries and transactions reuse it, and the scope's end resets it (or, when the reset fails, closes it) before it returns
 * to the pool. Work arriving while the held connection is inside a transaction, or after the scope ended, runs on a
 * connection of its own inside a transaction whose SET LOCAL settings end with it. So does a query sent while another of
 * the scope's is still running on the held connection, when the pool has a connection free or room for one: reads a
 * report sends side by side (Promise.all) then run side by side as they do without row-level security, instead of one
 * after another on the held connection (the dashboard's KPI call took 5.8 s instead of 1.8, bench/dashboard.bench.ts).
 * With the pool full it waits its turn on the held connection: a scope never waits for a second connection while
 * holding one that others may be waiting for.
 */
export function tenantRunner(pool: pg.Pool, copy: CopyFn, database: object): TenantRunner {
  // a transaction's handle: COPY FROM is refused on a table with row-level security, so rows go through a temporary
  // table and an INSERT the policy checks
  const txHandle = (c: pg.PoolClient): Queryable => ({
    database,
    async query<T>(sql: string, params: unknown[] = [], name?: string) { return (await c.query(statement(sql, params, name))).rows as T[]; },
    async copyCsv(table: string, columns: string[], csv: string) {
      const [own] = (await c.query<{ rls: boolean }>('SELECT relrowsecurity AS rls FROM pg_class WHERE oid = to_regclass($1)', [table])).rows;
      if (own && !own.rls) return copy(c, table, columns, csv); // a table of its own, such as an import's stage
      const tmp = `cobro_copy_${++copies}`;
      const cols = columns.join(',');
      await c.query(`CREATE TEMP TABLE ${tmp} ON COMMIT DROP AS SELECT ${cols} FROM ${table} WITH NO DATA`);
      await copy(c, tmp, columns, csv);
      await c.query(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM ${tmp}`);
      await c.query(`DROP TABLE ${tmp}`);
    },
  });

  // a connection is idle in the pool, or the pool may open another: taking one now does not wait on other scopes
  const poolHasRoom = () => pool.idleCount > 0 || pool.totalCount < (pool.options.max ?? 10);

  async function ownTransaction<T>(orgId: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    let result: T;
    try {
      await c.query(txSetup(orgId));
      result = await fn(txHandle(c));
      await c.query('COMMIT');
    } catch (e) {
      try { await c.query('ROLLBACK'); c.release(); } catch (gone) { c.release(gone as Error); }
      throw e;
    }
    c.release();
    return result;
  }

  function held(scope: OrgScope): Held | null {
    if (scope.closed) return null;
    const found = scope.held.get(pool) as Held | undefined;
    if (found) return found;
    const client = (async () => {
      const c = await pool.connect();
      try { await c.query(holdSetup(scope.orgId)); } catch (e) { c.release(e as Error); throw e; }
      return c;
    })();
    client.catch(() => {}); // the query that asked for it reports the failure
    const h: Held = {
      client,
      tx: null,
      busy: 0,
      async release() {
        let c: pg.PoolClient;
        try { c = await client; } catch { return; }
        while (h.tx) await h.tx;
        try { await c.query(RESET); c.release(); } catch (e) { c.release(e as Error); }
      },
    };
    scope.held.set(pool, h);
    return h;
  }

  async function transaction<T>(scope: OrgScope, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const h = held(scope);
    if (!h || h.tx) return ownTransaction(scope.orgId, fn);
    let done = () => {};
    h.tx = new Promise<void>((resolve) => { done = resolve; });
    try {
      const c = await h.client;
      await c.query('BEGIN');
      try {
        const result = await fn(txHandle(c));
        await c.query('COMMIT');
        return result;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      }
    } finally {
      h.tx = null;
      done();
    }
  }

  return {
    async query<T>(scope: OrgScope, sql: string, params: unknown[] = [], name?: string) {
      const h = held(scope);
      if (!h || h.tx || (h.busy > 0 && poolHasRoom())) return ownTransaction(scope.orgId, (tx) => tx.query<T>(sql, params, name));
      h.busy++;
      try {
        const c = await h.client;
        return (await c.query(statement(sql, params, name))).rows as T[];
      } finally {
        h.busy--;
      }
    },
    copyCsv: (scope, table, columns, csv) => transaction(scope, (tx) => tx.copyCsv(table, columns, csv)),
    transaction,
  };
}

/** With COBRO_PG_RLS=on, the start stops unless migration 034 made cobro_tenant and the connecting role may take it on. */
export async function assertTenantRole(db: Queryable): Promise<void> {
  const [r] = await db.query<{ present: boolean; member: boolean | null }>(
    `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS present,
       CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) THEN pg_has_role(current_user, $1, 'MEMBER') END AS member`, [TENANT_ROLE]);
  if (!r?.present) throw new Error(`COBRO_PG_RLS=on needs the role ${TENANT_ROLE}: create it (CREATE ROLE ${TENANT_ROLE} NOLOGIN) as a role allowed to, then restart`);
  if (!r.member) throw new Error(`COBRO_PG_RLS=on: the database user cannot take on ${TENANT_ROLE}; run GRANT ${TENANT_ROLE} TO <cobro's user>`);
}
