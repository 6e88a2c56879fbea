// What was known on a day about how an invoice ended: paid late or not, how late, recovered or written off.
import type { InvoiceFact, Outcome } from './types.ts';

/** The outcome known at the start of the day, or null while it cannot be known yet (open and not yet due). */
export function outcomeAt(inv: InvoiceFact, day: number): Outcome | null {
  if (inv.settled !== null && inv.settled < day) {
    const daysLate = Math.max(0, inv.settled - inv.due);
    return { late: daysLate > 0 || inv.writtenOff, daysLate, censored: false, recovered: !inv.writtenOff };
  }
  // still open on a day after its due date: late for sure, by at least the days gone by
  if (inv.issue < day && inv.due < day) return { late: true, daysLate: day - inv.due, censored: true, recovered: true };
  return null;
}

