// Adyen as a payment gateway over HTTP: connected through /v1/providers/adyen, a Pay by Link payment link made at a fake
// Adyen that checks requests as Adyen documents them, standard webhooks verified item by item before anything is acted
// on (a changed byte, another key, no signature, wrong basic auth: 403 and nothing stored), each item stored once by
// pspReference, eventCode and success and answered `[accepted]`; AUTHORISATION records the payment against the link's
// invoices, REFUND and CHARGEBACK reverse what they take, REFUND_FAILED and REFUNDED_REVERSED give a refund's part back
// (once), a refused one is recorded and does nothing. Then an Adyen Settlement details report's Settled row naming the
// payment's pspReference is a payment cobro knows (no UNKNOWN_CHARGE).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { fakeAdyen, type AdyenItem, type FakeAdyen } from './support/providers/adyen.ts';
import { settlementCsv } from './support/adyen-settlement.ts';
import { gatewayFor } from '../src/payments/gateways/index.ts';

const HMAC = 'A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90';
const now = new Date('2026-03-10T17:00:00Z');
let t: TestApi;
let adyen: FakeAdyen;
before(async () => {
  t = await testApi(() => now);
  adyen = await fakeAdyen({ apiKey: 'AQEyhmfxKo3NaRFGw0m_test_key_0001', merchantAccount: 'AcmeShopEUR', hmacKey: HMAC, now: () => now });
});
after(async () => { await adyen.close(); await t.close(); });

const deliver = (org: string, body: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: `/webhooks/adyen/${org}`,
  payload: body, headers: { 'content-type': 'application/json', ...headers } });
const inbox = (org: string) => t.db.query<{ event_id: string; status: string; error: string | null }>(
  `SELECT event_id, status, error FROM inbox_events WHERE org_id = $1 AND provider = 'adyen' ORDER BY received_at, id`, [org]);
const payments = (org: string, customer: string) => t.db.query<{ external_id: string; amount: number; reversed_at: string | null; source: string }>(
  'SELECT external_id, amount, reversed_at, source FROM payments WHERE org_id = $1 AND customer_id = $2 ORDER BY created_at, id', [org, customer]);
const balance = async (org: string, id: string) => (await t.db.query<{ balance: number }>('SELECT balance FROM invoices WHERE org_id = $1 AND id = $2', [org, id]))[0]!.balance;

async function connect(): Promise<void> {
  const r = await t.app.inject({ method: 'PUT', url: '/v1/providers/adyen', headers: bearer(t.keys.admin), payload: {
    settings: { merchant_account: 'AcmeShopEUR', api_base: adyen.url }, secrets: { api_key: 'AQEyhmfxKo3NaRFGw0m_test_key_0001', hmac_key: HMAC } } });
  assert.equal(r.statusCode, 200, r.body);
}

/** A customer owing one EUR invoice, and an Adyen payment link for it made over the API. */
async function owing(amount: number) {
  const c = await aCustomer(t.db, t.org, { email: 'ap@client.example' });
  const inv = await anInvoice(t.db, t.org, { customer_id: c.id, currency: 'EUR', amount, due_date: '2026-02-01' });
  const r = await t.app.inject({ method: 'POST', url: '/v1/payment-links', headers: bearer(t.keys.collector), payload: { customer_id: c.id } });
  assert.equal(r.statusCode, 201, r.body);
  const link = r.json() as { id: string; provider: string; url: string; amount: number; currency: string };
  const at = [...adyen.links.values()].find((l) => l.reference === link.id)!;
  return { customer: c, invoice: inv, link, adyenLink: at };
}

describe('Adyen payment links', () => {
  before(connect);
  it('connects through /v1/providers/adyen, the secrets shown by their last four characters only', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/v1/providers', headers: bearer(t.keys.admin) });
    const row = (r.json() as { data: { provider: string; settings: Record<string, unknown>; hints: Record<string, string> }[] }).data.find((p) => p.provider === 'adyen')!;
    assert.equal(row.settings.merchant_account, 'AcmeShopEUR');
    assert.deepEqual(row.hints, { api_key: '…0001', hmac_key: '…8F90' });
    assert.ok(!r.body.includes(HMAC));
    const live = await t.app.inject({ method: 'PUT', url: '/v1/providers/adyen', headers: bearer(t.keys.admin), payload: {
      settings: { merchant_account: 'AcmeShopEUR', environment: 'live' }, secrets: { api_key: 'AQEyhmfxKo3NaRFGw0m_test_key_0001', hmac_key: HMAC } } });
    assert.equal(live.statusCode, 400);
    assert.equal((live.json() as { error: { field: string } }).error.field, 'settings.live_url_prefix');
    const badKey = await t.app.inject({ method: 'PUT', url: '/v1/providers/adyen', headers: bearer(t.keys.admin), payload: {
      settings: { merchant_account: 'AcmeShopEUR' }, secrets: { api_key: 'AQEyhmfxKo3NaRFGw0m_test_key_0001', hmac_key: 'not-hex' } } });
    assert.equal((badKey.json() as { error: { field: string } }).error.field, 'secrets.hmac_key');
  });

  it('makes a Pay by Link link as Adyen documents it: X-API-Key, amount in minor units, the link as reference', async () => {
    const { link, adyenLink } = await owing(120_00);
    assert.equal(link.provider, 'adyen');
    assert.equal(link.url, adyenLink.url);
    assert.deepEqual(adyenLink.amount, { currency: 'EUR', value: 12_000 });
    assert.equal(adyenLink.merchantAccount, 'AcmeShopEUR');
    assert.match(String(adyenLink.expiresAt), /^2026-03-13T17:00:00\+00:00$/);
    assert.match(String(adyenLink.returnUrl), /payment=success/);
    const made = adyen.created.find((c) => c.body.reference === link.id)!;
    assert.ok(made.key && made.key.length <= 64, 'an Idempotency-Key Adyen takes');
    assert.deepEqual(adyen.rejected, []);
  });

  it('expires a link at Adyen (PATCH status expired), and says completed for one already paid', async () => {
    const gw = await gatewayFor({ db: t.db }, t.org, 'adyen');
    assert.ok(gw.ok);
    const { adyenLink } = await owing(10_00);
    assert.deepEqual(await gw.value.expireCheckout({ providerRef: String(adyenLink.id), linkId: 'x', createdAt: now, now }), { ok: true, value: 'expired' });
    assert.equal(adyenLink.status, 'expired');
    const paid = await owing(11_00);
    adyen.pay(String(paid.adyenLink.id));
    assert.deepEqual(await gw.value.expireCheckout({ providerRef: String(paid.adyenLink.id), linkId: 'y', createdAt: now, now }), { ok: true, value: 'completed' });
  });
});

describe('Adyen standard webhooks', () => {
  it('refuses a changed byte, another key, a missing signature with 403, storing nothing; then records the real one', async () => {
    const { customer, invoice, adyenLink, link } = await owing(120_00);
    const item = adyen.pay(String(adyenLink.id));
    const body = adyen.notification([item]);
    const changed = body.replace('"value":12000', '"value":12001');
    assert.notEqual(changed, body);
    assert.equal((await deliver(t.org, changed)).statusCode, 403);
    const { additionalData: _sig, ...unsigned } = item;
    assert.equal((await deliver(t.org, adyen.notification([unsigned]))).statusCode, 403);
    const other = adyen.notification([{ ...item, additionalData: { hmacSignature: Buffer.alloc(32, 7).toString('base64') } }]);
    assert.equal((await deliver(t.org, other)).statusCode, 403);
    assert.deepEqual(await inbox(t.org), [], 'nothing stored');

    const ok = await deliver(t.org, body);
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.body, '[accepted]');
    const again = await deliver(t.org, body);
    assert.equal(again.body, '[accepted]', 'a repeat is accepted and does nothing more');
    assert.deepEqual(await payments(t.org, customer.id), [{ external_id: `adyen:${String(item.pspReference)}`, amount: 120_00, reversed_at: null, source: 'adyen' }]);
    assert.equal(await balance(t.org, invoice.id), 0);
    const [row] = await t.db.query<{ status: string }>('SELECT status FROM payment_links WHERE id = $1', [link.id]);
    assert.equal(row!.status, 'completed');
    assert.deepEqual((await inbox(t.org)).map((e) => [e.event_id, e.status]), [[`${t.org}/${String(item.pspReference)}:AUTHORISATION:true`, 'processed']]);
  });

  it('stores each item of a batch as its own event; a refused authorisation is recorded with its reason and pays nothing', async () => {
    const { customer, adyenLink } = await owing(50_00);
    const refused = adyen.pay(String(adyenLink.id), { refused: 'Not enough balance' });
    const paid = adyen.pay(String(adyenLink.id));
    const r = await deliver(t.org, adyen.notification([refused, paid]));
    assert.equal(r.body, '[accepted]');
    const events = (await inbox(t.org)).filter((e) => e.event_id.includes(String(refused.pspReference)) || e.event_id.includes(String(paid.pspReference)));
    assert.deepEqual(events.map((e) => [e.event_id.split('/')[1], e.status]), [[`${String(refused.pspReference)}:AUTHORISATION:false`, 'processed'],
      [`${String(paid.pspReference)}:AUTHORISATION:true`, 'processed']]);
    assert.match(events[0]!.error ?? '', /did not succeed: Not enough balance/);
    assert.equal((await payments(t.org, customer.id)).length, 1);
  });

  it('reverses a refund\'s part and keeps the rest, counts a repeated refund once, and a chargeback and its reversal', async () => {
    const { customer, invoice, adyenLink } = await owing(100_00);
    const pay = adyen.pay(String(adyenLink.id));
    const psp = String(pay.pspReference);
    await deliver(t.org, adyen.notification([pay]));
    const refund = adyen.refund(psp, 30_00, 'EUR');
    assert.equal((await deliver(t.org, adyen.notification([refund]))).body, '[accepted]');
    await deliver(t.org, adyen.notification([refund]));
    let rows = await payments(t.org, customer.id);
    assert.deepEqual(rows.map((p) => [p.external_id, p.amount, p.reversed_at !== null]), [[`adyen:${psp}`, 100_00, true], [`adyen:${psp}:kept-1`, 70_00, false]]);
    assert.equal(await balance(t.org, invoice.id), 30_00);
    const cb = adyen.dispute(psp, 'CHARGEBACK', 70_00, 'EUR', 'DISP-1');
    await deliver(t.org, adyen.notification([cb]));
    rows = await payments(t.org, customer.id);
    assert.equal(rows.filter((p) => p.reversed_at === null).length, 0, 'nothing kept while the chargeback holds');
    await deliver(t.org, adyen.notification([adyen.dispute(psp, 'CHARGEBACK_REVERSED', 70_00, 'EUR', 'DISP-1')]));
    rows = await payments(t.org, customer.id);
    assert.deepEqual(rows.filter((p) => p.reversed_at === null).map((p) => [p.external_id, p.amount]), [[`adyen:${psp}:kept-2`, 70_00]]);
  });

  it('takes back a refund that failed or was reversed: the payment re-recorded for what is kept, once', async () => {
    const { customer, invoice, adyenLink } = await owing(100_00);
    const pay = adyen.pay(String(adyenLink.id));
    const psp = String(pay.pspReference);
    await deliver(t.org, adyen.notification([pay]));
    const r1 = adyen.refund(psp, 30_00, 'EUR');
    const r2 = adyen.refund(psp, 20_00, 'EUR');
    await deliver(t.org, adyen.notification([r1, r2]));
    assert.equal(await balance(t.org, invoice.id), 50_00);
    const failed = adyen.refundUndone(psp, String(r1.pspReference), 'REFUND_FAILED', 30_00, 'EUR');
    assert.equal((await deliver(t.org, adyen.notification([failed]))).body, '[accepted]');
    await deliver(t.org, adyen.notification([failed]));
    await deliver(t.org, adyen.notification([r1]));
    let live = (await payments(t.org, customer.id)).filter((p) => p.reversed_at === null);
    assert.deepEqual(live.map((p) => [p.external_id, p.amount]), [[`adyen:${psp}:kept-3`, 80_00]], 'the failed refund\'s 30.00 kept again, once');
    assert.equal(await balance(t.org, invoice.id), 20_00);
    const [row] = await t.db.query<{ refunds: Record<string, number>; refunded: number }>(
      'SELECT refunds, refunded FROM gateway_payments WHERE org_id = $1 AND payment_ref = $2', [t.org, psp]);
    assert.deepEqual([row!.refunds[String(r1.pspReference)], row!.refunded], [0, 20_00]);
    await deliver(t.org, adyen.notification([adyen.refundUndone(psp, String(r2.pspReference), 'REFUNDED_REVERSED', 20_00, 'EUR')]));
    live = (await payments(t.org, customer.id)).filter((p) => p.reversed_at === null);
    assert.deepEqual(live.map((p) => [p.external_id, p.amount]), [[`adyen:${psp}:kept-4`, 100_00]]);
    assert.equal(await balance(t.org, invoice.id), 0);
  });

  it('waits with a refund that comes before its payment, and applies it once the payment is recorded', async () => {
    const { customer, adyenLink } = await owing(40_00);
    const pay = adyen.pay(String(adyenLink.id));
    await deliver(t.org, adyen.notification([adyen.refund(String(pay.pspReference), 40_00, 'EUR')]));
    assert.equal((await payments(t.org, customer.id)).length, 0);
    await deliver(t.org, adyen.notification([pay]));
    const rows = await payments(t.org, customer.id);
    assert.deepEqual(rows.map((p) => [p.amount, p.reversed_at !== null]), [[40_00, true]], 'recorded, then reversed whole by the waiting refund');
  });

  it('checks basic auth when the endpoint has it', async () => {
    const org = t.otherOrg;
    await adyen.connect(t.db, org, { basicAuth: { username: 'adyen-hook', password: 's3cret-pass' } });
    const body = adyen.notification([adyen.refund('0000000000000001', 1_00, 'EUR')]);
    assert.equal((await deliver(org, body)).statusCode, 403, 'no Authorization');
    assert.equal((await deliver(org, body, { authorization: `Basic ${Buffer.from('adyen-hook:wrong').toString('base64')}` })).statusCode, 403);
    const r = await deliver(org, body, { authorization: `Basic ${Buffer.from('adyen-hook:s3cret-pass').toString('base64')}` });
    assert.equal(r.body, '[accepted]');
  });
});

describe('Adyen payouts know the payments cobro recorded', () => {
  it('reads a Settled row whose Psp Reference is a recorded Adyen payment as that payment, not UNKNOWN_CHARGE', async () => {
    const { adyenLink } = await owing(120_00);
    const pay: AdyenItem = adyen.pay(String(adyenLink.id));
    await deliver(t.org, adyen.notification([pay]));
    const psp = String(pay.pspReference);
    const csv = settlementCsv([
      { type: 'Settled', psp, ref: String(adyenLink.reference), grossCredit: '120.00', netCredit: '117.60', commission: '2.40', batch: 311 },
      { type: 'Settled', psp: '9999999999999999', ref: 'elsewhere', grossCredit: '10.00', netCredit: '10.00', batch: 311 },
      { type: 'MerchantPayout', netDebit: '127.60', batch: 311, created: '2026-03-11 05:00:00' },
    ]);
    const payload = ['--b', 'Content-Disposition: form-data; name="file"; filename="batch_311.csv"', 'Content-Type: text/csv', '', csv, '--b--', ''].join('\r\n');
    const up = await t.app.inject({ method: 'POST', url: '/v1/reconciliation/adyen/settlement-reports', payload,
      headers: { ...bearer(t.keys.manager), 'content-type': 'multipart/form-data; boundary=b' } });
    assert.equal(up.statusCode, 200, up.body);
    const shown = await t.app.inject({ method: 'GET', url: '/v1/reconciliation/reported-payouts/adyen:AcmeShopEUR:311', headers: bearer(t.keys.viewer) });
    assert.equal(shown.statusCode, 200, shown.body);
    const issues = (shown.json() as { breakdown: { check: { issues: { code: string; message: string }[] } } }).breakdown.check.issues;
    assert.deepEqual(issues.map((i) => i.code), ['UNKNOWN_CHARGE'], 'only the payment cobro never recorded');
    assert.match(issues[0]!.message, /9999999999999999/);
  });
});
