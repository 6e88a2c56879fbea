// What the forecast reads from the ledger, the latest scores, promises and plans, and what came in after the fact.
import type { Queryable } from '../db/index.ts';
import { addDays, type CalendarDate } from '../domain/dates.ts';
import type { PendingAmount } from './project.ts';

export interface OpenInvoiceRow {
  id: string; customer_id: string; currency: string; balance: number; due_date: CalendarDate;
  probability_late: number | null; expected_days_late: number | null; expected_recovery: number | null;
}

/**
 * Open invoices with a balance, each with its score from the org's latest finished run when it has one. Invoices
 * in an active plan are left out: the plan's instalments stand for them.
 */
export async function openInvoices(q: Queryable, org: string): Promise<OpenInvoiceRow[]> {
  const rows = await q.query<OpenInvoiceRow & { balance: string | number; expected_recovery: string | number | null }>(
    `WITH run AS (SELECT id FROM score_runs WHERE org_id = $1 AND status = 'done' ORDER BY started_at DESC, id DESC LIMIT 1)
     SELECT i.id, i.customer_id, i.currency, i.balance, i.due_date::text AS due_date,
            s.probability_late, s.expected_days_late, s.expected_recovery
     FROM invoices i
     LEFT JOIN scores s ON s.run_id = (SELECT id FROM run) AND s.invoice_id = i.id
     WHERE i.org_id = $1 AND i.balance > 0 AND i.status IN ('open', 'partially_paid', 'disputed')
       AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.org_id = $1 AND p.status = 'active' AND i.id = ANY(p.invoice_ids))
     ORDER BY i.due_date, i.id`, [org]);
  return rows.map((r) => ({ ...r, balance: Number(r.balance), expected_recovery: r.expected_recovery === null ? null : Number(r.expected_recovery) }));
}

export async function pendingPromises(q: Queryable, org: string): Promise<(PendingAmount & { customer_id: string })[]> {
  const rows = await q.query<{ customer_id: string; currency: string; amount: string | number; date: string }>(
    `SELECT customer_id, currency, amount, due_date::text AS date FROM promises WHERE org_id = $1 AND status = 'pending'`, [org]);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

/** Instalments of active plans falling due after the as-of date. */
export async function pendingInstalments(q: Queryable, org: string, asOf: CalendarDate): Promise<PendingAmount[]> {
  const rows = await q.query<{ currency: string; amount: string | number; date: string }>(
    `SELECT p.currency, i.amount, i.due_date::text AS date FROM plan_instalments i JOIN plans p ON p.id = i.plan_id
     WHERE i.org_id = $1 AND p.status = 'active' AND i.due_date > $2`, [org, asOf]);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

/**
 * The org's kept-promise rate, money-weighted: what was paid towards promises judged in the year before the as-of
 * date over what they promised. Null when none was judged.
 */
export async function keptPromiseRate(q: Queryable, org: string, asOf: CalendarDate): Promise<number | null> {
  const [r] = await q.query<{ promised: string | number | null; paid: string | number | null }>(
    `SELECT sum(amount) AS promised, sum(least(coalesce(paid, 0), amount)) AS paid FROM promises
     WHERE org_id = $1 AND status IN ('kept', 'partly_kept', 'broken') AND due_date <= $2 AND due_date > $3`,
    [org, asOf, addDays(asOf, -365)]);
  const promised = Number(r?.promised ?? 0);
  return promised > 0 ? Number(r?.paid ?? 0) / promised : null;
}

/** Payments received (not reversed) per currency and day, from `from` to `to` included. */
export async function receivedByDay(q: Queryable, org: string, from: CalendarDate, to: CalendarDate): Promise<{ currency: string; date: string; amount: number }[]> {
  const rows = await q.query<{ currency: string; date: string; amount: string | number }>(
    `SELECT currency, date::text AS date, sum(amount) AS amount FROM payments
     WHERE org_id = $1 AND reversed_at IS NULL AND date BETWEEN $2 AND $3 GROUP BY currency, date`, [org, from, to]);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}
