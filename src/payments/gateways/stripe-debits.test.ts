// Stripe's bank debit events read into facts: a PaymentIntent processing, succeeded or failed, and a Checkout Session
// completed unpaid by a debit method.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { interpretStripeEvent } from './stripe.ts';

const created = Date.parse('2026-03-10T10:00:00Z') / 1000;
const event = (type: string, object: Record<string, unknown>) => ({ id: 'evt_1', object: 'event', type, created, data: { object } });
const intent = (over: Record<string, unknown> = {}) => ({ id: 'pi_1', object: 'payment_intent', amount: 10_000, amount_received: 0, currency: 'eur',
  status: 'processing', metadata: { cobro_link_id: 'plk_1' }, payment_method_types: ['sepa_debit'], ...over });

describe('Stripe bank debits', () => {
  it('reads payment_intent.processing as a debit processing, by the method offered', () => {
    assert.deepEqual(interpretStripeEvent(event('payment_intent.processing', intent())), { kind: 'facts', facts: { provider: 'stripe', paymentRef: 'pi_1',
      currency: 'EUR', linkId: 'plk_1', debit: { state: 'processing', method: 'sepa_debit' } } });
    const ach = interpretStripeEvent(event('payment_intent.processing', intent({ currency: 'usd', payment_method_types: ['card', 'us_bank_account'] })));
    assert.equal(ach.kind === 'facts' ? ach.facts.debit?.method : null, 'us_bank_account');
  });

  it('reads payment_intent.succeeded as the payment, at the event\'s time, and payment_failed with the method and code', () => {
    const paid = interpretStripeEvent(event('payment_intent.succeeded', intent({ status: 'succeeded', amount_received: 10_000 })));
    assert.deepEqual(paid.kind === 'facts' ? [paid.facts.captured, paid.facts.paidAt, paid.facts.debit] : null, [10_000, '2026-03-10T10:00:00.000Z', undefined]);
    const failed = interpretStripeEvent(event('payment_intent.payment_failed', intent({ status: 'requires_payment_method', payment_method_types: ['card', 'sepa_debit'],
      last_payment_error: { code: 'insufficient_funds', payment_method: { type: 'sepa_debit' } } })));
    assert.deepEqual(failed.kind === 'facts' ? failed.facts.debit : null,
      { state: 'failed', method: 'sepa_debit', reason: 'the sepa_debit debit failed (insufficient_funds)', at: '2026-03-10T10:00:00.000Z' });
  });

  it('ignores a PaymentIntent that carries no cobro link', () => {
    assert.equal(interpretStripeEvent(event('payment_intent.processing', intent({ metadata: {} }))).kind, 'ignore');
    assert.equal(interpretStripeEvent(event('payment_intent.succeeded', intent({ metadata: {}, amount_received: 10_000 }))).kind, 'ignore');
  });

  it('reads a session completed unpaid by a debit method as processing, and a voucher first when it offered both', () => {
    const session = { id: 'cs_1', object: 'checkout.session', status: 'complete', payment_status: 'unpaid', payment_intent: 'pi_1', currency: 'eur',
      metadata: { cobro_link_id: 'plk_1' }, payment_method_types: ['card', 'sepa_debit'] };
    const debit = interpretStripeEvent(event('checkout.session.completed', session));
    assert.deepEqual(debit.kind === 'facts' ? [debit.facts.paymentRef, debit.facts.debit] : null, ['pi_1', { state: 'processing', method: 'sepa_debit' }]);
    const failed = interpretStripeEvent(event('checkout.session.async_payment_failed', session));
    assert.equal(failed.kind === 'facts' ? failed.facts.debit?.state : null, 'failed');
    const both = interpretStripeEvent(event('checkout.session.completed', { ...session, currency: 'mxn', payment_method_types: ['oxxo', 'sepa_debit'] }));
    assert.deepEqual(both.kind === 'facts' ? [both.facts.voucher?.method, both.facts.debit] : null, ['oxxo', undefined]);
  });
});
