// Adjustments to an invoice's balance: late fees and interest add; discounts, write-offs and credit notes subtract.
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { refreshInvoices } from './balances.ts';
import type { AdjustmentKind } from './fields.ts';

export interface Adjustment {
  id: string;
  invoice_id: string;
  kind: AdjustmentKind;
  amount: number;
  currency: string;
  date: string;
  reason: string | null;
  created_at: string;
  reversed_at: string | null;
}

export interface NewAdjustment {
  invoice_id: string;
  kind: AdjustmentKind;
  /** Positive, in minor units; the kind decides whether it adds to or subtracts from the balance. */
  amount: number;
  date: string;
  currency?: string;
  reason?: string | null;
}

const COLUMNS = 'id, invoice_id, kind, amount, currency, date, reason, created_at, reversed_at';

export function signedEffect(kind: AdjustmentKind, amount: number): number {
  return kind === 'late_fee' || kind === 'interest' ? amount : -amount;
}

export async function applyAdjustment(q: Queryable, orgId: string, actor: string, input: NewAdjustment): Promise<Result<Adjustment>> {
  const rows = await q.query<{ id: string; number: string; currency: string; balance: number; cancelled: boolean }>(
    `SELECT id, number, currency, balance, cancelled FROM invoices WHERE org_id = $1 AND (id = $2 OR number = $2) FOR UPDATE`,
    [orgId, input.invoice_id]);
  const inv = rows[0];
  if (!inv) return fail('NOT_FOUND', `no invoice ${input.invoice_id}`, 'invoice_id');
  if (inv.cancelled) return fail('INVALID_STATE', `invoice ${inv.number} is cancelled`, 'invoice_id');
  if (input.currency && input.currency !== inv.currency) {
    return fail('CURRENCY_MISMATCH', `invoice ${inv.number} is in ${inv.currency}`, 'currency');
  }
  if (input.amount <= 0) return fail('VALIDATION_FAILED', 'amount must be positive', 'amount');
  const effect = signedEffect(input.kind, input.amount);
  if (effect < 0 && -effect > inv.balance) {
    return fail('VALIDATION_FAILED', `a ${input.kind} of ${input.amount} exceeds the balance ${inv.balance} of invoice ${inv.number}`, 'amount');
  }
  const id = newId('adjustment');
  const created = await q.query<Adjustment>(
    `INSERT INTO adjustments (id, org_id, invoice_id, kind, amount, currency, date, reason)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING ${COLUMNS}`,
    [id, orgId, inv.id, input.kind, effect, inv.currency, input.date, input.reason ?? null]);
  await refreshInvoices(q, orgId, [inv.id]);
  await recordAudit(q, { orgId, actor, action: 'adjustment.applied', entity: 'invoice', entityId: inv.id,
    data: { adjustment: id, kind: input.kind, amount: effect } });
  return ok(created[0]!);
}

export async function reverseAdjustment(q: Queryable, orgId: string, actor: string, id: string): Promise<Result<Adjustment>> {
  const [found] = await q.query<Adjustment & { balance: number; paid: number }>(
    `SELECT a.id, a.invoice_id, a.amount, i.balance,
            COALESCE((SELECT sum(l.amount) FROM allocations l WHERE l.invoice_id = i.id AND l.reversed_at IS NULL), 0)::bigint AS paid
     FROM adjustments a JOIN invoices i ON i.id = a.invoice_id
     WHERE a.org_id = $1 AND a.id = $2 AND a.reversed_at IS NULL FOR UPDATE OF i`, [orgId, id]);
  if (!found) return fail('NOT_FOUND', `no live adjustment ${id}`, 'id');
  // what the reversal would leave owed; below zero only as far as payments can turn into customer credit
  const after = found.balance - found.amount;
  if (after < 0 && after + found.paid < 0) {
    return fail('INVALID_STATE', `reversing it would leave the invoice owing ${after}: reverse the later credits or write-offs first`, 'id');
  }
  const rows = await q.query<Adjustment>(
    `UPDATE adjustments SET reversed_at = now() WHERE org_id = $1 AND id = $2 AND reversed_at IS NULL RETURNING ${COLUMNS}`,
    [orgId, id]);
  const adj = rows[0]!;
  await refreshInvoices(q, orgId, [adj.invoice_id]);
  await recordAudit(q, { orgId, actor, action: 'adjustment.reversed', entity: 'invoice', entityId: adj.invoice_id,
    data: { adjustment: id } });
  return ok(adj);
}

export async function listAdjustments(q: Queryable, orgId: string, invoiceId?: string): Promise<Adjustment[]> {
  return q.query<Adjustment>(
    `SELECT ${COLUMNS} FROM adjustments WHERE org_id = $1 AND ($2::text IS NULL OR invoice_id = $2) ORDER BY id LIMIT 1000`,
    [orgId, invoiceId ?? null]);
}
