// Bank debits in flight, through the real webhook route with the fake Stripe signing as Stripe does: a Checkout Session paid
// by SEPA Direct Debit or ACH is `processing` for days; its hold keeps reminders for the link's invoices from the debtor
// (planner stop payment_in_flight, the gate's R-4 PAYMENT_PENDING, the case timeline and GET /v1/cases/{id}) until Stripe
// says succeeded (the payment recorded, the case closed) or failed (reminders resume at once), or the method's longest
// confirmation time runs out (the sweep); a failure reported after the success reverses the payment.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createApiKey, createOrg } from '../src/orgs/index.ts';
import { getInvoice } from '../src/ledger/index.ts';
import { replanCase } from '../src/engine/index.ts';
import { checkContact } from '../src/compliance/index.ts';
import { settleClaims } from '../src/agent/index.ts';
import { CHECK_LOOKBACK_MS, checkGateways, createPaymentLink, DEBIT_HOLD_DAYS, type PaymentLink } from '../src/payments/index.ts';
import { sandboxAdapters } from '../src/worker/index.ts';
import { engineText } from '../web/src/cases/engineText.ts';
import { translator } from '../web/src/i18n/translate.ts';
import { es } from '../web/src/i18n/es.ts';
import { testDb } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { fakeStripe, type FakeStripe } from './support/providers/stripe.ts';
import { payByDebit, type DebitMethod } from './support/providers/stripe-debits.ts';

let db: Db;
let app: FastifyInstance;
let stripe: FakeStripe;
// Tuesday 10 March 2026, 11:00 in Madrid
let clock = new Date('2026-03-10T10:00:00Z');
const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock, messaging });
  messaging.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  stripe = await fakeStripe({ secretKey: 'sk_test_debit4242', webhookSecret: 'whsec_debit4242', now: () => clock });
});
after(async () => { await stripe.close(); await app.close(); await db.close(); });

const at = (iso: string) => { clock = new Date(iso); };

const PLACES: Record<DebitMethod, { country: string; currency: string; zone: string }> = {
  sepa_debit: { country: 'ES', currency: 'EUR', zone: 'Europe/Madrid' },
  us_bank_account: { country: 'US', currency: 'USD', zone: 'America/New_York' },
};

/** An org on Stripe, a customer owing overdue invoices with reminders planned, a payment link, and the debtor paying it by `method`. */
async function debtorPaying(method: DebitMethod, amounts: number[] = [60_00, 40_00], due = '2026-02-0') {
  at('2026-03-10T10:00:00Z');
  const p = PLACES[method];
  const org = (await createOrg(db, { name: `Debits ${method}`, country: p.country, defaultCurrency: p.currency, defaultTimezone: p.zone })).id;
  await stripe.connect(db, org);
  stripe.webhookUrl = `${messaging.publicUrl}/webhooks/stripe/${org}`;
  const customer = await aCustomer(db, org, { country: p.country, timezone: p.zone, email: 'debtor@cliente.example' });
  const invoices = [];
  for (const [i, amount] of amounts.entries()) invoices.push(await anInvoice(db, org, { customer_id: customer.id, currency: p.currency, amount, due_date: `${due}${i + 1}` }));
  await replanCase(db, org, customer.id, clock);
  const made = await createPaymentLink({ db, publicUrl: messaging.publicUrl }, org, 'test', { customerId: customer.id, source: 'api' }, clock);
  if (!made.ok) throw new Error(made.error.message);
  const link: PaymentLink = made.value;
  const session = [...stripe.sessions.values()].find((s) => s.client_reference_id === link.id)!;
  return { org, customer, invoices, link, debit: payByDebit(stripe, String(session.id), method, () => clock) };
}

const planned = async (org: string, customerId: string) => (await db.query<{ n: number }>(
  `SELECT count(*)::int AS n FROM actions a JOIN cases c ON c.id = a.case_id WHERE c.org_id = $1 AND c.customer_id = $2 AND a.status = 'planned'`, [org, customerId]))[0]!.n;
const caseOf = async (org: string, customerId: string) => (await db.query<{ status: string; stop_code: string | null; next_action_at: string | null }>(
  'SELECT status, stop_code, next_action_at FROM cases WHERE org_id = $1 AND customer_id = $2', [org, customerId]))[0]!;
const timeline = async (org: string, customerId: string) => (await db.query<{ kind: string; reason: string; data: Record<string, unknown> }>(
  `SELECT e.kind, e.reason, e.data FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.org_id = $1 AND c.customer_id = $2 ORDER BY e.at, e.id`, [org, customerId]));
const holds = (org: string, customerId: string) => db.query<{ id: string; status: string; hold_until: string; method: string; source: string; invoice_ids: string[] }>(
  `SELECT id, status, hold_until, method, source, invoice_ids FROM agent_claims WHERE org_id = $1 AND customer_id = $2 AND source <> 'debtor' ORDER BY created_at, id`,
  [org, customerId]);
const pending = async (org: string, customerId: string) => {
  const r = await checkContact(db, org, { customerId, channel: 'email', purpose: { kind: 'collection', tags: [] } }, clock);
  assert.ok(r.ok);
  return r.value.kind === 'block' && r.value.reason.code === 'PAYMENT_PENDING';
};
const balances = async (org: string, ids: string[]) => Promise.all(ids.map(async (id) => { const r = await getInvoice(db, org, id); assert.ok(r.ok); return r.value.balance; }));
const after7 = (org: string, customerId: string) => db.query<{ status: string; scheduled_for: string; held_by: string | null; idempotency_key: string; reason: string }>(
  `SELECT a.status, a.scheduled_for::text AS scheduled_for, a.held_by, a.idempotency_key, COALESCE(a.plan_reason, a.reason) AS reason FROM actions a
   JOIN cases c ON c.id = a.case_id WHERE c.org_id = $1 AND c.customer_id = $2 AND a.step_id = 'after-7' ORDER BY a.created_at, a.id`, [org, customerId]);
const live = (org: string, customerId: string) => db.query<{ external_id: string; amount: number }>(
  'SELECT external_id, amount FROM payments WHERE org_id = $1 AND customer_id = $2 AND reversed_at IS NULL ORDER BY created_at, id', [org, customerId]);

describe('a Checkout paid by bank debit', () => {
  it('holds reminders while a SEPA debit is processing, shown to the planner, the gate, the timeline and the case view; succeeded pays and closes', async () => {
    const { org, customer, invoices, debit } = await debtorPaying('sepa_debit');
    assert.ok(await planned(org, customer.id) > 0, 'reminders planned before');
    assert.equal(await pending(org, customer.id), false);
    assert.deepEqual(await stripe.deliver(debit.authorised.completed, { times: 2 }), [200, 200]);
    assert.deepEqual(await stripe.deliver(debit.authorised.processing, { times: 2 }), [200, 200]);
    const [h, ...more] = await holds(org, customer.id);
    assert.equal(more.length, 0, 'one hold for the session\'s and the PaymentIntent\'s events and their repeats');
    assert.equal(DEBIT_HOLD_DAYS.sepa_debit, 21);
    assert.deepEqual([h!.source, h!.status, h!.method, h!.hold_until, [...h!.invoice_ids].sort()],
      ['debit', 'open', 'sepa_debit', '2026-03-31', invoices.map((i) => i.id).sort()], 'held at most 21 days from Tuesday 10 March');
    assert.equal(await planned(org, customer.id), 0, 'nothing planned while the debit is processing');
    assert.equal((await caseOf(org, customer.id)).stop_code, 'payment_in_flight');
    assert.equal(await pending(org, customer.id), true, 'the gate blocks a collection message (R-4)');

    const key = (await createApiKey(db, org, 'admin')).secret;
    const view = await app.inject({ method: 'GET', url: `/v1/cases/${customer.id}`, headers: { authorization: `Bearer ${key}` } });
    assert.equal(view.statusCode, 200, view.body);
    const story = view.json() as { stop_code: string; timeline: { kind: string; reason: string; data: Record<string, unknown> }[] };
    assert.equal(story.stop_code, 'payment_in_flight');
    const opened = story.timeline.find((e) => e.kind === 'payment_in_flight');
    assert.match(opened?.reason ?? '', /a sepa_debit debit was authorised through payment link .* is processing: reminders for 2 invoice\(s\) held until the gateway confirms or fails it, at most until 2026-03-31/);
    const stopped = story.timeline.find((e) => e.kind === 'stopped' && e.data.code === 'payment_in_flight');
    assert.equal(stopped?.data.via, 'debit', JSON.stringify(stopped));
    assert.match(stopped!.reason, /a bank debit is processing at the gateway/);
    assert.match(engineText({ id: 'evt', at: clock.toISOString(), kind: 'stopped', step_id: null, idempotency_key: null, reason: stopped!.reason, data: stopped!.data },
      translator(es), 'es-ES') ?? '', /cargo bancario en proceso .* como mucho hasta el/, 'the web says it in the user\'s language');

    at('2026-03-16T09:00:00Z');
    const done = debit.succeed();
    assert.deepEqual(await stripe.deliver(done.intent), [200]);
    assert.deepEqual(await stripe.deliver(done.session, { times: 2 }), [200, 200]);
    assert.deepEqual(await balances(org, invoices.map((i) => i.id)), [0, 0]);
    assert.deepEqual((await live(org, customer.id)).map((p) => p.amount), [100_00], 'recorded once from the two events');
    assert.equal((await holds(org, customer.id))[0]!.status, 'confirmed');
    assert.equal((await caseOf(org, customer.id)).status, 'closed');
    assert.match((await timeline(org, customer.id)).find((e) => e.kind === 'payment_debit_succeeded')?.reason ?? '', /sepa_debit debit .* succeeded/);
    const [{ held, again }] = await db.query<{ held: number; again: number }>(
      `SELECT count(*) FILTER (WHERE a.held_by IS NOT NULL)::int AS held, count(*) FILTER (WHERE a.idempotency_key LIKE '%/replan')::int AS again
       FROM actions a JOIN cases c ON c.id = a.case_id WHERE c.org_id = $1 AND c.customer_id = $2`, [org, customer.id]) as [{ held: number; again: number }];
    assert.deepEqual([held, again], [1, 0], 'the reminder the hold cancelled is not planned again: it ended paid');
  });

  it('lets reminders resume at once when an ACH debit fails, and a repeat of the failure changes nothing', async () => {
    // due Sunday 1 March: after-7 (Sunday 8) is due when the debit starts on Tuesday 10 and is cancelled by the hold; the
    // failure ends it on Thursday 12: after-7 is planned again that day (once), after-15 (Monday 16) comes next
    const { org, customer, debit } = await debtorPaying('us_bank_account', [100_00], '2026-03-0');
    // the PaymentIntent's event alone (no session event): the hold opens from it, at most 7 days for ACH
    await stripe.deliver(debit.authorised.processing);
    assert.deepEqual((await holds(org, customer.id)).map((h) => [h.method, h.hold_until]), [['us_bank_account', '2026-03-17']]);
    assert.equal(await planned(org, customer.id), 0);
    at('2026-03-12T15:00:00Z');
    const failed = debit.fail('insufficient_funds');
    assert.deepEqual(await stripe.deliver(failed.intent), [200]);
    assert.deepEqual(await stripe.deliver(failed.session), [200]);
    assert.equal((await holds(org, customer.id))[0]!.status, 'expired');
    const resumed = await caseOf(org, customer.id);
    assert.deepEqual([resumed.status, resumed.stop_code, resumed.next_action_at], ['open', null, '2026-03-16T04:00:00.000Z'], 'after-15 comes on Monday 16');
    await replanCase(db, org, customer.id, clock);
    const seven = await after7(org, customer.id);
    assert.deepEqual(seven.map((a) => [a.status, a.scheduled_for, a.held_by !== null, a.idempotency_key.endsWith('/after-7/c1/replan')]),
      [['cancelled', '2026-03-10', true, false], ['planned', '2026-03-12', false, true]], 'planned again once the failure ends the hold, once');
    assert.match(seven[1]!.reason, /^after-7: planned again: hold pdd_\w+ cancelled it and ended without payment/);
    assert.equal(await pending(org, customer.id), false);
    const ends = (await timeline(org, customer.id)).filter((e) => e.kind.startsWith('payment_debit_'));
    assert.deepEqual(ends.map((e) => e.kind), ['payment_debit_failed'], 'one end for the two failure events');
    assert.match(ends[0]!.reason, /the us_bank_account debit failed \(insufficient_funds\)/);
    assert.deepEqual(await live(org, customer.id), []);
  });

  it('sends the step that fell due during the hold once it ends unpaid; the one already planned when it began is superseded by it', async () => {
    // due Sunday 1 March: after-7 (Sunday 8) is planned, not yet sent, when the debit starts on Tuesday 10: the hold cancels
    // it; after-15 (Monday 16) falls due while the debit is processing and is planned the day the failure ends the hold
    const { org, customer, debit } = await debtorPaying('sepa_debit', [100_00], '2026-03-0');
    await stripe.deliver(debit.authorised.processing);
    at('2026-03-18T09:00:00Z');
    await replanCase(db, org, customer.id, clock);
    assert.equal(await planned(org, customer.id), 0, 'nothing planned while held, though after-15 has come due');
    await stripe.deliver(debit.fail().intent);
    const steps = await db.query<{ step_id: string; status: string; scheduled_for: string; reason: string }>(
      `SELECT a.step_id, a.status, a.scheduled_for::text AS scheduled_for, a.reason FROM actions a JOIN cases c ON c.id = a.case_id
       WHERE c.org_id = $1 AND c.customer_id = $2 AND a.step_id IN ('after-7', 'after-15') ORDER BY a.step_id, a.created_at`, [org, customer.id]);
    assert.deepEqual(steps.map((a) => [a.step_id, a.status, a.scheduled_for]),
      [['after-15', 'planned', '2026-03-18'], ['after-7', 'cancelled', '2026-03-10'], ['after-7', 'skipped', '2026-03-18']], JSON.stringify(steps));
    assert.match(steps[0]!.reason, /came due 2026-03-16, planned 2026-03-18/);
    assert.match(steps[1]!.reason, /^payment_in_flight: .*a bank debit is processing/);
    assert.match(steps[2]!.reason, /^superseded: after-15 came due after hold pdd_\w+ cancelled it/, 'the one the hold cancelled is superseded by it');
  });

  it('gives up waiting once the method\'s longest confirmation time has passed (a lost webhook), in the debtor\'s zone', async () => {
    const { org, customer, debit } = await debtorPaying('sepa_debit', [80_00]);
    await stripe.deliver(debit.authorised.processing);
    at('2026-03-30T21:30:00Z'); // Monday 30 March, 23:30 in Madrid: still held
    await db.transaction((tx) => settleClaims(tx, org, clock));
    assert.equal((await holds(org, customer.id))[0]!.status, 'open');
    assert.equal(await pending(org, customer.id), true);
    at('2026-03-30T22:30:00Z'); // Tuesday 31 March, 00:30 in Madrid
    assert.equal(await pending(org, customer.id), false, 'the gate lets go on the debtor\'s date, before any sweep');
    await db.transaction((tx) => settleClaims(tx, org, clock));
    assert.equal((await holds(org, customer.id))[0]!.status, 'expired');
    assert.equal((await caseOf(org, customer.id)).stop_code, null);
    assert.match((await timeline(org, customer.id)).find((e) => e.kind === 'payment_debit_unconfirmed')?.reason ?? '',
      /neither confirmed nor failed by 2026-03-31, its longest confirmation time: the hold ran out/);
    // the success arriving after all is recorded as any payment
    const done = debit.succeed();
    await stripe.deliver(done.session);
    assert.deepEqual((await live(org, customer.id)).map((p) => p.amount), [80_00]);
  });

  it('records a debit whose success webhook was lost from the nightly check, though its checkout is older than the look-back', async () => {
    const { org, customer, invoices, debit } = await debtorPaying('sepa_debit', [70_00]);
    await stripe.deliver(debit.authorised.processing);
    const check = () => checkGateways({ db, publicUrl: messaging.publicUrl }, org, new Date(clock.getTime() - CHECK_LOOKBACK_MS), clock);
    at('2026-03-12T03:00:00Z');
    const before = await check();
    assert.deepEqual([before.recovered, before.errors], [[], []], 'still processing: nothing to record');
    assert.equal((await holds(org, customer.id))[0]!.status, 'open');
    debit.succeed(); // Stripe confirms on Monday 23 March; no webhook arrives
    at('2026-03-24T03:00:00Z');
    const after = await check();
    assert.deepEqual(after.recovered.map((r) => [r.payment_ref, r.amount]), [[String(debit.pi.id), 70_00]]);
    assert.deepEqual(await balances(org, [invoices[0]!.id]), [0]);
    assert.equal((await holds(org, customer.id))[0]!.status, 'confirmed');
    assert.equal((await caseOf(org, customer.id)).status, 'closed');
  });

  it('reverses a debit whose failure Stripe reports after its success, and not for an older failure delivered late', async () => {
    const { org, customer, invoices, debit } = await debtorPaying('us_bank_account', [50_00]);
    await stripe.deliver(debit.authorised.processing);
    at('2026-03-11T15:00:00Z');
    const stale = debit.fail('account_closed'); // made now, delivered after the success
    at('2026-03-13T15:00:00Z');
    await stripe.deliver(debit.succeed().intent);
    assert.deepEqual(await balances(org, [invoices[0]!.id]), [0]);
    await stripe.deliver(stale.intent);
    assert.deepEqual((await live(org, customer.id)).map((p) => p.amount), [50_00], 'a failure older than the success changes nothing');

    at('2026-03-18T15:00:00Z');
    assert.deepEqual(await stripe.deliver(debit.fail('insufficient_funds').intent), [200]);
    assert.deepEqual(await live(org, customer.id), [], 'the returned debit is reversed');
    assert.deepEqual(await balances(org, [invoices[0]!.id]), [50_00]);
    assert.equal((await caseOf(org, customer.id)).status, 'open', 'the case is open again');
    const [audit] = await db.query<{ data: { reason: string } }>(
      `SELECT data FROM audit_log WHERE org_id = $1 AND action = 'gateway.payment_adjusted' ORDER BY at DESC LIMIT 1`, [org]);
    assert.match(audit!.data.reason, /5000 in chargebacks; 0 kept/);
  });

  it('ignores PaymentIntents not made through a cobro link, and a card declined holds and records nothing', async () => {
    const { org, customer, debit } = await debtorPaying('sepa_debit', [30_00]);
    const foreign = structuredClone(debit.authorised.processing);
    ((foreign.data as { object: Record<string, unknown> }).object).metadata = {};
    assert.deepEqual(await stripe.deliver(foreign), [200]);
    assert.deepEqual(await holds(org, customer.id), []);
    assert.deepEqual(await stripe.deliver(debit.fail('card_declined').intent), [200]);
    assert.deepEqual(await holds(org, customer.id), []);
    assert.deepEqual(await live(org, customer.id), []);
    assert.ok(await planned(org, customer.id) > 0);
  });
});
