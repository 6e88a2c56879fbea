// A Stripe payout checked against what it carried, over HTTP: payout.paid on the signed webhook, the worker's round
// reads the payout's balance transactions from a loopback Stripe (Bearer key, payout and limit and expand in the query,
// pages with starting_after), and GET /v1/reconciliation/reported-payouts/{id} shows the fees and each charge's cobro
// payment; a payout that does not add up or carries a charge cobro never saw is flagged; a read that fails part way is
// recorded and tried again later, keeping nothing of it; /refetch reads it again now. Another org sees none of it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiCalls, bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { stripeSignature } from '../src/compliance/index.ts';
import { replanCase } from '../src/engine/index.ts';
import { createPaymentLink, fetchPayoutTransactions, gatewayRound } from '../src/payments/index.ts';
import { STRICT_EGRESS } from '../src/channels/index.ts';
import { fakeStripe, type FakeStripe, type StripeObject } from './support/providers/stripe.ts';
import { withBalance, type BalanceFake } from './support/providers/stripe-balance.ts';

interface Breakdown {
  id: string; amount: number; status: string;
  breakdown: {
    fetch: { state: string; attempts: number; error: string | null; next_attempt_at: string | null; transactions: number; reconciliation_status: string | null };
    check: { result: string; reconciliation_status: string | null; gross: number; fees: number; net: number; difference: number; issues: { code: string; field: string; txn_id: string | null }[];
      payments: { payment_id: string | null; payment_ref: string; gross: number; fees: number; net: number }[] };
    transactions: { txn_id: string; type: string; amount: number; fee: number; net: number; payment_id: string | null }[];
  };
}

let now = new Date('2026-03-15T12:00:00Z');
const SECRET = 'whsec_breakdown_api';
let t: TestApi;
let stripe: FakeStripe;
let balance: BalanceFake;
const { get, post } = apiCalls(() => t);
const pis: string[] = [];
const paymentIds: string[] = [];

async function deliver(event: StripeObject) {
  const body = JSON.stringify({ ...event, created: Math.floor(now.getTime() / 1000) });
  const ts = Math.floor(now.getTime() / 1000);
  const r = await t.app.inject({ method: 'POST', url: `/webhooks/stripe/${t.org}`, payload: body,
    headers: { 'content-type': 'application/json', 'stripe-signature': `t=${ts},v1=${stripeSignature(SECRET, ts, Buffer.from(body))}` } });
  assert.equal(r.statusCode, 200, r.body);
  assert.notEqual(r.json().status, 'failed', r.body);
}

const paid = (payout: StripeObject): StripeObject => ({ id: `evt_${String(payout.id)}`, object: 'event', type: 'payout.paid', data: { object: payout } });
/** The worker's gateway round for the org: what it did about payouts' transactions. */
const round = async () => (await gatewayRound({ db: t.db, publicUrl: 'https://cobro.example' }, t.org, now))?.payouts;
const show = (id: string, key?: string) => get<Breakdown>(`/v1/reconciliation/reported-payouts/stripe:${id}`, key);

before(async () => {
  t = await testApi(() => now);
  stripe = await fakeStripe({ secretKey: 'sk_test_breakdown', webhookSecret: SECRET, now: () => now });
  balance = withBalance(stripe);
  await stripe.connect(t.db, t.org);
  // two customers pay their invoices through cobro's Stripe links
  for (const amount of [120_00, 80_50]) {
    const c = await aCustomer(t.db, t.org, { country: 'DE', timezone: 'Europe/Berlin' });
    await anInvoice(t.db, t.org, { customer_id: c.id, currency: 'EUR', amount, due_date: '2026-02-01' });
    await replanCase(t.db, t.org, c.id, now);
    const link = await createPaymentLink({ db: t.db, publicUrl: 'https://cobro.example' }, t.org, 'test', { customerId: c.id, source: 'api' }, now);
    assert.ok(link.ok);
    const session = [...stripe.sessions.values()].find((s) => s.client_reference_id === link.value.id)!;
    const ev = stripe.complete(session.id as string);
    pis.push((ev.data as { object: { payment_intent: string } }).object.payment_intent);
    await deliver(ev);
  }
  for (const pi of pis) {
    const [row] = await t.db.query<{ payment_id: string }>('SELECT payment_id FROM gateway_payments WHERE org_id = $1 AND payment_ref = $2', [t.org, pi]);
    paymentIds.push(row!.payment_id);
  }
});
after(async () => { await stripe.close(); await t.close(); });

describe('a Stripe payout\'s balance transactions', () => {
  it('are read by the worker after payout.paid, every page, and the payout balances with its fees shown per payment', async () => {
    balance.pageSize = 2;
    const payout = balance.payout(pis);
    await deliver(paid(payout));
    const pending = await show(payout.id as string);
    assert.deepEqual([pending.breakdown.fetch.state, pending.breakdown.check.result], ['pending', 'not_fetched']);
    assert.deepEqual(await round(), { tried: 1, fetched: 1, failed: 0 });
    // three transactions (two charges and the payout itself) in pages of two
    assert.equal(balance.queries.length, 2);
    const [first, second] = balance.queries;
    assert.deepEqual([first!.get('payout'), first!.get('limit'), first!.getAll('expand[]'), first!.get('starting_after')], [payout.id, '100', ['data.source'], null]);
    assert.match(second!.get('starting_after') ?? '', /^txn_/);
    const b = await show(payout.id as string);
    assert.deepEqual([b.breakdown.fetch.state, b.breakdown.fetch.transactions, b.breakdown.check.result, b.breakdown.check.difference], ['fetched', 3, 'balanced', 0]);
    // Stripe's fee: 2.9% + 0.30 of each charge
    assert.deepEqual([b.breakdown.check.gross, b.breakdown.check.fees, b.breakdown.check.net], [200_50, 6_41, 194_09]);
    assert.equal(b.amount, 194_09);
    assert.deepEqual(b.breakdown.check.payments.map((p) => [p.payment_id, p.gross, p.fees, p.net]).sort(),
      [[paymentIds[0], 120_00, 3_78, 116_22], [paymentIds[1], 80_50, 2_63, 77_87]].sort());
    assert.deepEqual(b.breakdown.transactions.filter((x) => x.type === 'charge').map((x) => x.payment_id).sort(), [...paymentIds].sort());
    assert.deepEqual(await round(), { tried: 0, fetched: 0, failed: 0 }, 'a fetched payout is not read again by the worker');
    const again = await post(`/v1/reconciliation/reported-payouts/stripe:${String(payout.id)}/refetch`, {}, t.keys.collector);
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual([(again.json() as Breakdown).breakdown.fetch.transactions, (again.json() as Breakdown).breakdown.check.result], [3, 'balanced'], 'read twice, kept once');
    balance.pageSize = 100;
  });

  it('flags a payout that does not add up and a charge that is no cobro payment', async () => {
    const payout = balance.payout([pis[0]!], { extra: [balance.foreignCharge(42_00, 'eur')], amountDelta: -1_00 });
    await deliver(paid(payout));
    await round();
    const b = await show(payout.id as string);
    assert.equal(b.breakdown.check.result, 'review');
    assert.deepEqual(b.breakdown.check.issues.map((i) => [i.code, i.field]), [['NET_MISMATCH', 'net'], ['UNKNOWN_CHARGE', 'payment_intent']]);
    assert.equal(b.breakdown.check.difference, -1_00);
    assert.deepEqual(b.breakdown.check.payments.map((p) => p.payment_id), [paymentIds[0]]);
  });

  it('records a read that fails part way, keeps nothing of it, and reads it again when its turn comes', async () => {
    balance.pageSize = 1;
    balance.failLaterPages = 1;
    const payout = balance.payout(pis);
    await deliver(paid(payout));
    assert.deepEqual(await round(), { tried: 1, fetched: 0, failed: 1 });
    const failed = await show(payout.id as string);
    assert.deepEqual([failed.breakdown.fetch.state, failed.breakdown.fetch.attempts, failed.breakdown.fetch.transactions, failed.breakdown.check.result],
      ['failed', 1, 0, 'not_fetched']);
    assert.match(failed.breakdown.fetch.error ?? '', /Stripe answered 500/);
    assert.equal(failed.breakdown.fetch.next_attempt_at !== null && Date.parse(failed.breakdown.fetch.next_attempt_at) > now.getTime(), true);
    const rows = await t.db.query('SELECT 1 FROM gateway_payout_transactions WHERE org_id = $1 AND payout_id = $2', [t.org, payout.id]);
    assert.equal(rows.length, 0, 'the first page is not kept without the rest');
    assert.deepEqual(await round(), { tried: 0, fetched: 0, failed: 0 }, 'not before its turn');
    now = new Date(now.getTime() + 61_000);
    assert.deepEqual(await round(), { tried: 1, fetched: 1, failed: 0 });
    const b = await show(payout.id as string);
    assert.deepEqual([b.breakdown.fetch.state, b.breakdown.fetch.attempts, b.breakdown.fetch.transactions, b.breakdown.check.result], ['fetched', 0, 3, 'balanced']);
    // a refetch that fails keeps the earlier read whole
    balance.failLaterPages = 1;
    const r = await post(`/v1/reconciliation/reported-payouts/stripe:${String(payout.id)}/refetch`, {}, t.keys.manager);
    assert.equal(r.statusCode, 200, r.body);
    const kept = r.json() as Breakdown;
    assert.deepEqual([kept.breakdown.fetch.state, kept.breakdown.fetch.transactions, kept.breakdown.check.result], ['failed', 3, 'balanced']);
    balance.pageSize = 100;
  });

  it('shows a payout read before Stripe reconciled it as pending, and reads it again after payout.reconciliation_completed', async () => {
    now = new Date(now.getTime() + 120_000);
    await round(); // the payout whose refetch failed above, due again
    const payout = balance.payout(pis, { reconciling: true });
    await deliver(paid(payout));
    assert.deepEqual(await round(), { tried: 1, fetched: 1, failed: 0 });
    const early = await show(payout.id as string);
    // Stripe listed one charge of two: not a net mismatch to review while it reconciles
    assert.deepEqual([early.breakdown.fetch.transactions, early.breakdown.check.result, early.breakdown.check.reconciliation_status, early.breakdown.check.issues],
      [2, 'pending_reconciliation', 'in_progress', []]);
    assert.notEqual(early.breakdown.check.difference, 0);
    assert.deepEqual(await round(), { tried: 0, fetched: 0, failed: 0 }, 'not read again before its turn');
    now = new Date(now.getTime() + 61_000);
    assert.deepEqual(await round(), { tried: 1, fetched: 1, failed: 0 }, 'a later round reads it again while Stripe is still reconciling');
    assert.equal((await show(payout.id as string)).breakdown.fetch.attempts, 2);
    await deliver(balance.reconcile(payout));
    const told = await show(payout.id as string);
    assert.deepEqual([told.breakdown.fetch.state, told.breakdown.fetch.reconciliation_status], ['pending', 'completed']);
    assert.deepEqual(await round(), { tried: 1, fetched: 1, failed: 0 }, 'the event makes it due at once');
    const b = await show(payout.id as string);
    assert.deepEqual([b.breakdown.fetch.transactions, b.breakdown.fetch.attempts, b.breakdown.fetch.next_attempt_at, b.breakdown.check.result, b.breakdown.check.difference],
      [3, 0, null, 'balanced', 0]);
    assert.deepEqual(await round(), { tried: 0, fetched: 0, failed: 0 });
  });

  it('flags a refund or dispute of a charge cobro never saw, and links a known refund to the payment it reverses', async () => {
    const known = balance.reversal('refund', 20_00, 'eur', pis[0]);
    const refund = balance.reversal('refund', 5_00, 'eur');
    const dispute = balance.reversal('dispute', 7_00, 'eur');
    const payout = balance.payout([pis[0]!], { extra: [known, refund, dispute] });
    await deliver(paid(payout));
    await round();
    const b = await show(payout.id as string);
    assert.equal(b.breakdown.check.result, 'review');
    assert.deepEqual(b.breakdown.check.issues.map((i) => [i.code, i.field, i.txn_id]).sort(),
      [['UNKNOWN_DISPUTE', 'payment_intent', dispute.id], ['UNKNOWN_REFUND', 'payment_intent', refund.id]].sort());
    assert.equal(b.breakdown.transactions.find((x) => x.txn_id === known.id)?.payment_id, paymentIds[0]);
    assert.deepEqual(b.breakdown.check.payments.map((p) => [p.payment_id, p.gross]), [[paymentIds[0], 100_00]]);
  });

  it('reads through the operator\'s egress guard: a loopback api_base it does not allow is refused before a byte is sent', async () => {
    const payout = balance.payout([pis[1]!]);
    await deliver(paid(payout));
    const asked = balance.queries.length;
    const r = await fetchPayoutTransactions({ db: t.db, egress: STRICT_EGRESS }, t.org, 'stripe', payout.id as string, now);
    assert.ok(r.ok);
    assert.deepEqual([r.value.state, r.value.transactions], ['failed', 0]);
    assert.match(r.value.error ?? '', /refused|not allowed|private|loopback/i);
    assert.equal(balance.queries.length, asked, 'Stripe was not asked');
  });

  it('answers errors naming the field, shows another org nothing, and is in the OpenAPI document', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/v1/reconciliation/reported-payouts/po_nogateway', headers: bearer(t.keys.viewer) });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'id');
    const missing = await t.app.inject({ method: 'GET', url: '/v1/reconciliation/reported-payouts/stripe:po_missing', headers: bearer(t.keys.viewer) });
    assert.deepEqual([missing.statusCode, missing.json().error.field], [404, 'id']);
    const [any] = (await get<{ data: { id: string }[] }>('/v1/reconciliation/reported-payouts')).data;
    const other = await t.app.inject({ method: 'GET', url: `/v1/reconciliation/reported-payouts/${any!.id}`, headers: bearer(t.otherKey) });
    assert.equal(other.statusCode, 404);
    const viewer = await post(`/v1/reconciliation/reported-payouts/${any!.id}/refetch`, {}, t.keys.viewer);
    assert.equal(viewer.statusCode, 403);
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    assert.ok(doc.paths['/v1/reconciliation/reported-payouts/{id}']?.get);
    assert.ok(doc.paths['/v1/reconciliation/reported-payouts/{id}/refetch']?.post);
    assert.ok(doc.components.schemas.ReportedPayoutBreakdown.properties.breakdown);
  });
});
