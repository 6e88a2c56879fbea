// What a CSV import of payments does after booking them, inside the import's transaction (a rejected file does none of it):
// the prompt-payment discounts they earn are applied, then their customers' cases are re-planned, as a payment recorded
// through the API or booked from a statement is: a case left with nothing owed closes and its planned reminders are
// cancelled before the import returns, not at the next tick.
import type { Queryable } from '../db/index.ts';
import { replanCustomers } from '../engine/index.ts';
import { applyEarnedDiscounts } from './arrangements-discounts.ts';

/** Customers re-planned per statement: the engine plans a batch in memory, so a file of 100,000 payments goes in slices. */
const REPLAN_SLICE = 1_000;

export async function settleImportedPayments(q: Queryable, orgId: string, customerIds: string[], now: Date): Promise<void> {
  await applyEarnedDiscounts(q, orgId, customerIds, now);
  const who = [...new Set(customerIds)];
  for (let i = 0; i < who.length; i += REPLAN_SLICE) await replanCustomers(q, orgId, who.slice(i, i + REPLAN_SLICE), now);
}
