// Older open payment links expired at the provider by the worker, against loopback Stripe and Mercado Pago that check the
// key and the request's shape: superseded by a newer checkout, made stale by a payment of their invoices, retried with
// backoff after a failure, guarded by the egress policy, recorded once; a payment through a link expired too late is
// recorded (credit) and flagged for review.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { parseEgressAllow } from '../src/channels/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { createPaymentLink, gatewayRound, type PaymentLink } from '../src/payments/index.ts';
import { sandboxAdapters, workOnce } from '../src/worker/index.ts';
import { testDb } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { fakeStripe, type FakeStripe } from './support/providers/stripe.ts';
import { fakeMercadoPago, type FakeMercadoPago } from './support/providers/mercadopago.ts';

let db: Db;
let app: FastifyInstance;
let stripe: FakeStripe;
let mp: FakeMercadoPago;
const start = new Date('2026-03-10T17:00:00Z');
let clock = start;
const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock, messaging });
  messaging.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  stripe = await fakeStripe({ secretKey: 'sk_test_expiry4242', webhookSecret: 'whsec_expiry4242', now: () => clock });
  mp = await fakeMercadoPago({ accessToken: 'APP_USR-expiry-123456', webhookSecret: 'mp-expiry-secret', now: () => clock });
});
after(async () => { await stripe.close(); await mp.close(); await app.close(); await db.close(); });

const silent = { info: () => {}, error: () => {} };
const round = (o: { egress?: ReturnType<typeof parseEgressAllow> } = {}) => workOnce({ db, now: () => clock, messaging, log: silent, ...o });
const later = (ms: number) => { clock = new Date(clock.getTime() + ms); };

async function anOrg(provider: 'stripe' | 'mercadopago') {
  const org = (await createOrg(db, { name: `Expiry ${provider}`, country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
  if (provider === 'stripe') { await stripe.connect(db, org); stripe.webhookUrl = `${messaging.publicUrl}/webhooks/stripe/${org}`; }
  else await mp.connect(db, org);
  const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City', email: 'cxp@cliente.example' });
  const a = await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 10_000, due_date: '2026-02-01' });
  const b = await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 5_000, due_date: '2026-02-10' });
  return { org, c, a, b };
}

async function link(org: string, customerId: string, invoiceIds: string[]): Promise<PaymentLink> {
  const r = await createPaymentLink({ db, publicUrl: messaging.publicUrl }, org, 'test', { customerId, invoiceIds, source: 'message' }, clock);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const row = async (id: string) => (await db.query<{ status: string; expire_state: string | null; expire_reason: string | null; expire_attempts: number; expire_next_at: string | null; expire_error: string | null }>(
  'SELECT status, expire_state, expire_reason, expire_attempts, expire_next_at, expire_error FROM payment_links WHERE id = $1', [id]))[0]!;
const audits = async (org: string, id: string) => (await db.query<{ action: string; data: { reason?: string; attempts?: number } }>(
  `SELECT action, data FROM audit_log WHERE org_id = $1 AND entity_id = $2 AND action LIKE 'payment_link.expire%' ORDER BY seq`, [org, id]));
const sessionOf = (l: PaymentLink) => [...stripe.sessions.values()].find((s) => s.client_reference_id === l.id)!;
const expiresOf = (l: PaymentLink) => stripe.expires.filter((e) => e.session === sessionOf(l).id);
const prefOf = (l: PaymentLink) => [...mp.preferences.values()].find((p) => p.external_reference === l.id)!;

describe('older payment links expired at the provider', () => {
  it('a newer Stripe checkout for some of the same invoices: the older session is expired once, by the worker, and never reused', async () => {
    const { org, c, a, b } = await anOrg('stripe');
    const older = await link(org, c.id, [a.id]);
    const newer = await link(org, c.id, [a.id, b.id]);
    assert.equal(expiresOf(older).length, 0, 'nothing is asked of Stripe when the newer link is made');
    assert.equal((await row(older.id)).expire_state, 'due');
    assert.notEqual((await link(org, c.id, [a.id])).id, older.id, 'a link being expired is not handed out again');
    await round();
    assert.deepEqual(expiresOf(older).map((e) => e.status), [200]);
    assert.equal(sessionOf(older).status, 'expired');
    assert.deepEqual(await row(older.id), { status: 'expired', expire_state: 'done', expire_reason: `superseded by ${newer.id}`, expire_attempts: 1,
      expire_next_at: null, expire_error: null });
    const audit = await audits(org, older.id);
    assert.deepEqual(audit.map((x) => [x.action, x.data.reason]), [['payment_link.expired', `superseded by ${newer.id}`]]);
    await round();
    assert.equal(expiresOf(older).length, 1, 'expired once: a second round asks nothing');
    assert.equal((await audits(org, older.id)).length, 1);
    assert.deepEqual(stripe.rejected.filter((r) => r.status === 401), [], 'every call carried the key');
  });

  it('two workers at once: the link is claimed by one, so Stripe is asked once and the expiry is recorded once', async () => {
    const { org, c, a, b } = await anOrg('stripe');
    const older = await link(org, c.id, [a.id]);
    await link(org, c.id, [a.id, b.id]);
    const ctx = { db, publicUrl: messaging.publicUrl };
    const [one, two] = await Promise.all([gatewayRound(ctx, org, clock), gatewayRound(ctx, org, clock)]);
    assert.equal((one?.expiry.expired ?? 0) + (two?.expiry.expired ?? 0), 1);
    assert.deepEqual(expiresOf(older).map((e) => e.status), [200]);
    assert.equal((await audits(org, older.id)).length, 1);
  });

  it('a payment that settles the invoices (here through the API) has the open link expired at the next round', async () => {
    const { org, c, a, b } = await anOrg('stripe');
    const open = await link(org, c.id, [a.id, b.id]);
    await round();
    assert.equal(expiresOf(open).length, 0, 'an open link whose invoices still owe its amount stays open');
    await aPayment(db, org, { customer_id: c.id, amount: 10_000, currency: 'MXN', allocations: [{ invoice_id: a.id, amount: 10_000 }] });
    await round();
    assert.deepEqual(expiresOf(open).map((e) => e.status), [200]);
    const r = await row(open.id);
    assert.deepEqual([r.status, r.expire_state, r.expire_reason], ['expired', 'done', 'its invoices owe 5000 MXN, less than its 15000']);
  });

  it('retries a failed expiry with backoff, and counts the attempts', async () => {
    const { org, c, a, b } = await anOrg('stripe');
    const older = await link(org, c.id, [b.id]);
    await link(org, c.id, [a.id, b.id]);
    stripe.faults.failExpires = 1;
    await round();
    assert.deepEqual(expiresOf(older).map((e) => e.status), [500]);
    const failed = await row(older.id);
    assert.deepEqual([failed.status, failed.expire_state, failed.expire_attempts], ['open', 'due', 1]);
    assert.equal(Date.parse(failed.expire_next_at!), clock.getTime() + 60_000, 'tried again a minute later');
    assert.match(failed.expire_error!, /Stripe answered 500/);
    later(30_000);
    await round();
    assert.equal(expiresOf(older).length, 1, 'not before its turn');
    later(31_000);
    await round();
    assert.deepEqual(expiresOf(older).map((e) => e.status), [500, 200]);
    assert.deepEqual(await audits(org, older.id).then((x) => x.map((y) => [y.action, y.data.attempts])), [['payment_link.expired', 2]]);
  });

  it('goes through the operator\'s egress policy: a refused address is not reached, and is retried', async () => {
    const { org, c, a, b } = await anOrg('stripe');
    const older = await link(org, c.id, [a.id]);
    await link(org, c.id, [a.id, b.id]);
    await round({ egress: parseEgressAllow('') });
    assert.equal(expiresOf(older).length, 0, 'the loopback fake was not reached');
    const r = await row(older.id);
    assert.deepEqual([r.status, r.expire_state], ['open', 'due']);
    assert.match(r.expire_error!, /refused|not allowed|private|loopback/i);
  });

  it('Mercado Pago: the older preference\'s validity ends now (PUT /checkout/preferences/{id}), so it can no longer be paid', async () => {
    const { org, c, a, b } = await anOrg('mercadopago');
    const older = await link(org, c.id, [a.id]);
    await link(org, c.id, [a.id, b.id]);
    later(60_000);
    await round();
    const sent = mp.updates.filter((u) => u.id === prefOf(older).id);
    const mpDate = (d: string | Date) => new Date(d).toISOString().replace('Z', '+00:00');
    assert.deepEqual(sent.map((u) => u.body), [{ expires: true, expiration_date_from: mpDate(older.created_at), expiration_date_to: mpDate(clock) }]);
    assert.equal((await row(older.id)).status, 'expired');
    later(1000);
    await assert.rejects(mp.pay(prefOf(older).id as string), /expired/);
    await round();
    assert.equal(mp.updates.filter((u) => u.id === prefOf(older).id).length, 1, 'updated once');
  });
});

describe('a payment through a link expired too late', () => {
  const tasks = async (org: string, customerId: string) => db.query<{ kind: string; note: string; action_key: string }>(
    `SELECT kind, note, action_key FROM tasks WHERE org_id = $1 AND customer_id = $2 AND action_key LIKE 'late-link:%'`, [org, customerId]);
  const credit = async (org: string, customerId: string) => db.query<{ amount: number; allocated: number }>(
    `SELECT p.amount::int AS amount, COALESCE((SELECT sum(x.amount) FROM allocations x WHERE x.payment_id = p.id), 0)::int AS allocated
     FROM payments p WHERE p.org_id = $1 AND p.customer_id = $2 AND p.source = 'stripe'`, [org, customerId]);

  it('paid at Stripe before the worker expired it: Stripe refuses the expiry, the payment is recorded as credit and flagged', async () => {
    const { org, c, a } = await anOrg('stripe');
    const l = await link(org, c.id, [a.id]);
    await aPayment(db, org, { customer_id: c.id, amount: 10_000, currency: 'MXN', allocations: [{ invoice_id: a.id, amount: 10_000 }] });
    const paid = stripe.complete(sessionOf(l).id as string);
    await round();
    assert.deepEqual(expiresOf(l).map((e) => e.status), [400], 'Stripe answered that the session is no longer open');
    assert.equal((await row(l.id)).expire_state, 'refused');
    assert.deepEqual((await audits(org, l.id)).map((x) => x.action), ['payment_link.expire_refused']);
    assert.deepEqual(await stripe.deliver(paid), [200]);
    assert.deepEqual(await credit(org, c.id), [{ amount: 10_000, allocated: 0 }], 'recorded as today: all of it credit');
    const flagged = await tasks(org, c.id);
    assert.equal(flagged.length, 1);
    assert.equal(flagged[0]!.kind, 'review');
    assert.match(flagged[0]!.note, new RegExp(`through payment link ${l.id}`));
  });

  it('paid before any round made it stale: flagged all the same, since its invoices owed less than it took', async () => {
    const { org, c, b } = await anOrg('stripe');
    const l = await link(org, c.id, [b.id]);
    await aPayment(db, org, { customer_id: c.id, amount: 5_000, currency: 'MXN', allocations: [{ invoice_id: b.id, amount: 5_000 }] });
    assert.deepEqual(await stripe.deliver(stripe.complete(sessionOf(l).id as string)), [200]);
    assert.deepEqual(await credit(org, c.id), [{ amount: 5_000, allocated: 0 }]);
    assert.equal((await tasks(org, c.id)).length, 1);
  });

  it('a payment through a link that is not stale is not flagged', async () => {
    const { org, c, a, b } = await anOrg('stripe');
    const l = await link(org, c.id, [a.id, b.id]);
    assert.deepEqual(await stripe.deliver(stripe.complete(sessionOf(l).id as string)), [200]);
    assert.deepEqual(await credit(org, c.id), [{ amount: 15_000, allocated: 15_000 }]);
    assert.equal((await tasks(org, c.id)).length, 0);
  });
});
