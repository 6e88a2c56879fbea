// Charge steps put late fees and interest on the ledger when the tick plans them: one adjustment per overdue invoice the
// step lists, once however often the tick runs, none on a disputed invoice, interest counted from the last interest
// charged and on the invoice's own balance, the EU compensation's fixed sum charged once per invoice; each in the timeline.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { getCase, runTick, syncCases } from '../src/engine/index.ts';
import { listAdjustments } from '../src/ledger/index.ts';
import { createStrategyVersion, replaceSegments } from '../src/strategy/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';

const MAD = (local: string) => new Date(`${local}+01:00`);
let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

async function orgWith(steps: unknown[]) {
  const org = await testOrg(db);
  const s = await createStrategyVersion(db, org, { id: 'fees', name: 'Fees', steps }, { activate: true });
  assert.ok(s.ok, JSON.stringify(s));
  assert.ok((await replaceSegments(db, org, [{ id: 'all', name: 'All', strategyId: 'fees', when: {} }])).ok);
  const c = await aCustomer(db, org, { email: 'cuentas@example.es', country: 'ES', timezone: 'Europe/Madrid' });
  return { org, customerId: c.id };
}

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('charge steps', () => {
  it('charges a fixed late fee and interest on each overdue invoice once, and not on a disputed one', async () => {
    const { org, customerId } = await orgWith([
      { id: 'fee-10', trigger: { on: 'days', days: 10 }, actions: [
        { type: 'charge', charge: 'late_fee', rule: { kind: 'fixed', amount: eur(2_500) } },
        { type: 'charge', charge: 'interest', rule: { kind: 'percentage', basisPoints: 1_200 } }] },
    ]);
    const a = await anInvoice(db, org, { customer_id: customerId, currency: 'EUR', amount: 100_000, issue_date: '2026-02-01', due_date: '2026-03-02' });
    const b = await anInvoice(db, org, { customer_id: customerId, currency: 'EUR', amount: 50_000, issue_date: '2026-02-03', due_date: '2026-03-04' });
    const d = await anInvoice(db, org, { customer_id: customerId, currency: 'EUR', amount: 70_000, issue_date: '2026-02-03', due_date: '2026-03-03' });
    await db.query('UPDATE invoices SET disputed = true WHERE id = $1', [d.id]);
    await syncCases(db, org, MAD('2026-03-12T08:00'));
    await runTick(db, { orgId: org, now: MAD('2026-03-12T08:00') });
    await runTick(db, { orgId: org, now: MAD('2026-03-12T09:00') });
    const onA = await listAdjustments(db, org, a.id);
    // 12% a year on 1,000.00 EUR for 10 days: 3.29; on 500.00 for 8 days: 1.32
    assert.deepEqual(onA.map((x) => [x.kind, x.amount, x.date]).sort(), [['interest', 329, '2026-03-12'], ['late_fee', 2_500, '2026-03-12']]);
    assert.deepEqual((await listAdjustments(db, org, b.id)).map((x) => [x.kind, x.amount]).sort(), [['interest', 132], ['late_fee', 2_500]]);
    assert.deepEqual(await listAdjustments(db, org, d.id), [], 'nothing on the disputed invoice');
    const [inv] = await db.query<{ balance: number }>('SELECT balance FROM invoices WHERE id = $1', [a.id]);
    assert.equal(Number(inv?.balance), 100_000 + 2_500 + 329);
    const detail = await getCase(db, org, customerId);
    assert.ok(detail.ok);
    const charged = detail.value.timeline.filter((e) => e.kind === 'charge_applied');
    assert.equal(charged.length, 4);
    assert.ok(charged.some((e) => /late fee on invoice .+: 25\.00 EUR/.test(e.reason)), charged.map((e) => e.reason).join('; '));
  });

  it('counts a second interest step from the first, and charges the EU compensation\'s fixed sum once', async () => {
    const { org, customerId } = await orgWith([
      { id: 'eu-30', trigger: { on: 'days', days: 30 }, actions: [
        { type: 'charge', charge: 'interest', rule: { kind: 'eu_b2b', fixedFee: eur(4_000), referenceRateBasisPoints: 215 } }] },
      { id: 'eu-60', trigger: { on: 'days', days: 60 }, actions: [
        { type: 'charge', charge: 'interest', rule: { kind: 'eu_b2b', fixedFee: eur(4_000), referenceRateBasisPoints: 215 } }] },
    ]);
    const a = await anInvoice(db, org, { customer_id: customerId, currency: 'EUR', amount: 1_000_000, issue_date: '2026-01-01', due_date: '2026-02-02' });
    await syncCases(db, org, MAD('2026-03-04T08:00'));
    await runTick(db, { orgId: org, now: MAD('2026-03-04T08:00') });
    await runTick(db, { orgId: org, now: MAD('2026-04-08T08:00') });
    const adj = (await listAdjustments(db, org, a.id)).sort((x, y) => x.date.localeCompare(y.date));
    // 10.15% a year on 10,000.00 EUR: 30 days 83.42 (+40.00 once); the second step, planned on the 8th (the tick ran
    // then), charges 35 more days on the invoice's own 10,000.00, not on the first charge: 97.33
    assert.deepEqual(adj.map((x) => [x.date, x.amount]), [['2026-03-04', 4_000 + 8_342], ['2026-04-08', 9_733]]);
    assert.match(adj[1]!.reason ?? '', /interest only/);
  });

  it('says in the timeline why an EU charge without its reference rate was not applied', async () => {
    const { org, customerId } = await orgWith([
      { id: 'eu-30', trigger: { on: 'days', days: 30 }, actions: [{ type: 'charge', charge: 'interest', rule: { kind: 'eu_b2b', fixedFee: eur(4_000) } }] },
    ]);
    const a = await anInvoice(db, org, { customer_id: customerId, currency: 'EUR', amount: 10_000, issue_date: '2026-01-01', due_date: '2026-02-02' });
    await syncCases(db, org, MAD('2026-03-04T08:00'));
    await runTick(db, { orgId: org, now: MAD('2026-03-04T08:00') });
    assert.deepEqual(await listAdjustments(db, org, a.id), []);
    const detail = await getCase(db, org, customerId);
    assert.ok(detail.ok);
    assert.match(detail.value.timeline.find((e) => e.kind === 'charge_not_applied')?.reason ?? '', /reference rate/);
  });
});
