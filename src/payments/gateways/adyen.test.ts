import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { adyenPayload, verifyAdyen } from '../../compliance/index.ts';
import { adyenBase, adyenEventId, adyenGateway, interpretAdyenItem, paymentLinkBody } from './adyen.ts';
import { fromAdyenValue, toAdyenValue } from './amounts.ts';
import { checkoutUrlAllowed } from './allowlist.ts';
import { mergeFacts, keptOf } from '../webhooks-decide.ts';

const KEY = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
const item = {
  pspReference: '7914073381342284', merchantAccountCode: 'TestMerchant', merchantReference: 'TestPayment-1407325143704',
  amount: { value: 1130, currency: 'EUR' }, eventCode: 'AUTHORISATION', success: 'true', eventDate: '2026-03-10T11:00:00+01:00', paymentMethod: 'visa',
};
/** Computed here on its own: the eight values joined by colons (no originalReference: empty), HMAC-SHA256 under the hex-decoded key. */
const independent = (text: string, key = KEY) => createHmac('sha256', Buffer.from(key, 'hex')).update(text, 'utf8').digest('base64');
const signed = (i: Record<string, unknown>, sig: string) => ({ ...i, additionalData: { hmacSignature: sig } });
const VECTOR = independent('7914073381342284::TestMerchant:TestPayment-1407325143704:1130:EUR:AUTHORISATION:true');

describe('Adyen standard webhook signatures', () => {
  it('signs the documented concatenation, a missing originalReference left empty', () => {
    assert.equal(adyenPayload(item), '7914073381342284::TestMerchant:TestPayment-1407325143704:1130:EUR:AUTHORISATION:true');
    assert.deepEqual(verifyAdyen({ items: [signed(item, VECTOR)], hmacKeys: [KEY] }), { ok: true });
  });
  it('refuses a changed value, a changed signature byte, another key, and a missing signature', () => {
    assert.deepEqual(verifyAdyen({ items: [signed({ ...item, amount: { value: 1131, currency: 'EUR' } }, VECTOR)], hmacKeys: [KEY] }), { ok: false, code: 'SIGNATURE_MISMATCH' });
    const flipped = `${VECTOR[0] === 'A' ? 'B' : 'A'}${VECTOR.slice(1)}`;
    assert.deepEqual(verifyAdyen({ items: [signed(item, flipped)], hmacKeys: [KEY] }), { ok: false, code: 'SIGNATURE_MISMATCH' });
    assert.deepEqual(verifyAdyen({ items: [signed(item, VECTOR)], hmacKeys: ['00'.repeat(32)] }), { ok: false, code: 'SIGNATURE_MISMATCH' });
    assert.deepEqual(verifyAdyen({ items: [item], hmacKeys: [KEY] }), { ok: false, code: 'SIGNATURE_MISSING' });
  });
  it('checks every item of a batch: one bad item refuses the delivery', () => {
    const refund = { ...item, eventCode: 'REFUND', pspReference: '8814073381342299', originalReference: '7914073381342284' };
    const good = signed(refund, independent('8814073381342299:7914073381342284:TestMerchant:TestPayment-1407325143704:1130:EUR:REFUND:true'));
    assert.deepEqual(verifyAdyen({ items: [signed(item, VECTOR), good], hmacKeys: [KEY] }), { ok: true });
    assert.deepEqual(verifyAdyen({ items: [signed(item, VECTOR), signed(refund, VECTOR)], hmacKeys: [KEY] }), { ok: false, code: 'SIGNATURE_MISMATCH' });
  });
  it('takes the previous key during a rotation, and a value with a colon signed plain or escaped (\\:)', () => {
    const other = 'AB'.repeat(32);
    assert.deepEqual(verifyAdyen({ items: [signed(item, VECTOR)], hmacKeys: [other, KEY] }), { ok: true });
    const colon = { ...item, merchantReference: 'order:1' };
    const plain = independent('7914073381342284::TestMerchant:order:1:1130:EUR:AUTHORISATION:true');
    const escaped = independent('7914073381342284::TestMerchant:order\\:1:1130:EUR:AUTHORISATION:true');
    assert.deepEqual(verifyAdyen({ items: [signed(colon, plain)], hmacKeys: [KEY] }), { ok: true });
    assert.deepEqual(verifyAdyen({ items: [signed(colon, escaped)], hmacKeys: [KEY] }), { ok: true });
  });
  it('checks basic auth when the endpoint has it', () => {
    const auth = { username: 'adyen', password: 'p4ss' };
    const header = `Basic ${Buffer.from('adyen:p4ss').toString('base64')}`;
    assert.deepEqual(verifyAdyen({ items: [signed(item, VECTOR)], hmacKeys: [KEY], basicAuth: { ...auth, header } }), { ok: true });
    assert.deepEqual(verifyAdyen({ items: [signed(item, VECTOR)], hmacKeys: [KEY], basicAuth: { ...auth, header: undefined } }), { ok: false, code: 'SIGNATURE_MISSING' });
    assert.deepEqual(verifyAdyen({ items: [signed(item, VECTOR)], hmacKeys: [KEY], basicAuth: { ...auth, header: `Basic ${Buffer.from('adyen:no').toString('base64')}` } }),
      { ok: false, code: 'SIGNATURE_MISMATCH' });
  });
});

describe('Adyen items read as facts', () => {
  it('reads a successful AUTHORISATION as the link\'s payment, its pspReference the payment ref', () => {
    assert.deepEqual(interpretAdyenItem({ ...item, merchantReference: 'plk_1' }), { kind: 'facts', facts: { provider: 'adyen', paymentRef: '7914073381342284',
      currency: 'EUR', captured: 1130, method: 'adyen_visa', linkId: 'plk_1', paidAt: '2026-03-10T10:00:00.000Z' } });
    assert.equal(adyenEventId(item), '7914073381342284:AUTHORISATION:true');
  });
  it('records a refused authorisation as nothing to act on, with Adyen\'s reason', () => {
    const m = interpretAdyenItem({ ...item, success: 'false', reason: 'Refused' });
    assert.deepEqual(m, { kind: 'ignore', reason: 'Adyen AUTHORISATION 7914073381342284 did not succeed: Refused' });
  });
  it('reads refunds one by one against the original payment, and chargebacks as disputes by their own reference', () => {
    const refund = (psp: string, value: number) => interpretAdyenItem({ ...item, eventCode: 'REFUND', pspReference: psp, originalReference: '7914073381342284', amount: { value, currency: 'EUR' } });
    const r1 = refund('R1', 300);
    const r2 = refund('R2', 200);
    assert.deepEqual(r1, { kind: 'facts', facts: { provider: 'adyen', paymentRef: '7914073381342284', currency: 'EUR', refund: { id: 'R1', amount: 300 } } });
    assert.ok(r1.kind === 'facts' && r2.kind === 'facts');
    let s = { captured: 1130, refunded: 0, disputes: {} };
    s = mergeFacts(s, r1.facts);
    s = mergeFacts(s, r1.facts);
    assert.equal(s.refunded, 300, 'the same refund twice counts once');
    s = mergeFacts(s, r2.facts);
    assert.equal(keptOf(s), 630);
    const cb = interpretAdyenItem({ ...item, eventCode: 'CHARGEBACK', pspReference: 'D1', originalReference: '7914073381342284' });
    // debited, and still open to a defence (adyen-disputes.test.ts follows the rest of the lifecycle)
    assert.deepEqual(cb.kind === 'facts' && cb.facts.dispute, { id: 'D1', amount: 1130, status: 'open', at: '2026-03-10T10:00:00.000Z' });
    const back = interpretAdyenItem({ ...item, eventCode: 'CHARGEBACK_REVERSED', pspReference: 'D1', originalReference: '7914073381342284' });
    assert.deepEqual(back.kind === 'facts' && back.facts.dispute, { id: 'D1', amount: 1130, status: 'won', at: '2026-03-10T10:00:00.000Z' });
  });
  it('takes back a refund that failed or was reversed, by the refund\'s reference, once, and a late report of it counts nothing', () => {
    const read = (eventCode: string, psp: string, value = 300) => {
      const m = interpretAdyenItem({ ...item, eventCode, pspReference: psp, originalReference: '7914073381342284', amount: { value, currency: 'EUR' } });
      assert.ok(m.kind === 'facts', eventCode);
      return m.facts;
    };
    assert.deepEqual(read('REFUND_FAILED', 'R1'), { provider: 'adyen', paymentRef: '7914073381342284', currency: 'EUR', refundUndone: { id: 'R1' } });
    let s = { captured: 1130, refunded: 0, disputes: {} };
    for (const f of [read('REFUND', 'R1'), read('REFUND', 'R2', 200)]) s = mergeFacts(s, f);
    assert.equal(keptOf(s), 630);
    s = mergeFacts(s, read('REFUND_FAILED', 'R1'));
    assert.deepEqual([s.refunded, keptOf(s)], [200, 930]);
    for (const f of [read('REFUND_FAILED', 'R1'), read('REFUND', 'R1')]) s = mergeFacts(s, f);
    assert.deepEqual([s.refunded, keptOf(s)], [200, 930], 'a repeat, or the refund\'s own report again, takes nothing back');
    s = mergeFacts(s, read('REFUNDED_REVERSED', 'R2', 200));
    assert.deepEqual([s.refunded, keptOf(s)], [0, 1130]);
    const early = mergeFacts(mergeFacts({ captured: 1130, refunded: 0, disputes: {} }, read('REFUND_FAILED', 'R3')), read('REFUND', 'R3'));
    assert.equal(keptOf(early), 1130, 'a failure that comes before its refund\'s report');
  });
});

describe('the Adyen adapter', () => {
  it('asks for a payment link in Adyen\'s minor units, with the link as reference and expiresAt with an offset', () => {
    const body = paymentLinkBody({ linkId: 'plk_1', orgId: 'org_1', customerId: 'C-1', invoiceIds: ['inv_1'], description: 'Invoices A-1', amount: 5000,
      currency: 'CLP', successUrl: 'https://cobro.example/?payment=success', cancelUrl: 'https://cobro.example/?payment=cancelled', notificationUrl: 'https://cobro.example/webhooks/adyen/org_1',
      expiresAt: new Date('2026-03-13T17:00:00Z'), now: new Date('2026-03-10T17:00:00Z') }, 500_000, 'AcmeShop');
    assert.deepEqual(body.amount, { currency: 'CLP', value: 500_000 });
    assert.equal(body.reference, 'plk_1');
    assert.equal(body.merchantAccount, 'AcmeShop');
    assert.equal(body.expiresAt, '2026-03-13T17:00:00+00:00');
    assert.equal(body.returnUrl, 'https://cobro.example/?payment=success');
  });
  it('converts where Adyen\'s decimals differ from ISO 4217 (CLP has 2 at Adyen)', () => {
    assert.deepEqual(toAdyenValue(5000, 'CLP'), { ok: true, value: 500_000 });
    assert.equal(fromAdyenValue(500_000, 'CLP'), 5000);
    assert.equal(toAdyenValue(1, 'XXQ').ok, false);
    assert.deepEqual(toAdyenValue(1234, 'EUR'), { ok: true, value: 1234 });
    assert.equal(fromAdyenValue(12.5, 'EUR'), null);
  });
  it('calls the test endpoint, or the live one of the account\'s prefix; sends debtors only to adyen.link pages', () => {
    assert.equal(adyenBase({ environment: 'test' }), 'https://checkout-test.adyen.com');
    assert.equal(adyenBase({ environment: 'live', liveUrlPrefix: '1797a841fbb37ca7-AdyenDemo' }), 'https://1797a841fbb37ca7-AdyenDemo-checkout-live.adyenpayments.com/checkout');
    assert.ok(checkoutUrlAllowed('adyen', 'https://test.adyen.link/PL61C53A8B97E6915A'));
    assert.ok(checkoutUrlAllowed('adyen', 'https://eu.adyen.link/PL61C53A8B97E6915A'));
    assert.ok(!checkoutUrlAllowed('adyen', 'https://adyen.link.evil.example/PL1'));
    assert.ok(!checkoutUrlAllowed('adyen', 'http://test.adyen.link/PL1'));
  });
  it('splits a batch into one event per item, each with its own id', () => {
    const gw = adyenGateway({ apiKey: 'AQE1234567890abcdef', merchantAccount: 'TestMerchant', hmacKeys: [KEY], environment: 'test' });
    const body = { live: 'false', notificationItems: [{ NotificationRequestItem: item }, { NotificationRequestItem: { ...item, eventCode: 'REFUND', pspReference: 'R1' } }] };
    assert.deepEqual(gw.split?.(body)?.map((e) => e.eventId), ['7914073381342284:AUTHORISATION:true', 'R1:REFUND:true']);
    assert.equal(gw.split?.({ notificationItems: [{ other: 1 }] }), null);
  });
});
