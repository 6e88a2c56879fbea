// PayPal pieces that need no server: amounts as PayPal writes them (HUF, JPY, TWD without decimals), the hosts a debtor
// may be sent to, the verify-webhook-signature request built from the transmission headers and the raw event, its
// answer, and events read into facts (approval to capture, capture completed, refund and reversal by their own ids).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readTransmission, verificationAnswer, verificationBody } from '../../compliance/index.ts';
import { checkoutUrlAllowed } from './allowlist.ts';
import { fromPayPalValue, toPayPalValue } from './amounts.ts';
import { approvalUrl, interpretPayPalEvent, orderBody, paypalBase, paypalRequestId } from './paypal.ts';
import { DEBIT_HOLD_DAYS } from '../in-flight-debits.ts';

const headers = {
  'paypal-transmission-id': '69cd13f0-d67a-11e5-baa3-778b53f4ae55', 'paypal-transmission-time': '2026-03-10T17:00:00Z',
  'paypal-transmission-sig': 'lmI95Jx3Y9nhR5SJWlHVIWpg4AgFk7n9bCHSRxbrd8A9zrhdu2rMyFrmz==', 'paypal-cert-url': 'https://api.paypal.com/v1/notifications/certs/CERT-1',
  'paypal-auth-algo': 'SHA256withRSA',
};

describe('PayPal amounts', () => {
  it('writes cobro minor units as PayPal decimal strings, HUF, JPY and TWD without decimals', () => {
    assert.deepEqual(toPayPalValue(123_456, 'USD'), { ok: true, value: '1234.56' });
    assert.deepEqual(toPayPalValue(5, 'EUR'), { ok: true, value: '0.05' });
    assert.deepEqual(toPayPalValue(1_500, 'JPY'), { ok: true, value: '1500' });
    assert.deepEqual(toPayPalValue(5_000_00, 'HUF'), { ok: true, value: '5000' });
  });
  it('refuses a HUF fraction, a currency PayPal does not take and a non-positive amount, naming the field', () => {
    const huf = toPayPalValue(5_000_50, 'HUF');
    assert.ok(!huf.ok && huf.error.field === 'amount' && /whole units/.test(huf.error.message));
    const clp = toPayPalValue(5_000, 'CLP');
    assert.ok(!clp.ok && clp.error.field === 'currency');
    assert.ok(!toPayPalValue(0, 'USD').ok);
  });
  it('reads PayPal values back into minor units, and nothing that is not a decimal string', () => {
    assert.equal(fromPayPalValue('1234.56', 'USD'), 123_456);
    assert.equal(fromPayPalValue('12.5', 'USD'), 1_250);
    assert.equal(fromPayPalValue('5000', 'HUF'), 5_000_00);
    assert.equal(fromPayPalValue('1500', 'JPY'), 1_500);
    assert.equal(fromPayPalValue('1.5', 'JPY'), null, 'a fraction of a yen');
    for (const bad of [12.5, '-1.00', '1e3', '', '1.2345']) assert.equal(fromPayPalValue(bad, 'USD'), null, String(bad));
  });
});

describe('PayPal hosts', () => {
  it('sends debtors only to paypal.com or sandbox.paypal.com over https, or to the org\'s test api_base', () => {
    assert.ok(checkoutUrlAllowed('paypal', 'https://www.paypal.com/checkoutnow?token=5O190127TN364715T'));
    assert.ok(checkoutUrlAllowed('paypal', 'https://www.sandbox.paypal.com/checkoutnow?token=5O190127TN364715T'));
    assert.ok(!checkoutUrlAllowed('paypal', 'http://www.paypal.com/checkoutnow'));
    assert.ok(!checkoutUrlAllowed('paypal', 'https://www.paypal.com.evil.example/checkoutnow'));
    assert.ok(!checkoutUrlAllowed('paypal', 'https://paypal-login.example/checkoutnow'));
    assert.ok(checkoutUrlAllowed('paypal', 'http://127.0.0.1:4010/checkoutnow?token=X', 'http://127.0.0.1:4010'));
    assert.equal(paypalBase({ environment: 'sandbox' }), 'https://api-m.sandbox.paypal.com');
    assert.equal(paypalBase({ environment: 'live' }), 'https://api-m.paypal.com');
  });
  it('finds the payer-action or approve link of an order', () => {
    assert.equal(approvalUrl({ links: [{ rel: 'self', href: 'a' }, { rel: 'payer-action', href: 'https://www.paypal.com/checkoutnow?token=1' }] }), 'https://www.paypal.com/checkoutnow?token=1');
    assert.equal(approvalUrl({ links: [{ rel: 'approve', href: 'https://www.paypal.com/x' }] }), 'https://www.paypal.com/x');
    assert.equal(approvalUrl({ links: [{ rel: 'self', href: 'a' }] }), undefined);
  });
});

describe('PayPal orders', () => {
  it('asks for a CAPTURE order of one purchase unit naming the link, with return and cancel URLs', () => {
    const body = orderBody({ linkId: 'plk_1', orgId: 'org_1', customerId: 'cus_1', invoiceIds: ['inv_1'], description: 'Invoice INV-1', amount: 1_00,
      currency: 'USD', successUrl: 'https://pay.example/ok', cancelUrl: 'https://pay.example/no', notificationUrl: 'https://x', expiresAt: new Date(), now: new Date() }, '1.00');
    assert.deepEqual(body, { intent: 'CAPTURE', purchase_units: [{ reference_id: 'plk_1', custom_id: 'plk_1', description: 'Invoice INV-1', amount: { currency_code: 'USD', value: '1.00' } }],
      payment_source: { paypal: { experience_context: { return_url: 'https://pay.example/ok', cancel_url: 'https://pay.example/no', user_action: 'PAY_NOW', shipping_preference: 'NO_SHIPPING' } } } });
    assert.equal(paypalRequestId('k'.repeat(108)), 'k'.repeat(108));
    assert.equal(paypalRequestId('k'.repeat(109)).length, 64);
  });
});

describe('PayPal webhook verification request', () => {
  it('passes the five transmission headers, the webhook id and the event byte for byte', () => {
    const t = readTransmission(headers);
    assert.ok(t.ok);
    const raw = '{"id":"WH-1","event_type":"PAYMENT.CAPTURE.COMPLETED","resource":{"amount":{"value":"10.10"},"n":1.50}}';
    const body = verificationBody(t.value, '1JE4291016473214C', raw)!;
    const parsed = JSON.parse(body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(parsed).sort(), ['auth_algo', 'cert_url', 'transmission_id', 'transmission_sig', 'transmission_time', 'webhook_event', 'webhook_id']);
    assert.equal(parsed.transmission_id, headers['paypal-transmission-id']);
    assert.equal(parsed.webhook_id, '1JE4291016473214C');
    assert.ok(body.endsWith(`"webhook_event":${raw}}`), 'the event as it came (1.50 stays 1.50)');
  });
  it('refuses a missing header, a malformed one, a body that is not a JSON object and a webhook id not of PayPal\'s form', () => {
    for (const h of Object.keys(headers)) {
      const { [h]: _gone, ...rest } = headers as Record<string, string>;
      assert.deepEqual(readTransmission(rest), { ok: false, code: 'SIGNATURE_MISSING' }, h);
    }
    assert.deepEqual(readTransmission({ ...headers, 'paypal-cert-url': 'not a url' }), { ok: false, code: 'MALFORMED_HEADER' });
    assert.deepEqual(readTransmission({ ...headers, 'paypal-auth-algo': 'SHA256 with RSA' }), { ok: false, code: 'MALFORMED_HEADER' });
    const t = readTransmission(headers);
    assert.ok(t.ok);
    assert.equal(verificationBody(t.value, 'WEBHOOK1', 'not json'), null);
    assert.equal(verificationBody(t.value, 'WEBHOOK1', '[1]'), null);
    assert.equal(verificationBody(t.value, 'bad id!', '{}'), null);
  });
  it('takes only a 200 saying SUCCESS', () => {
    assert.deepEqual(verificationAnswer(200, { verification_status: 'SUCCESS' }), { ok: true });
    assert.deepEqual(verificationAnswer(200, { verification_status: 'FAILURE' }), { ok: false, code: 'SIGNATURE_MISMATCH' });
    assert.deepEqual(verificationAnswer(400, { verification_status: 'SUCCESS' }), { ok: false, code: 'SIGNATURE_MISMATCH' });
    assert.deepEqual(verificationAnswer(200, null), { ok: false, code: 'SIGNATURE_MISMATCH' });
  });
});

describe('PayPal events', () => {
  it('captures an approved CAPTURE order, and records a completed capture with its link', () => {
    assert.deepEqual(interpretPayPalEvent({ event_type: 'CHECKOUT.ORDER.APPROVED', resource: { id: '5O190127TN364715T', intent: 'CAPTURE' } }),
      { kind: 'capture', orderRef: '5O190127TN364715T' });
    assert.equal(interpretPayPalEvent({ event_type: 'CHECKOUT.ORDER.APPROVED', resource: { id: 'X', intent: 'AUTHORIZE' } }).kind, 'ignore');
    const m = interpretPayPalEvent({ event_type: 'PAYMENT.CAPTURE.COMPLETED', resource: { id: '3C679366HH908993F', status: 'COMPLETED', custom_id: 'plk_1',
      amount: { currency_code: 'HUF', value: '5000' }, create_time: '2026-03-10T17:05:00Z', supplementary_data: { related_ids: { order_id: '5O190127TN364715T' } } } });
    assert.deepEqual(m, { kind: 'facts', facts: { provider: 'paypal', paymentRef: '3C679366HH908993F', currency: 'HUF', method: 'paypal', linkId: 'plk_1',
      sessionRef: '5O190127TN364715T', captured: 5_000_00, paidAt: '2026-03-10T17:05:00.000Z' } });
    const pending = interpretPayPalEvent({ event_type: 'PAYMENT.CAPTURE.PENDING', resource: { id: 'C2', status: 'PENDING', amount: { currency_code: 'USD', value: '1.00' } } });
    assert.ok(pending.kind === 'facts' && pending.facts.captured === undefined, 'a pending capture pays nothing yet');
    assert.deepEqual(pending.facts.debit, { state: 'processing', method: 'paypal_pending', waits: 'PayPal gives no specific reason (OTHER)', reason: 'OTHER' }, 'no reason given: held as OTHER');
  });
  it('reads an eCheck pending as a bank debit in flight, and its denial as the debit failed', () => {
    const capture = { id: 'C3', custom_id: 'plk_2', amount: { currency_code: 'USD', value: '100.00' }, create_time: '2026-03-10T17:05:00Z' };
    const pending = interpretPayPalEvent({ event_type: 'PAYMENT.CAPTURE.PENDING', resource: { ...capture, status: 'PENDING', status_details: { reason: 'ECHECK' } } });
    assert.ok(pending.kind === 'facts');
    assert.deepEqual([pending.facts.linkId, pending.facts.captured, pending.facts.debit], ['plk_2', undefined, { state: 'processing', method: 'echeck' }]);
    const denied = interpretPayPalEvent({ event_type: 'PAYMENT.CAPTURE.DENIED', resource: { ...capture, status: 'DENIED' } });
    assert.ok(denied.kind === 'facts');
    assert.deepEqual([denied.facts.captured, denied.facts.debit?.state, denied.facts.debit?.at], [undefined, 'failed', undefined]);
    assert.match(denied.facts.debit?.reason ?? '', /^PayPal denied the capture: the payment it held did not complete$/);
    const cleared = interpretPayPalEvent({ event_type: 'PAYMENT.CAPTURE.COMPLETED', resource: { ...capture, status: 'COMPLETED' } });
    assert.ok(cleared.kind === 'facts' && cleared.facts.captured === 100_00 && cleared.facts.debit === undefined);
  });
  it('reads a capture PENDING for each reason PayPal documents as held for that reason\'s longest wait, or not held when disputed or refunded', () => {
    const capture = { id: 'C4', custom_id: 'plk_3', amount: { currency_code: 'USD', value: '80.00' }, status: 'PENDING' };
    const read = (reason: string) => {
      const m = interpretPayPalEvent({ event_type: 'PAYMENT.CAPTURE.PENDING', resource: { ...capture, status_details: { reason } } });
      assert.ok(m.kind === 'facts' && m.facts.captured === undefined);
      return m.facts.debit;
    };
    const held = (reason: string) => { const d = read(reason); return [d?.method, DEBIT_HOLD_DAYS[d?.method ?? ''], d?.waits?.endsWith(`(${reason})`)]; };
    assert.deepEqual(held('PENDING_REVIEW'), ['paypal_review', 4, true]);
    assert.deepEqual(held('RECEIVING_PREFERENCE_MANDATES_MANUAL_ACTION'), ['paypal_merchant_accept', 31, true]);
    assert.deepEqual(held('INTERNATIONAL_WITHDRAWAL'), ['paypal_merchant_accept', 31, true]);
    assert.deepEqual(held('UNILATERAL'), ['paypal_merchant_account', 31, true]);
    assert.deepEqual(held('VERIFICATION_REQUIRED'), ['paypal_merchant_account', 31, true]);
    assert.deepEqual(held('TRANSACTION_APPROVED_AWAITING_FUNDING'), ['paypal_funding', 10, true]);
    assert.deepEqual(held('OTHER'), ['paypal_pending', 10, true]);
    assert.deepEqual(held('A_REASON_PAYPAL_ADDS_LATER'), ['paypal_pending', 10, true], 'a reason cobro does not know: held as OTHER');
    for (const reason of ['BUYER_COMPLAINT', 'CHARGEBACK', 'REFUNDED']) assert.equal(read(reason), undefined, `${reason}: the dispute or refund path acts`);
    const declined = interpretPayPalEvent({ event_type: 'PAYMENT.CAPTURE.DECLINED', resource: { ...capture, status: 'DECLINED' } });
    assert.ok(declined.kind === 'facts' && declined.facts.debit?.state === 'failed');
    assert.match(declined.facts.debit.reason ?? '', /^PayPal declined the capture: /);
  });
  it('reads a refund and a reversal by their own ids against the capture they name', () => {
    for (const kind of ['REFUNDED', 'REVERSED']) {
      const m = interpretPayPalEvent({ event_type: `PAYMENT.CAPTURE.${kind}`, resource: { id: '1JU08902781691411', amount: { currency_code: 'USD', value: '30.00' },
        links: [{ rel: 'up', href: 'https://api.paypal.com/v2/payments/captures/3C679366HH908993F' }] } });
      assert.deepEqual(m, { kind: 'facts', facts: { provider: 'paypal', paymentRef: '3C679366HH908993F', currency: 'USD', refund: { id: '1JU08902781691411', amount: 30_00 } } });
    }
    assert.equal(interpretPayPalEvent({ event_type: 'PAYMENT.CAPTURE.REFUNDED', resource: { id: 'R', amount: { currency_code: 'USD', value: '1.00' } } }).kind, 'ignore');
    assert.equal(interpretPayPalEvent({ event_type: 'BILLING.SUBSCRIPTION.CREATED', resource: {} }).kind, 'ignore');
  });
});
