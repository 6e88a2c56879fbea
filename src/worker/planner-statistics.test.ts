// The worker's planner statistics: on PGlite (no autovacuum) its round ANALYZEs the tables whose rows moved enough, at most
// every ten minutes of the machine's time (set here by the test), and logs it with its duration; on PostgreSQL it leaves them to autovacuum.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { gatherStatistics, type Db } from '../db/index.ts';
import { sandboxAdapters, workOnce } from './index.ts';

let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db, 'Estadísticas SA'); });
after(async () => { await db.close(); });

const start = new Date('2026-03-10T17:00:00Z');
const minutes = (m: number) => new Date(start.getTime() + m * 60_000);
let made = 0;
async function addCustomers(n: number): Promise<void> {
  await db.query(`INSERT INTO customers (id, org_id, external_id, name, country)
    SELECT 'cus_st' || g, $1, 'ST' || g, 'Customer ' || g, 'MX' FROM generate_series($2::int, $3::int) g`, [org, made + 1, made + n]);
  made += n;
}

/** One worker round at `at`; what it logged as gathered statistics. */
async function round(at: Date): Promise<Array<{ tables: string[]; ms: number }>> {
  const gathered: Array<{ tables: string[]; ms: number }> = [];
  const log = {
    info(o: object, msg: string) { if (msg.startsWith('planner statistics')) gathered.push((o as { statistics: { tables: string[]; ms: number } }).statistics); },
    error(o: object, msg: string) { throw new Error(`${msg}: ${String((o as { err?: unknown }).err)}`); },
  };
  await workOnce({ db, now: () => at, elapsedMs: () => at.getTime(), messaging: { adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' }, log });
  return gathered;
}

/** The customers table's planner figures: rows as the planner counts them, and when it was last analysed by hand. */
async function customersStats(): Promise<{ reltuples: number; analysed: boolean }> {
  const [r] = await db.query<{ reltuples: number; analysed: boolean }>(
    `SELECT c.reltuples::float8 AS reltuples, s.last_analyze IS NOT NULL AS analysed FROM pg_class c
       JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = 'customers'::regclass`);
  return r!;
}

describe('the worker\'s planner statistics', () => {
  it('on PGlite analyses the tables that moved by more than 50 + 10% of their rows, at most every ten minutes; on PostgreSQL never', async () => {
    await addCustomers(2000);
    const first = await round(start);
    if (db.kind === 'postgres') {
      assert.deepEqual(first, [], 'autovacuum does it on PostgreSQL');
      assert.equal((await customersStats()).analysed, false);
      return;
    }
    assert.equal(first.length, 1);
    assert.ok(first[0]!.tables.includes('public.customers'), first[0]!.tables.join(' '));
    assert.ok(Number.isInteger(first[0]!.ms) && first[0]!.ms >= 0);
    assert.deepEqual(await customersStats(), { reltuples: 2000, analysed: true });

    await addCustomers(1000);
    assert.deepEqual(await round(minutes(5)), [], 'checked five minutes ago');
    assert.equal((await customersStats()).reltuples, 2000);
    const later = await round(minutes(11));
    assert.ok(later[0]?.tables.includes('public.customers'), 'a thousand new rows of 2,000 are past 50 + 200');
    assert.equal((await customersStats()).reltuples, 3000);

    await addCustomers(100);
    const few = await round(minutes(22));
    assert.ok(!few.some((g) => g.tables.includes('public.customers')), '100 new rows of 3,000 are not past 50 + 300');
    assert.equal((await customersStats()).reltuples, 3000);
  });

  it('on PGlite, whose counts of changes a restart loses, finds in the full check the tables grown by more than a fifth', async () => {
    if (db.kind === 'postgres') return assert.equal(await gatherStatistics(db, { full: true }), null);
    await addCustomers(1000);
    // as after a restart: the counts are gone (those of the inserts published first, then reset)
    await db.query('SELECT pg_stat_force_next_flush()');
    await db.query('SELECT pg_stat_reset()');
    assert.ok(!(await gatherStatistics(db))!.tables.includes('public.customers'), 'no counted changes');
    const full = await gatherStatistics(db, { full: true });
    assert.ok(full!.tables.includes('public.customers'), '4,100 rows on the pages of 3,000');
    assert.equal((await customersStats()).reltuples, 4100);
    assert.ok(!(await gatherStatistics(db, { full: true }))!.tables.includes('public.customers'), 'analysed: not again');
  });
});
