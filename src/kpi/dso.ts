// Days sales outstanding, pure: standard (period method), count-back, best possible, and average days delinquent.
import { round2 } from './ratio.ts';

/** Receivables at the end over net credit sales of the period, times its days; none when nothing was sold. */
export function standardDso(receivables: number, netSales: number, days: number): number | null {
  if (netSales <= 0) return null;
  return round2((receivables / netSales) * days);
}

/** Only what is not yet due, over the same sales: the DSO if every customer paid on time. */
export function bestPossibleDso(currentReceivables: number, netSales: number, days: number): number | null {
  return standardDso(currentReceivables, netSales, days);
}

/** DSO less best possible DSO: the days the overdue part adds (computed before rounding, then rounded). */
export function averageDaysDelinquent(receivables: number, currentReceivables: number, netSales: number, days: number): number | null {
  if (netSales <= 0) return null;
  return round2(((receivables - currentReceivables) / netSales) * days);
}

/** One month walked back over: its days and its net credit sales. */
export interface SalesSlice { days: number; sales: number }

export interface CountBack {
  days: number;
  /** False when the receivables outlast every month looked at: the figure is then a floor. */
  complete: boolean;
}

/**
 * Count-back DSO: the receivables at the end are matched against the newest month's sales, then the month before, and
 * so on; each month they cover whole adds its days, the month they run out in adds its share. A month that sold nothing
 * (or less than nothing, when credit notes outweigh invoices) covers nothing and adds its days whole.
 */
export function countBackDso(receivables: number, slices: SalesSlice[]): CountBack {
  let left = receivables;
  let days = 0;
  for (const s of slices) {
    if (left <= 0) break;
    const sales = Math.max(0, s.sales);
    if (left > sales) {
      left -= sales;
      days += s.days;
    } else {
      days += (left / sales) * s.days;
      left = 0;
    }
  }
  return { days: round2(days), complete: left <= 0 };
}
