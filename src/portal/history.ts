// What the debtor's account has been through, read-only: promises that ended (kept, partly kept, broken, replaced,
// cancelled), plans that ended, every dispute with its outcome (not staff's note) and the file the debtor sent with it.
// Instants become dates in the debtor's time zone, as the rest of the portal shows them.
import type { Queryable } from '../db/index.ts';
import { dateInZone, type CalendarDate } from '../domain/index.ts';
import { customerArrangements, type Dispute, type Plan, type PromiseToPay } from '../payments/index.ts';
import { PORTAL_CANCEL_REASON } from './cancel.ts';
import type { PortalAccess } from './links.ts';
import { getPortalSettings } from './settings.ts';

export interface PortalHistory {
  /** Whether the org lets the debtor cancel their plan here (a pending promise they may always cancel). */
  plan_cancellable: boolean;
  promises: (Pick<PromiseToPay, 'id' | 'kind' | 'amount' | 'currency' | 'made_on' | 'due_date' | 'paid'>
    & { status: Exclude<PromiseToPay['status'], 'pending'>; ended_on: CalendarDate | null; cancelled_by_you: boolean })[];
  plans: (Pick<Plan, 'id' | 'currency' | 'total' | 'paid' | 'frequency' | 'instalment_count'>
    & { status: Exclude<Plan['status'], 'active'>; made_on: CalendarDate; ended_on: CalendarDate | null; cancelled_by_you: boolean })[];
  disputes: (Pick<Dispute, 'id' | 'reason' | 'amount' | 'currency' | 'status'> & { opened_on: CalendarDate; resolved_on: CalendarDate | null;
    attachment: { filename: string; content_type: string; size: number } | null })[];
}

/** How many of each the history shows, newest first. */
export const HISTORY_LIMIT = 50;
/** Sources through which the debtor themself sends a dispute's file (a file staff attached is theirs, not shown). */
const DEBTOR_SOURCES = new Set(['portal', 'agent']);
/** Whether a dispute's file is the debtor's own: the history names it and the portal sends it back. */
export const sentByDebtor = (d: Pick<Dispute, 'source'>) => DEBTOR_SOURCES.has(d.source);

async function debtorZone(q: Queryable, a: PortalAccess): Promise<string> {
  const [row] = await q.query<{ zone: string }>(
    'SELECT COALESCE(c.timezone, o.default_timezone) AS zone FROM customers c JOIN orgs o ON o.id = c.org_id WHERE c.org_id = $1 AND c.id = $2',
    [a.orgId, a.customerId]);
  return row?.zone ?? 'UTC';
}

export async function portalHistory(q: Queryable, a: PortalAccess): Promise<PortalHistory> {
  const zone = await debtorZone(q, a);
  const day = (ts: string | null) => (ts ? dateInZone(new Date(ts), zone) : null);
  const byYou = (actor: string | null) => actor?.startsWith('portal:') ?? false;
  const arr = await customerArrangements(q, a.orgId, a.customerId);
  const promises: PortalHistory['promises'] = [];
  for (const p of arr.promises) {
    if (p.customer_id !== a.customerId || p.status === 'pending') continue;
    promises.push({ id: p.id, kind: p.kind, amount: p.amount, currency: p.currency, made_on: p.made_on, due_date: p.due_date, paid: p.paid,
      status: p.status, ended_on: day(p.evaluated_at), cancelled_by_you: p.status === 'cancelled' && byYou(p.cancelled_by) });
  }
  const plans: PortalHistory['plans'] = [];
  for (const p of arr.plans) {
    if (p.customer_id !== a.customerId || p.status === 'active') continue;
    plans.push({ id: p.id, currency: p.currency, total: p.total, paid: p.paid, frequency: p.frequency, instalment_count: p.instalment_count,
      status: p.status, made_on: day(p.created_at)!, ended_on: day(p.ended_at),
      cancelled_by_you: p.status === 'cancelled' && p.end_reason === PORTAL_CANCEL_REASON });
  }
  const disputes = arr.disputes.filter((d) => d.customer_id === a.customerId).map((d) => ({
    id: d.id, reason: d.reason, amount: d.amount, currency: d.currency, status: d.status, opened_on: day(d.created_at)!, resolved_on: day(d.resolved_at),
    attachment: d.attachment && sentByDebtor(d) ? { filename: d.attachment.filename, content_type: d.attachment.content_type, size: d.attachment.size } : null,
  }));
  return { plan_cancellable: (await getPortalSettings(q, a.orgId)).debtor_cancels_plan, promises: promises.slice(0, HISTORY_LIMIT), plans: plans.slice(0, HISTORY_LIMIT), disputes: disputes.slice(0, HISTORY_LIMIT) };
}
