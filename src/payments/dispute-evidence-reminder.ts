// The task that keeps a gateway dispute's evidence from falling due unanswered: opened with the draft (the first time the
// evidence is read or saved), or by the nightly gateway check once the deadline is REMIND_WITHIN_DAYS away and no evidence
// was submitted, while the dispute is open and has a deadline, due two days before the gateway's deadline in
// the org's time zone (today when that is sooner), once per dispute; completed when the evidence is submitted, or when
// the gateway closes the dispute first (gateway-dispute-tasks.ts).
import type { Queryable } from '../db/index.ts';
import { addDays, dateInZone, type CalendarDate } from '../domain/dates.ts';
import { openReviewTask } from './disputes-task.ts';
import { getOrg } from '../orgs/index.ts';
import { disputeRef, type EvidenceProvider, type GatewayDisputeRef } from './dispute-evidence-store.ts';

export const REMINDER_DAYS_BEFORE = 2;
/** How close the deadline is when the nightly check opens a reminder no draft opened. */
export const REMIND_WITHIN_DAYS = 4;
const GATEWAY_NAME = { stripe: 'Stripe', adyen: 'Adyen', paypal: 'PayPal', mercadopago: 'Mercado Pago' } as const;

export const evidenceReminderKey = (d: Pick<GatewayDisputeRef, 'provider' | 'dispute_id'>): string => `gateway-dispute-evidence:${d.provider}:${d.dispute_id}`;

export interface EvidenceReminder { task_id: string; due_date: string; status: string }

export async function evidenceReminder(q: Queryable, orgId: string, d: GatewayDisputeRef): Promise<EvidenceReminder | null> {
  const [t] = await q.query<EvidenceReminder>(
    'SELECT id AS task_id, due_date::text AS due_date, status FROM tasks WHERE org_id = $1 AND idempotency_key = $2', [orgId, evidenceReminderKey(d)]);
  return t ?? null;
}

/** The reminder's due date: REMINDER_DAYS_BEFORE days before the deadline's day in the zone, never before today. */
export function reminderDue(respondBy: string, zone: string, now: Date): CalendarDate {
  const before = addDays(dateInZone(new Date(respondBy), zone), -REMINDER_DAYS_BEFORE);
  const today = dateInZone(now, zone);
  return before < today ? today : before;
}

/** Opens the reminder when the dispute is open with a deadline and none was opened yet. */
export async function ensureEvidenceReminder(q: Queryable, orgId: string, d: GatewayDisputeRef, now: Date): Promise<void> {
  if (d.status !== 'open' || !d.respond_by || Date.parse(d.respond_by) <= now.getTime()) return;
  const zone = (await getOrg(q, orgId))?.default_timezone ?? 'UTC';
  const note = `Evidence for dispute ${d.dispute_id} at ${GATEWAY_NAME[d.provider]} (payment ${d.payment_ref}) is due by ${d.respond_by}: `
    + `finish the draft in cobro and submit it before then (Disputes, evidence).`;
  await openReviewTask(q, orgId, d.customer_id, evidenceReminderKey(d), note, reminderDue(d.respond_by, zone, now), now);
}

/** Completes the reminder with what was done. */
export async function completeEvidenceReminder(q: Queryable, orgId: string, d: Pick<GatewayDisputeRef, 'provider' | 'dispute_id'>, outcome: string, actor: string, now: Date): Promise<void> {
  await q.query(
    `UPDATE tasks SET status = 'done', outcome = $3, completed_at = $4::timestamptz, completed_by = $5 WHERE org_id = $1 AND idempotency_key = $2 AND status = 'open'`,
    [orgId, evidenceReminderKey(d), outcome, now.toISOString(), actor]);
}

/**
 * The nightly part: each open Stripe, Adyen or PayPal dispute of the org whose deadline is at most REMIND_WITHIN_DAYS away, with
 * no evidence submitted and no reminder yet, gets its reminder (through the open-disputes partial index, migration 092).
 * How many were opened.
 */
export async function remindEvidenceDue(q: Queryable, orgId: string, now: Date): Promise<number> {
  const rows = await q.query<{ provider: EvidenceProvider; payment_ref: string; customer_id: string; link_id: string; currency: string; dispute_id: string; d: Record<string, unknown> }>(
    `SELECT g.provider, g.payment_ref, g.customer_id, g.link_id, g.currency, d.key AS dispute_id, d.value AS d
     FROM gateway_payments g CROSS JOIN LATERAL jsonb_each(g.disputes) d
     WHERE g.org_id = $1 AND g.provider IN ('stripe', 'adyen', 'paypal', 'mercadopago') AND g.disputes @? '$.* ? (@.status == "open")' AND d.value->>'status' = 'open'
       AND (d.value->>'respondBy')::timestamptz > $2::timestamptz AND (d.value->>'respondBy')::timestamptz <= $3::timestamptz
       AND NOT EXISTS (SELECT 1 FROM gateway_dispute_evidence e WHERE e.org_id = g.org_id AND e.provider = g.provider AND e.dispute_id = d.key AND e.status = 'submitted')
       AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.org_id = g.org_id AND t.idempotency_key = 'gateway-dispute-evidence:' || g.provider || ':' || d.key)`,
    [orgId, now.toISOString(), new Date(now.getTime() + REMIND_WITHIN_DAYS * 86_400_000).toISOString()]);
  for (const r of rows) await ensureEvidenceReminder(q, orgId, disputeRef(r, r.dispute_id), now);
  return rows.length;
}
