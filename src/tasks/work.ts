// Tasks as people handle them: a new task or a callback at an instant, handing a task to a user, finishing one; each in
// the case's timeline.
import type { Queryable } from '../db/index.ts';
import { dateInZone } from '../domain/dates.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { addCaseEvent, assignTask, completeTask, createTask, escalateCase, getCase, getTask, type CaseSummary, type NewTask, type Task } from '../engine/index.ts';
import { getOrg, listUsers } from '../orgs/index.ts';

/** How far ahead a task may be set. */
export const MAX_TASK_DAYS_AHEAD = 365;

export interface TaskRequest {
  caseId: string;
  kind: NewTask['kind'];
  priority: NewTask['priority'];
  note?: string;
  /** An instant (a callback) or a day; one of them. */
  dueAt?: Date;
  dueDate?: string;
  /** A user id; the person asking when absent (if a person asks), else unassigned. */
  assignedTo?: string | null;
}

/** The user a task may be given to: someone of the org who may change things. */
async function assignee(q: Queryable, orgId: string, userId: string): Promise<Result<string>> {
  const user = (await listUsers(q, orgId)).find((u) => u.id === userId);
  if (!user) return fail('NOT_FOUND', `no user ${userId}`, 'user_id');
  if (user.role === 'viewer') return fail('VALIDATION_FAILED', `${user.email} is a viewer and cannot work tasks`, 'user_id');
  return ok(user.id);
}

/** Adds a task to an open case: a callback when it has an instant (due that day in the org's time zone). */
export async function addTask(q: Queryable, orgId: string, actor: string, userId: string | null, t: TaskRequest, now: Date): Promise<Result<Task>> {
  const c = await getCase(q, orgId, t.caseId);
  if (!c.ok) return fail('NOT_FOUND', `no case ${t.caseId}`, 'case_id');
  const org = await getOrg(q, orgId);
  const today = dateInZone(now, org?.default_timezone ?? 'UTC');
  if (!t.dueAt && !t.dueDate) return fail('VALIDATION_FAILED', 'give due_at (an instant) or due_date (a day)', 'due_at');
  if (t.dueAt && t.dueAt.getTime() <= now.getTime()) return fail('VALIDATION_FAILED', 'a callback is set for later than now', 'due_at');
  const dueDate = t.dueAt ? dateInZone(t.dueAt, org?.default_timezone ?? 'UTC') : t.dueDate!;
  if (dueDate < today) return fail('VALIDATION_FAILED', `the day ${dueDate} has passed`, 'due_date');
  if (Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`) > MAX_TASK_DAYS_AHEAD * 86_400_000) {
    return fail('VALIDATION_FAILED', `a task is set at most ${MAX_TASK_DAYS_AHEAD} days ahead`, t.dueAt ? 'due_at' : 'due_date');
  }
  let to: string | null = t.assignedTo === undefined ? userId : t.assignedTo;
  if (to) {
    const u = await assignee(q, orgId, to);
    if (!u.ok) return fail(u.error.code, u.error.message, 'assigned_to');
    to = u.value;
  }
  const source = t.kind === 'call' && t.dueAt ? 'callback' : 'manual';
  const task = await createTask(q, orgId, actor, { caseId: c.value.id, kind: t.kind, priority: t.priority, note: t.note ?? null, dueDate,
    dueAt: t.dueAt ?? null, assignedTo: to, source }, now);
  if (!task.ok) return task;
  await addCaseEvent(q, orgId, c.value.id, source === 'callback' ? 'callback_set' : 'task_created',
    source === 'callback' ? `callback set by ${actor} for ${t.dueAt!.toISOString()}` : `${t.kind} task added by ${actor} for ${dueDate}`,
    { task_id: task.value.id, kind: t.kind, due_date: dueDate, due_at: t.dueAt?.toISOString() ?? null, assigned_to: to, by: actor,
      ...(t.note ? { note: t.note } : {}) }, now);
  await recordAudit(q, { orgId, actor, action: 'task.created', entity: 'task', entityId: task.value.id, data: { case_id: c.value.id, kind: t.kind } }, now);
  return task;
}

/** Gives an open task to a user of the org, or back to the unassigned (null). */
export async function handOver(q: Queryable, orgId: string, actor: string, taskId: string, userId: string | null, now: Date): Promise<Result<Task>> {
  if (userId) {
    const u = await assignee(q, orgId, userId);
    if (!u.ok) return u;
  }
  const t = await assignTask(q, orgId, taskId, userId);
  if (!t.ok) return t;
  await recordAudit(q, { orgId, actor, action: 'task.assigned', entity: 'task', entityId: taskId, data: { user_id: userId } }, now);
  return t;
}

/** Completes a task with what came of it, and says so in the case's timeline (an org-level task's, in the audit log). */
export async function finishTask(q: Queryable, orgId: string, actor: string, taskId: string, outcome: string | null, now: Date): Promise<Result<Task>> {
  const before = await getTask(q, orgId, taskId);
  if (!before.ok) return before;
  const done = await completeTask(q, orgId, actor, taskId, outcome, now);
  if (!done.ok) return done;
  const data = { task_id: taskId, kind: done.value.kind, by: actor, ...(outcome ? { note: outcome } : {}) };
  if (done.value.case_id) await addCaseEvent(q, orgId, done.value.case_id, 'task_completed', `${done.value.kind} task done (${actor})`, data, now);
  // an org-level task (a gateway dispute no customer was found for) has no case: the audit log keeps its completion
  else await recordAudit(q, { orgId, actor, action: 'task.completed', entity: 'task', entityId: taskId, data }, now);
  return done;
}

/** Escalates the case and puts a high-priority review task among the unassigned, so a manager takes the hand-over. */
export async function escalate(q: Queryable, orgId: string, actor: string, caseId: string, note: string | null, now: Date): Promise<Result<CaseSummary>> {
  const c = await escalateCase(q, orgId, actor, caseId, note, now);
  if (!c.ok) return c;
  const org = await getOrg(q, orgId);
  const t = await createTask(q, orgId, actor, { caseId: c.value.id, kind: 'review', priority: 'high', note: note ? `escalated: ${note}` : 'escalated',
    dueDate: dateInZone(now, org?.default_timezone ?? 'UTC'), dueAt: null, assignedTo: null, source: 'escalation' }, now);
  return t.ok ? c : t;
}
