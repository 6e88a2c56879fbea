// A dispute at a gateway (a Stripe chargeback, a PayPal claim or chargeback, a Mercado Pago mediation or chargeback) put
// before a person: the first time cobro sees it open, a high-priority review task on the customer's worklist names the
// gateway, the payments and the amount held, the gateway's reason and its evidence deadline (the task is due the day it
// opens, so it is on that day's worklist), once per dispute whatever the events, repeats or nightly checks; when the gateway closes
// it, that task is completed with the outcome; the words in the org's language (gateway-dispute-text.ts). Both are case
// timeline entries and audit records, whose data lets the web write them in the reader's language. Runs in the
// transaction that applies the dispute's facts (webhooks-apply.ts), after the payment's row is updated.
import type { Queryable } from '../db/index.ts';
import { dateInZone } from '../domain/dates.ts';
import { recordAudit } from '../audit/index.ts';
import { addCaseEvent } from '../engine/index.ts';
import { getOrg } from '../orgs/index.ts';
import type { DisputeFacts, GatewayName, PaymentFacts } from './gateways/index.ts';
import { adoptOrgTask, openReviewTask } from './disputes-task.ts';
import { closedText, openingNote, outcomeText, type DisputeState, type Holding, type Wording, wordingFor } from './gateway-dispute-text.ts';
import type { HeldState } from './webhooks-decide.ts';
import { completeEvidenceReminder } from './dispute-evidence-reminder.ts';

/** The worklist key of a gateway dispute's review task: one per dispute, however many payments it holds. */
export const gatewayDisputeKey = (provider: GatewayName, disputeId: string): string => `gateway-dispute:${provider}:${disputeId}`;

type Held = HeldState['disputes'][string];

/** The org's payments at this gateway that the dispute is about (PayPal shares one dispute over several captures). */
async function holdings(q: Queryable, orgId: string, provider: GatewayName, disputeId: string): Promise<Holding[]> {
  return q.query<Holding>(
    `SELECT payment_ref, currency, (disputes -> $3::text ->> 'amount')::bigint::float8 AS amount FROM gateway_payments
     WHERE org_id = $1 AND provider = $2 AND disputes -> $3::text IS NOT NULL ORDER BY payment_ref`, [orgId, provider, disputeId]);
}

/** The org's language, its country's way of writing numbers, and its time zone. */
export async function wording(q: Queryable, orgId: string): Promise<Wording> {
  const org = await getOrg(q, orgId);
  return wordingFor(org?.default_language, org?.country ?? undefined, org?.default_timezone ?? 'UTC');
}

export async function caseOf(q: Queryable, orgId: string, customerId: string): Promise<string> {
  const [c] = await q.query<{ id: string }>('SELECT id FROM cases WHERE org_id = $1 AND customer_id = $2', [orgId, customerId]);
  return c?.id ?? '';
}

/** What the records say of an opened (or escalated) dispute: enough for the timeline to write it in the reader's words. */
function openedData(f: PaymentFacts, d: DisputeState, is: Held, held: Holding[], taskId: string, due: string) {
  return { task_id: taskId, provider: f.provider, dispute_id: d.id, payment_ref: f.paymentRef, amount: is.amount, currency: f.currency ?? held[0]?.currency ?? null,
    reason: d.reason ?? null, respond_by: d.respondBy ?? null, due_date: due, kind: d.kind ?? 'chargeback', money_held: d.held !== false,
    payments: held.map((h) => ({ payment_ref: h.payment_ref, amount: Number(h.amount), currency: h.currency })) };
}

async function opened(q: Queryable, orgId: string, actor: string, f: PaymentFacts, d: DisputeState, is: Held, customerId: string, now: Date): Promise<void> {
  const held = await holdings(q, orgId, f.provider, d.id);
  const w = await wording(q, orgId);
  const note = openingNote(w, f.provider, d, held);
  // due the day it opens, so it is on today's worklist: the gateway's deadline is days away and the evidence takes time
  // to gather; the note and the records say the deadline
  const due = dateInZone(now, w.zone);
  const key = gatewayDisputeKey(f.provider, d.id);
  let task = await openReviewTask(q, orgId, customerId, key, note, due, now);
  if (!task) {
    // another payment of the same dispute (or a concurrent reading of it) opened the task: its note names them all now
    await q.query(`UPDATE tasks SET note = $3 WHERE org_id = $1 AND idempotency_key = $2 AND status = 'open'`, [orgId, key, note.slice(0, 1000)]);
    // or the dispute came before anything named its customer (an org-level task, gateway-dispute-early.ts): it joins their case now
    const joined = await adoptOrgTask(q, orgId, key, customerId);
    if (joined?.status !== 'open') return;
    task = joined;
  }
  const data = openedData(f, d, is, held, task.id, due);
  if (task.case_id) await addCaseEvent(q, orgId, task.case_id, 'payment_dispute_opened', note, data, now);
  await recordAudit(q, { orgId, actor, action: 'gateway.dispute_opened', entity: 'customer', entityId: customerId, data }, now);
}

/** An inquiry or a notice become a chargeback (money taken now): the same task, its note brought up to date, and both records. */
async function escalated(q: Queryable, orgId: string, actor: string, f: PaymentFacts, d: DisputeState, is: Held, customerId: string, now: Date): Promise<void> {
  const held = await holdings(q, orgId, f.provider, d.id);
  const w = await wording(q, orgId);
  const note = openingNote(w, f.provider, d, held);
  const [task] = await q.query<{ id: string; case_id: string; due_date: string }>(
    `UPDATE tasks SET note = $3 WHERE org_id = $1 AND idempotency_key = $2 AND status = 'open' RETURNING id, case_id, due_date::text AS due_date`,
    [orgId, gatewayDisputeKey(f.provider, d.id), note.slice(0, 1000)]);
  // a stage of a dispute that had already ended before its payment was recorded (its notifications applied again now)
  if (!task && await endedBeforePayment(q, orgId, customerId, f.provider, d.id)) return;
  const data = openedData(f, d, is, held, task?.id ?? '', task?.due_date ?? dateInZone(now, w.zone));
  const caseId = task?.case_id || await caseOf(q, orgId, customerId);
  if (caseId) await addCaseEvent(q, orgId, caseId, 'payment_dispute_escalated', note, data, now);
  await recordAudit(q, { orgId, actor, action: 'gateway.dispute_escalated', entity: 'customer', entityId: customerId, data }, now);
}

async function closed(q: Queryable, orgId: string, actor: string, f: PaymentFacts, d: DisputeFacts, taken: boolean, customerId: string, currency: string, now: Date): Promise<void> {
  const w = await wording(q, orgId);
  const outcome = outcomeText(w, f.provider, d, taken, f.paymentRef, currency);
  const [task] = await q.query<{ id: string; case_id: string }>(
    `UPDATE tasks SET status = 'done', outcome = $3, completed_at = $4::timestamptz, completed_by = $5
     WHERE org_id = $1 AND idempotency_key = $2 AND status = 'open' RETURNING id, case_id`,
    [orgId, gatewayDisputeKey(f.provider, d.id), outcome, now.toISOString(), actor]);
  // recorded already, before the payment was (gateway-dispute-early.ts): its notifications applied again add nothing
  if (!task && await endedBeforePayment(q, orgId, customerId, f.provider, d.id, d.status)) return;
  const caseId = task?.case_id || await caseOf(q, orgId, customerId);
  const data = { task_id: task?.id ?? null, provider: f.provider, dispute_id: d.id, payment_ref: f.paymentRef, status: d.status, outcome: d.outcome ?? null,
    settled_by: d.settledBy ?? null, amount: d.amount, currency, money_held: taken };
  const reason = closedText(w, f.provider, d.id, outcome, task?.id);
  // the evidence's reminder has nothing left to remind of (at Mercado Pago too: a later chargeback on the payment is its own dispute)
  await completeEvidenceReminder(q, orgId, { provider: f.provider, dispute_id: d.id }, outcome, actor, now);
  if (caseId) await addCaseEvent(q, orgId, caseId, 'payment_dispute_closed', reason, data, now);
  await recordAudit(q, { orgId, actor, action: 'gateway.dispute_closed', entity: 'customer', entityId: customerId, data }, now);
}

/**
 * Whether the dispute's last recorded end was recorded before its payment (and, given, with this status), on the customer or,
 * before any customer was known, on the org: the same notifications applied again once the payment is recorded then add no
 * second record of it.
 */
export async function endedBeforePayment(q: Queryable, orgId: string, customerId: string, provider: string, disputeId: string, status?: string): Promise<boolean> {
  const [last] = await q.query<{ data: Record<string, unknown> }>(
    `SELECT data FROM audit_log WHERE org_id = $1 AND ((entity = 'customer' AND entity_id = $2) OR (entity = 'org' AND entity_id = $1)) AND action = 'gateway.dispute_closed'
       AND data ->> 'provider' = $3 AND data ->> 'dispute_id' = $4 ORDER BY at DESC, seq DESC LIMIT 1`, [orgId, customerId, provider, disputeId]);
  return last?.data.before_payment === true && (status === undefined || last.data.status === status);
}

/**
 * Follows the event's dispute from what was held before it to after: first seen open, the review task is opened; an
 * inquiry or notice become a chargeback, its note is brought up to date; held open and now won or lost, it is completed
 * (and a closed dispute reopened at the gateway and closed again, a second chargeback, is recorded). A repeat, a later
 * stage while open, or a dispute first seen closed does nothing.
 */
export async function followGatewayDispute(q: Queryable, orgId: string, actor: string, f: PaymentFacts, before: HeldState['disputes'],
  after: HeldState['disputes'], customerId: string, currency: string, now: Date): Promise<void> {
  const d = f.dispute;
  const was = d ? before[d.id] : undefined;
  const is = d ? after[d.id] : undefined;
  if (!d || !is) return;
  const state: DisputeState = { id: d.id, ...(is.held === false ? { held: false } : {}), ...(is.kind ? { kind: is.kind } : {}),
    ...(is.reason ? { reason: is.reason } : {}), ...(is.respondBy ? { respondBy: is.respondBy } : {}) };
  if (!was && is.status === 'open') await opened(q, orgId, actor, f, state, is, customerId, now);
  else if (was?.status === 'open' && is.status === 'open' && ((was.held === false && is.held !== false) || was.kind !== is.kind)) {
    await escalated(q, orgId, actor, f, state, is, customerId, now);
  } else if (was && is.status !== 'open' && was.status !== is.status) {
    const taken = is.status === 'lost' || (was.status === 'open' ? was.held !== false : was.status === 'lost');
    await closed(q, orgId, actor, f, { ...d, status: is.status, amount: is.amount }, taken, customerId, currency, now);
  }
}
