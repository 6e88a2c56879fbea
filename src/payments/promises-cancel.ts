// Cancelling a pending promise (the debtor from the portal, or a person): it ends as `cancelled`, judged no more, and the
// case returns to its strategy at once, as when a plan is cancelled (no broken-promise step: nothing was missed).
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { replanCase } from '../engine/index.ts';
import { PROMISE_COLUMNS, type PromiseToPay } from './promises.ts';

/** The promise, locked for the change; `customerId` confines it to one customer's (another's is not found). */
async function lockPromise(q: Queryable, orgId: string, id: string, customerId?: string): Promise<PromiseToPay | undefined> {
  const [row] = await q.query<PromiseToPay>(
    `SELECT ${PROMISE_COLUMNS} FROM promises WHERE org_id = $1 AND id = $2 AND ($3::text IS NULL OR customer_id = $3) FOR UPDATE`,
    [orgId, id, customerId ?? null]);
  return row;
}

/** Cancels a pending promise (or extension), recorded in the audit log and on the case timeline, and re-plans the case. */
export async function cancelPromise(
  q: Queryable, orgId: string, actor: string, id: string, opts: { customerId?: string; reason?: string }, now: Date,
): Promise<Result<PromiseToPay>> {
  const found = await lockPromise(q, orgId, id, opts.customerId);
  if (!found) return fail('NOT_FOUND', `no promise ${id}`, 'id');
  if (found.status !== 'pending') {
    return fail('INVALID_STATE', `promise ${id} is already ${found.status.replace('_', ' ')}: only a pending promise can be cancelled`, 'id', { status: found.status });
  }
  const [row] = await q.query<PromiseToPay>(
    `UPDATE promises SET status = 'cancelled', evaluated_at = $3, cancelled_by = $4 WHERE org_id = $1 AND id = $2 AND status = 'pending'
     RETURNING ${PROMISE_COLUMNS}`, [orgId, id, now.toISOString(), actor]);
  await recordAudit(q, { orgId, actor, action: 'promise.cancelled', entity: 'customer', entityId: found.customer_id,
    data: { promise: id, kind: found.kind, amount: found.amount, currency: found.currency, due_date: found.due_date, reason: opts.reason ?? 'cancelled' } }, now);
  await replanCase(q, orgId, found.customer_id, now);
  return ok(row!);
}
