// Transaction Search's transaction_info read into facts: a payment received as a capture in minor units by the currency's
// exponent (JPY and HUF without decimals at PayPal), a refund or reversal as one refund of the capture it refers to, and
// everything else (fees, holds, withdrawals, pending or denied payments, payments sent) passed over; spans over 31 days split.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { searchWindows, transactionFacts } from './paypal-transactions.ts';

const aTransaction = (over: Record<string, unknown> = {}) => ({
  transaction_id: '5TY05013RG002845M', transaction_event_code: 'T0006', transaction_initiation_date: '2026-03-10T17:00:00+0000',
  transaction_amount: { currency_code: 'USD', value: '120.50' }, transaction_status: 'S', custom_field: 'plk_01HQ', ...over });

describe('PayPal Transaction Search read into facts', () => {
  it('reads a payment received as a capture, its custom_field as the link and its amount in minor units', () => {
    assert.deepEqual(transactionFacts(aTransaction()), { kind: 'payment', facts: { provider: 'paypal', paymentRef: '5TY05013RG002845M', currency: 'USD',
      captured: 120_50, method: 'paypal', linkId: 'plk_01HQ', paidAt: '2026-03-10T17:00:00.000Z' } });
    assert.equal(transactionFacts(aTransaction({ transaction_amount: { currency_code: 'JPY', value: '5000' } }))?.facts.captured, 5000);
    assert.equal(transactionFacts(aTransaction({ transaction_amount: { currency_code: 'HUF', value: '5000' } }))?.facts.captured, 5000_00);
    assert.equal(transactionFacts(aTransaction({ transaction_status: 'V' }))?.kind, 'payment', 'reversed later: the reversal is listed on its own');
    assert.equal(transactionFacts(aTransaction({ custom_field: undefined }))?.facts.linkId, undefined);
  });

  it('reads a merchant refund (T1107) and PayPal\'s reversal (T1106) as one refund of the capture they refer to', () => {
    const refund = aTransaction({ transaction_id: '1JU08902781691411', transaction_event_code: 'T1107', paypal_reference_id: '5TY05013RG002845M',
      paypal_reference_id_type: 'TXN', transaction_amount: { currency_code: 'USD', value: '-30.00' } });
    assert.deepEqual(transactionFacts(refund), { kind: 'adjustment', facts: { provider: 'paypal', paymentRef: '5TY05013RG002845M', currency: 'USD',
      refund: { id: '1JU08902781691411', amount: 30_00, at: '2026-03-10T17:00:00.000Z' } } });
    assert.equal(transactionFacts({ ...refund, transaction_event_code: 'T1106' })?.kind, 'adjustment');
    assert.equal(transactionFacts({ ...refund, paypal_reference_id: undefined }), null, 'a refund of no named capture');
  });

  it('passes over fees, holds, withdrawals, pending or denied payments and payments sent', () => {
    for (const over of [{ transaction_event_code: 'T0400', transaction_amount: { currency_code: 'USD', value: '-50.00' } },
      { transaction_event_code: 'T1110', transaction_amount: { currency_code: 'USD', value: '-20.00' } },
      { transaction_status: 'P' }, { transaction_status: 'D' },
      { transaction_amount: { currency_code: 'USD', value: '-120.50' } },
      { transaction_amount: { currency_code: 'USD', value: '1.2.3' } }, { transaction_amount: { currency_code: 'USD', value: '0.00' } }]) {
      assert.equal(transactionFacts(aTransaction(over)), null, JSON.stringify(over));
    }
  });

  it('splits a span into windows of at most 31 days', () => {
    const since = new Date('2026-01-01T00:00:00Z'), now = new Date('2026-03-10T00:00:00Z');
    assert.deepEqual(searchWindows(since, now).map((w) => [w.start.toISOString().slice(0, 10), w.end.toISOString().slice(0, 10)]),
      [['2026-01-01', '2026-02-01'], ['2026-02-01', '2026-03-04'], ['2026-03-04', '2026-03-10']]);
    assert.deepEqual(searchWindows(now, now), []);
  });
});
