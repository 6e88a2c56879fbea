// What people do to a case: pause and resume it, escalate it, put it on another strategy, write a note, ask for a
// one-off message (an outbox action the dispatcher sends through the compliance gate like any other). Each is in the
// timeline and the audit log; free text is kept in `data.note` only, so erasure can take it out.
import type { Queryable } from '../db/index.ts';
import { dateInZone } from '../domain/dates.ts';
import { newId } from '../domain/ids.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { emitEvent } from '../events/index.ts';
import { activeStrategies } from '../strategy/store.ts';
import { getCase, type CaseSummary } from './cases.ts';
import { replanCase } from './tick.ts';
import { openCustomerRow } from '../vault/index.ts';

/** The longest a person may pause a case for; beyond it, a promise, a plan or an escalation says more. */
export const MAX_PAUSE_DAYS = 90;
/** The step id of one-off messages in the outbox and the timeline. */
export const ONE_OFF_STEP = 'one-off';

interface Locked {
  id: string; customer_id: string; status: string; strategy_id: string | null; strategy_version: number | null; cycle: number;
  paused_until: string | null; escalated: boolean; timezone: string; email: string | null; phone: string | null; whatsapp: string | null;
}

/** The open case (by id or customer id), locked for the change. */
async function lockOpenCase(q: Queryable, orgId: string, id: string): Promise<Result<Locked>> {
  const [c] = await q.query<Locked>(
    `SELECT c.id, c.customer_id, c.status, c.strategy_id, c.strategy_version, c.cycle, c.paused_until, c.escalated,
       COALESCE(cu.timezone, o.default_timezone, 'UTC') AS timezone, cu.email, cu.phone, cu.whatsapp
     FROM cases c JOIN customers cu ON cu.id = c.customer_id JOIN orgs o ON o.id = c.org_id
     WHERE c.org_id = $1 AND (c.id = $2 OR c.customer_id = $2) LIMIT 1 FOR UPDATE OF c`, [orgId, id]);
  if (!c) return fail('NOT_FOUND', `no case ${id}`, 'id');
  if (c.status !== 'open') return fail('INVALID_STATE', `case ${c.id} is closed`, 'id');
  return ok(await openCustomerRow(q, orgId, c));
}

/** One timeline entry written by a person or a command. */
export async function addCaseEvent(q: Queryable, orgId: string, caseId: string, kind: string, reason: string,
  data: Record<string, unknown>, now: Date): Promise<string> {
  const id = newId('event');
  await q.query(`INSERT INTO case_events (id, org_id, case_id, at, kind, reason, data) VALUES ($1, $2, $3, $4::timestamptz, $5, $6, $7::jsonb)`,
    [id, orgId, caseId, now.toISOString(), kind, reason, JSON.stringify(data)]);
  return id;
}

/** Cancels the case's planned actions with their timeline entries; their tasks too when asked (never one a person started on). */
async function cancelPlanned(q: Queryable, orgId: string, caseId: string, reason: string, data: Record<string, unknown>, now: Date,
  tasks: boolean): Promise<number> {
  const at = now.toISOString();
  const done = await q.query<{ idempotency_key: string; step_id: string }>(
    `UPDATE actions SET status = 'cancelled', reason = $3, updated_at = $4::timestamptz
     WHERE org_id = $1 AND case_id = $2 AND status = 'planned' RETURNING idempotency_key, step_id`, [orgId, caseId, reason, at]);
  if (done.length === 0) return 0;
  if (tasks) {
    await q.query(`UPDATE tasks SET status = 'cancelled' WHERE org_id = $1 AND action_key = ANY($2::text[]) AND status = 'open' AND worked_at IS NULL`,
      [orgId, done.map((d) => d.idempotency_key)]);
  }
  await q.query(
    `INSERT INTO case_events (id, org_id, case_id, at, kind, step_id, idempotency_key, reason, data)
     SELECT 'evt_' || replace(gen_random_uuid()::text, '-', ''), $1, $2, $3::timestamptz, 'action_cancelled', x.step_id, x.key, $4, $6::jsonb
     FROM jsonb_to_recordset($5::jsonb) AS x(step_id text, key text)`,
    [orgId, caseId, at, reason, JSON.stringify(done.map((d) => ({ step_id: d.step_id, key: d.idempotency_key }))), JSON.stringify(data)]);
  return done.length;
}

async function summary(q: Queryable, orgId: string, caseId: string): Promise<Result<CaseSummary>> {
  const c = await getCase(q, orgId, caseId);
  if (!c.ok) return c;
  const { actions: _a, timeline: _t, ...rest } = c.value;
  return ok(rest);
}

const noteData = (note: string | null | undefined) => (note ? { note } : {});

/** Stops contact until an instant: planned actions are cancelled (a step they held is not sent later), tasks stay. */
export async function pauseCase(q: Queryable, orgId: string, actor: string, id: string, until: Date, note: string | null, now: Date): Promise<Result<CaseSummary>> {
  const c = await lockOpenCase(q, orgId, id);
  if (!c.ok) return c;
  if (until <= now) return fail('VALIDATION_FAILED', 'until must be later than now', 'until');
  if (until.getTime() - now.getTime() > MAX_PAUSE_DAYS * 86_400_000) {
    return fail('VALIDATION_FAILED', `a case is paused for at most ${MAX_PAUSE_DAYS} days; record a promise or a plan for longer`, 'until');
  }
  const cancelled = await cancelPlanned(q, orgId, c.value.id, `paused until ${until.toISOString()}`, { code: 'paused', until: until.toISOString() },
    now, false);
  await q.query(`UPDATE cases SET paused_until = $3::timestamptz, next_action_at = $3::timestamptz, updated_at = $4::timestamptz
    WHERE org_id = $1 AND id = $2`, [orgId, c.value.id, until.toISOString(), now.toISOString()]);
  await addCaseEvent(q, orgId, c.value.id, 'case_paused', `paused by ${actor} until ${until.toISOString()}`,
    { until: until.toISOString(), by: actor, cancelled, ...noteData(note) }, now);
  await recordAudit(q, { orgId, actor, action: 'case.paused', entity: 'case', entityId: c.value.id, data: { until: until.toISOString() } }, now);
  return summary(q, orgId, c.value.id);
}

/** Lifts a pause or an escalation: the case goes back to its strategy and is planned now. */
export async function resumeCase(q: Queryable, orgId: string, actor: string, id: string, now: Date): Promise<Result<CaseSummary>> {
  const c = await lockOpenCase(q, orgId, id);
  if (!c.ok) return c;
  const paused = c.value.paused_until !== null && new Date(c.value.paused_until) > now;
  if (!paused && !c.value.escalated) return fail('INVALID_STATE', `case ${c.value.id} is neither paused nor escalated`, 'id');
  await q.query(`UPDATE cases SET paused_until = NULL, escalated = false, next_action_at = $3::timestamptz, updated_at = $3::timestamptz
    WHERE org_id = $1 AND id = $2`, [orgId, c.value.id, now.toISOString()]);
  await addCaseEvent(q, orgId, c.value.id, 'case_resumed', `resumed by ${actor}${c.value.escalated ? ' (escalation lifted)' : ''}`,
    { by: actor, was_paused: paused, was_escalated: c.value.escalated }, now);
  await recordAudit(q, { orgId, actor, action: 'case.resumed', entity: 'case', entityId: c.value.id, data: {} }, now);
  await replanCase(q, orgId, c.value.customer_id, now);
  return summary(q, orgId, c.value.id);
}

/** Hands the case over to people: no automatic contact from now (the planner's `escalated` stop), integrators hear `case.escalated`. */
export async function escalateCase(q: Queryable, orgId: string, actor: string, id: string, note: string | null, now: Date): Promise<Result<CaseSummary>> {
  const c = await lockOpenCase(q, orgId, id);
  if (!c.ok) return c;
  if (c.value.escalated) return fail('INVALID_STATE', `case ${c.value.id} is already escalated`, 'id');
  await q.query(`UPDATE cases SET escalated = true, next_action_at = $3::timestamptz, updated_at = $3::timestamptz WHERE org_id = $1 AND id = $2`,
    [orgId, c.value.id, now.toISOString()]);
  await addCaseEvent(q, orgId, c.value.id, 'case_escalated', `escalated by ${actor}`, { by: actor, ...noteData(note) }, now);
  await recordAudit(q, { orgId, actor, action: 'case.escalated', entity: 'case', entityId: c.value.id, data: {} }, now);
  await emitEvent(q, { orgId, type: 'case.escalated', subject: c.value.id, customerId: c.value.customer_id, at: now,
    data: { case_id: c.value.id, customer_id: c.value.customer_id, by: actor } });
  await replanCase(q, orgId, c.value.customer_id, now);
  return summary(q, orgId, c.value.id);
}

/** Puts the case on the active version of another strategy; what the old one planned and has not sent is cancelled. */
export async function changeCaseStrategy(q: Queryable, orgId: string, actor: string, id: string, strategyId: string, now: Date): Promise<Result<CaseSummary>> {
  const c = await lockOpenCase(q, orgId, id);
  if (!c.ok) return c;
  const strategy = (await activeStrategies(q, orgId)).get(strategyId);
  if (!strategy) return fail('NOT_FOUND', `no active strategy ${strategyId}`, 'strategy_id');
  if (c.value.strategy_id === strategy.id && c.value.strategy_version === strategy.version) {
    return fail('INVALID_STATE', `case ${c.value.id} is already on ${strategy.id} version ${strategy.version}`, 'strategy_id');
  }
  const cancelled = await cancelPlanned(q, orgId, c.value.id, `strategy changed to ${strategy.id} by ${actor}`,
    { code: 'strategy_changed', to: strategy.id }, now, true);
  await q.query(`UPDATE cases SET strategy_id = $3, strategy_version = $4, segment_id = NULL, next_action_at = $5::timestamptz, updated_at = $5::timestamptz
    WHERE org_id = $1 AND id = $2`, [orgId, c.value.id, strategy.id, strategy.version, now.toISOString()]);
  await addCaseEvent(q, orgId, c.value.id, 'strategy_changed', `strategy changed from ${c.value.strategy_id ?? 'none'} to ${strategy.id} by ${actor}`,
    { from: c.value.strategy_id, to: strategy.id, version: strategy.version, by: actor, cancelled }, now);
  await recordAudit(q, { orgId, actor, action: 'case.strategy_changed', entity: 'case', entityId: c.value.id,
    data: { from: c.value.strategy_id, to: strategy.id, version: strategy.version } }, now);
  await replanCase(q, orgId, c.value.customer_id, now);
  return summary(q, orgId, c.value.id);
}

/** A note on the case's timeline (closed cases too: the story goes on being told). */
export async function addCaseNote(q: Queryable, orgId: string, actor: string, id: string, note: string, now: Date): Promise<Result<{ id: string; case_id: string }>> {
  const [c] = await q.query<{ id: string }>('SELECT id FROM cases WHERE org_id = $1 AND (id = $2 OR customer_id = $2) LIMIT 1', [orgId, id]);
  if (!c) return fail('NOT_FOUND', `no case ${id}`, 'id');
  const eventId = await addCaseEvent(q, orgId, c.id, 'note_added', `note by ${actor}`, { by: actor, note }, now);
  return ok({ id: eventId, case_id: c.id });
}

export interface OneOffMessage { channel: 'email' | 'sms' | 'whatsapp' | 'voice'; template: string; tone: string }

/**
 * Queues a one-off message as an outbox action due today in the customer's time zone, listing their open undisputed
 * invoices. Nothing is sent here: the dispatcher picks it up and the compliance gate decides at send time.
 */
export async function requestMessage(q: Queryable, orgId: string, actor: string, id: string, m: OneOffMessage, now: Date): Promise<Result<{ action_id: string; case_id: string; scheduled_for: string }>> {
  const c = await lockOpenCase(q, orgId, id);
  if (!c.ok) return c;
  const address = m.channel === 'email' ? c.value.email : m.channel === 'whatsapp' ? c.value.whatsapp ?? c.value.phone : c.value.phone;
  if (!address) return fail('VALIDATION_FAILED', `the customer has no ${m.channel} address`, 'channel');
  const invoices = await q.query<{ id: string }>(
    `SELECT id FROM invoices WHERE org_id = $1 AND customer_id = $2 AND balance > 0 AND NOT cancelled AND NOT disputed ORDER BY due_date, id`,
    [orgId, c.value.customer_id]);
  if (invoices.length === 0) return fail('INVALID_STATE', 'the customer owes nothing undisputed to write about', 'id');
  const actionId = newId('action');
  const day = dateInZone(now, c.value.timezone);
  const reason = `${ONE_OFF_STEP}: ${m.template} on ${m.channel}, asked by ${actor}; the gate decides when it is sent`;
  await q.query(
    `INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, occurrence, kind,
       channels, template, tone, scheduled_for, status, reason, plan_reason, invoice_ids, payload, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $1, 'send', $10::text[], $11, $12, $13::date, 'planned', $14, $14, $15::text[], $16::jsonb,
       $17::timestamptz, $17::timestamptz)`,
    [actionId, orgId, c.value.id, c.value.customer_id, `${c.value.id}|${ONE_OFF_STEP}|${actionId}`, c.value.strategy_id ?? ONE_OFF_STEP,
      c.value.strategy_version ?? 0, ONE_OFF_STEP, c.value.cycle, [m.channel], m.template, m.tone, day, reason, invoices.map((i) => i.id),
      JSON.stringify({ one_off: true, requested_by: actor }), now.toISOString()]);
  await recordAudit(q, { orgId, actor, action: 'message.requested', entity: 'case', entityId: c.value.id,
    data: { action_id: actionId, channel: m.channel, template: m.template } }, now);
  return ok({ action_id: actionId, case_id: c.value.id, scheduled_for: day });
}
