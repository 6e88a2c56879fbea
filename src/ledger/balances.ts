// Balances and statuses follow from amount, allocations and adjustments; this is the one place they are computed.
import type { Queryable } from '../db/index.ts';
import { eventWrites } from '../events/index.ts';

/**
 * Recomputes balance and status of the given invoices from their live allocations and adjustments.
 * balance = amount + adjustments (fees add, credits subtract) - allocations. An invoice that becomes paid reports `invoice.paid`.
 */
export async function refreshInvoices(q: Queryable, orgId: string, invoiceIds: string[]): Promise<void> {
  if (invoiceIds.length === 0) return;
  await q.query(
    `WITH t AS (
       SELECT i.id, i.status AS old_status,
         i.amount
         + COALESCE((SELECT sum(a.amount) FROM adjustments a WHERE a.invoice_id = i.id AND a.reversed_at IS NULL), 0)::bigint
         - COALESCE((SELECT sum(l.amount) FROM allocations l WHERE l.invoice_id = i.id AND l.reversed_at IS NULL), 0)::bigint AS bal,
         EXISTS (SELECT 1 FROM allocations l WHERE l.invoice_id = i.id AND l.reversed_at IS NULL) AS has_pay,
         EXISTS (SELECT 1 FROM adjustments a WHERE a.invoice_id = i.id AND a.reversed_at IS NULL
                 AND a.kind = 'write_off') AS has_wo
       FROM invoices i WHERE i.org_id = $1 AND i.id = ANY($2::text[])),
     u AS (
     UPDATE invoices i SET balance = t.bal, updated_at = now(),
       status = CASE WHEN i.cancelled THEN 'cancelled'
                     WHEN t.bal <= 0 AND t.has_wo THEN 'written_off'
                     WHEN t.bal <= 0 THEN 'paid'
                     WHEN i.disputed THEN 'disputed'
                     WHEN t.has_pay THEN 'partially_paid'
                     ELSE 'open' END
     FROM t WHERE i.org_id = $1 AND i.id = ANY($2::text[]) AND i.id = t.id
     RETURNING i.org_id, i.id, i.customer_id, i.number, i.currency, i.amount, i.status, t.old_status),
     ${eventWrites(`SELECT org_id, 'invoice.paid' AS type, id AS subject, customer_id, jsonb_build_object('invoice_id', id,
       'customer_id', customer_id, 'number', number, 'currency', currency, 'amount', amount) AS data, now() AS created_at
       FROM u WHERE status = 'paid' AND old_status <> 'paid'`)}
     SELECT count(*) FROM u`,
    [orgId, invoiceIds],
  );
  await releaseExcess(q, orgId, invoiceIds);
}

/**
 * Where an invoice's balance fell below zero (a fee reversed after it was paid, an amount lowered),
 * the newest allocations give the excess back to their payments as customer credit.
 */
async function releaseExcess(q: Queryable, orgId: string, invoiceIds: string[]): Promise<void> {
  const negative = await q.query<{ id: string; balance: number }>(
    'SELECT id, balance FROM invoices WHERE org_id = $1 AND id = ANY($2::text[]) AND balance < 0',
    [orgId, invoiceIds],
  );
  for (const inv of negative) {
    let excess = -inv.balance;
    const allocs = await q.query<{ id: string; payment_id: string; amount: number }>(
      `SELECT id, payment_id, amount FROM allocations WHERE invoice_id = $1 AND reversed_at IS NULL
       ORDER BY created_at DESC, id DESC`, [inv.id]);
    for (const a of allocs) {
      if (excess <= 0) break;
      const take = Math.min(excess, a.amount);
      if (take === a.amount) await q.query('UPDATE allocations SET reversed_at = now() WHERE id = $1', [a.id]);
      else await q.query('UPDATE allocations SET amount = amount - $2 WHERE id = $1', [a.id, take]);
      await q.query('UPDATE payments SET unapplied = unapplied + $2 WHERE id = $1', [a.payment_id, take]);
      excess -= take;
    }
    if (excess < inv.balance * -1) await refreshInvoices(q, orgId, [inv.id]);
  }
}
