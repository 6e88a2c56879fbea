// What the debtor's account has been through, read-only: promises that ended (kept, partly kept, broken, replaced,
// cancelled), plans that ended, every dispute with its outcome (not staff's note) and the file the debtor sent with it,
// each kind in pages of 50, newest first, the next page after a cursor (the last row shown).
// Instants become dates in the debtor's time zone, as the rest of the portal shows them.
import type { Queryable } from '../db/index.ts';
import { dateInZone, type CalendarDate } from '../domain/index.ts';
import { listDisputes, listPlans, listPromises, type Dispute, type Plan, type PromiseToPay } from '../payments/index.ts';
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
  /** Each kind's cursor for its next page (GET history/{kind}?before=), null when all are shown. */
  next: Record<'promises' | 'plans' | 'disputes', string | null>;
}

/** How many of each kind a page of the history shows, newest first. */
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

/** One page of a kind, newest first, and the cursor of the next (the last row shown) when there is more. */
export interface HistoryPage<T> { data: T[]; next: string | null }
export const HISTORY_KINDS = ['promises', 'plans', 'disputes'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];
type Row<K extends HistoryKind> = PortalHistory[K][number];

/** The first HISTORY_LIMIT of rows read one beyond it, and the cursor of the next page if that one was there. */
function pageOf<T extends { id: string }>(rows: T[]): { rows: T[]; next: string | null } {
  const shown = rows.slice(0, HISTORY_LIMIT);
  return { rows: shown, next: rows.length > HISTORY_LIMIT ? shown[shown.length - 1]!.id : null };
}

type Days = (ts: string | null) => CalendarDate | null;
const byYou = (actor: string | null) => actor?.startsWith('portal:') ?? false;

async function promisesPage(q: Queryable, a: PortalAccess, day: Days, before?: string): Promise<HistoryPage<Row<'promises'>>> {
  const { rows, next } = pageOf(await listPromises(q, a.orgId, { customerId: a.customerId, ended: true, limit: HISTORY_LIMIT + 1, ...(before ? { before } : {}) }));
  const data = rows.flatMap((p) => (p.status === 'pending' ? [] : [{ id: p.id, kind: p.kind, amount: p.amount, currency: p.currency, made_on: p.made_on,
    due_date: p.due_date, paid: p.paid, status: p.status, ended_on: day(p.evaluated_at), cancelled_by_you: p.status === 'cancelled' && byYou(p.cancelled_by) }]));
  return { data, next };
}

async function plansPage(q: Queryable, a: PortalAccess, day: Days, before?: string): Promise<HistoryPage<Row<'plans'>>> {
  const { rows, next } = pageOf(await listPlans(q, a.orgId, { customerId: a.customerId, ended: true, limit: HISTORY_LIMIT + 1, ...(before ? { before } : {}) }));
  const data = rows.flatMap((p) => (p.status === 'active' ? [] : [{ id: p.id, currency: p.currency, total: p.total, paid: p.paid, frequency: p.frequency,
    instalment_count: p.instalment_count, status: p.status, made_on: day(p.created_at)!, ended_on: day(p.ended_at),
    cancelled_by_you: p.status === 'cancelled' && p.end_reason === PORTAL_CANCEL_REASON }]));
  return { data, next };
}

async function disputesPage(q: Queryable, a: PortalAccess, day: Days, before?: string): Promise<HistoryPage<Row<'disputes'>>> {
  const { rows, next } = pageOf(await listDisputes(q, a.orgId, { customerId: a.customerId, limit: HISTORY_LIMIT + 1, ...(before ? { before } : {}) }));
  const data = rows.map((d) => ({ id: d.id, reason: d.reason, amount: d.amount, currency: d.currency, status: d.status, opened_on: day(d.created_at)!,
    resolved_on: day(d.resolved_at),
    attachment: d.attachment && sentByDebtor(d) ? { filename: d.attachment.filename, content_type: d.attachment.content_type, size: d.attachment.size } : null }));
  return { data, next };
}

async function daysOf(q: Queryable, a: PortalAccess): Promise<Days> {
  const zone = await debtorZone(q, a);
  return (ts) => (ts ? dateInZone(new Date(ts), zone) : null);
}

/** The first page of each kind, and where each goes on. */
export async function portalHistory(q: Queryable, a: PortalAccess): Promise<PortalHistory> {
  const day = await daysOf(q, a);
  const [promises, plans, disputes] = [await promisesPage(q, a, day), await plansPage(q, a, day), await disputesPage(q, a, day)];
  return { plan_cancellable: (await getPortalSettings(q, a.orgId)).debtor_cancels_plan, promises: promises.data, plans: plans.data, disputes: disputes.data,
    next: { promises: promises.next, plans: plans.next, disputes: disputes.next } };
}

/** The page of one kind after the row `before` (the previous page's `next`); an id not of this debtor's gives an empty page. */
export async function portalHistoryPage(q: Queryable, a: PortalAccess, kind: HistoryKind, before: string)
  : Promise<HistoryPage<Row<'promises'>> | HistoryPage<Row<'plans'>> | HistoryPage<Row<'disputes'>>> {
  const day = await daysOf(q, a);
  switch (kind) {
    case 'promises': return promisesPage(q, a, day, before);
    case 'plans': return plansPage(q, a, day, before);
    case 'disputes': return disputesPage(q, a, day, before);
  }
}
