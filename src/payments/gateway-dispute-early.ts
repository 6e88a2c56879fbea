// An Adyen dispute notification for a payment cobro has not recorded yet (its AUTHORISATION not arrived, or still waiting, or
// a payment made outside cobro's links): the event keeps waiting for the payment, so the money is applied once it is
// recorded, but the dispute's review task follows it at once (the defence period is running): opened while the dispute is
// open, completed when it ends. Its customer is the one its references name (merchantReference: the payment's, cobro's
// link id; additionalData.modificationMerchantReferences; additionalData.shopperReference: a link, an invoice by its number,
// or a customer by cobro's id or the org's own), else the customer of a payment in the ledger under the disputed payment's
// pspReference; with none, the task is the org's (no customer, no case) and joins the customer's case once one is known
// (adoptOrgTask: a later notification naming them, or the payment recorded). The dispute's state is all its notifications
// still waiting, folded in the order they arrived (webhooks-decide.ts), so notifications out of order come to what they will
// once the payment is recorded; those records are marked `before_payment`, and the same notifications applied again then
// add none (gateway-dispute-tasks.ts). Runs in the transaction that keeps the event waiting.
import type { Queryable } from '../db/index.ts';
import { dateInZone } from '../domain/dates.ts';
import { recordAudit } from '../audit/index.ts';
import { addCaseEvent } from '../engine/index.ts';
import { interpretAdyenItem, type DisputeFacts, type PaymentFacts } from './gateways/index.ts';
import { adoptOrgTask, openReviewTask } from './disputes-task.ts';
import { openingNote, outcomeText, unknownPaymentNote } from './gateway-dispute-text.ts';
import { caseOf, gatewayDisputeKey, wording } from './gateway-dispute-tasks.ts';
import { mergeDispute, type HeldState } from './webhooks-decide.ts';

type Held = HeldState['disputes'][string];

/** The customer a reference names: an Adyen link of the org (cobro's link id), else one invoice by its number, else a customer by id. */
export async function customerByReference(q: Queryable, orgId: string, references: readonly string[]): Promise<string | null> {
  const lookups = [`SELECT customer_id FROM payment_links WHERE org_id = $1 AND id = $2 AND provider = 'adyen'`,
    'SELECT customer_id FROM invoices WHERE org_id = $1 AND number = $2',
    // a shopperReference is the merchant's own id of the shopper: cobro's customer id, or the org's (external_id)
    'SELECT id AS customer_id FROM customers WHERE org_id = $1 AND (external_id = $2 OR id = $2) AND erased_at IS NULL'];
  for (const sql of lookups) {
    for (const ref of references) {
      const [hit] = await q.query<{ customer_id: string }>(sql, [orgId, ref]);
      if (hit) return hit.customer_id;
    }
  }
  return null;
}

/** The dispute's customer: by its references, else by a payment the ledger holds under the disputed payment's reference; '' for none. */
async function customerOfDispute(q: Queryable, orgId: string, f: PaymentFacts): Promise<string> {
  const named = f.references?.length ? await customerByReference(q, orgId, f.references) : null;
  if (named) return named;
  const [paid] = await q.query<{ customer_id: string }>(
    `SELECT customer_id FROM payments WHERE org_id = $1 AND (external_id = $2 OR reference = $3) ORDER BY reversed_at IS NULL DESC, created_at DESC LIMIT 1`,
    [orgId, `${f.provider}:${f.paymentRef}`, f.paymentRef]);
  return paid?.customer_id ?? '';
}

/** The dispute as its notifications still waiting (this one among them) say, folded in the order they arrived. */
async function waitingState(q: Queryable, orgId: string, d: DisputeFacts): Promise<Held | undefined> {
  const pattern = `%"pspReference":"${d.id.replace(/[\\%_"]/g, '')}"%`;
  const rows = await q.query<{ body: string }>(
    `SELECT body FROM inbox_events WHERE org_id = $1 AND provider = 'adyen' AND status IN ('received', 'failed') AND body LIKE $2
     ORDER BY received_at, id`, [orgId, pattern]);
  let state: Held | undefined;
  for (const r of rows) {
    let m;
    try { m = interpretAdyenItem(JSON.parse(r.body)); } catch { continue; }
    if (m.kind === 'facts' && m.facts.dispute?.id === d.id) state = mergeDispute(state, m.facts.dispute);
  }
  // the event in hand, should it not be stored (applied directly): a repeat of a stored one changes nothing
  return mergeDispute(state, d);
}

/**
 * Brings the review task in line with a dispute on a payment not recorded yet: the customer's when one is found, else the
 * org's (and an org-level task joins the customer found later).
 */
export async function followDisputeBeforePayment(q: Queryable, orgId: string, actor: string, f: PaymentFacts, now: Date): Promise<void> {
  const d = f.dispute;
  if (f.provider !== 'adyen' || !d) return;
  const customerId = await customerOfDispute(q, orgId, f);
  const is = await waitingState(q, orgId, d);
  if (!is) return;
  const w = await wording(q, orgId);
  const key = gatewayDisputeKey(f.provider, d.id);
  const currency = f.currency ?? '';
  const joined = customerId ? await adoptOrgTask(q, orgId, key, customerId) : null;
  const base = { provider: f.provider, dispute_id: d.id, payment_ref: f.paymentRef, amount: is.amount, currency, before_payment: true,
    ...(customerId ? {} : { org_level: true }) };
  const who = customerId ? { entity: 'customer', entityId: customerId } : { entity: 'org', entityId: orgId };
  if (is.status === 'open') {
    const state = { id: d.id, ...(is.held === false ? { held: false as const } : {}), ...(is.kind ? { kind: is.kind } : {}),
      ...(is.reason ? { reason: is.reason } : {}), ...(is.respondBy ? { respondBy: is.respondBy } : {}) };
    const held = [{ payment_ref: f.paymentRef, currency, amount: is.amount }];
    const note = customerId ? openingNote(w, f.provider, state, held) : unknownPaymentNote(w, f.provider, state, held);
    const due = dateInZone(now, w.zone);
    // an org-level task that joined the customer now: its note becomes the customer's, its opening goes on their case
    if (joined?.status === 'open') await q.query('UPDATE tasks SET note = $3 WHERE org_id = $1 AND id = $2', [orgId, joined.id, note.slice(0, 1000)]);
    const task = joined ? (joined.status === 'open' ? joined : null) : await openReviewTask(q, orgId, customerId, key, note, due, now);
    if (!task) return;
    const data = { ...base, task_id: task.id, reason: is.reason ?? null, respond_by: is.respondBy ?? null, due_date: due, kind: is.kind ?? 'chargeback',
      money_held: is.held !== false, payments: held };
    if (task.case_id) await addCaseEvent(q, orgId, task.case_id, 'payment_dispute_opened', note, data, now);
    await recordAudit(q, { orgId, actor, action: 'gateway.dispute_opened', ...who, data }, now);
    return;
  }
  // ended: the task it opened is completed; cobro has taken nothing of a payment it has not recorded
  const outcome = outcomeText(w, f.provider, { ...d, status: is.status, amount: is.amount }, false, f.paymentRef, currency);
  const [task] = await q.query<{ id: string; case_id: string }>(
    `UPDATE tasks SET status = 'done', outcome = $3, completed_at = $4::timestamptz, completed_by = $5
     WHERE org_id = $1 AND idempotency_key = $2 AND status = 'open' RETURNING id, case_id`, [orgId, key, outcome, now.toISOString(), actor]);
  if (!task) return;
  const data = { ...base, task_id: task.id, status: is.status, outcome: d.outcome ?? null, settled_by: d.settledBy ?? null, money_held: false };
  const caseId = task.case_id || (customerId ? await caseOf(q, orgId, customerId) : '');
  if (caseId) await addCaseEvent(q, orgId, caseId, 'payment_dispute_closed', outcome, data, now);
  await recordAudit(q, { orgId, actor, action: 'gateway.dispute_closed', ...who, data }, now);
}
