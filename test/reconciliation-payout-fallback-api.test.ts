// A Stripe payout whose payout.reconciliation_completed never reaches cobro: reads keep showing it pending Stripe's
// reconciliation, so from the third read on cobro first reads the payout itself (GET /v1/payouts/{id}) and settles from
// what Stripe says: completed, its transactions are read as final and checked (a real shortfall is NET_MISMATCH for
// review, not pending for ever); failed, the payout is handled as payout.failed would be (its state kept, the bank line
// settled on it alone sent back to matching) and is not read again.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { importStatement } from '../src/reconciliation/index.ts';
import { mt940 } from '../src/reconciliation/testing/mt940-builder.ts';
import { formatMinor } from '../src/domain/money.ts';
import { stripePayouts, type StripePayouts } from './support/stripe-payouts.ts';

let s: StripePayouts;
let pis: string[] = [];
before(async () => {
  s = await stripePayouts('payout_fallback');
  pis = [await s.pay('EUR', 120_00), await s.pay('EUR', 80_50)];
});
after(async () => { await s.close(); });

const later = (ms: number) => { s.now = new Date(s.now.getTime() + ms); };
const HOUR = 3_600_000;

/** Delivers payout.paid for a payout Stripe is still reconciling and lets two worker rounds read it: pending both times. */
async function pendingTwice(opts: { amountDelta?: number } = {}) {
  const payout = s.balance.payout(pis, { reconciling: true, ...opts });
  const id = payout.id as string;
  await s.deliver(s.paid(payout));
  for (let i = 0; i < 2; i++) {
    assert.deepEqual(await s.round(), { tried: 1, fetched: 1, failed: 0 });
    later(7 * HOUR);
  }
  const b = await s.show(id);
  assert.deepEqual([b.breakdown.check.result, b.breakdown.fetch.attempts, b.breakdown.fetch.reconciliation_status], ['pending_reconciliation', 2, 'in_progress']);
  // read once before its first read (is it automatic?), not while the reads were few
  assert.equal(s.balance.payoutReads.filter((x) => x === id).length, 1);
  return payout;
}

describe('a Stripe payout whose reconciliation event never comes', () => {
  it('is read from Stripe itself once reads keep showing it pending: completed, its shortfall is for review', async () => {
    const payout = await pendingTwice({ amountDelta: -1_00 });
    const id = payout.id as string;
    s.balance.reconcile(payout); // Stripe finished reconciling it; the event is lost
    assert.deepEqual(await s.round(), { tried: 1, fetched: 1, failed: 0 });
    assert.equal(s.balance.payoutReads.filter((x) => x === id).length, 2);
    const b = await s.show(id);
    assert.deepEqual([b.breakdown.fetch.reconciliation_status, b.breakdown.fetch.attempts, b.breakdown.fetch.next_attempt_at, b.breakdown.fetch.transactions],
      ['completed', 0, null, 3]);
    assert.notEqual(b.breakdown.fetch.payout_read_at, null);
    assert.deepEqual([b.breakdown.check.result, b.breakdown.check.difference, b.breakdown.check.issues.map((i) => i.code)], ['review', -1_00, ['NET_MISMATCH']]);
    assert.deepEqual(await s.round(), { tried: 0, fetched: 0, failed: 0 }, 'final: not read again');
  });

  it('balances one that adds up once Stripe says it is reconciled', async () => {
    const payout = await pendingTwice();
    s.balance.reconcile(payout);
    await s.round();
    const b = await s.show(payout.id as string);
    assert.deepEqual([b.breakdown.check.result, b.breakdown.fetch.reconciliation_status, b.breakdown.fetch.next_attempt_at], ['balanced', 'completed', null]);
  });

  it('handles one Stripe says failed as payout.failed would: its bank line back to matching, not read again', async () => {
    // an amount no other payout here has, so the bank line is this payout's alone
    const payout = await pendingTwice({ amountDelta: 2_00 });
    const id = payout.id as string;
    const reported = await s.show(id);
    // the bank credit of the payout's amount naming Stripe, settled on the reported payout alone
    const file = mt940([{ date: reported.arrival_date.slice(2).replaceAll('-', ''), mark: 'C', amount: formatMinor(reported.amount, 'EUR').replace('.', ','), name: 'STRIPE TECHNOLOGY EUROPE', text: 'ST-4711' }], { id: 'FB1' });
    const imported = await importStatement(s.t.db, s.t.org, Buffer.from(file), { filename: 'fb1.sta', actor: 'test', now: () => s.now });
    assert.ok(imported.ok && imported.value.reconciliation.payout === 1, imported.ok ? JSON.stringify(imported.value.reconciliation) : imported.error.message);
    assert.deepEqual((await s.show(id)).lines.map((l) => [l.status, l.basis]), [['payout', 'reported']]);

    s.balance.fail(payout, 'account_closed'); // no payout.failed reaches cobro
    assert.deepEqual(await s.round(), { tried: 1, fetched: 1, failed: 0 });
    const b = await s.show(id);
    assert.deepEqual([b.status, b.failure_code], ['failed', 'account_closed']);
    assert.deepEqual(b.lines.map((l) => [l.status, l.basis]), [['withdrawn', 'reported']]);
    assert.notEqual(b.lines[0]?.match_state, 'payout');
    const [audit] = await s.t.db.query<{ actor: string }>(`SELECT actor FROM audit_log WHERE org_id = $1 AND action = 'statement_line.not_payout'`, [s.t.org]);
    assert.equal(audit?.actor, 'gateway:stripe');
    later(7 * HOUR);
    assert.deepEqual(await s.round(), { tried: 0, fetched: 0, failed: 0 }, 'a lost payout is not read again');
  });
});
