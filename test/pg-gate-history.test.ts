// The gate's history read on PostgreSQL with statistics taken while contact_events and messages were empty (a new
// install, autovacuum behind): read per customer, it touches the asked customers' index entries only, not the org's
// every contact event (as `customer_id = ANY(ids)` over the org was planned: an index walk on the org and the window).
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { loadConfig } from '../src/config.ts';
import type { Db, Queryable } from '../src/db/index.ts';
import { gateInputsMany } from '../src/compliance/store/debtor-many.ts';
import { HISTORY_SQL } from '../src/compliance/store/debtor-many.ts';

if (!loadConfig().databaseUrl) throw new Error('test/pg-gate-history.test.ts runs on PostgreSQL: set DATABASE_URL');

let db: Db;
let org: string;
const now = new Date('2026-03-10T15:00:00Z');
const CUSTOMERS = 2_000;
const PER_CUSTOMER = 30;

before(async () => {
  db = await testDb();
  org = await testOrg(db);
  await db.exec('ANALYZE contact_events; ANALYZE messages');
  await db.query(`INSERT INTO customers (id, org_id, external_id, name) SELECT 'cus_h' || g, $1, 'h-' || g, 'Customer ' || g FROM generate_series(1, $2::int) g`,
    [org, CUSTOMERS]);
  // a month of contacts for every customer, after the statistics were taken
  await db.query(`INSERT INTO contact_events (id, org_id, customer_id, at, channel, direction, outcome, address, debt_id, prior_consent, solicited)
    SELECT 'ce_h' || g, $1, 'cus_h' || (1 + g % $2::int), $3::timestamptz - (g % 30) * interval '1 day' - (g % 997) * interval '1 second',
      'sms', 'outbound', 'delivered', NULL, NULL, false, false
    FROM generate_series(1, $4::int) g`, [org, CUSTOMERS, now, CUSTOMERS * PER_CUSTOMER]);
});
after(async () => { await db.close(); });

/** Runs the history statement explained (actual run, buffers) beside the real one; the blocks it touched. */
function explaining(q: Queryable, seen: { blocks: number; plan: string }[]): Queryable {
  return new Proxy(q, {
    get(target, prop, receiver) {
      if (prop !== 'query') return Reflect.get(target, prop, receiver) as unknown;
      return async (sql: string, params?: unknown[]) => {
        if (sql === HISTORY_SQL) {
          const [row] = await target.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
          const plan = (typeof row!['QUERY PLAN'] === 'string' ? JSON.parse(row!['QUERY PLAN']) : row!['QUERY PLAN']) as { Plan: Record<string, number> }[];
          const top = plan[0]!.Plan;
          seen.push({ blocks: (top['Shared Hit Blocks'] ?? 0) + (top['Shared Read Blocks'] ?? 0), plan: JSON.stringify(plan) });
        }
        return target.query(sql, params as unknown[]);
      };
    },
  });
}

it('reads ten customers\' history by their index entries, whatever stale statistics say, with all their contacts', async () => {
  const ids = Array.from({ length: 10 }, (_, i) => `cus_h${1 + i * 37}`);
  const seen: { blocks: number; plan: string }[] = [];
  const inputs = await gateInputsMany(explaining(db, seen), org, ids.map((customerId) => ({ customerId, channel: 'sms' as const })), now);
  assert.equal(seen.length, 1, 'the history statement ran once');
  assert.deepEqual(inputs.map((x) => x?.history.events.length), ids.map(() => PER_CUSTOMER), 'every contact of the month, per customer');
  // the org holds 60,000 contact events: walked over the org, some 60,000 blocks; per customer, one heap block per contact (331)
  assert.ok(seen[0]!.blocks < 1_000, `blocks touched: ${seen[0]!.blocks}; plan: ${seen[0]!.plan.slice(0, 1500)}`);
  assert.doesNotMatch(seen[0]!.plan, /"Node Type": "Seq Scan", [^}]*"Relation Name": "contact_events"/);
});
