// Tasks people make and hand out: a follow-up at an instant, a review on escalation, assignment to a user, and the mark
// of a task a person has started on (the engine's stops then leave it for them to close).
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';
import { newId } from '../domain/ids.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { openCallers, TASK_COLUMNS, type Task } from './tasks.ts';
import { openCustomerRows } from '../vault/index.ts';

export const TASK_KINDS = ['call', 'review', 'negotiate'] as const;
export const TASK_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

export interface NewTask {
  caseId: string;
  kind: (typeof TASK_KINDS)[number];
  priority: (typeof TASK_PRIORITIES)[number];
  note: string | null;
  /** The day it is due (the worklist of that day shows it) and, for a callback, the instant. */
  dueDate: CalendarDate;
  dueAt: Date | null;
  assignedTo: string | null;
  /** What made it: `callback`, `escalation`, `manual`; the start of its action key. */
  source: string;
}

export async function getTask(q: Queryable, orgId: string, id: string): Promise<Result<Task>> {
  const [t] = await openCallers(q, orgId, await q.query<Task>(
    `SELECT ${TASK_COLUMNS} FROM tasks t LEFT JOIN customers cu ON cu.id = t.customer_id WHERE t.org_id = $1 AND t.id = $2`, [orgId, id]));
  return t ? ok(t) : fail('NOT_FOUND', `no task ${id}`, 'id');
}

/** Adds a task to an open case by hand; it has no outbox action, so only completing it (or the case closing) ends it. */
export async function createTask(q: Queryable, orgId: string, actor: string, t: NewTask, now: Date): Promise<Result<Task>> {
  const [c] = await q.query<{ id: string; customer_id: string; status: string }>(
    'SELECT id, customer_id, status FROM cases WHERE org_id = $1 AND id = $2', [orgId, t.caseId]);
  if (!c) return fail('NOT_FOUND', `no case ${t.caseId}`, 'case_id');
  if (c.status !== 'open') return fail('INVALID_STATE', `case ${t.caseId} is closed`, 'case_id');
  const id = newId('task');
  const key = `${t.source}:${id}`;
  await q.query(
    `INSERT INTO tasks (id, org_id, case_id, customer_id, action_key, idempotency_key, kind, priority, note, due_date, due_at, assigned_to,
       created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9::date, $10::timestamptz, $11, $12, $13::timestamptz)`,
    [id, orgId, c.id, c.customer_id, key, t.kind, t.priority, t.note, t.dueDate, t.dueAt?.toISOString() ?? null, t.assignedTo, actor, now.toISOString()]);
  return getTask(q, orgId, id);
}

/** Puts an open task on a user's worklist, or back among the unassigned (null). */
export async function assignTask(q: Queryable, orgId: string, id: string, userId: string | null): Promise<Result<Task>> {
  const rows = await q.query<{ status: string }>('SELECT status FROM tasks WHERE org_id = $1 AND id = $2 FOR UPDATE', [orgId, id]);
  if (!rows[0]) return fail('NOT_FOUND', `no task ${id}`, 'id');
  if (rows[0].status !== 'open') return fail('INVALID_STATE', `task ${id} is ${rows[0].status}`, 'id');
  await q.query('UPDATE tasks SET assigned_to = $3 WHERE org_id = $1 AND id = $2', [orgId, id, userId]);
  return getTask(q, orgId, id);
}

/** Marks an open task as started on by a person (the first call logged on it). */
export async function markTaskWorked(q: Queryable, orgId: string, id: string, now: Date): Promise<void> {
  await q.query(`UPDATE tasks SET worked_at = COALESCE(worked_at, $3::timestamptz) WHERE org_id = $1 AND id = $2 AND status = 'open'`,
    [orgId, id, now.toISOString()]);
}

export interface WorklistRow extends Omit<Task, 'case_id' | 'customer_id'> {
  /** null on an org-level task (no customer, no case: a gateway dispute on a payment cobro does not know). */
  case_id: string | null; customer_id: string | null;
  case_status: 'open' | 'closed' | null; stop_code: string | null; paused_until: string | null; escalated: boolean;
  country: string | null; timezone: string | null; phone: string | null;
  /** Per currency: the overdue balance on open undisputed invoices, their count and the oldest due date. */
  overdue: { currency: string; amount: number; invoices: number; oldest_due: string }[];
}

export interface WorklistQuery {
  /** Tasks due on or before this day. */
  date: CalendarDate;
  /** A user id, `unassigned`, or null for every open task. */
  assignees: (string | null)[] | 'all';
  kind?: string;
  /** org: only the org-level tasks (no customer, no case); customer: only the tasks of cases; neither: both. */
  level?: 'org' | 'customer';
  limit: number;
}

/** Open tasks of open cases due by the day, for the users asked, with what the customer owes past due; then the org-level
 *  open tasks (stored with customer_id and case_id ''; few) from a query of their own, so the case tasks' plan is unchanged. */
export async function worklistRows(q: Queryable, orgId: string, w: WorklistQuery): Promise<WorklistRow[]> {
  const users = w.assignees === 'all' ? null : w.assignees.filter((a): a is string => a !== null);
  const unassigned = w.assignees === 'all' || w.assignees.includes(null);
  const params = [orgId, w.date, users === null ? null : true, users ?? [], unassigned, w.kind ?? null, w.limit];
  const cases = w.level === 'org' ? [] : await caseRows(q, orgId, params);
  const own = w.level === 'customer' ? [] : await orgRows(q, orgId, params);
  if (!own.length) return cases;
  return [...cases, ...own].sort((a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, w.limit);
}

async function caseRows(q: Queryable, orgId: string, params: unknown[]): Promise<WorklistRow[]> {
  return openCustomerRows(q, orgId, await q.query<WorklistRow>(
    `SELECT ${TASK_COLUMNS}, c.status AS case_status, c.stop_code, c.paused_until, c.escalated, cu.country, cu.timezone, cu.phone,
       COALESCE(o.overdue, '[]'::jsonb) AS overdue
     FROM tasks t JOIN cases c ON c.id = t.case_id JOIN customers cu ON cu.id = t.customer_id
     LEFT JOIN LATERAL (
       SELECT jsonb_agg(jsonb_build_object('currency', currency, 'amount', amount, 'invoices', n, 'oldest_due', oldest) ORDER BY amount DESC) AS overdue
       FROM (SELECT i.currency, sum(i.balance)::bigint AS amount, count(*)::int AS n, min(i.due_date)::text AS oldest FROM invoices i
             WHERE i.org_id = t.org_id AND i.customer_id = t.customer_id AND i.balance > 0 AND NOT i.cancelled AND NOT i.disputed
               AND i.due_date < $2::date GROUP BY i.currency) x) o ON true
     WHERE t.org_id = $1 AND t.status = 'open' AND c.status = 'open' AND t.due_date <= $2::date
       AND ($3::boolean IS NULL OR t.assigned_to = ANY($4::text[]) OR ($5::boolean AND t.assigned_to IS NULL))
       AND ($6::text IS NULL OR t.kind = $6)
     ORDER BY t.due_date, t.id LIMIT $7`, params));
}

/** The org's own open tasks due by the day (no customer, no case), shaped as worklist rows with nothing owed. */
async function orgRows(q: Queryable, orgId: string, params: unknown[]): Promise<WorklistRow[]> {
  return openCallers(q, orgId, await q.query<WorklistRow>(
    `SELECT t.id, NULL::text AS case_id, NULL::text AS customer_id, '' AS customer_name, t.kind, t.priority, t.note, t.status, t.due_date,
       t.outcome, t.created_at, t.completed_at, t.completed_by, t.assigned_to, t.due_at, t.created_by, t.worked_at, t.caller,
       NULL::text AS case_status, NULL::text AS stop_code, NULL::text AS paused_until, false AS escalated,
       NULL::text AS country, NULL::text AS timezone, NULL::text AS phone, '[]'::jsonb AS overdue
     FROM tasks t
     WHERE t.org_id = $1 AND t.customer_id = '' AND t.case_id = '' AND t.status = 'open' AND t.due_date <= $2::date
       AND ($3::boolean IS NULL OR t.assigned_to = ANY($4::text[]) OR ($5::boolean AND t.assigned_to IS NULL))
       AND ($6::text IS NULL OR t.kind = $6)
     ORDER BY t.due_date, t.id LIMIT $7`, params));
}
