// The worklist's reads beside the engine's rows, one query each whatever the list's length: the customers' risk from the
// latest score run (read from the scores table, not recomputed) and the keys that say what made each task.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';

export interface CustomerRisk {
  /** The latest scores' probability of paying late, weighted by balance over the customer's scored invoices in the currency. */
  probabilityLate: number;
  /** Their expected recovery, summed (minor units). */
  expectedRecovery: number;
  /** P(recover | no action) on what is past due now: expected recovery over balance, weighted by today's balances; null: none of it scored. */
  recovery: number | null;
  /** The main reason of the largest invoice. */
  reason: string | null;
}

interface Row {
  customer_id: string; currency: string; probability_late: number; expected_recovery: string;
  past_due: string | null; recovered_past_due: number | null; reasons: { effect: number; text: string }[] | null;
}

/** Keyed `customer_id currency`; customers with no score in the run are absent. */
export async function customerRisks(q: Queryable, orgId: string, runId: string, customerIds: readonly string[], date: CalendarDate): Promise<Map<string, CustomerRisk>> {
  if (customerIds.length === 0) return new Map();
  // "past due" as the engine's worklist rows count it: open, undisputed, not cancelled, due before the day
  const rows = await q.query<Row>(
    `SELECT s.customer_id, s.currency,
       (sum(s.probability_late::float8 * s.balance) / sum(s.balance))::float8 AS probability_late,
       sum(s.expected_recovery)::text AS expected_recovery,
       sum(i.balance) FILTER (WHERE p.due)::text AS past_due,
       sum(i.balance * s.expected_recovery::float8 / s.balance) FILTER (WHERE p.due)::float8 AS recovered_past_due,
       (array_agg(s.reasons ORDER BY s.balance DESC, s.invoice_id))[1] AS reasons
     FROM scores s JOIN invoices i ON i.org_id = s.org_id AND i.id = s.invoice_id
       CROSS JOIN LATERAL (SELECT i.balance > 0 AND NOT i.cancelled AND NOT i.disputed AND i.due_date < $4::date AS due) p
     WHERE s.run_id = $1 AND s.org_id = $2 AND s.customer_id = ANY($3::text[]) AND s.balance > 0
     GROUP BY s.customer_id, s.currency`,
    [runId, orgId, [...new Set(customerIds)], date]);
  const out = new Map<string, CustomerRisk>();
  for (const r of rows) {
    const pastDue = Number(r.past_due ?? 0);
    const top = [...(r.reasons ?? [])].filter((x) => x.effect > 0).sort((a, b) => b.effect - a.effect)[0];
    out.set(`${r.customer_id} ${r.currency}`, { probabilityLate: Number(r.probability_late), expectedRecovery: Number(r.expected_recovery),
      recovery: pastDue > 0 ? Math.min(1, Math.max(0, Number(r.recovered_past_due) / pastDue)) : null, reason: top?.text ?? null });
  }
  return out;
}

/** Each task's action key (what made it: a dispute, an escalation, a callback, a strategy step and its event). */
export async function actionKeys(q: Queryable, orgId: string, taskIds: readonly string[]): Promise<Map<string, string>> {
  if (taskIds.length === 0) return new Map();
  const rows = await q.query<{ id: string; action_key: string }>('SELECT id, action_key FROM tasks WHERE org_id = $1 AND id = ANY($2::text[])', [orgId, [...taskIds]]);
  return new Map(rows.map((r) => [r.id, r.action_key]));
}
