// The nightly check and Stripe's refunds and disputes: one whose webhook was lost is recovered from GET /v1/refunds and
// GET /v1/disputes (created since the check's start, every page) through the webhooks' own path, once; its webhook
// arriving later changes nothing, and neither does the check after a webhook that did arrive.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { checkGateways } from '../src/payments/index.ts';
import { sandboxAdapters } from '../src/worker/index.ts';
import { testDb } from './support/db.ts';
import { paidAtStripe } from './support/stripe-paid.ts';
import { fakeStripe, type FakeStripe } from './support/providers/stripe.ts';

let db: Db;
let app: FastifyInstance;
let stripe: FakeStripe;
const clock = new Date('2026-03-10T17:00:00Z');
const since = new Date(clock.getTime() - 3 * 86_400_000);
const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock, messaging });
  messaging.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  stripe = await fakeStripe({ secretKey: 'sk_test_adjust4242', webhookSecret: 'whsec_adjust4242', now: () => clock });
});
after(async () => { await stripe.close(); await app.close(); await db.close(); });

const ctx = () => ({ db, publicUrl: messaging.publicUrl });

async function anOrg(name: string): Promise<string> {
  const org = (await createOrg(db, { name, defaultTimezone: 'America/Mexico_City' })).id;
  await stripe.connect(db, org);
  stripe.webhookUrl = `${messaging.publicUrl}/webhooks/stripe/${org}`;
  return org;
}

/** A customer owing `amount` MXN through a Stripe link, paid at Stripe: the completion event (not delivered) and the customer. */
const paid = (org: string, amount: number) => paidAtStripe(db, stripe, messaging.publicUrl, org, amount, clock);

/** What the customer's payments in force come to, and how many adjustments the org's ledger has seen. */
const kept = async (org: string, customerId: string) => (await db.query<{ amount: number }>(
  'SELECT amount FROM payments WHERE org_id = $1 AND customer_id = $2 AND reversed_at IS NULL ORDER BY created_at', [org, customerId])).map((p) => Number(p.amount));
const adjustments = async (org: string) => (await db.query<{ n: number }>(
  `SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action = 'gateway.payment_adjusted'`, [org]))[0]!.n;

describe('the nightly check and Stripe refunds and disputes', () => {
  it('recovers a refund and a dispute whose webhooks were lost, reading every page, once; the webhooks arriving later change nothing', async () => {
    const org = await anOrg('Check Stripe adjustments');
    const a = await paid(org, 100_00), b = await paid(org, 80_00);
    assert.deepEqual([...await stripe.deliver(a.completed), ...await stripe.deliver(b.completed)], [200, 200]);
    const lost = [stripe.refund(a.pi, 30_00), stripe.refund(a.pi, 10_00), stripe.dispute(b.pi)];
    stripe.pageSize = 1;
    stripe.listed.length = 0;
    try {
      const first = await checkGateways(ctx(), org, since, clock);
      assert.deepEqual(first.errors, []);
      assert.deepEqual(first.adjusted.map((f) => [f.payment_ref, f.amount, f.reason]),
        [[a.pi, 40_00, '4000 refunded'], [b.pi, 80_00, `dispute dp_${String(stripe.charges.get(b.pi)!.id).slice(3)} open`]]);
      assert.deepEqual([await kept(org, a.customerId), await kept(org, b.customerId)], [[60_00], []]);
      // each list asked as Stripe's reference has it, a page at a time: two refunds, one dispute
      const gte = String(since.getTime() / 1000);
      assert.deepEqual(stripe.listed.map((l) => [l.path, l.query['created[gte]'], l.query['limit'], l.query['expand[]'], Boolean(l.query['starting_after'])]), [
        ['/v1/refunds', [gte], ['100'], ['data.charge'], false], ['/v1/refunds', [gte], ['100'], ['data.charge'], true],
        ['/v1/disputes', [gte], ['100'], undefined, false]]);
      const count = await adjustments(org);
      const second = await checkGateways(ctx(), org, since, clock);
      assert.deepEqual([second.adjusted, second.errors, await adjustments(org)], [[], [], count]);
      for (const ev of lost) assert.deepEqual(await stripe.deliver(ev), [200]);
      assert.deepEqual([await kept(org, a.customerId), await kept(org, b.customerId), await adjustments(org)], [[60_00], [], count]);
    } finally { stripe.pageSize = 100; }
  });

  it('changes nothing after the webhooks came, and follows a dispute the webhook closed only in the list', async () => {
    const org = await anOrg('Check Stripe after webhooks');
    const a = await paid(org, 50_00);
    await stripe.deliver(a.completed);
    await stripe.deliver(stripe.refund(a.pi, 5_00));
    await stripe.deliver(stripe.dispute(a.pi));
    assert.deepEqual(await kept(org, a.customerId), []);
    const count = await adjustments(org);
    const check = await checkGateways(ctx(), org, since, clock);
    assert.deepEqual([check.adjusted, check.in_ledger, await adjustments(org)], [[], 1, count]);
    // won at Stripe, the closing webhook lost: the money held comes back through the list
    stripe.dispute(a.pi, 'won');
    const after = await checkGateways(ctx(), org, since, clock);
    assert.deepEqual(after.adjusted.map((f) => [f.payment_ref, f.reason]), [[a.pi, `dispute dp_${String(stripe.charges.get(a.pi)!.id).slice(3)} won`]]);
    assert.deepEqual(await kept(org, a.customerId), [45_00]);
  });

  it('recovers a payment and its refund, both missed, in one run', async () => {
    const org = await anOrg('Check Stripe all missed');
    const a = await paid(org, 70_00);
    stripe.refund(a.pi, 20_00);
    const check = await checkGateways(ctx(), org, since, clock);
    assert.deepEqual([check.recovered.map((f) => f.payment_ref), check.adjusted.map((f) => [f.payment_ref, f.amount])], [[a.pi], [[a.pi, 20_00]]]);
    assert.deepEqual(await kept(org, a.customerId), [50_00]);
  });

  it('applies nothing from the lists when one of them fails, and reports it; the next check recovers', async () => {
    const org = await anOrg('Check Stripe list fails');
    const a = await paid(org, 60_00);
    await stripe.deliver(a.completed);
    stripe.refund(a.pi, 60_00);
    stripe.dispute(a.pi);
    stripe.faults.failLists = 2;
    try {
      const failed = await checkGateways(ctx(), org, since, clock);
      assert.deepEqual([failed.adjusted, failed.errors.map((e) => [e.provider, e.message])], [[], [['stripe', 'Stripe answered 500: An unknown error occurred']]]);
      assert.deepEqual(await kept(org, a.customerId), [60_00]);
    } finally { stripe.faults.failLists = 0; }
    const next = await checkGateways(ctx(), org, since, clock);
    assert.deepEqual(next.adjusted.map((f) => f.reason), ['6000 refunded']);
    assert.deepEqual(await kept(org, a.customerId), []);
  });

  it('the fake Stripe refuses a list without the key or with parameters its reference does not have', async () => {
    const get = (q: string, key = 'sk_test_adjust4242') => fetch(`${stripe.url}/v1/${q}`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal((await get('refunds?limit=3', 'sk_test_wrong')).status, 401);
    assert.equal((await get('refunds?status=succeeded')).status, 400);
    assert.equal((await get('disputes?expand[]=data.charge')).status, 400);
    assert.equal((await get('disputes?created[gte]=yesterday')).status, 400);
    assert.equal((await get('refunds?limit=101')).status, 400);
    assert.equal((await get('disputes?limit=1')).status, 200);
  });
});
