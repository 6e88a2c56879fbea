// PayPal as a payment gateway over HTTP: connected through /v1/providers/paypal, a payment link made as an Orders v2 order
// at a fake PayPal that checks requests as PayPal documents them, webhooks verified by asking PayPal
// (verify-webhook-signature, the fake checking an RSA signature it made) before anything is stored: a changed byte,
// another webhook id or a missing header is refused with 400 and nothing stored; the approval is captured once
// (PayPal-Request-Id), the capture recorded as paypal:<capture id> against the link's invoices, a repeat does nothing,
// and refunds and reversals reverse what they take, each counted once.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { fakePayPal, type FakePayPal, type PayPalDelivery, type PayPalObject } from './support/providers/paypal.ts';

const CLIENT = { client_id: 'AeA1QIZXiflr1_cobro_test_client', client_secret: 'EGnHDxD_qRPdaLdZz8iCr8N7_MzF-YHPTkjs6NKYQvQSBngp4PTTVWkPZRbL' };
const WEBHOOK_ID = '1JE4291016473214C';
const now = new Date('2026-03-10T17:00:00Z');
let t: TestApi;
let paypal: FakePayPal;
before(async () => {
  t = await testApi(() => now);
  paypal = await fakePayPal({ clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret, webhookId: WEBHOOK_ID, now: () => now });
});
after(async () => { await paypal.close(); await t.close(); });

const deliver = (org: string, d: PayPalDelivery) => t.app.inject({ method: 'POST', url: `/webhooks/paypal/${org}`, payload: d.body,
  headers: { 'content-type': 'application/json', ...d.headers } });
const inbox = (org: string) => t.db.query<{ event_id: string; status: string; error: string | null }>(
  `SELECT event_id, status, error FROM inbox_events WHERE org_id = $1 AND provider = 'paypal' ORDER BY received_at, id`, [org]);
const payments = (org: string, customer: string) => t.db.query<{ external_id: string; amount: number; reversed_at: string | null; source: string }>(
  'SELECT external_id, amount, reversed_at, source FROM payments WHERE org_id = $1 AND customer_id = $2 ORDER BY created_at, id', [org, customer]);
const balance = async (org: string, id: string) => (await t.db.query<{ balance: number }>('SELECT balance FROM invoices WHERE org_id = $1 AND id = $2', [org, id]))[0]!.balance;

/** A customer owing one invoice, and a PayPal payment link for it made over the API, with the order it made at PayPal. */
async function owing(amount: number, currency = 'USD') {
  const c = await aCustomer(t.db, t.org, { email: 'ap@client.example' });
  const inv = await anInvoice(t.db, t.org, { customer_id: c.id, currency, amount, due_date: '2026-02-01' });
  const r = await t.app.inject({ method: 'POST', url: '/v1/payment-links', headers: bearer(t.keys.collector), payload: { customer_id: c.id } });
  assert.equal(r.statusCode, 201, r.body);
  const link = r.json() as { id: string; provider: string; url: string; amount: number; currency: string };
  const order = [...paypal.orders.values()].find((o) => ((o.purchase_units as PayPalObject[])[0]!).reference_id === link.id)!;
  return { customer: c, invoice: inv, link, order, orderId: String(order.id) };
}

/** The capture id PayPal made for an order. */
const captureOf = (orderId: string): string => {
  const unit = (paypal.orders.get(orderId)!.purchase_units as PayPalObject[])[0]!;
  return String(((unit.payments as PayPalObject).captures as PayPalObject[])[0]!.id);
};

describe('PayPal payment links', () => {
  it('connects through /v1/providers/paypal, the secret shown by its last four characters only, a bad webhook id refused by name', async () => {
    const bad = await t.app.inject({ method: 'PUT', url: '/v1/providers/paypal', headers: bearer(t.keys.admin), payload: {
      settings: { client_id: CLIENT.client_id, webhook_id: 'not an id!', api_base: paypal.url }, secrets: { client_secret: CLIENT.client_secret } } });
    assert.equal(bad.statusCode, 400);
    assert.equal((bad.json() as { error: { field: string } }).error.field, 'settings.webhook_id');
    const r = await t.app.inject({ method: 'PUT', url: '/v1/providers/paypal', headers: bearer(t.keys.admin), payload: {
      settings: { client_id: CLIENT.client_id, webhook_id: WEBHOOK_ID, api_base: paypal.url }, secrets: { client_secret: CLIENT.client_secret } } });
    assert.equal(r.statusCode, 200, r.body);
    const list = await t.app.inject({ method: 'GET', url: '/v1/providers', headers: bearer(t.keys.admin) });
    const row = (list.json() as { data: { provider: string; settings: Record<string, unknown>; hints: Record<string, string> }[] }).data.find((p) => p.provider === 'paypal')!;
    assert.equal(row.settings.environment, 'sandbox');
    assert.deepEqual(row.hints, { client_secret: `…${CLIENT.client_secret.slice(-4)}` });
    assert.ok(!list.body.includes(CLIENT.client_secret));
  });

  it('makes an Orders v2 order as PayPal documents it, sends the debtor to its payer-action page, and keeps the token', async () => {
    const { link, order } = await owing(120_00);
    assert.equal(link.provider, 'paypal');
    assert.equal(link.url, `${paypal.url}/checkoutnow?token=${String(order.id)}`);
    const made = paypal.created.find((c) => ((c.body.purchase_units as PayPalObject[])[0]!).reference_id === link.id)!;
    assert.equal(made.body.intent, 'CAPTURE');
    assert.deepEqual(((made.body.purchase_units as PayPalObject[])[0]!).amount, { currency_code: 'USD', value: '120.00' });
    assert.equal(((made.body.purchase_units as PayPalObject[])[0]!).custom_id, link.id);
    assert.ok(made.requestId, 'a PayPal-Request-Id');
    const huf = await owing(5_000_00, 'HUF');
    const hufMade = paypal.created.find((c) => ((c.body.purchase_units as PayPalObject[])[0]!).reference_id === huf.link.id)!;
    assert.deepEqual(((hufMade.body.purchase_units as PayPalObject[])[0]!).amount, { currency_code: 'HUF', value: '5000' }, 'HUF without decimals at PayPal');
    assert.equal(paypal.tokensIssued, 1, 'one token for both orders');
    assert.deepEqual(paypal.rejected, []);
  });
});

describe('PayPal webhooks', () => {
  it('refuses a changed byte, another webhook id and a missing header with 400, storing and capturing nothing; then captures the real approval once', async () => {
    const { customer, invoice, link, orderId } = await owing(80_00);
    const approved = paypal.approve(orderId);
    const changed = { ...approved, body: approved.body.replace('"80.00"', '"8.00"') };
    assert.notEqual(changed.body, approved.body);
    assert.equal((await deliver(t.org, changed)).statusCode, 400);
    const otherHook = paypal.sign(JSON.parse(approved.body) as PayPalObject, { webhookId: 'WH0THER00000000' });
    assert.equal((await deliver(t.org, otherHook)).statusCode, 400);
    const asked = paypal.verifications.length;
    const { 'paypal-transmission-sig': _sig, ...unsigned } = approved.headers;
    const missing = await deliver(t.org, { body: approved.body, headers: unsigned });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /SIGNATURE_MISSING/);
    assert.equal(paypal.verifications.length, asked, 'PayPal not even asked without the headers');
    assert.deepEqual(await inbox(t.org), [], 'nothing stored');
    assert.equal(paypal.captures.length, 0, 'nothing captured');

    const ok = await deliver(t.org, approved);
    assert.equal(ok.statusCode, 200, ok.body);
    const asSent = paypal.verifications.at(-1)!;
    assert.equal(asSent.webhook_id, WEBHOOK_ID);
    assert.equal(asSent.transmission_id, approved.headers['paypal-transmission-id']);
    assert.deepEqual(paypal.captures.map((c) => c.orderId), [orderId]);
    assert.ok(paypal.captures[0]!.requestId, 'captured with a PayPal-Request-Id');
    const capture = captureOf(orderId);
    assert.deepEqual(await payments(t.org, customer.id), [{ external_id: `paypal:${capture}`, amount: 80_00, reversed_at: null, source: 'paypal' }]);
    assert.equal(await balance(t.org, invoice.id), 0);
    const [row] = await t.db.query<{ status: string }>('SELECT status FROM payment_links WHERE id = $1', [link.id]);
    assert.equal(row!.status, 'completed');

    const again = await deliver(t.org, approved);
    assert.equal((again.json() as { duplicate: boolean }).duplicate, true);
    assert.equal(paypal.captures.length, 1, 'a repeat captures nothing more');
    const completed = await deliver(t.org, paypal.captureCompleted(capture));
    assert.equal(completed.statusCode, 200);
    assert.equal((await payments(t.org, customer.id)).length, 1, 'PAYMENT.CAPTURE.COMPLETED of the same capture pays nothing more');
    assert.deepEqual((await inbox(t.org)).map((e) => e.status), ['processed', 'processed']);
  });

  it('reverses a refund\'s part and keeps the rest, counts a repeated refund once, and a reversal takes the rest', async () => {
    const { customer, invoice, orderId } = await owing(100_00);
    await deliver(t.org, paypal.approve(orderId));
    const capture = captureOf(orderId);
    const refund = paypal.refund(capture, '30.00');
    assert.equal((await deliver(t.org, refund)).statusCode, 200);
    await deliver(t.org, { ...refund, headers: { ...refund.headers } });
    let rows = await payments(t.org, customer.id);
    assert.deepEqual(rows.map((p) => [p.external_id, p.amount, p.reversed_at !== null]), [[`paypal:${capture}`, 100_00, true], [`paypal:${capture}:kept-1`, 70_00, false]]);
    assert.equal(await balance(t.org, invoice.id), 30_00);
    await deliver(t.org, paypal.refund(capture, '70.00', 'REVERSED'));
    rows = await payments(t.org, customer.id);
    assert.equal(rows.filter((p) => p.reversed_at === null).length, 0, 'nothing kept once all is reversed');
    assert.equal(await balance(t.org, invoice.id), 100_00);
  });

  it('does not capture an approval that comes after its link expired', async () => {
    const { customer, link, orderId } = await owing(15_00);
    await t.db.query(`UPDATE payment_links SET status = 'expired' WHERE id = $1`, [link.id]);
    const r = await deliver(t.org, paypal.approve(orderId));
    assert.equal(r.statusCode, 200);
    assert.ok(!paypal.captures.some((c) => c.orderId === orderId), 'the order is left uncaptured');
    assert.deepEqual(await payments(t.org, customer.id), []);
    const [ev] = await t.db.query<{ status: string; error: string | null }>(`SELECT status, error FROM inbox_events WHERE org_id = $1 AND body LIKE $2`, [t.org, `%${orderId}%`]);
    assert.equal(ev!.status, 'processed');
    assert.match(ev!.error ?? '', /expired: the order is not captured/);
  });
});
