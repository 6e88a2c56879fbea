// The kept-promise rate of promises (and extensions) falling due in a period, judged as things stood at its end.
import type { Queryable } from '../db/index.ts';
import type { Period } from './period.ts';
import { ratio as rate } from './ratio.ts';
import type { PromiseKpi } from './schema.ts';

/** Replaced promises are left out, as in the promise report; a judgement made after the period's end counts as pending. */
export async function promiseKpis(q: Queryable, orgId: string, period: Period, currency: string | null, timeZone: string): Promise<PromiseKpi> {
  const rows = await q.query<{ currency: string; promises: number; kept: number; partly_kept: number; broken: number; promised: number; paid: number }>(
    `WITH p AS (
       SELECT currency, amount, COALESCE(paid, 0) AS paid,
         CASE WHEN status IN ('kept', 'partly_kept', 'broken') AND (evaluated_at AT TIME ZONE $5)::date <= $3::date THEN status ELSE 'pending' END AS judged
       FROM promises
       WHERE org_id = $1 AND due_date BETWEEN $2::date AND $3::date AND status <> 'replaced' AND ($4::text IS NULL OR currency = $4))
     SELECT currency, count(*)::int AS promises, count(*) FILTER (WHERE judged = 'kept')::int AS kept,
       count(*) FILTER (WHERE judged = 'partly_kept')::int AS partly_kept, count(*) FILTER (WHERE judged = 'broken')::int AS broken,
       COALESCE(sum(amount) FILTER (WHERE judged <> 'pending'), 0)::bigint AS promised,
       COALESCE(sum(LEAST(paid, amount)) FILTER (WHERE judged <> 'pending'), 0)::bigint AS paid
     FROM p GROUP BY currency ORDER BY currency`,
    [orgId, period.from, period.to, currency, timeZone]);
  const sum = (k: 'promises' | 'kept' | 'partly_kept' | 'broken') => rows.reduce((s, r) => s + r[k], 0);
  const judged = sum('kept') + sum('partly_kept') + sum('broken');
  return {
    promises: sum('promises'), kept: sum('kept'), partly_kept: sum('partly_kept'), broken: sum('broken'), pending: sum('promises') - judged,
    kept_rate: rate(sum('kept'), judged),
    by_currency: rows.map((r) => ({ currency: r.currency, promised: r.promised, paid: r.paid, paid_rate: rate(r.paid, r.promised) })),
  };
}
