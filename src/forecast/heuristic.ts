// The heuristic for open invoices with no risk score: the chance each days-overdue bucket is paid within the forecast's
// horizon, learned from the org's own history where there is enough of it, the fixed table where there is not.
import type { Queryable } from '../db/index.ts';
import { addDays, type CalendarDate } from '../domain/dates.ts';

/** The buckets by days overdue on the as-of date: not yet due (0 or less), 1-30, 31-90, beyond 90. */
export const BUCKETS = ['not_due', '1-30', '31-90', '91+'] as const;
export type Bucket = typeof BUCKETS[number];

/** The fixed chances, used for a bucket with too little history. */
export const FIXED_CHANCES: Record<Bucket, number> = { not_due: 0.9, '1-30': 0.7, '31-90': 0.5, '91+': 0.2 };

/** Fewer invoices than this in a bucket's history (summed over the snapshots) leave it on the fixed chance. */
export const MIN_HISTORY = 30;
/** The history read: snapshots every 28 days whose horizon ended by the as-of date, over this many days before it. */
export const HISTORY_DAYS = 365;
/** The horizon a chance is measured over: the forecast's 13 weeks. */
export const HORIZON_DAYS = 91;
const SNAPSHOT_EVERY = 28;

export function bucketOf(daysOverdue: number): Bucket {
  return daysOverdue <= 0 ? 'not_due' : daysOverdue <= 30 ? '1-30' : daysOverdue <= 90 ? '31-90' : '91+';
}

export interface BucketChance {
  bucket: Bucket; p: number; learned: boolean;
  /** Invoice-snapshots behind a learned chance (an invoice open at two snapshots counts twice), and their money. */
  invoices: number; open: number; paid: number;
}
/**
 * `as_of`: the day it was learned as of, null when never learned (the fixed table); `learned_at`: the instant it was
 * learned (the worker's daily round, or on demand: `cobro forecast --learn`, POST /v1/forecast/learn).
 */
export interface HeuristicTable { as_of: CalendarDate | null; learned_at?: string | null; buckets: BucketChance[] }

export const FIXED_TABLE: HeuristicTable = { as_of: null, learned_at: null, buckets: BUCKETS.map((bucket) => ({ bucket, p: FIXED_CHANCES[bucket], learned: false, invoices: 0, open: 0, paid: 0 })) };

/** Which table a forecast used: learned when at least one bucket had enough history, fixed otherwise. */
export const heuristicSource = (t: HeuristicTable): 'learned' | 'fixed' => (t.buckets.some((b) => b.learned) ? 'learned' : 'fixed');

export function chanceOf(t: HeuristicTable, daysOverdue: number): number {
  const b = bucketOf(daysOverdue);
  return t.buckets.find((x) => x.bucket === b)?.p ?? FIXED_CHANCES[b];
}

/**
 * Learns the table as of a day from the invoices' balances in the year before it: at each snapshot (every 28 days, the
 * last one 91 days before the as-of date so its horizon is over), every invoice open that day is put in its bucket by
 * days overdue, and the bucket's chance is what was paid to those invoices (allocations of payments dated in the 91
 * days after, not reversed, up to the balance open) over their open balance, money-weighted. A bucket with fewer than
 * MIN_HISTORY invoice-snapshots keeps its fixed chance. Reads the stored balance steps, so it costs a pass over a
 * year of them: the worker learns it once a day (forecastRound) and the forecast reads what was stored.
 */
export async function learnHeuristic(q: Queryable, org: string, asOf: CalendarDate, now: Date): Promise<HeuristicTable> {
  const last = addDays(asOf, -HORIZON_DAYS);
  const first = addDays(asOf, -HISTORY_DAYS);
  const rows = await q.query<{ bucket: Bucket; invoices: string | number; open: string | number; paid: string | number }>(
    `WITH snaps AS (SELECT d::date AS d FROM generate_series($2::date, $3::date, interval '-${SNAPSHOT_EVERY} days') d),
     open AS (
       SELECT s.d, st.invoice_id, st.due_date, sum(st.amount) AS open
       FROM snaps s JOIN invoice_balance_steps st ON st.org_id = $1 AND st.date <= s.d
       GROUP BY s.d, st.invoice_id, st.due_date HAVING sum(st.amount) > 0),
     paid AS (
       SELECT o.d, o.invoice_id, o.due_date, o.open, least(o.open, coalesce((
         SELECT sum(l.amount) FROM allocations l JOIN payments p ON p.id = l.payment_id
         WHERE l.invoice_id = o.invoice_id AND l.reversed_at IS NULL AND p.date > o.d AND p.date <= o.d + ${HORIZON_DAYS}), 0)) AS paid
       FROM open o)
     SELECT CASE WHEN d - due_date <= 0 THEN 'not_due' WHEN d - due_date <= 30 THEN '1-30' WHEN d - due_date <= 90 THEN '31-90' ELSE '91+' END AS bucket,
            count(*) AS invoices, sum(open) AS open, sum(paid) AS paid
     FROM paid GROUP BY 1`, [org, last, first]);
  return { as_of: asOf, learned_at: now.toISOString(), buckets: BUCKETS.map((bucket): BucketChance => {
    const r = rows.find((x) => x.bucket === bucket);
    const invoices = Number(r?.invoices ?? 0); const open = Number(r?.open ?? 0); const paid = Number(r?.paid ?? 0);
    const learned = invoices >= MIN_HISTORY && open > 0;
    return { bucket, p: learned ? Math.round((paid / open) * 10_000) / 10_000 : FIXED_CHANCES[bucket], learned, invoices, open, paid };
  }) };
}

export async function saveHeuristic(q: Queryable, org: string, t: HeuristicTable): Promise<void> {
  await q.query(`INSERT INTO forecast_heuristics (org_id, as_of, learned_at, buckets) VALUES ($1, $2, $3, $4::jsonb)
    ON CONFLICT (org_id) DO UPDATE SET as_of = EXCLUDED.as_of, learned_at = EXCLUDED.learned_at, buckets = EXCLUDED.buckets`,
  [org, t.as_of, t.learned_at, JSON.stringify(t.buckets)]);
}

/** The table last learned for the org (the fixed one when none was). */
export async function storedHeuristic(q: Queryable, org: string): Promise<HeuristicTable> {
  const [row] = await q.query<{ as_of: string; learned_at: Date | string; buckets: BucketChance[] }>(
    'SELECT as_of::text AS as_of, learned_at, buckets FROM forecast_heuristics WHERE org_id = $1', [org]);
  return row ? { as_of: row.as_of, learned_at: new Date(row.learned_at).toISOString(), buckets: row.buckets } : FIXED_TABLE;
}

/** Which table, in a few words: learned as of when, or fixed (and why). */
export function heuristicUsed(t: HeuristicTable): string {
  if (heuristicSource(t) === 'learned') return `learned as of ${t.as_of}${t.learned_at ? ` (at ${t.learned_at})` : ''}`;
  return t.as_of ? `fixed: too little history as of ${t.as_of}` : 'fixed: not learned yet';
}

/** What the forecast's note says of the table: each bucket's chance, learned (on how many invoices) or fixed. */
export function heuristicText(t: HeuristicTable): string {
  const parts = t.buckets.map((b) => `${b.bucket === 'not_due' ? 'not yet due' : `${b.bucket} days overdue`} ${Math.round(b.p * 1000) / 10}%${b.learned ? ` (learned from ${b.invoices})` : ' (fixed)'}`);
  const learned = t.buckets.some((b) => b.learned);
  const at = t.learned_at ? `, learned at ${t.learned_at}` : '';
  return `${learned ? `learned from the org's history as of ${t.as_of}${at} where there was enough (${MIN_HISTORY} invoices a bucket), fixed elsewhere`
    : t.as_of ? `fixed: too little history as of ${t.as_of}${at} (${MIN_HISTORY} invoices a bucket)`
      : 'fixed: not learned yet (the worker learns it daily; `cobro forecast --learn` or POST /v1/forecast/learn learns it now)'}: ${parts.join(', ')}`;
}
