// What happened to each customer assigned to an experiment (intent to treat: their first arm, whatever their case did
// after), from its start to the as-of date, read from the ledger, the messages and the opt-out records.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';
import type { Arm } from './assign.ts';
import type { Experiment } from './store.ts';

/** One assigned customer's outcome. Amounts are minor units, per currency (never added across currencies). */
export interface CustomerOutcome {
  customer_id: string; arm: Arm;
  /** Collected in the period and still open at its end, per currency the customer owed or paid in by then. */
  by_currency: { currency: string; collected: number; open_balance: number }[];
  paid_days_weighted: number; paid_allocated: number;
  contacts: number; opted_out: boolean; cost: { currency: string; micros: number }[];
}

/**
 * Suppressions that are the debtor's own opt-out: a STOP keyword, an opt-out said in a reply, the unsubscribe link, the
 * portal, one recorded through the API (`POST /v1/customers/:id/suppressions`), and a provider's report that the person
 * opted out. Left out: wrong numbers and wrong parties, erasure, and a provider's bounced or invalid address.
 */
export const OPT_OUT_SOURCES = ['keyword', 'free_text', 'unsubscribe', 'portal', 'api'] as const;
// a provider's suppressions say why in these words (src/worker/dispatch.ts, src/worker/inbound/apply.ts)
const NOT_AN_OPT_OUT = ['% contact is invalid%', '% contact is bounced%'];

// Not reversed by the end of the as-of day: a reversal counts from its UTC day, as the ledger's balance steps take it.
const LIVE = (t: string) => `(${t}.reversed_at IS NULL OR (${t}.reversed_at AT TIME ZONE 'UTC')::date > $4::date)`;

// What the ledger held of the as-of date, not today's figures: the open balance is the sum of each invoice's stored balance
// steps dated by then (invoice_balance_steps, migration 042: its balance floored at zero at the end of that day, as the
// dashboard's overdue trend reads it), and collected is the allocations that reduced a balance in the period (on the day
// the steps take them: their payment's date, or the invoice's issue date when the money came before it) and were not
// reversed by its end. A payment or fee dated later, or a reversal made later, changes nothing of an earlier date (one
// booked later with an earlier date counts on its date, as the steps take it).
const OUTCOMES_SQL = `
  WITH opened AS (
    SELECT i.customer_id, s.currency, sum(s.amount) AS amount FROM experiment_assignments a
    JOIN invoices i ON i.org_id = a.org_id AND i.customer_id = a.customer_id
    JOIN invoice_balance_steps s ON s.org_id = i.org_id AND s.invoice_id = i.id AND s.date <= $4::date
    WHERE a.org_id = $1 AND a.experiment_id = $2 GROUP BY i.customer_id, s.currency HAVING sum(s.amount) > 0),
  alloc AS (
    SELECT p.customer_id, i.currency, x.amount, GREATEST(p.date, i.issue_date) AS d, i.due_date FROM experiment_assignments a
    JOIN payments p ON p.org_id = a.org_id AND p.customer_id = a.customer_id
    JOIN allocations x ON x.payment_id = p.id JOIN invoices i ON i.id = x.invoice_id
    WHERE a.org_id = $1 AND a.experiment_id = $2 AND GREATEST(p.date, i.issue_date) BETWEEN $3 AND $4 AND ${LIVE('x')} AND ${LIVE('p')}),
  paid AS (SELECT customer_id, currency, sum(amount) AS amount FROM alloc GROUP BY customer_id, currency),
  days AS (SELECT customer_id, sum(amount * (d - due_date)) AS paid_days, sum(amount) AS paid_allocated FROM alloc GROUP BY customer_id)
  SELECT a.customer_id, a.arm,
    (SELECT jsonb_agg(jsonb_build_object('currency', k.currency,
        'collected', coalesce((SELECT amount FROM paid WHERE paid.customer_id = a.customer_id AND paid.currency = k.currency), 0),
        'open_balance', coalesce((SELECT amount FROM opened WHERE opened.customer_id = a.customer_id AND opened.currency = k.currency), 0)) ORDER BY k.currency)
     FROM (SELECT currency FROM paid WHERE paid.customer_id = a.customer_id UNION SELECT currency FROM opened WHERE opened.customer_id = a.customer_id
           -- owing and paying nothing then (paid before, written off, cancelled): the currencies of their invoices by then, with a share of 0
           UNION SELECT currency FROM invoices i WHERE i.org_id = $1 AND i.customer_id = a.customer_id AND i.issue_date <= $4::date
             AND NOT EXISTS (SELECT 1 FROM paid WHERE paid.customer_id = a.customer_id) AND NOT EXISTS (SELECT 1 FROM opened WHERE opened.customer_id = a.customer_id)) k) AS by_currency,
    coalesce(days.paid_days, 0) AS paid_days, coalesce(days.paid_allocated, 0) AS paid_allocated,
    (SELECT count(*) FROM messages m WHERE m.org_id = $1 AND m.customer_id = a.customer_id AND m.status IN ('sent', 'delivered', 'read')
       AND m.created_at >= $3::date AND m.created_at < ($4::date + 1)) AS contacts,
    (EXISTS (SELECT 1 FROM suppressions s WHERE s.org_id = $1 AND s.customer_id = a.customer_id AND s.at >= $3::date AND s.at < ($4::date + 1)
       AND (s.source = ANY($5::text[]) OR (s.source = 'provider' AND NOT s.reason LIKE ANY($6::text[]))))
     OR EXISTS (SELECT 1 FROM consents k WHERE k.org_id = $1 AND k.customer_id = a.customer_id AND k.revoked_at >= $3::date AND k.revoked_at < ($4::date + 1))) AS opted_out,
    (SELECT jsonb_agg(jsonb_build_object('currency', currency, 'micros', micros)) FROM (SELECT m.cost_currency AS currency, sum(m.cost_micros) AS micros
       FROM messages m WHERE m.org_id = $1 AND m.customer_id = a.customer_id AND m.cost_micros IS NOT NULL
       AND m.created_at >= $3::date AND m.created_at < ($4::date + 1) GROUP BY m.cost_currency) y) AS cost
  FROM experiment_assignments a LEFT JOIN days ON days.customer_id = a.customer_id
  WHERE a.org_id = $1 AND a.experiment_id = $2 AND a.assigned_at < ($4::date + 1) ORDER BY a.customer_id`;

/** Each customer assigned to the experiment by the as-of date, in the arm they were first assigned to. */
export async function customerOutcomes(q: Queryable, org: string, e: Experiment, asOf: CalendarDate): Promise<CustomerOutcome[]> {
  const n = (x: unknown) => Number(x ?? 0);
  const rows = await q.query<{ customer_id: string; arm: Arm; by_currency: { currency: string; collected: unknown; open_balance: unknown }[] | null;
    paid_days: unknown; paid_allocated: unknown; contacts: unknown; opted_out: boolean; cost: { currency: string; micros: unknown }[] | null }>(
    OUTCOMES_SQL, [org, e.id, e.started_on, asOf, OPT_OUT_SOURCES, NOT_AN_OPT_OUT]);
  return rows.map((r) => ({ customer_id: r.customer_id, arm: r.arm,
    by_currency: (r.by_currency ?? []).map((x) => ({ currency: x.currency, collected: n(x.collected), open_balance: n(x.open_balance) })),
    paid_days_weighted: n(r.paid_days), paid_allocated: n(r.paid_allocated), contacts: n(r.contacts), opted_out: r.opted_out,
    cost: (r.cost ?? []).map((x) => ({ currency: x.currency, micros: n(x.micros) })) }));
}
