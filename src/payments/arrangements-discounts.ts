// Prompt-payment discounts: an offer of a share (within the limit) off what is owed in one currency if the rest is paid by a
// date. When payments dated from the offer to its date reach the rest, the discount is applied to the offer's invoices as
// `discount` adjustments; an offer not earned by its date + the promise grace expires.
import type { Queryable } from '../db/index.ts';
import { addDays, fail, newId, ok, type CalendarDate, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { applyAdjustment } from '../ledger/index.ts';
import { replanCase } from '../engine/index.ts';
import { checkDate, lockCustomer, owedIn, type ArrangementSource } from './arrangements-common.ts';
import { getLimits } from './limits-store.ts';
import { shareOf } from './limits.ts';

export interface DiscountOffer {
  id: string;
  customer_id: string;
  invoice_ids: string[];
  currency: string;
  basis_points: number;
  balance: number;
  discount: number;
  pay_amount: number;
  offered_on: CalendarDate;
  pay_by: CalendarDate;
  grace_days: number;
  source: string;
  actor: string;
  status: 'offered' | 'applied' | 'expired';
  adjustment_ids: string[];
  applied_amount: number | null;
  created_at: string;
  ended_at: string | null;
}

export interface DiscountRequest { customerId: string; basisPoints: number; payBy: CalendarDate; currency?: string; source: ArrangementSource }

const COLUMNS = `id, customer_id, invoice_ids, currency, basis_points, balance, discount, pay_amount, offered_on, pay_by, grace_days, source, actor,
  status, adjustment_ids, applied_amount, created_at, ended_at`;

export async function offerDiscount(q: Queryable, orgId: string, actor: string, input: DiscountRequest, now: Date): Promise<Result<DiscountOffer>> {
  const c = await lockCustomer(q, orgId, input.customerId, now);
  if (!c.ok) return c;
  const limits = await getLimits(q, orgId);
  if (!Number.isInteger(input.basisPoints) || input.basisPoints < 1) return fail('VALIDATION_FAILED', 'basisPoints must be a whole number of at least 1', 'basisPoints');
  if (input.basisPoints > limits.discountMaxBp) {
    return fail('VALIDATION_FAILED', `a discount is at most ${limits.discountMaxBp} basis points (${limits.discountMaxBp / 100}%)`, 'basisPoints',
      { limit: 'discountMaxBp', max: limits.discountMaxBp });
  }
  const d = checkDate(input.payBy, 'payBy');
  if (!d.ok) return d;
  const latest = addDays(c.value.today, limits.discountMaxDays);
  if (input.payBy < c.value.today || input.payBy > latest) {
    return fail('VALIDATION_FAILED', `the pay-by date must be from ${c.value.today} to ${latest}`, 'payBy', { limit: 'discountMaxDays', max: latest });
  }
  const [open] = await q.query<{ id: string }>(`SELECT id FROM discount_offers WHERE org_id = $1 AND customer_id = $2 AND status = 'offered'`, [orgId, c.value.id]);
  if (open) return fail('CONFLICT', `discount offer ${open.id} is still open`, 'customerId');
  const owed = await owedIn(q, orgId, c.value.id, input.currency);
  if (!owed.ok) return owed;
  const discount = shareOf(owed.value.balance, input.basisPoints, 'down');
  if (discount <= 0) return fail('VALIDATION_FAILED', `${input.basisPoints} basis points of ${owed.value.balance} is less than one minor unit`, 'basisPoints');
  const id = newId('discountOffer');
  const [row] = await q.query<DiscountOffer>(
    `INSERT INTO discount_offers (id, org_id, customer_id, invoice_ids, currency, basis_points, balance, discount, pay_amount, offered_on, pay_by,
       grace_days, source, actor, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING ${COLUMNS}`,
    [id, orgId, c.value.id, owed.value.invoices.map((i) => i.id), owed.value.currency, input.basisPoints, owed.value.balance, discount,
      owed.value.balance - discount, c.value.today, input.payBy, limits.promiseGraceDays, input.source, actor, now.toISOString()]);
  await recordAudit(q, { orgId, actor, action: 'discount.offered', entity: 'customer', entityId: c.value.id,
    data: { offer: id, basis_points: input.basisPoints, discount, pay_by: input.payBy, currency: owed.value.currency } }, now);
  await replanCase(q, orgId, c.value.id, now);
  return ok(row!);
}

export async function listDiscountOffers(q: Queryable, orgId: string, customerId?: string): Promise<DiscountOffer[]> {
  return q.query<DiscountOffer>(`SELECT ${COLUMNS} FROM discount_offers WHERE org_id = $1 AND ($2::text IS NULL OR customer_id = $2)
    ORDER BY created_at DESC, id DESC LIMIT 500`, [orgId, customerId ?? null]);
}

/** Takes the discount off the offer's invoices, oldest due first, as far as they still owe it. */
async function applyOffer(q: Queryable, orgId: string, offer: { id: string; invoice_ids: string[]; discount: number; pay_by: string }, today: string) {
  const invoices = await q.query<{ id: string; balance: number }>(
    `SELECT id, balance FROM invoices WHERE org_id = $1 AND id = ANY($2::text[]) AND balance > 0 AND NOT cancelled ORDER BY due_date, number`,
    [orgId, offer.invoice_ids]);
  let left = offer.discount;
  const ids: string[] = [];
  for (const inv of invoices) {
    if (left <= 0) break;
    const take = Math.min(left, inv.balance);
    const adj = await applyAdjustment(q, orgId, 'system', { invoice_id: inv.id, kind: 'discount', amount: take, date: today,
      reason: `prompt-payment discount ${offer.id}: paid by ${offer.pay_by}` });
    if (!adj.ok) throw new Error(`discount ${offer.id}: ${adj.error.message}`);
    ids.push(adj.value.id);
    left -= take;
  }
  return { ids, applied: offer.discount - left };
}

/**
 * What an offer has been paid so far, as SQL over its row aliased `d`: the payments (not reversed) of its customer in its
 * currency dated from the day it was offered to its pay-by date. One rule for applying an offer and for the bank fees a
 * booking waives for it (reconciliation/discount-fees.ts).
 */
export const OFFER_PAID = `COALESCE((SELECT sum(p.amount) FROM payments p WHERE p.org_id = d.org_id AND p.customer_id = d.customer_id
  AND p.currency = d.currency AND p.reversed_at IS NULL AND p.date >= d.offered_on AND p.date <= d.pay_by), 0)::bigint`;

interface OpenOffer { id: string; customer_id: string; invoice_ids: string[]; discount: number; pay_amount: number; pay_by: string; paid: number; today: string; expired: boolean }

/**
 * The open offers (locked), with what payments dated from the offer to its pay-by date (not reversed) have paid in its
 * currency, and today in the customer's time zone; all the org's, or only the named customers'.
 */
async function openOffers(q: Queryable, orgId: string, now: Date, customerIds: string[] | null): Promise<OpenOffer[]> {
  return q.query<OpenOffer>(
    `SELECT d.id, d.customer_id, d.invoice_ids, d.discount, d.pay_amount, d.pay_by, x.paid, x.today::text AS today, x.today > d.pay_by + d.grace_days AS expired
     FROM discount_offers d JOIN customers c ON c.org_id = d.org_id AND c.id = d.customer_id JOIN orgs o ON o.id = d.org_id
     CROSS JOIN LATERAL (SELECT ($2::timestamptz AT TIME ZONE COALESCE(c.timezone, o.default_timezone))::date AS today,
       ${OFFER_PAID} AS paid) x
     WHERE d.org_id = $1 AND d.status = 'offered' AND ($3::text[] IS NULL OR d.customer_id = ANY($3::text[])) ORDER BY d.id FOR UPDATE OF d`,
    [orgId, now.toISOString(), customerIds]);
}

/** Applies an earned offer: its discount adjustments, the offer marked applied (so it is never applied again), the audit entry. */
async function applyEarned(q: Queryable, orgId: string, o: OpenOffer, now: Date): Promise<void> {
  const { ids, applied } = await applyOffer(q, orgId, o, o.today);
  await q.query(`UPDATE discount_offers SET status = 'applied', adjustment_ids = $3, applied_amount = $4, ended_at = $5 WHERE org_id = $1 AND id = $2`,
    [orgId, o.id, ids, applied, now.toISOString()]);
  await recordAudit(q, { orgId, actor: 'system', action: 'discount.applied', entity: 'customer', entityId: o.customer_id,
    data: { offer: o.id, paid: o.paid, applied, adjustments: ids } }, now);
}

/**
 * Right after payments are recorded, on their transaction: applies the named customers' open offers the payments (with
 * those before) have earned, so the invoices are settled before the case is re-planned. Returns the customers whose
 * offer was applied. Offers not earned stay open (the worker's round expires them). `counted` adds, by customer, what
 * counts as paid beyond the payments (bank fees deducted from a transfer booked with them and written off).
 */
export async function applyEarnedDiscounts(
  q: Queryable, orgId: string, customerIds: string[], now: Date, counted: ReadonlyMap<string, number> = new Map(),
): Promise<string[]> {
  const who = [...new Set(customerIds)];
  if (!who.length) return [];
  const applied: string[] = [];
  for (const o of await openOffers(q, orgId, now, who)) {
    if (Number(o.paid) + (counted.get(o.customer_id) ?? 0) < o.pay_amount) continue;
    await applyEarned(q, orgId, o, now);
    applied.push(o.customer_id);
  }
  return applied;
}

/**
 * Applies earned discounts and expires the ones whose date + grace has passed. Returns what changed, for re-planning.
 * Payments recorded through the ledger's paths (the API, gateway webhooks, booked statement lines, the CSV import) apply
 * their discount at once (applyEarnedDiscounts); this is the safety net for any recorded otherwise (the demo seed).
 */
export async function evaluateDiscounts(q: Queryable, orgId: string, now: Date): Promise<{ id: string; customer_id: string; status: string }[]> {
  const changed: { id: string; customer_id: string; status: string }[] = [];
  for (const o of await openOffers(q, orgId, now, null)) {
    if (o.paid >= o.pay_amount) {
      await applyEarned(q, orgId, o, now);
      changed.push({ id: o.id, customer_id: o.customer_id, status: 'applied' });
    } else if (o.expired) {
      await q.query(`UPDATE discount_offers SET status = 'expired', ended_at = $3 WHERE org_id = $1 AND id = $2`, [orgId, o.id, now.toISOString()]);
      await recordAudit(q, { orgId, actor: 'system', action: 'discount.expired', entity: 'customer', entityId: o.customer_id, data: { offer: o.id, paid: o.paid } }, now);
      changed.push({ id: o.id, customer_id: o.customer_id, status: 'expired' });
    }
  }
  return changed;
}
