// The ledger as it stood at the end of a past day, pure: an invoice exists once issued, and counts only the
// payments and adjustments dated by then and not yet reversed then (as the aging report does).
import { daysBetween, type CalendarDate } from '../domain/index.ts';
import type { CaseInvoice } from './case-state.ts';

export interface SimInvoice {
  id: string;
  customer_id: string;
  number: string;
  currency: string;
  amount: number;
  issue_date: CalendarDate;
  due_date: CalendarDate;
  disputed: boolean;
}

/** A dated change to an invoice's balance: negative for a payment's allocation, signed for an adjustment. */
export interface SimMovement {
  invoice_id: string;
  delta: number;
  date: CalendarDate;
  /** The date it was reversed on, if it was. */
  reversed_on: CalendarDate | null;
}

export class LedgerHistory {
  private readonly moves = new Map<string, SimMovement[]>();
  private readonly byCustomer = new Map<string, SimInvoice[]>();

  constructor(invoices: SimInvoice[], movements: SimMovement[]) {
    for (const i of invoices) this.byCustomer.set(i.customer_id, [...(this.byCustomer.get(i.customer_id) ?? []), i]);
    for (const m of movements) this.moves.set(m.invoice_id, [...(this.moves.get(m.invoice_id) ?? []), m]);
  }

  customers(): string[] {
    return [...this.byCustomer.keys()];
  }

  private live(m: SimMovement, day: CalendarDate): boolean {
    return m.date <= day && (m.reversed_on === null || m.reversed_on > day);
  }

  balance(i: SimInvoice, day: CalendarDate): number {
    return i.amount + (this.moves.get(i.id) ?? []).filter((m) => this.live(m, day)).reduce((s, m) => s + m.delta, 0);
  }

  /** The customer's invoices issued by `day` with a balance left at its end. */
  openInvoices(customerId: string, day: CalendarDate): CaseInvoice[] {
    const out: CaseInvoice[] = [];
    for (const i of this.byCustomer.get(customerId) ?? []) {
      if (i.issue_date > day) continue;
      const balance = this.balance(i, day);
      if (balance > 0) out.push({ id: i.id, number: i.number, balance: { amount: balance, currency: i.currency }, dueDate: i.due_date, disputed: i.disputed });
    }
    return out;
  }

  /** Average days late over the invoices the customer had paid off by `day`, or null with no history. */
  averageDaysLate(customerId: string, day: CalendarDate): number | null {
    const lates: number[] = [];
    for (const i of this.byCustomer.get(customerId) ?? []) {
      if (i.issue_date > day || this.balance(i, day) > 0) continue;
      const paid = (this.moves.get(i.id) ?? []).filter((m) => m.delta < 0 && this.live(m, day)).map((m) => m.date).sort();
      const last = paid[paid.length - 1];
      if (last) lates.push(Math.max(0, daysBetween(i.due_date, last)));
    }
    if (lates.length === 0) return null;
    return Math.round((lates.reduce((s, n) => s + n, 0) / lates.length) * 10) / 10;
  }
}
