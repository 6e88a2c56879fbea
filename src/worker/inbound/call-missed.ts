// How a call the debtor made to the org's number ended (the number's "Call status changes" callback, signed and verified
// as every Twilio post): a call that was not answered (busy, no-answer, canceled, failed), or that the caller left before
// using the menu (no key, no words) or after asking for a person when there was none to put them through to, is a missed
// call: on the known customer's case timeline (`call_missed`) and in the audit log, with one "call back" task per customer
// however often they try (each new attempt adds a line to it), or one per number at the org's level for an unknown caller.
// The task is closed when a person logs a call on the customer's case (src/tasks/calls.ts), when the debtor reaches a
// person on a later call (put through to the `agent_number`), or when the case closes paid (src/engine/cases.ts).
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { addCaseEvent } from '../../engine/index.ts';
import { putTask } from '../../agent/index.ts';
import { dateInZone } from '../../domain/index.ts';
import { callBackPrefix, closeCallBack } from '../../tasks/index.ts';
import { callerCustomer } from './call-in.ts';

type Applied = { status: 'processed'; note: string | null };
const done = (note: string | null = null): Applied => ({ status: 'processed', note });

/** Why the call counts as missed: nobody answered it, the caller hung up before using the menu, or asked for a person and there was none. */
export type MissedReason = 'not_answered' | 'hung_up' | 'no_person';

/** An unknown number's: the number itself stays out of the key (it is in the note, for the person who calls back). */
const numberPrefix = (from: string): string => `call-back:n:${createHash('sha256').update(from).digest('hex').slice(0, 20)}:`;

/** What the caller did on the call: keys pressed and whether they spoke, from the call's stored events. */
async function inputsOf(q: Queryable, orgId: string, callSid: string): Promise<{ keys: string[]; spoke: boolean }> {
  const rows = await q.query<{ type: string; digits: string | null }>(
    `SELECT event->>'type' AS type, event->>'digits' AS digits FROM inbox_events WHERE org_id = $1 AND provider = 'twilio'
       AND event->>'providerMessageId' = $2 AND event->>'type' IN ('keypress', 'reply')`, [orgId, callSid]);
  return { keys: rows.flatMap((r) => (r.type === 'keypress' && r.digits ? [r.digits] : [])), spoke: rows.some((r) => r.type === 'reply') };
}

async function agentNumber(q: Queryable, orgId: string): Promise<boolean> {
  const [row] = await q.query<{ agent: string | null }>(`SELECT settings->>'agent_number' AS agent FROM provider_credentials WHERE org_id = $1 AND provider = 'twilio'`, [orgId]);
  return !!row?.agent;
}

/**
 * Whether the call was missed, from its final status and what the caller did: null when they used the menu (a key other
 * than 2, or words) or were put through to a person; 'put_through' when they pressed 2 and there was a number to dial.
 */
export async function missedReason(q: Queryable, orgId: string, callSid: string, status: string): Promise<MissedReason | 'put_through' | null> {
  if (status !== 'completed') return 'not_answered';
  const { keys, spoke } = await inputsOf(q, orgId, callSid);
  if (spoke || keys.some((k) => k !== '2')) return null;
  if (keys.length === 0) return 'hung_up';
  return (await agentNumber(q, orgId)) ? 'put_through' : 'no_person';
}

const SAID: Record<MissedReason, string> = {
  not_answered: 'was not answered', hung_up: 'ended before the caller used the menu', no_person: 'asked for a person, and no one was available',
};

/** The case a customer's missed call is shown on: the open one, else their latest. */
async function caseOf(q: Queryable, orgId: string, customerId: string): Promise<{ id: string; open: boolean } | undefined> {
  const [c] = await q.query<{ id: string; open: boolean }>(`SELECT id, status = 'open' AS open FROM cases WHERE org_id = $1 AND customer_id = $2
    ORDER BY (status = 'open') DESC, opened_at DESC, id LIMIT 1`, [orgId, customerId]);
  return c;
}

/** The call-back task: the open one of this prefix gets a line for the new attempt, else a new one is opened. */
async function callBackTask(q: Queryable, orgId: string, prefix: string, task: { customerId: string; caseId: string | null; callSid: string; line: string; today: string },
  now: Date): Promise<{ id: string; opened: boolean }> {
  const [open] = await q.query<{ id: string }>(`SELECT id FROM tasks WHERE org_id = $1 AND idempotency_key LIKE $2 AND status = 'open' ORDER BY created_at, id LIMIT 1`,
    [orgId, `${prefix}%`]);
  if (open) {
    await q.query(`UPDATE tasks SET note = left(COALESCE(note || E'\\n', '') || $3, 4000) WHERE org_id = $1 AND id = $2`, [orgId, open.id, task.line]);
    return { id: open.id, opened: false };
  }
  const id = await putTask(q, orgId, { customerId: task.customerId, caseId: task.caseId, key: `${prefix}${task.callSid}`, kind: 'call', priority: 'high',
    dueDate: task.today, note: `Call back: ${task.line}` }, now);
  return { id, opened: true };
}

/** A call made to the org's number has ended with `status` (Twilio's CallStatus). */
export async function applyIncomingEnd(tx: Queryable, orgId: string, callSid: string, from: string, status: string, now: Date): Promise<Applied> {
  const reason = await missedReason(tx, orgId, callSid, status);
  const customerId = await callerCustomer(tx, orgId, from);
  if (reason === null) return done(`the call ended (${status}) after the caller used the menu`);
  if (reason === 'put_through') {
    const closed = customerId ? await closeCallBack(tx, orgId, customerId, `debtor:call:${callSid}`, `the debtor reached a person (call ${callSid})`, now) : 0;
    return done(`the call was put through to a person${closed ? '; the call-back task is done' : ''}`);
  }
  const [tz] = await tx.query<{ tz: string }>(`SELECT COALESCE((SELECT timezone FROM customers WHERE org_id = $1 AND id = $2), default_timezone, 'UTC') AS tz
    FROM orgs WHERE id = $1`, [orgId, customerId ?? '']);
  const today = dateInZone(now, tz?.tz ?? 'UTC');
  const line = `a call from ${from || 'a hidden number'} at ${now.toISOString()} ${SAID[reason]} (${status}).`;
  const shown = customerId ? await caseOf(tx, orgId, customerId) : undefined;
  if (shown) await addCaseEvent(tx, orgId, shown.id, 'call_missed', `missed call: ${SAID[reason]}`, { call_sid: callSid, status, reason, channel: 'voice' }, now);
  // a customer without an open case is named in an org-level task (the worklist lists those, and the tasks of open cases only)
  const onCase = shown?.open ? shown.id : null;
  const task = await callBackTask(tx, orgId, customerId ? callBackPrefix(customerId) : numberPrefix(from),
    { customerId: onCase ? customerId! : '', caseId: onCase, callSid, line: customerId && !onCase ? `${line} Customer ${customerId}.` : line, today }, now);
  await recordAudit(tx, { orgId, actor: `debtor:call:${callSid}`, action: 'call.missed', entity: customerId ? 'customer' : 'org', entityId: customerId ?? orgId,
    data: { call_sid: callSid, status, reason, task_id: task.id } }, now);
  return done(`missed call (${reason}); call-back task ${task.id}${task.opened ? ' opened' : ' noted again'}`);
}
