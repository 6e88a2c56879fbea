// Row-level security's held connection and reads sent side by side: one org's queries sent while another of its queries
// is still running take connections of their own (still as that org, still walled), so a report's parallel reads run in
// parallel; with the pool full they wait on the held connection instead, so many scopes at once never wait on each other
// for good. PostgreSQL only (PGlite has no roles or pool): it opens DATABASE_URL with the wall on.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { asSystem, openDb, withOrg, type Db } from '../src/db/index.ts';
import { loadConfig } from '../src/config.ts';
import { createOrg } from '../src/orgs/index.ts';
import { poolMax } from '../src/db/postgres.ts';

const URL = loadConfig().databaseUrl;
if (!URL) throw new Error('test/pg-tenant-side-by-side.test.ts runs on PostgreSQL: set DATABASE_URL');
const schema = `t_sbs_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
let db: Db;
let a: string;
let b: string;

interface Seen { pid: number; who: string; org: string; customers: number; orgs: string }
// what the query ran as, on which backend, and which customers it saw (after a pause, so the others are sent meanwhile)
const look = (pause = 0.2) => db.query<Seen>(
  `SELECT pg_backend_pid() AS pid, current_user AS who, current_setting('cobro.org_id', true) AS org,
     (SELECT count(*)::int FROM customers) AS customers, (SELECT string_agg(DISTINCT org_id, ',') FROM customers) AS orgs
   FROM pg_sleep($1)`, [pause]).then((r) => r[0]!);

before(async () => {
  db = await openDb({ databaseUrl: URL, schema, rls: true });
  await asSystem('the test sets up two orgs', async () => {
    a = (await createOrg(db, { name: 'A' })).id;
    b = (await createOrg(db, { name: 'B' })).id;
    for (const [org, n] of [[a, 3], [b, 2]] as const) {
      for (let i = 0; i < n; i++) {
        await db.query('INSERT INTO customers (id, org_id, external_id, name) VALUES ($1, $2, $1, $3)', [`cus_${randomBytes(8).toString('hex')}`, org, `${org}-${i}`]);
      }
    }
  });
});
after(async () => {
  await db.exec(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
});

describe('an org scope\'s queries sent side by side (row-level security on)', () => {
  it('runs one after another on the held connection when each waits for the last', async () => {
    const seen = await withOrg(a, async () => [await look(0), await look(0), await look(0)]);
    assert.equal(new Set(seen.map((s) => s.pid)).size, 1);
    for (const s of seen) assert.deepEqual([s.who, s.org, s.customers, s.orgs], ['cobro_tenant', a, 3, a]);
  });

  it('runs queries sent together on connections of their own, each still walled to its org', async () => {
    const [fromA, fromB] = await Promise.all([
      withOrg(a, () => Promise.all([look(), look(), look()])),
      withOrg(b, () => Promise.all([look(), look()]))]);
    assert.equal(new Set(fromA.map((s) => s.pid)).size, 3);
    assert.equal(new Set(fromB.map((s) => s.pid)).size, 2);
    for (const s of fromA) assert.deepEqual([s.who, s.org, s.customers, s.orgs], ['cobro_tenant', a, 3, a]);
    for (const s of fromB) assert.deepEqual([s.who, s.org, s.customers, s.orgs], ['cobro_tenant', b, 2, b]);
    // and the held connection is itself again afterwards
    const after = await withOrg(b, () => look(0));
    assert.deepEqual([after.who, after.org, after.customers], ['cobro_tenant', b, 2]);
  });

  it('answers as many scopes as the pool has connections, each holding one and then sending three queries at once', { timeout: 60_000 }, async () => {
    // every scope takes its held connection first (the pool is then full), and only then sends its three queries together
    const orgs = Array.from({ length: poolMax(true) }, (_, k) => (k % 2 ? a : b));
    let arrived = 0;
    let allHeld = () => {};
    const held = new Promise<void>((resolve) => { allHeld = resolve; });
    const all = await Promise.all(orgs.map((org) => withOrg(org, async () => {
      const first = await look(0);
      if (++arrived === orgs.length) allHeld();
      await held;
      return [first, ...await Promise.all([look(0.1), look(0.1), look(0.1)])];
    })));
    all.forEach((seen, k) => {
      assert.equal(new Set(seen.map((s) => s.pid)).size, 1, 'no room in the pool: all on the held connection');
      for (const s of seen) assert.deepEqual([s.who, s.org, s.customers], ['cobro_tenant', orgs[k], orgs[k] === a ? 3 : 2]);
    });
  });
});
