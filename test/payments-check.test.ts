// The nightly gateway check: a paid checkout whose webhook never came is recovered through the webhooks' own path (once),
// a payment through no cobro link is reported, a missed Mercado Pago refund is caught; from the API, the worker round
// (at most once a day per org) and the command line (`cobro links` and `cobro gateways` on a PGlite folder are
// test/payments-check-cli.test.ts, so the PostgreSQL lane does not repeat them).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { createOrg, createApiKey } from '../src/orgs/index.ts';
import { listPayments } from '../src/ledger/index.ts';
import { replanCase } from '../src/engine/index.ts';
import { buildServer } from '../src/api/index.ts';
import { checkGateways, createPaymentLink } from '../src/payments/index.ts';
import { sandboxAdapters, workOnce } from '../src/worker/index.ts';
import { testDb } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { fakeStripe, type FakeStripe } from './support/providers/stripe.ts';
import { fakeMercadoPago, type FakeMercadoPago } from './support/providers/mercadopago.ts';

let db: Db;
let stripe: FakeStripe;
let mp: FakeMercadoPago;
let clock = new Date('2026-03-10T17:00:00Z');
const ctx = () => ({ db, publicUrl: 'https://cobro.example' });
before(async () => {
  db = await testDb();
  stripe = await fakeStripe({ secretKey: 'sk_test_check4242', webhookSecret: 'whsec_check4242', now: () => clock });
  mp = await fakeMercadoPago({ accessToken: 'APP_USR-check-123456', webhookSecret: 'mp-check-secret', now: () => clock });
});
after(async () => { await stripe.close(); await mp.close(); await db.close(); });

async function owing(org: string, amount: number) {
  const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City' });
  await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount, due_date: '2026-02-01' });
  await replanCase(db, org, c.id, clock);
  const link = await createPaymentLink(ctx(), org, 'test', { customerId: c.id, source: 'api' }, clock);
  if (!link.ok) throw new Error(link.error.message);
  return { customer: c, link: link.value };
}

/** A session made in Stripe's dashboard, not by cobro, then paid. */
async function foreignPaidSession(): Promise<string> {
  const form = new URLSearchParams({ mode: 'payment', 'line_items[0][price_data][currency]': 'mxn', 'line_items[0][price_data][unit_amount]': '4200',
    'line_items[0][price_data][product_data][name]': 'T-shirt', 'line_items[0][quantity]': '1', success_url: 'https://shop.example/ok',
    cancel_url: 'https://shop.example/no', expires_at: String(Math.floor(clock.getTime() / 1000) + 3600) });
  const r = await fetch(`${stripe.url}/v1/checkout/sessions`, { method: 'POST', body: form.toString(),
    headers: { authorization: 'Bearer sk_test_check4242', 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': `dash-${Date.now()}` } });
  const s = await r.json() as { id: string };
  const ev = stripe.complete(s.id);
  return (ev.data as { object: { payment_intent: string } }).object.payment_intent;
}

const caseStatus = async (org: string, customerId: string) =>
  (await db.query<{ status: string }>('SELECT status FROM cases WHERE org_id = $1 AND customer_id = $2', [org, customerId]))[0]?.status;

describe('the nightly gateway check', () => {
  it('R-5: recovers a paid checkout whose webhook never came, once, and reports a payment it cannot match', async () => {
    const org = (await createOrg(db, { name: 'Check', defaultTimezone: 'America/Mexico_City' })).id;
    await stripe.connect(db, org);
    const { customer, link } = await owing(org, 120_00);
    const session = [...stripe.sessions.values()].find((s) => s.client_reference_id === link.id)!;
    const pi = (stripe.complete(session.id as string).data as { object: { payment_intent: string } }).object.payment_intent;
    const foreign = await foreignPaidSession();
    const since = new Date(clock.getTime() - 3 * 86_400_000);
    const first = await checkGateways(ctx(), org, since, clock);
    assert.deepEqual(first.recovered.map((f) => [f.payment_ref, f.link_id, f.amount]), [[pi, link.id, 120_00]]);
    assert.deepEqual(first.unmatched.map((f) => [f.payment_ref, f.amount, f.currency]), [[foreign, 42_00, 'MXN']]);
    assert.match(first.unmatched[0]!.reason!, /names no cobro link/);
    const ps = (await listPayments(db, org, { customer_id: customer.id })).data;
    assert.deepEqual(ps.map((p) => [p.amount, p.source, p.external_id]), [[120_00, 'stripe', `stripe:${pi}`]]);
    assert.equal(await caseStatus(org, customer.id), 'closed');
    const second = await checkGateways(ctx(), org, since, clock);
    assert.deepEqual([second.recovered.length, second.in_ledger, second.unmatched.length], [0, 1, 1]);
    assert.equal((await listPayments(db, org, { customer_id: customer.id })).data.length, 1);
    const stored = await db.query<{ trigger: string }>('SELECT trigger FROM gateway_checks WHERE org_id = $1', [org]);
    assert.deepEqual(stored.map((r) => r.trigger), ['api', 'api']);
    const [audit] = await db.query<{ data: { recovered: string[]; unmatched: string[] } }>(
      `SELECT data FROM audit_log WHERE org_id = $1 AND action = 'gateways.checked' ORDER BY seq LIMIT 1`, [org]);
    assert.deepEqual([audit!.data.recovered, audit!.data.unmatched], [[pi], [foreign]]);
  });

  it('recovers a Mercado Pago payment and then a refund whose notifications were lost', async () => {
    const org = (await createOrg(db, { name: 'Check MP' })).id;
    await mp.connect(db, org);
    const { customer, link } = await owing(org, 500_00);
    const pref = [...mp.preferences.values()].find((p) => p.external_reference === link.id)!;
    const { payment } = await mp.pay(pref.id as string, { notify: false });
    const since = new Date(clock.getTime() - 86_400_000);
    const first = await checkGateways(ctx(), org, since, clock);
    assert.deepEqual(first.recovered.map((f) => f.payment_ref), [String(payment.id)]);
    Object.assign(mp.payments.get(payment.id as number)!, { transaction_amount_refunded: 100, status_detail: 'partially_refunded' });
    const second = await checkGateways(ctx(), org, since, clock);
    assert.deepEqual([second.recovered.length, second.adjusted.map((f) => f.payment_ref)], [0, [String(payment.id)]]);
    const kept = (await listPayments(db, org, { customer_id: customer.id })).data.filter((p) => !p.reversed_at);
    assert.deepEqual(kept.map((p) => p.amount), [400_00]);
  });

  it('runs from the API for admins and managers only', async () => {
    const org = (await createOrg(db, { name: 'Check API' })).id;
    await stripe.connect(db, org);
    const app = await buildServer({ db, now: () => clock });
    try {
      const manager = (await createApiKey(db, org, 'manager')).secret;
      const collector = (await createApiKey(db, org, 'collector')).secret;
      const ok = await app.inject({ method: 'POST', url: '/v1/gateways/check', headers: { authorization: `Bearer ${manager}` }, payload: { since: '2026-03-09' } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual([ok.json().since, ok.json().providers], ['2026-03-09T00:00:00.000Z', ['stripe']]);
      const no = await app.inject({ method: 'POST', url: '/v1/gateways/check', headers: { authorization: `Bearer ${collector}` }, payload: {} });
      assert.equal(no.statusCode, 403);
    } finally { await app.close(); }
  });

  it('runs from the worker round at most once a day per org', async () => {
    const org = (await createOrg(db, { name: 'Check worker' })).id;
    await stripe.connect(db, org);
    const round = (at: Date) => workOnce({ db, now: () => at, messaging: { adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' }, log: { info: () => {}, error: () => {} } });
    const count = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM gateway_checks WHERE org_id = $1 AND trigger = 'worker'`, [org]))[0]!.n;
    await round(clock);
    await round(new Date(clock.getTime() + 3_600_000));
    assert.equal(await count(), 1);
    await round(new Date(clock.getTime() + 25 * 3_600_000));
    assert.equal(await count(), 2);
  });
});
