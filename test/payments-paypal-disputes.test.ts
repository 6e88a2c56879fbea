// PayPal disputes through the fake PayPal: CUSTOMER.DISPUTE.CREATED holds the disputed part of the capture (found by
// disputed_transactions[].seller_transaction_id), reopening the invoice and the case as a Stripe chargeback does; RESOLVED
// in the seller's favour records it again, in the buyer's favour keeps it reversed, and PayPal's own reversal of that money
// afterwards is not taken twice; events are verified before anything is stored, stored once, and may come in any order;
// the nightly check lists the disputes changed since (every page) and applies those whose webhooks never came.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from './support/api.ts';
import { payPalHarness } from './support/paypal-harness.ts';
import type { PayPalObject } from './support/providers/paypal.ts';

const h = await payPalHarness({ clientId: 'AeA1QIZXiflr1_cobro_disputes', clientSecret: 'EGnHDxD_qRPdaLdZz8iCr8N7_disputes_test_secret',
  webhookId: '8PT597110X687430LKGECATA', start: new Date('2026-03-10T17:00:00Z') });
const { t, paypal, later, deliver, balance, kept } = h;
after(() => h.close());
const caseStatus = async (customer: string) => (await t.db.query<{ status: string }>('SELECT status FROM cases WHERE org_id = $1 AND customer_id = $2', [t.org, customer]))[0]?.status;

/** A customer owing one invoice who paid it through a PayPal link: the capture recorded, the invoice paid. */
async function paid(amount: number) {
  const o = await h.owing(amount);
  assert.equal((await deliver(paypal.approve(o.orderId))).status, 200);
  assert.equal(await balance(o.invoice), 0);
  return { customer: o.customer, invoice: o.invoice, capture: h.captureOf(o.orderId) };
}

describe('PayPal dispute webhooks', () => {
  it('refuses a dispute event that does not verify, storing and reversing nothing', async () => {
    const { customer, capture } = await paid(50_00);
    const { created } = paypal.openDispute(capture);
    const changed = { ...created, body: created.body.replace('"50.00"', '"5.00"') };
    assert.notEqual(changed.body, created.body);
    assert.equal((await deliver(changed)).status, 400);
    assert.equal((await deliver(paypal.sign(JSON.parse(created.body) as PayPalObject, { webhookId: 'WH0THER00000000' }))).status, 400);
    const stored = await t.db.query('SELECT 1 FROM inbox_events WHERE org_id = $1 AND body LIKE $2', [t.org, '%CUSTOMER.DISPUTE%']);
    assert.equal(stored.length, 0, 'nothing stored');
    assert.deepEqual(await kept(customer), [[`paypal:${capture}`, 50_00]]);
  });

  it('holds the disputed part and reopens the case; lost keeps it reversed, and PayPal\'s reversal of it is not taken twice', async () => {
    const { customer, invoice, capture } = await paid(100_00);
    assert.notEqual(await caseStatus(customer), 'open');
    later(60);
    const { created } = paypal.openDispute(capture, '40.00');
    assert.equal((await deliver(created)).body.status, 'processed');
    assert.deepEqual(await kept(customer), [[`paypal:${capture}:kept-1`, 60_00]]);
    assert.equal(await balance(invoice), 40_00);
    assert.equal(await caseStatus(customer), 'open', 'reminders resume for what the dispute holds');
    const repeat = await deliver(created);
    assert.equal(repeat.body.duplicate, true);
    later(60);
    const id = [...paypal.disputes.keys()].at(-1)!;
    await deliver(paypal.updateDispute(id, 'UNDER_REVIEW'));
    later(60);
    await deliver(paypal.resolveDispute(id, 'RESOLVED_BUYER_FAVOUR'));
    later(1);
    await deliver(paypal.refund(capture, '40.00', 'REVERSED'));
    assert.deepEqual(await kept(customer), [[`paypal:${capture}:kept-1`, 60_00]], 'the reversal is the dispute\'s money, not more');
    assert.equal(await balance(invoice), 40_00);
    const story = await t.app.inject({ method: 'GET', url: `/v1/cases/${customer}`, headers: bearer(t.keys.collector) });
    const entries = (story.json() as { timeline: { kind: string; reason: string }[] }).timeline.filter((e) => e.kind === 'payment_reversed');
    assert.ok(entries.some((e) => e.reason.includes(`paypal payment ${capture}`) && e.reason.includes('4000 in chargebacks')), story.body);
  });

  it('gives the money back when the seller wins', async () => {
    const { customer, invoice, capture } = await paid(75_00);
    later(60);
    const { id, created } = paypal.openDispute(capture);
    await deliver(created);
    assert.equal(await balance(invoice), 75_00);
    assert.deepEqual(await kept(customer), []);
    later(60);
    await deliver(paypal.resolveDispute(id, 'RESOLVED_SELLER_FAVOUR'));
    assert.deepEqual(await kept(customer), [[`paypal:${capture}:kept-1`, 75_00]]);
    assert.equal(await balance(invoice), 0);
    assert.equal(await caseStatus(customer), 'closed');
  });

  it('takes a resolution that comes before its opening, and the late opening changes nothing', async () => {
    const { customer, invoice, capture } = await paid(90_00);
    later(60);
    const { id, created } = paypal.openDispute(capture);
    later(60);
    const resolved = paypal.resolveDispute(id, 'RESOLVED_BUYER_FAVOUR', '25.00');
    await deliver(resolved);
    assert.deepEqual(await kept(customer), [[`paypal:${capture}:kept-1`, 65_00]], 'lost what PayPal refunded to the buyer');
    assert.equal((await deliver(created)).body.status, 'processed');
    assert.deepEqual(await kept(customer), [[`paypal:${capture}:kept-1`, 65_00]]);
    assert.equal(await balance(invoice), 25_00);
    assert.equal((await deliver(resolved)).body.duplicate, true);
  });

  it('shares a dispute over two captures out in order, each held on its own payment', async () => {
    const a = await paid(20_00);
    const b = await paid(50_00);
    later(60);
    const { id, created } = paypal.openDispute([a.capture, b.capture], '45.00');
    assert.equal((await deliver(created)).body.status, 'processed');
    assert.deepEqual([await balance(a.invoice), await balance(b.invoice)], [20_00, 25_00]);
    later(60);
    await deliver(paypal.resolveDispute(id, 'CANCELED_BY_BUYER'));
    assert.deepEqual([await balance(a.invoice), await balance(b.invoice)], [0, 0]);
  });
});

describe('PayPal disputes in the nightly check', () => {
  it('lists the disputes changed since, every page, and applies those whose webhooks were lost, once', async () => {
    const a = await paid(100_00);
    const b = await paid(30_00);
    later(60);
    // a full first page of disputes the seller won, then the one that matters on the second
    for (let i = 0; i < 50; i++) paypal.resolveDispute(paypal.openDispute(a.capture, '0.01').id, 'RESOLVED_SELLER_FAVOUR');
    const { id } = paypal.openDispute(b.capture);
    const since = new Date(h.now().getTime() - 3 * 86_400_000);
    later(60);
    const run = async () => {
      const r = await t.app.inject({ method: 'POST', url: '/v1/gateways/check', headers: bearer(t.keys.admin), payload: { since: since.toISOString() } });
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as { adjusted: { payment_ref: string; reason?: string }[]; errors: unknown[] };
    };
    const first = await run();
    assert.deepEqual(first.errors, []);
    assert.ok(first.adjusted.some((f) => f.payment_ref === b.capture && f.reason === `dispute ${id} open`), JSON.stringify(first.adjusted));
    assert.deepEqual(await kept(a.customer), [[`paypal:${a.capture}`, 100_00]], 'disputes won take nothing');
    const [held] = await t.db.query<{ disputes: Record<string, unknown> }>('SELECT disputes FROM gateway_payments WHERE org_id = $1 AND payment_ref = $2', [t.org, a.capture]);
    assert.equal(Object.keys(held!.disputes).length, 50, 'every dispute of the first page kept');
    assert.equal(await balance(b.invoice), 30_00, 'the dispute on the second page holds the payment');
    const query = paypal.disputesListed.at(-2)!;
    assert.equal(query.get('update_time_after'), since.toISOString());
    assert.ok(paypal.disputesListed.at(-1)!.get('next_page_token'), 'the second page asked for by its next link');
    assert.deepEqual(paypal.rejected, []);
    const second = await run();
    assert.deepEqual([second.adjusted, second.errors], [[], []], 'a second run changes nothing');
    assert.equal(await balance(b.invoice), 30_00);
  });
});
