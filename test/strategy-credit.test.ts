// Strategy performance credits each payment to the strategy version the customer's case was on when it was allocated
// (migration 105): a case moved from version 1 to version 2 leaves what it paid before with version 1; a reversal takes
// the money back from the version it was credited to, wherever the case is by then; `cobro totals check` agrees and
// `repair` rebuilds the same rows.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { checkLedgerTotals, rebuildLedgerTotals, reversePayment } from '../src/ledger/index.ts';
import { strategyPerformance } from '../src/dashboard/strategies.ts';
import type { Db } from '../src/db/index.ts';

let db: Db;
let org: string;

/** Collected per version over March, as the dashboard gives it: `str_x v1` → [[currency, amount]], versions that collected. */
async function collected(): Promise<Record<string, [string, number][]>> {
  const rows = (await strategyPerformance(db, org, '2026-03-01', '2026-03-31', 'UTC', null)).filter((r) => r.collected.length > 0);
  return Object.fromEntries(rows.map((r) => [`${r.strategy_id} v${r.version}`, r.collected.map((c) => [c.currency, c.amount] as [string, number])]));
}

const moveCase = (customer: string, version: number) =>
  db.query('UPDATE cases SET strategy_version = $3 WHERE org_id = $1 AND customer_id = $2', [org, customer, version]);

before(async () => {
  db = await testDb();
  org = await testOrg(db);
  for (const version of [1, 2]) {
    await db.query(`INSERT INTO strategies (org_id, id, version, name, definition, active) VALUES ($1, 'str_x', $2, 'X', '{}', $3)`, [org, version, version === 2]);
  }
});
after(async () => { await db.close(); });

describe('strategy performance credits a payment to the version the case was on when it was allocated', () => {
  it('keeps a payment with the version it was made under after the case moves, and takes a reversal back from it', async () => {
    const customer = (await aCustomer(db, org)).id;
    const invoice = (await anInvoice(db, org, { customer_id: customer, amount: 100_000, issue_date: '2026-02-01', due_date: '2026-02-28' })).id;
    await db.query(`INSERT INTO cases (id, org_id, customer_id, status, strategy_id, strategy_version, opened_at)
      VALUES ($1, $2, $3, 'open', 'str_x', 1, '2026-02-01T00:00:00Z')`, [`case_${customer}`, org, customer]);
    const pay = (amount: number, date: string) => aPayment(db, org, { customer_id: customer, amount, date, allocations: [{ invoice_id: invoice, amount }] });

    const first = await pay(30_000, '2026-03-02');
    await moveCase(customer, 2);
    const second = await pay(20_000, '2026-03-05');
    assert.deepEqual(await collected(), { 'str_x v2': [['USD', 20_000]], 'str_x v1': [['USD', 30_000]] });
    const stamped = await db.query<{ payment_id: string; strategy_id: string; strategy_version: number }>(
      'SELECT payment_id, strategy_id, strategy_version FROM allocations WHERE org_id = $1 ORDER BY strategy_version', [org]);
    assert.deepEqual(stamped, [{ payment_id: first.id, strategy_id: 'str_x', strategy_version: 1 }, { payment_id: second.id, strategy_id: 'str_x', strategy_version: 2 }]);
    assert.deepEqual(await checkLedgerTotals(db, org), []);

    // the first payment bounces while the case is on version 2: version 1 gives it back, version 2 keeps its own
    assert.ok((await reversePayment(db, org, 'test', first.id, 'returned')).ok);
    assert.deepEqual(await collected(), { 'str_x v2': [['USD', 20_000]] });
    // the case goes back to version 1 and one allocation of the second payment is undone on its own: version 2 gives it back
    await moveCase(customer, 1);
    await db.query('UPDATE allocations SET reversed_at = now() WHERE payment_id = $1', [second.id]);
    assert.deepEqual(await collected(), {});
    const third = await pay(5_000, '2026-03-20');
    assert.deepEqual(await collected(), { 'str_x v1': [['USD', 5_000]] });

    // corrections of the payment move the money in time or currency, never to another version
    await db.query(`UPDATE payments SET date = '2026-04-02' WHERE id = $1`, [third.id]);
    assert.deepEqual(await collected(), {});
    await db.query(`UPDATE payments SET date = '2026-03-21', currency = 'EUR' WHERE id = $1`, [third.id]);
    await moveCase(customer, 2);
    assert.deepEqual(await collected(), { 'str_x v1': [['EUR', 5_000]] });
    assert.deepEqual(await checkLedgerTotals(db, org), []);
  });

  it('credits no version with what a customer paid before their case was on one, even once it is', async () => {
    const customer = (await aCustomer(db, org)).id;
    const invoice = (await anInvoice(db, org, { customer_id: customer, amount: 50_000, issue_date: '2026-02-01', due_date: '2026-02-28' })).id;
    const before = await collected();
    await aPayment(db, org, { customer_id: customer, amount: 10_000, date: '2026-03-03', allocations: [{ invoice_id: invoice, amount: 10_000 }] });
    await db.query(`INSERT INTO cases (id, org_id, customer_id, status, strategy_id, strategy_version, opened_at)
      VALUES ($1, $2, $3, 'open', 'str_x', NULL, '2026-02-01T00:00:00Z')`, [`case_${customer}`, org, customer]);
    await aPayment(db, org, { customer_id: customer, amount: 7_000, date: '2026-03-04', allocations: [{ invoice_id: invoice, amount: 7_000 }] });
    await moveCase(customer, 2);
    assert.deepEqual(await collected(), before);
    await aPayment(db, org, { customer_id: customer, amount: 4_000, date: '2026-03-04', allocations: [{ invoice_id: invoice, amount: 4_000 }] });
    assert.deepEqual((await collected())['str_x v2'], [['USD', 4_000]]);
  });

  it('is found by `totals check` when a stored day is damaged, and `repair` rebuilds the same rows', async () => {
    const rows = () => db.query('SELECT date::text, strategy_id, strategy_version, currency, amount::int, allocations FROM strategy_collected_daily WHERE org_id = $1 ORDER BY 1, 2, 3, 4', [org]);
    const kept = await rows();
    assert.ok(kept.length >= 2, JSON.stringify(kept));
    assert.equal((await rebuildLedgerTotals(db, org)).fixed, 0);
    assert.deepEqual(await rows(), kept);
    const [gone] = await db.query<{ strategy_version: number }>(`DELETE FROM strategy_collected_daily WHERE org_id = $1
      AND ctid = (SELECT min(ctid) FROM strategy_collected_daily WHERE org_id = $1) RETURNING strategy_version`, [org]);
    await db.query('UPDATE strategy_collected_daily SET amount = amount + 1 WHERE org_id = $1 AND ctid = (SELECT min(ctid) FROM strategy_collected_daily WHERE org_id = $1)', [org]);
    const diff = await checkLedgerTotals(db, org);
    assert.equal(diff.length, 2, JSON.stringify(diff));
    assert.ok(diff.every((d) => d.table === 'strategy_collected_daily'));
    assert.ok(diff.some((d) => d.stored === null && d.key.strategy_version === String(gone!.strategy_version)), JSON.stringify(diff));
    assert.equal((await rebuildLedgerTotals(db, org)).fixed, 2);
    assert.deepEqual(await rows(), kept);
    assert.deepEqual(await checkLedgerTotals(db, org), []);
  });
});
