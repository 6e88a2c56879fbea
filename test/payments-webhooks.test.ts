// Gateway webhooks end to end over loopback: signatures checked on the raw body (a tampered body, a wrong secret, a stale
// or missing signature store nothing), events stored once and processed once, refunds and chargebacks reversing what they
// take, events in any order, failures kept visible and retried; Stripe and Mercado Pago alike.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createOrg, createApiKey } from '../src/orgs/index.ts';
import { getInvoice, listPayments } from '../src/ledger/index.ts';
import { replanCase } from '../src/engine/index.ts';
import { createPaymentLink, evaluateArrangements, getPaymentLink, offerDiscount, type PaymentLink } from '../src/payments/index.ts';
import { sandboxAdapters, workOnce } from '../src/worker/index.ts';
import { testDb } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { fakeStripe, type FakeStripe, type StripeObject } from './support/providers/stripe.ts';
import { fakeMercadoPago, type FakeMercadoPago } from './support/providers/mercadopago.ts';

let db: Db;
let app: FastifyInstance;
let stripe: FakeStripe;
let mp: FakeMercadoPago;
let clock = new Date('2026-03-10T17:00:00Z');
/** The providers' own clock, which a test may set apart from cobro's. */
let providerClock: Date | null = null;
const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock, messaging });
  messaging.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  stripe = await fakeStripe({ secretKey: 'sk_test_hooks4242', webhookSecret: 'whsec_hooks4242', now: () => providerClock ?? clock });
  mp = await fakeMercadoPago({ accessToken: 'APP_USR-hooks-123456', webhookSecret: 'mp-hooks-secret', now: () => providerClock ?? clock });
});
after(async () => { await stripe.close(); await mp.close(); await app.close(); await db.close(); });

const ctx = () => ({ db, publicUrl: messaging.publicUrl });

async function anOrg(provider: 'stripe' | 'mercadopago') {
  const org = (await createOrg(db, { name: `Org ${provider}`, country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
  if (provider === 'stripe') { await stripe.connect(db, org); stripe.webhookUrl = `${messaging.publicUrl}/webhooks/stripe/${org}`; }
  else await mp.connect(db, org);
  return org;
}

/** A customer owing the given invoices (MXN) with an open case, and a payment link for them. */
async function owing(org: string, amounts: number[], input: { amount?: number } = {}) {
  const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City', email: 'cxp@cliente.example' });
  const invoices = [];
  for (const [i, amount] of amounts.entries()) invoices.push(await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount, due_date: `2026-02-0${i + 1}` }));
  await replanCase(db, org, c.id, clock);
  const link = await createPaymentLink(ctx(), org, 'test', { customerId: c.id, source: 'api', ...input }, clock);
  if (!link.ok) throw new Error(link.error.message);
  return { customer: c, invoices, link: link.value };
}

const sessionOf = (l: PaymentLink) => [...stripe.sessions.values()].find((s) => s.client_reference_id === l.id)!;
const piOf = (ev: StripeObject) => (ev.data as { object: { payment_intent: string } }).object.payment_intent;
const payments = async (org: string, customerId: string) => (await listPayments(db, org, { customer_id: customerId, limit: 100 })).data;
const allPayments = async (org: string, customerId: string) => db.query<{ external_id: string; amount: number; reversed_at: string | null; source: string }>(
  'SELECT external_id, amount, reversed_at, source FROM payments WHERE org_id = $1 AND customer_id = $2 ORDER BY created_at, id', [org, customerId]);
const inbox = (org: string) => db.query<{ status: string; error: string | null; attempts: number; provider: string }>(
  'SELECT status, error, attempts, provider FROM inbox_events WHERE org_id = $1 ORDER BY received_at, id', [org]);
const balance = async (org: string, id: string) => { const r = await getInvoice(db, org, id); assert.ok(r.ok); return r.value.balance; };
const caseStatus = async (org: string, customerId: string) =>
  (await db.query<{ status: string }>('SELECT status FROM cases WHERE org_id = $1 AND customer_id = $2', [org, customerId]))[0]?.status;

describe('Stripe webhooks', () => {
  it('refuses a tampered body, a wrong secret, a stale or missing signature with 403, storing nothing; then takes the real one', async () => {
    const org = await anOrg('stripe');
    const { customer, link } = await owing(org, [100_00]);
    const event = stripe.complete(sessionOf(link).id as string);
    assert.deepEqual(await stripe.deliver(event, { tamper: (p) => p.replace('"amount_total":10000', '"amount_total":1') }), [403]);
    assert.deepEqual(await stripe.deliver(event, { secret: 'whsec_someone_else' }), [403]);
    providerClock = new Date(clock.getTime() - 301_000);
    assert.deepEqual(await stripe.deliver(event), [403], 'signed more than five minutes ago');
    providerClock = null;
    const unsigned = await fetch(stripe.webhookUrl!, { method: 'POST', body: JSON.stringify(event), headers: { 'content-type': 'application/json' } });
    assert.equal(unsigned.status, 403);
    assert.match((await unsigned.json() as { error: { message: string } }).error.message, /SIGNATURE_MISSING/);
    assert.deepEqual(await inbox(org), [], 'nothing stored');
    assert.deepEqual(await payments(org, customer.id), []);
    assert.deepEqual(await stripe.deliver(event), [200]);
    assert.equal((await payments(org, customer.id)).length, 1);
    // the raw-body parser is the webhooks' alone: JSON routes still read JSON
    const key = (await createApiKey(db, org, 'admin')).secret;
    const other = await app.inject({ method: 'POST', url: '/v1/payments', headers: { authorization: `Bearer ${key}` },
      payload: { customer_id: customer.id, amount: 1, currency: 'MXN', date: '2026-03-10' } });
    assert.equal(other.statusCode, 201, other.body);
  });

  it('pays the link\'s invoices oldest first, leaves the rest as credit, completes the link and closes the case', async () => {
    const org = await anOrg('stripe');
    const { customer, invoices, link } = await owing(org, [60_00, 40_00]);
    // a transfer pays the older invoice before the debtor uses the link
    await aPayment(db, org, { customer_id: customer.id, amount: 60_00, currency: 'MXN', date: '2026-03-10', allocations: [{ invoice_id: invoices[0]!.id, amount: 60_00 }] });
    await stripe.deliver(stripe.complete(sessionOf(link).id as string));
    const p = (await payments(org, customer.id)).find((x) => x.source === 'stripe')!;
    assert.deepEqual([p.amount, p.unapplied, p.allocations.map((a) => [a.invoice_id, a.amount])], [100_00, 60_00, [[invoices[1]!.id, 40_00]]]);
    const l = await getPaymentLink(db, org, link.id, clock);
    assert.ok(l.ok && l.value.status === 'completed');
    assert.equal(await caseStatus(org, customer.id), 'closed');
  });

  it('applies a prompt-payment discount the link payment earns in the webhook\'s own transaction, once', async () => {
    const org = await anOrg('stripe');
    const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City', email: 'pronto@cliente.example' });
    const inv = await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 100_00, due_date: '2026-02-01' });
    const offer = await offerDiscount(db, org, 'manager', { customerId: c.id, basisPoints: 200, payBy: '2026-03-15', source: 'api' }, clock);
    assert.ok(offer.ok && offer.value.pay_amount === 98_00);
    const link = await createPaymentLink(ctx(), org, 'test', { customerId: c.id, source: 'api', amount: 98_00 }, clock);
    assert.ok(link.ok);
    await stripe.deliver(stripe.complete(sessionOf(link.value).id as string));
    assert.equal(await balance(org, inv.id), 0);
    assert.equal(await caseStatus(org, c.id), 'closed');
    const [o] = await db.query<{ status: string }>('SELECT status FROM discount_offers WHERE org_id = $1 AND customer_id = $2', [org, c.id]);
    assert.equal(o!.status, 'applied');
    assert.deepEqual((await evaluateArrangements(db, org, clock)).discounts, {}, 'the round applies nothing again');
    const adj = await db.query<{ amount: number }>(`SELECT amount FROM adjustments WHERE org_id = $1 AND invoice_id = $2 AND kind = 'discount'`, [org, inv.id]);
    assert.equal(adj.length, 1);
  });

  it('R-2: records one payment for five copies at once and, at the same moment, the session\'s second event', async () => {
    const org = await anOrg('stripe');
    const { customer, link } = await owing(org, [75_00]);
    const completed = stripe.complete(sessionOf(link).id as string);
    const async = { ...completed, id: `${completed.id}_async`, type: 'checkout.session.async_payment_succeeded' };
    const [statuses, second] = await Promise.all([stripe.deliver(completed, { times: 5 }), stripe.deliver(async, { times: 2 })]);
    assert.deepEqual([...statuses, ...second], [200, 200, 200, 200, 200, 200, 200]);
    assert.equal((await payments(org, customer.id)).length, 1);
    assert.deepEqual((await inbox(org)).map((e) => e.status), ['processed', 'processed'], 'two events, each stored once');
  });

  it('reverses a partial refund by reversing the payment and recording the kept part, then a full refund leaves nothing', async () => {
    const org = await anOrg('stripe');
    const { customer, invoices, link } = await owing(org, [100_00]);
    const completed = stripe.complete(sessionOf(link).id as string);
    await stripe.deliver(completed);
    const pi = piOf(completed);
    clock = new Date(clock.getTime() + 2 * 86_400_000);
    await stripe.deliver(stripe.refund(pi, 30_00));
    let all = await allPayments(org, customer.id);
    assert.deepEqual(all.map((p) => [p.external_id, p.amount, Boolean(p.reversed_at)]), [[`stripe:${pi}`, 100_00, true], [`stripe:${pi}:kept-1`, 70_00, false]]);
    const dates = await db.query<{ date: string }>('SELECT date FROM payments WHERE org_id = $1 AND customer_id = $2 ORDER BY created_at, id', [org, customer.id]);
    assert.deepEqual(dates.map((d) => d.date), ['2026-03-10', '2026-03-10'], 'the kept part keeps the day it was paid');
    assert.equal(await balance(org, invoices[0]!.id), 30_00);
    const [audit] = await db.query<{ data: { reason: string; kept: number } }>(`SELECT data FROM audit_log WHERE org_id = $1 AND action = 'gateway.payment_adjusted'`, [org]);
    assert.match(audit!.data.reason, /10000 captured, 3000 refunded; 7000 kept/);
    assert.equal(await caseStatus(org, customer.id), 'open', 'the case is open again for what is owed');
    await stripe.deliver(stripe.refund(pi));
    all = await allPayments(org, customer.id);
    assert.ok(all.every((p) => p.reversed_at), 'nothing kept');
    assert.equal(await balance(org, invoices[0]!.id), 100_00);
  });

  it('reverses a chargeback, and records the payment again when the dispute is won', async () => {
    const org = await anOrg('stripe');
    const { customer, invoices, link } = await owing(org, [50_00]);
    const completed = stripe.complete(sessionOf(link).id as string);
    await stripe.deliver(completed);
    await stripe.deliver(stripe.dispute(piOf(completed)));
    assert.equal(await balance(org, invoices[0]!.id), 50_00);
    assert.deepEqual((await payments(org, customer.id)).map((p) => Boolean(p.reversed_at)), [true]);
    await stripe.deliver(stripe.dispute(piOf(completed), 'won'));
    assert.equal(await balance(org, invoices[0]!.id), 0);
    assert.equal((await payments(org, customer.id)).filter((p) => !p.reversed_at).length, 1);
  });

  it('R-2: keeps a refund that arrives before its payment as received, and applies it once the payment is recorded', async () => {
    const org = await anOrg('stripe');
    const { customer, invoices, link } = await owing(org, [80_00]);
    const completed = stripe.complete(sessionOf(link).id as string);
    const refund = stripe.refund(piOf(completed), 20_00);
    assert.deepEqual(await stripe.deliver(refund), [200]);
    const [waiting] = await inbox(org);
    assert.deepEqual([waiting!.status, waiting!.attempts], ['received', 1]);
    assert.match(waiting!.error ?? '', /^waiting: no payment recorded yet/);
    assert.deepEqual(await payments(org, customer.id), []);
    await stripe.deliver(completed);
    assert.deepEqual((await inbox(org)).map((e) => e.status), ['processed', 'processed']);
    assert.equal(await balance(org, invoices[0]!.id), 20_00);
    assert.deepEqual((await allPayments(org, customer.id)).map((p) => [p.amount, Boolean(p.reversed_at)]), [[80_00, true], [60_00, false]]);
  });

  it('keeps a payment through no cobro link visible as failed; refuses an unknown org and an org without Stripe', async () => {
    const org = await anOrg('stripe');
    const { link } = await owing(org, [10_00]);
    const completed = stripe.complete(sessionOf(link).id as string);
    const obj = (completed.data as { object: StripeObject }).object;
    const foreign = { ...completed, id: `${completed.id}_foreign`, data: { object: { ...obj, payment_intent: 'pi_foreign', client_reference_id: null, metadata: {} } } };
    assert.deepEqual(await stripe.deliver(foreign), [200]);
    const [e] = await inbox(org);
    assert.deepEqual([e!.status, e!.attempts], ['failed', 1]);
    assert.match(e!.error ?? '', /^unmatched: stripe payment pi_foreign names no cobro link/);
    const unknown = await fetch(`${messaging.publicUrl}/webhooks/stripe/org_nobody`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    assert.equal(unknown.status, 400);
    const bare = (await createOrg(db, { name: 'No Stripe' })).id;
    const notConnected = await fetch(`${messaging.publicUrl}/webhooks/stripe/${bare}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    assert.equal(notConnected.status, 400);
  });

  it('marks the link expired when Stripe expires its session', async () => {
    const org = await anOrg('stripe');
    const { link } = await owing(org, [10_00]);
    const s = sessionOf(link);
    await stripe.deliver({ id: 'evt_expired_1', object: 'event', created: Math.floor(clock.getTime() / 1000), type: 'checkout.session.expired',
      data: { object: { ...s, status: 'expired' } } });
    const l = await getPaymentLink(db, org, link.id, clock);
    assert.ok(l.ok && l.value.status === 'expired');
  });
});

describe('Mercado Pago webhooks', () => {
  it('fetches the payment a notification names, records it once for repeated notifications, and closes the case', async () => {
    const org = await anOrg('mercadopago');
    const { customer, invoices, link } = await owing(org, [1_234_56]);
    const pref = [...mp.preferences.values()].find((p) => p.external_reference === link.id)!;
    const { payment, statuses } = await mp.pay(pref.id as string);
    assert.deepEqual(statuses, [200]);
    assert.deepEqual(await mp.notify(payment.id as number, { times: 3 }), [200, 200, 200]);
    const ps = await payments(org, customer.id);
    assert.equal(ps.length, 1);
    assert.deepEqual([ps[0]!.amount, ps[0]!.source, ps[0]!.method, ps[0]!.reference, ps[0]!.external_id],
      [1_234_56, 'mercadopago', 'visa', String(payment.id), `mercadopago:${payment.id}`]);
    assert.equal(await balance(org, invoices[0]!.id), 0);
    assert.equal(await caseStatus(org, customer.id), 'closed');
    const l = await getPaymentLink(db, org, link.id, clock);
    assert.ok(l.ok && l.value.status === 'completed');
  });

  it('refuses a notification with a wrong secret, or whose body names another payment than the signed data.id', async () => {
    const org = await anOrg('mercadopago');
    const { customer, link } = await owing(org, [500_00]);
    const pref = [...mp.preferences.values()].find((p) => p.external_reference === link.id)!;
    const { payment } = await mp.pay(pref.id as string, { notify: false });
    assert.deepEqual(await mp.notify(payment.id as number, { secret: 'not-the-secret' }), [403]);
    assert.deepEqual(await mp.notify(payment.id as number, { bodyDataId: '12345' }), [400]);
    assert.deepEqual(await inbox(org), []);
    assert.deepEqual(await payments(org, customer.id), []);
  });

  it('does nothing for a payment still pending, then records it when approved', async () => {
    const org = await anOrg('mercadopago');
    const { customer, link } = await owing(org, [300_00]);
    const pref = [...mp.preferences.values()].find((p) => p.external_reference === link.id)!;
    const { payment } = await mp.pay(pref.id as string, { status: 'pending' });
    assert.deepEqual(await payments(org, customer.id), []);
    assert.deepEqual((await inbox(org)).map((e) => e.status), ['processed']);
    Object.assign(mp.payments.get(payment.id as number)!, { status: 'approved', date_approved: clock.toISOString() });
    await mp.notify(payment.id as number);
    assert.equal((await payments(org, customer.id)).length, 1);
  });

  it('reverses a partial refund and then a chargeback', async () => {
    const org = await anOrg('mercadopago');
    const { customer, invoices, link } = await owing(org, [1_000_00]);
    const pref = [...mp.preferences.values()].find((p) => p.external_reference === link.id)!;
    const { payment } = await mp.pay(pref.id as string);
    await mp.refund(payment.id as number, 250.5);
    assert.equal(await balance(org, invoices[0]!.id), 250_50);
    assert.deepEqual((await allPayments(org, customer.id)).map((p) => [p.amount, Boolean(p.reversed_at)]), [[1_000_00, true], [749_50, false]]);
    await mp.chargeback(payment.id as number);
    assert.equal(await balance(org, invoices[0]!.id), 1_000_00);
    assert.ok((await allPayments(org, customer.id)).every((p) => p.reversed_at));
  });

  it('keeps a failed fetch visible with its error and attempts, and the worker round processes it later', async () => {
    const org = await anOrg('mercadopago');
    const { customer, link } = await owing(org, [90_00]);
    const pref = [...mp.preferences.values()].find((p) => p.external_reference === link.id)!;
    mp.faults.failFetches = 1;
    await mp.pay(pref.id as string);
    const [failed] = await inbox(org);
    assert.deepEqual([failed!.status, failed!.attempts], ['failed', 1]);
    assert.match(failed!.error ?? '', /Mercado Pago answered 500/);
    assert.deepEqual(await payments(org, customer.id), []);
    // the worker's next round after the retry time
    clock = new Date(clock.getTime() + 2 * 60_000);
    await workOnce({ db, now: () => clock, messaging, log: { info: () => {}, error: () => {} } });
    const [done] = await inbox(org);
    assert.deepEqual([done!.status, done!.attempts, done!.error], ['processed', 2, null]);
    assert.equal((await payments(org, customer.id)).length, 1);
  });
});
