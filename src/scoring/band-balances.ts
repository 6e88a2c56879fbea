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

// ---- The same figures kept by the score run (migrations 123, 136) and corrected at read time ----

/** Late commits: invoices changed this long before the totals were taken are read again (as the case sync's overlap). */
const OVERLAP = '5 minutes';
const KEPT = ['score_run_band_totals', 'score_run_customer_balances', 'score_run_invoice_balances', 'score_run_band_snapshots'];

/** An invoice's expected recovery on `balance` from its kept score, as bandRows computes it (so sums and differences stay exact). */
const recovery = (balance: string, k: string) => `${balance}::numeric * ${k}.expected_recovery / ${k}.scored_balance`;
/** The part of `balance` the run scored. */
const scored = (balance: string, k: string) => `CASE WHEN ${k}.scored_balance IS NULL THEN 0 ELSE ${balance} END`;

/** The joins giving a customer's band in the run (c) and in the run before (p). */
const bandsOf = (customer: string, run: string, previous: string) => `
  LEFT JOIN score_run_bands c ON c.run_id = ${run} AND c.org_id = $1 AND c.customer_id = ${customer}
  LEFT JOIN score_run_bands p ON p.run_id = ${previous} AND p.org_id = $1 AND p.customer_id = ${customer}`;
/** A customer's band in `run`, read only where no kept row says it. */
const bandIn = (run: string, customer: string) => `(SELECT band FROM score_run_bands WHERE run_id = ${run} AND org_id = $1 AND customer_id = ${customer})`;

/** The customers counted, and among them each move, as (name, condition). */
const COUNTED: ReadonlyArray<[string, string]> = [['customers', 'true'], ['up', `${RANK('band')} > ${RANK('before')}`],
  ['down', `${RANK('band')} < ${RANK('before')}`], ['same', 'band = before'], ['new', `band <> 'unscored' AND before IS NULL`]];
const distinct = (side: string, cond: string) => `count(DISTINCT customer_id) FILTER (WHERE ${side} AND ${cond})`;
const FIGURES = 'customers, amount, scored, recovery, up, down, same, new';

/**
 * Keeps the tile's figures for a run about to be marked done (its scores and bands written): each open invoice's balance
 * at the end of the run's day with its score (and each scored invoice's score), each customer's open balance per currency
 * with the scored part and expected recovery, and their totals per band and currency and per band, with the moves since
 * the run before. The org's other runs' totals are dropped, but for the latest finished one's (still read until this run
 * is done).
 */
export async function keepBandTotals(q: Queryable, org: string, run: Pick<ScoreRun, 'id' | 'as_of' | 'started_at'>): Promise<void> {
  const previous = await previousRun(q, org, run);
  for (const t of KEPT) {
    await q.query(`DELETE FROM ${t} WHERE org_id = $1 AND run_id <> $2 AND run_id <> COALESCE((SELECT id FROM score_runs
      WHERE org_id = $1 AND status = 'done' ORDER BY started_at DESC, id DESC LIMIT 1), '')`, [org, run.id]);
  }
  // before anything is read: what changes after it is read again by the tile
  const [{ at } = { at: '' }] = await q.query<{ at: string }>('SELECT now()::text AS at');
  await q.query(`INSERT INTO score_run_invoice_balances (run_id, org_id, invoice_id, customer_id, currency, amount, scored_balance, expected_recovery)
    SELECT $2, $1, COALESCE(i.id, s.invoice_id), COALESCE(i.customer_id, s.customer_id), COALESCE(i.currency, s.currency), COALESCE(i.balance, 0),
      s.balance, s.expected_recovery
    FROM (SELECT id, customer_id, currency, balance FROM invoices
      WHERE org_id = $1 AND balance > 0 AND NOT cancelled AND issue_date <= $3::date) i
    FULL JOIN (SELECT invoice_id, customer_id, currency, balance, expected_recovery FROM scores
      WHERE run_id = $2 AND org_id = $1 AND balance > 0) s ON s.invoice_id = i.id`, [org, run.id, run.as_of]);
  await q.query(`INSERT INTO score_run_customer_balances (run_id, org_id, customer_id, currency, amount, scored, recovery, band, before)
    SELECT $2, $1, x.*, COALESCE(c.band, 'unscored'), p.band FROM (
      SELECT customer_id, currency, sum(amount), sum(${scored('amount', 'k')}), sum(${recovery('amount', 'k')})
      FROM score_run_invoice_balances k WHERE run_id = $2 AND org_id = $1 AND amount > 0 GROUP BY customer_id, currency) x
    ${bandsOf('x.customer_id', '$2', '$3')}`, [org, run.id, previous?.id ?? null]);
  await q.query(`INSERT INTO score_run_band_totals (run_id, org_id, band, currency, ${FIGURES})
    SELECT $2, $1, band, COALESCE(currency, ''), ${distinct('true', 'true')}, sum(amount), sum(scored), sum(recovery),
      ${COUNTED.slice(1).map(([, cond]) => distinct('true', cond)).join(', ')}
    FROM score_run_customer_balances WHERE run_id = $2 AND org_id = $1
    GROUP BY GROUPING SETS ((band, currency), (band))`, [org, run.id]);
  await q.query(`INSERT INTO score_run_band_snapshots (run_id, org_id, as_of, previous_run_id, taken_at, invoices)
    VALUES ($2, $1, $3, $4, $5, (SELECT count(*) FROM score_run_invoice_balances WHERE run_id = $2 AND org_id = $1 AND amount > 0))`,
    [org, run.id, run.as_of, previous?.id ?? null, at]);
  await q.query(`DELETE FROM invoice_customer_moves WHERE org_id = $1
    AND moved_at < (SELECT min(taken_at) FROM score_run_band_snapshots WHERE org_id = $1) - interval '1 day'`, [org]);
}

/** The invoices that may count differently from what the run's day saw (keptBandRows). */
const changedInvoices = (today: string, asOf: string, takenAt: string) => `
  SELECT id AS invoice_id FROM invoices WHERE org_id = $1 AND updated_at > ${takenAt}::timestamptz - interval '${OVERLAP}'
  UNION SELECT id FROM invoices WHERE org_id = $1 AND issue_date > LEAST(${today}::date, ${asOf}::date) AND issue_date <= GREATEST(${today}::date, ${asOf}::date)
  UNION SELECT invoice_id FROM invoice_customer_moves WHERE org_id = $1 AND moved_at > ${takenAt}::timestamptz - interval '${OVERLAP}'`;
/** Past this many changed invoices, and this share of the run's open invoices, the tile reads the whole query instead. */
export const CHANGED_FLOOR = 1000;
export const CHANGED_SHARE = 0.2;

/**
 * Each changed invoice's difference per customer and currency (what the kept invoice counted taken off, what it counts at
 * the end of `today` put on, both with its kept score), beside the customer's kept rows: `was` (counted by the run's day)
 * and `counted` (its corrected balance above zero). $1 org, $2 run, $4 currency or null, $5 today, $6 the run's day, $7 taken at.
 */
const correctedCustomers = () => `
  c AS MATERIALIZED (${changedInvoices('$5', '$6', '$7')}),
  d AS (
    SELECT s.* FROM c
    LEFT JOIN score_run_invoice_balances k ON k.run_id = $2 AND k.org_id = $1 AND k.invoice_id = c.invoice_id
    LEFT JOIN invoices i ON i.org_id = $1 AND i.id = c.invoice_id AND i.balance > 0 AND NOT i.cancelled AND i.issue_date <= $5::date
    CROSS JOIN LATERAL (VALUES (k.customer_id, k.currency, -k.amount, -${scored('k.amount', 'k')}, -(${recovery('k.amount', 'k')})),
      (i.customer_id, i.currency, i.balance, ${scored('i.balance', 'k')}, ${recovery('i.balance', 'k')})) s (customer_id, currency, amount, scored, recovery)
    WHERE s.amount <> 0),
  dc AS (SELECT customer_id, currency, sum(amount) AS amount, sum(scored) AS scored, sum(recovery) AS recovery FROM d
    WHERE $4::text IS NULL OR currency = $4 GROUP BY customer_id, currency),
  cc AS (
    SELECT COALESCE(b.customer_id, dc.customer_id) AS customer_id, COALESCE(b.currency, dc.currency) AS currency,
      COALESCE(dc.amount, 0) AS amount, COALESCE(dc.scored, 0) AS scored, dc.recovery,
      b.customer_id IS NOT NULL AS was, COALESCE(b.amount, 0) + COALESCE(dc.amount, 0) > 0 AS counted,
      CASE WHEN b.customer_id IS NULL THEN COALESCE(${bandIn('$2', 'dc.customer_id')}, 'unscored') ELSE b.band END AS band,
      CASE WHEN b.customer_id IS NULL THEN ${bandIn('$3', 'dc.customer_id')} ELSE b.before END AS before
    FROM (SELECT customer_id, currency, amount, band, before FROM score_run_customer_balances WHERE run_id = $2 AND org_id = $1
      AND ($4::text IS NULL OR currency = $4) AND customer_id IN (SELECT customer_id FROM dc)) b
    FULL JOIN dc ON dc.customer_id = b.customer_id AND dc.currency = b.currency)`;

/**
 * bandRows' rows from the totals the run kept, corrected for the invoices that may count differently from what the run's
 * day saw: changed since the totals were taken (less the overlap), issued between the run's day and `today`, or moved
 * from a customer. Each such invoice corrects its customer's kept row by its own difference, and a customer counts where
 * its corrected balance stays above zero, so the figures are those of bandRows exactly. Null when the run kept no
 * invoices (a run before migration 136) or its run before is no longer the one the moves were counted against, or more
 * invoices changed than `limits` allow (more than `floor` and than `share` of the run's open invoices): the caller reads
 * them whole.
 */
export async function keptBandRows(q: Queryable, org: string, runId: string, previousId: string | null, currency: string | null, today: string,
  limits: { floor: number; share: number } = { floor: CHANGED_FLOOR, share: CHANGED_SHARE }): Promise<BandRow[] | null> {
  const [kept] = await q.query<{ as_of: string; previous_run_id: string | null; taken_at: string; invoices: number | null }>(
    'SELECT as_of::text AS as_of, previous_run_id, taken_at::text AS taken_at, invoices FROM score_run_band_snapshots WHERE run_id = $2 AND org_id = $1', [org, runId]);
  if (!kept || kept.invoices === null || kept.previous_run_id !== previousId) return null;
  // a few index reads per changed invoice (bench/risk-tile.ts at 1M open invoices: 10% changed took 4.4 s of the server's
  // CPU against the full statement's 9.7-10.9 s): past a fifth of the run's open invoices the whole query is cheaper
  const [n] = await q.query<{ changed: number }>(`SELECT count(*)::int AS changed FROM (${changedInvoices('$2', '$3', '$4')}) a`,
    [org, today, kept.as_of, kept.taken_at]);
  if (n && n.changed > Math.max(limits.floor, kept.invoices * limits.share)) return null;
  return q.query<BandRow>(
    `WITH ${correctedCustomers()},
     delta AS (
       SELECT band, currency, sum(amount) AS amount, sum(scored) AS scored, sum(recovery) AS recovery,
         ${COUNTED.map(([name, cond]) => `${distinct('counted', cond)} - ${distinct('was', cond)} AS ${name}`).join(', ')}
       FROM cc GROUP BY GROUPING SETS ((band, currency), (band))),
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
