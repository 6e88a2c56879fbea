// A customer's arrangements as timeline entries ({ at, kind, reason, data }, oldest first), for the case timeline to merge:
// promises made, replaced and judged, plans made and ended, extensions, discount offers and their outcome, disputes.
import type { Queryable } from '../db/index.ts';
import { formatMinor } from '../domain/index.ts';
import { customerArrangements } from './arrangements.ts';

export interface ArrangementEntry { at: string; kind: string; reason: string; data: Record<string, unknown> }

const money = (amount: number, currency: string) => `${formatMinor(amount, currency)} ${currency}`;

export async function arrangementTimeline(q: Queryable, orgId: string, customerId: string): Promise<ArrangementEntry[]> {
  const a = await customerArrangements(q, orgId, customerId);
  const out: ArrangementEntry[] = [];
  for (const p of a.promises) {
    const what = p.kind === 'extension' ? 'extension' : 'promise';
    out.push({ at: p.created_at, kind: 'promise_made', reason: `${what} ${p.id} to pay ${money(p.amount, p.currency)} by ${p.due_date} (${p.source}${p.channel ? `, ${p.channel}` : ''})`,
      data: { promise_id: p.id, kind: p.kind, amount: p.amount, currency: p.currency, due_date: p.due_date, source: p.source, channel: p.channel } });
    if (p.evaluated_at && p.status !== 'pending') {
      const reason = p.status === 'replaced' ? `promise ${p.id} replaced by ${p.replaced_by}`
        : p.status === 'cancelled' ? `${what} ${p.id} cancelled ${p.cancelled_by?.startsWith('portal:') ? 'by the debtor in the portal' : `by ${p.cancelled_by ?? 'a person'}`}`
        : `promise ${p.id} ${p.status.replace('_', ' ')}: ${money(p.paid ?? 0, p.currency)} of ${money(p.amount, p.currency)} paid by ${p.due_date} + ${p.grace_days} days of grace`;
      out.push({ at: p.evaluated_at, kind: `promise_${p.status}`, reason, data: { promise_id: p.id, paid: p.paid, replaced_by: p.replaced_by, ...(p.cancelled_by ? { cancelled_by: p.cancelled_by } : {}) } });
    }
  }
  for (const x of a.extensions) {
    out.push({ at: x.created_at, kind: 'extension_granted', reason: `extension ${x.id} of ${x.days} days: pay by ${x.new_due_date}${x.reason ? ` (${x.reason})` : ''}`,
      data: { extension_id: x.id, promise_id: x.promise_id, days: x.days, new_due_date: x.new_due_date } });
  }
  for (const p of a.plans) {
    const regular = p.instalments.filter((i) => i.seq > 0);
    out.push({ at: p.created_at, kind: 'plan_created', reason: `plan ${p.id}: ${money(p.total, p.currency)} in ${p.down_payment ? `a down payment of ${money(p.down_payment, p.currency)} and ` : ''}`
      + `${regular.length} ${p.frequency} instalments from ${regular[0]?.due_date ?? p.start_date}${p.interest ? `, interest ${money(p.interest, p.currency)}` : ''}`,
      data: { plan_id: p.id, total: p.total, currency: p.currency, instalments: p.instalments.map((i) => ({ seq: i.seq, due_date: i.due_date, amount: i.amount })) } });
    if (p.ended_at && p.status !== 'active') {
      out.push({ at: p.ended_at, kind: `plan_${p.status}`, reason: `plan ${p.id} ${p.status}: ${p.end_reason ?? ''}`.trim(), data: { plan_id: p.id, broken_seq: p.broken_seq } });
    }
  }
  for (const d of a.discounts) {
    out.push({ at: d.created_at, kind: 'discount_offered', reason: `discount ${d.id}: ${d.basis_points / 100}% (${money(d.discount, d.currency)}) if ${money(d.pay_amount, d.currency)} is paid by ${d.pay_by}`,
      data: { offer_id: d.id, discount: d.discount, pay_amount: d.pay_amount, pay_by: d.pay_by } });
    if (d.ended_at) out.push({ at: d.ended_at, kind: `discount_${d.status}`, reason: `discount ${d.id} ${d.status}${d.applied_amount ? `: ${money(d.applied_amount, d.currency)} taken off` : ''}`, data: { offer_id: d.id } });
  }
  for (const d of a.disputes) {
    out.push({ at: d.created_at, kind: 'dispute_opened', reason: `dispute ${d.id} (${d.reason}) on ${money(d.amount, d.currency)}${d.text ? `: ${d.text.slice(0, 200)}` : ''}`,
      data: { dispute_id: d.id, reason: d.reason, invoice_ids: d.invoice_ids, task_id: d.task_id } });
    if (d.resolved_at) {
      out.push({ at: d.resolved_at, kind: 'dispute_resolved', reason: `dispute ${d.id} found ${d.status}${d.credit_note_ids.length ? ': credit note issued' : ': contact resumes'}`
        + `${d.resolution_note ? ` (${d.resolution_note})` : ''}`, data: { dispute_id: d.id, outcome: d.status, credit_note_ids: d.credit_note_ids } });
    }
  }
  return out.sort((x, y) => x.at.localeCompare(y.at));
}
