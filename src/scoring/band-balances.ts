// Today's open balances by the risk band of the latest score run, with that run's expected recovery on them and how many
// customers moved band since the run before (both runs' bands kept in score_run_bands, migration 099).
import type { Queryable } from '../db/index.ts';
import { latestRun, type ScoreRun } from './store.ts';

export type BandName = 'high' | 'medium' | 'low' | 'unscored';

export interface BandCurrencyRow {
  band: BandName; currency: string; customers: number; amount: number;
  /** The part of `amount` on invoices the latest run scored. */
  scored: number;
  /** The run's expected recovery over balance, applied to today's balance of each invoice it scored; null: none scored. */
  expected_recovery: number | null;
}

export interface BandCustomerRow { band: BandName; customers: number; up: number; down: number; same: number; new: number }

export interface BandBalances {
  run: ScoreRun | null;
  /** The finished run before `run` whose bands are kept; null when there is none (the first run, or runs older than migration 099). */
  previous: { id: string; as_of: string } | null;
  byCurrency: BandCurrencyRow[];
  byBand: BandCustomerRow[];
}

export async function previousRun(q: Queryable, org: string, latest: ScoreRun): Promise<{ id: string; as_of: string } | null> {
  const [r] = await q.query<{ id: string; as_of: string }>(
    `SELECT r.id, r.as_of::text AS as_of FROM score_runs r
     WHERE r.org_id = $1 AND r.status = 'done' AND r.id <> $2 AND (r.started_at, r.id) < ($3::timestamptz, $2)
       AND EXISTS (SELECT 1 FROM score_run_bands b WHERE b.run_id = r.id AND b.org_id = $1)
     ORDER BY r.started_at DESC, r.id DESC LIMIT 1`, [org, latest.id, latest.started_at]);
  return r ?? null;
}

// a band as a rank, to tell up from down
const RANK = (b: string) => `CASE ${b} WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 END`;

/**
 * Open invoices at the end of `today` (issued by then, balance above zero, not cancelled, as the aging of the day counts
 * them; `currency` keeps one) of each customer, put in the customer's band of
 * the latest run ('unscored' without one); per band and currency, and per band with the customers' moves. One statement
 * over the open invoices, the bands and the scores looked up by key.
 */
export async function balancesByBand(q: Queryable, org: string, currency: string | null, today: string): Promise<BandBalances> {
  const run = await latestRun(q, org);
  // with no run, every open invoice is unscored: the totals are still told
  const previous = run ? await previousRun(q, org, run) : null;
  const rows = await bandRows(q, org, run?.id ?? null, previous?.id ?? null, currency, today);
  const byCurrency: BandCurrencyRow[] = [];
  const byBand: BandCustomerRow[] = [];
  for (const r of rows) {
    if (r.currency === null) byBand.push({ band: r.band, customers: r.customers, up: r.up, down: r.down, same: r.same, new: r.new });
    else byCurrency.push({ band: r.band, currency: r.currency, customers: r.customers, amount: Number(r.amount), scored: Number(r.scored),
      expected_recovery: r.expected_recovery === null ? null : Number(r.expected_recovery) });
  }
  return { run, previous, byCurrency, byBand };
}

export interface BandRow {
  band: BandName; currency: string | null; customers: number; amount: string; scored: string; expected_recovery: string | null;
  up: number; down: number; same: number; new: number;
}

/**
 * The statement's rows: per band and currency, and per band (currency null), ordered by band then currency. Every open
 * invoice with its customer's band in both runs and its score, looked up by key; its time at 1,000,000 open invoices in
 * bench/risk-tile.ts.
 */
export function bandRows(q: Queryable, org: string, runId: string | null, previousId: string | null, currency: string | null, today: string): Promise<BandRow[]> {
  return q.query<BandRow>(
    `WITH o AS (
       SELECT i.customer_id, i.currency, i.balance, COALESCE(c.band, 'unscored') AS band, p.band AS before, s.balance AS scored_balance, s.expected_recovery
       FROM invoices i
       LEFT JOIN score_run_bands c ON c.run_id = $2 AND c.org_id = $1 AND c.customer_id = i.customer_id
       LEFT JOIN score_run_bands p ON p.run_id = $3 AND p.org_id = $1 AND p.customer_id = i.customer_id
       LEFT JOIN scores s ON s.run_id = $2 AND s.org_id = $1 AND s.invoice_id = i.id AND s.balance > 0
       WHERE i.org_id = $1 AND i.balance > 0 AND NOT i.cancelled AND i.issue_date <= $5::date AND ($4::text IS NULL OR i.currency = $4))
     SELECT band, currency, count(DISTINCT customer_id)::int AS customers, sum(balance)::text AS amount,
       COALESCE(sum(balance) FILTER (WHERE scored_balance IS NOT NULL), 0)::text AS scored,
       round(sum(balance::numeric * expected_recovery / scored_balance))::text AS expected_recovery,
       count(DISTINCT customer_id) FILTER (WHERE ${RANK('band')} > ${RANK('before')})::int AS up,
       count(DISTINCT customer_id) FILTER (WHERE ${RANK('band')} < ${RANK('before')})::int AS down,
       count(DISTINCT customer_id) FILTER (WHERE band = before)::int AS same,
       count(DISTINCT customer_id) FILTER (WHERE band <> 'unscored' AND before IS NULL)::int AS new
     FROM o GROUP BY GROUPING SETS ((band, currency), (band)) ORDER BY band, currency`,
    [org, runId, previousId, currency, today]);
}
