// Late fees and interest put on the ledger when a step with a charge action is planned: one adjustment per overdue,
// undisputed invoice the action lists, on what the invoice itself owes (not on earlier charges), interest counted from
// the due date or from the last interest already charged.
import type { Queryable } from '../db/index.ts';
import { daysBetween, formatMinor, type CalendarDate } from '../domain/index.ts';
import { applyAdjustment } from '../ledger/index.ts';
import { computeCharge, type ChargeAction } from '../strategy/index.ts';

export interface ChargeRow { org_id: string; case_id: string; step_id: string; idempotency_key: string; scheduled_for: CalendarDate;
  invoice_ids: string[]; payload: Record<string, unknown> }

export interface ChargeNote { org_id: string; case_id: string; kind: 'charge_applied' | 'charge_not_applied'; step_id: string;
  idempotency_key: string; reason: string; data: Record<string, unknown> }

/** The tag an EU compensation carries, so an invoice pays the fixed part once. */
const EU_TAG = 'EU late-payment compensation';

interface InvoiceFacts { id: string; number: string; currency: string; balance: number; due_date: CalendarDate; disputed: boolean;
  last_interest: CalendarDate | null; eu_paid: boolean; charged: string | number }

async function invoiceFacts(q: Queryable, orgId: string, ids: string[]): Promise<InvoiceFacts[]> {
  return q.query<InvoiceFacts>(
    `SELECT i.id, i.number, i.currency, i.balance, i.due_date, i.disputed,
       (SELECT max(a.date) FROM adjustments a WHERE a.org_id = i.org_id AND a.invoice_id = i.id AND a.kind = 'interest' AND a.reversed_at IS NULL) AS last_interest,
       EXISTS (SELECT 1 FROM adjustments a WHERE a.org_id = i.org_id AND a.invoice_id = i.id AND a.reversed_at IS NULL
         AND a.reason LIKE '${EU_TAG}%') AS eu_paid,
       (SELECT COALESCE(sum(a.amount), 0) FROM adjustments a WHERE a.org_id = i.org_id AND a.invoice_id = i.id AND a.reversed_at IS NULL
         AND a.kind IN ('late_fee', 'interest')) AS charged
     FROM invoices i WHERE i.org_id = $1 AND i.id = ANY($2::text[]) AND NOT i.cancelled ORDER BY i.due_date, i.number`, [orgId, ids]);
}

/** What one charge action adds to one invoice, and how it reads in the ledger; null when nothing is due. */
function chargeFor(action: ChargeAction, inv: InvoiceFacts, today: CalendarDate): { amount: number; reason: string } | { error: string } | null {
  if (inv.balance <= 0 || inv.disputed || inv.due_date >= today) return null;
  const interestFrom = inv.last_interest && inv.last_interest > inv.due_date ? inv.last_interest : inv.due_date;
  const accruing = action.charge === 'interest' || action.rule.kind === 'eu_b2b';
  const daysLate = daysBetween(accruing ? interestFrom : inv.due_date, today);
  const rule = action.rule.kind === 'eu_b2b' && inv.eu_paid ? { ...action.rule, fixedFee: { ...action.rule.fixedFee, amount: 0 } } : action.rule;
  const refRate = action.rule.kind === 'eu_b2b' ? action.rule.referenceRateBasisPoints : undefined;
  // fees and interest are charged on what the invoice itself still owes, never on earlier fees and interest
  const principal = Math.max(0, inv.balance - Number(inv.charged));
  const r = computeCharge({ ...action, rule }, { balance: { amount: principal, currency: inv.currency }, daysLate,
    ...(refRate !== undefined ? { referenceRateBasisPoints: refRate } : {}) });
  if (!r.ok) return { error: r.error.message };
  if (r.value.amount <= 0) return null;
  const money = `${formatMinor(r.value.amount, inv.currency)} ${inv.currency}`;
  const reason = action.rule.kind === 'eu_b2b'
    ? `${EU_TAG} on invoice ${inv.number}: ${money}${inv.eu_paid ? ' (interest only, the fixed sum was charged before)' : ''}, ${daysLate} days`
    : action.charge === 'interest' ? `interest on invoice ${inv.number}: ${money} for ${daysLate} days` : `late fee on invoice ${inv.number}: ${money}`;
  return { amount: r.value.amount, reason };
}

/** Applies the charge actions of rows just planned (each row once: only fresh rows reach here), returning timeline notes. */
export async function applyCharges(q: Queryable, rows: ChargeRow[]): Promise<ChargeNote[]> {
  const notes: ChargeNote[] = [];
  for (const row of rows) {
    const actions = ((row.payload.actions ?? []) as { type: string }[]).filter((a): a is ChargeAction => a.type === 'charge');
    if (actions.length === 0) continue;
    const base = { org_id: row.org_id, case_id: row.case_id, step_id: row.step_id, idempotency_key: row.idempotency_key };
    for (const inv of await invoiceFacts(q, row.org_id, row.invoice_ids)) {
      for (const action of actions) {
        const c = chargeFor(action, inv, row.scheduled_for);
        if (!c) continue;
        const notApplied = (why: string) => notes.push({ ...base, kind: 'charge_not_applied',
          reason: `${action.charge} on invoice ${inv.number} not applied: ${why}`,
          data: { invoice_id: inv.id, charge: action.charge, invoice: inv.number } });
        if ('error' in c) { notApplied(c.error); continue; }
        const applied = await applyAdjustment(q, row.org_id, `strategy:${row.step_id}`,
          { invoice_id: inv.id, kind: action.charge, amount: c.amount, date: row.scheduled_for, currency: inv.currency, reason: c.reason });
        if (!applied.ok) { notApplied(applied.error.message); continue; }
        notes.push({ ...base, kind: 'charge_applied', reason: c.reason,
          data: { invoice_id: inv.id, adjustment_id: applied.value.id, amount: c.amount, currency: inv.currency, charge: action.charge, invoice: inv.number } });
      }
    }
  }
  return notes;
}
