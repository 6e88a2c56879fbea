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

export async function previousRun(q: Queryable, org: string, latest: Pick<ScoreRun, 'id' | 'started_at'>): Promise<{ id: string; as_of: string } | null> {
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
  const rows = run ? await keptBandRows(q, org, run.id, previous?.id ?? null, currency, today) : null;
  return shapeRows(run, previous, rows ?? await bandRows(q, org, run?.id ?? null, previous?.id ?? null, currency, today));
}

function shapeRows(run: ScoreRun | null, previous: BandBalances['previous'], rows: BandRow[]): BandBalances {
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

// ---- The same figures kept by the score run (migration 123) and corrected at read time ----

/** Late commits: invoices changed this long before the totals were taken are read again (as the case sync's overlap). */
const OVERLAP = '5 minutes';
const KEPT = ['score_run_band_totals', 'score_run_customer_balances', 'score_run_band_snapshots'];

/** Each customer's open invoices at the end of `day` per currency, summed as the tile sums them, with their scores in `run`. */
const perCustomer = (run: string, day: string, more = '') => `SELECT i.customer_id, i.currency, sum(i.balance) AS amount,
    COALESCE(sum(i.balance) FILTER (WHERE s.balance IS NOT NULL), 0) AS scored, sum(i.balance::numeric * s.expected_recovery / s.balance) AS recovery
  FROM invoices i LEFT JOIN scores s ON s.run_id = ${run} AND s.org_id = $1 AND s.invoice_id = i.id AND s.balance > 0
  WHERE i.org_id = $1 AND i.balance > 0 AND NOT i.cancelled AND i.issue_date <= ${day}::date${more}
  GROUP BY i.customer_id, i.currency`;

/** Rows of customers (customer_id, ...) with the customer's band in the run and in the run before. */
const banded = (rows: string, run: string, previous: string) => `SELECT x.*, COALESCE(c.band, 'unscored') AS band, p.band AS before FROM (${rows}) x
  LEFT JOIN score_run_bands c ON c.run_id = ${run} AND c.org_id = $1 AND c.customer_id = x.customer_id
  LEFT JOIN score_run_bands p ON p.run_id = ${previous} AND p.org_id = $1 AND p.customer_id = x.customer_id`;

/** The customers counted, and among them each move, as (name, condition). */
const COUNTED: ReadonlyArray<[string, string]> = [['customers', 'true'], ['up', `${RANK('band')} > ${RANK('before')}`],
  ['down', `${RANK('band')} < ${RANK('before')}`], ['same', 'band = before'], ['new', `band <> 'unscored' AND before IS NULL`]];
const distinct = (side: string, cond: string) => `count(DISTINCT customer_id) FILTER (WHERE ${side} AND ${cond})`;
const FIGURES = 'customers, amount, scored, recovery, up, down, same, new';

/**
 * Keeps the tile's figures for a run about to be marked done (its scores and bands written): each customer's open balance
 * per currency at the end of the run's day with the scored part and expected recovery, and their totals per band and
 * currency and per band, with the moves since the run before. The org's other runs' totals are dropped, but for the
 * latest finished one's (still read until this run is done).
 */
export async function keepBandTotals(q: Queryable, org: string, run: Pick<ScoreRun, 'id' | 'as_of' | 'started_at'>): Promise<void> {
  const previous = await previousRun(q, org, run);
  for (const t of KEPT) {
    await q.query(`DELETE FROM ${t} WHERE org_id = $1 AND run_id <> $2 AND run_id <> COALESCE((SELECT id FROM score_runs
      WHERE org_id = $1 AND status = 'done' ORDER BY started_at DESC, id DESC LIMIT 1), '')`, [org, run.id]);
  }
  // before anything is read: what changes after it is read again by the tile
  const [{ at } = { at: '' }] = await q.query<{ at: string }>('SELECT now()::text AS at');
  await q.query(`INSERT INTO score_run_customer_balances (run_id, org_id, customer_id, currency, amount, scored, recovery)
    SELECT $2, $1, customer_id, currency, amount, scored, recovery FROM (${perCustomer('$2', '$3')}) x`, [org, run.id, run.as_of]);
  await q.query(`INSERT INTO score_run_band_totals (run_id, org_id, band, currency, ${FIGURES})
    SELECT $2, $1, band, COALESCE(currency, ''), ${distinct('true', 'true')}, sum(amount), sum(scored), sum(recovery),
      ${COUNTED.slice(1).map(([, cond]) => distinct('true', cond)).join(', ')}
    FROM (${banded('SELECT customer_id, currency, amount, scored, recovery FROM score_run_customer_balances WHERE run_id = $2 AND org_id = $1', '$2', '$3')}) b
    GROUP BY GROUPING SETS ((band, currency), (band))`, [org, run.id, previous?.id ?? null]);
  await q.query(`INSERT INTO score_run_band_snapshots (run_id, org_id, as_of, previous_run_id, taken_at) VALUES ($2, $1, $3, $4, $5)`,
    [org, run.id, run.as_of, previous?.id ?? null, at]);
  await q.query(`DELETE FROM invoice_customer_moves WHERE org_id = $1
    AND moved_at < (SELECT min(taken_at) FROM score_run_band_snapshots WHERE org_id = $1) - interval '1 day'`, [org]);
}

/** The customers whose open invoices may differ from what the run's day saw (keptBandRows). */
const changedCustomers = (today: string, asOf: string, takenAt: string) => `
  SELECT customer_id FROM invoices WHERE org_id = $1 AND updated_at > ${takenAt}::timestamptz - interval '${OVERLAP}'
  UNION SELECT customer_id FROM invoices WHERE org_id = $1 AND issue_date > LEAST(${today}::date, ${asOf}::date) AND issue_date <= GREATEST(${today}::date, ${asOf}::date)
  UNION SELECT customer_id FROM invoice_customer_moves WHERE org_id = $1 AND moved_at > ${takenAt}::timestamptz - interval '${OVERLAP}'`;
/** Past this many changed customers, and this share of the run's, the tile reads the whole query instead. */
export const CHANGED_FLOOR = 1000;
export const CHANGED_SHARE = 0.1;

/**
 * bandRows' rows from the totals the run kept, corrected for the customers whose open invoices may differ from what the
 * run's day saw: invoices changed since the totals were taken (less the overlap), issued between the run's day and
 * `today`, or moved from a customer. Each such customer's kept rows are taken off and its rows of today put on, so the
 * figures are those of bandRows exactly. Null when the run kept none (a run before migration 123) or its run before is
 * no longer the one the moves were counted against, or more customers changed than `limits` allow (more than `floor` and
 * than `share` of the run's customers): the caller reads them whole.
 */
export async function keptBandRows(q: Queryable, org: string, runId: string, previousId: string | null, currency: string | null, today: string,
  limits: { floor: number; share: number } = { floor: CHANGED_FLOOR, share: CHANGED_SHARE }): Promise<BandRow[] | null> {
  const [kept] = await q.query<{ as_of: string; previous_run_id: string | null; taken_at: string }>(
    'SELECT as_of::text AS as_of, previous_run_id, taken_at::text AS taken_at FROM score_run_band_snapshots WHERE run_id = $2 AND org_id = $1', [org, runId]);
  if (!kept || kept.previous_run_id !== previousId) return null;
  // each changed customer is read again in full (about 1 ms of the server's time each at 1M open invoices): past a tenth
  // of the run's customers the whole query is cheaper (bench/risk-tile.ts: 10% of invoices changed, 82,000 customers,
  // 98 s against the full query's 33 s)
  const [n] = await q.query<{ changed: number; kept: number }>(
    `SELECT (SELECT count(*) FROM (${changedCustomers('$3', '$4', '$5')}) a)::int AS changed, (SELECT COALESCE(sum(customers), 0) FROM score_run_band_totals
       WHERE run_id = $2 AND org_id = $1 AND currency = '')::int AS kept`, [org, runId, today, kept.as_of, kept.taken_at]);
  if (n && n.changed > Math.max(limits.floor, n.kept * limits.share)) return null;
  return q.query<BandRow>(
    `WITH a AS MATERIALIZED (${changedCustomers('$5', '$6', '$7')}),
     d AS (
       SELECT 1 AS sign, n.* FROM (${perCustomer('$2', '$5', ' AND i.customer_id IN (SELECT customer_id FROM a)')}) n
       UNION ALL SELECT -1, customer_id, currency, amount, scored, recovery FROM score_run_customer_balances
       WHERE run_id = $2 AND org_id = $1 AND customer_id IN (SELECT customer_id FROM a)),
     delta AS (
       SELECT band, currency, sum(sign * amount) AS amount, sum(sign * scored) AS scored, sum(sign * recovery) AS recovery,
         ${COUNTED.map(([name, cond]) => `${distinct('sign > 0', cond)} - ${distinct('sign < 0', cond)} AS ${name}`).join(', ')}
       FROM (${banded('SELECT * FROM d WHERE $4::text IS NULL OR d.currency = $4', '$2', '$3')}) b
       GROUP BY GROUPING SETS ((band, currency), (band))),
     t AS (SELECT * FROM score_run_band_totals WHERE run_id = $2 AND org_id = $1),
     base AS (
       SELECT band, NULLIF(currency, '') AS currency, ${FIGURES} FROM t WHERE $4::text IS NULL
       UNION ALL SELECT band, g.currency, ${FIGURES} FROM t CROSS JOIN (VALUES ($4::text), (NULL)) g (currency) WHERE t.currency = $4)
     SELECT band, currency, sum(customers)::int AS customers, sum(amount)::text AS amount, sum(scored)::text AS scored,
       CASE WHEN sum(scored) > 0 THEN round(sum(recovery))::text END AS expected_recovery,
       sum(up)::int AS up, sum(down)::int AS down, sum(same)::int AS same, sum(new)::int AS new
     FROM (SELECT band, currency, ${FIGURES} FROM base UNION ALL SELECT band, currency, ${FIGURES} FROM delta) x
     GROUP BY band, currency HAVING sum(customers) > 0 ORDER BY band, currency`,
    [org, runId, previousId, currency, today, kept.as_of, kept.taken_at]);
}
