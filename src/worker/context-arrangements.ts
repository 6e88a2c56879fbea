// What a message says of the debtor's arrangements: their latest promise, and the plan instalment an action is about.
import { preparedName, type Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/index.ts';
import type { MessageContext } from '../messaging/index.ts';

/** `pln_x#2` (a missed instalment) or `due:pln_x#2` (its reminder): the plan and the instalment's place, from 1. */
export function instalmentRef(occurrence: string | null): { planId: string; position: number } | null {
  const m = /^(?:due:)?([^#:]+)#(\d+)$/.exec(occurrence ?? '');
  return m?.[1] && m[2] ? { planId: m[1], position: Number(m[2]) } : null;
}

export interface PromiseFact { amount: string | number; currency: string; due_date: CalendarDate }

// prepared (planned once per connection), as the batch's other reads by key (context.ts)
const PROMISES_SQL = `SELECT DISTINCT ON (p.org_id, p.customer_id) p.org_id, p.customer_id, p.amount, p.currency, p.due_date
     FROM (SELECT DISTINCT org_id, customer_id FROM unnest($1::text[], $2::text[]) AS k(org_id, customer_id)) k
     JOIN promises p ON p.org_id = k.org_id AND p.customer_id = k.customer_id AND p.status IN ('pending', 'partly_kept', 'broken')
     ORDER BY p.org_id, p.customer_id, p.created_at DESC`;
const PROMISES_NAME = preparedName(PROMISES_SQL);

/** Each customer's promise most recently made (pending, kept in part or broken), read at once for a batch, keyed org NUL customer. */
export async function latestPromises(q: Queryable, who: readonly { org_id: string; customer_id: string }[]): Promise<Map<string, PromiseFact>> {
  const rows = await q.query<PromiseFact & { org_id: string; customer_id: string }>(
    PROMISES_SQL, [who.map((w) => w.org_id), who.map((w) => w.customer_id)], PROMISES_NAME);
  return new Map(rows.map((r) => [`${r.org_id}\u0000${r.customer_id}`, r]));
}

/** The promise most recently made (given, or read here) and the instalment the action's occurrence names. */
export async function arrangementContext(
  q: Queryable, orgId: string, customerId: string, occurrence: string | null, promise?: PromiseFact | null,
): Promise<Pick<MessageContext, 'promise' | 'instalment'>> {
  const out: Pick<MessageContext, 'promise' | 'instalment'> = {};
  const p = promise !== undefined ? promise : (await latestPromises(q, [{ org_id: orgId, customer_id: customerId }])).get(`${orgId}\u0000${customerId}`);
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
