// A customer's arrangements together (promises, plans, disputes, extensions, discount offers), and the evaluation the
// worker runs each round: promises judged, plans completed or broken, discounts applied or expired, those cases re-planned.
import type { Db, Queryable } from '../db/index.ts';
import { replanCase } from '../engine/index.ts';
import { evaluateDiscounts, listDiscountOffers, type DiscountOffer } from './arrangements-discounts.ts';
import { listDisputes, type Dispute } from './disputes.ts';
import { listExtensions, type Extension } from './extensions.ts';
import { evaluatePlans } from './plans/end.ts';
import { listPlans, type Plan } from './plans/read.ts';
import { evaluatePromises, listPromises, type PromiseToPay } from './promises.ts';

export interface CustomerArrangements {
  promises: PromiseToPay[];
  plans: Plan[];
  disputes: Dispute[];
  extensions: Extension[];
  discounts: DiscountOffer[];
}

export async function customerArrangements(q: Queryable, orgId: string, customerId: string): Promise<CustomerArrangements> {
  return {
    promises: await listPromises(q, orgId, { customerId }),
    plans: await listPlans(q, orgId, { customerId }),
    disputes: await listDisputes(q, orgId, { customerId }),
    extensions: await listExtensions(q, orgId, customerId),
    discounts: await listDiscountOffers(q, orgId, customerId),
  };
}

export interface EvaluationResult {
  promises: Record<string, number>;
  plans: Record<string, number>;
  discounts: Record<string, number>;
  replanned: number;
}

const countBy = (rows: { status: string }[]) => rows.reduce<Record<string, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});

/**
 * One evaluation of an org at `now`, in one transaction: nothing changes until a promise's or instalment's date + grace has
 * passed in the debtor's time zone or a payment earned a discount, so running it every worker round is safe and cheap.
 */
export async function evaluateArrangements(db: Db, orgId: string, now: Date): Promise<EvaluationResult> {
  // most rounds of most orgs have nothing open to judge: one look (the statuses the three evaluations start from) spares them
  if (!await anyOpenArrangement(db, orgId)) return { promises: {}, plans: {}, discounts: {}, replanned: 0 };
  return db.transaction(async (tx) => {
    const promises = await evaluatePromises(tx, orgId, now);
    const plans = await evaluatePlans(tx, orgId, now);
    const discounts = await evaluateDiscounts(tx, orgId, now);
    const customers = [...new Set([...promises, ...plans, ...discounts].map((r) => r.customer_id))].sort();
    for (const customerId of customers) await replanCase(tx, orgId, customerId, now);
    return { promises: countBy(promises), plans: countBy(plans), discounts: countBy(discounts), replanned: customers.length };
  });
}

/** Whether the org has a promise pending, a plan active or a discount offered: what evaluateArrangements can judge. */
async function anyOpenArrangement(q: Queryable, orgId: string): Promise<boolean> {
  const [row] = await q.query<{ open: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM promises WHERE org_id = $1 AND status = 'pending')
       OR EXISTS (SELECT 1 FROM plans WHERE org_id = $1 AND status = 'active')
       OR EXISTS (SELECT 1 FROM discount_offers WHERE org_id = $1 AND status = 'offered') AS open`, [orgId]);
  return row?.open ?? true;
}
