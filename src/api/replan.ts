// Event-driven re-planning from the API: after a ledger change succeeds, re-plan that customer's case in the same transaction.
import type { Queryable } from '../db/index.ts';
import type { Result } from '../domain/result.ts';
import { replanCase } from '../engine/index.ts';

export async function replanAfter<T extends { customer_id: string }>(q: Queryable, orgId: string, now: Date, change: Promise<Result<T>>): Promise<Result<T>> {
  const r = await change;
  if (r.ok) await replanCase(q, orgId, r.value.customer_id, now);
  return r;
}
