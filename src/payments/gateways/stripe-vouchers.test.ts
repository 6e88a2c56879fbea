import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { interpretStripeEvent } from './stripe.ts';
import { chosenVoucher, voucherExpiry } from './stripe-vouchers.ts';

const session = (over: Record<string, unknown> = {}) => ({ id: 'cs_test_1', object: 'checkout.session', currency: 'mxn', amount_total: 10_000, payment_status: 'unpaid',
  status: 'complete', payment_intent: 'pi_1', client_reference_id: 'plk_1', metadata: { cobro_link_id: 'plk_1' }, payment_method_types: ['card', 'oxxo'], ...over });
const event = (type: string, object: unknown) => ({ id: 'evt_1', object: 'event', type, created: Date.parse('2026-03-09T17:00:00Z') / 1000, data: { object } });

describe('Stripe Checkout vouchers', () => {
  it('counts expires_after_days calendar days from the issue day, to 23:59 in Mexico City (OXXO) or São Paulo (boleto)', () => {
    // Monday with 2 days: Wednesday 23:59 (the reference's own example)
    const monday = new Date('2026-03-09T17:00:00Z');
    assert.equal(voucherExpiry(session({ payment_method_options: { oxxo: { expires_after_days: 2 } } }), monday)?.expiresAt.toISOString(), '2026-03-12T05:59:00.000Z');
    assert.equal(voucherExpiry(session({ payment_method_types: ['boleto'], payment_method_options: { boleto: { expires_after_days: 2 } } }), monday)?.expiresAt.toISOString(),
      '2026-03-12T02:59:00.000Z');
    assert.equal(voucherExpiry(session(), monday)?.expiresAt.toISOString(), '2026-03-13T05:59:00.000Z', 'three days when the session does not say');
    assert.equal(voucherExpiry(session({ payment_method_types: ['card', 'oxxo', 'boleto'], payment_method_options: { boleto: { expires_after_days: 10 } } }), monday)?.method,
      'boleto', 'the latest of the vouchers offered');
    assert.equal(voucherExpiry(session({ payment_method_types: ['card', 'us_bank_account'] }), monday), null);
  });

  it('reads the voucher the debtor chose from the PaymentIntent next_action (OXXO expires_after, boleto and konbini expires_at)', () => {
    const pi = (next: unknown) => ({ id: 'pi_1', object: 'payment_intent', status: 'requires_action', next_action: next });
    assert.deepEqual(chosenVoucher(pi({ type: 'oxxo_display_details', oxxo_display_details: { expires_after: 1_773_381_540, number: '123' } })),
      { method: 'oxxo', expiresAt: new Date('2026-03-13T05:59:00Z') });
    assert.deepEqual(chosenVoucher(pi({ type: 'boleto_display_details', boleto_display_details: { expires_at: 1_773_716_340 } })),
      { method: 'boleto', expiresAt: new Date('2026-03-17T02:59:00Z') });
    assert.equal(chosenVoucher(pi({ type: 'konbini_display_details', konbini_display_details: { expires_at: 1_773_413_999 } }))?.method, 'konbini');
    assert.equal(chosenVoucher(pi(null)), null, 'no next_action');
    assert.equal(chosenVoucher(pi({ type: 'redirect_to_url', redirect_to_url: { url: 'https://example.com' } })), null);
    assert.equal(chosenVoucher(pi({ type: 'oxxo_display_details', oxxo_display_details: { expires_after: null } })), null, 'no expiry given');
    // Konbini is a voucher Checkout offers too: 23:59 in Tokyo, 3 days by default
    const konbini = voucherExpiry({ payment_method_types: ['konbini'] }, new Date('2026-03-09T03:00:00Z'));
    assert.deepEqual([konbini?.method, konbini?.expiresAt.toISOString()], ['konbini', '2026-03-12T14:59:00.000Z']);
  });

  it('reads completed-unpaid as a voucher issued, async_payment_failed as ended, and a paid session as before', () => {
    const issued = interpretStripeEvent(event('checkout.session.completed', session()));
    assert.deepEqual(issued, { kind: 'facts', facts: { provider: 'stripe', paymentRef: 'pi_1', sessionRef: 'cs_test_1', currency: 'MXN', linkId: 'plk_1',
      voucher: { state: 'issued', expiresAt: '2026-03-13T05:59:00.000Z', method: 'oxxo' } } });
    const failed = interpretStripeEvent(event('checkout.session.async_payment_failed', session()));
    assert.equal(failed.kind === 'facts' && failed.facts.voucher?.state, 'ended');
    const paid = interpretStripeEvent(event('checkout.session.async_payment_succeeded', session({ payment_status: 'paid' })));
    assert.equal(paid.kind === 'facts' && paid.facts.captured, 10_000);
    assert.equal(interpretStripeEvent(event('checkout.session.completed', session({ payment_method_types: ['card'] }))).kind, 'ignore');
  });
});
