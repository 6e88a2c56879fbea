// Putting a proposal on the ledger (payment with explicit allocations, bank fees as discounts), queueing it, learning the payer.
import { inTransaction, type Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import { dateInZone } from '../domain/dates.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { applyAdjustment, recordPayment } from '../ledger/index.ts';
import { replanCase } from '../engine/index.ts';
import { normaliseAccount } from './match/text.ts';
import { normaliseName } from './match/names.ts';
import type { PayerAlias, Proposal } from './match/types.ts';
import { lineDate, type LineRow } from './lines.ts';

/** Runs fn in one transaction, rolling back when it returns a failure. */
export const inTx = inTransaction;

const allocationsJson = (p: Proposal) => JSON.stringify(p.allocations.map((a) => ({ invoice_id: a.invoiceId, amount: a.amount, fee: a.fee })));

/** The aliases a line teaches about its payer. */
export function aliasesOf(line: LineRow, customerId: string): PayerAlias[] {
  const out: PayerAlias[] = [];
  const account = normaliseAccount(line.counterparty_account);
  const name = normaliseName(line.counterparty_name);
  if (account) out.push({ kind: 'account', value: account, customerId, matches: 1 });
  if (name) out.push({ kind: 'name', value: name, customerId, matches: 1 });
  return out;
}

async function learnPayer(q: Queryable, orgId: string, aliases: PayerAlias[]): Promise<void> {
  if (!aliases.length) return;
  await q.query(
    `INSERT INTO payer_aliases (org_id, kind, value, customer_id) SELECT $1, k, v, c FROM unnest($2::text[], $3::text[], $4::text[]) AS t (k, v, c)
     ON CONFLICT (org_id, kind, value, customer_id) DO UPDATE SET matches = payer_aliases.matches + 1, updated_at = now()`,
    [orgId, aliases.map((a) => a.kind), aliases.map((a) => a.value), aliases.map((a) => a.customerId)]);
}

export interface Applied { proposal_id: string; payment_id: string }

/**
 * Records the line's money as a payment of the proposal's customer with its allocations (external id from the line's
 * fingerprint, so a second run cannot book it twice), writes bank fees off as discounts, marks the line matched and
 * learns the payer's account and name, and re-plans the customer's case. Call inside a transaction.
 */
export async function applyProposal(
  q: Queryable, orgId: string, actor: string, line: LineRow, p: Proposal, opts: { proposalId?: string; now: () => Date },
): Promise<Result<Applied>> {
  if (line.direction !== 'credit' || line.reversal) return fail('INVALID_STATE', 'only credit lines pay invoices', 'line_id');
  if (line.match_state === 'matched') return fail('INVALID_STATE', `line ${line.id} is already matched`, 'line_id');
  const date = lineDate(line) ?? dateInZone(opts.now(), 'UTC');
  const reference = (line.structured_reference ?? line.remittance_text ?? line.end_to_end_id)?.slice(0, 200) ?? null;
  const payment = await recordPayment(q, orgId, actor, {
    customer_id: p.customerId, amount: line.amount, currency: line.currency, date, method: 'bank_transfer', reference,
    source: 'bank', external_id: `bank:${line.fingerprint}`,
    allocations: p.allocations.filter((a) => a.amount > 0).map((a) => ({ invoice_id: a.invoiceId, amount: a.amount })),
  });
  if (!payment.ok) return payment;
  for (const a of p.allocations.filter((x) => x.fee > 0)) {
    const adj = await applyAdjustment(q, orgId, actor, { invoice_id: a.invoiceId, kind: 'discount', amount: a.fee, date,
      reason: `bank fee deducted from the transfer on statement line ${line.id}` });
    if (!adj.ok) return adj;
  }
  const proposalId = opts.proposalId ?? newId('match');
  const values = [proposalId, orgId, line.id, p.customerId, p.currency, allocationsJson(p), p.fee, p.credit, p.confidence,
    JSON.stringify(p.reasons), payment.value.id, actor];
  if (opts.proposalId) {
    await q.query(`UPDATE match_proposals SET customer_id = $4, currency = $5, allocations = $6, fee = $7, credit = $8, confidence = $9,
      reasons = $10, status = 'applied', payment_id = $11, decided_by = $12, decided_at = now() WHERE org_id = $2 AND id = $1 AND line_id = $3`, values);
  } else {
    await q.query(`INSERT INTO match_proposals (id, org_id, line_id, customer_id, currency, allocations, fee, credit, confidence, reasons,
      status, payment_id, decided_by, decided_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'applied',$11,$12,now())`, values);
  }
  await q.query(`UPDATE statement_lines SET match_state = 'matched', payment_id = $3 WHERE org_id = $1 AND id = $2`,
    [orgId, line.id, payment.value.id]);
  await learnPayer(q, orgId, aliasesOf(line, p.customerId));
  // the case follows at once: paid in full closes it and cancels what was planned; a partial payment keeps it at its step
  await replanCase(q, orgId, p.customerId, opts.now());
  await recordAudit(q, { orgId, actor, action: 'statement_line.matched', entity: 'statement_line', entityId: line.id,
    data: { proposal: proposalId, payment: payment.value.id, confidence: p.confidence } });
  return ok({ proposal_id: proposalId, payment_id: payment.value.id });
}

/** Puts a proposal in the review queue and the line in review. */
export async function queueProposal(q: Queryable, orgId: string, line: LineRow, p: Proposal): Promise<string> {
  const id = newId('match');
  await q.query(`INSERT INTO match_proposals (id, org_id, line_id, customer_id, currency, allocations, fee, credit, confidence, reasons)
    VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
  [id, orgId, line.id, p.customerId, p.currency, allocationsJson(p), p.fee, p.credit, p.confidence, JSON.stringify(p.reasons)]);
  await q.query(`UPDATE statement_lines SET match_state = 'review' WHERE org_id = $1 AND id = $2`, [orgId, line.id]);
  return id;
}
