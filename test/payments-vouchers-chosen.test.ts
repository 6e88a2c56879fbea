// A Stripe Checkout session offering several voucher methods (OXXO for 2 days, boleto for 7), completed unpaid: cobro reads
// the session's PaymentIntent (GET /v1/payment_intents/{id}, through the org's Stripe connection) and holds the reminders to
// the voucher the debtor chose (next_action.oxxo_display_details.expires_after, boleto_display_details.expires_at); when the
// read fails or shows no voucher the hold runs to the latest expiry among those offered, and the timeline says why. A read
// that failed for want of an answer (an outage) is tried again by the worker's gateway round, by the inbox's backoff, until
// read: the same hold then moves to the voucher chosen. Through the real webhook route, against the fake Stripe signing as
// Stripe does.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { replanCase } from '../src/engine/index.ts';
import { createPaymentLink, gatewayRound, type PaymentLink } from '../src/payments/index.ts';
import { sandboxAdapters } from '../src/worker/index.ts';
import { testDb } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { fakeStripe, type FakeStripe, type StripeObject } from './support/providers/stripe.ts';

let db: Db;
let app: FastifyInstance;
let stripe: FakeStripe;
// Tuesday 10 March 2026, 11:00 in Mexico City
const clock = new Date('2026-03-10T17:00:00Z');
const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock, messaging });
  messaging.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  stripe = await fakeStripe({ secretKey: 'sk_test_chosen4242', webhookSecret: 'whsec_chosen4242', now: () => clock });
});
after(async () => { await stripe.close(); await app.close(); await db.close(); });

/** An org on the fake Stripe, a customer owing an overdue invoice, and a payment link for it. */
async function aLink(): Promise<{ org: string; customerId: string; link: PaymentLink }> {
  const org = (await createOrg(db, { name: 'Fichas', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
  await stripe.connect(db, org);
  stripe.webhookUrl = `${messaging.publicUrl}/webhooks/stripe/${org}`;
  const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City', email: 'caja@cliente.example' });
  await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 80_00, due_date: '2026-02-01' });
  await replanCase(db, org, c.id, clock);
  const link = await createPaymentLink({ db, publicUrl: messaging.publicUrl }, org, 'test', { customerId: c.id, source: 'api' }, clock);
  if (!link.ok) throw new Error(link.error.message);
  return { org, customerId: c.id, link: link.value };
}

/** checkout.session.completed, unpaid, for a session that offered OXXO (2 days) and boleto (7 days); its PaymentIntent's id. */
function issued(l: PaymentLink): { event: StripeObject; pi: string } {
  const s = [...stripe.sessions.values()].find((x) => x.client_reference_id === l.id)!;
  const pi = `pi_${String(s.id).slice(3, 22)}`;
  Object.assign(s, { status: 'complete', payment_status: 'unpaid', payment_intent: pi, payment_method_types: ['card', 'oxxo', 'boleto'],
    payment_method_options: { oxxo: { expires_after_days: 2 }, boleto: { expires_after_days: 7 } } });
  const event = { id: `evt_${pi.slice(3)}`, object: 'event', api_version: '2024-06-20', created: Math.floor(clock.getTime() / 1000),
    type: 'checkout.session.completed', data: { object: { ...s } }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null } };
  return { event, pi };
}

/** The PaymentIntent as Stripe shows it while the voucher waits to be paid: requires_action, next_action naming the voucher. */
const intent = (pi: string, next: Record<string, unknown> | null): StripeObject => ({ id: pi, object: 'payment_intent', amount: 8000, currency: 'mxn',
  status: next ? 'requires_action' : 'requires_payment_method', next_action: next });
const at = (iso: string) => Date.parse(iso) / 1000;

async function held(org: string, customerId: string) {
  const [h] = await db.query<{ hold_until: string; method: string; expires_at: string }>(
    `SELECT hold_until::text AS hold_until, method, expires_at FROM agent_claims WHERE org_id = $1 AND customer_id = $2 AND source = 'voucher'`, [org, customerId]);
  const [e] = await db.query<{ reason: string; data: Record<string, unknown> }>(
    `SELECT e.reason, e.data FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.org_id = $1 AND c.customer_id = $2 AND e.kind = 'payment_in_flight'`,
    [org, customerId]);
  assert.ok(h && e, 'a hold and its timeline entry');
  return { until: h.hold_until, method: h.method, expiresAt: new Date(h.expires_at).toISOString(), reason: e.reason, data: e.data };
}

describe('the voucher the debtor chose, read from the PaymentIntent', () => {
  it('holds to the OXXO voucher chosen (Thursday 23:59 in Mexico City), not the boleto offered for longer', async () => {
    const { org, customerId, link } = await aLink();
    const { event, pi } = issued(link);
    stripe.intents.set(pi, intent(pi, { type: 'oxxo_display_details',
      oxxo_display_details: { expires_after: at('2026-03-13T05:59:00Z'), hosted_voucher_url: 'https://payments.stripe.com/oxxo/voucher/test', number: '12345678901234657890123456789012' } }));
    assert.deepEqual(await stripe.deliver(event), [200]);
    assert.ok(stripe.intentsRead.includes(pi), 'the PaymentIntent was read');
    const h = await held(org, customerId);
    assert.deepEqual([h.until, h.method, h.expiresAt], ['2026-03-13', 'oxxo', '2026-03-13T05:59:00.000Z']);
    assert.match(h.reason, /held until 2026-03-13, .*the oxxo voucher the debtor chose/);
    assert.equal(h.data.expiry_basis, 'chosen');
  });

  it('holds to the boleto chosen, by its own expires_at', async () => {
    const { org, customerId, link } = await aLink();
    const { event, pi } = issued(link);
    // a boleto Stripe made to expire on Monday 16 March at 23:59 in São Paulo (sooner than the session's 7 days)
    stripe.intents.set(pi, intent(pi, { type: 'boleto_display_details',
      boleto_display_details: { expires_at: at('2026-03-17T02:59:00Z'), number: '01010101010101010101010101010101010101010101010', pdf: null, hosted_voucher_url: null } }));
    assert.deepEqual(await stripe.deliver(event), [200]);
    const h = await held(org, customerId);
    // 20:59 on Monday 16 March in Mexico City: reminders may come again from Tuesday 17
    assert.deepEqual([h.until, h.method, h.expiresAt], ['2026-03-17', 'boleto', '2026-03-17T02:59:00.000Z']);
  });

  it('keeps the latest expiry offered when the read fails, and the timeline says so', async () => {
    const { org, customerId, link } = await aLink();
    const { event, pi } = issued(link);
    stripe.intents.set(pi, intent(pi, { type: 'oxxo_display_details', oxxo_display_details: { expires_after: at('2026-03-13T05:59:00Z') } }));
    stripe.faults.failIntents = 1;
    assert.deepEqual(await stripe.deliver(event), [200]);
    const h = await held(org, customerId);
    // boleto's 7 days: Tuesday 17 March 23:59 in São Paulo, 20:59 in Mexico City
    assert.deepEqual([h.until, h.method], ['2026-03-18', 'boleto']);
    assert.match(h.reason, /could not be read \(Stripe answered 500: An unknown error occurred\): held to the latest expiry among the methods offered/);
    assert.deepEqual([h.data.expiry_basis, h.data.expiry_unread], ['offered', 'Stripe answered 500: An unknown error occurred']);
  });

  it('keeps the latest expiry offered for a PaymentIntent Stripe does not know or that shows no voucher', async () => {
    for (const known of [false, true]) {
      const { org, customerId, link } = await aLink();
      const { event, pi } = issued(link);
      if (known) stripe.intents.set(pi, intent(pi, null));
      assert.deepEqual(await stripe.deliver(event), [200]);
      const h = await held(org, customerId);
      assert.deepEqual([h.until, h.method, h.data.expiry_basis], ['2026-03-18', 'boleto', 'offered']);
      assert.match(h.reason, known ? /could not be read \(the payment shows no voucher\)/ : /could not be read \(Stripe answered 404: No such payment_intent/);
    }
  });
});

describe('the voucher chosen, read again after an outage', () => {
  const round = async (org: string, at: Date) => (await gatewayRound({ db, publicUrl: messaging.publicUrl }, org, at))!.vouchers;
  const after = (ms: number) => new Date(clock.getTime() + ms);
  const oxxo = (pi: string) => intent(pi, { type: 'oxxo_display_details', oxxo_display_details: { expires_after: at('2026-03-13T05:59:00Z') } });
  const holds = (org: string, customerId: string) => db.query<{ id: string; status: string }>(
    `SELECT id, status FROM agent_claims WHERE org_id = $1 AND customer_id = $2 AND source <> 'debtor'`, [org, customerId]);

  it('reads the PaymentIntent again when its turn comes, until Stripe answers, and moves the same hold to the voucher chosen', async () => {
    const { org, customerId, link } = await aLink();
    const { event, pi } = issued(link);
    stripe.intents.set(pi, oxxo(pi));
    stripe.faults.failIntents = 2;
    // the reads Stripe answered (those it failed are not listed)
    const reads = () => stripe.intentsRead.filter((x) => x === pi).length;
    assert.deepEqual(await stripe.deliver(event), [200]);
    const first = await held(org, customerId);
    assert.deepEqual([first.until, first.method, reads(), stripe.faults.failIntents], ['2026-03-18', 'boleto', 0, 1]);
    assert.match(first.reason, /held to the latest expiry among the methods offered, read again later/);
    // not before its turn (a minute on)
    assert.deepEqual(await round(org, after(30_000)), { corrected: [], failed: 0, ended: 0 });
    assert.equal(stripe.faults.failIntents, 1);
    // Stripe still failing: tried again two minutes later
    assert.deepEqual(await round(org, after(61_000)), { corrected: [], failed: 1, ended: 0 });
    assert.deepEqual([reads(), stripe.faults.failIntents], [0, 0]);
    assert.deepEqual(await round(org, after(61_000 + 60_000)), { corrected: [], failed: 0, ended: 0 });
    const [hold] = await holds(org, customerId);
    assert.deepEqual(await round(org, after(61_000 + 121_000)), { corrected: [hold!.id], failed: 0, ended: 0 });
    assert.equal(reads(), 1);
    const h = await held(org, customerId);
    assert.deepEqual([h.until, h.method, h.expiresAt], ['2026-03-13', 'oxxo', '2026-03-13T05:59:00.000Z']);
    assert.deepEqual((await holds(org, customerId)).map((x) => [x.id, x.status]), [[hold!.id, 'open']], 'the same hold, nothing held twice');
    const [e] = await db.query<{ reason: string }>(
      `SELECT e.reason FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.org_id = $1 AND c.customer_id = $2 AND e.kind = 'voucher_expiry_read'`, [org, customerId]);
    assert.match(e?.reason ?? '', /the oxxo voucher the debtor chose was read from stripe pi_\w+ once it answered: .* now held until 2026-03-13, .* not 2026-03-18/);
    assert.equal((await db.query(`SELECT 1 FROM audit_log WHERE org_id = $1 AND action = 'gateway.voucher_expiry_read'`, [org])).length, 1);
    // read once: never again
    assert.deepEqual(await round(org, after(86_400_000)), { corrected: [], failed: 0, ended: 0 });
    assert.equal(reads(), 1);
  });

  it('stops reading a PaymentIntent Stripe says it does not know, keeping the latest expiry offered', async () => {
    const { org, customerId, link } = await aLink();
    const { event, pi } = issued(link);
    stripe.faults.failIntents = 1;
    assert.deepEqual(await stripe.deliver(event), [200]);
    assert.deepEqual(await round(org, after(61_000)), { corrected: [], failed: 0, ended: 1 });
    assert.deepEqual(await round(org, after(86_400_000)), { corrected: [], failed: 0, ended: 0 });
    assert.equal(stripe.intentsRead.filter((x) => x === pi).length, 1);
    const h = await held(org, customerId);
    assert.deepEqual([h.until, h.method], ['2026-03-18', 'boleto']);
  });
});
