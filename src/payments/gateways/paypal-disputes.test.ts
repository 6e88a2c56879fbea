// PayPal dispute resources read into facts: open holds the dispute's amount, each outcome code won or lost (lost taking
// what PayPal refunded to the buyer), a dispute over several captures shared out in order, malformed ones refused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { disputeFacts, disputeStanding } from './paypal-disputes.ts';
import { interpretPayPalEvent } from './paypal.ts';

const usd = (value: string) => ({ currency_code: 'USD', value });
const aDispute = (over: Record<string, unknown> = {}) => ({
  dispute_id: 'PP-D-27803', create_time: '2026-03-10T18:00:00.000Z', update_time: '2026-03-11T09:00:00.000Z', status: 'OPEN',
  dispute_amount: usd('40.00'), disputed_transactions: [{ seller_transaction_id: '3C679366HH908993F', gross_amount: usd('100.00') }], ...over });
const resolved = (outcome_code: string, refunded?: string) => aDispute({ status: 'RESOLVED',
  dispute_outcome: { outcome_code, ...(refunded ? { amount_refunded: usd(refunded) } : {}) } });

describe('PayPal disputes read into facts', () => {
  it('holds the dispute amount while open, on the capture named as seller_transaction_id', () => {
    assert.deepEqual(disputeFacts(aDispute({ status: 'UNDER_REVIEW' }), false), [{ provider: 'paypal', paymentRef: '3C679366HH908993F', currency: 'USD',
      dispute: { id: 'PP-D-27803', amount: 40_00, status: 'open', openedAt: '2026-03-10T18:00:00.000Z' } }]);
  });

  const outcomes: [string, string | undefined, string, number][] = [
    ['RESOLVED_BUYER_FAVOUR', undefined, 'lost', 40_00], ['RESOLVED_BUYER_FAVOUR', '25.00', 'lost', 25_00], ['ACCEPTED', undefined, 'lost', 40_00],
    ['RESOLVED_SELLER_FAVOUR', undefined, 'won', 40_00], ['RESOLVED_WITH_PAYOUT', undefined, 'won', 40_00], ['CANCELED_BY_BUYER', undefined, 'won', 40_00],
    ['DENIED', undefined, 'won', 40_00], ['NONE', '10.00', 'lost', 10_00], ['NONE', '0.00', 'won', 40_00], ['NONE', undefined, 'open', 40_00],
  ];
  for (const [code, refunded, status, amount] of outcomes) {
    it(`reads ${code}${refunded ? ` with ${refunded} refunded` : ''} as ${status} ${amount}`, () => {
      assert.deepEqual(disputeStanding(resolved(code, refunded), true), { status, amount: { currency: 'USD', amount } });
    });
  }

  it('shares a dispute over several captures out in order, each up to its gross amount, the last taking the rest', () => {
    const two = aDispute({ dispute_amount: usd('150.00'), disputed_transactions: [
      { seller_transaction_id: 'CAP1', gross_amount: usd('100.00') }, { seller_transaction_id: 'CAP2', gross_amount: usd('80.00') }] });
    assert.deepEqual(disputeFacts(two, false)!.map((f) => [f.paymentRef, f.dispute!.amount]), [['CAP1', 100_00], ['CAP2', 50_00]]);
    const event = interpretPayPalEvent({ id: 'WH-1', event_type: 'CUSTOMER.DISPUTE.CREATED', resource: two });
    assert.equal(event.kind, 'several');
  });

  it('ignores an event without its dispute id, amount or a disputed capture', () => {
    for (const broken of [aDispute({ dispute_id: undefined }), aDispute({ dispute_amount: usd('forty') }), aDispute({ disputed_transactions: [] })]) {
      assert.equal(interpretPayPalEvent({ id: 'WH-2', event_type: 'CUSTOMER.DISPUTE.UPDATED', resource: broken }).kind, 'ignore');
    }
    const r = interpretPayPalEvent({ id: 'WH-3', event_type: 'CUSTOMER.DISPUTE.RESOLVED', resource: resolved('RESOLVED_SELLER_FAVOUR') });
    assert.ok(r.kind === 'facts' && r.facts.dispute?.status === 'won');
  });
});
