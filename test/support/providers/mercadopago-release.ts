// Mercado Pago's release report on a loopback server of its own (Bearer token checked, as the fake Mercado Pago beside it
// does; `connect` points the org's Mercado Pago credentials here once its payments are recorded): the config (GET 404 until POSTed, PUT),
// POST /v1/account/release_report with begin_date and end_date in UTC (...Z, begin before end, 60 days at most), the list
// (a report shows as pending, without a file, for `generatingPolls` listings, then processed with its file_name), and the
// file: a CSV of the documented columns, rows in date order (the balance before the period, the releases and payouts in
// it, a total), or the same rows as an .xlsx workbook (`format`). Movements are booked in minor units of MXN and written in
// major units. Faults: 500 answers, a CSV or file replaced.
import { randomInt } from 'node:crypto';
import type { Queryable } from '../../../src/db/index.ts';
import { putCredentials, vaultKey } from '../../../src/vault/index.ts';
import { json, serve, type Received, type Running } from './http.ts';
import type { MpObject } from './mercadopago.ts';
import { readCsv } from '../../../src/reconciliation/parsers/csv-read.ts';
import { workbookOf } from '../xlsx-writer.ts';

export interface Movement {
  at: Date; recordType: 'release'; description: string; sourceId: string; externalReference: string;
  gross: number; mpFee: number; net: number; bankAccount: string;
}

export interface ReleaseFake extends Running {
  /** Stores the org's Mercado Pago credentials with this server as api_base (the checkout and payments stay on the other fake). */
  connect(q: Queryable, orgId: string, secretKey?: string): Promise<void>;
  /** Requests refused for a missing or wrong Bearer token. */
  unauthorized: number;
  config: MpObject | null;
  configWrites: { method: string; body: MpObject }[];
  /** Every create request's body, and every listing and download asked for. */
  creates: MpObject[]; listings: number; downloads: string[];
  reports: Map<string, { id: number; begin_date: string; end_date: string; file_name: string; listed: number }>;
  movements: Movement[];
  /** Listings a new report shows still being generated before its file is ready. */
  generatingPolls: number;
  /** The next N release-report requests are answered 500. */
  failNext: number;
  /** A CSV served instead of the generated one (a malformed file). */
  csvOverride: string | null;
  /** The form new reports are generated in: CSV, or the same rows as an .xlsx workbook (file_name ending .xlsx). */
  format: 'csv' | 'xlsx';
  /** A file served instead of the generated one, as bytes (a hostile workbook). */
  fileOverride: Buffer | null;
  payment(paymentId: string, gross: number, fee: number, at: Date, externalReference?: string): Movement;
  reversal(kind: 'refund' | 'chargeback', paymentId: string, amount: number, at: Date): Movement;
  /** A payout of the balance available at `at` (less `short`), to the org's bank account; returns its id and amount. */
  payout(at: Date, short?: number): Movement;
  /** The CSV the report of a period holds. */
  csv(begin: Date, end: Date): string;
}

const COLUMNS = ['DATE', 'SOURCE_ID', 'EXTERNAL_REFERENCE', 'RECORD_TYPE', 'DESCRIPTION', 'NET_CREDIT_AMOUNT', 'NET_DEBIT_AMOUNT', 'GROSS_AMOUNT',
  'MP_FEE_AMOUNT', 'FINANCING_FEE_AMOUNT', 'SHIPPING_FEE_AMOUNT', 'TAXES_AMOUNT', 'COUPON_AMOUNT', 'PAYOUT_BANK_ACCOUNT_NUMBER', 'CURRENCY'];
const UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const major = (minor: number) => (minor / 100).toFixed(2);
/** DATE as the report writes it: in GMT-4, with its offset. */
const gmt4 = (d: Date) => `${new Date(d.getTime() - 4 * 3_600_000).toISOString().slice(0, 19)}.000-04:00`;

export async function fakeReleases(opts: { accessToken: string; webhookSecret: string }): Promise<ReleaseFake> {
  const route = (req: Received, res: Parameters<typeof json>[0]) => {
    if (req.headers.authorization !== `Bearer ${opts.accessToken}`) {
      release.unauthorized++;
      json(res, 401, { message: 'invalid access token', error: 'unauthorized', status: 401 });
      return;
    }
    if (!handle(req, new URL(req.path, 'http://mp.local'), res)) json(res, 404, { message: `no route ${req.method} ${req.path}`, error: 'not_found', status: 404 });
  };
  const running = await serve((req, res) => { route(req, res); });
  const release: ReleaseFake = {
    ...running, unauthorized: 0,
    async connect(q, orgId, secretKey) {
      const r = await putCredentials(q, await vaultKey(q, secretKey), orgId, 'test', 'mercadopago',
        { settings: { api_base: running.url }, secrets: { access_token: opts.accessToken, webhook_secret: opts.webhookSecret } }, new Date());
      if (!r.ok) throw new Error(r.error.message);
    },
    config: null, configWrites: [], creates: [], listings: 0, downloads: [], reports: new Map(), movements: [], generatingPolls: 1, failNext: 0, csvOverride: null, format: 'csv', fileOverride: null,
    payment(paymentId, gross, fee, at, externalReference = '') {
      const m: Movement = { at, recordType: 'release', description: 'payment', sourceId: paymentId, externalReference, gross, mpFee: -fee, net: gross - fee, bankAccount: '' };
      release.movements.push(m);
      return m;
    },
    reversal(kind, paymentId, amount, at) {
      const m: Movement = { at, recordType: 'release', description: kind, sourceId: paymentId, externalReference: '', gross: amount, mpFee: 0, net: -amount, bankAccount: '' };
      release.movements.push(m);
      return m;
    },
    payout(at, short = 0) {
      const balance = release.movements.filter((m) => m.at <= at).reduce((s, m) => s + m.net, 0);
      const m: Movement = { at, recordType: 'release', description: 'payout', sourceId: String(randomInt(10_000_000, 99_999_999)), externalReference: '',
        gross: balance - short, mpFee: 0, net: -(balance - short), bankAccount: '012180001234567897' };
      release.movements.push(m);
      return m;
    },
    csv(begin, end) {
      const sorted = [...release.movements].sort((a, b) => a.at.getTime() - b.at.getTime());
      const before = sorted.filter((m) => m.at < begin).reduce((s, m) => s + m.net, 0);
      const inside = sorted.filter((m) => m.at >= begin && m.at <= end);
      const cell = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      const line = (v: Record<string, string>) => COLUMNS.map((c) => cell(v[c] ?? '')).join(',');
      const rows = [COLUMNS.join(','),
        line({ DATE: gmt4(begin), RECORD_TYPE: 'initial_available_balance', DESCRIPTION: 'initial_available_balance', NET_CREDIT_AMOUNT: major(Math.max(before, 0)),
          NET_DEBIT_AMOUNT: major(Math.max(-before, 0)), CURRENCY: 'MXN' }),
        ...inside.map((m) => line({ DATE: gmt4(m.at), SOURCE_ID: m.sourceId, EXTERNAL_REFERENCE: m.externalReference, RECORD_TYPE: m.recordType, DESCRIPTION: m.description,
          NET_CREDIT_AMOUNT: major(Math.max(m.net, 0)), NET_DEBIT_AMOUNT: major(Math.max(-m.net, 0)), GROSS_AMOUNT: major(m.gross), MP_FEE_AMOUNT: major(m.mpFee),
          FINANCING_FEE_AMOUNT: '0.00', SHIPPING_FEE_AMOUNT: '0.00', TAXES_AMOUNT: '0.00', COUPON_AMOUNT: '0.00', PAYOUT_BANK_ACCOUNT_NUMBER: m.bankAccount, CURRENCY: 'MXN' })),
        line({ DATE: gmt4(end), RECORD_TYPE: 'total', DESCRIPTION: 'total', NET_CREDIT_AMOUNT: major(inside.reduce((s, m) => s + Math.max(m.net, 0), 0)),
          NET_DEBIT_AMOUNT: major(inside.reduce((s, m) => s + Math.max(-m.net, 0), 0)), CURRENCY: 'MXN' })];
      return `${rows.join('\r\n')}\r\n`;
    },
  };
  let nextId = 2_541_818;

  function handle(req: Received, url: URL, res: Parameters<typeof json>[0]): boolean {
    const path = url.pathname;
    if (!path.startsWith('/v1/account/release_report')) return false;
    if (release.failNext > 0) { release.failNext--; json(res, 500, { message: 'internal_error', error: 'internal_error', status: 500 }); return true; }
    const bad = (error: string, message: string) => { json(res, 400, { message, error, status: 400 }); return true; };
    const body = (): MpObject | null => {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return null;
      try { return JSON.parse(req.body.toString('utf8')) as MpObject; } catch { return null; }
    };
    if (path === '/v1/account/release_report/config') {
      if (req.method === 'GET') { if (release.config) json(res, 200, release.config); else json(res, 404, { message: 'config not found', error: 'not_found', status: 404 }); return true; }
      const b = body();
      if (!b) return bad('bad_request', 'a JSON body is required');
      if (!Array.isArray(b.columns) || !(b.columns as unknown[]).every((c) => typeof (c as MpObject).key === 'string')) return bad('invalid_columns', 'columns must be [{"key": ...}]');
      if (typeof b.file_name_prefix !== 'string' || !b.file_name_prefix) return bad('invalid_file_name_prefix', 'file_name_prefix is required');
      if (!b.frequency || typeof b.frequency !== 'object') return bad('invalid_frequency', 'frequency is required');
      if (req.method === 'POST' && release.config) return bad('config_already_exists', 'the config exists: update it with PUT');
      if (req.method === 'PUT' && !release.config) { json(res, 404, { message: 'config not found', error: 'not_found', status: 404 }); return true; }
      release.config = b;
      release.configWrites.push({ method: req.method, body: b });
      json(res, req.method === 'POST' ? 201 : 200, b);
      return true;
    }
    if (path === '/v1/account/release_report' && req.method === 'POST') {
      const b = body();
      if (!b) return bad('bad_request', 'a JSON body is required');
      if (typeof b.begin_date !== 'string' || !UTC.test(b.begin_date)) return bad('invalid_begin_date', "You must specify 'begin_date' parameter.");
      if (typeof b.end_date !== 'string' || !UTC.test(b.end_date)) return bad('invalid_end_date', "You must specify 'end_date' parameter.");
      if (Date.parse(b.end_date) <= Date.parse(b.begin_date)) return bad('end_date_before_begin_date', 'Begin date should be before end date.');
      if (Date.parse(b.end_date) - Date.parse(b.begin_date) > 60 * 86_400_000) return bad('invalid_range', 'Reports cover at most 60 days.');
      release.creates.push(b);
      const id = nextId++;
      const prefix = typeof release.config?.file_name_prefix === 'string' ? release.config.file_name_prefix : 'release-report';
      release.reports.set(String(id), { id, begin_date: b.begin_date, end_date: b.end_date, file_name: `${prefix}-${id}.${release.format}`, listed: 0 });
      json(res, 202, { id, account_id: 1_234_567, begin_date: b.begin_date, end_date: b.end_date, created_from: 'manual' });
      return true;
    }
    if (path === '/v1/account/release_report/list' && req.method === 'GET') {
      release.listings++;
      json(res, 200, [...release.reports.values()].map((r) => {
        const ready = r.listed++ >= release.generatingPolls;
        return { id: r.id, account_id: 1_234_567, begin_date: r.begin_date, end_date: r.end_date, created_from: 'manual', report_type: 'release',
          status: ready ? 'processed' : 'pending', file_name: ready ? r.file_name : null };
      }));
      return true;
    }
    const file = /^\/v1\/account\/release_report\/([^/]+)$/.exec(path);
    if (file && req.method === 'GET') {
      const name = decodeURIComponent(file[1]!);
      release.downloads.push(name);
      const r = [...release.reports.values()].find((x) => x.file_name === name && x.listed > release.generatingPolls);
      if (!r) { json(res, 404, { message: `Resource /account/release_report/${name}/ not found.`, error: 'not_found', status: 404 }); return true; }
      const text = release.csvOverride ?? release.csv(new Date(r.begin_date), new Date(r.end_date));
      const xlsx = r.file_name.endsWith('.xlsx');
      res.writeHead(200, { 'content-type': xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' });
      res.end(release.fileOverride ?? (xlsx ? workbookOf(readCsv(text, ',').map((row) => row.cells)) : text));
      return true;
    }
    return false;
  }
  return release;
}
