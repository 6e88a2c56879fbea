// An Adyen fraud notice (NOTIFICATION_OF_FRAUD: the issuer's TC40 or SAFE report, no money taken) that no chargeback
// followed: once the card schemes' window for a fraud chargeback has passed (120 calendar days from the payment date,
// docs.adyen.com "Disputes": fraud), none can come, so the worker completes its review task with that outcome in the
// org's language, on the timeline and in the audit log. The dispute's state is left as Adyen last said it: a chargeback
// that arrived all the same would still debit the payment and be recorded.
import type { Queryable } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { addCaseEvent } from '../engine/index.ts';
import { fraudLapsedText } from './gateway-dispute-text.ts';
import { caseOf, gatewayDisputeKey, wording } from './gateway-dispute-tasks.ts';

/** The card schemes' time limit for a fraud chargeback, in days from the payment (Visa 10.4, Mastercard 4837: 120). */
export const FRAUD_CHARGEBACK_DAYS = 120;
const DAY_MS = 86_400_000;
const ACTOR = 'system:fraud-notice-window';

export interface FraudNoticeRound { completed: string[] }

/** Completes the review task of each fraud notice still open whose window has passed; the tasks' ids. */
export async function completeLapsedFraudNotices(q: Queryable, orgId: string, now: Date): Promise<FraudNoticeRound> {
  const rows = await q.query<{ payment_ref: string; customer_id: string; currency: string; paid: string; dispute_id: string }>(
    `SELECT g.payment_ref, g.customer_id, g.currency, COALESCE(g.paid_at, g.created_at)::text AS paid, d.key AS dispute_id
     FROM gateway_payments g, jsonb_each(g.disputes) d
     WHERE g.org_id = $1 AND g.provider = 'adyen' AND d.value ->> 'kind' = 'fraud' AND d.value ->> 'status' = 'open'
       AND COALESCE(g.paid_at, g.created_at) <= $2::timestamptz ORDER BY g.payment_ref`,
    [orgId, new Date(now.getTime() - FRAUD_CHARGEBACK_DAYS * DAY_MS).toISOString()]);
  const completed: string[] = [];
  if (rows.length === 0) return { completed };
  const w = await wording(q, orgId);
  for (const r of rows) {
    const endsAt = new Date(Date.parse(r.paid) + FRAUD_CHARGEBACK_DAYS * DAY_MS).toISOString();
    const outcome = fraudLapsedText(w, 'adyen', r.payment_ref, FRAUD_CHARGEBACK_DAYS, endsAt);
    const [task] = await q.query<{ id: string; case_id: string }>(
      `UPDATE tasks SET status = 'done', outcome = $3, completed_at = $4::timestamptz, completed_by = $5
       WHERE org_id = $1 AND idempotency_key = $2 AND status = 'open' RETURNING id, case_id`,
      [orgId, gatewayDisputeKey('adyen', r.dispute_id), outcome, now.toISOString(), ACTOR]);
    if (!task) continue;
    completed.push(task.id);
    const data = { task_id: task.id, provider: 'adyen', dispute_id: r.dispute_id, payment_ref: r.payment_ref, kind: 'fraud', status: 'lapsed',
      window_days: FRAUD_CHARGEBACK_DAYS, window_ends_at: endsAt, currency: r.currency, money_held: false };
    const caseId = task.case_id || await caseOf(q, orgId, r.customer_id);
    if (caseId) await addCaseEvent(q, orgId, caseId, 'payment_dispute_closed', outcome, data, now);
    await recordAudit(q, { orgId, actor: ACTOR, action: 'gateway.fraud_notice_lapsed', entity: 'customer', entityId: r.customer_id, data }, now);
  }
  return { completed };
}
