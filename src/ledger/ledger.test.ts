import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice, aPayment } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import {
  applyAdjustment, reverseAdjustment, recordPayment, reversePayment, getInvoice, cancelInvoice,
  setInvoiceDisputed, customerBalance, listInvoices, agingReport,
} from './index.ts';
import { auditTrail } from '../audit/index.ts';

let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db); });
after(async () => { await db.close(); });

async function invoice(id: string) {
  const r = await getInvoice(db, org, id);
  assert.ok(r.ok);
  return r.value;
}

describe('payments and allocations', () => {
  it('pays the oldest due invoice first when no allocation is given', async () => {
    const c = await aCustomer(db, org);
    const newer = await anInvoice(db, org, { customer_id: c.id, due_date: '2026-03-01', amount: 5_000 });
    const older = await anInvoice(db, org, { customer_id: c.id, due_date: '2026-02-01', amount: 3_000 });
    await aPayment(db, org, { customer_id: c.id, amount: 4_000 });
    assert.equal((await invoice(older.id)).status, 'paid');
    const n = await invoice(newer.id);
    assert.equal(n.balance, 4_000);
    assert.equal(n.status, 'partially_paid');
  });

  it('keeps an overpayment as customer credit', async () => {
    const c = await aCustomer(db, org);
    await anInvoice(db, org, { customer_id: c.id, amount: 1_000 });
    const p = await aPayment(db, org, { customer_id: c.id, amount: 1_500 });
    assert.equal(p.unapplied, 500);
    assert.deepEqual(await customerBalance(db, org, c.id), [{ currency: 'USD', open: 0, credit: 500, invoices: 0 }]);
  });

  it('refuses an allocation in another currency, naming the field', async () => {
    const c = await aCustomer(db, org);
    const inv = await anInvoice(db, org, { customer_id: c.id, currency: 'MXN' });
    const r = await recordPayment(db, org, 't', { customer_id: c.id, amount: 100, currency: 'USD', date: '2026-02-01',
      allocations: [{ invoice_id: inv.id, amount: 100 }] });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'CURRENCY_MISMATCH');
    assert.equal(!r.ok && r.error.field, 'allocations[0].invoice_id');
  });

  it('restores the balance when a payment is reversed', async () => {
    const c = await aCustomer(db, org);
    const inv = await anInvoice(db, org, { customer_id: c.id, amount: 2_000 });
    const p = await aPayment(db, org, { customer_id: c.id, amount: 2_000 });
    assert.equal((await invoice(inv.id)).status, 'paid');
    const r = await reversePayment(db, org, 't', p.id, 'returned transfer');
    assert.ok(r.ok);
    const after = await invoice(inv.id);
    assert.equal(after.balance, 2_000);
    assert.equal(after.status, 'open');
    const trail = await auditTrail(db, org, 'payment', p.id);
    assert.deepEqual(trail.map((e) => e.action), ['payment.recorded', 'payment.reversed']);
  });
});

describe('adjustments and statuses', () => {
  it('adds a late fee and subtracts a discount', async () => {
    const c = await aCustomer(db, org);
    const inv = await anInvoice(db, org, { customer_id: c.id, amount: 10_000 });
    assert.ok((await applyAdjustment(db, org, 't', { invoice_id: inv.id, kind: 'late_fee', amount: 4_000, date: '2026-02-10' })).ok);
    assert.ok((await applyAdjustment(db, org, 't', { invoice_id: inv.id, kind: 'discount', amount: 1_000, date: '2026-02-11' })).ok);
    assert.equal((await invoice(inv.id)).balance, 13_000);
  });

  it('marks an invoice written off when a write-off clears it', async () => {
    const c = await aCustomer(db, org);
    const inv = await anInvoice(db, org, { customer_id: c.id, amount: 700 });
    await applyAdjustment(db, org, 't', { invoice_id: inv.id, kind: 'write_off', amount: 700, date: '2026-05-01' });
    assert.equal((await invoice(inv.id)).status, 'written_off');
  });

  it('refuses a credit note larger than the balance', async () => {
    const c = await aCustomer(db, org);
    const inv = await anInvoice(db, org, { customer_id: c.id, amount: 700 });
    const r = await applyAdjustment(db, org, 't', { invoice_id: inv.id, kind: 'credit_note', amount: 701, date: '2026-05-01' });
    assert.equal(!r.ok && r.error.field, 'amount');
  });

  it('gives a paid fee back as credit when the fee is reversed', async () => {
    const c = await aCustomer(db, org);
    const inv = await anInvoice(db, org, { customer_id: c.id, amount: 1_000 });
    const fee = await applyAdjustment(db, org, 't', { invoice_id: inv.id, kind: 'late_fee', amount: 200, date: '2026-02-10' });
    assert.ok(fee.ok);
    await aPayment(db, org, { customer_id: c.id, amount: 1_200 });
    await reverseAdjustment(db, org, 't', fee.value.id);
    const after = await invoice(inv.id);
    assert.equal(after.balance, 0);
    assert.equal(after.status, 'paid');
    assert.deepEqual((await customerBalance(db, org, c.id)).map((b) => b.credit), [200]);
  });

  it('shows a disputed invoice as disputed and a cancelled one as cancelled', async () => {
    const c = await aCustomer(db, org);
    const a = await anInvoice(db, org, { customer_id: c.id });
    const b = await anInvoice(db, org, { customer_id: c.id });
    await setInvoiceDisputed(db, org, 't', a.id, true);
    await cancelInvoice(db, org, 't', b.id);
    assert.equal((await invoice(a.id)).status, 'disputed');
    assert.equal((await invoice(b.id)).status, 'cancelled');
    const p = await aPayment(db, org, { customer_id: c.id, amount: 100 });
    assert.equal(p.unapplied, 100, 'automatic allocation skips disputed and cancelled invoices');
  });
});

describe('lists and aging', () => {
  it('filters invoices by days past due and paginates with a cursor', async () => {
    const c = await aCustomer(db, org);
    for (const due of ['2026-01-01', '2026-02-01', '2026-03-01']) await anInvoice(db, org, { customer_id: c.id, due_date: due, issue_date: '2025-12-01' });
    const late = await listInvoices(db, org, { customer_id: c.id, dpd_min: 40, as_of: '2026-03-15' });
    assert.deepEqual(late.data.map((i) => i.due_date), ['2026-01-01', '2026-02-01']);
    const first = await listInvoices(db, org, { customer_id: c.id, limit: 2 });
    assert.equal(first.has_more, true);
    const second = await listInvoices(db, org, { customer_id: c.id, limit: 2, cursor: first.next_cursor! });
    assert.equal(second.data.length, 1);
    assert.equal(second.has_more, false);
  });

  it('ages balances as they stood on the date asked', async () => {
    const c = await aCustomer(db, org, { name: 'Aging Co' });
    await anInvoice(db, org, { customer_id: c.id, amount: 1_000, currency: 'EUR', issue_date: '2026-01-01', due_date: '2026-01-10' });
    await anInvoice(db, org, { customer_id: c.id, amount: 2_000, currency: 'EUR', issue_date: '2026-01-01', due_date: '2026-03-01' });
    await aPayment(db, org, { customer_id: c.id, amount: 1_000, currency: 'EUR', date: '2026-03-05' });
    const before = await agingReport(db, org, '2026-03-01', { customerId: c.id });
    assert.deepEqual(before.totals.map((t) => [t.currency, t.current, t.d31_60, t.total]), [['EUR', 2_000, 1_000, 3_000]]);
    const later = await agingReport(db, org, '2026-03-10', { customerId: c.id });
    assert.deepEqual(later.totals.map((t) => [t.d1_30, t.total]), [[2_000, 2_000]]);
  });
});

describe('reversing an adjustment', () => {
  it('refuses to reverse a fee a write-off already covers, which would leave the invoice owing less than nothing', async () => {
    const c = await aCustomer(db, org);
    const inv = await anInvoice(db, org, { customer_id: c.id, amount: 100 });
    const fee = await applyAdjustment(db, org, 't', { invoice_id: inv.id, kind: 'late_fee', amount: 1, date: '2026-02-10' });
    assert.ok(fee.ok);
    await applyAdjustment(db, org, 't', { invoice_id: inv.id, kind: 'write_off', amount: 101, date: '2026-02-11' });
    const r = await reverseAdjustment(db, org, 't', fee.value.id);
    assert.equal(!r.ok && r.error.code, 'INVALID_STATE');
    assert.equal((await invoice(inv.id)).balance, 0);
  });
});
