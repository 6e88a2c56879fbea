// Facts derived from a case on a given day: its open invoices, the due-date anchor, totals, and the
// customer facts that step conditions are checked against.
import { daysBetween, type CalendarDate, type Money } from '../domain/index.ts';
import type { CustomerFacts } from '../strategy/index.ts';
import type { CaseInvoice, CaseState } from './case-state.ts';
import type { StoredFacts } from './case-rows.ts';
import type { InvoiceLine } from './plan-types.ts';

/** Invoices still owed and not in dispute, oldest due date first. */
export function openInvoices(state: CaseState): CaseInvoice[] {
  return state.invoices
    .filter((i) => i.balance.amount > 0 && !i.disputed)
    .sort((a, b) => (a.dueDate === b.dueDate ? a.number.localeCompare(b.number) : a.dueDate < b.dueDate ? -1 : 1));
}

/** The due date steps count from: the oldest open invoice's (the oldest overdue one once any is late). */
export function anchorDate(state: CaseState): CalendarDate | null {
  return openInvoices(state)[0]?.dueDate ?? null;
}

export function invoiceLines(state: CaseState, today: CalendarDate): InvoiceLine[] {
  return openInvoices(state).map((i) => ({
    id: i.id, number: i.number, balance: i.balance, dueDate: i.dueDate, daysPastDue: daysBetween(i.dueDate, today),
  }));
}

/** Open balance per currency, in the order currencies first appear. */
export function totalsByCurrency(invoices: readonly { balance: Money }[]): Money[] {
  const totals = new Map<string, number>();
  for (const { balance } of invoices) totals.set(balance.currency, (totals.get(balance.currency) ?? 0) + balance.amount);
  return [...totals].map(([currency, amount]) => ({ amount, currency }));
}

export function caseFacts(state: CaseState, today: CalendarDate): CustomerFacts {
  const open = openInvoices(state);
  const anchor = open[0]?.dueDate;
  const c = state.customer;
  return {
    daysPastDue: anchor ? daysBetween(anchor, today) : 0,
    balances: totalsByCurrency(open),
    invoiceCount: open.length,
    averageDaysLate: c.averageDaysLate,
    brokenPromises: c.brokenPromises,
    preferredChannel: c.preferredChannel,
    country: c.country,
    tags: c.tags,
    riskBand: c.riskBand,
  };
}

type StoredClaim = NonNullable<StoredFacts['claim']>;

/**
 * Two open holds of one customer (a claim the debtor made and vouchers in flight, src/payments/in-flight.ts) read as one:
 * the invoices either covers, until the earlier one ends (the sweep then ends that one and the other is read alone).
 */
export function mergeClaims(a: StoredClaim | null | undefined, b: StoredClaim): StoredClaim {
  if (!a) return b;
  const first = a.hold_until < b.hold_until || (a.hold_until === b.hold_until && a.id <= b.id) ? a : b;
  return { id: first.id, hold_until: first.hold_until, invoice_ids: [...new Set([...a.invoice_ids, ...b.invoice_ids])] };
}
