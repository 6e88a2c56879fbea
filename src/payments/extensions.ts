// Extensions: more time, within the limit's days and count. An extension is recorded and treated as a promise of the whole
// balance (in the currency most is owed in) by the new date, so it stops reminders until then and is judged like any
// promise afterwards (a broken one fires the strategy's `promise_broken` step). The new date counts from the oldest open
// due date, or from today when that has passed.
import type { Queryable } from '../db/index.ts';
import { addDays, fail, newId, ok, type CalendarDate, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { replanCase } from '../engine/index.ts';
import { lockCustomer, owedIn, type ArrangementSource } from './arrangements-common.ts';
import { getLimits } from './limits-store.ts';
import { insertPromise, refuseDuringPlan, type PromiseToPay } from './promises.ts';

export interface Extension {
  id: string;
  customer_id: string;
  days: number;
  new_due_date: CalendarDate;
  reason: string | null;
  promise_id: string;
  source: string;
  actor: string;
  created_at: string;
  /** The promise that carries it (amount, currency, status). */
  promise?: PromiseToPay;
}

export interface ExtensionRequest { customerId: string; days: number; reason?: string; source: ArrangementSource }

const COLUMNS = 'id, customer_id, days, new_due_date, reason, promise_id, source, actor, created_at';

export async function requestExtension(q: Queryable, orgId: string, actor: string, input: ExtensionRequest, now: Date): Promise<Result<Extension>> {
  const c = await lockCustomer(q, orgId, input.customerId, now);
  if (!c.ok) return c;
  const limits = await getLimits(q, orgId);
  if (!Number.isInteger(input.days) || input.days < 1) return fail('VALIDATION_FAILED', 'days must be a whole number of at least 1', 'days');
  if (input.days > limits.extensionMaxDays) {
    return fail('VALIDATION_FAILED', `an extension is at most ${limits.extensionMaxDays} days`, 'days', { limit: 'extensionMaxDays', max: limits.extensionMaxDays });
  }
  const [{ n } = { n: 0 }] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM extensions WHERE org_id = $1 AND customer_id = $2 AND created_at > $3::timestamptz - interval '365 days'`,
    [orgId, c.value.id, now.toISOString()]);
  if (n >= limits.extensionMaxCount) {
    return fail('INVALID_STATE', `the customer has had ${n} extension${n === 1 ? '' : 's'} in the last 365 days (limit ${limits.extensionMaxCount})`, 'customerId',
      { limit: 'extensionMaxCount', max: limits.extensionMaxCount });
  }
  const during = await refuseDuringPlan(q, orgId, c.value.id);
  if (!during.ok) return during;
  const owed = await owedIn(q, orgId, c.value.id);
  if (!owed.ok) return owed;
  const oldest = owed.value.invoices[0]!.due_date;
  const newDate = addDays(oldest > c.value.today ? oldest : c.value.today, input.days);
  const promise = await insertPromise(q, orgId, actor, c.value, { kind: 'extension', amount: owed.value.balance, currency: owed.value.currency,
    dueDate: newDate, graceDays: limits.promiseGraceDays, source: input.source }, now);
  const id = newId('extension');
  const [row] = await q.query<Extension>(
    `INSERT INTO extensions (id, org_id, customer_id, days, new_due_date, reason, promise_id, source, actor, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING ${COLUMNS}`,
    [id, orgId, c.value.id, input.days, newDate, input.reason ?? null, promise.id, input.source, actor, now.toISOString()]);
  await recordAudit(q, { orgId, actor, action: 'extension.granted', entity: 'customer', entityId: c.value.id,
    data: { extension: id, days: input.days, new_due_date: newDate, promise: promise.id } }, now);
  await replanCase(q, orgId, c.value.id, now);
  return ok({ ...row!, promise });
}

export async function listExtensions(q: Queryable, orgId: string, customerId?: string): Promise<Extension[]> {
  return q.query<Extension>(`SELECT ${COLUMNS} FROM extensions WHERE org_id = $1 AND ($2::text IS NULL OR customer_id = $2) ORDER BY created_at DESC, id DESC LIMIT 500`,
    [orgId, customerId ?? null]);
}
