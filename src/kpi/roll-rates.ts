// Aging buckets at both ends of the period and roll rates between them, pure, from balances grouped by due date.
import { AGING_BUCKETS, bucketFor, type AgingBucket } from '../ledger/index.ts';
import { daysBetween, type CalendarDate } from '../domain/dates.ts';
import { ratio as rate } from './ratio.ts';
import type { RollRow } from './schema.ts';

/** The balances of one currency's invoices sharing a due date, at the end of the day before the period and at its end. */
export interface DueDateBalances {
  due_date: CalendarDate;
  /** Owed at the opening (balances above zero only). */
  opening: number;
  closing: number;
  /** Of each opening balance, the part still owed at the end: min(opening, closing) invoice by invoice. */
  carried: number;
  opening_invoices: number;
  closing_invoices: number;
}

export type Buckets = Record<AgingBucket, number>;

export interface AgingAndRoll {
  opening: Buckets & { total: number; invoices: number };
  closing: Buckets & { total: number; invoices: number };
  roll_rates: RollRow[];
}

const empty = (): Buckets => Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as Buckets;

/**
 * Invoices age with their due date fixed, so a balance can only stay in its bucket, move to a later one or be resolved.
 * A balance that grew (a fee) counts only up to what it was at the opening; invoices issued in the period are in the
 * closing aging but in no roll row.
 */
export function agingAndRoll(rows: DueDateBalances[], openingDay: CalendarDate, closingDay: CalendarDate): AgingAndRoll {
  const opening = { ...empty(), total: 0, invoices: 0 };
  const closing = { ...empty(), total: 0, invoices: 0 };
  const to = new Map<AgingBucket, Buckets & { resolved: number }>(AGING_BUCKETS.map((b) => [b, { ...empty(), resolved: 0 }]));
  for (const r of rows) {
    const start = bucketFor(daysBetween(r.due_date, openingDay));
    const end = bucketFor(daysBetween(r.due_date, closingDay));
    opening[start] += r.opening; opening.total += r.opening; opening.invoices += r.opening_invoices;
    closing[end] += r.closing; closing.total += r.closing; closing.invoices += r.closing_invoices;
    const row = to.get(start)!;
    row[end] += r.carried;
    row.resolved += r.opening - r.carried;
  }
  const roll_rates = AGING_BUCKETS.map((from, i): RollRow => {
    const row = to.get(from)!;
    const rolled = AGING_BUCKETS.slice(i + 1).reduce((s, b) => s + row[b], 0);
    return { from, opening: opening[from], to: row, rolled_forward: rolled, roll_rate: rate(rolled, opening[from]),
      resolved_rate: rate(row.resolved, opening[from]) };
  });
  return { opening, closing, roll_rates };
}
