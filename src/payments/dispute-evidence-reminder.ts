// The task that keeps a gateway dispute's evidence from falling due unanswered: opened with the draft (the first time the
// evidence is read or saved) while the dispute is open and has a deadline, due two days before the gateway's deadline in
// the org's time zone (today when that is sooner), once per dispute; completed when the evidence is submitted, or when
// the gateway closes the dispute first (gateway-dispute-tasks.ts).
import type { Queryable } from '../db/index.ts';
import { addDays, dateInZone, type CalendarDate } from '../domain/dates.ts';
import { openReviewTask } from './disputes-task.ts';
import { getOrg } from '../orgs/index.ts';
import type { GatewayDisputeRef } from './dispute-evidence-store.ts';

export const REMINDER_DAYS_BEFORE = 2;
const GATEWAY_NAME = { stripe: 'Stripe', adyen: 'Adyen' } as const;

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
