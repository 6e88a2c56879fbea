// The worklist: tasks the engine created for people (call, review, negotiate), listed by priority, completed. A task of the
// org's own (no customer: a gateway dispute on a payment cobro does not know) is listed and completed as any other.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { Filter, paginate, type Page, type PageParams } from '../ledger/page.ts';
import { openCopies } from '../vault/index.ts';

export interface Task {
  id: string; case_id: string; customer_id: string; customer_name: string; kind: string; priority: string; note: string | null;
  status: 'open' | 'done' | 'cancelled'; due_date: string; outcome: string | null; created_at: string;
  completed_at: string | null; completed_by: string | null;
  /** The user whose worklist holds it (null: unassigned); the instant of a callback; who made it by hand; when a person started on it. */
  assigned_to: string | null; due_at: string | null; created_by: string | null; worked_at: string | null;
  /** The number an unknown caller's call-back task is to call (kept sealed with field encryption on; opened here), else null. */
  caller: string | null;
}

export const TASK_COLUMNS = `t.id, t.case_id, t.customer_id, COALESCE(cu.name, '') AS customer_name, t.kind, t.priority, t.note, t.status, t.due_date,
  t.outcome, t.created_at, t.completed_at, t.completed_by, t.assigned_to, t.due_at, t.created_by, t.worked_at, t.caller`;

/** The tasks with their `caller` opened (an unknown caller's number, sealed bound to its task when the org has field encryption on). */
export const openCallers = <R extends { id: string; caller: string | null }>(q: Queryable, orgId: string, rows: R[]): Promise<R[]> =>
  openCopies(q, orgId, 'tasks.caller', rows);

export interface TaskFilter extends PageParams { status?: Task['status']; kind?: string; customer_id?: string; case_id?: string }

/** Tasks in id order (pages stay stable); the CLI sorts a page by priority and due date. */
export async function listTasks(q: Queryable, orgId: string, p: TaskFilter): Promise<Page<Task>> {
  const f = new Filter().add('t.org_id = ?', orgId);
  if (p.status) f.add('t.status = ?', p.status);
  if (p.kind) f.add('t.kind = ?', p.kind);
  if (p.customer_id) f.add('t.customer_id = ?', p.customer_id);
  if (p.case_id) f.add('t.case_id = ?', p.case_id);
  return paginate(async (tail, params) => openCallers(q, orgId, await q.query<Task>(
    `SELECT ${TASK_COLUMNS} FROM tasks t LEFT JOIN customers cu ON cu.id = t.customer_id ${tail}`, params)), f, 't.id', p);
}

const RANK: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export function byPriority(a: Task, b: Task): number {
  return (RANK[a.priority] ?? 9) - (RANK[b.priority] ?? 9) || a.due_date.localeCompare(b.due_date) || a.id.localeCompare(b.id);
}

/** Marks an open task done with what came of it. */
export async function completeTask(q: Queryable, orgId: string, actor: string, id: string, outcome: string | null, now: Date): Promise<Result<Task>> {
  const [row] = await q.query<{ status: string }>('SELECT status FROM tasks WHERE org_id = $1 AND id = $2 FOR UPDATE', [orgId, id]);
  if (!row) return fail('NOT_FOUND', `no task ${id}`, 'id');
  if (row.status !== 'open') return fail('INVALID_STATE', `task ${id} is ${row.status}`, 'id');
  await q.query(`UPDATE tasks SET status = 'done', outcome = $3, completed_at = $4::timestamptz, completed_by = $5 WHERE org_id = $1 AND id = $2`,
    [orgId, id, outcome, now.toISOString(), actor]);
  const [task] = await openCallers(q, orgId, await q.query<Task>(
    `SELECT ${TASK_COLUMNS} FROM tasks t LEFT JOIN customers cu ON cu.id = t.customer_id WHERE t.org_id = $1 AND t.id = $2`, [orgId, id]));
  return ok(task!);
}
