// Confirming to the debtor what they arranged or cancelled in the portal (a promise, more time, a plan): one message on
// the channel that reaches them, queued in the outbox with the facts agreed, so the dispatcher sends it through the
// compliance gate as a confirmation (the agent's confirmations go the same way) and the gate can still block or defer it.
// The audit log says each one queued or skipped and why; the case timeline says it was queued. Staff's arrangements made
// for the debtor, and staff's cancellations of them, are confirmed the same way (src/portal/confirm-staff.ts).
import type { Queryable } from '../db/index.ts';
import { dateInZone, type CalendarDate } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { listConsents, listSuppressions, type ConsentRow, type SuppressionRow } from '../compliance/index.ts';
import { addCaseEvent } from '../engine/index.ts';
import { queueDoneMessage } from '../agent/index.ts';
import { getCustomer } from '../ledger/index.ts';
import type { Plan, PromiseToPay } from '../payments/index.ts';
import { portalActor } from './actions.ts';
import { confirmationChannel, writtenFallback, type ConfirmationChannel } from './confirm-channel.ts';
import { offersCalls } from './contact.ts';
import type { PortalAccess } from './links.ts';
import { getPortalSettings } from './settings.ts';

/** What the debtor did, with the promise (or extension's promise) or plan it made or cancelled. */
export type PortalEvent =
  | { kind: 'promise' | 'extension' | 'promise_cancelled'; promise: PromiseToPay }
  | { kind: 'plan' | 'plan_cancelled'; plan: Plan };

/** The template each event is confirmed with (src/messaging/templates/confirm-*.ts). */
export const CONFIRMATION_TEMPLATES = {
  promise: 'portal-promise-confirmed', extension: 'portal-extension-confirmed', plan: 'portal-plan-confirmed',
  promise_cancelled: 'portal-promise-cancelled', plan_cancelled: 'portal-plan-cancelled',
} as const satisfies Record<PortalEvent['kind'], string>;

/** Staff's cancellations say the company cancelled it, not that the debtor asked (the portal's texts say "as you asked"). */
export const STAFF_CANCELLATION_TEMPLATES = {
  promise_cancelled: 'portal-promise-cancelled-by-staff', plan_cancelled: 'portal-plan-cancelled-by-staff',
} as const satisfies Partial<Record<PortalEvent['kind'], string>>;

const TEMPLATES: readonly string[] = [...Object.values(CONFIRMATION_TEMPLATES), ...Object.values(STAFF_CANCELLATION_TEMPLATES)];

const isCancellation = (k: PortalEvent['kind']): k is keyof typeof STAFF_CANCELLATION_TEMPLATES => k in STAFF_CANCELLATION_TEMPLATES;

const subjectOf = (e: PortalEvent) => ('promise' in e ? e.promise.id : e.plan.id);

/** A live stop of this channel (everything, the channel, or an address on it). */
const stops = (rows: readonly SuppressionRow[]) => (ch: ConfirmationChannel): boolean =>
  rows.some((s) => !s.lifted_at && (s.scope === 'all' || s.channel === ch));

/** A live WhatsApp opt-in, given by now. */
const optedInToWhatsapp = (rows: readonly ConsentRow[], now: Date) =>
  rows.some((c) => c.kind === 'whatsapp_opt_in' && !c.revoked_at && new Date(c.granted_at).getTime() <= now.getTime());

/**
 * A call's confirmation names the written channel to fall back on, as a strategy step names its fallback: the gate
 * blocking the call for a reason of the channel (no consent for calls, calls stopped) or the call failing for good sends
 * the confirmation in writing instead (src/worker/fallback.ts). Busy and no answer are retried as any call is.
 */
function callFallback(channel: ConfirmationChannel, template: string, written: ConfirmationChannel | null) {
  return channel === 'voice' && written ? { actions: [{ type: 'send', template, fallback: [written] }] } : {};
}

/** The promise the new one replaced had the same terms: the same form sent again, already confirmed. */
async function repeated(q: Queryable, orgId: string, p: PromiseToPay): Promise<boolean> {
  const rows = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM promises WHERE org_id = $1 AND replaced_by = $2 AND kind = $3 AND amount = $4 AND currency = $5 AND due_date = $6`,
    [orgId, p.id, p.kind, p.amount, p.currency, p.due_date]);
  return (rows[0]?.n ?? 0) > 0;
}

async function replacedOne(q: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM promises WHERE org_id = $1 AND replaced_by = $2', [orgId, id]);
  return (rows[0]?.n ?? 0) > 0;
}

/** The facts the message states, frozen now (src/worker/context-confirmation.ts reads them). */
async function factsOf(q: Queryable, orgId: string, e: PortalEvent) {
  if ('promise' in e) {
    const p = e.promise;
    return { event: e.kind, changed: e.kind !== 'promise_cancelled' && await replacedOne(q, orgId, p.id),
      promise: { amount: p.amount, currency: p.currency, due_date: p.due_date }, instalments: null };
  }
  const plan = e.plan;
  return { event: e.kind, changed: e.kind === 'plan' && await replacedOne(q, orgId, plan.id), promise: null,
    instalments: e.kind === 'plan' ? plan.instalments.map((i) => ({ amount: i.amount, currency: plan.currency, due_date: i.due_date })) : null };
}

/** Who the confirmation is for and who made the arrangement: the debtor in the portal, or staff on the debtor's behalf. */
export interface ConfirmationOrigin {
  orgId: string;
  customerId: string;
  /** In the audit log: `portal:<link id>`, or the staff member's, API key's or the CLI's own. */
  actor: string;
  by: 'portal' | 'staff';
  /** The portal link the debtor used (portal only). */
  linkId?: string;
}

const audited = (o: ConfirmationOrigin) => (o.by === 'portal' ? 'portal' : 'arrangement');
const madeBy = (o: ConfirmationOrigin) => (o.by === 'portal' ? 'the debtor\'s' : 'staff\'s');
const madeWhere = (o: ConfirmationOrigin) => (o.by === 'portal' ? 'in the portal' : 'for the debtor');
const templateOf = (o: ConfirmationOrigin, k: PortalEvent['kind']) => (o.by === 'staff' && isCancellation(k) ? STAFF_CANCELLATION_TEMPLATES[k] : CONFIRMATION_TEMPLATES[k]);

/** What came of a confirmation: the message queued, or why none was. */
export interface Confirmation { message_id: string | null; skipped: string | null }

export async function skipConfirmation(q: Queryable, o: ConfirmationOrigin, e: PortalEvent, reason: string, now: Date): Promise<Confirmation> {
  await recordAudit(q, { orgId: o.orgId, actor: o.actor, action: `${audited(o)}.confirmation_skipped`, entity: 'customer', entityId: o.customerId,
    data: { event: e.kind, subject: subjectOf(e), reason } }, now);
  return { message_id: null, skipped: reason };
}

/**
 * Queues the confirmation of an arrangement (in the transaction that made it) once the caller has decided one is wanted;
 * returns the message's id, or why none is sent: the same promise was sent again, nothing reaches the debtor, or it was
 * already queued. A confirmation of the debtor's not yet sent is withdrawn: only the newest state is confirmed.
 */
export async function queueConfirmation(q: Queryable, o: ConfirmationOrigin, e: PortalEvent, now: Date): Promise<Confirmation> {
  if ((e.kind === 'promise' || e.kind === 'extension') && await repeated(q, o.orgId, e.promise)) {
    return skipConfirmation(q, o, e, 'the same terms were sent again; the first is confirmed', now);
  }
  const customer = await getCustomer(q, o.orgId, o.customerId);
  if (!customer.ok) return skipConfirmation(q, o, e, 'the customer is gone', now);
  const stopped = stops(await listSuppressions(q, o.orgId, o.customerId));
  const channel = confirmationChannel(customer.value, stopped,
    { whatsappOptIn: optedInToWhatsapp(await listConsents(q, o.orgId, o.customerId), now), calls: await offersCalls(q, o.orgId) });
  if (!channel) return skipConfirmation(q, o, e, 'neither an email address nor a phone number reaches the debtor', now);
  const [c] = await q.query<{ id: string; cycle: number; timezone: string }>(
    `SELECT c.id, c.cycle, COALESCE(cu.timezone, o.default_timezone, 'UTC') AS timezone FROM cases c
     JOIN customers cu ON cu.org_id = c.org_id AND cu.id = c.customer_id JOIN orgs o ON o.id = c.org_id
     WHERE c.org_id = $1 AND c.customer_id = $2 ORDER BY c.opened_at DESC LIMIT 1`, [o.orgId, o.customerId]);
  if (!c) return skipConfirmation(q, o, e, 'the customer has no case', now);
  const template = templateOf(o, e.kind);
  const subject = subjectOf(e);
  const what = e.kind.replace('_', ' ');
  const withdrawn = await q.query<{ id: string }>(
    `UPDATE messages SET status = 'cancelled', reason = $4, updated_at = $5 WHERE org_id = $1 AND customer_id = $2 AND template = ANY($3::text[])
       AND status IN ('queued', 'deferred') RETURNING id`, [o.orgId, o.customerId, TEMPLATES, `replaced by the confirmation of ${what} ${subject}`, now]);
  const invoices = await q.query<{ id: string }>(
    'SELECT id FROM invoices WHERE org_id = $1 AND customer_id = $2 AND balance > 0 AND NOT cancelled ORDER BY due_date, id', [o.orgId, o.customerId]);
  const today: CalendarDate = dateInZone(now, c.timezone);
  const staffCancelled = o.by === 'staff' && isCancellation(e.kind) ? `staff's cancellation of the debtor's ${e.kind.replace('_cancelled', '')}` : null;
  const reason = `confirms ${staffCancelled ? `${staffCancelled} ${subject}` : `${madeBy(o)} ${what} ${subject} made ${madeWhere(o)}`}; the gate decides when it is sent`;
  const facts = { ...(await factsOf(q, o.orgId, e)), ...(o.by === 'staff' ? { by_staff: true } : {}) };
  const messageId = await queueDoneMessage(q, o.orgId, { key: `portal-confirm:${e.kind}:${subject}`, strategyId: 'portal', stepId: 'portal-confirmation',
    customerId: o.customerId, caseId: c.id, cycle: c.cycle, channel, address: null, template, reason, invoiceIds: invoices.map((i) => i.id), today,
    payload: { confirmation: facts, ...(o.linkId ? { portal_link: o.linkId } : {}), ...callFallback(channel, template, writtenFallback(customer.value, stopped)) }, content: { portal_confirmation: { event: e.kind, subject } } }, now);
  if (!messageId) return { message_id: null, skipped: 'it was already queued' };
  const data = { message_id: messageId, event: e.kind, subject, template, channel, withdrawn: withdrawn.map((w) => w.id) };
  await recordAudit(q, { orgId: o.orgId, actor: o.actor, action: `${audited(o)}.confirmation_queued`, entity: 'customer', entityId: o.customerId, data }, now);
  await addCaseEvent(q, o.orgId, c.id, 'confirmation_queued', `${template} queued on ${channel} for ${staffCancelled ?? `${madeBy(o)} ${what} ${madeWhere(o)}`}`
    + ' (the gate decides when it is sent)', data, now);
  return { message_id: messageId, skipped: null };
}

/**
 * Queues the confirmation of what the debtor just did in the portal (in the transaction that did it), unless the org
 * turned portal confirmations off; see queueConfirmation.
 */
export async function confirmPortalEvent(q: Queryable, a: PortalAccess, e: PortalEvent, now: Date): Promise<string | null> {
  const o: ConfirmationOrigin = { orgId: a.orgId, customerId: a.customerId, actor: portalActor(a), by: 'portal', linkId: a.linkId };
  const done = (await getPortalSettings(q, a.orgId)).confirmations ? await queueConfirmation(q, o, e, now)
    : await skipConfirmation(q, o, e, 'the org has portal confirmations turned off', now);
  return done.message_id;
}
