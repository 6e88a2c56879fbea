// Promises to pay: made from the portal, the agent, a collector or the API within the limits, one pending per customer (a
// new one replaces the old), judged on the day after date + grace in the debtor's time zone: kept, partly kept or broken.
import type { Queryable } from '../db/index.ts';
import { addDays, fail, isCurrency, newId, ok, type CalendarDate, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { emitEvent, emitEvents } from '../events/index.ts';
import { replanCase } from '../engine/index.ts';
import { checkDate, lockCustomer, owedIn, type ArrangementSource, type CustomerContext } from './arrangements-common.ts';
import { getLimits } from './limits-store.ts';
import { shareOf } from './limits.ts';

export type PromiseStatus = 'pending' | 'kept' | 'partly_kept' | 'broken' | 'replaced' | 'cancelled';

export interface PromiseToPay {
  id: string;
  customer_id: string;
  /** `extension` when it records an extension (a promise of the whole balance by the new date). */
  kind: 'promise' | 'extension';
  amount: number;
  currency: string;
  made_on: CalendarDate;
  due_date: CalendarDate;
  grace_days: number;
  source: ArrangementSource;
  channel: string | null;
  actor: string;
  status: PromiseStatus;
  /** What was paid towards it by date + grace, once judged. */
  paid: number | null;
  replaced_by: string | null;
  /** Who cancelled it, when cancelled. */
  cancelled_by: string | null;
  created_at: string;
  evaluated_at: string | null;
}

export interface NewPromise {
  customerId: string;
  amount: number;
  currency: string;
  dueDate: CalendarDate;
  source: ArrangementSource;
  /** Where it was made: whatsapp, sms, email, voice, portal, phone ... (the kept-promise report groups by it). */
  channel?: string;
}

export const PROMISE_COLUMNS = `id, customer_id, kind, amount, currency, made_on, due_date, grace_days, source, channel, actor, status, paid,
  replaced_by, cancelled_by, created_at, evaluated_at`;

/** Marks the customer's pending promise replaced (by a new promise or a plan), recorded with what replaced it. */
export async function replacePendingPromise(q: Queryable, orgId: string, actor: string, customerId: string, by: string, now: Date): Promise<void> {
  const replaced = await q.query<{ id: string }>(
    `UPDATE promises SET status = 'replaced', replaced_by = $3, evaluated_at = $4 WHERE org_id = $1 AND customer_id = $2 AND status = 'pending' RETURNING id`,
    [orgId, customerId, by, now.toISOString()]);
  for (const r of replaced) {
    await recordAudit(q, { orgId, actor, action: 'promise.replaced', entity: 'customer', entityId: customerId, data: { promise: r.id, by } }, now);
  }
}

/** Writes a promise (replacing a pending one) and records it; the caller has checked it and re-plans the case. */
export async function insertPromise(
  q: Queryable, orgId: string, actor: string, c: CustomerContext,
  p: { kind: 'promise' | 'extension'; amount: number; currency: string; dueDate: CalendarDate; graceDays: number; source: ArrangementSource; channel?: string | null },
  now: Date,
): Promise<PromiseToPay> {
  const id = newId('promise');
  await replacePendingPromise(q, orgId, actor, c.id, id, now);
  const [row] = await q.query<PromiseToPay>(
    `INSERT INTO promises (id, org_id, customer_id, kind, amount, currency, made_on, due_date, grace_days, source, channel, actor, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING ${PROMISE_COLUMNS}`,
    [id, orgId, c.id, p.kind, p.amount, p.currency, c.today, p.dueDate, p.graceDays, p.source, p.channel ?? null, actor, now.toISOString()]);
  await recordAudit(q, { orgId, actor, action: 'promise.made', entity: 'customer', entityId: c.id,
    data: { promise: id, kind: p.kind, amount: p.amount, currency: p.currency, due_date: p.dueDate, source: p.source } }, now);
  await emitEvent(q, { orgId, type: 'promise.created', subject: id, customerId: c.id, at: now, data: { promise_id: id, customer_id: c.id,
    kind: p.kind, amount: p.amount, currency: p.currency, due_date: p.dueDate, source: p.source, channel: p.channel ?? null } });
  return row!;
}

/** Refuses a promise while a plan governs the balance: the plan's instalments are the promise. */
export async function refuseDuringPlan(q: Queryable, orgId: string, customerId: string): Promise<Result<null>> {
  const [plan] = await q.query<{ id: string }>(`SELECT id FROM plans WHERE org_id = $1 AND customer_id = $2 AND status = 'active'`, [orgId, customerId]);
  return plan ? fail('INVALID_STATE', `plan ${plan.id} is active: cancel it before promising another date`, 'customerId') : ok(null);
}

/**
 * Makes a promise within the limits: an amount of at least the minimum share of what is owed in its currency (all of it
 * when less), no more than is owed, by a date from today to the limit's days ahead. Re-plans the case at once.
 */
export async function createPromise(q: Queryable, orgId: string, actor: string, input: NewPromise, now: Date): Promise<Result<PromiseToPay>> {
  const c = await lockCustomer(q, orgId, input.customerId, now);
  if (!c.ok) return c;
  if (!isCurrency(input.currency)) return fail('VALIDATION_FAILED', `unknown currency ${input.currency}`, 'currency');
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) return fail('VALIDATION_FAILED', 'amount must be a positive amount in minor units', 'amount');
  const date = checkDate(input.dueDate, 'dueDate');
  if (!date.ok) return date;
  const during = await refuseDuringPlan(q, orgId, c.value.id);
  if (!during.ok) return during;
  const owed = await owedIn(q, orgId, c.value.id, input.currency);
  if (!owed.ok) return owed;
  const limits = await getLimits(q, orgId);
  const balance = owed.value.balance;
  if (input.amount > balance) return fail('VALIDATION_FAILED', `${input.amount} is more than the ${balance} owed in ${input.currency}`, 'amount');
  const min = Math.min(balance, shareOf(balance, limits.promiseMinShareBp, 'up'));
  if (input.amount < min) {
    return fail('VALIDATION_FAILED', `a promise must cover at least ${min} (${limits.promiseMinShareBp / 100}% of the ${balance} owed)`, 'amount', { limit: 'promiseMinShareBp', min });
  }
  const latest = addDays(c.value.today, limits.promiseMaxDays);
  if (input.dueDate < c.value.today) return fail('VALIDATION_FAILED', `the date ${input.dueDate} is before today (${c.value.today})`, 'dueDate');
  if (input.dueDate > latest) {
    return fail('VALIDATION_FAILED', `the date must be by ${latest} (${limits.promiseMaxDays} days ahead)`, 'dueDate', { limit: 'promiseMaxDays', max: latest });
  }
  const promise = await insertPromise(q, orgId, actor, c.value, { kind: 'promise', amount: input.amount, currency: input.currency,
    dueDate: input.dueDate, graceDays: limits.promiseGraceDays, source: input.source, channel: input.channel ?? null }, now);
  await replanCase(q, orgId, c.value.id, now);
  return ok(promise);
}

/** `ended`: only those no longer pending; `before`: only those after that one (of the same customer) newest first, a page's cursor. */
export interface PromiseFilter { customerId?: string; status?: PromiseStatus; ended?: boolean; before?: string; limit?: number }

export async function listPromises(q: Queryable, orgId: string, f: PromiseFilter = {}): Promise<PromiseToPay[]> {
  return q.query<PromiseToPay>(
    `SELECT ${PROMISE_COLUMNS} FROM promises WHERE org_id = $1 AND ($2::text IS NULL OR customer_id = $2) AND ($3::text IS NULL OR status = $3)
       AND (NOT $5::boolean OR status <> 'pending')
       AND ($6::text IS NULL OR (created_at, id) < (SELECT b.created_at, b.id FROM promises b WHERE b.org_id = $1 AND b.id = $6 AND ($2::text IS NULL OR b.customer_id = $2)))
     ORDER BY created_at DESC, id DESC LIMIT $4`,
    [orgId, f.customerId ?? null, f.status ?? null, Math.min(f.limit ?? 100, 1000), f.ended === true, f.before ?? null]);
}

/**
 * Judges every pending promise whose date + grace has passed in the debtor's time zone, set-based: payments of the
 * customer in its currency dated from the day it was made to date + grace count; all of the amount is kept, some is
 * partly kept, none is broken. Returns what it judged, for the caller to re-plan those cases.
 */
export async function evaluatePromises(q: Queryable, orgId: string, now: Date): Promise<{ id: string; customer_id: string; status: PromiseStatus }[]> {
  const judged = await q.query<{ id: string; customer_id: string; status: PromiseStatus; paid: number; amount: number; currency: string }>(
    `WITH due AS (
       SELECT p.id, p.customer_id, p.currency, p.made_on, p.due_date + p.grace_days AS last_day
       FROM promises p JOIN customers c ON c.org_id = p.org_id AND c.id = p.customer_id JOIN orgs o ON o.id = p.org_id
       WHERE p.org_id = $1 AND p.status = 'pending'
         AND p.due_date + p.grace_days < ($2::timestamptz AT TIME ZONE COALESCE(c.timezone, o.default_timezone))::date),
     paid AS (
       SELECT d.id, COALESCE(sum(pay.amount), 0)::bigint AS paid FROM due d
       LEFT JOIN payments pay ON pay.org_id = $1 AND pay.customer_id = d.customer_id AND pay.currency = d.currency
         AND pay.reversed_at IS NULL AND pay.date >= d.made_on AND pay.date <= d.last_day
       GROUP BY d.id)
     UPDATE promises p SET paid = x.paid, evaluated_at = $2::timestamptz,
       status = CASE WHEN x.paid >= p.amount THEN 'kept' WHEN x.paid > 0 THEN 'partly_kept' ELSE 'broken' END
     FROM paid x WHERE p.id = x.id AND p.status = 'pending'
     RETURNING p.id, p.customer_id, p.status, p.paid, p.amount, p.currency`, [orgId, now.toISOString()]);
  for (const j of judged) {
    await recordAudit(q, { orgId, actor: 'system', action: `promise.${j.status}`, entity: 'customer', entityId: j.customer_id,
      data: { promise: j.id, amount: j.amount, paid: j.paid, currency: j.currency } }, now);
  }
  // a promise partly kept is reported broken (with its status), as the engine treats it
  await emitEvents(q, judged.map((j) => ({ orgId, type: j.status === 'kept' ? 'promise.kept' as const : 'promise.broken' as const, subject: j.id,
    customerId: j.customer_id, at: now, data: { promise_id: j.id, customer_id: j.customer_id, status: j.status, amount: j.amount, paid: j.paid, currency: j.currency } })));
  return judged.map(({ id, customer_id, status }) => ({ id, customer_id, status }));
}
