// The review task a dispute (or a payment through a link already made stale, or a gateway's chargeback) puts on the worklist (the engine's tasks
// table, through its columns: the engine exports no function that creates a task outside a planned action). One per
// subject: its key is the dispute's id, or the provider payment's. A gateway dispute on a payment cobro does not know, whose
// references name no customer, is an org-level task (no customer, no case) until its customer is found.
import type { Queryable } from '../db/index.ts';
import { newId, type CalendarDate } from '../domain/index.ts';

export async function createReviewTask(
  q: Queryable, orgId: string, customerId: string, disputeId: string, note: string, dueDate: CalendarDate, now: Date,
): Promise<string> {
  return reviewTask(q, orgId, customerId, `dispute:${disputeId}`, note, dueDate, now);
}

/**
 * A high-priority review task on the customer's case, once per key (a second call updates its note); `detail`, the
 * structured form the note was written from (src/messaging/note-form.ts), kept beside it.
 */
export async function reviewTask(q: Queryable, orgId: string, customerId: string, key: string, note: string, dueDate: CalendarDate, now: Date,
  detail?: object): Promise<string> {
  return (await insertReviewTask(q, orgId, customerId, key, note, dueDate, now, 'UPDATE SET note = EXCLUDED.note, detail = EXCLUDED.detail', detail))!.id;
}

/** The same review task, opened only when none has its key yet: the new task and its case ('' for none), or null. */
export async function openReviewTask(q: Queryable, orgId: string, customerId: string, key: string, note: string, dueDate: CalendarDate, now: Date):
  Promise<{ id: string; case_id: string } | null> {
  return insertReviewTask(q, orgId, customerId, key, note, dueDate, now, 'NOTHING');
}

async function insertReviewTask(q: Queryable, orgId: string, customerId: string, key: string, note: string, dueDate: CalendarDate, now: Date,
  onConflict: 'NOTHING' | 'UPDATE SET note = EXCLUDED.note, detail = EXCLUDED.detail', detail?: object): Promise<{ id: string; case_id: string } | null> {
  // the customer's case when there is one (a dispute opens it, disputes.ts; a gateway's chargeback may come before any case)
  const [c] = await q.query<{ id: string }>('SELECT id FROM cases WHERE org_id = $1 AND customer_id = $2', [orgId, customerId]);
  const [row] = await q.query<{ id: string; case_id: string }>(
    `INSERT INTO tasks (id, org_id, case_id, customer_id, action_key, idempotency_key, kind, priority, note, due_date, created_at, detail)
     VALUES ($1, $2, $3, $4, $5, $5, 'review', 'high', $6, $7, $8, $9::jsonb)
     ON CONFLICT (org_id, idempotency_key) DO ${onConflict} RETURNING id, case_id`,
    [newId('task'), orgId, c?.id ?? '', customerId, key, note.slice(0, 1000), dueDate, now.toISOString(), detail ? JSON.stringify(detail) : null]);
  return row ?? null;
}

/**
 * The org-level task of `key` (a gateway dispute whose customer was not known when it opened) moved onto the customer now
 * known, and their case: the task, whatever its status, or null when there is no such org-level task.
 */
export async function adoptOrgTask(q: Queryable, orgId: string, key: string, customerId: string): Promise<{ id: string; case_id: string; status: string } | null> {
  const [row] = await q.query<{ id: string; case_id: string; status: string }>(
    `UPDATE tasks SET customer_id = $3, case_id = COALESCE((SELECT id FROM cases WHERE org_id = $1 AND customer_id = $3), '')
     WHERE org_id = $1 AND idempotency_key = $2 AND customer_id = '' RETURNING id, case_id, status`, [orgId, key, customerId]);
  return row ?? null;
}
