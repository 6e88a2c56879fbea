import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { interpretStripeEvent, sessionForm, stripeGateway } from './stripe.ts';

const event = (type: string, object: Record<string, unknown>) => ({ id: 'evt_1', object: 'event', created: 1_773_162_000, type, data: { object } });
const session = { id: 'cs_1', object: 'checkout.session', payment_status: 'paid', status: 'complete', amount_total: 5_120, currency: 'kwd',
  payment_intent: 'pi_1', client_reference_id: 'plk_1', metadata: { cobro_link_id: 'plk_1' } };

describe('Stripe events read as payment facts', () => {
  it('reads a paid completed session in cobro\'s units, with the link from metadata', () => {
    const m = interpretStripeEvent(event('checkout.session.completed', session));
    assert.deepEqual(m, { kind: 'facts', facts: { provider: 'stripe', paymentRef: 'pi_1', sessionRef: 'cs_1', currency: 'KWD', captured: 5_120,
      method: 'stripe_checkout', linkId: 'plk_1', paidAt: '2026-03-10T17:00:00.000Z' } });
    const jpy = interpretStripeEvent(event('checkout.session.async_payment_succeeded', { ...session, currency: 'jpy', amount_total: 5_000 }));
    assert.ok(jpy.kind === 'facts' && jpy.facts.captured === 5_000 && jpy.facts.currency === 'JPY');
    const isk = interpretStripeEvent(event('checkout.session.completed', { ...session, currency: 'isk', amount_total: 450_000 }));
    assert.ok(isk.kind === 'facts' && isk.facts.captured === 4_500);
  });

  it('waits for an asynchronous method: a completed but unpaid session is not a payment', () => {
    assert.equal(interpretStripeEvent(event('checkout.session.completed', { ...session, payment_status: 'unpaid' })).kind, 'ignore');
  });

  it('reads refunds as a running total and disputes with their state', () => {
    const refund = interpretStripeEvent(event('charge.refunded', { id: 'ch_1', object: 'charge', amount: 10_000, amount_refunded: 3_000, currency: 'usd', payment_intent: 'pi_1' }));
    assert.deepEqual(refund, { kind: 'facts', facts: { provider: 'stripe', paymentRef: 'pi_1', currency: 'USD', refunded: 3_000 } });
    const dispute = interpretStripeEvent(event('charge.dispute.created', { id: 'dp_1', object: 'dispute', amount: 10_000, currency: 'usd', charge: 'ch_1', payment_intent: 'pi_1', status: 'needs_response' }));
    assert.deepEqual(dispute, { kind: 'facts', facts: { provider: 'stripe', paymentRef: 'pi_1', currency: 'USD', dispute: { id: 'dp_1', amount: 10_000, status: 'open' } } });
    const inquiry = interpretStripeEvent(event('charge.dispute.created', { id: 'dp_2', amount: 10_000, currency: 'usd', payment_intent: 'pi_1', status: 'warning_needs_response' }));
    assert.deepEqual(inquiry.kind === 'facts' && inquiry.facts.dispute, { id: 'dp_2', amount: 10_000, status: 'open', kind: 'inquiry', held: false },
      'an inquiry is open and withdraws no funds');
    const withdrawn = interpretStripeEvent(event('charge.dispute.updated', { id: 'dp_2', amount: 10_000, currency: 'usd', payment_intent: 'pi_1',
      status: 'warning_under_review', balance_transactions: [{ id: 'txn_1', amount: -10_000 }] }));
    assert.equal(withdrawn.kind === 'facts' && withdrawn.facts.dispute?.held, undefined, 'unless Stripe withdrew them');
    const closed = interpretStripeEvent(event('charge.dispute.closed', { id: 'dp_2', amount: 10_000, currency: 'usd', payment_intent: 'pi_1', status: 'warning_closed' }));
    assert.deepEqual(closed.kind === 'facts' && closed.facts.dispute, { id: 'dp_2', amount: 10_000, status: 'won', kind: 'inquiry', held: false });
  });

  it('marks an expired session, and ignores what it does not act on', () => {
    assert.deepEqual(interpretStripeEvent(event('checkout.session.expired', { ...session, status: 'expired' })), { kind: 'expired', sessionRef: 'cs_1', linkId: 'plk_1' });
    assert.equal(interpretStripeEvent(event('customer.created', { id: 'cus_1' })).kind, 'ignore');
    assert.equal(interpretStripeEvent({ type: 'charge.refunded' }).kind, 'ignore');
  });
});

describe('the Stripe adapter', () => {
  const gw = stripeGateway({ secretKey: 'sk_test_1', webhookSecret: 'whsec_test_secret' });
  it('verifies COMPLIANCE.md\'s WH-3 vector on the raw body, and only near its time', () => {
    const raw = { body: Buffer.from('{"id":"evt_test","object":"event"}'), query: {},
      headers: { 'stripe-signature': 't=1700000000,v1=8042376f6ca064adbe037642a718227dfd59047137eb49497a54c49eb0cfb724' } };
    assert.deepEqual(gw.verify(raw, new Date(1_700_000_000_000)), { ok: true });
    assert.deepEqual(gw.verify(raw, new Date(1_700_000_301_000)), { ok: false, code: 'TIMESTAMP_OUT_OF_TOLERANCE' });
    assert.deepEqual(gw.verify({ ...raw, body: Buffer.from('{"id":"evt_test","object":"event" }') }, new Date(1_700_000_000_000)), { ok: false, code: 'SIGNATURE_MISMATCH' });
    assert.equal(gw.eventId(raw, { id: 'evt_test', object: 'event' }), 'evt_test');
    assert.equal(gw.eventId(raw, { id: 'cs_1', object: 'checkout.session' }), null);
  });

  it('encodes a session\'s parameters in Stripe\'s bracketed form, with metadata cut to Stripe\'s 500 characters', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `inv_01jqexampleexampleex${String(i).padStart(2, '0')}`);
    const f = sessionForm({ linkId: 'plk_1', orgId: 'org_1', customerId: 'cus_1', invoiceIds: ids, description: 'Acme: Invoices', amount: 100, currency: 'MXN',
      successUrl: 'https://x.example/?payment=success', cancelUrl: 'https://x.example/?payment=cancelled', notificationUrl: 'https://x.example/w',
      expiresAt: new Date('2026-03-11T16:00:00Z'), now: new Date('2026-03-10T17:00:00Z') }, 10_000);
    assert.equal(f.get('line_items[0][price_data][unit_amount]'), '10000');
    assert.equal(f.get('expires_at'), '1773244800');
    assert.equal(f.get('payment_intent_data[metadata][cobro_link_id]'), 'plk_1');
    const meta = f.get('metadata[cobro_invoice_ids]')!;
    assert.ok(meta.length <= 500 && meta.endsWith(',...') && meta.startsWith(ids[0]!));
  });

  it('refuses to charge what Stripe cannot: a three-decimal amount that rounds to nothing', () => {
    assert.ok(!gw.chargeable(4, 'KWD').ok);
    assert.deepEqual(gw.chargeable(5_124, 'KWD'), { ok: true, value: 5_120 });
  });
});
