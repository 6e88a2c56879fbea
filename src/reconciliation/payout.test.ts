// a bank line for money a gateway already paid out is never applied by itself, and a file imported twice adds nothing.
// (Payouts are not recognised as such yet: the line waits in the review queue, where a person decides.)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice, aPayment } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { getInvoice, listPayments } from '../ledger/index.ts';
import { importStatement } from './index.ts';
import { mt940 } from './testing/mt940-builder.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });
const now = () => new Date('2026-03-15T12:00:00Z');

describe('a gateway payout on the bank statement', () => {
  it('R-6: the payout line of an invoice Stripe already paid credits neither it nor another by itself, and twice adds nothing', async () => {
    const org = await testOrg(db);
    const customer = await aCustomer(db, org, { name: 'Acme Industrial GmbH' });
    const paid = await anInvoice(db, org, { customer_id: customer.id, currency: 'EUR', number: 'F-2001', amount: 10_000 });
    const open = await anInvoice(db, org, { customer_id: customer.id, currency: 'EUR', number: 'F-2002', amount: 10_000 });
    await aPayment(db, org, { customer_id: customer.id, amount: 10_000, currency: 'EUR', date: '2026-03-02', source: 'stripe', external_id: 'stripe:pi_1',
      allocations: [{ invoice_id: paid.id, amount: 10_000 }] });
    const file = Buffer.from(mt940([{ date: '260304', mark: 'C', amount: '100,00', name: 'STRIPE PAYMENTS EUROPE LTD', text: 'STRIPE PAYOUT po_1 F-2001' }]));
    const first = await importStatement(db, org, file, { filename: 'payout.sta', actor: 'test', now });
    assert.ok(first.ok, first.ok ? '' : first.error.message);
    assert.equal(first.value.reconciliation.matched, 0, 'nothing applied by itself');
    const again = await importStatement(db, org, file, { filename: 'payout.sta', actor: 'test', now });
    assert.ok(again.ok);
    assert.deepEqual([again.value.new_lines, again.value.duplicates], [0, 1]);
    const payments = (await listPayments(db, org, { customer_id: customer.id })).data;
    assert.deepEqual(payments.map((p) => [p.source, p.amount]), [['stripe', 10_000]], 'one payment: the gateway\'s');
    for (const [id, status] of [[paid.id, 'paid'], [open.id, 'open']] as const) {
      const r = await getInvoice(db, org, id);
      assert.ok(r.ok);
      assert.equal(r.value.status, status);
    }
  });
});
