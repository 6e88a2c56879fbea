// Tasks the agent puts on the worklist (the engine's tasks table, through its columns, as disputes do: the engine exports
// no command that creates a task outside a planned action): handovers, payments to verify, contacts to check.
import type { Queryable } from '../db/index.ts';
import { newId, type CalendarDate } from '../domain/index.ts';

export interface NewTask {
  customerId: string;
  caseId: string | null;
  /** One task per key: the same key again updates its note. */
  key: string;
  kind: 'call' | 'review' | 'negotiate';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  note: string;
  dueDate: CalendarDate;
}

export async function putTask(q: Queryable, orgId: string, t: NewTask, now: Date): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO tasks (id, org_id, case_id, customer_id, action_key, idempotency_key, kind, priority, note, due_date, created_at)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (org_id, idempotency_key) DO UPDATE SET note = EXCLUDED.note RETURNING id`,
    [newId('task', now.getTime()), orgId, t.caseId ?? '', t.customerId, t.key, t.kind, t.priority, t.note.slice(0, 4000), t.dueDate, now.toISOString()]);
  return row!.id;
}

/** The customer's open task whose key starts with `prefix`, newest first. */
export async function openTaskOf(q: Queryable, orgId: string, customerId: string, prefix: string): Promise<{ id: string; note: string | null } | null> {
  const [row] = await q.query<{ id: string; note: string | null }>(
    `SELECT id, note FROM tasks WHERE org_id = $1 AND customer_id = $2 AND status = 'open' AND idempotency_key LIKE $3 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [orgId, customerId, `${prefix}%`]);
  return row ?? null;
}

/** Adds a line to an open task's note. */
export async function addToTask(q: Queryable, orgId: string, id: string, line: string): Promise<void> {
  await q.query(`UPDATE tasks SET note = left(COALESCE(note || E'\\n', '') || $3, 4000) WHERE org_id = $1 AND id = $2`, [orgId, id, line]);
}
