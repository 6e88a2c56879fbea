import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mercadoPagoDate, mercadoPagoFacts, mercadoPagoGateway } from './mercadopago.ts';
import { checkoutUrlAllowed } from './allowlist.ts';

const payment = { id: 123456, status: 'approved', currency_id: 'MXN', transaction_amount: 1234.56, transaction_amount_refunded: 0,
  external_reference: 'plk_1', date_approved: '2026-03-10T11:00:00.000-06:00', payment_method_id: 'oxxo' };

describe('Mercado Pago payments read as facts', () => {
  it('reads an approved payment in minor units, with the link from external_reference', () => {
    assert.deepEqual(mercadoPagoFacts(payment), { provider: 'mercadopago', paymentRef: '123456', currency: 'MXN', linkId: 'plk_1', captured: 123_456,
      refunded: 0, paidAt: '2026-03-10T17:00:00.000Z', method: 'oxxo',
      // approved settles a mediation held on it (nothing for a payment never disputed: webhooks-decide.ts)
      dispute: { id: 'chargeback:123456', amount: 123_456, status: 'won', ifHeld: true } });
  });
  it('reads a ticket waiting for payment as a voucher in flight until date_of_expiration, and cancelled or rejected as ended', () => {
    const pending = { ...payment, status: 'pending', status_detail: 'pending_waiting_payment', date_of_expiration: '2026-03-13T23:59:59.000-06:00' };
    assert.deepEqual(mercadoPagoFacts(pending)?.voucher, { state: 'issued', expiresAt: '2026-03-14T05:59:59.000Z', method: 'oxxo' });
    assert.equal(mercadoPagoFacts({ ...pending, status_detail: 'pending_challenge' })?.voucher, undefined, 'a card challenge is no voucher');
    assert.equal(mercadoPagoFacts({ ...pending, date_of_expiration: undefined })?.voucher, undefined, 'no expiry, no hold');
    assert.deepEqual(mercadoPagoFacts({ ...payment, status: 'cancelled', status_detail: 'expired' })?.voucher,
      { state: 'ended', reason: 'the payment is cancelled (expired)' });
  });
  it('holds a payment in mediation or in a chargeback in process, gives back one reimbursed, takes one settled', () => {
    const d = (status: string, status_detail: string) => mercadoPagoFacts({ ...payment, status, status_detail })?.dispute;
    assert.deepEqual(d('in_mediation', 'in_process'), { id: 'chargeback:123456', amount: 123_456, status: 'open' });
    assert.equal(d('charged_back', 'in_process')?.status, 'open');
    assert.equal(d('charged_back', 'reimbursed')?.status, 'won');
    assert.equal(d('charged_back', 'settled')?.status, 'lost');
    assert.equal(mercadoPagoFacts({ ...payment, status: 'in_mediation', transaction_amount_refunded: 234.56 })?.dispute?.amount, 100_000, 'what is not refunded');
  });
  it('reads pending payments as not paid, refunds as a running total, and a chargeback as money lost', () => {
    assert.equal(mercadoPagoFacts({ ...payment, status: 'pending' })?.captured, undefined);
    assert.equal(mercadoPagoFacts({ ...payment, status: 'approved', transaction_amount_refunded: 234.56 })?.refunded, 23_456);
    assert.equal(mercadoPagoFacts({ ...payment, status: 'refunded', transaction_amount_refunded: 0 })?.refunded, 123_456);
    assert.deepEqual(mercadoPagoFacts({ ...payment, status: 'charged_back' })?.dispute, { id: 'chargeback:123456', amount: 123_456, status: 'lost' });
  });
});

describe('the Mercado Pago adapter', () => {
  const gw = mercadoPagoGateway({ accessToken: 'APP_USR-1', webhookSecret: 'your_secret' });
  const raw = {
    body: Buffer.from(JSON.stringify({ id: 99, type: 'payment', action: 'payment.updated', data: { id: '123456' } })),
    headers: { 'x-signature': 'ts=1742505638683,v1=776a361739f250949fc75c476481d013d1d9b7f203c775a755ff1510c3798c68',
      'x-request-id': 'bb56a2f1-6aae-46ac-982e-9dcd3581d08e' },
    query: { 'data.id': '123456', type: 'payment' },
  };
  it('verifies COMPLIANCE.md\'s WH-4 vector: data.id from the URL, x-request-id and ts', () => {
    assert.deepEqual(gw.verify(raw, new Date()), { ok: true });
    assert.deepEqual(gw.verify({ ...raw, query: { 'data.id': '123457' } }, new Date()), { ok: false, code: 'SIGNATURE_MISMATCH' });
    assert.deepEqual(gw.verify({ ...raw, headers: { ...raw.headers, 'x-signature': undefined } }, new Date()), { ok: false, code: 'SIGNATURE_MISSING' });
  });
  it('takes the notification id as the event id, only when the body names the signed payment', () => {
    assert.equal(gw.eventId(raw, JSON.parse(raw.body.toString())), '99');
    assert.equal(gw.eventId(raw, { id: 99, type: 'payment', data: { id: '999' } }), null);
    assert.equal(gw.eventId({ ...raw, query: {} }, JSON.parse(raw.body.toString())), null);
  });
  it('asks for the payment a payment notification names, and ignores other topics', () => {
    assert.deepEqual(gw.interpret(JSON.parse(raw.body.toString())), { kind: 'fetch', paymentRef: '123456' });
    assert.equal(gw.interpret({ type: 'merchant_order', data: { id: '1' } }).kind, 'ignore');
  });
  it('writes dates with milliseconds and an offset', () => {
    assert.equal(mercadoPagoDate(new Date('2026-03-10T17:00:00Z')), '2026-03-10T17:00:00.000+00:00');
  });
});

describe('checkout URLs (PCI-3)', () => {
  it('sends debtors only to the providers\' own hosted pages, or to the API base the org set', () => {
    assert.ok(checkoutUrlAllowed('stripe', 'https://checkout.stripe.com/c/pay/cs_test_1'));
    assert.ok(!checkoutUrlAllowed('stripe', 'http://checkout.stripe.com/c/pay/cs_test_1'));
    assert.ok(!checkoutUrlAllowed('stripe', 'https://checkout.stripe.com.evil.example/c/pay'));
    assert.ok(checkoutUrlAllowed('mercadopago', 'https://www.mercadopago.com.mx/checkout/v1/redirect?pref_id=1'));
    assert.ok(checkoutUrlAllowed('mercadopago', 'https://sandbox.mercadopago.com.br/checkout/v1/redirect?pref_id=1'));
    assert.ok(!checkoutUrlAllowed('mercadopago', 'https://mercadopago.evil.example/'));
    assert.ok(checkoutUrlAllowed('stripe', 'http://127.0.0.1:4100/c/pay/cs_1', 'http://127.0.0.1:4100'));
    assert.ok(!checkoutUrlAllowed('stripe', 'http://127.0.0.1:4101/c/pay/cs_1', 'http://127.0.0.1:4100'));
  });
});
