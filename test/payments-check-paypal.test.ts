// The nightly check and PayPal's Transaction Search (GET /v1/reporting/transactions): a capture cobro never recorded (its
// webhooks lost) is found and recorded through the webhooks' path, once, whichever comes later (its webhook, the approval,
// the next night); a refund whose webhook was lost reverses its part; every page is read and what is not a capture or a
// refund of one (fees, holds, pending payments, withdrawals) is passed over; a span over 31 days is asked in windows; a
// transaction PayPal lists only hours later is found the next night; and the fake refuses searches not shaped as documented.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from './support/api.ts';
import { payPalHarness } from './support/paypal-harness.ts';

const CLIENT = { clientId: 'AeA1QIZXiflr1_cobro_search', clientSecret: 'EGnHDxD_qRPdaLdZz8iCr8N7_search_test_secret' };
const h = await payPalHarness({ ...CLIENT, webhookId: '5GP028458E2496506', start: new Date('2026-03-10T17:00:00Z') });
const { t, paypal, kept, balance, owing } = h;
after(() => h.close());
const later = (hours: number) => h.later(hours * 60);
const deliver = async (d: Parameters<typeof h.deliver>[0]) => (await h.deliver(d)).status;

interface Finding { provider: string; payment_ref: string; link_id: string | null; amount: number; reason?: string }
interface Report { providers: string[]; checked: number; in_ledger: number; recovered: Finding[]; adjusted: Finding[]; unmatched: Finding[]; errors: unknown[] }

const check = async (since = new Date(h.now().getTime() - 3 * 86_400_000)): Promise<Report> => {
  const r = await t.app.inject({ method: 'POST', url: '/v1/gateways/check', headers: bearer(t.keys.admin), payload: { since: since.toISOString() } });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as Report;
};
const audits = async (action: string) => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action = $2', [t.org, action]))[0]!.n;

describe('PayPal payments in the nightly check', () => {
  it('records a capture whose webhooks never came, once: its webhook, the approval and the next night change nothing', async () => {
    const o = await owing(120_00);
    const { captureId, completed } = paypal.payAtPayPal(o.orderId);
    later(4);
    const first = await check();
    assert.deepEqual(first.errors, []);
    assert.ok(first.providers.includes('paypal'));
    assert.deepEqual(first.recovered.map((f) => [f.provider, f.payment_ref, f.link_id, f.amount]), [['paypal', captureId, o.link, 120_00]]);
    assert.deepEqual(await kept(o.customer), [[`paypal:${captureId}`, 120_00]]);
    assert.equal(await balance(o.invoice), 0);
    const q = paypal.reporting.searched.at(-1)!;
    assert.deepEqual(Object.fromEntries(q), { start_date: new Date(h.now().getTime() - 3 * 86_400_000).toISOString(), end_date: h.now().toISOString(),
      fields: 'transaction_info', page_size: '500', page: '1' });

    const paid = await audits('payment_link.paid');
    assert.equal(await deliver(completed), 200);
    assert.equal(await deliver(paypal.approve(o.orderId)), 200);
    assert.deepEqual(await kept(o.customer), [[`paypal:${captureId}`, 120_00]], 'the late webhooks record nothing more');
    later(24);
    const next = await check();
    assert.deepEqual([next.recovered, next.adjusted, next.errors], [[], [], []]);
    assert.ok(next.in_ledger >= 1);
    assert.equal(await audits('payment_link.paid'), paid);
    assert.deepEqual(paypal.rejected.map((r) => r.message), ['UNPROCESSABLE_ENTITY ORDER_ALREADY_CAPTURED'], 'the late approval finds the order captured');
  });

  it('reads every page, passes over what is not a capture, reports one through no cobro link, and applies a lost refund once', async () => {
    const a = await owing(100_00);
    assert.equal(await deliver(paypal.approve(a.orderId)), 200);
    const capture = h.captureOf(a.orderId);
    // a first page full of fees, holds, withdrawals and pending payments
    for (let i = 0; i < 520; i++) {
      const kind = i % 4;
      paypal.reporting.add({ transaction_id: `NOISE${String(i).padStart(12, '0')}`, transaction_event_code: ['T0400', 'T1110', 'T0006', 'T0106'][kind],
        transaction_amount: { currency_code: 'USD', value: kind === 2 ? '5.00' : '-1.00' }, transaction_status: kind === 2 ? 'P' : 'S' });
    }
    paypal.reporting.add({ transaction_id: '7KX19283746501234', transaction_event_code: 'T0006', transaction_amount: { currency_code: 'USD', value: '42.00' },
      transaction_status: 'S' });
    const refund = paypal.refund(capture, '30.00');
    later(4);
    const searches = paypal.reporting.searched.length;
    const first = await check();
    assert.deepEqual(first.errors, []);
    assert.deepEqual(paypal.reporting.searched.slice(searches).map((q) => q.get('page')), ['1', '2'], 'both pages read');
    assert.deepEqual(first.unmatched.map((f) => [f.payment_ref, f.amount]), [['7KX19283746501234', 42_00]]);
    assert.deepEqual(first.adjusted.map((f) => [f.payment_ref, f.amount]), [[capture, 30_00]]);
    assert.deepEqual(await kept(a.customer), [[`paypal:${capture}:kept-1`, 70_00]]);
    assert.equal(await balance(a.invoice), 30_00);
    const adjusted = await audits('gateway.payment_adjusted');
    assert.equal(await deliver(refund), 200);
    later(24);
    const next = await check();
    assert.deepEqual(next.adjusted, []);
    assert.deepEqual([await kept(a.customer), await audits('gateway.payment_adjusted')], [[[`paypal:${capture}:kept-1`, 70_00]], adjusted]);
  });

  it('asks a span over 31 days in windows of 31 days at most, and finds the next night what PayPal lists hours late', async () => {
    const searches = paypal.reporting.searched.length;
    const since = new Date(h.now().getTime() - 40 * 86_400_000);
    assert.deepEqual((await check(since)).errors, []);
    // each window read to its last page (the second holds the transactions of the tests before: two pages)
    const windows = [...new Set(paypal.reporting.searched.slice(searches).map((q) => `${q.get('start_date')} ${q.get('end_date')}`))].map((w) => w.split(' '));
    const split = new Date(since.getTime() + 31 * 86_400_000).toISOString();
    assert.deepEqual(windows, [[since.toISOString(), split], [split, h.now().toISOString()]]);

    paypal.reporting.delayMs = 3 * 3_600_000;
    try {
      const o = await owing(55_00);
      const { captureId } = paypal.payAtPayPal(o.orderId);
      later(1);
      assert.deepEqual((await check()).recovered, [], 'not listed yet');
      later(24);
      assert.deepEqual((await check()).recovered.map((f) => f.payment_ref), [captureId]);
      assert.deepEqual(await kept(o.customer), [[`paypal:${captureId}`, 55_00]]);
    } finally { paypal.reporting.delayMs = 0; }
  });

  it('the fake PayPal refuses searches not shaped as Transaction Search documents them', async () => {
    const auth = await fetch(`${paypal.url}/v1/oauth2/token`, { method: 'POST', body: 'grant_type=client_credentials', headers: {
      authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' } });
    const token = ((await auth.json()) as { access_token: string }).access_token;
    const search = async (q: Record<string, string>, bearerToken = token) => (await fetch(`${paypal.url}/v1/reporting/transactions?${new URLSearchParams(q).toString()}`,
      { headers: { authorization: `Bearer ${bearerToken}`, 'content-type': 'application/json' } })).status;
    const span = { start_date: '2026-03-01T00:00:00Z', end_date: '2026-03-10T00:00:00Z' };
    assert.equal(await search(span, 'A21AAnotatoken'), 401);
    assert.equal(await search({ start_date: span.start_date }), 400, 'no end_date');
    assert.equal(await search({ ...span, start_date: '2026-03-01' }), 400, 'no time');
    assert.equal(await search({ ...span, end_date: '2026-04-02T00:00:01Z' }), 400, 'over 31 days');
    assert.equal(await search({ start_date: span.end_date, end_date: span.start_date }), 400, 'ending before it starts');
    assert.equal(await search({ ...span, page_size: '501' }), 400);
    assert.equal(await search({ ...span, page: '0' }), 400);
    assert.equal(await search({ ...span, fields: 'transaction_info,everything' }), 400);
    assert.equal(await search({ ...span, limit: '10' }), 400, 'a parameter the reference does not name');
    assert.equal(await search({ ...span, fields: 'all', page_size: '500', page: '1' }), 200);
  });
});
