// Champion/challenger results as of a date read what the ledger held of that day (payments, reversals and fees after it
// count for nothing), and the tick records arms only in an org that runs an experiment.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db, Queryable } from '../src/db/index.ts';
import { replanCase, runTick, syncCases } from '../src/engine/index.ts';
import { createExperiment, customerOutcomes, experimentResults, type CustomerOutcome, type Experiment } from '../src/experiments/index.ts';
import { applyAdjustment, reversePayment } from '../src/ledger/index.ts';
import { createStrategyVersion, ensureDefaults, getStrategy } from '../src/strategy/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

/** The tick's statements, on the database and in its transactions. */
function recording(): { db: Db; seen: string[] } {
  const seen: string[] = [];
  const wrap = (q: Queryable): Queryable => ({ ...q, query: (sql, params, name) => { seen.push(sql); return q.query(sql, params, name); } });
  return { db: { ...db, ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) }, seen };
}
const assignmentInserts = (seen: string[]) => seen.filter((s) => /INSERT INTO experiment_assignments/.test(s)).length;

async function owingCustomers(org: string, n: number) {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = await aCustomer(db, org, { email: 'ap@example.com', country: 'US', timezone: 'America/New_York' });
    await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-03-01', due_date: '2026-03-16', amount: 10_000 });
    out.push(c.id);
  }
  return out;
}

async function anExperiment(org: string): Promise<Experiment> {
  await ensureDefaults(db, org);
  const v1 = await getStrategy(db, org, 'smb-default');
  assert.ok(v1.ok);
  assert.ok((await createStrategyVersion(db, org, { ...v1.value.definition, name: 'SMB: challenger' })).ok);
  const e = await createExperiment(db, org, { name: 'as of', strategy_id: 'smb-default', champion_version: 1, challenger_version: 2, share: 0.5, min_per_arm: 2 },
    '2026-03-01', new Date('2026-03-01T12:00:00Z'));
  assert.ok(e.ok);
  return { ...e.value, share: Number(e.value.share) };
}

const figures = (xs: CustomerOutcome[], id: string) => {
  const x = xs.find((c) => c.customer_id === id);
  assert.ok(x, id);
  return [x.by_currency.map((y) => [y.currency, y.collected, y.open_balance]), x.paid_allocated, x.paid_days_weighted];
};

describe('experiment results as of a date', () => {
  it('counts what was paid and still owed by the as-of date, the same when read again after later payments, reversals and fees', async () => {
    const org = await testOrg(db);
    const [a, b, c] = (await owingCustomers(org, 3)) as [string, string, string];
    await syncCases(db, org, new Date('2026-03-17T15:00:00Z'));
    const e = await anExperiment(org);
    const r = recording();
    const tick = await runTick(r.db, { orgId: org, now: new Date('2026-03-17T15:00:00Z') });
    assert.equal(tick.cases, 3);
    assert.equal(assignmentInserts(r.seen), 1, 'an org with a running experiment records its arms, one statement for the batch');
    const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM experiment_assignments WHERE org_id = $1 AND experiment_id = $2', [org, e.id]);
    assert.equal(n?.n, 3);

    // by the 20th: a paid 4,000 on the 18th, b all on the 19th, c nothing
    await aPayment(db, org, { customer_id: a, amount: 4_000, date: '2026-03-18' });
    const bPaid = await aPayment(db, org, { customer_id: b, amount: 10_000, date: '2026-03-19' });
    const onThe20th = await customerOutcomes(db, org, e, '2026-03-20');
    assert.deepEqual(figures(onThe20th, a), [[['USD', 4_000, 6_000]], 4_000, 4_000 * 2]);
    assert.deepEqual(figures(onThe20th, b), [[['USD', 10_000, 0]], 10_000, 10_000 * 3]);
    assert.deepEqual(figures(onThe20th, c), [[['USD', 0, 10_000]], 0, 0]);

    // later: a pays the rest on the 25th, b's payment is reversed on the 22nd, c is charged a late fee on the 24th
    await aPayment(db, org, { customer_id: a, amount: 6_000, date: '2026-03-25' });
    assert.ok((await reversePayment(db, org, 'test', bPaid.id, 'bounced')).ok);
    // the ledger stamps a reversal with the database's clock: moved to the 22nd as if it had been made then
    await db.query(`UPDATE payments SET reversed_at = '2026-03-22T14:00:00Z' WHERE id = $1`, [bPaid.id]);
    await db.query(`UPDATE allocations SET reversed_at = '2026-03-22T14:00:00Z' WHERE payment_id = $1`, [bPaid.id]);
    const [cInvoice] = await db.query<{ id: string }>('SELECT id FROM invoices WHERE org_id = $1 AND customer_id = $2', [org, c]);
    assert.ok((await applyAdjustment(db, org, 'test', { invoice_id: cInvoice!.id, kind: 'late_fee', amount: 500, date: '2026-03-24' })).ok);

    assert.deepEqual(await customerOutcomes(db, org, e, '2026-03-20'), onThe20th, 'the 20th reads the same after what happened later');
    const onThe21st = await customerOutcomes(db, org, e, '2026-03-21');
    assert.deepEqual(figures(onThe21st, b), [[['USD', 10_000, 0]], 10_000, 30_000], 'not reversed yet on the 21st');
    const onThe22nd = await customerOutcomes(db, org, e, '2026-03-22');
    assert.deepEqual(figures(onThe22nd, b), [[['USD', 0, 10_000]], 0, 0], 'reversed on the 22nd: owed again, nothing collected');
    assert.deepEqual(figures(onThe22nd, c), [[['USD', 0, 10_000]], 0, 0], 'the fee of the 24th not yet owed');

    // as of the last day, today's ledger: each open balance is the invoices' balance now
    const last = await customerOutcomes(db, org, e, '2026-03-31');
    assert.deepEqual(figures(last, a), [[['USD', 10_000, 0]], 10_000, 4_000 * 2 + 6_000 * 9]);
    assert.deepEqual(figures(last, b), [[['USD', 0, 10_000]], 0, 0]);
    assert.deepEqual(figures(last, c), [[['USD', 0, 10_500]], 0, 0]);
    const now = await db.query<{ customer_id: string; balance: number }>(
      'SELECT customer_id, sum(balance)::int AS balance FROM invoices WHERE org_id = $1 GROUP BY customer_id ORDER BY customer_id', [org]);
    assert.deepEqual(now.map((x) => [x.customer_id, x.balance]), last.map((x) => [x.customer_id, x.by_currency[0]!.open_balance]));

    const results = await experimentResults(db, org, e.id, '2026-03-20');
    assert.ok(results.ok);
    assert.deepEqual(results.value.arms.flatMap((x) => x.collected).reduce((s, x) => s + x.amount, 0), 14_000, 'both arms: 4,000 and 10,000');
  });

  it('issues no assignment insert in an org with no running experiment, from the tick or a re-plan', async () => {
    const org = await testOrg(db);
    const [first] = (await owingCustomers(org, 2)) as [string, string];
    await syncCases(db, org, new Date('2026-03-17T15:00:00Z'));
    const r = recording();
    const tick = await runTick(r.db, { orgId: org, now: new Date('2026-03-17T15:00:00Z') });
    assert.equal(tick.cases, 2);
    assert.ok(tick.planned > 0);
    await aPayment(db, org, { customer_id: first, amount: 1_000, date: '2026-03-18' });
    await replanCase(r.db, org, first, new Date('2026-03-18T15:00:00Z'));
    assert.equal(assignmentInserts(r.seen), 0);
    assert.ok(r.seen.some((s) => /FROM experiments e/.test(s)), 'the planning read the running experiments, which is how the tick knows');
  });
});
