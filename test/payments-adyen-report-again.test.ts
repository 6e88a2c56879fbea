// Adyen's Settlement details report on REPORT_AVAILABLE, the cases after the first download (a fake Adyen that serves
// reports to the report user or to an API key of the report role, as Adyen takes either): the download with an API key
// kept sealed in the Adyen provider's secrets; a report Adyen makes again under a name already imported, read again: the
// same lines add nothing, a new batch is stored, a batch with other lines is left as kept and put to a person (an
// org-level review task, audited); a 404 within an hour of the notification tried again by the inbox's backoff, final after.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { fakeAdyen, type FakeAdyen } from './support/providers/adyen.ts';
import { settlementCsv } from './support/adyen-settlement.ts';
import { retryInbox } from '../src/payments/index.ts';

const HMAC = '0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0';
const USER = { username: 'report@Company.AcmeCompany', password: 'r3port-pa55word' };
const REPORT_KEY = 'AQE_report_download_role_key_0001';
const now = new Date('2026-03-15T12:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
let clock = now;
let t: TestApi;
let adyen: FakeAdyen;

const batch = (n: number, net: string, psp = `88157320517${n}01`) => [
  { type: 'Settled', psp, grossCredit: net, netCredit: net, batch: n },
  { type: 'MerchantPayout', netDebit: net, batch: n, created: '2026-03-12 05:00:00' },
];
const deliver = (body: string) => t.app.inject({ method: 'POST', url: `/webhooks/adyen/${t.org}`, payload: body, headers: { 'content-type': 'application/json' } });
const made = async (file: string, at?: Date) => {
  const r = await deliver(adyen.notification([adyen.reportAvailable(file, undefined, at)]));
  assert.equal(r.statusCode, 200, r.body);
};
/** Adyen makes `file` `h` hours on, and cobro hears of it then. */
const madeAt = async (file: string, h: number) => { clock = hours(h); await made(file, hours(h)); };
const event = async (fileName: string) => (await t.db.query<{ status: string; error: string | null; attempts: number; next: string | null }>(
  `SELECT status, error, attempts, next_attempt_at::text AS next FROM inbox_events WHERE org_id = $1 AND provider = 'adyen' AND event_id LIKE $2
   ORDER BY received_at DESC, id DESC LIMIT 1`, [t.org, `%/${fileName}:REPORT_AVAILABLE:true%`]))[0]!;
const reportsOf = (file: string) => t.db.query<{ payouts: number; payout_ids: string[] }>(
  'SELECT payouts, payout_ids FROM adyen_settlement_reports WHERE org_id = $1 AND filename = $2 ORDER BY created_at, id', [t.org, file]);
const payout = async (id: string) => (await t.db.query<{ amount: string }>(
  `SELECT amount::text FROM gateway_payouts WHERE org_id = $1 AND gateway = 'adyen' AND payout_id = $2`, [t.org, id]))[0]?.amount;
const audits = (action: string) => t.db.query<{ data: Record<string, unknown> }>('SELECT data FROM audit_log WHERE org_id = $1 AND action = $2 ORDER BY seq', [t.org, action]);
const downloads = (file: string) => adyen.reportDownloads.filter((f) => f === file).length;
/** A settlement details report uploaded by hand, as a manager uploads it. */
const upload = (csv: string, filename: string) => {
  const boundary = 'cobro-adyen';
  const payload = [`--${boundary}`, `Content-Disposition: form-data; name="file"; filename="${filename}"`, 'Content-Type: text/csv', '', csv, `--${boundary}--`, ''].join('\r\n');
  return t.app.inject({ method: 'POST', url: '/v1/reconciliation/adyen/settlement-reports', payload,
    headers: { ...bearer(t.keys.manager), 'content-type': `multipart/form-data; boundary=${boundary}` } });
};
const reviewOf = async (taskId: unknown) => (await t.db.query<{ note: string; detail: Record<string, unknown> | null }>(
  'SELECT note, detail FROM tasks WHERE org_id = $1 AND id = $2', [t.org, taskId]))[0]!;

before(async () => {
  t = await testApi(() => clock);
  adyen = await fakeAdyen({ apiKey: 'AQE_report_test_key_0001', merchantAccount: 'AcmeShopEUR', hmacKey: HMAC, now: () => clock, reportUser: USER, reportApiKey: REPORT_KEY });
  await adyen.connect(t.db, t.org, { reportWith: 'api_key' });
});
after(async () => { await adyen.close(); await t.close(); });

describe('Adyen reports: an API key, a report made again, a report not there yet', () => {
  it('downloads with the API key of the provider\'s secrets (X-API-Key), kept sealed', async () => {
    const file = 'settlement_detail_report_batch_150.csv';
    adyen.reports.set(file, settlementCsv(batch(150, '50.00')));
    await made(file);
    const ev = await event(file);
    assert.equal(ev.status, 'processed', ev.error ?? '');
    assert.deepEqual(adyen.reportAuth, ['api_key']);
    assert.equal(await payout('AcmeShopEUR:150'), '5000');
    const shown = await t.app.inject({ method: 'GET', url: '/v1/providers', headers: bearer(t.keys.admin) });
    assert.equal(shown.statusCode, 200);
    assert.ok(!shown.body.includes(REPORT_KEY));
    const short = await t.app.inject({ method: 'PUT', url: '/v1/providers/adyen', headers: bearer(t.keys.admin), payload: {
      settings: { merchant_account: 'AcmeShopEUR', api_base: adyen.url }, secrets: { api_key: 'AQE_report_test_key_0001', hmac_key: HMAC, report_api_key: 'short' } } });
    assert.equal(short.statusCode, 400, short.body);
    assert.match(short.body, /secrets\.report_api_key/);
  });

  it('reads a report made again under the same name: the same lines in other bytes add nothing', async () => {
    const file = 'settlement_detail_report_batch_150.csv';
    adyen.reports.set(file, settlementCsv(batch(150, '50.00')).replace(/\r\n/g, '\n'));
    await madeAt(file, 1);
    const ev = await event(file);
    assert.equal(ev.status, 'processed', ev.error ?? '');
    assert.match(ev.error ?? '', /0 payouts, 0 bank lines settled; 1 batches kept before with the same lines/);
    assert.equal(downloads(file), 2);
    assert.deepEqual((await reportsOf(file)).map((r) => r.payouts), [1, 0]);
    assert.equal((await audits('adyen.settlement_report.changed')).length, 0);
  });

  it('stores a new batch of it, and leaves a batch with other lines as kept, for a person to review', async () => {
    const file = 'settlement_detail_report_batch_150.csv';
    adyen.reports.set(file, settlementCsv([...batch(150, '49.00'), ...batch(151, '20.00')]));
    await madeAt(file, 2);
    const ev = await event(file);
    assert.equal(ev.status, 'processed', ev.error ?? '');
    assert.match(ev.error ?? '', /1 payouts, .*batch AcmeShopEUR:150 kept before with other lines: left as kept, put to review/);
    assert.deepEqual([await payout('AcmeShopEUR:150'), await payout('AcmeShopEUR:151')], ['5000', '2000']);
    assert.deepEqual((await reportsOf(file)).at(-1)!.payout_ids, ['AcmeShopEUR:151']);
    const flagged = await audits('adyen.settlement_report.changed');
    assert.deepEqual(flagged.map((a) => a.data['changed']), [['AcmeShopEUR:150']]);
    const tasks = await t.db.query<{ id: string; kind: string; customer_id: string; case_id: string; note: string; status: string }>(
      `SELECT id, kind, customer_id, case_id, note, status FROM tasks WHERE org_id = $1 AND idempotency_key LIKE 'adyen-settlement:%'`, [t.org]);
    assert.deepEqual(tasks.map((x) => [x.id, x.kind, x.customer_id, x.case_id, x.status]), [[flagged[0]!.data['task_id'], 'review', '', '', 'open']]);
    assert.match(tasks[0]!.note, /batch AcmeShopEUR:150 with other lines .* changed nothing/);
    const { detail } = await reviewOf(tasks[0]!.id);
    assert.deepEqual([detail?.['kind'], detail?.['language'], detail?.['filename'], detail?.['changed']], ['adyen_settlement_changed', 'en', file, ['AcmeShopEUR:150']]);
    assert.ok(tasks[0]!.note.includes(`(${String(detail?.['report_id'])})`), 'the note names the report of its form');
    // the same bytes made again: downloaded, nothing added, no second task
    await madeAt(file, 3);
    assert.match((await event(file)).error ?? '', /was already imported/);
    assert.equal((await audits('adyen.settlement_report.changed')).length, 1);
  });

  it('treats a file uploaded by hand alike: the upload says which batches were kept and which changed', async () => {
    const up = await upload(settlementCsv([...batch(150, '48.00'), ...batch(151, '20.00')]), 'batches-150-151.csv');
    assert.equal(up.statusCode, 200, up.body);
    const r = up.json() as { duplicate: boolean; payouts: number; unchanged: string[]; changed: string[] };
    assert.deepEqual([r.duplicate, r.payouts, r.unchanged, r.changed], [false, 0, ['AcmeShopEUR:151'], ['AcmeShopEUR:150']]);
    assert.equal(await payout('AcmeShopEUR:150'), '5000');
    assert.equal((await audits('adyen.settlement_report.changed')).length, 2);
  });

  it('writes the review task\'s note in the org\'s language, from the form kept on the task', async () => {
    const said: Record<string, RegExp> = { es: /trae el lote AcmeShopEUR:150 con otras líneas .* no cambió nada/, 'pt-BR': /traz o lote AcmeShopEUR:150 com outras linhas .* não alterou nada/,
      en: /shows batch AcmeShopEUR:150 with other lines .* changed nothing/ };
    try {
      for (const [i, language] of ['es', 'pt-BR', 'en'].entries()) {
        await t.db.query('UPDATE orgs SET default_language = $2 WHERE id = $1', [t.org, language]);
        const up = await upload(settlementCsv(batch(150, `4${i}.00`)), `batch-150-${language}.csv`);
        assert.equal(up.statusCode, 200, up.body);
        const flagged = (await audits('adyen.settlement_report.changed')).at(-1)!;
        const task = await reviewOf(flagged.data['task_id']);
        assert.match(task.note, said[language]!);
        assert.match(task.note, new RegExp(`^[^\n]*batch-150-${language}\\.csv \\(`));
        assert.deepEqual([task.detail?.['kind'], task.detail?.['language'], task.detail?.['changed']], ['adyen_settlement_changed', language, ['AcmeShopEUR:150']]);
      }
    } finally {
      await t.db.query(`UPDATE orgs SET default_language = 'en' WHERE id = $1`, [t.org]);
    }
  });

  it('takes a 404 right after the notification for a report not ready yet: tried again, imported once there', async () => {
    const file = 'settlement_detail_report_batch_152.csv';
    await madeAt(file, 4);
    const first = await event(file);
    assert.deepEqual([first.status, first.attempts], ['failed', 1]);
    assert.match(first.error ?? '', /not there yet \(404\)/);
    assert.ok(first.next && Date.parse(first.next) > clock.getTime());
    adyen.reports.set(file, settlementCsv(batch(152, '7.00')));
    clock = new Date(clock.getTime() + 120_000);
    const later = await retryInbox({ db: t.db }, t.org, clock);
    assert.deepEqual([later.tried, later.processed], [1, 1]);
    assert.equal(await payout('AcmeShopEUR:152'), '700');
    assert.equal((await audits('adyen.settlement_report.fetch_failed')).length, 0);
  });

  it('makes a 404 final an hour after the notification, audited', async () => {
    const file = 'settlement_detail_report_batch_153.csv';
    await madeAt(file, 5);
    assert.equal((await event(file)).status, 'failed');
    clock = hours(6.5);
    await retryInbox({ db: t.db }, t.org, clock);
    const ev = await event(file);
    assert.deepEqual([ev.status, ev.next], ['failed', null]);
    assert.match(ev.error ?? '', /Adyen answered 404/);
    assert.deepEqual((await audits('adyen.settlement_report.fetch_failed')).map((a) => a.data['file']), [file]);
    assert.equal((await retryInbox({ db: t.db }, t.org, hours(48))).tried, 0);
  });
});
