// Confirming to the debtor in writing what staff recorded for them (a promise, more time or a plan, made after a call, in
// the web app, through the API or the CLI) and staff's cancellations of a promise or plan: the portal's confirmation (for
// a cancellation, its own wording saying the company cancelled it), through the same gate, once per event and only the
// newest. On unless the org turns it off (confirmation_settings); each request may ask otherwise (`confirm`).
import type { Queryable } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { queueConfirmation, skipConfirmation, type Confirmation, type PortalEvent } from './confirm.ts';

export interface ConfirmationSettings {
  /** Staff's promises, extensions and plans, and their cancellations, are confirmed to the debtor unless a request says `confirm: false`. */
  staff_arrangements: boolean;
}

export const DEFAULT_CONFIRMATION_SETTINGS: ConfirmationSettings = { staff_arrangements: true };

export async function getConfirmationSettings(q: Queryable, orgId: string): Promise<ConfirmationSettings> {
  const [row] = await q.query<ConfirmationSettings>('SELECT staff_arrangements FROM confirmation_settings WHERE org_id = $1', [orgId]);
  return row ?? DEFAULT_CONFIRMATION_SETTINGS;
}

/** Changes the settings given, recorded in the audit log. */
export async function setConfirmationSettings(
  q: Queryable, orgId: string, actor: string, patch: Partial<ConfirmationSettings>, now: Date,
): Promise<ConfirmationSettings> {
  const before = await getConfirmationSettings(q, orgId);
  const next = { ...before, ...patch };
  await q.query(
    `INSERT INTO confirmation_settings (org_id, staff_arrangements, updated_at, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id) DO UPDATE SET staff_arrangements = EXCLUDED.staff_arrangements, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [orgId, next.staff_arrangements, now, actor]);
  await recordAudit(q, { orgId, actor, action: 'confirmation_settings.updated', entity: 'org', entityId: orgId, data: { before, after: next } }, now);
  return next;
}

const staffEvents = new Set<PortalEvent['kind']>(['promise', 'extension', 'plan', 'promise_cancelled', 'plan_cancelled']);

/**
 * Queues the confirmation of an arrangement staff just recorded or cancelled for a customer (in the transaction that did it):
 * `confirm` true or false decides it, absent the org's setting does. The agent's own arrangements are confirmed by the
 * agent in the conversation, so never here.
 */
export async function confirmStaffArrangement(
  q: Queryable, orgId: string, actor: string, e: PortalEvent, opts: { confirm?: boolean | undefined; source?: string | undefined }, now: Date,
): Promise<Confirmation> {
  if (!staffEvents.has(e.kind)) throw new Error(`staff confirmations confirm promises, extensions, plans and their cancellations, not ${e.kind}`);
  const customerId = 'promise' in e ? e.promise.customer_id : e.plan.customer_id;
  const o = { orgId, customerId, actor, by: 'staff' as const };
  const skip = (reason: string) => skipConfirmation(q, o, e, reason, now);
  if (opts.source === 'agent') return skip('the agent confirms its own arrangements in the conversation');
  if (opts.confirm === false) return skip('the request asked for no confirmation');
  if (opts.confirm === undefined && !(await getConfirmationSettings(q, orgId)).staff_arrangements) {
    return skip('the org has confirmations of staff arrangements turned off');
  }
  return queueConfirmation(q, o, e, now);
}
