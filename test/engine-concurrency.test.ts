// Two ticks at once plan every action exactly once: two processes on PostgreSQL, two concurrent ticks on PGlite.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Db } from '../src/db/index.ts';
import { loadConfig } from '../src/config.ts';
import { runTick, syncCases } from '../src/engine/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { bundledScript, childNodeFlags } from './support/cli.ts';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./support/tick-child.ts', import.meta.url));
const CASES = 400;
const NOW = new Date('2026-03-02T15:00:00Z');

let db: Db;
let org = '';
before(async () => {
  db = await testDb();
  org = await testOrg(db, 'Concurrent');
  await db.query(
    `INSERT INTO customers (id, org_id, external_id, name, email, country, timezone)
     SELECT 'cus_c' || g, $1, 'C' || g, 'Customer ' || g, 'c' || g || '@example.com', 'US', 'America/New_York' FROM generate_series(1, $2::int) g`, [org, CASES]);
  await db.query(
    `INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date)
     SELECT 'inv_c' || g, $1, 'cus_c' || g, 'N-' || g, 'USD', 10000, 10000, '2026-02-01', '2026-03-02' FROM generate_series(1, $2::int) g`, [org, CASES]);
  await syncCases(db, org, NOW);
});
after(async () => { await db.close(); });

async function twoTicks(): Promise<{ cases: number; planned: number; batches: number }[]> {
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) {
    // PGlite lives in this process: the same test with two ticks started together on the one database
    return Promise.all([1, 2].map(() => runTick(db, { orgId: org, now: NOW, batchSize: 20 })));
  }
  const [{ schema } = { schema: '' }] = await db.query<{ schema: string }>('SELECT current_schema() AS schema');
  // the child script bundled (test/support/cli.ts), so both are ready well before they start together
  const script = await bundledScript('tick-child', CHILD);
  const startAt = String(Date.now() + 2500);
  const outs = await Promise.all([1, 2].map(() => run(process.execPath, [...childNodeFlags, script, databaseUrl, schema, org, NOW.toISOString(), startAt, '20'])));
  return outs.map((o) => JSON.parse(o.stdout) as { cases: number; planned: number; batches: number });
}

describe('two ticks at once', () => {
  it('claim every due case once between them and plan every action exactly once', async () => {
    const results = await twoTicks();
    assert.equal(results.reduce((s, r) => s + r.cases, 0), CASES, `each case claimed by one tick only: ${JSON.stringify(results)}`);
    assert.equal(results.reduce((s, r) => s + r.planned, 0), CASES);
    const [a] = await db.query<{ n: number; keys: number; events: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT idempotency_key)::int AS keys,
         count(DISTINCT event_seq)::int AS events
       FROM actions WHERE org_id = $1 AND status = 'planned'`, [org]);
    assert.deepEqual(a, { n: CASES, keys: CASES, events: CASES });
    const again = await runTick(db, { orgId: org, now: NOW });
    assert.equal(again.cases, 0, 'nothing is left due');
  });
});
