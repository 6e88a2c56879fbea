// What a portal confirmation states, for its rendering: the facts frozen on its action when the debtor acted (the
// promise and a plan's schedule), or for a preview without an action, the customer's active plan as it stands.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/index.ts';
import { isConfirmationTemplate, type MessageContext } from '../messaging/index.ts';

/** The action's `payload.confirmation` (written by src/portal/confirm.ts). */
export interface ConfirmationPayload {
  event: string;
  changed: boolean;
  promise: { amount: number; currency: string; due_date: CalendarDate } | null;
  instalments: { amount: number; currency: string; due_date: CalendarDate }[] | null;
  /** Staff recorded it for the debtor (src/portal/confirm-staff.ts); absent for the debtor's own in the portal. */
  by_staff?: boolean;
}

type Facts = Pick<MessageContext, 'promise' | 'arrangement'>;

function factsOf(p: ConfirmationPayload): Facts {
  return {
    ...(p.promise ? { promise: { amount: { amount: Number(p.promise.amount), currency: p.promise.currency }, date: p.promise.due_date } } : {}),
    arrangement: { changed: p.changed, ...(p.by_staff ? { byStaff: true } : {}), ...(p.instalments ? { instalments: p.instalments.map((i) => ({ amount: { amount: Number(i.amount), currency: i.currency },
      dueDate: i.due_date })) } : {}) },
  };
}

/**
 * The facts of each confirmation of a batch, by message id; nothing is read when the batch holds none. A preview (no
 * action) of a confirmation states the customer's active plan, if any.
 */
export async function confirmationFacts(
  q: Queryable, ms: readonly { id: string; org_id: string; action_id: string; customer_id: string; template: string | null }[], preview: boolean,
): Promise<Map<string, Facts>> {
  const out = new Map<string, Facts>();
  const wanted = ms.filter((m) => isConfirmationTemplate(m.template));
  if (wanted.length === 0) return out;
  const rows = await q.query<{ org_id: string; id: string; confirmation: ConfirmationPayload | null }>(
    `SELECT org_id, id, payload->'confirmation' AS confirmation FROM actions WHERE (org_id, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [wanted.map((m) => m.org_id), wanted.map((m) => m.action_id)]);
  const byAction = new Map(rows.map((r) => [`${r.org_id}\u0000${r.id}`, r.confirmation]));
  for (const m of wanted) {
    const stored = byAction.get(`${m.org_id}\u0000${m.action_id}`);
    if (stored) out.set(m.id, factsOf(stored));
    else if (preview) out.set(m.id, await activePlanFacts(q, m.org_id, m.customer_id));
  }
  return out;
}

async function activePlanFacts(q: Queryable, orgId: string, customerId: string): Promise<Facts> {
  const rows = await q.query<{ amount: string | number; currency: string; due_date: CalendarDate }>(
    `SELECT i.amount, p.currency, i.due_date FROM plans p JOIN plan_instalments i ON i.plan_id = p.id AND i.org_id = p.org_id
     WHERE p.org_id = $1 AND p.customer_id = $2 AND p.status = 'active' ORDER BY i.seq`, [orgId, customerId]);
  return { arrangement: { changed: false, ...(rows.length ? { instalments: rows.map((r) => ({ amount: { amount: Number(r.amount), currency: r.currency }, dueDate: r.due_date })) } : {}) } };
}
