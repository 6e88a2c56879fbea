// The nightly check and Stripe disputes cobro holds open: GET /v1/disputes lists by creation only, so a dispute opened
// before the check's window and won or lost within it is read again by id (GET /v1/disputes/{id}) and applied through the
// webhooks' path: recorded once, nothing more the next night nor when its webhook comes late; one still open is read each
// night and changes nothing; the longest unvisited come first; and the fake refuses a retrieval not shaped as documented.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { checkGateways } from '../src/payments/index.ts';
import { heldOpenDisputes } from '../src/payments/open-disputes.ts';
import { sandboxAdapters } from '../src/worker/index.ts';
import { testDb } from './support/db.ts';
import { paidAtStripe } from './support/stripe-paid.ts';
import { fakeStripe, type FakeStripe, type StripeObject } from './support/providers/stripe.ts';

let db: Db;
let app: FastifyInstance;
let stripe: FakeStripe;
let clock = new Date('2026-03-10T17:00:00Z');
const later = (days: number) => { clock = new Date(clock.getTime() + days * 86_400_000); };
const nightly = () => checkGateways(ctx(), org, new Date(clock.getTime() - 3 * 86_400_000), clock, 'worker');
const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
let org = '';
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock, messaging });
  messaging.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  stripe = await fakeStripe({ secretKey: 'sk_test_held4242', webhookSecret: 'whsec_held4242', now: () => clock });
  org = (await createOrg(db, { name: 'Check Stripe held disputes', defaultTimezone: 'America/Mexico_City' })).id;
  await stripe.connect(db, org);
  stripe.webhookUrl = `${messaging.publicUrl}/webhooks/stripe/${org}`;
});
after(async () => { await stripe.close(); await app.close(); await db.close(); });

const ctx = () => ({ db, publicUrl: messaging.publicUrl });

/** A customer who paid `amount` MXN through a Stripe link, its webhook delivered: the customer and payment intent. */
async function paid(amount: number): Promise<{ customerId: string; pi: string }> {
  const p = await paidAtStripe(db, stripe, messaging.publicUrl, org, amount, clock);
  assert.deepEqual(await stripe.deliver(p.completed), [200]);
  return p;
}

const kept = async (customerId: string) => (await db.query<{ amount: number }>(
  'SELECT amount FROM payments WHERE org_id = $1 AND customer_id = $2 AND reversed_at IS NULL ORDER BY created_at', [org, customerId])).map((p) => Number(p.amount));
const adjustments = async () => (await db.query<{ n: number }>(
  `SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action = 'gateway.payment_adjusted'`, [org]))[0]!.n;
const disputeId = (pi: string) => `dp_${String(stripe.charges.get(pi)!.id).slice(3)}`;

describe('the nightly check and Stripe disputes held open', () => {
  it('records a dispute opened before the window and won within it, read by id; once, across nights and its late webhook', async () => {
    const won = await paid(100_00), open = await paid(40_00);
    assert.deepEqual([...await stripe.deliver(stripe.dispute(won.pi)), ...await stripe.deliver(stripe.dispute(open.pi))], [200, 200]);
    assert.deepEqual([await kept(won.customerId), await kept(open.customerId)], [[], []], 'both held');
    later(10);
    const closed: StripeObject = stripe.dispute(won.pi, 'won');
    const before = stripe.retrieved.length;
    const first = await nightly();
    assert.deepEqual(first.errors, []);
    assert.deepEqual(first.adjusted.map((f) => [f.payment_ref, f.amount, f.reason]), [[won.pi, 100_00, `dispute ${disputeId(won.pi)} won`]]);
    assert.deepEqual([await kept(won.customerId), await kept(open.customerId)], [[100_00], []]);
    assert.deepEqual(stripe.retrieved.slice(before).sort(), [disputeId(won.pi), disputeId(open.pi)].sort(), 'each held dispute read by id');
    const disputeLists = stripe.listed.filter((l) => l.path === '/v1/disputes');
    assert.equal(disputeLists.at(-1)!.query['created[gte]']![0], String(Math.floor((clock.getTime() - 3 * 86_400_000) / 1000)), 'the list alone would not show it');

    const count = await adjustments();
    later(1);
    const second = await nightly();
    assert.deepEqual([second.adjusted, second.errors, await adjustments()], [[], [], count]);
    assert.deepEqual(stripe.retrieved.slice(-1), [disputeId(open.pi)], 'only the one still open is read again');
    assert.deepEqual(await stripe.deliver(closed), [200]);
    assert.deepEqual([await kept(won.customerId), await adjustments()], [[100_00], count], 'its webhook, late, changes nothing');
  });

  it('also follows a held dispute lost, and lists the held ones the longest unvisited first', async () => {
    later(1);
    const lost = await paid(25_00);
    await stripe.deliver(stripe.dispute(lost.pi));
    const all = await heldOpenDisputes(db, org, 'stripe', 10);
    assert.equal(all.at(-1)!.disputeId, disputeId(lost.pi), 'the one just touched comes last');
    assert.deepEqual(await heldOpenDisputes(db, org, 'stripe', 1), all.slice(0, 1));
    later(5);
    stripe.dispute(lost.pi, 'lost');
    const r = await nightly();
    assert.deepEqual(r.adjusted, [], 'lost keeps what was held: nothing changes in the ledger');
    assert.ok(!(await heldOpenDisputes(db, org, 'stripe', 10)).some((d) => d.disputeId === disputeId(lost.pi)), 'no longer held open');
    assert.deepEqual(await kept(lost.customerId), []);
  });

  it('the fake Stripe refuses a dispute retrieval with parameters, a malformed id or the wrong key', async () => {
    const get = (q: string, key = 'sk_test_held4242') => fetch(`${stripe.url}/v1/disputes/${q}`, { headers: { authorization: `Bearer ${key}` } });
    const known = [...stripe.disputes.keys()][0]!;
    assert.equal((await get(known, 'sk_test_wrong')).status, 401);
    assert.equal((await get(`${known}?limit=1`)).status, 400);
    assert.equal((await get('ch_notadispute')).status, 400);
    assert.equal((await get('dp_doesnotexist')).status, 404);
    assert.equal((await get(known)).status, 200);
    assert.equal((await get(`${known}?expand[]=charge`)).status, 200);
  });
});
