// Mercado Pago payouts from its release report (R-6). Asking for a report for a period (on demand, or by the worker every
// REPORT_EVERY_MS for an org with Mercado Pago connected, from just after the last payout already read) records it as
// requested; each check then lists the account's reports and, once its file is generated, downloads and reads it whole:
// every payout with what it carried is stored at once, or nothing is (a malformed row fails the report naming the row and
// the column). A report still being generated, or a failed try, is looked at again later (one minute, doubling to six
// hours, twelve times). Stored payouts settle their bank lines as payouts checked in detail, as Stripe's do.
import type { Db, Queryable } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { newId } from '../domain/ids.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { getCredentials, vaultKey } from '../vault/index.ts';
import type { GatewayAccess } from './gateways/index.ts';
import { releaseClient, releaseDate, type ReleaseClient, type ReleaseListing } from './gateways/mercadopago-release.ts';
import { MP_COUNTRY_CURRENCY } from './gateways/mercadopago-release-csv.ts';
import { parseReleaseFile } from './gateways/mercadopago-release-xlsx.ts';
import { isZip } from '../xlsx/zip-read.ts';
import { settleReleaseLines, storeReleasePayouts } from './mp-release-store.ts';
import { MAX_ATTEMPTS, retryDelayMs } from './webhooks.ts';

export type ReleaseTrigger = 'worker' | 'api' | 'cli';
export type ReleaseState = 'requested' | 'stored' | 'failed';

export interface ReleaseReport {
  id: string; begin_at: string; end_at: string; mp_report_id: string | null; file_name: string | null; state: ReleaseState;
  attempts: number; error: string | null; next_at: string | null; trigger: ReleaseTrigger; payouts: number; transactions: number;
  covered_to: string | null; created_at: string; updated_at: string;
}

/** What the worker, the API and the CLI pass: the vault and egress access, and (tests) a faster wait between tries. */
export type ReleaseAccess = GatewayAccess & { db: Db; sleep?: (ms: number) => Promise<void> };

const DAY_MS = 86_400_000;
/** The worker asks for a new report this long after the last one it asked for. */
export const REPORT_EVERY_MS = 6 * 3_600_000;
/** Mercado Pago generates reports of up to 60 days; the first report reaches back 30. */
const MAX_SPAN_MS = 59 * DAY_MS;
const FIRST_SPAN_MS = 30 * DAY_MS;
const WAITING = new Set(['pending', 'processing', 'in_progress', 'waiting', 'generating', 'enqueued']);

const SELECT = `SELECT id, begin_at::text AS begin_at, end_at::text AS end_at, mp_report_id, file_name, state, attempts, error, next_at::text AS next_at,
  trigger, payouts, transactions, covered_to::text AS covered_to, created_at::text AS created_at, updated_at::text AS updated_at FROM mp_release_reports`;
const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
const fromRow = (r: ReleaseReport): ReleaseReport => ({ ...r, begin_at: iso(r.begin_at)!, end_at: iso(r.end_at)!, next_at: iso(r.next_at),
  covered_to: iso(r.covered_to), created_at: iso(r.created_at)!, updated_at: iso(r.updated_at)! });

export async function getReleaseReport(q: Queryable, orgId: string, id: string): Promise<ReleaseReport | null> {
  const [r] = await q.query<ReleaseReport>(`${SELECT} WHERE org_id = $1 AND id = $2`, [orgId, id]);
  return r ? fromRow(r) : null;
}

/** The org's reports, newest first. */
export async function listReleaseReports(q: Queryable, orgId: string, limit = 50): Promise<ReleaseReport[]> {
  return (await q.query<ReleaseReport>(`${SELECT} WHERE org_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [orgId, limit])).map(fromRow);
}

interface Connection { client: ReleaseClient; currency: string | null }

async function connection(a: ReleaseAccess, orgId: string): Promise<Result<Connection>> {
  const c = await getCredentials(a.db, await vaultKey(a.db, a.secretKey), orgId, 'mercadopago');
  if (!c.ok) return c;
  if (!c.value) return fail('INVALID_STATE', 'Mercado Pago is not connected for this org (PUT /v1/providers/mercadopago)', 'provider');
  const base = c.value.settings.api_base;
  const client = releaseClient({ accessToken: c.value.secrets.access_token, ...(base ? { apiBase: base, ...(a.egress ? { egress: a.egress } : {}) } : {}),
    ...(a.sleep ? { sleep: a.sleep } : {}) });
  const country = c.value.settings.country?.toUpperCase();
  return ok({ client, currency: country ? MP_COUNTRY_CURRENCY[country] ?? null : null });
}

async function update(q: Queryable, orgId: string, id: string, set: Partial<Omit<ReleaseReport, 'id' | 'created_at'>>, now: Date): Promise<void> {
  const keys = Object.keys(set) as (keyof typeof set)[];
  await q.query(`UPDATE mp_release_reports SET ${keys.map((k, i) => `${k} = $${i + 3}`).join(', ')}, updated_at = $${keys.length + 3}
    WHERE org_id = $1 AND id = $2`, [orgId, id, ...keys.map((k) => set[k]), now]);
}

/** A failed try or a report still being generated: looked at again later, until MAX_ATTEMPTS. */
async function later(q: Queryable, orgId: string, r: ReleaseReport, message: string, failed: boolean, now: Date): Promise<void> {
  const attempts = r.attempts + 1;
  const next = attempts >= MAX_ATTEMPTS ? null : new Date(now.getTime() + retryDelayMs(attempts));
  const giveUp = next === null ? `; given up after ${attempts} tries` : '';
  await update(q, orgId, r.id, { state: failed || next === null ? 'failed' : 'requested', attempts, error: `${message}${giveUp}`.slice(0, 2000),
    next_at: next?.toISOString() ?? null }, now);
}

const sameInstant = (a: string | null, b: string) => a !== null && Date.parse(a) === Date.parse(b);

/** The listing of this report: by Mercado Pago's id, or by its period. */
function listingOf(r: ReleaseReport, all: ReleaseListing[]): ReleaseListing | null {
  return all.find((l) => r.mp_report_id !== null && l.id === r.mp_report_id)
    ?? all.find((l) => sameInstant(l.beginDate, r.begin_at) && sameInstant(l.endDate, r.end_at)) ?? null;
}

/**
 * Asks Mercado Pago for a report of the period (after making sure the account's report config has cobro's columns) and
 * checks it at once; a failure to ask is recorded on the report and tried again by the worker.
 */
export async function requestReleaseReport(a: ReleaseAccess, orgId: string, period: { begin: Date; end: Date }, now: Date, trigger: ReleaseTrigger): Promise<Result<ReleaseReport>> {
  if (!(period.begin < period.end)) return fail('VALIDATION_FAILED', 'end_date: must come after begin_date', 'end_date');
  if (period.end.getTime() - period.begin.getTime() > MAX_SPAN_MS + DAY_MS) return fail('VALIDATION_FAILED', 'end_date: Mercado Pago reports cover at most 60 days', 'end_date');
  if (period.end > now) return fail('VALIDATION_FAILED', 'end_date: must not be in the future', 'end_date');
  const conn = await connection(a, orgId);
  if (!conn.ok) return conn;
  const id = newId('gatewayCheck', now.getTime()).replace(/^[a-z]+_/, 'mpr_');
  await a.db.query(`INSERT INTO mp_release_reports (org_id, id, begin_at, end_at, state, trigger, next_at, created_at, updated_at)
    VALUES ($1, $2, $3, $4, 'requested', $5, $6, $6, $6)`, [orgId, id, period.begin, period.end, trigger, now]);
  await recordAudit(a.db, { orgId, actor: `mp-release:${trigger}`, action: 'mercadopago.release_report.requested', entity: 'mp_release_report', entityId: id,
    data: { begin: period.begin.toISOString(), end: period.end.toISOString() } }, now);
  return checkReleaseReport(a, orgId, id, now, conn.value);
}

/**
 * Looks at a report now: asks Mercado Pago for it if that has not worked yet, then, once its file is generated, reads it
 * and stores every payout in it (all or nothing). NOT_FOUND for a report the org does not have.
 */
export async function checkReleaseReport(a: ReleaseAccess, orgId: string, id: string, now: Date, open?: Connection): Promise<Result<ReleaseReport>> {
  const r = await getReleaseReport(a.db, orgId, id);
  if (!r) return fail('NOT_FOUND', `no Mercado Pago release report ${id}`, 'id');
  if (r.state === 'stored') return ok(r);
  const conn = open ? ok(open) : await connection(a, orgId);
  if (!conn.ok) { await later(a.db, orgId, r, conn.error.message, true, now); return ok((await getReleaseReport(a.db, orgId, id))!); }
  await advance(a, orgId, r, conn.value, now);
  return ok((await getReleaseReport(a.db, orgId, id))!);
}

async function advance(a: ReleaseAccess, orgId: string, r: ReleaseReport, conn: Connection, now: Date): Promise<void> {
  const { client } = conn;
  if (r.mp_report_id === null && r.file_name === null) {
    const cfg = await client.ensureConfig();
    if (!cfg.ok) return later(a.db, orgId, r, `the report config could not be read or set: ${cfg.error.message}`, true, now);
    const made = await client.create(new Date(r.begin_at), new Date(r.end_at));
    if (!made.ok) return later(a.db, orgId, r, `the report could not be created: ${made.error.message}`, true, now);
    r = { ...r, mp_report_id: made.value.id ?? '' };
    await update(a.db, orgId, r.id, { mp_report_id: r.mp_report_id }, now);
  }
  let fileName = r.file_name;
  if (fileName === null) {
    const all = await client.list();
    if (!all.ok) return later(a.db, orgId, r, `the reports could not be listed: ${all.error.message}`, true, now);
    const found = listingOf(r, all.value);
    const status = found?.status?.toLowerCase() ?? null;
    if (status && /error|fail/.test(status)) return later(a.db, orgId, r, `Mercado Pago could not generate the report (${found!.status})`, true, now);
    if (!found?.fileName || (status !== null && WAITING.has(status))) {
      return later(a.db, orgId, r, `Mercado Pago is still generating the report${status ? ` (${status})` : ''}`, false, now);
    }
    fileName = found.fileName;
    await update(a.db, orgId, r.id, { file_name: fileName }, now);
  }
  const file = await client.download(fileName);
  if (!file.ok) return later(a.db, orgId, r, `the report ${fileName} could not be downloaded: ${file.error.message}`, true, now);
  // a workbook's date cells carry no offset: they are read at the zone the account's report config shows dates in
  const zone = isZip(file.value) ? await client.displayZone() : ok(null);
  if (!zone.ok) return later(a.db, orgId, r, `the report config could not be read for its display_timezone: ${zone.error.message}`, true, now);
  const parsed = parseReleaseFile(file.value, conn.currency, zone.value);
  if (!parsed.ok) return later(a.db, orgId, r, `the report ${fileName} could not be read, nothing of it was stored: ${parsed.message}`, true, now);
  const { payouts, rows } = parsed.value;
  const stored = await a.db.transaction(async (tx) => {
    const s = await storeReleasePayouts(tx, orgId, payouts, now);
    const last = payouts[payouts.length - 1];
    await update(tx, orgId, r.id, { state: 'stored', file_name: fileName, error: null, next_at: null, payouts: s.stored.length,
      transactions: payouts.filter((p) => s.stored.includes(p.payoutId)).reduce((n, p) => n + p.transactions.length, 0), covered_to: last?.at ?? null }, now);
    await recordAudit(tx, { orgId, actor: `mp-release:${r.trigger}`, action: 'mercadopago.release_report.stored', entity: 'mp_release_report', entityId: r.id,
      data: { file_name: fileName, rows, payouts: s.stored, kept: s.kept } }, now);
    return s.stored;
  });
  await settleReleaseLines(a.db, orgId, stored, `mp-release:${r.trigger}`, now);
}

/** The worker's next period: from just after the last payout read (or where the last report began), to now; 60 days at most. */
async function nextPeriod(q: Queryable, orgId: string, now: Date): Promise<{ begin: Date; end: Date }> {
  const [last] = await q.query<{ covered: string | null; began: string | null }>(`SELECT max(covered_to)::text AS covered,
      max(begin_at) FILTER (WHERE covered_to IS NULL)::text AS began FROM mp_release_reports WHERE org_id = $1 AND state = 'stored'`, [orgId]);
  const end = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const from = last?.covered ? Date.parse(last.covered) + 1000 : last?.began ? Date.parse(last.began) : end.getTime() - FIRST_SPAN_MS;
  return { begin: new Date(Math.max(from, end.getTime() - MAX_SPAN_MS)), end };
}

export interface ReleaseRound { checked: number; requested: string | null; stored: number; failed: number; settled: number }

/**
 * The worker's part for one org with Mercado Pago connected: reports whose turn has come are looked at again, a new one
 * is asked for when the last is REPORT_EVERY_MS old, and payouts of the last 30 days still without a bank line are tried
 * against lines imported since. Null (one query) for an org without Mercado Pago.
 */
export async function mpReleaseRound(a: ReleaseAccess, orgId: string, now: Date): Promise<ReleaseRound | null> {
  const [mp] = await a.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM provider_credentials WHERE org_id = $1 AND provider = 'mercadopago'`, [orgId]);
  if (!mp?.n) return null;
  const round: ReleaseRound = { checked: 0, requested: null, stored: 0, failed: 0, settled: 0 };
  const due = await a.db.query<{ id: string }>(`SELECT id FROM mp_release_reports WHERE org_id = $1 AND state <> 'stored' AND next_at IS NOT NULL AND next_at <= $2
    ORDER BY next_at, id LIMIT 5`, [orgId, now]);
  for (const d of due) {
    round.checked++;
    const r = await checkReleaseReport(a, orgId, d.id, now);
    if (r.ok && r.value.state === 'stored') round.stored++;
    else if (r.ok && r.value.state === 'failed') round.failed++;
  }
  const [open] = await a.db.query<{ n: number; last: string | null }>(`SELECT count(*) FILTER (WHERE state <> 'stored' AND next_at IS NOT NULL)::int AS n,
    max(created_at)::text AS last FROM mp_release_reports WHERE org_id = $1`, [orgId]);
  if (!open?.n && (!open?.last || now.getTime() - Date.parse(open.last) >= REPORT_EVERY_MS)) {
    const r = await requestReleaseReport(a, orgId, await nextPeriod(a.db, orgId, now), now, 'worker');
    if (r.ok) {
      round.requested = r.value.id;
      if (r.value.state === 'stored') round.stored++;
      else if (r.value.state === 'failed') round.failed++;
    }
  }
  const untied = await a.db.query<{ payout_id: string }>(`SELECT g.payout_id FROM gateway_payouts g WHERE g.org_id = $1 AND g.gateway = 'mercadopago'
      AND g.status = 'paid' AND g.arrival_date >= $2::date - 30
      AND NOT EXISTS (SELECT 1 FROM statement_line_payouts x WHERE x.org_id = g.org_id AND x.gateway = g.gateway AND x.payout_id = g.payout_id AND x.status = 'payout')`,
  [orgId, releaseDate(now).slice(0, 10)]);
  round.settled = await settleReleaseLines(a.db, orgId, untied.map((u) => u.payout_id), 'mp-release:worker', now);
  return round;
}

/** The API's and CLI's default period when none is given: as the worker's next report. */
export const defaultReleasePeriod = nextPeriod;
