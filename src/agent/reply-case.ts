// The case an answer is filed under. A debtor with an open case answers within it; one with nothing overdue (invoices not
// yet due, or everything paid) has the customer's case closed, or none yet: the answer, a claim or a handover is kept on
// that case as it is (closed), or on a closed case made for it, so the engine starts nothing (a case opens, in a new
// cycle, only when an invoice falls due, as it always does).
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/index.ts';

export interface ReplyCase { id: string; cycle: number; open: boolean }

/** The customer's open case, else their closed one, else a closed case made now to hold the conversation. */
export async function replyCase(q: Queryable, orgId: string, customerId: string, now: Date): Promise<ReplyCase> {
  const [c] = await q.query<{ id: string; cycle: number; status: string }>(
    'SELECT id, cycle, status FROM cases WHERE org_id = $1 AND customer_id = $2', [orgId, customerId]);
  if (c) return { id: c.id, cycle: c.cycle, open: c.status === 'open' };
  const id = newId('case', now.getTime());
  const [made] = await q.query<{ id: string; cycle: number }>(
    `INSERT INTO cases (id, org_id, customer_id, status, stop_code, opened_at, closed_at, next_action_at, updated_at)
     VALUES ($1, $2, $3, 'closed', 'nothing_due', $4, $4, NULL, $4) ON CONFLICT (org_id, customer_id) DO NOTHING RETURNING id, cycle`,
    [id, orgId, customerId, now]);
  if (!made) return replyCase(q, orgId, customerId, now);
  return { id: made.id, cycle: made.cycle, open: false };
}
