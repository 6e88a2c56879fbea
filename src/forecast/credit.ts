// A customer's unapplied credit netted against what the forecast expects from them in the same currency, pure.
import type { Inflow } from './project.ts';

/** Unapplied credit (payments' unallocated money, not reversed) of one customer in one currency. */
export interface CustomerCredit { customer_id: string; currency: string; amount: number }
/** Per currency: the credit of the customers who had some, and how much of it was netted (the rest exceeds what they owe). */
export interface CreditNetted { currency: string; customers: number; credit: number; netted: number }

/**
 * Takes each customer's credit off their amounts in the same currency (open invoices, promises, instalments), the
 * likeliest first (highest p; on a tie the earliest date, then the larger amount): an amount is cut by what the credit
 * has left, and dropped when nothing of it is left.
 *
 * Why the likeliest first and not oldest first or pro rata: credit is money the customer has already paid, and a
 * customer holding credit takes it off the next payments they make, which are the invoices they were going to pay.
 * Netting it against an invoice they were unlikely to pay (a debt 200 days old at 20%) would leave the cash expected
 * from them almost unchanged, so the forecast would count again money already received; pro rata would do so in part.
 * Likeliest first lowers the expectation by nearly the whole credit for a customer who pays, which is what a finance
 * person reads off the ledger: "they owe 50,000, they have 10,000 in credit, expect about 40,000".
 */
export function netOfCredit(inflows: Inflow[], credits: CustomerCredit[]): { inflows: Inflow[]; netted: CreditNetted[] } {
  const left = new Map<string, number>();
  for (const c of credits) if (c.amount > 0) left.set(`${c.customer_id} ${c.currency}`, (left.get(`${c.customer_id} ${c.currency}`) ?? 0) + c.amount);
  const cut = new Map<Inflow, number>();
  const order = inflows.filter((f) => f.customer !== undefined && left.has(`${f.customer} ${f.currency}`))
    .sort((a, b) => b.p - a.p || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || b.amount - a.amount);
  for (const f of order) {
    const key = `${f.customer} ${f.currency}`;
    const take = Math.min(left.get(key) ?? 0, f.amount);
    if (take <= 0) continue;
    left.set(key, (left.get(key) ?? 0) - take);
    cut.set(f, take);
  }
  const out = inflows.flatMap((f) => {
    const take = cut.get(f) ?? 0;
    return take === 0 ? [f] : f.amount - take > 0 ? [{ ...f, amount: f.amount - take }] : [];
  });
  const byCurrency = new Map<string, CreditNetted>();
  for (const c of credits) {
    if (c.amount <= 0) continue;
    const n = byCurrency.get(c.currency) ?? { currency: c.currency, customers: 0, credit: 0, netted: 0 };
    n.customers += 1; n.credit += c.amount;
    byCurrency.set(c.currency, n);
  }
  for (const [f, take] of cut) byCurrency.get(f.currency)!.netted += take;
  return { inflows: out, netted: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}
