// Payments in flight and Mercado Pago mediations, through the real webhook routes with the loopback fakes signing as the
// providers do: a Stripe Checkout paid by OXXO (completed unpaid, then async_payment_succeeded or _failed) and a Mercado
// Pago ticket (pending_waiting_payment, then approved or cancelled) hold the reminders for the link's invoices until the
// voucher expires, shown to the planner (stop payment_in_flight), the gate (R-4 PAYMENT_PENDING), the case timeline and
// the portal; a Mercado Pago payment in_mediation is held as a Stripe dispute is, released when approved again.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createApiKey, createOrg } from '../src/orgs/index.ts';
import { getInvoice } from '../src/ledger/index.ts';
import { replanCase, runTick, type CaseEvent } from '../src/engine/index.ts';
import { checkContact } from '../src/compliance/index.ts';
import { settleClaims, listClaims } from '../src/agent/index.ts';
import { createPaymentLink, vouchersInFlight, type PaymentLink } from '../src/payments/index.ts';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { engineText } from '../web/src/cases/engineText.ts';
import { translator } from '../web/src/i18n/translate.ts';
import { es } from '../web/src/i18n/es.ts';
import { testDb } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { fakeStripe, type FakeStripe, type StripeObject } from './support/providers/stripe.ts';
import { fakeMercadoPago, type FakeMercadoPago } from './support/providers/mercadopago.ts';

let db: Db;
let app: FastifyInstance;
let stripe: FakeStripe;
let mp: FakeMercadoPago;
// Tuesday 10 March 2026, 11:00 in Mexico City
let clock = new Date('2026-03-10T17:00:00Z');
const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock, messaging });
  messaging.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  stripe = await fakeStripe({ secretKey: 'sk_test_vouch4242', webhookSecret: 'whsec_vouch4242', now: () => clock });
  mp = await fakeMercadoPago({ accessToken: 'APP_USR-vouch-123456', webhookSecret: 'mp-vouch-secret', now: () => clock });
});
after(async () => { await stripe.close(); await mp.close(); await app.close(); await db.close(); });

const at = (iso: string) => { clock = new Date(iso); };

async function anOrg(provider: 'stripe' | 'mercadopago') {
  at('2026-03-10T17:00:00Z');
  const org = (await createOrg(db, { name: `Vouchers ${provider}`, country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
  if (provider === 'stripe') { await stripe.connect(db, org); stripe.webhookUrl = `${messaging.publicUrl}/webhooks/stripe/${org}`; }
  else await mp.connect(db, org);
  return org;
}

/** A customer owing overdue invoices (MXN) with an open case and reminders planned, and a payment link for them. */
async function owing(org: string, amounts: number[], due = '2026-02-0') {
  const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City', email: 'ficha@cliente.example' });
  const invoices = [];
  for (const [i, amount] of amounts.entries()) invoices.push(await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount, due_date: `${due}${i + 1}` }));
  await replanCase(db, org, c.id, clock);
  const link = await createPaymentLink({ db, publicUrl: messaging.publicUrl }, org, 'test', { customerId: c.id, source: 'api' }, clock);
  if (!link.ok) throw new Error(link.error.message);
  return { customer: c, invoices, link: link.value };
}

const prefOf = (l: PaymentLink) => [...mp.preferences.values()].find((p) => p.external_reference === l.id)!.id as string;
const sessionOf = (l: PaymentLink) => [...stripe.sessions.values()].find((s) => s.client_reference_id === l.id)!;
const planned = async (org: string, customerId: string) => (await db.query<{ n: number }>(
  `SELECT count(*)::int AS n FROM actions a JOIN cases c ON c.id = a.case_id WHERE c.org_id = $1 AND c.customer_id = $2 AND a.status = 'planned'`, [org, customerId]))[0]!.n;
const caseOf = async (org: string, customerId: string) => (await db.query<{ id: string; status: string; stop_code: string | null; next_action_at: string | null }>(
  'SELECT id, status, stop_code, next_action_at FROM cases WHERE org_id = $1 AND customer_id = $2', [org, customerId]))[0]!;
const timeline = async (org: string, customerId: string) => (await db.query<{ kind: string; reason: string; data: Record<string, unknown> }>(
  `SELECT e.kind, e.reason, e.data FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.org_id = $1 AND c.customer_id = $2 ORDER BY e.at, e.id`, [org, customerId]));
const holds = (org: string, customerId: string) => db.query<{ id: string; status: string; hold_until: string; method: string; invoice_ids: string[]; payment_ref: string }>(
  `SELECT id, status, hold_until, method, invoice_ids, payment_ref FROM agent_claims WHERE org_id = $1 AND customer_id = $2 AND source = 'voucher' ORDER BY created_at, id`, [org, customerId]);
const gate = async (org: string, customerId: string) => {
  const r = await checkContact(db, org, { customerId, channel: 'email', purpose: { kind: 'collection', tags: [] } }, clock);
  assert.ok(r.ok);
  return r.value;
};
const blockedAsPending = async (org: string, customerId: string) => {
  const d = await gate(org, customerId);
  return d.kind === 'block' && d.reason.code === 'PAYMENT_PENDING';
};
/** after-7's rows: status, day and the hold that cancelled it. */
const steps = async (org: string, customerId: string) => (await db.query<{ step_id: string; status: string; scheduled_for: string; held_by: string | null }>(
  `SELECT a.step_id, a.status, a.scheduled_for::text AS scheduled_for, a.held_by FROM actions a JOIN cases c ON c.id = a.case_id
   WHERE c.org_id = $1 AND c.customer_id = $2 AND a.step_id = 'after-7' ORDER BY a.created_at, a.id`, [org, customerId])).map((r) => [r.step_id, r.status, r.scheduled_for, r.held_by]);
const balance = async (org: string, id: string) => { const r = await getInvoice(db, org, id); assert.ok(r.ok); return r.value.balance; };

/** The checkout.session.completed Stripe sends when the debtor chose OXXO: the voucher issued, `payment_status` unpaid. */
function oxxoIssued(l: PaymentLink, days?: number): StripeObject {
  const s = sessionOf(l);
  const pi = `pi_${String(s.id).slice(3, 20)}`;
  Object.assign(s, { status: 'complete', payment_status: 'unpaid', payment_intent: pi, payment_method_types: ['card', 'oxxo'],
    payment_method_options: days === undefined ? {} : { oxxo: { expires_after_days: days } } });
  return { id: `evt_${pi.slice(3)}a`, object: 'event', api_version: '2024-06-20', created: Math.floor(clock.getTime() / 1000), type: 'checkout.session.completed',
    data: { object: { ...s } }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null } };
}
const retyped = (ev: StripeObject, type: string): StripeObject => ({ ...ev, id: `${String(ev.id)}_${type.split('.').pop()}`, type });

describe('Stripe Checkout paid by OXXO', () => {
  it('holds reminders from the voucher to its payment: planner, gate and timeline say payment in flight; paid closes the case', async () => {
    const org = await anOrg('stripe');
    const { customer, invoices, link } = await owing(org, [60_00, 40_00]);
    assert.ok(await planned(org, customer.id) > 0, 'reminders planned before');
    assert.equal(await blockedAsPending(org, customer.id), false);
    const issued = oxxoIssued(link, 2);
    assert.deepEqual(await stripe.deliver(issued, { times: 3 }), [200, 200, 200]);
    const [h, ...more] = await holds(org, customer.id);
    assert.equal(more.length, 0, 'one hold for repeated deliveries');
    // issued Tuesday 10 March: expires Thursday 12 March at 23:59 in Mexico City; reminders may come again from Friday 13
    assert.deepEqual([h!.status, h!.hold_until, h!.method, [...h!.invoice_ids].sort()], ['open', '2026-03-13', 'oxxo', invoices.map((i) => i.id).sort()]);
    assert.equal(await planned(org, customer.id), 0, 'nothing planned while the voucher is in flight');
    assert.equal((await caseOf(org, customer.id)).stop_code, 'payment_in_flight');
    assert.equal(await blockedAsPending(org, customer.id), true, 'the gate blocks a collection message (R-4)');
    const tl = await timeline(org, customer.id);
    assert.ok(tl.some((e) => e.kind === 'payment_in_flight' && /oxxo voucher/.test(e.reason)), tl.map((e) => e.kind).join(', '));
    const stopped = tl.find((e) => e.kind === 'stopped' && e.data.code === 'payment_in_flight')!;
    assert.ok(stopped, 'the engine says why it stopped');
    assert.match(engineText({ id: 'evt', at: clock.toISOString(), kind: 'stopped', step_id: null, idempotency_key: null, reason: stopped.reason, data: stopped.data },
      translator(es), 'es-MX') ?? '', /pago con ficha en curso/);
    const key = (await createApiKey(db, org, 'admin')).secret;
    const made = await app.inject({ method: 'POST', url: `/v1/customers/${customer.id}/portal-link`, headers: { authorization: `Bearer ${key}` }, payload: {} });
    assert.equal(made.statusCode, 201, made.body);
    const account = await app.inject({ method: 'GET', url: '/portal/api/account', headers: { 'x-portal-token': made.json().token as string } });
    assert.equal(account.statusCode, 200, account.body);
    assert.deepEqual(account.json().payments_in_flight, [{ kind: 'voucher', method: 'oxxo', amount: 100_00, currency: 'MXN', expires_at: '2026-03-13T05:59:00.000Z', started_on: '2026-03-10' }],
      'the debtor portal says a voucher payment is pending and until when');
    assert.deepEqual(await listClaims(db, org, { customerId: customer.id }), [], 'not a claim the debtor made: not on the claims list');

    at('2026-03-11T16:00:00Z');
    const paid = stripe.complete(String(sessionOf(link).id));
    assert.deepEqual(await stripe.deliver(retyped(paid, 'checkout.session.async_payment_succeeded')), [200]);
    assert.deepEqual([await balance(org, invoices[0]!.id), await balance(org, invoices[1]!.id)], [0, 0]);
    assert.equal((await holds(org, customer.id))[0]!.status, 'confirmed');
    assert.equal((await caseOf(org, customer.id)).status, 'closed');
    assert.ok((await timeline(org, customer.id)).some((e) => e.kind === 'voucher_paid'));
    assert.equal((await vouchersInFlight(db, org, customer.id, '2026-03-11')).length, 0);
  });

  it('lets reminders resume by themselves the day after the voucher expires unpaid, and at once on async_payment_failed', async () => {
    const org = await anOrg('stripe');
    // due Monday 2 March: the reminder seven days after falls in the hold (and is dropped, as under any hold), the one after
    // fifteen days (Tuesday 17) comes once it ends
    const a = await owing(org, [100_00], '2026-03-0');
    await stripe.deliver(oxxoIssued(a.link));
    // no expires_after_days on the session: Stripe's 3 days, so Friday 13 at 23:59 and held until Saturday 14
    assert.equal((await holds(org, a.customer.id))[0]!.hold_until, '2026-03-14');
    at('2026-03-14T05:30:00Z'); // still Friday 13 in Mexico City
    await db.transaction((tx) => settleClaims(tx, org, clock));
    assert.equal((await holds(org, a.customer.id))[0]!.status, 'open');
    assert.equal(await blockedAsPending(org, a.customer.id), true);
    at('2026-03-14T06:30:00Z'); // Saturday 14, 00:30 in Mexico City
    assert.equal(await blockedAsPending(org, a.customer.id), false, 'the gate lets go on the debtor\'s date, before any sweep');
    await db.transaction((tx) => settleClaims(tx, org, clock));
    assert.equal((await holds(org, a.customer.id))[0]!.status, 'expired');
    // after-7 (Monday 9) was planned and cancelled by the hold, as any hold cancels what is planned; the sequence goes on
    const resumed = await caseOf(org, a.customer.id);
    assert.deepEqual([resumed.stop_code, resumed.next_action_at], [null, '2026-03-17T06:00:00.000Z'], 'after-15 comes on Tuesday 17');
    assert.ok((await timeline(org, a.customer.id)).some((e) => e.kind === 'voucher_expired'));

    at('2026-03-16T17:00:00Z');
    const b = await owing(org, [100_00], '2026-03-0');
    const issued = oxxoIssued(b.link, 5);
    await stripe.deliver(issued);
    assert.equal(await planned(org, b.customer.id), 0);
    assert.deepEqual(await stripe.deliver(retyped(issued, 'checkout.session.async_payment_failed')), [200]);
    assert.equal((await holds(org, b.customer.id))[0]!.status, 'expired');
    assert.equal((await caseOf(org, b.customer.id)).stop_code, null, 'the failed voucher releases the case at once');
    assert.equal(await blockedAsPending(org, b.customer.id), false);
  });

  it('plans the reminder the voucher cancelled again once it expires unpaid, sent once whatever the ticks; paid, nothing', async () => {
    const org = await anOrg('stripe');
    // due Sunday 1 March: after-7 (Sunday 8) is planned on Tuesday 10, waiting to be sent, when the voucher is issued
    const a = await owing(org, [100_00], '2026-03-0');
    await stripe.deliver(oxxoIssued(a.link, 1));
    const [h] = await holds(org, a.customer.id);
    assert.equal(h!.hold_until, '2026-03-12', 'expires Wednesday 11 at 23:59 in Mexico City');
    assert.deepEqual(await steps(org, a.customer.id), [['after-7', 'cancelled', '2026-03-10', h!.id]], 'cancelled by the hold, which it names');
    at('2026-03-12T17:00:00Z'); // Thursday 12, 11:00 in Mexico City
    await db.transaction((tx) => settleClaims(tx, org, clock));
    assert.equal((await holds(org, a.customer.id))[0]!.status, 'expired');
    // a second look, and two ticks at once, plan it no second time
    await replanCase(db, org, a.customer.id, clock);
    await db.query('UPDATE cases SET next_action_at = $2 WHERE org_id = $1', [org, clock.toISOString()]);
    await Promise.all([runTick(db, { orgId: org, now: clock }), runTick(db, { orgId: org, now: clock })]);
    const rows = await steps(org, a.customer.id);
    assert.deepEqual(rows, [['after-7', 'cancelled', '2026-03-10', h!.id], ['after-7', 'planned', '2026-03-12', null]], JSON.stringify(rows));
    const [again] = await db.query<{ idempotency_key: string; plan_reason: string }>(
      `SELECT a.idempotency_key, a.plan_reason FROM actions a JOIN cases c ON c.id = a.case_id WHERE c.org_id = $1 AND a.status = 'planned'`, [org]);
    assert.match(again!.idempotency_key, /\/after-7\/c1\/replan$/);
    assert.match(again!.plan_reason, new RegExp(`^after-7: planned again: hold ${h!.id} cancelled it and ended without payment; came due 2026-03-10, planned 2026-03-12`));
    // sent once, under the debtor's window and the gate
    const send = () => dispatchOnce({ db, now: () => clock, adapters: sandboxAdapters(), publicUrl: messaging.publicUrl });
    await send();
    await send();
    const sent = await db.query<{ status: string; channel: string }>(
      `SELECT m.status, m.channel FROM messages m JOIN actions a ON a.id = m.action_id WHERE a.org_id = $1 AND a.idempotency_key = $2`, [org, again!.idempotency_key]);
    assert.deepEqual(sent.map((m) => [m.channel, m.status]), [['email', 'delivered']], 'one message, sent');
    const key = (await createApiKey(db, org, 'admin')).secret;
    const view = await app.inject({ method: 'GET', url: `/v1/cases/${a.customer.id}`, headers: { authorization: `Bearer ${key}` } });
    const entry = (view.json() as { timeline: CaseEvent[] }).timeline.find((e) => e.kind === 'action_planned' && e.data.after_hold)!;
    assert.equal(entry.data.after_hold, h!.id);
    assert.match(engineText(entry, translator(es), 'es-MX') ?? '', /^after-7, para el .*: se planifica de nuevo: la pausa que lo canceló \(pif_.*\) terminó sin pago/);

    // paid: the reminder it cancelled stays cancelled
    at('2026-03-10T17:00:00Z');
    const b = await owing(org, [100_00], '2026-03-0');
    await stripe.deliver(oxxoIssued(b.link, 1));
    at('2026-03-11T17:00:00Z');
    await stripe.deliver(retyped(stripe.complete(String(sessionOf(b.link).id)), 'checkout.session.async_payment_succeeded'));
    assert.equal((await holds(org, b.customer.id))[0]!.status, 'confirmed');
    assert.deepEqual((await steps(org, b.customer.id)).map((r) => r[1]), ['cancelled']);
  });

  it('opens no hold when the payment arrived before the voucher\'s event, and none for a session that offered no voucher', async () => {
    const org = await anOrg('stripe');
    const { customer, link } = await owing(org, [100_00]);
    const issued = oxxoIssued(link, 2);
    const paid = stripe.complete(String(sessionOf(link).id));
    await stripe.deliver(retyped(paid, 'checkout.session.async_payment_succeeded'));
    await stripe.deliver(issued);
    assert.deepEqual(await holds(org, customer.id), []);
    assert.equal((await caseOf(org, customer.id)).status, 'closed');

    const other = await owing(org, [50_00]);
    const ev = oxxoIssued(other.link, 2);
    // a method cobro holds nothing for (bank debits are held: payments-debit-holds.test.ts)
    (ev.data as { object: StripeObject }).object.payment_method_types = ['card', 'customer_balance'];
    await stripe.deliver(ev);
    assert.deepEqual(await holds(org, other.customer.id), []);
    assert.ok(await planned(org, other.customer.id) > 0);
  });
});

describe('Mercado Pago tickets and mediations', () => {
  /** The debtor picks OXXO on the preference: a pending ticket payment payable until `expires`. */
  async function ticket(pref: string, expires: string) {
    const { payment } = await mp.pay(pref, { status: 'pending', notify: false });
    Object.assign(payment, { payment_method_id: 'oxxo', payment_type_id: 'ticket', date_of_expiration: expires, card: undefined });
    return payment.id as number;
  }

  it('holds reminders for a ticket until its date_of_expiration; approved pays and ends the hold; cancelled ends it unpaid', async () => {
    const org = await anOrg('mercadopago');
    const { customer, invoices, link } = await owing(org, [100_00]);
    const id = await ticket(prefOf(link), '2026-03-13T23:59:59.000-06:00');
    assert.deepEqual(await mp.notify(id, { times: 2 }), [200, 200]);
    const [h] = await holds(org, customer.id);
    assert.deepEqual([h!.status, h!.hold_until, h!.method, h!.payment_ref], ['open', '2026-03-14', 'oxxo', String(id)]);
    assert.equal(await planned(org, customer.id), 0);
    assert.equal(await blockedAsPending(org, customer.id), true, 'gate');

    Object.assign(mp.payments.get(id)!, { status: 'approved', status_detail: 'accredited', date_approved: '2026-03-12T10:00:00.000-06:00' });
    at('2026-03-12T16:00:00Z');
    await mp.notify(id);
    assert.equal(await balance(org, invoices[0]!.id), 0);
    assert.equal((await holds(org, customer.id))[0]!.status, 'confirmed', 'confirmed');
    assert.equal((await caseOf(org, customer.id)).status, 'closed', 'closed');

    const other = await owing(org, [70_00]);
    const lapsed = await ticket(prefOf(other.link), '2026-03-15T23:59:59.000-06:00');
    await mp.notify(lapsed);
    assert.equal(await planned(org, other.customer.id), 0, 'other held');
    Object.assign(mp.payments.get(lapsed)!, { status: 'cancelled', status_detail: 'by_payer' });
    await mp.notify(lapsed);
    assert.equal((await holds(org, other.customer.id))[0]!.status, 'expired');
    assert.equal((await caseOf(org, other.customer.id)).stop_code, null, 'the stop is gone');
    assert.equal(await blockedAsPending(org, other.customer.id), false);
    assert.match((await timeline(org, other.customer.id)).find((e) => e.kind === 'voucher_expired')!.reason, /cancelled \(by_payer\)/);
  });

  it('holds a payment in_mediation as a Stripe dispute: reversed while open, recorded again when approved, kept reversed when charged back', async () => {
    const org = await anOrg('mercadopago');
    const { customer, invoices, link } = await owing(org, [100_00]);
    const { payment } = await mp.pay(prefOf(link));
    const id = payment.id as number;
    assert.equal(await balance(org, invoices[0]!.id), 0);
    const live = () => db.query<{ external_id: string; amount: number }>(
      'SELECT external_id, amount FROM payments WHERE org_id = $1 AND customer_id = $2 AND reversed_at IS NULL ORDER BY created_at, id', [org, customer.id]);

    Object.assign(mp.payments.get(id)!, { status: 'in_mediation', status_detail: 'in_process' });
    at('2026-03-11T17:00:00Z');
    assert.deepEqual(await mp.notify(id), [200]);
    assert.deepEqual(await live(), [], 'the payment is reversed while the buyer\'s claim is open');
    assert.equal(await balance(org, invoices[0]!.id), 100_00);
    const [g] = await db.query<{ disputes: Record<string, { status: string; amount: number }>; kept: number }>(
      'SELECT disputes, kept FROM gateway_payments WHERE org_id = $1 AND payment_ref = $2', [org, String(id)]);
    assert.deepEqual([g!.disputes[`chargeback:${id}`], g!.kept], [{ status: 'open', amount: 100_00 }, 0]);
    assert.equal((await caseOf(org, customer.id)).status, 'open', 'the case is open again: reminders resume for what is owed again');
    const [audit] = await db.query<{ data: { reason: string } }>(
      `SELECT data FROM audit_log WHERE org_id = $1 AND action = 'gateway.payment_adjusted' ORDER BY at DESC LIMIT 1`, [org]);
    assert.match(audit!.data.reason, /10000 in chargebacks; 0 kept/);

    Object.assign(mp.payments.get(id)!, { status: 'approved', status_detail: 'accredited' });
    await mp.notify(id);
    assert.deepEqual((await live()).map((p) => [p.external_id, p.amount]), [[`mercadopago:${id}:kept-1`, 100_00]], 'resolved for the seller: recorded again');
    assert.equal(await balance(org, invoices[0]!.id), 0);


    // another payment: the mediation ends in a chargeback decided against the seller
    const other = await owing(org, [80_00]);
    const { payment: p2 } = await mp.pay(prefOf(other.link));
    const id2 = p2.id as number;
    Object.assign(mp.payments.get(id2)!, { status: 'in_mediation', status_detail: 'in_process' });
    await mp.notify(id2);
    assert.equal(await balance(org, other.invoices[0]!.id), 80_00, 'held');
    Object.assign(mp.payments.get(id2)!, { status: 'charged_back', status_detail: 'settled' });
    await mp.notify(id2);
    Object.assign(mp.payments.get(id2)!, { status: 'approved', status_detail: 'accredited' });
    await mp.notify(id2);
    assert.equal(await balance(org, other.invoices[0]!.id), 80_00, 'lost: a later approved read does not give it back');
  });

  it('gives a chargeback reimbursed to the seller back, and records no dispute for a payment never disputed', async () => {
    const org = await anOrg('mercadopago');
    const { customer, link } = await owing(org, [100_00]);
    const { payment } = await mp.pay(prefOf(link));
    const id = payment.id as number;
    await mp.notify(id);
    const [g] = await db.query<{ disputes: Record<string, unknown> }>('SELECT disputes FROM gateway_payments WHERE org_id = $1 AND payment_ref = $2', [org, String(id)]);
    assert.deepEqual(g!.disputes, {});
    Object.assign(mp.payments.get(id)!, { status: 'charged_back', status_detail: 'in_process' });
    await mp.notify(id);
    Object.assign(mp.payments.get(id)!, { status: 'charged_back', status_detail: 'reimbursed' });
    await mp.notify(id);
    const live = await db.query<{ amount: number }>('SELECT amount FROM payments WHERE org_id = $1 AND customer_id = $2 AND reversed_at IS NULL', [org, customer.id]);
    assert.deepEqual(live.map((p) => p.amount), [100_00]);
  });
});
