// An Adyen dispute notification for a payment cobro has not recorded yet (its AUTHORISATION not arrived, or still waiting):
// the event keeps waiting for the payment, so the money is applied once it is recorded, but the references it carries
// (merchantReference: the payment's, cobro's link id; additionalData.modificationMerchantReferences) name the link, or
// an invoice by its number, so the customer is known now and the dispute's review task follows it at once: opened while
// the dispute is open, completed when it ends. The dispute's state is all its notifications still waiting, folded in the
// order they arrived (webhooks-decide.ts), so notifications out of order come to what they will once the payment is
// recorded; those records are marked `before_payment`, and the same notifications applied again then add none
// (gateway-dispute-tasks.ts). Runs in the transaction that keeps the event waiting.
import type { Queryable } from '../db/index.ts';
import { dateInZone } from '../domain/dates.ts';
import { recordAudit } from '../audit/index.ts';
import { addCaseEvent } from '../engine/index.ts';
import { interpretAdyenItem, type DisputeFacts, type PaymentFacts } from './gateways/index.ts';
import { openReviewTask } from './disputes-task.ts';
import { openingNote, outcomeText } from './gateway-dispute-text.ts';
import { caseOf, gatewayDisputeKey, wording } from './gateway-dispute-tasks.ts';
import { mergeDispute, type HeldState } from './webhooks-decide.ts';

type Held = HeldState['disputes'][string];

/** The customer a reference names: an Adyen link of the org (cobro's link id), else one invoice by its number. */
export async function customerByReference(q: Queryable, orgId: string, references: readonly string[]): Promise<string | null> {
  for (const ref of references) {
    const [link] = await q.query<{ customer_id: string }>(
      `SELECT customer_id FROM payment_links WHERE org_id = $1 AND id = $2 AND provider = 'adyen'`, [orgId, ref]);
    if (link) return link.customer_id;
  }
  for (const ref of references) {
    const [invoice] = await q.query<{ customer_id: string }>('SELECT customer_id FROM invoices WHERE org_id = $1 AND number = $2', [orgId, ref]);
    if (invoice) return invoice.customer_id;
  }
  return null;
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

/** Brings the review task in line with a dispute on a payment not recorded yet; nothing when no reference names a customer. */
export async function followDisputeBeforePayment(q: Queryable, orgId: string, actor: string, f: PaymentFacts, now: Date): Promise<void> {
  const d = f.dispute;
  if (f.provider !== 'adyen' || !d || !f.references?.length) return;
  const customerId = await customerByReference(q, orgId, f.references);
  if (!customerId) return;
  const is = await waitingState(q, orgId, d);
  if (!is) return;
  const w = await wording(q, orgId);
  const key = gatewayDisputeKey(f.provider, d.id);
  const currency = f.currency ?? '';
  const base = { provider: f.provider, dispute_id: d.id, payment_ref: f.paymentRef, amount: is.amount, currency, before_payment: true };
  if (is.status === 'open') {
    const state = { id: d.id, ...(is.held === false ? { held: false as const } : {}), ...(is.kind ? { kind: is.kind } : {}),
      ...(is.reason ? { reason: is.reason } : {}), ...(is.respondBy ? { respondBy: is.respondBy } : {}) };
    const held = [{ payment_ref: f.paymentRef, currency, amount: is.amount }];
    const note = openingNote(w, f.provider, state, held);
    const due = dateInZone(now, w.zone);
    const task = await openReviewTask(q, orgId, customerId, key, note, due, now);
    if (!task) return;
    const data = { ...base, task_id: task.id, reason: is.reason ?? null, respond_by: is.respondBy ?? null, due_date: due, kind: is.kind ?? 'chargeback',
      money_held: is.held !== false, payments: held };
    if (task.case_id) await addCaseEvent(q, orgId, task.case_id, 'payment_dispute_opened', note, data, now);
    await recordAudit(q, { orgId, actor, action: 'gateway.dispute_opened', entity: 'customer', entityId: customerId, data }, now);
    return;
  }
  // ended: the task it opened is completed; cobro has taken nothing of a payment it has not recorded
  const outcome = outcomeText(w, f.provider, { ...d, status: is.status, amount: is.amount }, false, f.paymentRef, currency);
  const [task] = await q.query<{ id: string; case_id: string }>(
    `UPDATE tasks SET status = 'done', outcome = $3, completed_at = $4::timestamptz, completed_by = $5
     WHERE org_id = $1 AND idempotency_key = $2 AND status = 'open' RETURNING id, case_id`, [orgId, key, outcome, now.toISOString(), actor]);
  if (!task) return;
  const data = { ...base, task_id: task.id, status: is.status, outcome: d.outcome ?? null, settled_by: d.settledBy ?? null, money_held: false };
  const caseId = task.case_id || await caseOf(q, orgId, customerId);
  if (caseId) await addCaseEvent(q, orgId, caseId, 'payment_dispute_closed', outcome, data, now);
  await recordAudit(q, { orgId, actor, action: 'gateway.dispute_closed', entity: 'customer', entityId: customerId, data }, now);
}
