// The debtor cancelling their own pending promise or active instalment plan from the portal, through the payments
// capability's own commands (the audit log, the case timeline and the re-planned case are theirs). Another customer's
// promise or plan is not found; a plan only when the org's portal settings let the debtor cancel one. The cancellation is
// confirmed to the debtor in writing (src/portal/confirm.ts).
import type { Queryable } from '../db/index.ts';
import { fail, type Result } from '../domain/index.ts';
import { cancelPlan, cancelPromise, getPlan, type Plan, type PromiseToPay } from '../payments/index.ts';
import { portalActor } from './actions.ts';
import type { PortalAccess } from './links.ts';
import { getPortalSettings } from './settings.ts';
import { confirmPortalEvent } from './confirm.ts';

/** The reason a promise or plan the debtor cancelled carries (the audit log says through which link). */
export const PORTAL_CANCEL_REASON = 'cancelled by the debtor in the portal';

export async function portalCancelPromise(q: Queryable, a: PortalAccess, id: string, now: Date): Promise<Result<PromiseToPay>> {
  const r = await cancelPromise(q, a.orgId, portalActor(a), id, { customerId: a.customerId, reason: PORTAL_CANCEL_REASON }, now);
  if (r.ok) await confirmPortalEvent(q, a, { kind: 'promise_cancelled', promise: r.value }, now);
  return r;
}

/** Cancels the debtor's active plan: instalments already paid stay paid; the interest not yet earned is taken back. */
export async function portalCancelPlan(q: Queryable, a: PortalAccess, id: string, now: Date): Promise<Result<Plan>> {
  const found = await getPlan(q, a.orgId, id);
  if (!found.ok || found.value.customer_id !== a.customerId) return fail('NOT_FOUND', `no plan ${id}`, 'id');
  if (!(await getPortalSettings(q, a.orgId)).debtor_cancels_plan) {
    return fail('FORBIDDEN', 'this company does not let a plan be cancelled here: contact them to change it', 'plan');
  }
  const r = await cancelPlan(q, a.orgId, portalActor(a), id, PORTAL_CANCEL_REASON, now);
  if (r.ok) await confirmPortalEvent(q, a, { kind: 'plan_cancelled', plan: r.value }, now);
  return r;
}
