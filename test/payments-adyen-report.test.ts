// Adyen's Settlement details report fetched on its REPORT_AVAILABLE webhook: the item is verified and stored as
// every Adyen item, then the report is downloaded from the URL it names with the report user's basic auth (a fake Adyen
// that serves the file only to that user) and imported through the upload's code, so its payouts are checked and their
// bank credits settle. Once per file name (the notification again, or the same file uploaded by hand, adds nothing); a
// URL on another host is refused with nothing fetched (kept as a final failure and audited); a 500 is tried again by the
// inbox's backoff; another report is ignored; a file that cannot be read fails as the upload does, audited.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiCalls, bearer, testApi, type TestApi } from './support/api.ts';
import { fakeAdyen, type FakeAdyen } from './support/providers/adyen.ts';
import { settlementCsv } from './support/adyen-settlement.ts';
import { importStatement, listPayoutLines } from '../src/reconciliation/index.ts';
import { mt940 } from '../src/reconciliation/testing/mt940-builder.ts';
import { retryInbox } from '../src/payments/index.ts';
import { STRICT_EGRESS } from '../src/channels/index.ts';

const HMAC = '0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0';
const USER = { username: 'report@Company.AcmeCompany', password: 'r3port-pa55word' };
const now = new Date('2026-03-15T12:00:00Z');
let t: TestApi;
let adyen: FakeAdyen;
let elsewhere: FakeAdyen;
const { get } = apiCalls(() => t);

const FILE_142 = 'settlement_detail_report_batch_142.csv';
const REPORT_142 = settlementCsv([
  { type: 'Settled', psp: '8815732051700001', ref: 'INV-1001', grossCredit: '120.00', netCredit: '117.42', commission: '2.58' },
  { type: 'MerchantPayout', modification: 'TX4421937301XT', netDebit: '117.42', created: '2026-03-10 05:00:12' },
]);
const batch = (n: number, net: string) => settlementCsv([
  { type: 'Settled', psp: `88157320517${n}01`, grossCredit: net, netCredit: net, batch: n },
  { type: 'MerchantPayout', netDebit: net, batch: n, created: '2026-03-12 05:00:00' },
]);

const deliver = (body: string) => t.app.inject({ method: 'POST', url: `/webhooks/adyen/${t.org}`, payload: body, headers: { 'content-type': 'application/json' } });
const event = async (fileName: string) => (await t.db.query<{ status: string; error: string | null; attempts: number; next: string | null }>(
  `SELECT status, error, attempts, next_attempt_at::text AS next FROM inbox_events WHERE org_id = $1 AND provider = 'adyen' AND event_id LIKE $2`,
  [t.org, `%/${fileName}:REPORT_AVAILABLE:true%`]))[0]!;
const reports = () => t.db.query<{ filename: string; actor: string; payout_ids: string[] }>(
  'SELECT filename, actor, payout_ids FROM adyen_settlement_reports WHERE org_id = $1 ORDER BY created_at, id', [t.org]);
const audits = (action: string) => t.db.query<{ entity_id: string; data: { file: string; error: string } }>(
  'SELECT entity_id, data FROM audit_log WHERE org_id = $1 AND action = $2 ORDER BY seq', [t.org, action]);

before(async () => {
  t = await testApi(() => now);
  adyen = await fakeAdyen({ apiKey: 'AQE_report_test_key_0001', merchantAccount: 'AcmeShopEUR', hmacKey: HMAC, now: () => now, reportUser: USER });
  elsewhere = await fakeAdyen({ apiKey: 'AQE_report_test_key_0002', merchantAccount: 'AcmeShopEUR', hmacKey: HMAC, now: () => now, reportUser: USER });
  await adyen.connect(t.db, t.org);
});
after(async () => { await adyen.close(); await elsewhere.close(); await t.close(); });

describe('Adyen settlement details report fetched on REPORT_AVAILABLE', () => {
  it('takes the report user as a setting and its password as a sealed secret, both or neither', async () => {
    const put = (settings: Record<string, string>, secrets: Record<string, string>) => t.app.inject({ method: 'PUT', url: '/v1/providers/adyen',
      headers: bearer(t.keys.admin), payload: { settings: { merchant_account: 'AcmeShopEUR', api_base: adyen.url, ...settings },
        secrets: { api_key: 'AQE_report_test_key_0001', hmac_key: HMAC, ...secrets } } });
    const half = await put({ report_username: USER.username }, {});
    assert.equal(half.statusCode, 400, half.body);
    assert.match(half.body, /secrets\.report_password/);
    const whole = await put({ report_username: USER.username }, { report_password: USER.password });
    assert.equal(whole.statusCode, 200, whole.body);
    const shown = await t.app.inject({ method: 'GET', url: '/v1/providers', headers: bearer(t.keys.admin) });
    assert.ok(!shown.body.includes(USER.password));
    assert.ok(shown.body.includes(USER.username));
  });

  it('downloads the report with the report user and reconciles its payouts', async () => {
    const bank = await importStatement(t.db, t.org, Buffer.from(mt940([{ date: '260311', mark: 'C', amount: '117,42', name: 'ADYEN N.V.', text: 'AcmeShopEUR 142 TX4421937301XT' }],
      { currency: 'EUR', id: 'EU1' })), { filename: 'EU1.sta', actor: 'test', now: () => now });
    assert.ok(bank.ok);
    adyen.reports.set(FILE_142, REPORT_142);
    const r = await deliver(adyen.notification([adyen.reportAvailable(FILE_142)]));
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.body, '[accepted]');
    assert.deepEqual(adyen.reportDownloads, [FILE_142]);
    const ev = await event(FILE_142);
    assert.equal(ev.status, 'processed', ev.error ?? '');
    assert.match(ev.error ?? '', /imported as adyr_.*1 payouts, 1 bank lines settled/);
    assert.deepEqual((await reports()).map((x) => [x.filename, x.actor, x.payout_ids]), [[FILE_142, 'gateway:adyen', ['AcmeShopEUR:142']]]);
    const shown = await get<{ amount: number; breakdown: { check: { net: number; difference: number } }; lines: { basis: string }[] }>(
      '/v1/reconciliation/reported-payouts/adyen:AcmeShopEUR:142');
    assert.deepEqual([shown.amount, shown.breakdown.check.net, shown.breakdown.check.difference, shown.lines.map((l) => l.basis)], [117_42, 117_42, 0, ['reported']]);
    assert.deepEqual((await listPayoutLines(t.db, t.org, { gateway: 'adyen' })).data.map((l) => l.payout.payout_id), ['AcmeShopEUR:142']);
  });

  it('changes nothing when the notification comes again or the same file is uploaded by hand', async () => {
    const again = await deliver(adyen.notification([adyen.reportAvailable(FILE_142)]));
    assert.equal(again.statusCode, 200, again.body);
    const boundary = 'cobro-adyen';
    const payload = [`--${boundary}`, `Content-Disposition: form-data; name="file"; filename="${FILE_142}"`, 'Content-Type: text/csv', '', REPORT_142, `--${boundary}--`, ''].join('\r\n');
    const up = await t.app.inject({ method: 'POST', url: '/v1/reconciliation/adyen/settlement-reports', payload,
      headers: { ...bearer(t.keys.manager), 'content-type': `multipart/form-data; boundary=${boundary}` } });
    assert.equal(up.statusCode, 200, up.body);
    assert.equal((up.json() as { duplicate: boolean }).duplicate, true);
    assert.deepEqual(adyen.reportDownloads, [FILE_142]);
    assert.equal((await reports()).length, 1);
  });

  it('refuses a URL on another host: nothing is fetched, the failure is final and audited', async () => {
    const file = 'settlement_detail_report_batch_143.csv';
    elsewhere.reports.set(file, batch(143, '10.00'));
    const r = await deliver(adyen.notification([adyen.reportAvailable(file, `${elsewhere.url}/reports/download/MerchantAccount/AcmeShopEUR/${file}`)]));
    assert.equal(r.statusCode, 200, r.body);
    const ev = await event(file);
    assert.deepEqual([ev.status, ev.next], ['failed', null]);
    assert.match(ev.error ?? '', /not on an Adyen host: 127\.0\.0\.1:\d+/);
    assert.deepEqual(elsewhere.reportDownloads, []);
    assert.equal((await reports()).length, 1);
    assert.deepEqual((await audits('adyen.settlement_report.fetch_failed')).map((a) => a.data.file), [file]);
    // nor on a look-alike host over https
    const file2 = 'settlement_detail_report_batch_144.csv';
    await deliver(adyen.notification([adyen.reportAvailable(file2, `https://ca-test.adyen.com.example.net/reports/download/MerchantAccount/AcmeShopEUR/${file2}`)]));
    assert.match((await event(file2)).error ?? '', /not on an Adyen host: ca-test\.adyen\.com\.example\.net/);
    assert.equal((await retryInbox({ db: t.db }, t.org, new Date(now.getTime() + 86_400_000))).tried, 0);
  });

  it('tries a download answered 500 again later, and imports it then', async () => {
    const file = 'settlement_detail_report_batch_145.csv';
    adyen.reports.set(file, batch(145, '25.00'));
    adyen.failReports = 1;
    await deliver(adyen.notification([adyen.reportAvailable(file)]));
    const first = await event(file);
    assert.deepEqual([first.status, first.attempts], ['failed', 1]);
    assert.match(first.error ?? '', /Adyen answered 500/);
    assert.ok(first.next && Date.parse(first.next) > now.getTime());
    assert.equal((await reports()).length, 1);
    // not before its turn
    assert.equal((await retryInbox({ db: t.db }, t.org, now)).tried, 0);
    const later = await retryInbox({ db: t.db }, t.org, new Date(now.getTime() + 120_000));
    assert.deepEqual([later.tried, later.processed], [1, 1]);
    assert.equal((await event(file)).status, 'processed');
    assert.deepEqual((await reports()).map((x) => x.filename), [FILE_142, file]);
    assert.deepEqual(adyen.reportDownloads.filter((f) => f === file).length, 2);
  });

  it('ignores other reports, and fails a file it cannot read as the upload does', async () => {
    const other = 'payments_accounting_report_2026_03_14.csv';
    adyen.reports.set(other, 'whatever');
    await deliver(adyen.notification([adyen.reportAvailable(other)]));
    const ev = await event(other);
    assert.equal(ev.status, 'processed');
    assert.match(ev.error ?? '', /not a settlement details report: ignored/);
    assert.ok(!adyen.reportDownloads.includes(other));
    const bad = 'settlement_detail_report_batch_146.csv';
    adyen.reports.set(bad, settlementCsv([{ type: 'Settled', psp: '8815732051714601', grossCredit: '10.00', netCredit: '9,80', batch: 146 }]));
    await deliver(adyen.notification([adyen.reportAvailable(bad)]));
    const failed = await event(bad);
    assert.deepEqual([failed.status, failed.next], ['failed', null]);
    assert.match(failed.error ?? '', /could not be read, nothing of it was stored: line 2, column Net Credit/);
    assert.equal((await reports()).length, 2);
    assert.deepEqual((await audits('adyen.settlement_report.fetch_failed')).map((a) => a.data.file).slice(-1), [bad]);
  });

  it('downloads under the operator egress policy: a loopback api_base refused by it fetches nothing', async () => {
    const strict = await testApi(() => now, { egress: STRICT_EGRESS });
    try {
      await adyen.connect(strict.db, strict.org);
      const file = 'settlement_detail_report_batch_147.csv';
      adyen.reports.set(file, batch(147, '5.00'));
      const r = await strict.app.inject({ method: 'POST', url: `/webhooks/adyen/${strict.org}`, payload: adyen.notification([adyen.reportAvailable(file)]),
        headers: { 'content-type': 'application/json' } });
      assert.equal(r.statusCode, 200, r.body);
      const [ev] = await strict.db.query<{ status: string; error: string; next: string | null }>(
        `SELECT status, error, next_attempt_at::text AS next FROM inbox_events WHERE org_id = $1 AND provider = 'adyen'`, [strict.org]);
      assert.deepEqual([ev!.status, ev!.next], ['failed', null]);
      assert.match(ev!.error, /egress refused/);
      assert.ok(!adyen.reportDownloads.includes(file));
    } finally { await strict.close(); }
  });
});
