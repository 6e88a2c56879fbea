// The org's history the learned lifts read, set-based in one statement: the customer-days after a person acted (a task
// worked or finished by a person, a call logged), and customer-days on a weekly grid with no one acting, each with what
// was past due on the customer the day before, whether they paid at least a share of it within the window, and the
// stratum they are compared in (days past due, risk band, currency and order of magnitude of the balance).
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';
import type { ActedCount, LiftHistory, StratumCount } from './lift-estimate.ts';
import { ACTION_OF_SQL, type Action } from './value.ts';

export interface HistoryWindow {
  /** First and last day an action or a comparison day may fall on (the last leaves `days` whole days of outcome before today). */
  since: CalendarDate; until: CalendarDate;
  /** Days after the action (its own day included) a payment counts in. */
  days: number;
  /** The share of what was past due the customer must pay in the window (0..1). */
  share: number;
  timeZone: string;
}

/** Tasks a person acted on: worked (a call logged on it) or finished by a user, an API key or the CLI (not closed by a payment or a gateway). */
const PERSON_ACTED = `(t.worked_at IS NOT NULL OR t.status = 'done' AND (t.completed_by LIKE 'user:%' OR t.completed_by LIKE 'key:%' OR t.completed_by = 'cli'))`;

/** Instants from the day before $2 to the day after the last day an action can still stop a comparison ($3 + $4), for the indexes; the exact day is taken in the zone. */
const inRange = (col: string) => `${col} >= ($2::date - 1)::timestamp AT TIME ZONE 'UTC' AND ${col} < ($3::date + $4::int + 1)::timestamp AT TIME ZONE 'UTC'`;

/** Past due per invoice at the end of the day before `d`, from the ledger's balance steps (migration 042). */
const OWED = `
  SELECT x.src, i.customer_id, x.d, i.currency, i.due_date, sum(s.amount) AS bal
  FROM %UNITS% JOIN invoice_balance_steps s ON s.invoice_id = i.id AND s.org_id = $1 AND s.date < x.d
  GROUP BY x.src, i.customer_id, x.d, i.id, i.currency, i.due_date HAVING sum(s.amount) > 0`;

export async function liftHistory(q: Queryable, orgId: string, w: HistoryWindow): Promise<LiftHistory> {
  const rows = await q.query<{ action: Action | null; stratum: string; n: number; paid: number }>(
    `WITH acted AS (
       SELECT DISTINCT t.customer_id, (COALESCE(t.worked_at, t.completed_at) AT TIME ZONE $6)::date AS d, ${ACTION_OF_SQL} AS action
       FROM tasks t WHERE t.org_id = $1 AND t.case_id <> '' AND ${PERSON_ACTED} AND ${inRange('COALESCE(t.worked_at, t.completed_at)')}
       UNION
       -- a call logged on no task (one logged on a task has marked it worked)
       SELECT c.customer_id, (e.at AT TIME ZONE $6)::date, 'call' FROM case_events e JOIN cases c ON c.org_id = e.org_id AND c.id = e.case_id
       WHERE e.org_id = $1 AND e.kind = 'call_logged' AND e.data->>'task_id' IS NULL AND ${inRange('e.at')}),
     grid AS (SELECT g::date AS d FROM generate_series($2::date, $3::date, interval '7 days') g),
     owed AS (
       ${OWED.replace('%UNITS%', `(SELECT DISTINCT 'a' AS src, customer_id, d FROM acted WHERE d BETWEEN $2::date AND $3::date) x
         JOIN invoices i ON i.org_id = $1 AND i.customer_id = x.customer_id AND i.due_date < x.d`)}
       UNION ALL
       ${OWED.replace('%UNITS%', `(SELECT 'g' AS src, NULL::text AS customer_id, d FROM grid) x JOIN invoices i ON i.org_id = $1 AND i.due_date < x.d`)}),
     unit AS (
       SELECT src, customer_id, d, currency, sum(bal) AS past_due, d - min(due_date) AS days_late FROM owed GROUP BY src, customer_id, d, currency),
     measured AS (
       SELECT u.src, u.customer_id, u.d,
         CASE WHEN u.days_late <= 30 THEN '1-30' WHEN u.days_late <= 60 THEN '31-60' WHEN u.days_late <= 90 THEN '61-90'
              WHEN u.days_late <= 180 THEN '91-180' ELSE '181+' END
           || '|' || COALESCE(cr.band, 'none') || '|' || u.currency || ':' || floor(log(u.past_due::numeric))::int AS stratum,
         (SELECT COALESCE(sum(l.amount), 0) FROM payments p JOIN allocations l ON l.payment_id = p.id AND l.org_id = $1 AND l.reversed_at IS NULL
          WHERE p.org_id = $1 AND p.customer_id = u.customer_id AND p.currency = u.currency AND p.date >= u.d AND p.date < u.d + $4::int)
           >= ceil($5::float8 * u.past_due) AS paid
       FROM unit u LEFT JOIN customer_risk cr ON cr.org_id = $1 AND cr.customer_id = u.customer_id)
     SELECT a.action, m.stratum, count(*)::int AS n, (count(*) FILTER (WHERE m.paid))::int AS paid
     FROM measured m JOIN acted a ON a.customer_id = m.customer_id AND a.d = m.d WHERE m.src = 'a' GROUP BY a.action, m.stratum
     UNION ALL
     SELECT NULL, m.stratum, count(*)::int, (count(*) FILTER (WHERE m.paid))::int FROM measured m
     WHERE m.src = 'g' AND NOT EXISTS (SELECT 1 FROM acted a WHERE a.customer_id = m.customer_id AND a.d >= m.d AND a.d < m.d + $4::int)
     GROUP BY m.stratum`,
    [orgId, w.since, w.until, w.days, w.share, w.timeZone]);
  const acted: ActedCount[] = [];
  const untouched: StratumCount[] = [];
  for (const r of rows) {
    if (r.action) acted.push({ action: r.action, stratum: r.stratum, n: r.n, paid: r.paid });
    else untouched.push({ stratum: r.stratum, n: r.n, paid: r.paid });
  }
  return { acted, untouched };
}
