// A test API with a loopback Stripe connected (balance transactions and payouts as Stripe lists them), customers who pay
// through cobro's Stripe links, signed webhooks delivered to the API, the worker's gateway round, and a reported payout's
// breakdown read through GET /v1/reconciliation/reported-payouts/{id} (R-6).
import assert from 'node:assert/strict';
import { apiCalls, testApi, type TestApi } from './api.ts';
import { aCustomer, anInvoice } from './factories.ts';
import { stripeSignature } from '../../src/compliance/index.ts';
import { replanCase } from '../../src/engine/index.ts';
import { createPaymentLink, gatewayRound } from '../../src/payments/index.ts';
import { fakeStripe, type FakeStripe, type StripeObject } from './providers/stripe.ts';
import { withBalance, type BalanceFake } from './providers/stripe-balance.ts';

export interface BreakdownView {
  id: string; amount: number; currency: string; arrival_date: string; status: string; failure_code: string | null;
  lines: { line_id: string; status: string; basis: string; match_state: string }[];
  breakdown: {
    fetch: { state: string; attempts: number; error: string | null; next_attempt_at: string | null; transactions: number; reconciliation_status: string | null;
      automatic: boolean | null; payout_read_at: string | null };
    check: { result: string; gross: number; fees: number; net: number; difference: number; issues: { code: string; field: string; message: string; txn_id: string | null }[];
      payments: { payment_id: string | null; payment_ref: string; gross: number; fees: number; net: number }[];
      settlement: { by: string; at: string; note: string } | null };
    transactions: { txn_id: string; type: string; amount: number; fee: number; net: number; currency: string; payment_id: string | null;
      stripe_units: { amount: number; fee: number; net: number } | null }[];
  };
}

export interface StripePayouts {
  t: TestApi; stripe: FakeStripe; balance: BalanceFake;
  /** The test's clock (the API's and Stripe's). */
  now: Date;
  get: ReturnType<typeof apiCalls>['get'];
  post: ReturnType<typeof apiCalls>['post'];
  /** A customer owing `amount` (minor units) in `currency` pays it through a Stripe link: the payment intent. */
  pay(currency: string, amount: number): Promise<string>;
  /** Signs and delivers a Stripe event to the API's webhook, created at the test's clock. */
  deliver(event: StripeObject): Promise<void>;
  /** The payout.paid event of a payout object. */
  paid(payout: StripeObject): StripeObject;
  /** The worker's gateway round for the org: what it did about payouts' transactions. */
  round(): Promise<{ tried: number; fetched: number; failed: number } | undefined>;
  show(payoutId: string, key?: string): Promise<BreakdownView>;
  close(): Promise<void>;
}

export async function stripePayouts(secret: string, start = new Date('2026-03-15T12:00:00Z')): Promise<StripePayouts> {
  const s = { now: start } as StripePayouts;
  const t = await testApi(() => s.now);
  const stripe = await fakeStripe({ secretKey: `sk_test_${secret}`, webhookSecret: `whsec_${secret}`, now: () => s.now });
  const balance = withBalance(stripe);
  await stripe.connect(t.db, t.org);
  const { get, post } = apiCalls(() => t);
  const deliver = async (event: StripeObject) => {
    const ts = Math.floor(s.now.getTime() / 1000);
    const body = JSON.stringify({ ...event, created: ts });
    const r = await t.app.inject({ method: 'POST', url: `/webhooks/stripe/${t.org}`, payload: body,
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${ts},v1=${stripeSignature(`whsec_${secret}`, ts, Buffer.from(body))}` } });
    assert.equal(r.statusCode, 200, r.body);
    assert.notEqual(r.json().status, 'failed', r.body);
  };
  return Object.assign(s, {
    t, stripe, balance, get, post, deliver,
    async pay(currency: string, amount: number) {
      const c = await aCustomer(t.db, t.org, { country: 'DE', timezone: 'Europe/Berlin' });
      await anInvoice(t.db, t.org, { customer_id: c.id, currency, amount, due_date: '2026-02-01' });
      await replanCase(t.db, t.org, c.id, s.now);
      const link = await createPaymentLink({ db: t.db, publicUrl: 'https://cobro.example' }, t.org, 'test', { customerId: c.id, source: 'api' }, s.now);
      assert.ok(link.ok, link.ok ? '' : link.error.message);
      const session = [...stripe.sessions.values()].find((x) => x.client_reference_id === link.value.id)!;
      const ev = stripe.complete(session.id as string);
      await deliver(ev);
      return (ev.data as { object: { payment_intent: string } }).object.payment_intent;
    },
    paid: (payout: StripeObject): StripeObject => ({ id: `evt_${String(payout.id)}`, object: 'event', type: 'payout.paid', data: { object: payout } }),
    round: async () => (await gatewayRound({ db: t.db, publicUrl: 'https://cobro.example' }, t.org, s.now))?.payouts,
    show: (payoutId: string, key?: string) => get<BreakdownView>(`/v1/reconciliation/reported-payouts/stripe:${payoutId}`, key),
    close: async () => { await stripe.close(); await t.close(); },
  });
}
