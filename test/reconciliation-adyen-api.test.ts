// Adyen payouts checked against what they carried, over HTTP: Adyen's Settlement details report is uploaded to
// POST /v1/reconciliation/adyen/settlement-reports; each batch's MerchantPayout is stored with the batch's rows and shows
// under /v1/reconciliation/reported-payouts/adyen:{merchant account}:{batch} with its gross, fees and net checked as
// Stripe's are; the bank credit naming Adyen settles as that payout, whether imported before or after the report. A row
// that cannot be read fails the file naming its line and column and stores nothing; the same file again adds nothing;
// another org sees none of it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiCalls, bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer } from './support/factories.ts';
import { importStatement, listPayoutLines } from '../src/reconciliation/index.ts';
import { mt940, type Mt940Entry } from '../src/reconciliation/testing/mt940-builder.ts';
import { settlementCsv, type SettlementRow } from './support/adyen-settlement.ts';

interface Shown {
  id: string; amount: number; currency: string; arrival_date: string; lines: { line_id: string; status: string; basis: string }[];
  breakdown: { fetch: { state: string; transactions: number };
    check: { result: string; gross: number; fees: number; net: number; difference: number; issues: { code: string; txn_id: string | null }[] } };
}

const now = new Date('2026-03-15T12:00:00Z');
let t: TestApi;
const { get } = apiCalls(() => t);
const show = (id: string) => get<Shown>(`/v1/reconciliation/reported-payouts/adyen:${id}`);
const boundary = 'cobro-adyen';
function upload(csv: string, key = t.keys.manager, filename = 'settlement_detail_report_batch_142.csv') {
  const payload = [`--${boundary}`, `Content-Disposition: form-data; name="file"; filename="${filename}"`, 'Content-Type: text/csv', '', csv, `--${boundary}--`, ''].join('\r\n');
  return t.app.inject({ method: 'POST', url: '/v1/reconciliation/adyen/settlement-reports', payload,
    headers: { ...bearer(key), 'content-type': `multipart/form-data; boundary=${boundary}` } });
}
const bank = (id: string, currency: string, entries: Mt940Entry[]) => importStatement(t.db, t.org, Buffer.from(mt940(entries, { currency, id })),
  { filename: `${id}.sta`, actor: 'test', now: () => now });
const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [t.org]))[0]!.n;

const BATCH_142: SettlementRow[] = [
  { type: 'Settled', psp: '8815732051700001', ref: 'INV-1001', modification: '8815732051700101', grossCredit: '120.00', netCredit: '117.42', markup: '0.30',
    scheme: '0.12', interchange: '2.16' },
  { type: 'Settled', psp: '8815732051700002', ref: 'INV-1002', modification: '8815732051700102', grossCredit: '89.90', netCredit: '88.05', commission: '1.85' },
  { type: 'Refunded', psp: '8815732051700001', ref: 'INV-1001', modification: '8815732051700201', grossDebit: '20.00', netDebit: '20.00' },
  { type: 'Chargeback', psp: '8815732051700003', ref: 'INV-0990', modification: '8815732051700301', grossDebit: '45.50', netDebit: '60.50', commission: '15.00' },
  { type: 'Fee', modification: 'Transaction Fees March 2026', netDebit: '1.20', created: '2026-03-10 04:55:40' },
  { type: 'MerchantPayout', modification: 'TX4421937301XT', netDebit: '123.77', created: '2026-03-10 05:00:12' },
];
const BATCH_7: SettlementRow[] = [
  { type: 'Settled', merchant: 'AcmeShopJP', psp: '8815732051709001', ref: 'JP-77', currency: 'JPY', grossCredit: '12000', netCredit: '11640', commission: '360',
    batch: 7, zone: 'JST', created: '2026-03-09 18:00:00' },
  { type: 'MerchantPayout', merchant: 'AcmeShopJP', currency: 'JPY', netDebit: '11640', batch: 7, zone: 'JST', created: '2026-03-10 09:30:00' },
];
const REPORT = settlementCsv([...BATCH_142, ...BATCH_7, { type: 'Settled', psp: '8815732051700005', grossCredit: '10.00', netCredit: '9.80', commission: '0.20', batch: 143 }]);

before(async () => { t = await testApi(() => now); });
after(async () => { await t.close(); });

describe('Adyen payouts from the Settlement details report', () => {
  it('stores each batch paid out with what it carried, and the bank credit of each settles as that payout', async () => {
    // the euro payout's credit is on a statement imported before the report: a customer-looking credit, left to matching
    const early = await bank('EU1', 'EUR', [{ date: '260311', mark: 'C', amount: '123,77', name: 'ADYEN N.V.', text: 'AcmeShopEUR 142 TX4421937301XT' }]);
    assert.ok(early.ok, early.ok ? '' : early.error.message);
    assert.equal((await listPayoutLines(t.db, t.org, { gateway: 'adyen' })).data.length, 0);
    const r = await upload(REPORT);
    assert.equal(r.statusCode, 200, r.body);
    const up = r.json() as { id: string; rows: number; payouts: number; transactions: number; open_batches: number; payout_ids: string[]; duplicate: boolean;
      lines_settled: number; filename: string };
    assert.deepEqual([up.rows, up.payouts, up.transactions, up.open_batches, up.duplicate, up.lines_settled, up.filename],
      [9, 2, 8, 1, false, 1, 'settlement_detail_report_batch_142.csv']);
    assert.deepEqual(up.payout_ids, ['AcmeShopEUR:142', 'AcmeShopJP:7']);
    const eur = await show('AcmeShopEUR:142');
    assert.deepEqual([eur.amount, eur.currency, eur.arrival_date], [123_77, 'EUR', '2026-03-10']);
    assert.deepEqual([eur.breakdown.fetch.state, eur.breakdown.fetch.transactions], ['fetched', 6]);
    const c = eur.breakdown.check;
    // gross 120.00 + 89.90 - 20.00 - 45.50 - 1.20; costs 2.58 + 1.85 + 15.00; the payout is exactly what the batch netted
    assert.deepEqual([c.gross, c.fees, c.net, c.difference], [143_20, 19_43, 123_77, 0]);
    // cobro recorded none of these card payments: each is listed for a person to look at, the sums still add up
    assert.equal(c.result, 'review');
    assert.deepEqual(c.issues.map((i) => i.code), ['UNKNOWN_CHARGE', 'UNKNOWN_CHARGE', 'UNKNOWN_REFUND', 'UNKNOWN_DISPUTE']);
    assert.deepEqual(eur.lines.map((l) => [l.status, l.basis]), [['payout', 'reported']]);
    // the yen payout's credit comes on a statement imported after the report: it settles as the payout on import
    const later = await bank('JP1', 'JPY', [{ date: '260312', mark: 'C', amount: '11640,', name: 'ADYEN N.V. TOKYO', text: 'PAYOUT AcmeShopJP' }]);
    assert.ok(later.ok);
    const jpy = await show('AcmeShopJP:7');
    assert.deepEqual([jpy.amount, jpy.currency, jpy.breakdown.check.result, jpy.breakdown.check.fees, jpy.lines.map((l) => l.basis)], [11640, 'JPY', 'review', 360, ['reported']]);
    const lines = (await listPayoutLines(t.db, t.org, { gateway: 'adyen' })).data;
    assert.deepEqual(lines.map((l) => [l.amount, l.currency, l.payout.payout_id]).sort(), [[11640, 'JPY', 'AcmeShopJP:7'], [123_77, 'EUR', 'AcmeShopEUR:142']]);
    assert.match(lines.find((l) => l.currency === 'EUR')!.payout.reasons[0]!, /equals the Adyen payout AcmeShopEUR:142/);
  });

  it('adds nothing when the same file comes again', async () => {
    const [payouts, txns] = [await count('gateway_payouts'), await count('gateway_payout_transactions')];
    const again = await upload(REPORT, t.keys.admin, 'copy.csv');
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual([(again.json() as { duplicate: boolean }).duplicate, (again.json() as { filename: string }).filename], [true, 'settlement_detail_report_batch_142.csv']);
    assert.deepEqual([await count('gateway_payouts'), await count('gateway_payout_transactions'), await count('adyen_settlement_reports')], [payouts, txns, 1]);
    const list = await get<{ data: { payout_ids: string[] }[] }>('/v1/reconciliation/adyen/settlement-reports');
    assert.deepEqual(list.data.map((d) => d.payout_ids), [['AcmeShopEUR:142', 'AcmeShopJP:7']]);
  });

  it('flags a payout that is not what its batch carried, and ties a credit the rules took for an Adyen batch by its text', async () => {
    // the org takes Adyen payments (cobro recorded one), so a credit naming Adyen and a batch is taken for that batch by its text
    const customer = await aCustomer(t.db, t.org);
    await t.db.query(`INSERT INTO payments (id, org_id, customer_id, external_id, amount, currency, date, source) VALUES ('pay_adyen1', $1, $2, 'ADY-1', 500, 'EUR', '2026-03-01', 'adyen')`,
      [t.org, customer.id]);
    const line = await bank('EU2', 'EUR', [{ date: '260314', mark: 'C', amount: '50,00', name: 'ADYEN N.V.', text: 'SETTLEMENT BATCH 150' }]);
    assert.ok(line.ok);
    assert.deepEqual((await listPayoutLines(t.db, t.org, { gateway: 'adyen' })).data.filter((l) => l.amount === 50_00).map((l) => [l.payout.payout_id, l.payout.basis]),
      [['BATCH 150', 'text']]);
    const r = await upload(settlementCsv([{ type: 'Settled', psp: '8815732051700150', grossCredit: '50.00', netCredit: '49.00', commission: '1.00', batch: 150 },
      { type: 'MerchantPayout', netDebit: '50.00', batch: 150, created: '2026-03-13 05:00:00' }]));
    assert.equal(r.statusCode, 200, r.body);
    assert.equal((r.json() as { lines_settled: number }).lines_settled, 1);
    const b = await show('AcmeShopEUR:150');
    assert.deepEqual([b.breakdown.check.difference, b.breakdown.check.issues.map((i) => i.code), b.lines.map((l) => l.basis)],
      [1_00, ['NET_MISMATCH', 'UNKNOWN_CHARGE'], ['reported']]);
  });

  it('refuses a file with a row it cannot read, naming the line and column, and stores nothing of it', async () => {
    const before = [await count('gateway_payouts'), await count('gateway_payout_transactions'), await count('adyen_settlement_reports')];
    const bad = settlementCsv([{ type: 'Settled', psp: '8815732051700160', grossCredit: '10.00', netCredit: '9.80', batch: 160 },
      { type: 'Refunded', psp: '8815732051700160', grossDebit: '1.00', netDebit: '1,00', batch: 160 }, { type: 'MerchantPayout', netDebit: '8.80', batch: 160 }]);
    const r = await upload(bad);
    assert.equal(r.statusCode, 422, r.body);
    const e = (r.json() as { error: { code: string; field: string; message: string } }).error;
    assert.deepEqual([e.code, e.field], ['IMPORT_REJECTED', 'file']);
    assert.match(e.message, /line 3, column Net Debit \(NC\): "1,00" is not an amount in EUR/);
    assert.deepEqual([await count('gateway_payouts'), await count('gateway_payout_transactions'), await count('adyen_settlement_reports')], before);
  });

  it('lets only an admin or manager upload, and another org sees none of it', async () => {
    for (const key of [t.keys.collector, t.keys.viewer]) assert.equal((await upload(REPORT, key)).statusCode, 403);
    const other = await t.app.inject({ method: 'GET', url: '/v1/reconciliation/reported-payouts/adyen:AcmeShopEUR:142', headers: bearer(t.otherKey) });
    assert.equal(other.statusCode, 404);
    const list = await t.app.inject({ method: 'GET', url: '/v1/reconciliation/adyen/settlement-reports', headers: bearer(t.otherKey) });
    assert.deepEqual(list.json(), { data: [] });
  });
});
