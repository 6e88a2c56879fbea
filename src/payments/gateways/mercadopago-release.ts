// Mercado Pago's release report ("reporte de liberaciones", R-6): Mercado Pago sends no notification per payout, so its
// payouts and what each carried are read from this report. The API (mercadopago.com/developers, Releases report):
//   GET/POST/PUT /v1/account/release_report/config  the report's columns (kept or set once per account)
//   POST /v1/account/release_report                  {begin_date, end_date} (UTC, ...Z): a report generated asynchronously
//   GET  /v1/account/release_report/list             the account's reports, each with its file_name once generated
//   GET  /v1/account/release_report/{file_name}      the CSV
// Every call carries the org's access token, goes through the operator's egress guard when the org set an api_base, and
// is tried again with backoff when no answer came or Mercado Pago answered 429 or 5xx.
import { request, type EgressPolicy } from '../../channels/index.ts';
import { apiUrl, callGateway, field, type HttpAnswer } from './http.ts';
import { MERCADOPAGO_API } from './mercadopago.ts';
import type { GatewayError, GatewayResult } from './types.ts';

/** The columns cobro reads (the glossary's keys); a config lacking any is extended with them. */
export const RELEASE_COLUMNS = ['DATE', 'SOURCE_ID', 'EXTERNAL_REFERENCE', 'RECORD_TYPE', 'DESCRIPTION', 'NET_CREDIT_AMOUNT', 'NET_DEBIT_AMOUNT',
  'GROSS_AMOUNT', 'MP_FEE_AMOUNT', 'FINANCING_FEE_AMOUNT', 'SHIPPING_FEE_AMOUNT', 'TAXES_AMOUNT', 'COUPON_AMOUNT', 'PAYOUT_BANK_ACCOUNT_NUMBER',
  'CURRENCY'] as const;

export interface ReleaseClientConfig {
  accessToken: string; apiBase?: string; egress?: EgressPolicy;
  /** Waits between tries (tests pass a fast one); and how many tries a call gets. */
  sleep?: (ms: number) => Promise<void>; tries?: number;
}

/** A report as the list gives it: `file_name` once generated; `status` as Mercado Pago names it, when it does. */
export interface ReleaseListing { id: string | null; fileName: string | null; status: string | null; beginDate: string | null; endDate: string | null }

export interface ReleaseClient {
  /** Makes sure the account's report config includes cobro's columns and the payouts (include_withdraw). */
  ensureConfig(): Promise<GatewayResult<'kept' | 'created' | 'updated'>>;
  /** The config's display_timezone, the zone the report's dates are written in (null: no config or none set). */
  displayZone(): Promise<GatewayResult<string | null>>;
  create(begin: Date, end: Date): Promise<GatewayResult<{ id: string | null }>>;
  list(): Promise<GatewayResult<ReleaseListing[]>>;
  /** The report's file as Mercado Pago sends it: CSV text, or an .xlsx workbook. */
  download(fileName: string): Promise<GatewayResult<Buffer>>;
}

const BACKOFF_MS = [500, 2_000, 5_000];
const realSleep = (ms: number) => new Promise<void>((r) => { setTimeout(r, ms); });

/** "2026-03-01T00:00:00Z": the UTC form the create endpoint documents. */
export const releaseDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function mpError(status: number, body: unknown): GatewayError {
  const code = field(body, 'error', 'string');
  return { kind: 'rejected', status, message: `Mercado Pago answered ${status}: ${field(body, 'message', 'string') ?? code ?? 'no message'}`, ...(code ? { code } : {}) };
}

const retryable = (a: HttpAnswer) => (!a.ok ? a.error.kind === 'uncertain' : a.status === 429 || a.status >= 500);

const idOf = (o: unknown): string | null => {
  const v = field(o, 'id', 'number') ?? field(o, 'id', 'string');
  return v === undefined ? null : String(v);
};

export function releaseListing(o: unknown): ReleaseListing {
  const s = (k: string) => field(o, k, 'string') ?? null;
  return { id: idOf(o), fileName: s('file_name') || null, status: s('status'), beginDate: s('begin_date'), endDate: s('end_date') };
}

export function releaseClient(config: ReleaseClientConfig): ReleaseClient {
  const base = config.apiBase ?? MERCADOPAGO_API;
  const auth = { authorization: `Bearer ${config.accessToken}` };
  const sleep = config.sleep ?? realSleep;
  const tries = config.tries ?? BACKOFF_MS.length + 1;
  const egress = config.egress ? { egress: config.egress } : {};

  async function withRetry(call: () => Promise<HttpAnswer>): Promise<HttpAnswer> {
    let last = await call();
    for (let i = 1; i < tries && retryable(last); i++) {
      await sleep(BACKOFF_MS[Math.min(i - 1, BACKOFF_MS.length - 1)]!);
      last = await call();
    }
    return last;
  }
  const json = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => withRetry(() => (method === 'PUT'
    ? put(path, body) : callGateway({ ...egress, url: apiUrl(base, path), method, headers: { ...auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })));
  // the channels' client sends GET and POST; the config update is a PUT, sent the same way with its method overridden
  async function put(path: string, body: unknown): Promise<HttpAnswer> {
    const r = await request({ ...egress, url: apiUrl(base, path), method: 'PUT' as 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body), timeoutMs: 10_000 });
    if (!r.ok) return { ok: false, error: { kind: r.reason === 'refused' ? 'rejected' : 'uncertain', message: r.message } };
    let parsed: unknown = null;
    try { parsed = r.response.body ? JSON.parse(r.response.body) : null; } catch { parsed = null; }
    return { ok: true, status: r.response.status, body: parsed };
  }

  return {
    async ensureConfig() {
      const got = await json('GET', '/v1/account/release_report/config');
      if (!got.ok) return got;
      if (got.status === 404) {
        const r = await json('POST', '/v1/account/release_report/config', { columns: RELEASE_COLUMNS.map((key) => ({ key })), file_name_prefix: 'cobro-release',
          frequency: { hour: 0, type: 'daily', value: 1 }, include_withdraw: true });
        if (!r.ok) return r;
        return r.status === 200 || r.status === 201 ? { ok: true, value: 'created' } : { ok: false, error: mpError(r.status, r.body) };
      }
      if (got.status !== 200) return { ok: false, error: mpError(got.status, got.body) };
      const cols = field(got.body, 'columns', 'object');
      const have = new Set(Array.isArray(cols) ? (cols as unknown[]).map((c) => field(c, 'key', 'string')).filter(Boolean) : []);
      const missing = RELEASE_COLUMNS.filter((c) => !have.has(c));
      if (!missing.length && field(got.body, 'include_withdraw', 'boolean') !== false) return { ok: true, value: 'kept' };
      const body = { ...(got.body as Record<string, unknown>), columns: [...(Array.isArray(cols) ? cols as unknown[] : []), ...missing.map((key) => ({ key }))],
        include_withdraw: true };
      const r = await json('PUT', '/v1/account/release_report/config', body);
      if (!r.ok) return r;
      return r.status === 200 ? { ok: true, value: 'updated' } : { ok: false, error: mpError(r.status, r.body) };
    },
    async displayZone() {
      const got = await json('GET', '/v1/account/release_report/config');
      if (!got.ok) return got;
      if (got.status === 404) return { ok: true, value: null };
      if (got.status !== 200) return { ok: false, error: mpError(got.status, got.body) };
      return { ok: true, value: field(got.body, 'display_timezone', 'string') || null };
    },
    async create(begin, end) {
      const r = await json('POST', '/v1/account/release_report', { begin_date: releaseDate(begin), end_date: releaseDate(end) });
      if (!r.ok) return r;
      if (r.status !== 200 && r.status !== 201 && r.status !== 202) return { ok: false, error: mpError(r.status, r.body) };
      return { ok: true, value: { id: idOf(r.body) } };
    },
    async list() {
      const r = await json('GET', '/v1/account/release_report/list');
      if (!r.ok) return r;
      if (r.status !== 200) return { ok: false, error: mpError(r.status, r.body) };
      const rows = Array.isArray(r.body) ? r.body as unknown[] : field(r.body, 'results', 'object');
      if (!Array.isArray(rows)) return { ok: false, error: { kind: 'rejected', message: 'Mercado Pago answered a report list that is not a list' } };
      return { ok: true, value: (rows as unknown[]).map(releaseListing) };
    },
    async download(fileName) {
      const url = apiUrl(base, `/v1/account/release_report/${encodeURIComponent(fileName)}`);
      let answer: { ok: true; status: number; body: string; bytes: Buffer } | { ok: false; error: GatewayError } = { ok: false, error: { kind: 'uncertain', message: 'not tried' } };
      for (let i = 0; i < tries; i++) {
        if (i) await sleep(BACKOFF_MS[Math.min(i - 1, BACKOFF_MS.length - 1)]!);
        const r = await request({ ...egress, url, method: 'GET', headers: auth, timeoutMs: 60_000, binary: true });
        answer = r.ok ? { ok: true, status: r.response.status, body: r.response.body, bytes: r.response.bytes ?? Buffer.from(r.response.body) }
          : { ok: false, error: { kind: r.reason === 'refused' ? 'rejected' : 'uncertain', message: r.reason === 'refused' ? r.message : `no answer from ${new URL(url).host}: ${r.message}` } };
        if (!retryable(answer.ok ? { ok: true, status: answer.status, body: null } : answer)) break;
      }
      if (!answer.ok) return answer;
      if (answer.status !== 200) {
        let body: unknown = null;
        try { body = JSON.parse(answer.body); } catch { body = null; }
        return { ok: false, error: mpError(answer.status, body) };
      }
      return { ok: true, value: answer.bytes };
    },
  };
}
