// An approval that never reached cobro (CHECKOUT.ORDER.APPROVED lost, or the webhook not subscribed to it): the worker's
// gateway round reads each open PayPal link's order ten minutes after it opens and every twenty minutes after, while the
// link is open; an approved order is captured and recorded, once (a round beside it, or the late webhook, adds nothing);
// an order PayPal captured without cobro is recorded without a second capture; an order not approved is left, and read
// again only when its turn comes; links that ended, or whose expiry is under way, are not read.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayRound } from '../src/payments/gateway-check.ts';
import { payPalHarness } from './support/paypal-harness.ts';

const h = await payPalHarness({ clientId: 'AeA1QIZXiflr1_cobro_approval', clientSecret: 'EGnHDxD_qRPdaLdZz8iCr8N7_approval_test_secret',
  webhookId: '7KJ028458E2496519', start: new Date('2026-03-10T17:00:00Z') });
const { t, paypal, kept, balance, owing } = h;
after(() => h.close());

const round = async () => (await gatewayRound({ db: t.db, publicUrl: 'https://cobro.example' }, t.org, h.now()))!.approvals;
const reads = (orderId: string) => paypal.ordersRead.filter((id) => id === orderId).length;
const capturesOf = (orderId: string) => paypal.captures.filter((c) => c.orderId === orderId).length;
const linkStatus = async (id: string) => (await t.db.query<{ status: string }>('SELECT status FROM payment_links WHERE org_id = $1 AND id = $2', [t.org, id]))[0]!.status;

describe('PayPal orders approved without their webhook', () => {
  it('captures an approved order once its link is ten minutes old, records it once, and the late webhook adds nothing', async () => {
    const o = await owing(80_00);
    paypal.approve(o.orderId);
    h.later(5);
    const early = await round();
    assert.equal(reads(o.orderId), 0, 'not read within the first ten minutes');
    assert.deepEqual(early.captured, []);
    h.later(6);
    const r = await round();
    assert.deepEqual(r.errors, []);
    assert.equal(reads(o.orderId), 1);
    assert.deepEqual(r.captured.map((f) => [f.provider, f.link_id, f.order_ref, f.payment_ref, f.amount]),
      [['paypal', o.link, o.orderId, h.captureOf(o.orderId), 80_00]]);
    assert.ok(r.captured[0]!.payment_id);
    assert.deepEqual(await kept(o.customer), [[`paypal:${h.captureOf(o.orderId)}`, 80_00]]);
    assert.equal(await balance(o.invoice), 0);
    assert.equal(capturesOf(o.orderId), 1);
    assert.equal(await linkStatus(o.link), 'completed');

    h.later(30);
    const again = await round();
    assert.equal(reads(o.orderId), 1, 'a paid link is not read again');
    assert.deepEqual(again.captured, []);
    const late = await h.deliver(paypal.approve(o.orderId));
    assert.equal(late.status, 200);
    assert.deepEqual(await kept(o.customer), [[`paypal:${h.captureOf(o.orderId)}`, 80_00]]);
  });

  it('records an order PayPal captured without cobro (every webhook lost) without capturing it again', async () => {
    const o = await owing(45_50);
    const { captureId } = paypal.payAtPayPal(o.orderId);
    h.later(11);
    const r = await round();
    assert.deepEqual(r.captured, []);
    assert.deepEqual(r.recorded.map((f) => [f.link_id, f.payment_ref, f.amount]), [[o.link, captureId, 45_50]]);
    assert.equal(capturesOf(o.orderId), 0, 'cobro asked for no capture');
    assert.deepEqual(await kept(o.customer), [[`paypal:${captureId}`, 45_50]]);
    assert.equal(await balance(o.invoice), 0);
  });

  it('leaves an order not approved, reads it again every twenty minutes while its link is open, and never after', async () => {
    const o = await owing(30_00);
    h.later(11);
    const r = await round();
    assert.equal(reads(o.orderId), 1);
    assert.deepEqual([r.captured, r.recorded, r.errors], [[], [], []]);
    assert.equal(capturesOf(o.orderId), 0);
    h.later(10);
    await round();
    assert.equal(reads(o.orderId), 1, 'not read again within twenty minutes');
    h.later(11);
    await round();
    assert.equal(reads(o.orderId), 2);
    // the link is open three hours: past that, its order is not read (nor ever captured)
    h.later(180);
    paypal.approve(o.orderId);
    const after = await round();
    assert.equal(reads(o.orderId), 2);
    assert.deepEqual(after.captured, []);
    assert.deepEqual(await kept(o.customer), []);
  });

  it('does not read a link whose expiry is under way, and two rounds at once capture an approved order once', async () => {
    const stale = await owing(20_00);
    await t.db.query(`UPDATE payment_links SET expire_state = 'due', expire_next_at = $3 WHERE org_id = $1 AND id = $2`,
      [t.org, stale.link, new Date(h.now().getTime() + 3_600_000)]);
    const o = await owing(60_00);
    paypal.approve(stale.orderId);
    paypal.approve(o.orderId);
    h.later(11);
    const [a, b] = await Promise.all([round(), round()]);
    assert.equal(reads(stale.orderId), 0);
    assert.equal(reads(o.orderId), 1, 'one of the two rounds read it');
    assert.equal(a.captured.length + b.captured.length, 1);
    assert.deepEqual(await kept(o.customer), [[`paypal:${h.captureOf(o.orderId)}`, 60_00]]);
    assert.deepEqual(await kept(stale.customer), []);
  });
});
