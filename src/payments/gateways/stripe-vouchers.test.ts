import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { interpretStripeEvent } from './stripe.ts';
import { voucherExpiry } from './stripe-vouchers.ts';

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
