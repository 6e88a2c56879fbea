import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPayout, type StoredTransaction } from './payout-breakdown.ts';

let n = 0;
function aTxn(o: Partial<StoredTransaction> & { amount: number }): StoredTransaction {
  const fee = o.fee ?? 0;
  n++;
  return { txn_id: `txn_${n}`, type: 'charge', reporting_category: 'charge', currency: 'EUR', source_id: `ch_${n}`, charge_id: `ch_${n}`,
    payment_intent: `pi_${n}`, description: null, created_at: '2026-03-01T00:00:00Z', payment: null, ...o, fee, net: o.net ?? o.amount - fee };
}
const paid = (ref: string, captured: number, currency = 'EUR') => ({ payment_ref: ref, payment_id: `pay_${ref}`, customer_id: 'cus_1', link_id: 'plk_1', captured, currency });
const payout = (amount: number, txn_state: 'fetched' | 'pending' | 'failed' = 'fetched') => ({ payout_id: 'po_1', amount, currency: 'EUR', txn_state });

describe('a payout checked against the balance transactions it carried', () => {
  const a = aTxn({ amount: 100_00, fee: 3_20, payment_intent: 'pi_a', payment: paid('pi_a', 100_00) });
  const b = aTxn({ amount: 50_00, fee: 1_75, payment_intent: 'pi_b', payment: paid('pi_b', 50_00) });
  const refundB = aTxn({ type: 'refund', reporting_category: 'refund', amount: -20_00, fee: 0, source_id: 're_1', charge_id: b.charge_id, payment_intent: 'pi_b',
    payment: paid('pi_b', 50_00) });
  const itself = aTxn({ type: 'payout', reporting_category: 'payout', amount: -125_05, source_id: 'po_1', charge_id: null, payment_intent: null });

  it('balances when the amount equals the net carried, leaving the payout\'s own transaction out, with fees per payment', () => {
    const c = checkPayout(payout(125_05), [itself, a, b, refundB]);
    assert.deepEqual([c.result, c.gross, c.fees, c.net, c.difference, c.issues], ['balanced', 130_00, 4_95, 125_05, 0, []]);
    assert.deepEqual(c.payments.map((p) => [p.payment_id, p.gross, p.fees, p.net, p.txn_ids.length]),
      [['pay_pi_a', 100_00, 3_20, 96_80, 1], ['pay_pi_b', 30_00, 1_75, 28_25, 2]]);
  });

  it('flags a payout whose amount differs from the net it carried, by how much', () => {
    const c = checkPayout(payout(125_00), [itself, a, b, refundB]);
    assert.equal(c.result, 'review');
    assert.deepEqual(c.issues.map((i) => [i.code, i.field]), [['NET_MISMATCH', 'net']]);
    assert.equal(c.difference, -5);
    assert.match(c.issues[0]!.message, /125\.00 EUR.*125\.05 EUR.*-0\.05 EUR/);
  });

  it('flags a charge that is no cobro payment, and one whose gross or currency differs from its payment', () => {
    const unknown = aTxn({ amount: 10_00, fee: 59, payment_intent: 'pi_x' });
    const short = aTxn({ amount: 40_00, fee: 1_46, payment_intent: 'pi_s', payment: paid('pi_s', 45_00) });
    const dollars = aTxn({ amount: 30_00, fee: 1_17, currency: 'USD', payment_intent: 'pi_d', payment: paid('pi_d', 30_00, 'USD') });
    const c = checkPayout(payout(unknown.net + short.net + dollars.net), [unknown, short, dollars]);
    assert.deepEqual(c.issues.map((i) => [i.code, i.field, i.txn_id]),
      [['UNKNOWN_CHARGE', 'payment_intent', unknown.txn_id], ['AMOUNT_MISMATCH', 'amount', short.txn_id], ['CURRENCY_MISMATCH', 'currency', dollars.txn_id]]);
    assert.match(c.issues[0]!.message, /charge pi_x .* is no payment cobro recorded/);
    assert.equal(c.result, 'review');
  });

  it('shows a net short of the amount as pending while Stripe reconciles the payout, other issues still for review', () => {
    const reconciling = { ...payout(125_05), reconciliation_status: 'in_progress' };
    const c = checkPayout(reconciling, [itself, a]);
    assert.deepEqual([c.result, c.reconciliation_status, c.issues, c.difference], ['pending_reconciliation', 'in_progress', [], 125_05 - a.net]);
    const unknown = aTxn({ amount: 10_00, payment_intent: 'pi_u' });
    assert.deepEqual(checkPayout(reconciling, [a, unknown]).issues.map((i) => i.code), ['UNKNOWN_CHARGE']);
    assert.equal(checkPayout({ ...payout(125_00), reconciliation_status: 'completed' }, [a]).issues[0]?.code, 'NET_MISMATCH');
  });

  it('flags a refund or dispute of no cobro payment, not one of a known payment nor an adjustment of no charge', () => {
    const refund = aTxn({ type: 'payment_refund', reporting_category: 'refund', amount: -5_00, source_id: 'pyr_1', charge_id: 'py_9', payment_intent: null });
    const dispute = aTxn({ type: 'adjustment', reporting_category: 'dispute', amount: -7_00, fee: 15_00, source_id: 'dp_1', charge_id: 'ch_9', payment_intent: 'pi_9' });
    const feeFix = aTxn({ type: 'adjustment', reporting_category: 'other_adjustment', amount: 1_00, source_id: 'adj_1', charge_id: null, payment_intent: null });
    const c = checkPayout(payout(a.net + b.net + refundB.net + refund.net + dispute.net + feeFix.net), [a, b, refundB, refund, dispute, feeFix]);
    assert.deepEqual(c.issues.map((i) => [i.code, i.field, i.txn_id]), [['UNKNOWN_REFUND', 'payment_intent', refund.txn_id], ['UNKNOWN_DISPUTE', 'payment_intent', dispute.txn_id]]);
    assert.match(c.issues[1]!.message, /dispute dp_1 .* of ch_9, pi_9: no payment cobro recorded/);
  });

  it('puts a manual payout up for review as MANUAL_PAYOUT, and reads settled once a person settled one for review', () => {
    const manual = checkPayout({ ...payout(125_05, 'pending'), automatic: false }, []);
    assert.deepEqual([manual.result, manual.issues.map((i) => [i.code, i.field])], ['review', [['MANUAL_PAYOUT', 'automatic']]]);
    const settlement = { by: 'usr_1', at: '2026-03-16T10:00:00Z', note: 'checked against the balance report' };
    const settled = checkPayout({ ...payout(125_05, 'pending'), automatic: false, settlement }, []);
    assert.deepEqual([settled.result, settled.settlement, settled.issues.length], ['settled', settlement, 1]);
    assert.equal(checkPayout({ ...payout(125_05), settlement }, [itself, a, b, refundB]).result, 'balanced', 'a balanced payout is not turned into settled');
  });

  it('is not checked before anything was fetched, and an empty fetched payout does not balance', () => {
    assert.equal(checkPayout(payout(10_00, 'pending'), []).result, 'not_fetched');
    assert.equal(checkPayout(payout(10_00, 'failed'), []).result, 'not_fetched');
    const empty = checkPayout(payout(10_00), []);
    assert.deepEqual([empty.result, empty.difference], ['review', 10_00]);
  });
});
