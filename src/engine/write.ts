// Writing a batch of case decisions: outbox rows (ON CONFLICT DO NOTHING on the idempotency key),
// cancellations, tasks, the timeline's notes, the cases and their events, one statement per table whatever the batch size.
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import { emitEvents, type NewEvent } from '../events/index.ts';
import type { ActionRow } from './case-rows.ts';
import { applyCharges } from './charges.ts';
import { recordAssignments } from '../experiments/assignments.ts';
import type { CaseDecision } from './decide.ts';

export interface WriteCounts { planned: number; skipped: number; cancelled: number; tasks: number; closed: number }

interface EventRow { id: string; org_id: string; case_id: string; kind: string; step_id: string | null; idempotency_key: string | null; reason: string; data: Record<string, unknown> }

const ACTION_COLUMNS = `id text, org_id text, case_id text, customer_id text, idempotency_key text, strategy_id text,
  strategy_version int, step_id text, cycle int, occurrence text, kind text, channels text[], template text, tone text,
  scheduled_for date, status text, reason text, invoice_ids text[], payload jsonb`;
const ACTION_NAMES = ACTION_COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]).join(', ');

/**
 * Inserts outbox rows; a row another tick already wrote is left as it is. Each row inserted is its own timeline entry
 * (its `event_seq` comes from the timeline's sequence as it is written), so the action is not written twice.
 */
async function insertActions(q: Queryable, rows: (ActionRow & { org_id: string })[], now: string): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await q.query<{ org_id: string; idempotency_key: string }>(
    `INSERT INTO actions (${ACTION_NAMES}, plan_reason, created_at, updated_at)
     SELECT ${ACTION_NAMES}, reason, $2::timestamptz, $2::timestamptz FROM jsonb_to_recordset($1::jsonb) AS x(${ACTION_COLUMNS})
     ON CONFLICT (org_id, idempotency_key) DO NOTHING
     RETURNING org_id, idempotency_key`,
    [JSON.stringify(rows.map((r) => ({ id: newId('action'), ...r }))), now]);
  return new Set(inserted.map((r) => `${r.org_id} ${r.idempotency_key}`));
}

/** Cancels planned actions; each one cancelled comes back with the `data` its row gave (the reason's code and values). */
async function cancelActions(q: Queryable, rows: { org_id: string; idempotency_key: string; reason: string; data?: Record<string, unknown>; held_by?: string }[],
  now: string) {
  if (rows.length === 0) return [];
  // `held_by` names the hold that cancels it (null when cancelled for good): planned again if that hold ends unpaid
  const done = await q.query<{ org_id: string; idempotency_key: string; case_id: string; step_id: string; reason: string }>(
    `UPDATE actions a SET status = 'cancelled', reason = x.reason, held_by = x.held_by, updated_at = $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS x(org_id text, idempotency_key text, reason text, held_by text)
     WHERE a.org_id = x.org_id AND a.idempotency_key = x.idempotency_key AND a.status = 'planned'
     RETURNING a.org_id, a.idempotency_key, a.case_id, a.step_id, x.reason`, [JSON.stringify(rows), now]);
  if (done.length > 0) {
    // a task a person has started on (logged a call) stays theirs to close: the stop its call brought about does not cancel it
    await q.query(
      `UPDATE tasks t SET status = 'cancelled' FROM jsonb_to_recordset($1::jsonb) AS x(org_id text, idempotency_key text)
       WHERE t.org_id = x.org_id AND t.action_key = x.idempotency_key AND t.status = 'open' AND t.worked_at IS NULL`,
      [JSON.stringify(done.map((d) => ({ org_id: d.org_id, idempotency_key: d.idempotency_key })))]);
  }
  const data = new Map(rows.map((r) => [`${r.org_id} ${r.idempotency_key}`, r.data ?? {}]));
  return done.map((d) => ({ ...d, data: data.get(`${d.org_id} ${d.idempotency_key}`) ?? {} }));
}

async function insertTasks(q: Queryable, rows: (ActionRow & { org_id: string })[], now: string): Promise<number> {
  const tasks = rows.flatMap((r) => {
    const steps = (r.payload.actions ?? []) as { type: string; task?: string; priority?: string; note?: string }[];
    return steps.filter((s) => s.type === 'task').map((s, i) => ({
      id: newId('task'), org_id: r.org_id, case_id: r.case_id, customer_id: r.customer_id, action_key: r.idempotency_key,
      idempotency_key: i === 0 ? r.idempotency_key : `${r.idempotency_key}|task${i + 1}`, kind: s.task, priority: s.priority,
      note: s.note ?? null, due_date: r.scheduled_for,
    }));
  });
  if (tasks.length === 0) return 0;
  const out = await q.query(
    `INSERT INTO tasks (id, org_id, case_id, customer_id, action_key, idempotency_key, kind, priority, note, due_date, created_at)
     SELECT x.*, $2::timestamptz FROM jsonb_to_recordset($1::jsonb) AS x(id text, org_id text, case_id text, customer_id text,
       action_key text, idempotency_key text, kind text, priority text, note text, due_date date)
     ON CONFLICT (org_id, idempotency_key) DO NOTHING RETURNING id`, [JSON.stringify(tasks), now]);
  return out.length;
}

async function insertEvents(q: Queryable, events: EventRow[], now: string): Promise<void> {
  if (events.length === 0) return;
  await q.query(
    `INSERT INTO case_events (id, org_id, case_id, kind, step_id, idempotency_key, reason, data, at)
     SELECT x.id, x.org_id, x.case_id, x.kind, x.step_id, x.idempotency_key, x.reason, x.data, $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, org_id text, case_id text, kind text,
       step_id text, idempotency_key text, reason text, data jsonb)`, [JSON.stringify(events), now]);
}

async function updateCases(q: Queryable, decisions: CaseDecision[], now: string): Promise<void> {
  if (decisions.length === 0) return;
  await q.query(
    `UPDATE cases c SET status = x.status, strategy_id = x.strategy_id, strategy_version = x.strategy_version,
       segment_id = x.segment_id, current_step_id = x.current_step_id, cycle = x.cycle, anchor_due_date = x.anchor_due_date,
       next_action_at = x.next_action_at, paused_until = x.paused_until, escalated = x.escalated, stop_code = x.stop_code,
       closed_at = CASE WHEN x.status = 'closed' THEN $2::timestamptz END, updated_at = $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, status text, strategy_id text, strategy_version int, segment_id text,
       current_step_id text, cycle int, anchor_due_date date, next_action_at timestamptz, paused_until timestamptz,
       escalated boolean, stop_code text)
     WHERE c.id = x.id`, [JSON.stringify(decisions.map((d) => d.update)), now]);
}

/** Notes that explain what follows them in the timeline (the rest, closing and stops, come after the actions). */
const FIRST = new Set(['segment_assigned', 'segment_unassigned', 'cycle_started']);

const event = (org_id: string, case_id: string, kind: string, reason: string, step_id: string | null = null,
  idempotency_key: string | null = null, data: Record<string, unknown> = {}): EventRow =>
  ({ id: newId('event'), org_id, case_id, kind, step_id, idempotency_key, reason, data });

/** What integrators hear of a decision: the case closing (paid) or being handed over to people. */
function caseEvents(orgId: string, d: CaseDecision, now: Date): NewEvent[] {
  const base = { orgId, subject: d.update.id, customerId: d.state.customer.id, at: now };
  const data = { case_id: d.update.id, customer_id: d.state.customer.id };
  const out: NewEvent[] = [];
  if (d.update.escalated && !d.state.escalated) out.push({ ...base, type: 'case.escalated', data: { ...data, step_id: d.update.current_step_id } });
  if (d.update.status === 'closed') {
    // closed with balance left on invoices not yet near their due date (decide.ts): said so, with its own stop code
    const reason = d.update.stop_code === 'not_due' ? 'nothing owed is due yet' : d.plan?.stop?.detail ?? 'paid';
    out.push({ ...base, type: 'case.closed', data: { ...data, reason, stop_code: d.update.stop_code } });
  }
  return out;
}

/**
 * Persists the decisions of one batch; only rows this call inserted or changed get timeline entries. `experiment: false`
 * says the case's org had no running experiment when it was planned, so it has no arm to record (unknown: looked for).
 */
export async function writeDecisions(q: Queryable, batch: { orgId: string; decision: CaseDecision; experiment?: boolean }[], now: Date): Promise<WriteCounts> {
  const at = now.toISOString();
  const notes = (first: boolean) => batch.flatMap(({ orgId, decision }) => decision.notes
    .filter((n) => FIRST.has(n.kind) === first).map((n) => event(orgId, n.case_id, n.kind, n.reason, null, null, n.data)));
  // the timeline's order is the order of writing: segment and cycle notes, actions, cancellations, closing
  await insertEvents(q, notes(true), at);
  const rows = batch.flatMap(({ orgId, decision }) => decision.rows.map((r) => ({ ...r, org_id: orgId })));
  const inserted = await insertActions(q, rows, at);
  const fresh = rows.filter((r) => inserted.has(`${r.org_id} ${r.idempotency_key}`));
  const cancelled = await cancelActions(q, batch.flatMap(({ orgId, decision }) =>
    decision.cancellations.map((c) => ({ org_id: orgId, idempotency_key: c.idempotency_key, reason: c.reason, data: c.data,
      ...(c.held_by ? { held_by: c.held_by } : {}) }))), at);
  const tasks = await insertTasks(q, fresh.filter((r) => r.status === 'planned'), at);
  const charged = await applyCharges(q, fresh.filter((r) => r.status === 'planned'));
  await insertEvents(q, [
    ...cancelled.map((c) => event(c.org_id, c.case_id, 'action_cancelled', c.reason, c.step_id, c.idempotency_key, c.data)),
    ...charged.map((c) => event(c.org_id, c.case_id, c.kind, c.reason, c.step_id, c.idempotency_key, c.data)),
    ...notes(false),
  ], at);
  await updateCases(q, batch.map((b) => b.decision), at);
  await recordAssignments(q, batch.filter((b) => b.experiment !== false && b.decision.update.status === 'open' && b.decision.update.strategy_version !== null)
    .map((b) => b.decision.update.id), at);
  await emitEvents(q, batch.flatMap(({ orgId, decision }) => caseEvents(orgId, decision, now)));
  return {
    planned: fresh.filter((r) => r.status === 'planned').length, skipped: fresh.filter((r) => r.status === 'skipped').length,
    cancelled: cancelled.length, tasks, closed: batch.filter((b) => b.decision.update.status === 'closed').length,
  };
}
