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
 * Per invoice, its balance at the end of $2 (invoices issued by then, less payments dated by then and not reversed by
 * then, plus or minus adjustments dated by then), for the invoices `only` selects by `i.id`/`i.customer_id` (SQL).
 * The sums are read invoice by invoice through the invoice indexes: the invoices selected are few. MATERIALIZED: each
 * balance is worked out once (inlined, the planner repeats its two sums for every bucket that reads it).
 */
const exactBalances = (only: string) => `
    b AS MATERIALIZED (
      SELECT i.id, i.customer_id, i.currency, ($2::date - i.due_date) AS dpd,
             i.amount
             + COALESCE((SELECT sum(a.amount) FROM adjustments a WHERE a.invoice_id = i.id AND a.org_id = $1 AND a.date <= $2::date
                           AND (a.reversed_at IS NULL OR a.reversed_at::date > $2::date)), 0)
             - COALESCE((SELECT sum(l.amount) FROM allocations l JOIN payments p ON p.id = l.payment_id
                         WHERE l.invoice_id = i.id AND l.org_id = $1 AND p.date <= $2::date
                           AND (l.reversed_at IS NULL OR l.reversed_at::date > $2::date)), 0) AS bal
      FROM invoices i
      WHERE i.org_id = $1 AND i.issue_date <= $2::date AND NOT i.cancelled AND ${only})`;

/**
 * Invoices whose balance at the end of $2 may differ from the stored one: a payment dated after it, an adjustment dated
 * after it, or either reversed after it (reversed_at::date > $2 read as a range, so the indexes serve it). A payment's
 * allocations are read payment by payment (the lateral OFFSET 0 keeps the planner from hashing all allocations).
 */
export const CHANGED_AFTER = `
    SELECT l.invoice_id FROM payments p CROSS JOIN LATERAL (SELECT l.invoice_id FROM allocations l WHERE l.payment_id = p.id OFFSET 0) l WHERE p.org_id = $1 AND p.date > $2::date
    UNION SELECT invoice_id FROM allocations WHERE org_id = $1 AND reversed_at IS NOT NULL AND reversed_at >= ($2::date + 1)::timestamptz
    UNION SELECT invoice_id FROM adjustments WHERE org_id = $1 AND date > $2::date
    UNION SELECT invoice_id FROM adjustments WHERE org_id = $1 AND reversed_at IS NOT NULL AND reversed_at >= ($2::date + 1)::timestamptz`;

/**
 * Balances as they stood at the end of `asOf`: invoices issued by then, less payments dated by then
 * and not reversed by then, plus or minus adjustments dated by then. For the whole org the totals come from the stored
 * open totals (receivable_totals, kept by the ledger's triggers), corrected invoice by invoice for those changed after
 * `asOf`; the largest debtors are ranked on the stored customer totals and then computed exactly.
 */
export async function agingReport(
  q: Queryable, orgId: string, asOf: string, opts: { customerId?: string; customerLimit?: number } = {},
): Promise<AgingReport> {
  const limit = Math.max(0, Math.floor(opts.customerLimit ?? 1000));
  if (opts.customerId) {
    const params = [orgId, asOf, opts.customerId];
    const base = `WITH ${exactBalances('i.customer_id = $3')}`;
    const totals = await q.query<AgingLine>(`${base} SELECT currency, ${SUMS} FROM b WHERE bal > 0 GROUP BY currency ORDER BY currency`, params);
    const customers = await customerLines(q, `${base},`, params, limit);
    return { as_of: asOf, totals, customers };
  }
  const params = [orgId, asOf];
  const totalsRead = q.query<AgingLine>(
    `WITH ch AS (${CHANGED_AFTER}),
     ${exactBalances('i.id IN (SELECT invoice_id FROM ch)')},
     x AS (
       SELECT currency, ($2::date - due_date) AS dpd, balance AS bal, invoices AS n FROM receivable_totals
       WHERE org_id = $1 AND NOT cancelled AND issue_date <= $2::date
       UNION ALL
       SELECT currency, ($2::date - due_date), -balance, -1 FROM invoices
       WHERE org_id = $1 AND id IN (SELECT invoice_id FROM ch) AND balance > 0 AND NOT cancelled AND issue_date <= $2::date
       UNION ALL
       SELECT currency, dpd, bal, 1 FROM b WHERE bal > 0)
     SELECT currency, ${SUMS.replace('count(*)::int', 'sum(n)::int')} FROM x GROUP BY currency HAVING sum(n) > 0 ORDER BY currency`, params);
  // customers whose stored total may be off at the end of asOf (changed after it, or with an invoice issued after it),
  // and the largest of the others by their stored totals, which are then exact: the top `limit` is among them
  const candidates = `
    ch AS (${CHANGED_AFTER}),
    moved AS (
      SELECT customer_id FROM invoices WHERE org_id = $1 AND id IN (SELECT invoice_id FROM ch)
      UNION SELECT customer_id FROM invoices WHERE org_id = $1 AND issue_date > $2::date),
    cand AS (
      SELECT customer_id FROM moved
      UNION
      (SELECT customer_id FROM customer_receivables WHERE org_id = $1 AND customer_id NOT IN (SELECT customer_id FROM moved)
       ORDER BY balance DESC, customer_id LIMIT ${limit}))`;
  // the two reads at once (a pool answers them on two connections)
  const [totals, customers] = await Promise.all([totalsRead,
    customerLines(q, `WITH ${candidates}, ${exactBalances('i.customer_id IN (SELECT customer_id FROM cand)')},`, params, limit)]);
  return { as_of: asOf, totals, customers };
}

async function customerLines(q: Queryable, withClause: string, params: unknown[], limit: number): Promise<CustomerAgingLine[]> {
  return q.query<CustomerAgingLine>(
    `${withClause} c AS (SELECT customer_id, currency, ${SUMS} FROM b WHERE bal > 0 GROUP BY customer_id, currency)
     SELECT c.*, cu.external_id, cu.name FROM c JOIN customers cu ON cu.id = c.customer_id
     ORDER BY c.total DESC, c.customer_id LIMIT ${limit}`, params);
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
