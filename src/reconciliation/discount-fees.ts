// A shortfall a prompt-payment discount covers is not a bank fee: when the lines being booked earn a customer's open offer
// (same rule as applyEarnedDiscounts: its currency, the payment dated from the offer to its pay-by date, payments reaching
// the discounted amount), the fees planned on the offer's invoices are lowered by the discount, so applyEarnedDiscounts
// puts the discount on instead; a fee beyond the discount is still written off and counts toward the offer as paid.
import type { Queryable } from '../db/index.ts';
import { OFFER_PAID } from '../payments/arrangements-discounts.ts';
import type { Booking } from './booking.ts';

interface Offer { customer_id: string; invoice_ids: string[]; currency: string; discount: number; pay_amount: number; offered_on: string; pay_by: string; paid: number }

/** The fee of a booking on the given invoices. */
const feeOn = (b: Booking, invoices: Set<string>) => b.fees.reduce((t, f) => t + (invoices.has(f.invoice_id) ? f.fee : 0), 0);

/** Lowers a booking's fees on the invoices by up to `waive` (its proposal alike); returns what was waived. */
function waive(b: Booking, invoices: Set<string>, waive: number): number {
  let left = waive;
  const cut = new Map<string, number>();
  for (const f of b.fees) {
    if (left <= 0 || !invoices.has(f.invoice_id)) continue;
    const take = Math.min(left, f.fee);
    f.fee -= take;
    left -= take;
    cut.set(f.invoice_id, take);
  }
  b.fees = b.fees.filter((f) => f.fee > 0);
  const allocations = b.proposal.allocations.map((a) => ({ ...a, fee: a.fee - (cut.get(a.invoiceId) ?? 0) }));
  b.proposal = { ...b.proposal, allocations, fee: b.proposal.fee - (waive - left) };
  return waive - left;
}

/**
 * Before the bookings' audit is built and they are written (on the batch's transaction): waives the planned bank fees an
 * earned open offer's discount covers. Returns, by customer, the fees kept on the earned offers' invoices, which
 * applyEarnedDiscounts counts as paid (the debtor paid them; the bank took them on the way).
 */
export async function waiveDiscountedFees(q: Queryable, orgId: string, bookings: Booking[]): Promise<Map<string, number>> {
  const counted = new Map<string, number>();
  const customers = [...new Set(bookings.filter((b) => b.fees.length).map((b) => b.proposal.customerId))];
  if (!customers.length) return counted;
  const offers = await q.query<Offer>(
    `SELECT d.customer_id, d.invoice_ids, d.currency, d.discount, d.pay_amount, d.offered_on::text AS offered_on, d.pay_by::text AS pay_by,
       ${OFFER_PAID} AS paid
     FROM discount_offers d WHERE d.org_id = $1 AND d.status = 'offered' AND d.customer_id = ANY($2::text[]) ORDER BY d.id`, [orgId, customers]);
  for (const o of offers) {
    const invoices = new Set(o.invoice_ids);
    const earning = bookings.filter((b) => b.proposal.customerId === o.customer_id && b.line.currency === o.currency
      && b.payment.date >= o.offered_on && b.payment.date <= o.pay_by);
    const fees = earning.reduce((t, b) => t + feeOn(b, invoices), 0);
    if (!fees) continue;
    const kept = fees - Math.min(fees, Number(o.discount));
    const paid = Number(o.paid) + earning.reduce((t, b) => t + b.line.amount, 0) + kept;
    if (paid < Number(o.pay_amount)) continue;
    let left = Math.min(fees, Number(o.discount));
    for (const b of earning) left -= waive(b, invoices, left);
    counted.set(o.customer_id, kept);
  }
  return counted;
}
