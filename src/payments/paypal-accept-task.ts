// A PayPal capture PENDING until the merchant acts in PayPal (accept the payment, set up or verify its account;
// gateways/paypal-pending.ts) put before a person: while its hold is open, a high-priority review task on the customer's
// case says what to do there, the amount and the wait's end, due the day it opens, in the org's language
// (paypal-accept-text.ts); once per capture whatever the webhooks, repeats or nightly checks. The hold's end completes it:
// the payment completed, declined or denied, or the wait run out. The opening is a case timeline entry (its data lets the
// web write it in the reader's language) and an audit record; so is the completion's audit record.
import type { Queryable } from '../db/index.ts';
import { dateInZone, type CalendarDate } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { addCaseEvent } from '../engine/index.ts';
import type { PaymentFacts } from './gateways/index.ts';
import { MERCHANT_ACTION_METHODS } from './gateways/paypal-pending.ts';
import type { LinkRow } from './links-store.ts';
import { openReviewTask } from './disputes-task.ts';
import { wording } from './gateway-dispute-tasks.ts';
import { acceptNote, acceptOutcome, merchantAction, type AcceptEnd } from './paypal-accept-text.ts';

/** The worklist key of the task: one per capture. */
export const acceptTaskKey = (captureRef: string): string => `paypal-accept:${captureRef}`;

interface OpenHold { id: string; customer_id: string; hold_until: CalendarDate; amount: number; currency: string }

/**
 * Opens the task for a capture PENDING on the merchant's action, when its hold is open (a capture already completed or
 * ended asks nothing) and no task has its key yet.
 */
export async function askMerchantToAct(q: Queryable, orgId: string, actor: string, f: PaymentFacts, link: LinkRow, now: Date): Promise<void> {
  const d = f.debit;
  const action = f.provider === 'paypal' && d?.state === 'processing' ? merchantAction(d.method, d.reason) : null;
  if (!action) return;
  const [hold] = await q.query<OpenHold>(
    `SELECT id, customer_id, hold_until::text AS hold_until, amount::float8 AS amount, currency FROM agent_claims
     WHERE org_id = $1 AND source = 'debit' AND provider = 'paypal' AND payment_ref = $2 AND status = 'open'`, [orgId, f.paymentRef]);
  if (!hold) return;
  const w = await wording(q, orgId);
  const reason = d?.reason ?? null;
  const note = acceptNote(w, action, { capture: f.paymentRef, link: link.id, amount: hold.amount, currency: hold.currency, reason, until: hold.hold_until });
  // due the day it opens: PayPal returns the payment to the payer if it is not accepted within 30 days
  const due = dateInZone(now, w.zone);
  const task = await openReviewTask(q, orgId, hold.customer_id, acceptTaskKey(f.paymentRef), note, due, now);
  if (!task) return;
  const data = { task_id: task.id, provider: 'paypal', payment_ref: f.paymentRef, link_id: link.id, hold_id: hold.id, action, reason,
    amount: hold.amount, currency: hold.currency, until: hold.hold_until, due_date: due };
  if (task.case_id) await addCaseEvent(q, orgId, task.case_id, 'payment_accept_requested', note, data, now);
  await recordAudit(q, { orgId, actor, action: 'gateway.accept_requested', entity: 'customer', entityId: hold.customer_id, data }, now);
}

/** An ended hold, as in-flight.ts has it. */
interface EndedHold { provider: string; payment_ref: string; method: string | null; hold_until: CalendarDate; customer_id: string }

/** Completes the capture's task as its hold ends: `confirmed` (paid), or `expired` failed (`why` given) or run out. */
export async function completeMerchantTask(q: Queryable, orgId: string, h: EndedHold, status: 'confirmed' | 'expired', why: string | undefined, now: Date): Promise<void> {
  if (h.provider !== 'paypal' || !MERCHANT_ACTION_METHODS.has(h.method ?? '')) return;
  const end: AcceptEnd = status === 'confirmed' ? 'paid' : why ? 'failed' : 'ran_out';
  const outcome = acceptOutcome(await wording(q, orgId), end, h.payment_ref, h.hold_until);
  const [task] = await q.query<{ id: string }>(
    `UPDATE tasks SET status = 'done', outcome = $3, completed_at = $4::timestamptz, completed_by = 'gateway:paypal'
     WHERE org_id = $1 AND idempotency_key = $2 AND status = 'open' RETURNING id`, [orgId, acceptTaskKey(h.payment_ref), outcome, now.toISOString()]);
  if (!task) return;
  await recordAudit(q, { orgId, actor: 'gateway:paypal', action: 'gateway.accept_task_done', entity: 'customer', entityId: h.customer_id,
    data: { task_id: task.id, payment_ref: h.payment_ref, end, outcome } }, now);
}
