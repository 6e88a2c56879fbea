// A dispute at a gateway (a Stripe chargeback, a PayPal claim or chargeback, a Mercado Pago mediation or chargeback) put
// before a person: the first time cobro sees it open, a high-priority review task on the customer's worklist names the
// gateway, the payments and the amount held, the gateway's reason and its evidence deadline (the task is due the day it
// opens, so it is on that day's worklist), once per dispute whatever the events, repeats or nightly checks; when the gateway closes
// it, that task is completed with the outcome. Both are case timeline entries and audit records. Runs in the
// transaction that applies the dispute's facts (webhooks-apply.ts), after the payment's row is updated.
import type { Queryable } from '../db/index.ts';
import { dateInZone } from '../domain/dates.ts';
import { formatMinor } from '../domain/money.ts';
import { recordAudit } from '../audit/index.ts';
import { addCaseEvent } from '../engine/index.ts';
import { getOrg } from '../orgs/index.ts';
import type { DisputeFacts, GatewayName, PaymentFacts } from './gateways/index.ts';
import { openReviewTask } from './disputes-task.ts';
import type { HeldState } from './webhooks-decide.ts';

const GATEWAY: Record<GatewayName, string> = { stripe: 'Stripe', paypal: 'PayPal', mercadopago: 'Mercado Pago', adyen: 'Adyen' };

/** The worklist key of a gateway dispute's review task: one per dispute, however many payments it holds. */
export const gatewayDisputeKey = (provider: GatewayName, disputeId: string): string => `gateway-dispute:${provider}:${disputeId}`;

interface Holding { payment_ref: string; currency: string; amount: number }

/** The org's payments at this gateway that the dispute holds money of (PayPal shares one dispute over several captures). */
async function holdings(q: Queryable, orgId: string, provider: GatewayName, disputeId: string): Promise<Holding[]> {
  return q.query<Holding>(
    `SELECT payment_ref, currency, (disputes -> $3::text ->> 'amount')::bigint::float8 AS amount FROM gateway_payments
     WHERE org_id = $1 AND provider = $2 AND disputes -> $3::text IS NOT NULL ORDER BY payment_ref`, [orgId, provider, disputeId]);
}

function openingNote(provider: GatewayName, d: DisputeFacts, held: Holding[]): string {
  const total = held.reduce((s, h) => s + Number(h.amount), 0);
  const currency = held[0]?.currency ?? '';
  const on = held.map((h) => `${h.payment_ref} (${formatMinor(Number(h.amount), h.currency)} ${h.currency})`).join(', ');
  const name = GATEWAY[provider];
  const due = d.respondBy ? `Evidence due at ${name} by ${d.respondBy}: answer there before then or the dispute is lost.`
    : `${name} states no evidence deadline: answer the dispute there as soon as possible.`;
  return `Chargeback at ${name}, dispute ${d.id}: ${formatMinor(total, currency)} ${currency} held (payment reversed, the rest kept) on payment ${on}. `
    + `Reason: ${d.reason ?? 'none given by the gateway'}. ${due}`;
}

function outcomeText(provider: GatewayName, d: DisputeFacts, paymentRef: string, currency: string): string {
  const said = d.outcome ? ` (${d.outcome})` : '';
  return d.status === 'won'
    ? `won at ${GATEWAY[provider]}${said}: the money held on payment ${paymentRef} is recorded again`
    : `lost at ${GATEWAY[provider]}${said}: ${formatMinor(d.amount, currency)} ${currency} on payment ${paymentRef} stays reversed`;
}

async function caseOf(q: Queryable, orgId: string, customerId: string): Promise<string> {
  const [c] = await q.query<{ id: string }>('SELECT id FROM cases WHERE org_id = $1 AND customer_id = $2', [orgId, customerId]);
  return c?.id ?? '';
}

async function opened(q: Queryable, orgId: string, actor: string, f: PaymentFacts, d: DisputeFacts, customerId: string, now: Date): Promise<void> {
  const held = await holdings(q, orgId, f.provider, d.id);
  const note = openingNote(f.provider, d, held);
  const zone = (await getOrg(q, orgId))?.default_timezone ?? 'UTC';
  // due the day it opens, so it is on today's worklist: the gateway's deadline is days away and the evidence takes time
  // to gather; the note and the records say the deadline
  const due = dateInZone(now, zone);
  const key = gatewayDisputeKey(f.provider, d.id);
  const task = await openReviewTask(q, orgId, customerId, key, note, due, now);
  if (!task) {
    // another payment of the same dispute (or a concurrent reading of it) opened the task: its note names them all now
    await q.query(`UPDATE tasks SET note = $3 WHERE org_id = $1 AND idempotency_key = $2 AND status = 'open'`, [orgId, key, note.slice(0, 1000)]);
    return;
  }
  const data = { task_id: task.id, provider: f.provider, dispute_id: d.id, payment_ref: f.paymentRef, amount: d.amount, currency: f.currency ?? held[0]?.currency ?? null,
    reason: d.reason ?? null, respond_by: d.respondBy ?? null, due_date: due };
  if (task.case_id) await addCaseEvent(q, orgId, task.case_id, 'payment_dispute_opened', note, data, now);
  await recordAudit(q, { orgId, actor, action: 'gateway.dispute_opened', entity: 'customer', entityId: customerId, data }, now);
}

async function closed(q: Queryable, orgId: string, actor: string, f: PaymentFacts, d: DisputeFacts, customerId: string, currency: string, now: Date): Promise<void> {
  const outcome = outcomeText(f.provider, d, f.paymentRef, currency);
  const [task] = await q.query<{ id: string; case_id: string }>(
    `UPDATE tasks SET status = 'done', outcome = $3, completed_at = $4::timestamptz, completed_by = $5
     WHERE org_id = $1 AND idempotency_key = $2 AND status = 'open' RETURNING id, case_id`,
    [orgId, gatewayDisputeKey(f.provider, d.id), outcome, now.toISOString(), actor]);
  const caseId = task?.case_id || await caseOf(q, orgId, customerId);
  const data = { task_id: task?.id ?? null, provider: f.provider, dispute_id: d.id, payment_ref: f.paymentRef, status: d.status, outcome: d.outcome ?? null,
    amount: d.amount, currency };
  const reason = `${GATEWAY[f.provider]} dispute ${d.id} ${outcome}${task ? `; review task ${task.id} done` : ''}`;
  if (caseId) await addCaseEvent(q, orgId, caseId, 'payment_dispute_closed', reason, data, now);
  await recordAudit(q, { orgId, actor, action: 'gateway.dispute_closed', entity: 'customer', entityId: customerId, data }, now);
}

/**
 * Follows the event's dispute from what was held before it to after: first seen open, the review task is opened; held
 * open and now won or lost, it is completed. A repeat, a later stage while open, or a dispute first seen closed does nothing.
 */
export async function followGatewayDispute(q: Queryable, orgId: string, actor: string, f: PaymentFacts, before: HeldState['disputes'],
  after: HeldState['disputes'], customerId: string, currency: string, now: Date): Promise<void> {
  const d = f.dispute;
  const was = d ? before[d.id] : undefined;
  const is = d ? after[d.id] : undefined;
  if (!d || !is) return;
  if (!was && is.status === 'open') await opened(q, orgId, actor, f, { ...d, amount: is.amount }, customerId, now);
  else if (was?.status === 'open' && is.status !== 'open') await closed(q, orgId, actor, f, { ...d, status: is.status, amount: is.amount }, customerId, currency, now);
}
