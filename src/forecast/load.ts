// What the forecast reads from the ledger, the latest scores, promises and plans, and what came in after the fact.
import type { Queryable } from '../db/index.ts';
import { addDays, type CalendarDate } from '../domain/dates.ts';
import type { PendingAmount } from './project.ts';
import type { CustomerCredit } from './credit.ts';
import { PLAN_PAID } from '../payments/index.ts';

export interface OpenInvoiceRow {
  id: string; customer_id: string; currency: string; balance: number; due_date: CalendarDate;
  probability_late: number | null; expected_days_late: number | null; expected_recovery: number | null;
}

const FORECASTABLE = `status IN ('open', 'partially_paid', 'disputed')`;

/**
 * Open invoices with a balance that the forecast takes one by one: those scored in the org's latest finished run (with
 * their score) and those of a customer with a pending promise or unapplied credit in their currency (which net them). Invoices in an
 * active plan are left out: the plan's instalments stand for them. Every other open invoice is in `unscoredTotals`.
 */
export async function openInvoices(q: Queryable, org: string): Promise<OpenInvoiceRow[]> {
  const rows = await q.query<OpenInvoiceRow & { balance: string | number; expected_recovery: string | number | null }>(
    `WITH ${SINGLED_OUT}
     SELECT i.id, i.customer_id, i.currency, i.balance, i.due_date::text AS due_date,
            s.probability_late, s.expected_days_late, s.expected_recovery
     FROM invoices i
     LEFT JOIN scores s ON s.run_id = (SELECT id FROM run) AND s.invoice_id = i.id
     WHERE i.id IN (SELECT id FROM singled) AND i.id NOT IN (SELECT id FROM planned)
     ORDER BY i.due_date, i.id`, [org]);
  return rows.map((r) => ({ ...r, balance: Number(r.balance), expected_recovery: r.expected_recovery === null ? null : Number(r.expected_recovery) }));
}

/** $1 org: payments leaving unapplied credit (through their partial index, migration 135). */
const CREDIT = `org_id = $1 AND unapplied > 0 AND reversed_at IS NULL`;

/**
 * $1 org: the latest finished run, invoices in active plans, and the open invoices taken one by one (plans included):
 * scored, in a plan, or of a customer with a pending promise or unapplied credit in their currency (netted one by one).
 */
const SINGLED_OUT = `
  run AS (SELECT id FROM score_runs WHERE org_id = $1 AND status = 'done' ORDER BY started_at DESC, id DESC LIMIT 1),
  planned AS (SELECT unnest(invoice_ids) AS id FROM plans WHERE org_id = $1 AND status = 'active'),
  netted AS (SELECT DISTINCT customer_id, currency FROM promises WHERE org_id = $1 AND status = 'pending'
    UNION SELECT customer_id, currency FROM payments WHERE ${CREDIT}),
  -- each part through its own index (scores by run, invoices by id and by customer), never a pass over every invoice
  singled AS (
    SELECT i.id FROM invoices i
    WHERE i.id IN (
        SELECT invoice_id FROM scores WHERE run_id = (SELECT id FROM run)
        UNION SELECT id FROM planned
        UNION SELECT v.id FROM netted p JOIN invoices v ON v.customer_id = p.customer_id AND v.org_id = $1 AND v.currency = p.currency)
      AND i.org_id = $1 AND i.balance > 0 AND i.${FORECASTABLE})`;

/** Open invoices with no score, no pending promise and no plan, summed per currency and due date (sum and sum of squares). */
export interface UnscoredGroup { currency: string; due_date: CalendarDate; balance: number; squares: number; invoices: number }

/** The stored open totals (receivable_totals) less the invoices taken one by one: what the heuristic weighs by due date. */
export async function unscoredTotals(q: Queryable, org: string): Promise<UnscoredGroup[]> {
  const rows = await q.query<{ currency: string; due_date: string; balance: string | number; squares: string | number; invoices: string | number }>(
    `WITH ${SINGLED_OUT},
     x AS (
       SELECT currency, due_date, balance::numeric AS balance, balance_sq AS squares, invoices FROM receivable_totals
       WHERE org_id = $1 AND ${FORECASTABLE}
       UNION ALL
       SELECT currency, due_date, -balance, -(balance::numeric * balance), -1 FROM invoices WHERE id IN (SELECT id FROM singled))
     SELECT currency, due_date::text AS due_date, sum(balance) AS balance, sum(squares) AS squares, sum(invoices) AS invoices
     FROM x GROUP BY currency, due_date HAVING sum(invoices) > 0 ORDER BY currency, due_date`, [org]);
  return rows.map((r) => ({ currency: r.currency, due_date: r.due_date, balance: Number(r.balance), squares: Number(r.squares), invoices: Number(r.invoices) }));
}

/** Each customer's unapplied credit per currency: what their payments (not reversed) left unallocated. */
export async function customerCredits(q: Queryable, org: string): Promise<CustomerCredit[]> {
  const rows = await q.query<{ customer_id: string; currency: string; amount: string | number }>(
    `SELECT customer_id, currency, sum(unapplied) AS amount FROM payments WHERE ${CREDIT}
     GROUP BY customer_id, currency ORDER BY customer_id, currency`, [org]);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

/**
 * Pending promises, each less what the customer has paid in its currency since it was made (payments not reversed, as
 * the promise is judged): a promise paid early, in whole or in part, is not expected again.
 */
export async function pendingPromises(q: Queryable, org: string): Promise<(PendingAmount & { customer_id: string })[]> {
  const rows = await q.query<{ customer_id: string; currency: string; amount: string | number; date: string }>(
    `SELECT p.customer_id, p.currency, p.amount - coalesce((SELECT sum(pay.amount) FROM payments pay WHERE pay.org_id = $1 AND pay.customer_id = p.customer_id
       AND pay.currency = p.currency AND pay.reversed_at IS NULL AND pay.date >= p.made_on), 0) AS amount, p.due_date::text AS date
     FROM promises p WHERE p.org_id = $1 AND p.status = 'pending'`, [org]);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) })).filter((r) => r.amount > 0);
}

/**
 * What is left to pay of the instalments of active plans falling due after the as-of date. What the plan's invoices
 * no longer owe of its total has been paid towards it and goes to the instalments in order (PLAN_PAID, as the plan is
 * judged): an instalment paid early, in whole or in part, is not expected again.
 */
export async function pendingInstalments(q: Queryable, org: string, asOf: CalendarDate): Promise<(PendingAmount & { customer_id: string })[]> {
  const rows = await q.query<{ customer_id: string; currency: string; amount: string | number; date: string }>(
    `WITH plan AS (SELECT p.id, p.customer_id, p.currency, ${PLAN_PAID} AS paid FROM plans p WHERE p.org_id = $1 AND p.status = 'active'),
     inst AS (SELECT p.customer_id, p.currency, p.paid, i.amount, i.due_date, sum(i.amount) OVER (PARTITION BY i.plan_id ORDER BY i.seq) AS through
              FROM plan_instalments i JOIN plan p ON p.id = i.plan_id WHERE i.org_id = $1)
     SELECT customer_id, currency, least(amount, greatest(0, through - paid)) AS amount, due_date::text AS date
     FROM inst WHERE due_date > $2 AND through - paid > 0`, [org, asOf]);
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

/** Payments received (not reversed) per currency and day, from `from` to `to` included, from the stored daily totals. */
export async function receivedByDay(q: Queryable, org: string, from: CalendarDate, to: CalendarDate): Promise<{ currency: string; date: string; amount: number }[]> {
  const rows = await q.query<{ currency: string; date: string; amount: string | number }>(
    `SELECT currency, date::text AS date, amount FROM payments_daily
     WHERE org_id = $1 AND NOT reversed AND date BETWEEN $2 AND $3`, [org, from, to]);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}
