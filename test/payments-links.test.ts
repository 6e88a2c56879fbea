// Payment links against loopback Stripe and Mercado Pago: the fields on the wire, amounts per currency, the idempotency
// key derived from the link's content, reuse of an identical open link, a retry after a lost answer, and the API.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { connectedGateway, createPaymentLink, type GatewayContext, type NewPaymentLink } from '../src/payments/index.ts';
import { paymentReturnTarget } from '../src/portal/index.ts';
import { testDb } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { fakeStripe, type FakeStripe } from './support/providers/stripe.ts';
import { fakeMercadoPago, type FakeMercadoPago } from './support/providers/mercadopago.ts';
import { bearer, testApi, type TestApi } from './support/api.ts';

const now = new Date('2026-03-10T17:00:00Z');
/** The providers' clock, moved with the test's. */
let clock = now;
let db: Db;
let stripe: FakeStripe;
let mp: FakeMercadoPago;
let ctx: GatewayContext;
before(async () => {
  db = await testDb();
  stripe = await fakeStripe({ secretKey: 'sk_test_links123', webhookSecret: 'whsec_links123', now: () => clock });
  mp = await fakeMercadoPago({ accessToken: 'APP_USR-links-123456', webhookSecret: 'mp-secret-links', now: () => now });
  ctx = { db, publicUrl: 'https://cobro.example' };
});
after(async () => { await stripe.close(); await mp.close(); await db.close(); });

async function stripeOrg(name = 'Ferretería Luna') {
  const org = (await createOrg(db, { name, country: 'MX', defaultTimezone: 'America/Mexico_City' })).id;
  await stripe.connect(db, org);
  return org;
}
const link = async (org: string, input: Omit<NewPaymentLink, 'source'>, at = now) => {
  clock = at;
  const r = await createPaymentLink(ctx, org, 'test', { source: 'api', ...input }, at);
  clock = now;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('payment links through Stripe Checkout', () => {
  it('asks Stripe for a hosted session for the open invoices of the currency most is owed in, with cobro\'s ids in metadata', async () => {
    const org = await stripeOrg();
    const c = await aCustomer(db, org);
    const a = await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 150_000, due_date: '2026-02-01' });
    const b = await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 80_050, due_date: '2026-02-20' });
    await anInvoice(db, org, { customer_id: c.id, currency: 'USD', amount: 10_000, due_date: '2026-01-20' });
    const l = await link(org, { customerId: c.id });
    assert.deepEqual([l.provider, l.status, l.amount, l.currency, l.invoice_ids], ['stripe', 'open', 230_050, 'MXN', [a.id, b.id]]);
    assert.equal(l.expires_at, new Date(now.getTime() + 23 * 3_600_000).toISOString());
    const sent = stripe.created.at(-1)!;
    assert.equal(l.url, `${stripe.url}/c/pay/${[...stripe.sessions.keys()].at(-1)}`);
    assert.equal(sent.form['mode'], 'payment');
    assert.equal(sent.form['line_items[0][price_data][currency]'], 'mxn');
    assert.equal(sent.form['line_items[0][price_data][unit_amount]'], '230050');
    assert.equal(sent.form['line_items[0][quantity]'], '1');
    assert.match(sent.form['line_items[0][price_data][product_data][name]']!, /^Ferretería Luna: Invoices INV-\d+, INV-\d+$/);
    assert.equal(sent.form['client_reference_id'], l.id);
    assert.deepEqual([sent.form['metadata[cobro_link_id]'], sent.form['metadata[cobro_org_id]'], sent.form['metadata[cobro_customer_id]'],
      sent.form['metadata[cobro_invoice_ids]']], [l.id, org, c.id, `${a.id},${b.id}`]);
    // the hosted page returns through cobro's redirect, which finds where to land (src/portal/pay-return.ts)
    assert.equal(sent.form['success_url'], `https://cobro.example/p/return/${l.id}?payment=success`);
    assert.equal(sent.form['cancel_url'], `https://cobro.example/p/return/${l.id}?payment=cancelled`);
    assert.equal(await paymentReturnTarget(db, l.id, undefined, 'success', now), '/?payment=success');
    assert.equal(sent.form['expires_at'], String(Math.floor(Date.parse(l.expires_at) / 1000)));
    assert.ok(!Object.keys(sent.form).some((k) => /card|cvc|number/i.test(k)), 'no card field is ever sent');
  });

  it('derives the Idempotency-Key from the link\'s content, and reuses an identical open link without calling Stripe', async () => {
    const org = await stripeOrg();
    const c = await aCustomer(db, org);
    const inv = await anInvoice(db, org, { customer_id: c.id, amount: 5_000 });
    const first = await link(org, { customerId: c.id });
    const key = stripe.created.at(-1)!.key;
    assert.match(key, new RegExp(`^cobro-${org}-[0-9a-f]{32}-0$`));
    const calls = stripe.created.length;
    const again = await link(org, { customerId: c.id, invoiceIds: [inv.number] }, new Date(now.getTime() + 3_600_000));
    assert.equal(again.id, first.id, 'the same invoices, amount and currency: the same link');
    assert.equal(stripe.created.length, calls, 'Stripe was not asked again');
    const part = await link(org, { customerId: c.id, amount: 2_000 });
    assert.notEqual(part.id, first.id, 'a part payment is another link');
    assert.equal(part.amount, 2_000);
    // after it expires, the same content gets a new link with the next key
    const later = await link(org, { customerId: c.id }, new Date(now.getTime() + 23 * 3_600_000));
    assert.notEqual(later.id, first.id);
    assert.equal(stripe.created.at(-1)!.key, key.replace(/-0$/, '-1'));
  });

  it('R-1: sends the same key after an answer was lost, and Stripe hands back the same session: one link, one session', async () => {
    const org = await stripeOrg();
    const c = await aCustomer(db, org);
    await anInvoice(db, org, { customer_id: c.id, amount: 7_500 });
    const sessions = stripe.sessions.size;
    stripe.faults.dropAnswers = 1;
    const lost = await createPaymentLink(ctx, org, 'test', { customerId: c.id, source: 'portal' }, now);
    assert.ok(!lost.ok);
    assert.match(lost.error.message, /did not answer/);
    const retried = await link(org, { customerId: c.id }, new Date(now.getTime() + 60_000));
    assert.equal(stripe.sessions.size, sessions + 1, 'one session at Stripe');
    const [row] = await db.query<{ n: number; key: string }>('SELECT count(*)::int AS n, min(idempotency_key) AS key FROM payment_links WHERE org_id = $1', [org]);
    assert.equal(row?.n, 1, 'one link in cobro');
    assert.equal(retried.url.endsWith([...stripe.sessions.keys()].at(-1)!), true);
  });

  it('writes amounts in Stripe\'s unit: zero-decimal JPY and CLP as they are, KWD rounded to ten fils, ISK with two decimals', async () => {
    const org = await stripeOrg();
    const cases: [string, number, string, number][] = [['JPY', 5_000, '5000', 5_000], ['CLP', 125_990, '125990', 125_990], ['USD', 1_234, '1234', 1_234],
      ['KWD', 5_124, '5120', 5_120], ['ISK', 4_500, '450000', 4_500], ['UGX', 20_000, '2000000', 20_000]];
    for (const [currency, amount, unit, charged] of cases) {
      const c = await aCustomer(db, org);
      await anInvoice(db, org, { customer_id: c.id, currency, amount });
      const l = await link(org, { customerId: c.id });
      assert.equal(stripe.created.at(-1)!.form['line_items[0][price_data][unit_amount]'], unit, currency);
      assert.equal(l.amount, charged, currency);
    }
  });

  it('refuses what cannot be asked for, naming the field', async () => {
    const org = await stripeOrg();
    const c = await aCustomer(db, org);
    const inv = await anInvoice(db, org, { customer_id: c.id, amount: 5_000 });
    const over = await createPaymentLink(ctx, org, 'test', { customerId: c.id, amount: 5_001, source: 'api' }, now);
    assert.ok(!over.ok && over.error.field === 'amount');
    const other = await aCustomer(db, org);
    const theirs = await anInvoice(db, org, { customer_id: other.id, amount: 1_000 });
    const wrong = await createPaymentLink(ctx, org, 'test', { customerId: c.id, invoiceIds: [theirs.id], source: 'api' }, now);
    assert.ok(!wrong.ok && wrong.error.field === 'invoice_ids[0]' && wrong.error.code === 'NOT_FOUND');
    await aPayment(db, org, { customer_id: c.id, amount: 5_000 });
    const paid = await createPaymentLink(ctx, org, 'test', { customerId: c.id, invoiceIds: [inv.id], source: 'api' }, now);
    assert.ok(!paid.ok && /nothing left to pay/.test(paid.error.message));
    const none = await createPaymentLink(ctx, org, 'test', { customerId: c.id, source: 'api' }, now);
    assert.ok(!none.ok && none.error.code === 'INVALID_STATE');
  });
});

describe('payment links through Mercado Pago Checkout Pro', () => {
  it('creates a preference with the price in major units, the link as external_reference and the webhook as notification_url', async () => {
    const org = (await createOrg(db, { name: 'Panadería Sol', country: 'CL' })).id;
    await mp.connect(db, org);
    assert.equal(await connectedGateway(ctx, org), 'mercadopago');
    const c = await aCustomer(db, org);
    await anInvoice(db, org, { customer_id: c.id, currency: 'CLP', amount: 125_990 });
    const l = await link(org, { customerId: c.id, returnUrl: 'https://sol.example/gracias' });
    assert.equal(l.provider, 'mercadopago');
    const { key, body } = mp.created.at(-1)!;
    assert.match(key, new RegExp(`^cobro-${org}-[0-9a-f]{32}-0$`));
    const items = body.items as Record<string, unknown>[];
    assert.deepEqual(items, [{ id: l.id, title: `Panadería Sol: Invoice ${items[0]!.title!.toString().split(' ').at(-1)}`, quantity: 1, currency_id: 'CLP', unit_price: 125_990 }]);
    assert.equal(body.external_reference, l.id);
    assert.equal(body.notification_url, `https://cobro.example/webhooks/mercadopago/${org}`);
    const back = `https://cobro.example/p/return/${l.id}`;
    assert.deepEqual(body.back_urls, { success: `${back}?payment=success`, pending: `${back}?payment=success`, failure: `${back}?payment=cancelled` });
    assert.equal(await paymentReturnTarget(db, l.id, undefined, 'cancelled', now), 'https://sol.example/gracias?payment=cancelled',
      'the redirect lands on the link\'s own return_url');
    assert.deepEqual([body.expires, body.expiration_date_from, body.expiration_date_to], [true, '2026-03-10T17:00:00.000+00:00', '2026-03-13T17:00:00.000+00:00']);
    assert.ok(l.url.startsWith(`${mp.url}/checkout/v1/redirect?pref_id=`));
    const c2 = await aCustomer(db, org);
    await anInvoice(db, org, { customer_id: c2.id, currency: 'MXN', amount: 123_456 });
    await link(org, { customerId: c2.id });
    assert.equal((mp.created.at(-1)!.body.items as { unit_price: number }[])[0]!.unit_price, 1234.56);
    assert.match(JSON.stringify(mp.created.at(-1)!.body), /"unit_price":1234\.56/);
  });

  it('refuses a currency Mercado Pago does not charge in', async () => {
    const org = (await createOrg(db, { name: 'Otro' })).id;
    await mp.connect(db, org);
    const c = await aCustomer(db, org);
    await anInvoice(db, org, { customer_id: c.id, currency: 'EUR', amount: 1_000 });
    const r = await createPaymentLink(ctx, org, 'test', { customerId: c.id, source: 'api' }, now);
    assert.ok(!r.ok && r.error.field === 'currency');
  });

  it('prefers Stripe when both are connected, and says null when none is', async () => {
    const org = (await createOrg(db, { name: 'Both' })).id;
    assert.equal(await connectedGateway(ctx, org), null);
    const r = await createPaymentLink(ctx, org, 'test', { customerId: 'cus_x', source: 'api' }, now);
    assert.ok(!r.ok && r.error.code === 'INVALID_STATE' && r.error.field === 'provider');
    await mp.connect(db, org);
    await stripe.connect(db, org);
    assert.equal(await connectedGateway(ctx, org), 'stripe');
  });
});

describe('the payment links API', () => {
  let api: TestApi;
  before(async () => {
    api = await testApi(() => now);
    await stripe.connect(api.db, api.org);
  });
  after(async () => { await api.close(); });

  it('creates, lists and reads links; viewers read only; another org sees none', async () => {
    const c = await aCustomer(api.db, api.org, { external_id: 'API-1' });
    const inv = await anInvoice(api.db, api.org, { customer_id: c.id, amount: 9_900 });
    const post = await api.app.inject({ method: 'POST', url: '/v1/payment-links', headers: bearer(api.keys.collector),
      payload: { customer_id: 'API-1', invoice_ids: [inv.number], return_url: 'https://shop.example/thanks' } });
    assert.equal(post.statusCode, 201, post.body);
    const l = post.json();
    assert.deepEqual([l.amount, l.currency, l.status, l.invoice_ids], [9_900, 'USD', 'open', [inv.id]]);
    const list = await api.app.inject({ method: 'GET', url: `/v1/payment-links?customer_id=${c.id}&status=open`, headers: bearer(api.keys.viewer) });
    assert.deepEqual(list.json().data.map((x: { id: string }) => x.id), [l.id]);
    const one = await api.app.inject({ method: 'GET', url: `/v1/payment-links/${l.id}`, headers: bearer(api.keys.viewer) });
    assert.equal(one.json().url, l.url);
    const viewer = await api.app.inject({ method: 'POST', url: '/v1/payment-links', headers: bearer(api.keys.viewer), payload: { customer_id: c.id } });
    assert.equal(viewer.statusCode, 403);
    const other = await api.app.inject({ method: 'GET', url: `/v1/payment-links/${l.id}`, headers: bearer(api.otherKey) });
    assert.equal(other.statusCode, 404);
    const bad = await api.app.inject({ method: 'POST', url: '/v1/payment-links', headers: bearer(api.keys.admin), payload: { customer_id: c.id, amount: -1 } });
    assert.equal(bad.statusCode, 400);
  });
});
