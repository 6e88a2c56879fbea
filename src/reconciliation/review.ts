// The review queue: accept a proposal as it is, change its invoices and amounts, or reject it; accepting teaches the payer.
import type { Db, Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { formatMinor } from '../domain/money.ts';
import { getInvoice } from '../ledger/index.ts';
import type { Proposal } from './match/types.ts';
import { applyProposal, inTx } from './apply.ts';
import { loadLine, type LineRow } from './lines.ts';
import { getProposal, type ProposalView } from './queries.ts';

async function pending(q: Queryable, orgId: string, id: string, allowed: string[]): Promise<Result<{ view: ProposalView; line: LineRow }>> {
  const found = await getProposal(q, orgId, id, true);
  if (!found.ok) return found;
  if (!allowed.includes(found.value.status)) return fail('INVALID_STATE', `proposal ${id} is ${found.value.status}`, 'id');
  const line = await loadLine(q, orgId, found.value.line_id);
  if (!line) return fail('NOT_FOUND', `no statement line ${found.value.line_id}`, 'id');
  if (line.match_state === 'matched') return fail('INVALID_STATE', `the line of proposal ${id} is already matched`, 'id');
  if (line.match_state === 'payout') return fail('INVALID_STATE', `the line of proposal ${id} is a gateway's payout: it credits no invoice (undo the payout first)`, 'id');
  return ok({ view: found.value, line });
}

function asProposal(v: ProposalView): Proposal {
  return { customerId: v.customer_id ?? '', currency: v.currency, fee: v.fee, credit: v.credit, confidence: v.confidence, reasons: v.reasons,
    allocations: v.allocations.map((a) => ({ invoiceId: a.invoice_id, amount: a.amount, fee: a.fee })) };
}

/** Applies a proposal as it stands. */
export async function acceptProposal(db: Db, orgId: string, actor: string, id: string, now: () => Date): Promise<Result<ProposalView>> {
  const r = await inTx(db, async (tx) => {
    const found = await pending(tx, orgId, id, ['proposed']);
    if (!found.ok) return found;
    const applied = await applyProposal(tx, orgId, actor, found.value.line, asProposal(found.value.view), { proposalId: id, now });
    return applied.ok ? getProposal(tx, orgId, id) : applied;
  });
  return r;
}

export interface ProposalChange {
  /**
   * The invoices (id or number) the line pays and how much of each; `fee` is what the bank kept on the way, written
   * off that invoice as a bank fee. What the line leaves over stays as customer credit.
   */
  allocations: { invoice_id: string; amount: number; fee?: number }[];
  /** Needed only when no allocation names an invoice (all of it becomes the customer's credit). */
  customer_id?: string;
}

/** Applies the line to other invoices, amounts or bank fees than proposed (a rejected proposal may be changed too). */
export async function changeProposal(
  db: Db, orgId: string, actor: string, id: string, change: ProposalChange, now: () => Date,
): Promise<Result<ProposalView>> {
  return inTx(db, async (tx) => {
    const found = await pending(tx, orgId, id, ['proposed', 'rejected']);
    if (!found.ok) return found;
    const { view, line } = found.value;
    const allocations = [];
    let customerId = change.customer_id ?? null;
    for (const [i, a] of change.allocations.entries()) {
      const field = `allocations[${i}]`;
      const fee = a.fee ?? 0;
      if (!Number.isSafeInteger(a.amount) || a.amount < 0) return fail('VALIDATION_FAILED', 'amount must be whole minor units, 0 or more', `${field}.amount`);
      if (!Number.isSafeInteger(fee) || fee < 0) return fail('VALIDATION_FAILED', 'fee must be whole minor units, 0 or more', `${field}.fee`);
      if (a.amount + fee === 0) return fail('VALIDATION_FAILED', 'an allocation pays something or writes off a fee', `${field}.amount`);
      const inv = await getInvoice(tx, orgId, a.invoice_id);
      if (!inv.ok) return fail('NOT_FOUND', `no invoice ${a.invoice_id}`, `${field}.invoice_id`);
      if (inv.value.currency !== line.currency) {
        return fail('CURRENCY_MISMATCH', `invoice ${inv.value.number} is in ${inv.value.currency}, the line in ${line.currency}`, `${field}.invoice_id`);
      }
      if (a.amount + fee > inv.value.balance) {
        return fail('VALIDATION_FAILED', `${a.amount} paid and ${fee} fee exceed the balance ${inv.value.balance} of invoice ${inv.value.number}`, `${field}.fee`);
      }
      customerId ??= inv.value.customer_id;
      allocations.push({ invoiceId: inv.value.id, amount: a.amount, fee });
    }
    if (!customerId) return fail('VALIDATION_FAILED', 'name at least one invoice or the customer_id', 'customer_id');
    const total = allocations.reduce((t, a) => t + a.amount, 0);
    if (total > line.amount) return fail('VALIDATION_FAILED', `allocations (${total}) exceed the line's amount (${line.amount})`, 'allocations');
    const fee = allocations.reduce((t, a) => t + a.fee, 0);
    const p: Proposal = { customerId, currency: line.currency, allocations, fee, credit: line.amount - total, confidence: 1,
      reasons: [...view.reasons, `changed by ${actor}${fee ? ` with a bank fee of ${formatMinor(fee, line.currency)} ${line.currency}` : ''}`] };
    const applied = await applyProposal(tx, orgId, actor, line, p, { proposalId: id, now });
    return applied.ok ? getProposal(tx, orgId, id) : applied;
  });
}

/** Rejects a proposal: the line goes back to unmatched and nothing is booked. */
export async function rejectProposal(db: Db, orgId: string, actor: string, id: string): Promise<Result<ProposalView>> {
  return inTx(db, async (tx) => {
    const found = await pending(tx, orgId, id, ['proposed']);
    if (!found.ok) return found;
    await tx.query(`UPDATE match_proposals SET status = 'rejected', decided_by = $3, decided_at = now() WHERE org_id = $1 AND id = $2`,
      [orgId, id, actor]);
    await tx.query(`UPDATE statement_lines SET match_state = 'unmatched' WHERE org_id = $1 AND id = $2`, [orgId, found.value.line.id]);
    await recordAudit(tx, { orgId, actor, action: 'match.rejected', entity: 'statement_line', entityId: found.value.line.id, data: { proposal: id } });
    return getProposal(tx, orgId, id);
  });
}
