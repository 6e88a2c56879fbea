// How a call the debtor made to the org's number ended (the number's "Call status changes" callback, signed and verified
// as every Twilio post): a call that was not answered (busy, no-answer, canceled, failed), or that the caller left before
// using the menu (no key, no words) or after asking for a person when there was none to put them through to, is a missed
// call: on the known customer's case timeline (`call_missed`) and in the audit log, with one "call back" task per customer
// however often they try (each new attempt adds a line to it), or one per number at the org's level for an unknown caller.
// A caller put through to the `agent_number` whom no one answered (the <Dial>'s action says busy, no-answer, failed or
// canceled), or whose put-through a voicemail answered (no one pressed 1 when the answered leg was asked to), is missed
// the same way, at once (`not_accepted` instead when the org's answering machine detection heard a person on that leg); a put-through the person took counts as reaching a person. One whose outcome never came is
// missed at the call's end (no_outcome) unless the person took it. The task's note is
// written in the org's language from its structured form (call-back-note.ts); an unknown caller's number is not in it but
// in the task's `caller`, sealed like the other copies when the org has field encryption on.
// The task is closed when a person logs a call on the customer's case (src/tasks/calls.ts), when the debtor reaches a
// person (a put-through answered), or when the case closes paid (src/engine/cases.ts).
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { addCaseEvent } from '../../engine/index.ts';
import { putTask } from '../../agent/index.ts';
import { dateInZone } from '../../domain/index.ts';
import { callBackPrefix, closeCallBack } from '../../tasks/index.ts';
import { sealerFor, storedCopy } from '../../vault/index.ts';
import { callerCustomer, incomingCaller } from './call-in.ts';
import { attemptLine, callBackNote, newCallBack, noteAgain, type MissedAttempt, type MissedReason } from './call-back-note.ts';
import type { StoredEvent } from './store.ts';

type Applied = { status: 'processed'; note: string | null };
const done = (note: string | null = null): Applied => ({ status: 'processed', note });

export type { MissedReason } from './call-back-note.ts';

/** How a put-through ends when the person answered (Twilio's DialCallStatus); busy, no-answer, failed and canceled did not reach anyone. */
export const DIAL_REACHED: readonly string[] = ['completed', 'answered'];

/** An unknown number's: the number itself stays out of the key (it is in the task's sealed `caller`, for the person who calls back). */
const numberPrefix = (from: string): string => `call-back:n:${createHash('sha256').update(from).digest('hex').slice(0, 20)}:`;

/** A put-through's dialled leg: how Twilio said it ended, and whether the person took it (pressed 1 when asked). */
interface Dialled { status: string; leg: string | null }

/** What the caller did on the call: keys pressed, whether they spoke, the put-throughs' outcomes and the legs a person took. */
async function inputsOf(q: Queryable, orgId: string, callSid: string): Promise<{ keys: string[]; spoke: boolean; dials: Dialled[]; taken: Set<string> }> {
  const rows = await q.query<{ type: string; digits: string | null; status: string | null; leg: string | null; accepted: boolean | null }>(
    `SELECT event->>'type' AS type, event->>'digits' AS digits, event->>'status' AS status, event->>'leg' AS leg, (event->>'accepted')::boolean AS accepted
       FROM inbox_events WHERE org_id = $1 AND provider = 'twilio' AND event->>'providerMessageId' = $2
       AND event->>'type' IN ('keypress', 'reply', 'dial_ended', 'dial_screen')`, [orgId, callSid]);
  return { keys: rows.flatMap((r) => (r.type === 'keypress' && r.digits ? [r.digits] : [])), spoke: rows.some((r) => r.type === 'reply'),
    dials: rows.flatMap((r) => (r.type === 'dial_ended' ? [{ status: r.status ?? '', leg: r.leg }] : [])),
    taken: new Set(rows.flatMap((r) => (r.type === 'dial_screen' && r.accepted && r.leg ? [r.leg] : []))) };
}

/**
 * A person was reached on the leg: Twilio says it was answered and the person pressed 1 when asked. A voicemail answers
 * (Twilio reports such a leg completed too) but cannot press 1, so a leg answered and not taken is a voicemail.
 */
const personOn = (d: Dialled, taken: Set<string>): boolean => DIAL_REACHED.includes(d.status) && d.leg !== null && taken.has(d.leg);

/** Whether the put-through of `callSid` on leg `leg` that ended `status` reached a person (for the words the caller hears next). */
export async function dialReached(q: Queryable, orgId: string, callSid: string, leg: string | undefined, status: string): Promise<boolean> {
  return personOn({ status, leg: leg ?? null }, (await inputsOf(q, orgId, callSid)).taken);
}

async function agentNumber(q: Queryable, orgId: string): Promise<boolean> {
  const [row] = await q.query<{ agent: string | null }>(`SELECT settings->>'agent_number' AS agent FROM provider_credentials WHERE org_id = $1 AND provider = 'twilio'`, [orgId]);
  return !!row?.agent;
}

/**
 * Whether the call was missed, from its final status and what the caller did: null when they used the menu (a key other
 * than 2, or words); 'put_through' when they pressed 2, there was a number to dial and a person took the put-through
 * (or took it and its outcome never came); 'dial_missed' when every put-through went unanswered or to voicemail (already
 * recorded as missed when its outcome came); 'no_outcome' when a put-through's outcome never came and no person took it.
 */
export async function missedReason(q: Queryable, orgId: string, callSid: string, status: string): Promise<MissedReason | 'put_through' | 'dial_missed' | null> {
  if (status !== 'completed') return 'not_answered';
  const { keys, spoke, dials, taken } = await inputsOf(q, orgId, callSid);
  if (spoke || keys.some((k) => k !== '2')) return null;
  if (keys.length === 0) return 'hung_up';
  if (!(await agentNumber(q, orgId))) return 'no_person';
  if (dials.some((d) => personOn(d, taken))) return 'put_through';
  if (dials.length > 0) return 'dial_missed';
  return taken.size > 0 ? 'put_through' : 'no_outcome';
}

const SAID: Record<MissedReason, string> = {
  not_answered: 'was not answered', hung_up: 'ended before the caller used the menu', no_person: 'asked for a person, and no one was available',
  voicemail: 'was put through, and a voicemail answered', no_outcome: 'was put through, and how it ended never came',
  not_accepted: 'was put through, and the person who answered did not press 1',
};

/** The case a customer's missed call is shown on: the open one, else their latest. */
async function caseOf(q: Queryable, orgId: string, customerId: string): Promise<{ id: string; open: boolean } | undefined> {
  const [c] = await q.query<{ id: string; open: boolean }>(`SELECT id, status = 'open' AS open FROM cases WHERE org_id = $1 AND customer_id = $2
    ORDER BY (status = 'open') DESC, opened_at DESC, id LIMIT 1`, [orgId, customerId]);
  return c;
}

interface CallBack { customerId: string; caseId: string | null; callSid: string; from: string; attempt: MissedAttempt; today: string; language: string | null }

/**
 * The call-back task: the open one of this prefix gets the new attempt (its note written again from its form, in the
 * language it was opened in), else a new one is opened in the org's language; an unknown caller's number goes to `caller`.
 */
async function callBackTask(q: Queryable, orgId: string, prefix: string, t: CallBack, now: Date): Promise<{ id: string; opened: boolean }> {
  const [open] = await q.query<{ id: string; detail: unknown }>(
    `SELECT id, detail FROM tasks WHERE org_id = $1 AND idempotency_key LIKE $2 AND status = 'open' ORDER BY created_at, id LIMIT 1`, [orgId, `${prefix}%`]);
  if (open) {
    const next = noteAgain(open.detail, t.attempt);
    if (next) await q.query(`UPDATE tasks SET note = $3, detail = $4::jsonb WHERE org_id = $1 AND id = $2`, [orgId, open.id, callBackNote(next), JSON.stringify(next)]);
    // a task opened before its form was kept: the line in the org's language
    else await q.query(`UPDATE tasks SET note = left(COALESCE(note || E'\\n', '') || $3, 4000) WHERE org_id = $1 AND id = $2`,
      [orgId, open.id, attemptLine(newCallBack(t.language, t.attempt).language, t.attempt)]);
    return { id: open.id, opened: false };
  }
  const detail = newCallBack(t.language, t.attempt);
  const id = await putTask(q, orgId, { customerId: t.customerId, caseId: t.caseId, key: `${prefix}${t.callSid}`, kind: 'call', priority: 'high',
    dueDate: t.today, note: callBackNote(detail) }, now);
  const caller = t.customerId || !t.from ? null : storedCopy(await sealerFor(q, orgId), 'tasks.caller', id, t.from);
  await q.query(`UPDATE tasks SET detail = $3::jsonb, caller = $4 WHERE org_id = $1 AND id = $2`, [orgId, id, JSON.stringify(detail), caller]);
  return { id, opened: true };
}

interface Missed { callSid: string; from: string; status: string; reason: MissedReason }

/** A missed call: on the customer's case timeline, a call-back task (one per customer, or per unknown number), and the audit log. */
async function recordMissed(tx: Queryable, orgId: string, m: Missed, now: Date): Promise<Applied> {
  const customerId = await callerCustomer(tx, orgId, m.from);
  const [org] = await tx.query<{ tz: string; language: string | null }>(`SELECT COALESCE((SELECT timezone FROM customers WHERE org_id = $1 AND id = $2),
    default_timezone, 'UTC') AS tz, default_language AS language FROM orgs WHERE id = $1`, [orgId, customerId ?? '']);
  const zone = org?.tz ?? 'UTC';
  const shown = customerId ? await caseOf(tx, orgId, customerId) : undefined;
  if (shown) await addCaseEvent(tx, orgId, shown.id, 'call_missed', `missed call: ${SAID[m.reason]}`, { call_sid: m.callSid, status: m.status, reason: m.reason, channel: 'voice' }, now);
  // a customer without an open case is named in an org-level task (the worklist lists those, and the tasks of open cases only)
  const onCase = shown?.open ? shown.id : null;
  const attempt: MissedAttempt = { call_sid: m.callSid, at: now.toISOString(), zone, reason: m.reason, status: m.status, hidden: !m.from,
    ...(customerId && !onCase ? { customer_id: customerId } : {}) };
  const task = await callBackTask(tx, orgId, customerId ? callBackPrefix(customerId) : numberPrefix(m.from),
    { customerId: onCase ? customerId! : '', caseId: onCase, callSid: m.callSid, from: customerId ? '' : m.from, attempt, today: dateInZone(now, zone), language: org?.language ?? null }, now);
  await recordAudit(tx, { orgId, actor: `debtor:call:${m.callSid}`, action: 'call.missed', entity: customerId ? 'customer' : 'org', entityId: customerId ?? orgId,
    data: { call_sid: m.callSid, status: m.status, reason: m.reason, task_id: task.id } }, now);
  return done(`missed call (${m.reason}); call-back task ${task.id}${task.opened ? ' opened' : ' noted again'}`);
}

/** The debtor reached a person on this call: their open call-back task is done. */
async function reached(tx: Queryable, orgId: string, callSid: string, from: string, now: Date): Promise<number> {
  const customerId = await callerCustomer(tx, orgId, from);
  return customerId ? closeCallBack(tx, orgId, customerId, `debtor:call:${callSid}`, `the debtor reached a person (call ${callSid})`, now) : 0;
}

/** A call made to the org's number has ended with `status` (Twilio's CallStatus). */
export async function applyIncomingEnd(tx: Queryable, orgId: string, callSid: string, from: string, status: string, now: Date): Promise<Applied> {
  const reason = await missedReason(tx, orgId, callSid, status);
  if (reason === null) return done(`the call ended (${status}) after the caller used the menu`);
  if (reason === 'dial_missed') return done('the call ended after a put-through no one answered (recorded as missed then)');
  if (reason === 'put_through') {
    const closed = await reached(tx, orgId, callSid, from, now);
    return done(`the call was put through to a person${closed ? '; the call-back task is done' : ''}`);
  }
  return recordMissed(tx, orgId, { callSid, from, status, reason }, now);
}

/**
 * How a put-through to the `agent_number` ended (the <Dial>'s action): answered and taken by the person (1 pressed when
 * asked), the debtor reached a person; answered but not taken, a voicemail: a missed call; not answered, a missed call.
 */
export async function applyDialEnded(tx: Queryable, orgId: string, e: Extract<StoredEvent, { type: 'dial_ended' }>, now: Date): Promise<Applied> {
  const from = await incomingCaller(tx, orgId, e.providerMessageId);
  if (from === undefined) return done('a put-through on a call the debtor did not make to the org\'s number');
  if (await dialReached(tx, orgId, e.providerMessageId, e.leg, e.status)) {
    const closed = await reached(tx, orgId, e.providerMessageId, from, now);
    return done(`put through: the person answered (${e.status}${e.duration === undefined ? '' : `, ${e.duration} s`})${closed ? '; the call-back task is done' : ''}`);
  }
  const reason = DIAL_REACHED.includes(e.status) ? await notTaken(tx, orgId, e.leg) : 'no_person';
  return recordMissed(tx, orgId, { callSid: e.providerMessageId, from, status: e.status, reason }, now);
}

/**
 * A leg answered and not taken: a person who did not press 1 when answering machine detection heard a human on it, else a
 * voicemail (a machine or fax heard, detection off, its verdict `unknown`, or not come yet).
 */
async function notTaken(q: Queryable, orgId: string, leg: string | undefined): Promise<MissedReason> {
  if (!leg) return 'voicemail';
  // the verdict is kept under `{leg}:amd` (src/channels/twilio-voice.ts, parseDialOutcome)
  const [amd] = await q.query<{ answered_by: string | null }>(`SELECT event->>'answeredBy' AS answered_by FROM inbox_events WHERE provider = 'twilio' AND event_id = $1`,
    [`${orgId}/${leg}:amd`]);
  return amd?.answered_by === 'human' ? 'not_accepted' : 'voicemail';
}

/** Answering machine detection's verdict on a put-through's answered leg: kept, and read when the put-through's outcome comes. */
export function applyDialAmd(e: Extract<StoredEvent, { type: 'dial_amd' }>): Applied {
  return done(`answering machine detection on leg ${e.leg}: ${e.answeredBy}`);
}

/** The dialled leg answered and was asked to press 1 (kept as asked), or the person pressed it (kept: the leg is taken). */
export function applyDialScreen(e: Extract<StoredEvent, { type: 'dial_screen' }>): Applied {
  return done(e.accepted ? `the person took the put-through (leg ${e.leg})` : `the put-through was answered on leg ${e.leg}; the person is asked to press 1`);
}
