// Staff cancelling a customer's pending promise (or extension) or active plan, from the API, the CLI or the web app,
// through the payments capability's own commands, and confirming it to the debtor in writing in the same transaction:
// the confirmation says the company cancelled it (not "as you asked"), what stays paid and that reminders come again,
// under the same org setting and per-request `confirm` as the arrangements staff record (src/portal/confirm-staff.ts).
import type { Queryable } from '../db/index.ts';
import { ok, type Result } from '../domain/index.ts';
import { cancelPlan, cancelPromise, type Plan, type PromiseToPay } from '../payments/index.ts';
import type { Confirmation } from './confirm.ts';
import { confirmStaffArrangement } from './confirm-staff.ts';

export interface StaffCancel {
  /** Why, kept with the promise or plan and in the audit log (never sent to the debtor). */
  reason?: string | undefined;
  /** Confirm it to the debtor in writing: true or false; the org's setting when absent. */
  confirm?: boolean | undefined;
}

export async function staffCancelPromise(
  q: Queryable, orgId: string, actor: string, id: string, opts: StaffCancel, now: Date,
): Promise<Result<PromiseToPay & { confirmation: Confirmation }>> {
  const r = await cancelPromise(q, orgId, actor, id, opts.reason ? { reason: opts.reason } : {}, now);
  if (!r.ok) return r;
  return ok({ ...r.value, confirmation: await confirmStaffArrangement(q, orgId, actor, { kind: 'promise_cancelled', promise: r.value }, { confirm: opts.confirm }, now) });
}

/** Instalments already paid stay paid; the interest not yet earned is taken back (cancelPlan). */
export async function staffCancelPlan(
  q: Queryable, orgId: string, actor: string, id: string, opts: StaffCancel, now: Date,
): Promise<Result<Plan & { confirmation: Confirmation }>> {
  const r = await cancelPlan(q, orgId, actor, id, opts.reason ?? null, now);
  if (!r.ok) return r;
  return ok({ ...r.value, confirmation: await confirmStaffArrangement(q, orgId, actor, { kind: 'plan_cancelled', plan: r.value }, { confirm: opts.confirm }, now) });
}
