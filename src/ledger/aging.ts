// The aging report as of any date: open balances then, bucketed by days past due, per customer and in total.
import type { Queryable } from '../db/index.ts';

export const AGING_BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd91_120', 'over_120'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export type AgingLine = Record<AgingBucket, number> & { currency: string; total: number; invoices: number };
export interface CustomerAgingLine extends AgingLine { customer_id: string; external_id: string; name: string }

export interface AgingReport {
  as_of: string;
  totals: AgingLine[];
  customers: CustomerAgingLine[];
}

/** Which bucket a balance falls in, by days past due (0 or less is current). */
export function bucketFor(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'd1_30';
  if (daysPastDue <= 60) return 'd31_60';
  if (daysPastDue <= 90) return 'd61_90';
  if (daysPastDue <= 120) return 'd91_120';
  return 'over_120';
}

const SUMS = `
  COALESCE(sum(bal) FILTER (WHERE dpd <= 0), 0)::bigint AS current,
  COALESCE(sum(bal) FILTER (WHERE dpd BETWEEN 1 AND 30), 0)::bigint AS d1_30,
  COALESCE(sum(bal) FILTER (WHERE dpd BETWEEN 31 AND 60), 0)::bigint AS d31_60,
  COALESCE(sum(bal) FILTER (WHERE dpd BETWEEN 61 AND 90), 0)::bigint AS d61_90,
  COALESCE(sum(bal) FILTER (WHERE dpd BETWEEN 91 AND 120), 0)::bigint AS d91_120,
  COALESCE(sum(bal) FILTER (WHERE dpd > 120), 0)::bigint AS over_120,
  sum(bal)::bigint AS total, count(*)::int AS invoices`;

/**
 * Balances as they stood at the end of `asOf`: invoices issued by then, less payments dated by then
 * and not reversed by then, plus or minus adjustments dated by then.
 */
export async function agingReport(
  q: Queryable, orgId: string, asOf: string, opts: { customerId?: string; customerLimit?: number } = {},
): Promise<AgingReport> {
  const params: unknown[] = [orgId, asOf, opts.customerId ?? null];
  const base = `
    WITH al AS (
      SELECT l.invoice_id, sum(l.amount) AS s FROM allocations l JOIN payments p ON p.id = l.payment_id
      WHERE l.org_id = $1 AND p.date <= $2::date AND (l.reversed_at IS NULL OR l.reversed_at::date > $2::date)
      GROUP BY l.invoice_id),
    ad AS (
      SELECT invoice_id, sum(amount) AS s FROM adjustments
      WHERE org_id = $1 AND date <= $2::date AND (reversed_at IS NULL OR reversed_at::date > $2::date)
      GROUP BY invoice_id),
    b AS (
      SELECT i.customer_id, i.currency, ($2::date - i.due_date) AS dpd,
             i.amount + COALESCE(ad.s, 0) - COALESCE(al.s, 0) AS bal
      FROM invoices i LEFT JOIN al ON al.invoice_id = i.id LEFT JOIN ad ON ad.invoice_id = i.id
      WHERE i.org_id = $1 AND i.issue_date <= $2::date AND NOT i.cancelled
        AND ($3::text IS NULL OR i.customer_id = $3))`;
  const totals = await q.query<AgingLine>(
    `${base} SELECT currency, ${SUMS} FROM b WHERE bal > 0 GROUP BY currency ORDER BY currency`, params);
  const limit = opts.customerLimit ?? 1000;
  const customers = await q.query<CustomerAgingLine>(
    `${base}, c AS (SELECT customer_id, currency, ${SUMS} FROM b WHERE bal > 0 GROUP BY customer_id, currency)
     SELECT c.*, cu.external_id, cu.name FROM c JOIN customers cu ON cu.id = c.customer_id
     ORDER BY c.total DESC, c.customer_id LIMIT ${Math.max(0, Math.floor(limit))}`, params);
  return { as_of: asOf, totals, customers };
}

/** Open balance and unapplied credit of one customer, per currency. */
export async function customerBalance(
  q: Queryable, orgId: string, customerId: string,
): Promise<{ currency: string; open: number; credit: number; invoices: number }[]> {
  return q.query(
    `SELECT currency, sum(open)::bigint AS open, sum(credit)::bigint AS credit, sum(n)::int AS invoices FROM (
       SELECT currency, balance AS open, 0 AS credit, 1 AS n FROM invoices
        WHERE org_id = $1 AND customer_id = $2 AND balance > 0 AND NOT cancelled
       UNION ALL
       SELECT currency, 0, unapplied, 0 FROM payments
        WHERE org_id = $1 AND customer_id = $2 AND unapplied > 0 AND reversed_at IS NULL) x
     GROUP BY currency ORDER BY currency`, [orgId, customerId]);
}
