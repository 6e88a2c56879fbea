import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { applyAdjustment, recordPayment, reverseAdjustment, reversePayment, type AdjustmentKind } from './index.ts';

let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db); });
after(async () => { await db.close(); });

type Op =
  | { t: 'pay'; amount: number; explicit: number | null }
  | { t: 'adjust'; invoice: number; kind: AdjustmentKind; amount: number }
  | { t: 'reversePayment'; k: number }
  | { t: 'reverseAdjustment'; k: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 40_000 }), explicit: fc.option(fc.nat(3)) }),
  fc.record({ t: fc.constant('adjust' as const), invoice: fc.nat(3),
    kind: fc.constantFrom<AdjustmentKind>('late_fee', 'interest', 'discount', 'write_off', 'credit_note'), amount: fc.integer({ min: 1, max: 9_000 }) }),
  fc.record({ t: fc.constant('reversePayment' as const), k: fc.nat(20) }),
  fc.record({ t: fc.constant('reverseAdjustment' as const), k: fc.nat(20) }),
);

/** Checks every figure against the raw rows, and the customer's position against a model kept here. */
async function checkBooks(customerId: string, expectedPosition: number) {
  const invoices = await db.query<{ id: string; amount: number; balance: number }>(
    'SELECT id, amount, balance FROM invoices WHERE customer_id = $1', [customerId]);
  const allocs = await db.query<{ invoice_id: string; payment_id: string; amount: number }>(
    `SELECT l.invoice_id, l.payment_id, l.amount FROM allocations l JOIN invoices i ON i.id = l.invoice_id
     WHERE i.customer_id = $1 AND l.reversed_at IS NULL`, [customerId]);
  const adjs = await db.query<{ invoice_id: string; amount: number }>(
    `SELECT a.invoice_id, a.amount FROM adjustments a JOIN invoices i ON i.id = a.invoice_id
     WHERE i.customer_id = $1 AND a.reversed_at IS NULL`, [customerId]);
  const payments = await db.query<{ id: string; amount: number; unapplied: number; reversed: boolean }>(
    'SELECT id, amount, unapplied, reversed_at IS NOT NULL AS reversed FROM payments WHERE customer_id = $1', [customerId]);
  let position = 0;
  for (const inv of invoices) {
    const adj = adjs.filter((a) => a.invoice_id === inv.id).reduce((s, a) => s + a.amount, 0);
    const paid = allocs.filter((a) => a.invoice_id === inv.id).reduce((s, a) => s + a.amount, 0);
    assert.equal(inv.balance, inv.amount + adj - paid, `balance of ${inv.id}`);
    assert.ok(inv.balance >= 0, `balance of ${inv.id} is negative`);
    position += inv.balance;
  }
  for (const p of payments) {
    const allocated = allocs.filter((a) => a.payment_id === p.id).reduce((s, a) => s + a.amount, 0);
    if (p.reversed) assert.equal(allocated + p.unapplied, 0, `reversed payment ${p.id} still applied`);
    else assert.equal(allocated + p.unapplied, p.amount, `payment ${p.id} does not add up`);
    if (!p.reversed) position -= p.unapplied;
  }
  assert.equal(position, expectedPosition, 'owed minus credit drifted from the model');
}

it('keeps every balance exact to the unit under random payments, adjustments and reversals', async () => {
  await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 100, max: 20_000 }), { minLength: 1, maxLength: 4 }),
    fc.array(op, { minLength: 1, maxLength: 14 }), async (amounts, ops) => {
      const c = await aCustomer(db, org);
      const invoices = [];
      for (const [i, amount] of amounts.entries()) {
        invoices.push(await anInvoice(db, org, { customer_id: c.id, amount, due_date: `2026-0${i + 1}-15` }));
      }
      // the model: what the customer owes minus what they hold as credit
      let position = amounts.reduce((s, a) => s + a, 0);
      const payments: { id: string; amount: number }[] = [];
      const adjustments: { id: string; effect: number }[] = [];
      for (const o of ops) {
        if (o.t === 'pay') {
          const target = o.explicit === null ? undefined : invoices[o.explicit % invoices.length]!;
          const bal = target ? (await db.query<{ balance: number }>('SELECT balance FROM invoices WHERE id = $1', [target.id]))[0]!.balance : 0;
          const allocations = target ? [{ invoice_id: target.id, amount: Math.min(bal, o.amount) }] : undefined;
          const r = await recordPayment(db, org, 'prop', { customer_id: c.id, amount: o.amount, currency: 'USD', date: '2026-03-01',
            ...(allocations ? { allocations } : {}) });
          assert.ok(r.ok, !r.ok ? r.error.message : '');
          payments.push({ id: r.value.id, amount: o.amount });
          position -= o.amount;
        } else if (o.t === 'adjust') {
          const inv = invoices[o.invoice % invoices.length]!;
          const r = await applyAdjustment(db, org, 'prop', { invoice_id: inv.id, kind: o.kind, amount: o.amount, date: '2026-03-02' });
          if (r.ok) { adjustments.push({ id: r.value.id, effect: r.value.amount }); position += r.value.amount; }
          else assert.equal(r.error.code, 'VALIDATION_FAILED');
        } else if (o.t === 'reversePayment' && payments.length) {
          const [p] = payments.splice(o.k % payments.length, 1);
          assert.ok((await reversePayment(db, org, 'prop', p!.id, 'test')).ok);
          position += p!.amount;
        } else if (o.t === 'reverseAdjustment' && adjustments.length) {
          const k = o.k % adjustments.length;
          const a = adjustments[k]!;
          const r = await reverseAdjustment(db, org, 'prop', a.id);
          // a fee already covered by a write-off cannot be reversed alone: that would leave the invoice owing less than nothing
          if (r.ok) { adjustments.splice(k, 1); position -= a.effect; } else assert.equal(r.error.code, 'INVALID_STATE');
        }
        await checkBooks(c.id, position);
      }
    }), { numRuns: 30 });
});
