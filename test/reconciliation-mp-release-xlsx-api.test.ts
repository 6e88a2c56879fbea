// Mercado Pago's release report as an .xlsx workbook, over HTTP: the loopback Mercado Pago generates the same
// movements once as CSV and once, for a second org in a second database, as a workbook (file_name .xlsx, the bytes a ZIP);
// POST /v1/reconciliation/mercadopago/release-reports stores the same payout from either, and its breakdown is the same.
// A zip bomb, a DOCTYPE, a ZIP that is no workbook and a broken cell each fail the report with a clear error, nothing
// of it stored, and the right workbook is then read. A workbook whose dates are spreadsheet serials, behind a cover
// sheet, is read at the zone the account's report config shows dates in.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiCalls, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { replanCase } from '../src/engine/index.ts';
import { checkGateways, createPaymentLink, type ReleaseReport } from '../src/payments/index.ts';
import { fakeMercadoPago, type FakeMercadoPago } from './support/providers/mercadopago.ts';
import { fakeReleases, type ReleaseFake } from './support/providers/mercadopago-release.ts';
import { readCsv } from '../src/reconciliation/parsers/csv-read.ts';
import { DATETIME_STYLES, serialAt, workbookOf, zipBomb, zipOf } from './support/xlsx-writer.ts';

interface Breakdown {
  amount: number; currency: string; arrival_date: string;
  breakdown: {
    fetch: { state: string; transactions: number };
    check: { result: string; gross: number; fees: number; net: number; difference: number; issues: { code: string }[];
      payments: { payment_id: string | null; gross: number; fees: number; net: number }[] };
    transactions: { type: string; amount: number; fee: number; net: number; payment_id: string | null; description: string | null }[];
  };
}

const TOKEN = 'APP_USR-release-xlsx';
const at = (s: string) => new Date(s);

interface World { t: TestApi; mp: FakeMercadoPago; release: ReleaseFake; refs: string[]; ids: string[]; now: Date; close(): Promise<void> }

async function world(format: 'csv' | 'xlsx'): Promise<World> {
  const w = { now: new Date('2026-03-15T12:00:00Z'), refs: [] as string[], ids: [] as string[] } as World;
  w.t = await testApi(() => w.now);
  w.mp = await fakeMercadoPago({ accessToken: TOKEN, webhookSecret: 'mp-xlsx-secret', now: () => w.now });
  w.release = await fakeReleases({ accessToken: TOKEN, webhookSecret: 'mp-xlsx-secret' });
  w.release.format = format;
  w.release.generatingPolls = 0;
  await w.mp.connect(w.t.db, w.t.org);
  for (const amount of [1_200_00, 850_50, 100_00]) {
    const c = await aCustomer(w.t.db, w.t.org, { country: 'MX', timezone: 'America/Mexico_City' });
    await anInvoice(w.t.db, w.t.org, { customer_id: c.id, currency: 'MXN', amount, due_date: '2026-02-01' });
    await replanCase(w.t.db, w.t.org, c.id, w.now);
    const link = await createPaymentLink({ db: w.t.db, publicUrl: 'https://cobro.example' }, w.t.org, 'test', { customerId: c.id, source: 'api' }, w.now);
    assert.ok(link.ok, link.ok ? '' : link.error.message);
    const pref = [...w.mp.preferences.values()].find((p) => p.external_reference === link.value.id)!;
    w.refs.push(String((await w.mp.pay(pref.id as string, { notify: false })).payment.id));
  }
  assert.equal((await checkGateways({ db: w.t.db, publicUrl: 'https://cobro.example' }, w.t.org, new Date(w.now.getTime() - 86_400_000), w.now)).recovered.length, 3);
  for (const ref of w.refs) {
    const [row] = await w.t.db.query<{ payment_id: string }>('SELECT payment_id FROM gateway_payments WHERE org_id = $1 AND payment_ref = $2', [w.t.org, ref]);
    w.ids.push(row!.payment_id);
  }
  await w.release.connect(w.t.db, w.t.org);
  w.close = async () => { await w.mp.close(); await w.release.close(); await w.t.close(); };
  return w;
}

/** The payout's report and breakdown with what differs between two worlds (ids) replaced by their places. */
async function readPayout(w: World): Promise<unknown> {
  w.release.payment(w.refs[0]!, 1_200_00, 47_99, at('2026-03-10T15:00:00Z'), 'plk_x & "y"');
  w.release.payment(w.refs[1]!, 850_50, 34_02, at('2026-03-11T15:00:00Z'));
  const payout = w.release.payout(at('2026-03-12T14:00:00Z'));
  const { post, get } = apiCalls(() => w.t);
  const r = await post('/v1/reconciliation/mercadopago/release-reports', { begin_date: '2026-03-01T00:00:00Z', end_date: '2026-03-15T00:00:00Z' }, w.t.keys.collector);
  assert.equal(r.statusCode, 201, r.body);
  const report = r.json() as ReleaseReport;
  assert.equal(report.state, 'stored', report.error ?? '');
  const b = await get<Breakdown>(`/v1/reconciliation/reported-payouts/mercadopago:${payout.sourceId}`);
  const pid = (id: string | null) => (id === null ? null : w.ids.indexOf(id));
  return {
    report: [report.payouts, report.transactions, report.covered_to, report.file_name?.replace(/^.*\./, '')],
    payout: [b.amount, b.currency, b.arrival_date],
    fetch: b.breakdown.fetch,
    check: { ...b.breakdown.check, payments: b.breakdown.check.payments.map((p) => [pid(p.payment_id), p.gross, p.fees, p.net]) },
    transactions: b.breakdown.transactions.map((x) => [x.type, x.amount, x.fee, x.net, pid(x.payment_id), x.description]),
  };
}

let csvWorld: World;
let xlsxWorld: World;
before(async () => { csvWorld = await world('csv'); xlsxWorld = await world('xlsx'); });
after(async () => { await csvWorld?.close(); await xlsxWorld?.close(); });

describe('the release report as an .xlsx workbook', () => {
  it('stores the same payout with the same breakdown as the CSV of the same movements', async () => {
    const fromCsv = await readPayout(csvWorld) as { report: unknown[]; check: { result: string } };
    const fromXlsx = await readPayout(xlsxWorld) as { report: unknown[] };
    assert.deepEqual(fromCsv.report.slice(0, 2), [1, 3]);
    assert.equal(fromCsv.check.result, 'balanced');
    assert.equal(fromCsv.report[3], 'csv');
    assert.equal(fromXlsx.report[3], 'xlsx');
    assert.deepEqual({ ...fromXlsx, report: fromXlsx.report.slice(0, 3) }, { ...fromCsv, report: fromCsv.report.slice(0, 3) });
  });

  it('fails a zip bomb, a DOCTYPE, a ZIP that is no workbook and a broken cell, storing nothing, then reads the right workbook', async () => {
    const w = xlsxWorld;
    const { post } = apiCalls(() => w.t);
    const payouts = async () => (await w.t.db.query<{ payout_id: string }>(`SELECT payout_id FROM gateway_payouts WHERE org_id = $1 AND gateway = 'mercadopago' ORDER BY payout_id`,
      [w.t.org])).map((r) => r.payout_id);
    const transactions = async () => (await w.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM gateway_payout_transactions WHERE org_id = $1', [w.t.org]))[0]!.n;
    w.release.payment(w.refs[2]!, 100_00, 4_00, at('2026-03-13T15:00:00Z'));
    const second = w.release.payout(at('2026-03-14T14:00:00Z'));
    const kept = await payouts();
    const keptLines = await transactions();
    const rows = readCsv(w.release.csv(at('2026-03-12T18:00:01Z'), at('2026-03-15T00:00:00Z')), ',').map((r) => r.cells);
    const cases: [Buffer, RegExp][] = [
      [zipBomb(60 * 1024 * 1024), /the workbook could not be read: the archive would inflate past 52428800 bytes/],
      [workbookOf(rows, { sheetPrefix: '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>' }), /a DOCTYPE or entity declaration is refused/],
      [zipOf([{ name: 'mimetype', data: 'application/epub+zip', stored: true }]), /not an \.xlsx workbook: the archive has no xl\/workbook\.xml/],
      [workbookOf(rows, { rawCells: { F3: '<c r="F3"><v>1O0</v></c>' } }), /row 3, column F: "1O0" is not a number/],
    ];
    for (const [file, message] of cases) {
      w.release.fileOverride = file;
      const r = await post('/v1/reconciliation/mercadopago/release-reports', { begin_date: '2026-03-12T18:00:01Z', end_date: '2026-03-15T00:00:00Z' }, w.t.keys.collector);
      assert.equal(r.statusCode, 201, r.body);
      const report = r.json() as ReleaseReport;
      assert.equal(report.state, 'failed', String(message));
      assert.match(report.error ?? '', /could not be read, nothing of it was stored: the workbook could not be read: /);
      assert.match(report.error ?? '', message);
      assert.deepEqual([await payouts(), await transactions()], [kept, keptLines], 'nothing stored');
    }
    w.release.fileOverride = null;
    const r = await post('/v1/reconciliation/mercadopago/release-reports', { begin_date: '2026-03-12T18:00:01Z', end_date: '2026-03-15T00:00:00Z' }, w.t.keys.collector);
    assert.deepEqual([(r.json() as ReleaseReport).state, (r.json() as ReleaseReport).payouts], ['stored', 1]);
    assert.deepEqual(await payouts(), [...kept, second.sourceId].sort());
  });

  it('reads date cells held as serials at the config\'s display_timezone, from the sheet after a cover page', async () => {
    const w = xlsxWorld;
    const { post } = apiCalls(() => w.t);
    w.release.payment(w.refs[2]!, 30_00, 1_00, at('2026-03-14T16:00:00Z'));
    const payout = w.release.payout(at('2026-03-14T20:00:00Z'));
    w.release.config = { ...w.release.config!, display_timezone: 'GMT-03' };
    const rows = readCsv(w.release.csv(at('2026-03-14T14:00:01Z'), at('2026-03-15T00:00:00Z')), ',').map((r) => r.cells);
    // each DATE as a serial of its wall-clock time at GMT-03, with no offset, as a spreadsheet keeps a date
    const rawCells = Object.fromEntries(rows.slice(1).map((r, i) => [`A${i + 2}`, `<c r="A${i + 2}" s="1"><v>${serialAt(new Date(r[0]!), -3)}</v></c>`]));
    w.release.fileOverride = workbookOf(rows, { styles: DATETIME_STYLES, rawCells, sheetsBefore: [{ name: 'Resumen', rows: [['Reporte de liberaciones']] }] });
    try {
      const r = await post('/v1/reconciliation/mercadopago/release-reports', { begin_date: '2026-03-14T14:00:01Z', end_date: '2026-03-15T00:00:00Z' }, w.t.keys.collector);
      assert.equal(r.statusCode, 201, r.body);
      const report = r.json() as ReleaseReport;
      assert.deepEqual([report.state, report.payouts, report.covered_to], ['stored', 1, '2026-03-14T20:00:00.000Z'], report.error ?? '');
      const [stored] = await w.t.db.query<{ amount: number; arrival_date: string }>(`SELECT amount::int AS amount, to_char(arrival_date, 'YYYY-MM-DD') AS arrival_date
        FROM gateway_payouts WHERE org_id = $1 AND gateway = 'mercadopago' AND payout_id = $2`, [w.t.org, payout.sourceId]);
      assert.deepEqual(stored, { amount: payout.net * -1, arrival_date: '2026-03-14' });
    } finally { w.release.fileOverride = null; }
  });
});
