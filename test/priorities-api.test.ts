// The worklist ordered by the expected value of acting, through the API on a real database: scores read in one query,
// the org's lift factors changing the order, the value's parts in each task.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { syncCases } from '../src/engine/index.ts';
import { worklist } from '../src/tasks/index.ts';
import type { Queryable } from '../src/db/index.ts';

const clock = new Date('2026-03-17T12:00:00Z');
let t: TestApi;
before(async () => { t = await testApi(() => clock); });
after(async () => { await t.close(); });

interface Value { action: string; balance: number; source: string; recovery_without_action: number; lift: number; recovery_with_action: number;
  gain: number; minutes: number; minute_cost: number | null; cost: number | null; expected_value: number; in_minutes: number | null }
interface Item { id: string; customer_id: string; rank: number; score: number; basis: string; reason: string; action: string; expected_value: number; value_of_acting: Value }

async function scored(runId: string, invoiceId: string, customerId: string, balance: number, recovery: number) {
  await t.db.query(`INSERT INTO scores (run_id, org_id, invoice_id, customer_id, currency, balance, probability_late, expected_days_late, expected_recovery, reasons)
    VALUES ($1, $2, $3, $4, 'USD', $5, 1, 60, $6, $7)`,
  [runId, t.org, invoiceId, customerId, balance, Math.round(balance * recovery), JSON.stringify([{ feature: 'days_past_due', effect: 1, text: 'already 44 days past due' }])]);
}

/** A customer 44 days past due on one invoice, with a score expecting `recovery` of it, and a task of `kind` on their case. */
async function debtor(name: string, balance: number, recovery: number, kind: 'call' | 'negotiate'): Promise<{ customer: string; task: string }> {
  const c = await aCustomer(t.db, t.org, { name, external_id: name });
  const i = await anInvoice(t.db, t.org, { customer_id: c.id, amount: balance, issue_date: '2026-01-01', due_date: '2026-02-01' });
  await scored('scr_p', i.id, c.id, balance, recovery);
  await syncCases(t.db, t.org, clock, { customerIds: [c.id] });
  const [cs] = await t.db.query<{ id: string }>('SELECT id FROM cases WHERE org_id = $1 AND customer_id = $2', [t.org, c.id]);
  const r = await t.app.inject({ method: 'POST', url: '/v1/tasks', headers: bearer(t.keys.admin),
    payload: { case_id: cs!.id, kind, due_date: '2026-03-17', assigned_to: null } });
  assert.equal(r.statusCode, 201, r.body);
  return { customer: c.id, task: r.json().id as string };
}

const listed = async (ids: string[]): Promise<Item[]> => {
  const r = await t.app.inject({ method: 'GET', url: '/v1/worklist?scope=all&date=2026-03-17', headers: bearer(t.keys.viewer) });
  assert.equal(r.statusCode, 200, r.body);
  return (r.json().data as Item[]).filter((i) => ids.includes(i.id));
};

describe('the worklist by expected value', () => {
  const task = { big: '', mid: '', safe: '' };

  before(async () => {
    await t.db.query(`INSERT INTO score_models (id, org_id, version, kind, trained_as_of, trained_at, model, evaluation, active)
      VALUES ('scm_p', $1, 1, 'scorecard', '2026-03-01', '2026-03-01T00:00:00Z', '{}', '{}', true)`, [t.org]);
    await t.db.query(`INSERT INTO score_runs (id, org_id, model_id, as_of, status, invoices, started_at, finished_at)
      VALUES ('scr_p', $1, 'scm_p', '2026-03-16', 'done', 3, '2026-03-16T00:00:00Z', '2026-03-16T00:05:00Z')`, [t.org]);
    // 5,000.00 negotiated, 40% expected without it: 500,000 × 0.25 × 0.6 = 75,000, less 15 minutes at 0.50 = 74,250
    task.big = (await debtor('Big Lift', 500_000, 0.4, 'negotiate')).task;
    // 1,000.00 called, 40% expected: 100,000 × 0.1 × 0.6 = 6,000 - 300 = 5,700
    task.mid = (await debtor('Mid Call', 100_000, 0.4, 'call')).task;
    // the largest balance, but the score expects 95% of it anyway: 800,000 × 0.1 × 0.05 = 4,000 - 300 = 3,700
    task.safe = (await debtor('Safe Giant', 800_000, 0.95, 'call')).task;
  });

  it('ranks a high-balance, high-lift task above lower ones, and the largest balance the score expects to come in last', async () => {
    const items = await listed(Object.values(task));
    assert.deepEqual(items.map((i) => [i.id, i.action, i.expected_value]), [[task.big, 'negotiate', 74_250], [task.mid, 'call', 5_700], [task.safe, 'call', 3_700]]);
    assert.ok(items[0]!.rank < items[1]!.rank && items[1]!.rank < items[2]!.rank);
    assert.deepEqual(items[0]!.value_of_acting, { action: 'negotiate', currency: 'USD', balance: 500_000, source: 'score', recovery_without_action: 0.4, lift: 0.25,
      recovery_with_action: 0.55, gain: 75_000, minutes: 15, minute_cost: 50, cost: 750, expected_value: 74_250, in_minutes: 1485 });
    assert.equal(items[0]!.basis, 'score');
    assert.match(items[0]!.reason, /5000\.00 USD past due on 1 invoice, the oldest 44 days.*100% likely to pay late \(already 44 days past due\); value of negotiating: 5000\.00 USD × 15\.0 points more recovery \(40\.0% without it, from the latest score, 55\.0% with it: a lift of 25\.0% of the rest\) = 750\.00, less 15 minutes at 0\.50 = 7\.50: 742\.50 USD expected/);
  });

  it('follows the org\'s lift factors, which managers change and others may not', async () => {
    assert.equal((await t.app.inject({ method: 'PUT', url: '/v1/worklist/settings', headers: bearer(t.keys.collector), payload: { lift: { negotiate: 0.01 } } })).statusCode, 403);
    const bad = await t.app.inject({ method: 'PUT', url: '/v1/worklist/settings', headers: bearer(t.keys.manager), payload: { lift: { negotiate: 1.5 } } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /negotiate/);
    const r = await t.app.inject({ method: 'PUT', url: '/v1/worklist/settings', headers: bearer(t.keys.manager), payload: { lift: { negotiate: 0.01 }, minute_cost: { ARS: 40 } } });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual([r.json().lift.negotiate, r.json().lift.call, r.json().minute_cost.ARS, r.json().minute_cost.USD], [0.01, 0.1, 40, 50]);
    // 500,000 × 0.01 × 0.6 = 3,000 - 750 = 2,250: now below both calls
    assert.deepEqual((await listed(Object.values(task))).map((i) => [i.id, i.expected_value]), [[task.mid, 5_700], [task.safe, 3_700], [task.big, 2_250]]);
    const read = await t.app.inject({ method: 'GET', url: '/v1/worklist/settings', headers: bearer(t.keys.viewer) });
    assert.equal(read.json().lift.negotiate, 0.01);
    const reset = await t.app.inject({ method: 'PUT', url: '/v1/worklist/settings', headers: bearer(t.keys.admin), payload: { reset: true } });
    assert.deepEqual([reset.json().lift.negotiate, reset.json().minute_cost.ARS], [0.25, undefined]);
    assert.equal((await listed(Object.values(task)))[0]!.id, task.big);
  });

  it('reads the scores with a fixed number of queries, however many customers are on the list', async () => {
    let n = 0;
    const counting: Queryable = { query: (sql, params) => { n += 1; return t.db.query(sql, params); }, copyCsv: (a, b, c) => t.db.copyCsv(a, b, c) };
    const count = async (limit: number) => {
      n = 0;
      const w = await worklist(counting, t.org, { role: 'admin', userId: null }, { date: '2026-03-17', scope: 'all', limit }, clock);
      assert.ok(w.ok && w.value.data.length === limit);
      return n;
    };
    assert.equal(await count(1), await count(3));
  });
});
