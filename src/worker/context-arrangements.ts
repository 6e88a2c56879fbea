// What a message says of the debtor's arrangements: their latest promise, and the plan instalment an action is about.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/index.ts';
import type { MessageContext } from '../messaging/index.ts';

/** `pln_x#2` (a missed instalment) or `due:pln_x#2` (its reminder): the plan and the instalment's place, from 1. */
export function instalmentRef(occurrence: string | null): { planId: string; position: number } | null {
  const m = /^(?:due:)?([^#:]+)#(\d+)$/.exec(occurrence ?? '');
  return m?.[1] && m[2] ? { planId: m[1], position: Number(m[2]) } : null;
}

/** The promise most recently made (pending, kept in part or broken) and the instalment the action's occurrence names. */
export async function arrangementContext(
  q: Queryable, orgId: string, customerId: string, occurrence: string | null,
): Promise<Pick<MessageContext, 'promise' | 'instalment'>> {
  const out: Pick<MessageContext, 'promise' | 'instalment'> = {};
  const [p] = await q.query<{ amount: string | number; currency: string; due_date: CalendarDate }>(
    `SELECT amount, currency, due_date FROM promises WHERE org_id = $1 AND customer_id = $2 AND status IN ('pending', 'partly_kept', 'broken')
     ORDER BY created_at DESC LIMIT 1`, [orgId, customerId]);
  if (p) out.promise = { amount: { amount: Number(p.amount), currency: p.currency }, date: p.due_date };
  const ref = instalmentRef(occurrence);
  if (ref) {
    const [i] = await q.query<{ amount: string | number; currency: string; due_date: CalendarDate }>(
      `SELECT i.amount, p.currency, i.due_date FROM plan_instalments i JOIN plans p ON p.id = i.plan_id
       WHERE p.org_id = $1 AND p.customer_id = $2 AND p.id = $3 ORDER BY i.seq OFFSET $4 LIMIT 1`,
      [orgId, customerId, ref.planId, ref.position - 1]);
    if (i) out.instalment = { amount: { amount: Number(i.amount), currency: i.currency }, dueDate: i.due_date, number: ref.position };
  }
  return out;
}
