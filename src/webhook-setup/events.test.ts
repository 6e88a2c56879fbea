// The events cobro asks the providers for when it registers its webhooks are ones it acts on: each is read by the
// provider's event interpreter into something other than "cobro does not act on ...".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { interpretPayPalEvent, interpretStripeEvent } from '../payments/gateways/index.ts';
import { parseSendGridEvents } from '../channels/sendgrid-events.ts';
import { PAYPAL_EVENTS, SENDGRID_EVENTS, SENDGRID_EVENTS_OFF, STRIPE_EVENTS, sameNames } from './events.ts';

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

  it('SendGrid: every event turned on is one cobro reads into an event, and the ones turned off are not', () => {
    const read = (event: string) => parseSendGridEvents({ method: 'POST', url: '/', headers: {},
      body: Buffer.from(JSON.stringify([{ event, sg_event_id: `e-${event}`, sg_message_id: 'm1.filter', email: 'a@b.example', reason: 'x' }])) });
    for (const event of Object.values(SENDGRID_EVENTS)) assert.equal(read(event).length, 1, event);
    for (const setting of SENDGRID_EVENTS_OFF) assert.equal(read(setting).length, 0, setting);
  });
  it('sameNames: the same names in any order', () => {
    assert.ok(sameNames(['b', 'a'], ['a', 'b']));
    assert.ok(!sameNames(['a'], ['a', 'b']));
    assert.ok(!sameNames(['a', 'c'], ['a', 'b']));
  });
});
