// The events cobro asks the providers for when it registers its webhooks are ones it acts on: each is read by the
// provider's event interpreter into something other than "cobro does not act on ...".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { interpretPayPalEvent, interpretStripeEvent } from '../payments/gateways/index.ts';
import { PAYPAL_EVENTS, STRIPE_EVENTS, sameNames } from './events.ts';

describe('the events asked for at registration', () => {
  it('Stripe: every one is an event cobro acts on, and an unknown one is not', () => {
    for (const type of STRIPE_EVENTS) {
      const m = interpretStripeEvent({ type, created: 1, data: { object: { id: 'x' } } });
      assert.ok(m.kind !== 'ignore' || !m.reason.startsWith('cobro does not act on'), `${type}: ${JSON.stringify(m)}`);
    }
    const other = interpretStripeEvent({ type: 'customer.created', data: { object: { id: 'x' } } });
    assert.ok(other.kind === 'ignore' && other.reason.startsWith('cobro does not act on'));
  });

  it('PayPal: every one is an event type cobro acts on, and an unknown one is not', () => {
    for (const type of PAYPAL_EVENTS) {
      const m = interpretPayPalEvent({ event_type: type, resource: {} });
      assert.ok(m.kind !== 'ignore' || !m.reason.startsWith('cobro does not act on'), `${type}: ${JSON.stringify(m)}`);
    }
    const other = interpretPayPalEvent({ event_type: 'BILLING.SUBSCRIPTION.CREATED', resource: {} });
    assert.ok(other.kind === 'ignore' && other.reason.startsWith('cobro does not act on'));
  });

  it('sameNames: the same names in any order', () => {
    assert.ok(sameNames(['b', 'a'], ['a', 'b']));
    assert.ok(!sameNames(['a'], ['a', 'b']));
    assert.ok(!sameNames(['a', 'c'], ['a', 'b']));
  });
});
