// A call a person made, logged with a standard outcome: a contact the compliance caps count, a timeline entry, the
// promise it brought (inside the negotiation limits), and a wrong number taken off the customer's phone channels.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { recordContact, suppress, type ContactEvent } from '../compliance/index.ts';
import { addCaseEvent, getCase, getTask, markTaskWorked } from '../engine/index.ts';
import { getCustomer } from '../ledger/index.ts';
import { createPromise, type PromiseToPay } from '../payments/index.ts';

export const CALL_OUTCOMES = ['right_party', 'promise', 'refused', 'wrong_number', 'no_answer'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/**
 * How the caps count each outcome: a conversation with the customer, or a call placed that reached nobody of theirs
 * (an unanswered call counts towards call caps, as Regulation F counts calls placed; only a call never connected would not).
 */
export const CONTACT_OUTCOME: Record<CallOutcome, ContactEvent['outcome']> = {
  right_party: 'conversation', promise: 'conversation', refused: 'conversation', wrong_number: 'unanswered', no_answer: 'unanswered',
};

export interface CallLog {
  caseId: string;
  outcome: CallOutcome;
  taskId?: string;
  note?: string;
  /** The number dialled; the customer's phone when absent. */
  phone?: string;
  /** Required with the `promise` outcome, refused with the others. */
  promise?: { amount: number; currency: string; dueDate: CalendarDate };
}

export interface LoggedCall {
  event_id: string; case_id: string; customer_id: string; outcome: CallOutcome; contact: ContactEvent['outcome']; task_id: string | null;
  promise: PromiseToPay | null; suppressed: number;
}

/** Names a promise failure's field as the call's body spells it (`promise.due_date`). */
function promiseField<T>(r: Result<T>): Result<T> {
  if (r.ok) return r;
  const field = r.error.field ? `promise.${r.error.field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}` : 'promise';
  return { ok: false, error: { ...r.error, field } };
}

async function checkTask(q: Queryable, orgId: string, caseId: string, taskId: string | undefined): Promise<Result<string | null>> {
  if (!taskId) return ok(null);
  const t = await getTask(q, orgId, taskId);
  if (!t.ok) return fail('NOT_FOUND', `no task ${taskId}`, 'task_id');
  if (t.value.case_id !== caseId) return fail('VALIDATION_FAILED', `task ${taskId} belongs to another case`, 'task_id');
  if (t.value.status !== 'open') return fail('INVALID_STATE', `task ${taskId} is ${t.value.status}`, 'task_id');
  return ok(t.value.id);
}

/** The key prefix of a customer's call-back task after a missed incoming call (one open at a time; src/worker/inbound/call-missed.ts). */
export const callBackPrefix = (customerId: string): string => `call-back:c:${customerId}:`;

/** Closes the customer's open call-back tasks (a person called them, they reached one on a later call, or paid). */
export async function closeCallBack(q: Queryable, orgId: string, customerId: string, actor: string, outcome: string, now: Date): Promise<number> {
  const rows = await q.query(`UPDATE tasks SET status = 'done', outcome = $3, completed_at = $4::timestamptz, completed_by = $5
    WHERE org_id = $1 AND idempotency_key LIKE $2 AND status = 'open' RETURNING id`, [orgId, `${callBackPrefix(customerId)}%`, outcome, now.toISOString(), actor]);
  return rows.length;
}

/** Logs a call on a case (and the task it worked); run it in one transaction: a refused promise leaves nothing behind. */
export async function logCall(q: Queryable, orgId: string, actor: string, call: CallLog, now: Date): Promise<Result<LoggedCall>> {
  const c = await getCase(q, orgId, call.caseId);
  if (!c.ok) return c;
  const { id: caseId, customer_id: customerId } = c.value;
  if (call.outcome === 'promise' && !call.promise) return fail('VALIDATION_FAILED', 'a promise outcome needs the promise: amount, currency, due_date', 'promise');
  if (call.outcome !== 'promise' && call.promise) return fail('VALIDATION_FAILED', `a ${call.outcome} outcome carries no promise`, 'promise');
  const task = await checkTask(q, orgId, caseId, call.taskId);
  if (!task.ok) return task;
  const customer = await getCustomer(q, orgId, customerId);
  if (!customer.ok) return customer;
  const phone = call.phone?.trim() || customer.value.phone;
  if (!phone) return fail('VALIDATION_FAILED', 'the customer has no phone number; give the number dialled', 'phone');
  // the task is the caller's from now on: the stop a promise brings does not cancel it under them
  if (task.value) await markTaskWorked(q, orgId, task.value, now);
  const contact = CONTACT_OUTCOME[call.outcome];
  await recordContact(q, orgId, { customerId, at: now, channel: 'voice', direction: 'outbound', outcome: contact, address: phone });
  let promise: PromiseToPay | null = null;
  if (call.promise) {
    const p = promiseField(await createPromise(q, orgId, actor, { customerId, amount: call.promise.amount, currency: call.promise.currency.toUpperCase(),
      dueDate: call.promise.dueDate, source: 'collector', channel: 'phone' }, now));
    if (!p.ok) return p;
    promise = p.value;
  }
  let suppressed = 0;
  if (call.outcome === 'wrong_number') {
    for (const channel of ['voice', 'sms'] as const) {
      const s = await suppress(q, orgId, actor, customerId, { scope: 'address', channel, address: phone,
        reason: 'wrong number: the person who answered is not the customer', source: 'collector' }, now);
      if (s.ok) suppressed++;
    }
  }
  const eventId = await addCaseEvent(q, orgId, caseId, 'call_logged', `call: ${call.outcome.replace('_', ' ')} (logged by ${actor})`,
    { outcome: call.outcome, contact, by: actor, task_id: task.value, promise_id: promise?.id ?? null, suppressed,
      ...(call.note ? { note: call.note } : {}) }, now);
  // a person called: the call-back a missed incoming call asked for is done
  const calledBack = await closeCallBack(q, orgId, customerId, actor, `call logged: ${call.outcome}`, now);
  await recordAudit(q, { orgId, actor, action: 'call.logged', entity: 'case', entityId: caseId,
    data: { outcome: call.outcome, task_id: task.value, promise_id: promise?.id ?? null, ...(calledBack ? { called_back: calledBack } : {}) } }, now);
  return ok({ event_id: eventId, case_id: caseId, customer_id: customerId, outcome: call.outcome, contact, task_id: task.value, promise, suppressed });
}
