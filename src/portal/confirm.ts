// Confirming to the debtor what they arranged or cancelled in the portal (a promise, more time, a plan): one message on
// the channel that reaches them, queued in the outbox with the facts agreed, so the dispatcher sends it through the
// compliance gate as a confirmation (the agent's confirmations go the same way) and the gate can still block or defer it.
// The audit log says each one queued or skipped and why; the case timeline says it was queued.
import type { Queryable } from '../db/index.ts';
import { dateInZone, type CalendarDate } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { listSuppressions, type SuppressionRow } from '../compliance/index.ts';
import { addCaseEvent } from '../engine/index.ts';
import { queueDoneMessage } from '../agent/index.ts';
import { getCustomer } from '../ledger/index.ts';
import type { Plan, PromiseToPay } from '../payments/index.ts';
import { portalActor } from './actions.ts';
import { confirmationChannel, type ConfirmationChannel } from './confirm-channel.ts';
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

const TEMPLATES: readonly string[] = Object.values(CONFIRMATION_TEMPLATES);

const subjectOf = (e: PortalEvent) => ('promise' in e ? e.promise.id : e.plan.id);

/** A live stop of this channel (everything, the channel, or an address on it). */
const stops = (rows: readonly SuppressionRow[]) => (ch: ConfirmationChannel) =>
  rows.some((s) => !s.lifted_at && (s.scope === 'all' || s.channel === ch));

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

async function skip(q: Queryable, a: PortalAccess, e: PortalEvent, reason: string, now: Date): Promise<null> {
  await recordAudit(q, { orgId: a.orgId, actor: portalActor(a), action: 'portal.confirmation_skipped', entity: 'customer', entityId: a.customerId,
    data: { event: e.kind, subject: subjectOf(e), reason } }, now);
  return null;
}

/**
 * Queues the confirmation of what the debtor just did (in the transaction that did it); returns the message's id, or null
 * when none is sent: the org turned confirmations off, the same promise was sent again, nothing reaches the debtor, or it
 * was already queued. A confirmation of theirs not yet sent is withdrawn: only the newest state is confirmed.
 */
export async function confirmPortalEvent(q: Queryable, a: PortalAccess, e: PortalEvent, now: Date): Promise<string | null> {
  if (!(await getPortalSettings(q, a.orgId)).confirmations) return skip(q, a, e, 'the org has portal confirmations turned off', now);
  if ((e.kind === 'promise' || e.kind === 'extension') && await repeated(q, a.orgId, e.promise)) {
    return skip(q, a, e, 'the same terms were sent again; the first is confirmed', now);
  }
  const customer = await getCustomer(q, a.orgId, a.customerId);
  if (!customer.ok) return skip(q, a, e, 'the customer is gone', now);
  const channel = confirmationChannel(customer.value, stops(await listSuppressions(q, a.orgId, a.customerId)));
  if (!channel) return skip(q, a, e, 'neither an email address nor a phone number reaches the debtor', now);
  const [c] = await q.query<{ id: string; cycle: number; timezone: string }>(
    `SELECT c.id, c.cycle, COALESCE(cu.timezone, o.default_timezone, 'UTC') AS timezone FROM cases c
     JOIN customers cu ON cu.org_id = c.org_id AND cu.id = c.customer_id JOIN orgs o ON o.id = c.org_id
     WHERE c.org_id = $1 AND c.customer_id = $2 ORDER BY c.opened_at DESC LIMIT 1`, [a.orgId, a.customerId]);
  if (!c) return skip(q, a, e, 'the customer has no case', now);
  const template = CONFIRMATION_TEMPLATES[e.kind];
  const subject = subjectOf(e);
  const withdrawn = await q.query<{ id: string }>(
    `UPDATE messages SET status = 'cancelled', reason = $4, updated_at = $5 WHERE org_id = $1 AND customer_id = $2 AND template = ANY($3::text[])
       AND status IN ('queued', 'deferred') RETURNING id`, [a.orgId, a.customerId, TEMPLATES, `replaced by the confirmation of ${e.kind.replace('_', ' ')} ${subject}`, now]);
  const invoices = await q.query<{ id: string }>(
    'SELECT id FROM invoices WHERE org_id = $1 AND customer_id = $2 AND balance > 0 AND NOT cancelled ORDER BY due_date, id', [a.orgId, a.customerId]);
  const today: CalendarDate = dateInZone(now, c.timezone);
  const reason = `confirms the debtor's ${e.kind.replace('_', ' ')} ${subject} made in the portal; the gate decides when it is sent`;
  const messageId = await queueDoneMessage(q, a.orgId, { key: `portal-confirm:${e.kind}:${subject}`, strategyId: 'portal', stepId: 'portal-confirmation',
    customerId: a.customerId, caseId: c.id, cycle: c.cycle, channel, address: null, template, reason, invoiceIds: invoices.map((i) => i.id), today,
    payload: { confirmation: await factsOf(q, a.orgId, e), portal_link: a.linkId }, content: { portal_confirmation: { event: e.kind, subject } } }, now);
  if (!messageId) return null;
  const data = { message_id: messageId, event: e.kind, subject, template, channel, withdrawn: withdrawn.map((w) => w.id) };
  await recordAudit(q, { orgId: a.orgId, actor: portalActor(a), action: 'portal.confirmation_queued', entity: 'customer', entityId: a.customerId, data }, now);
  await addCaseEvent(q, a.orgId, c.id, 'confirmation_queued', `${template} queued on ${channel} for the debtor's ${e.kind.replace('_', ' ')} in the portal`
    + ' (the gate decides when it is sent)', data, now);
  return messageId;
}
