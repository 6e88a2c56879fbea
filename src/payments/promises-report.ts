// The kept-promise rate: promises falling due in a period, judged kept, partly kept or broken, per channel they were made
// on (or their source when no channel was given) and per collector (the person or key that recorded a collector's promise).
import type { Queryable } from '../db/index.ts';

export interface PromiseRateRow {
  promises: number;
  kept: number;
  partly_kept: number;
  broken: number;
  pending: number;
  /** kept / (kept + partly kept + broken); null when none was judged yet. */
  kept_rate: number | null;
}

export interface PromiseReport {
  from: string;
  to: string;
  total: PromiseRateRow;
  by_channel: (PromiseRateRow & { channel: string })[];
  by_collector: (PromiseRateRow & { collector: string })[];
}

type Counted = { key: string; promises: number; kept: number; partly_kept: number; broken: number; pending: number };

const rate = (r: Omit<Counted, 'key'>): PromiseRateRow => {
  const judged = r.kept + r.partly_kept + r.broken;
  return { promises: r.promises, kept: r.kept, partly_kept: r.partly_kept, broken: r.broken, pending: r.pending,
    kept_rate: judged === 0 ? null : Math.round((r.kept / judged) * 10_000) / 10_000 };
};

/** Promises (and extensions, which are promises of the whole balance) whose date falls from `from` to `to`; replaced ones are left out. */
export async function promiseReport(q: Queryable, orgId: string, from: string, to: string): Promise<PromiseReport> {
  const counted = (key: string, where = 'true') => q.query<Counted>(
    `SELECT ${key} AS key, count(*)::int AS promises, count(*) FILTER (WHERE status = 'kept')::int AS kept,
       count(*) FILTER (WHERE status = 'partly_kept')::int AS partly_kept, count(*) FILTER (WHERE status = 'broken')::int AS broken,
       count(*) FILTER (WHERE status = 'pending')::int AS pending
     FROM promises WHERE org_id = $1 AND due_date >= $2::date AND due_date <= $3::date AND status NOT IN ('replaced', 'cancelled') AND ${where}
     GROUP BY 1 ORDER BY 1`, [orgId, from, to]);
  const channels = await counted('COALESCE(channel, source)');
  const collectors = await counted('actor', `source = 'collector'`);
  const total = channels.reduce((t, r) => ({ promises: t.promises + r.promises, kept: t.kept + r.kept, partly_kept: t.partly_kept + r.partly_kept,
    broken: t.broken + r.broken, pending: t.pending + r.pending }), { promises: 0, kept: 0, partly_kept: 0, broken: 0, pending: 0 });
  return {
    from, to, total: rate(total),
    by_channel: channels.map((r) => ({ channel: r.key, ...rate(r) })),
    by_collector: collectors.map((r) => ({ collector: r.key, ...rate(r) })),
  };
}
