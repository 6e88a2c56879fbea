// Calls the debtor makes to the org's number: who is calling (the one customer whose phone on file is the caller's number,
// by its blind index when field encryption is on), the call kept as an inbound contact and on the case's timeline (an
// inbound contact never counts against the outbound caps), and key 1 queueing the payment link by SMS to the number on file.
import type { Queryable } from '../../db/index.ts';
import { addCaseEvent, requestMessage } from '../../engine/index.ts';
import { checkContact, recordContact } from '../../compliance/index.ts';
import { addressMatch } from '../../vault/index.ts';
import { dateInZone } from '../../domain/index.ts';
import type { LinkOnCall } from '../../messaging/index.ts';
import type { StoredEvent } from './store.ts';

type Applied = { status: 'processed'; note: string | null };
const done = (note: string | null = null): Applied => ({ status: 'processed', note });

/** The customer whose phone on file is this number, only when exactly one customer has it (caller ID names no one else). */
export async function callerCustomer(q: Queryable, orgId: string, number: string): Promise<string | undefined> {
  if (!/^\+[1-9]\d{6,14}$/.test(number)) return undefined;
  const m = await addressMatch(q, orgId, 'voice', number);
  let n = 1;
  const rows = await q.query<{ id: string }>(`SELECT id FROM customers WHERE org_id = $1 AND ${m.sql.replace(/\?/g, () => `$${++n}`)} LIMIT 2`, [orgId, ...m.params]);
  return rows.length === 1 ? rows[0]!.id : undefined;
}

/** The caller's number of an incoming call, from the call's stored event; undefined when the call was not one the debtor made. */
export async function incomingCaller(q: Queryable, orgId: string, callSid: string): Promise<string | undefined> {
  const [row] = await q.query<{ from: string | null }>(
    `SELECT event->>'from' AS from FROM inbox_events WHERE provider = 'twilio' AND event_id = $1 AND org_id = $2`, [`${orgId}/${callSid}:incoming`, orgId]);
  return row ? row.from ?? '' : undefined;
}

async function openCaseOf(q: Queryable, orgId: string, customerId: string): Promise<string | undefined> {
  const [c] = await q.query<{ id: string }>(`SELECT id FROM cases WHERE org_id = $1 AND customer_id = $2 AND status = 'open' ORDER BY opened_at DESC, id LIMIT 1`,
    [orgId, customerId]);
  return c?.id;
}

/**
 * The call as an inbound contact of the customer it is from, and a line on their open case's timeline; the customer is
 * kept on the call's own inbox row, where the KPIs find whose keys were pressed in it (migration 133).
 */
export async function applyIncomingCall(tx: Queryable, orgId: string, e: Extract<StoredEvent, { type: 'incoming_call' }>, now: Date): Promise<Applied> {
  const customerId = await callerCustomer(tx, orgId, e.from);
  if (!customerId) return done('a call from a number no single customer has');
  await tx.query('UPDATE inbox_events SET customer_id = $4 WHERE provider = $2 AND event_id = $3 AND org_id = $1',
    [orgId, e.provider, `${orgId}/${e.eventId}`, customerId]);
  await recordContact(tx, orgId, { customerId, at: now, channel: 'voice', direction: 'inbound', outcome: 'conversation', address: e.from });
  const caseId = await openCaseOf(tx, orgId, customerId);
  if (caseId) await addCaseEvent(tx, orgId, caseId, 'call_received', 'the debtor called the org\'s number', { call_sid: e.providerMessageId, channel: 'voice' }, now);
  return done(`a call from customer ${customerId}`);
}

/** Key 1 on a call the debtor made: the payment link by SMS to the phone on file, once per call, when the gate allows an SMS. */
export async function applyIncomingKeypress(tx: Queryable, orgId: string, e: Extract<StoredEvent, { type: 'keypress' }>, from: string, now: Date): Promise<Applied> {
  if (e.digits !== '1') return done(`pressed ${e.digits} on a call the debtor made`);
  const customerId = await callerCustomer(tx, orgId, from);
  if (!customerId) return done('pressed 1 on a call from a number no single customer has: nothing is sent');
  const caseId = await openCaseOf(tx, orgId, customerId);
  if (!caseId) return done('pressed 1, but the customer has no open case: nothing is sent');
  const actor = `debtor:call:${e.providerMessageId}`;
  const asked = await tx.query(`SELECT 1 FROM actions WHERE org_id = $1 AND case_id = $2 AND payload->>'requested_by' = $3 LIMIT 1`, [orgId, caseId, actor]);
  if (asked.length) return done('this call already asked for the link by SMS');
  const gate = await checkContact(tx, orgId, { customerId, channel: 'sms', purpose: { kind: 'collection', tags: [] } }, now);
  if (!gate.ok) return done(`pressed 1, but the gate could not decide (${gate.error.code}): nothing is sent`);
  if (gate.value.kind === 'block') return done(`pressed 1, but the gate blocks an SMS now (${gate.value.reason.code})`);
  const queued = await requestMessage(tx, orgId, actor, caseId,
    { channel: 'sms', template: await overdueToday(tx, orgId, customerId, now) ? 'overdue-nudge' : 'upcoming-reminder', tone: 'neutral' }, now);
  if (!queued.ok) return done(`pressed 1, but nothing is queued: ${queued.error.message}`);
  // what the caller is told: sent now, or (the gate deferring it) when the allowed hours begin
  const said: LinkOnCall = gate.value.kind === 'defer' ? { kind: 'later', until: gate.value.until.toISOString() } : { kind: 'sent' };
  await tx.query(`UPDATE actions SET payload = jsonb_set(payload, '{link_on_call}', $3::jsonb) WHERE org_id = $1 AND id = $2`,
    [orgId, queued.value.action_id, JSON.stringify(said)]);
  return done(`the payment link by SMS is queued (action ${queued.value.action_id})${said.kind === 'later' ? `, the gate holding it until ${said.until}` : ''}`);
}

/** Whether the customer has an undisputed invoice past due on today's date in their time zone (the customer's, else the org's). */
async function overdueToday(q: Queryable, orgId: string, customerId: string, now: Date): Promise<boolean> {
  const [tz] = await q.query<{ tz: string }>(`SELECT COALESCE(cu.timezone, o.default_timezone, 'UTC') AS tz FROM customers cu JOIN orgs o ON o.id = cu.org_id
    WHERE cu.org_id = $1 AND cu.id = $2`, [orgId, customerId]);
  const [due] = await q.query<{ overdue: boolean | null }>(
    `SELECT bool_or(due_date < $3::date) AS overdue FROM invoices WHERE org_id = $1 AND customer_id = $2 AND balance > 0 AND NOT cancelled AND NOT disputed`,
    [orgId, customerId, dateInZone(now, tz?.tz ?? 'UTC')]);
  return due?.overdue === true;
}

/** What key 1 of this call queued, or undefined when it queued nothing (a link asked before this change counts as sent). */
export async function linkAskedOnCall(q: Queryable, orgId: string, callSid: string): Promise<LinkOnCall | undefined> {
  const [row] = await q.query<{ said: LinkOnCall | null }>(`SELECT payload->'link_on_call' AS said FROM actions WHERE org_id = $1 AND payload->>'requested_by' = $2 LIMIT 1`,
    [orgId, `debtor:call:${callSid}`]);
  return row ? row.said ?? { kind: 'sent' } : undefined;
}
