// What the debtor can do from the portal, each through the payments capability's own command (so limits, the timeline,
// the audit log and re-planning are theirs): pay, promise, choose a plan, ask for more time, dispute. A promise, more time
// or a plan is confirmed to the debtor in writing (src/portal/confirm.ts).
import type { Queryable } from '../db/index.ts';
import { fail, type CalendarDate } from '../domain/index.ts';
import {
  connectedGateway, createPaymentLink, createPlan, createPromise, openDispute, planOptions, requestExtension,
  type Attachment, type DisputeReason, type Frequency, type GatewayContext,
} from '../payments/index.ts';
import type { PortalAccess } from './links.ts';
import { confirmPortalEvent } from './confirm.ts';

/** Who did it, in the audit log and on the arrangement: the debtor, through this link. */
export const portalActor = (a: PortalAccess) => `portal:${a.linkId}`;

export interface PortalPayment { amount?: number; currency?: string; invoiceIds?: string[] }

/**
 * A hosted checkout for the whole balance (in the currency most is owed in, or the one named) or part of it; a clear
 * failure when the org takes no online payments. It returns to the portal through cobro's redirect and the cookie the
 * route sets (src/portal/pay-return.ts): the portal's address, which holds its token, is neither stored nor given to the provider.
 */
export async function portalPay(ctx: GatewayContext, a: PortalAccess, input: PortalPayment, now: Date) {
  if (!(await connectedGateway(ctx, a.orgId))) {
    return fail('INVALID_STATE', 'this company does not take payments online yet: pay by the usual means, or promise a date here', 'provider');
  }
  return createPaymentLink(ctx, a.orgId, portalActor(a), {
    customerId: a.customerId, source: 'portal',
    ...(input.amount !== undefined ? { amount: input.amount } : {}), ...(input.currency ? { currency: input.currency } : {}),
    ...(input.invoiceIds?.length ? { invoiceIds: input.invoiceIds } : {}),
  }, now);
}

export async function portalPromise(q: Queryable, a: PortalAccess, p: { amount: number; currency: string; dueDate: CalendarDate }, now: Date) {
  const r = await createPromise(q, a.orgId, portalActor(a), { customerId: a.customerId, amount: p.amount, currency: p.currency, dueDate: p.dueDate,
    source: 'portal', channel: 'portal' }, now);
  if (r.ok) await confirmPortalEvent(q, a, { kind: 'promise', promise: r.value }, now);
  return r;
}

export function portalPlanOptions(q: Queryable, a: PortalAccess, now: Date) {
  return planOptions(q, a.orgId, a.customerId, now);
}

export async function portalPlan(q: Queryable, a: PortalAccess, p: { instalments: number; frequency: Frequency; downPayment?: number }, now: Date) {
  const r = await createPlan(q, a.orgId, portalActor(a), { customerId: a.customerId, instalments: p.instalments, frequency: p.frequency, source: 'portal',
    ...(p.downPayment !== undefined ? { downPayment: p.downPayment } : {}) }, now);
  if (r.ok) await confirmPortalEvent(q, a, { kind: 'plan', plan: r.value }, now);
  return r;
}

export async function portalExtension(q: Queryable, a: PortalAccess, p: { days: number; reason?: string }, now: Date) {
  const r = await requestExtension(q, a.orgId, portalActor(a), { customerId: a.customerId, days: p.days, source: 'portal',
    ...(p.reason ? { reason: p.reason } : {}) }, now);
  if (r.ok && r.value.promise) await confirmPortalEvent(q, a, { kind: 'extension', promise: r.value.promise }, now);
  return r;
}

export function portalDispute(
  q: Queryable, a: PortalAccess, p: { reason: DisputeReason; text?: string; invoiceIds: string[]; attachment?: Attachment }, now: Date,
): ReturnType<typeof openDispute> {
  return openDispute(q, a.orgId, portalActor(a), { customerId: a.customerId, reason: p.reason, invoiceIds: p.invoiceIds, source: 'portal',
    ...(p.text ? { text: p.text } : {}), ...(p.attachment ? { attachment: p.attachment } : {}) }, now);
}
