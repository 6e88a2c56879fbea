// The cash forecast, pure: expected collections per week for the next weeks, per currency, from scored invoices,
// pending promises and plan instalments, each an amount that comes in on a date with a probability.
import { addDays, daysBetween, type CalendarDate } from '../domain/dates.ts';
import { chanceOf, FIXED_TABLE, type HeuristicTable } from './heuristic.ts';

export const FORECAST_WEEKS = 13;
/** z of the 10th and 90th percentiles of a normal: the range is the mean plus or minus this many standard deviations. */
const Z90 = 1.2816;

/** One amount that may come in: `amount` on `date` with probability `p` (a Bernoulli-weighted amount). */
export interface Inflow {
  source: 'invoice' | 'promise' | 'instalment'; currency: string; amount: number; date: CalendarDate; p: number;
  /** When the inflow stands for several amounts sharing a date and chance: the sum of their squares (for the variance). */
  squares?: number;
  /** The customer it comes from: one customer's inflows share one outcome draw (they move together). */
  customer?: string;
}

export interface ScoredInvoice { currency: string; balance: number; dueDate: CalendarDate; probabilityLate: number; expectedDaysLate: number; expectedRecovery: number }
/** An open invoice with no score: the heuristic takes its days overdue. */
export interface UnscoredInvoice { currency: string; balance: number; dueDate: CalendarDate }
export interface PendingAmount { currency: string; amount: number; date: CalendarDate }

export interface ForecastWeek { week: number; from: CalendarDate; to: CalendarDate; expected: number; low: number; high: number; from_invoices: number; from_promises: number; from_instalments: number }
export interface CurrencyForecast { currency: string; weeks: ForecastWeek[]; expected_total: number }

/**
 * A scored invoice: its expected recovery arrives on the due date plus the expected days late (not before the as-of
 * date). The probability it comes in is the recovery's share of the balance.
 */
export function invoiceInflow(s: ScoredInvoice, asOf: CalendarDate): Inflow | null {
  if (s.balance <= 0 || s.expectedRecovery <= 0) return null;
  const date = later(addDays(s.dueDate, Math.round(s.expectedDaysLate)), asOf);
  return { source: 'invoice', currency: s.currency, amount: s.balance, date, p: Math.min(1, s.expectedRecovery / s.balance) };
}

/**
 * The heuristic when an invoice has no score: not yet due, it is paid on its due date; overdue, a week from now; with
 * the chance of its days-overdue bucket in the table (fixed: 0.9 not yet due, 0.7 up to 30 days late, 0.5 to 90, 0.2
 * beyond; or learned from the org's history, heuristic.ts).
 */
export function heuristicInflow(i: UnscoredInvoice, asOf: CalendarDate, table: HeuristicTable = FIXED_TABLE): Inflow | null {
  if (i.balance <= 0) return null;
  const overdue = daysBetween(i.dueDate, asOf);
  const p = chanceOf(table, overdue);
  if (overdue <= 0) return { source: 'invoice', currency: i.currency, amount: i.balance, date: later(i.dueDate, addDays(asOf, 1)), p };
  return { source: 'invoice', currency: i.currency, amount: i.balance, date: addDays(asOf, 7), p };
}

/** A pending promise or a plan instalment: its amount on its date, weighted by the org's kept-promise rate. */
export function promisedInflow(source: 'promise' | 'instalment', x: PendingAmount, keptRate: number, asOf: CalendarDate): Inflow {
  return { source, currency: x.currency, amount: x.amount, date: later(x.date, addDays(asOf, 1)), p: keptRate };
}

const later = (a: CalendarDate, b: CalendarDate) => (a > b ? a : b);

/**
 * The variance of one customer's amounts in a week when they share one outcome draw U (amount i comes in when U < p_i):
 * the sum over pairs of a_i a_j (min(p_i, p_j) - p_i p_j). Sorted by p, min(p_i, p_j) is the earlier one's p, so it
 * takes one pass: sum a_i² p_i + 2 sum p_i a_i (the amounts after i) - (sum a_i p_i)².
 */
export function sharedDrawVariance(amounts: readonly { amount: number; p: number }[]): number {
  const sorted = [...amounts].sort((a, b) => a.p - b.p);
  let after = sorted.reduce((s, x) => s + x.amount, 0);
  let v = 0; let mean = 0;
  for (const x of sorted) {
    after -= x.amount;
    v += x.amount * x.amount * x.p + 2 * x.p * x.amount * after;
    mean += x.amount * x.p;
  }
  return Math.max(0, v - mean * mean);
}

/**
 * Weeks start the day after the as-of date. Each week's expectation is the sum of p x amount. Its variance: amounts of
 * no known customer (the unscored groups) are independent Bernoulli draws, p(1 - p) x amount²; one customer's amounts
 * in the week share one draw (sharedDrawVariance), so they come in or not together, and customers are independent of
 * each other. The range is the normal 10th-90th percentile, floored at zero.
 * An inflow dated past the horizon is left out; one dated before week 1 cannot happen (dates are moved on).
 */
export function weeklyForecast(inflows: Inflow[], asOf: CalendarDate, weeks = FORECAST_WEEKS): CurrencyForecast[] {
  const byCurrency = new Map<string, { e: number[]; v: number[]; parts: Record<Inflow['source'], number[]> }>();
  const byCustomer = new Map<string, { c: { v: number[] }; w: number; amounts: { amount: number; p: number }[] }>();
  const start = addDays(asOf, 1);
  for (const f of inflows) {
    const w = Math.floor(daysBetween(start, f.date) / 7);
    if (w < 0 || w >= weeks || f.p <= 0) continue;
    let c = byCurrency.get(f.currency);
    if (!c) {
      const zeros = () => new Array<number>(weeks).fill(0);
      c = { e: zeros(), v: zeros(), parts: { invoice: zeros(), promise: zeros(), instalment: zeros() } };
      byCurrency.set(f.currency, c);
    }
    c.e[w]! += f.p * f.amount;
    c.parts[f.source][w]! += f.p * f.amount;
    if (f.customer === undefined) { c.v[w]! += f.p * (1 - f.p) * (f.squares ?? f.amount * f.amount); continue; }
    const key = `${f.currency} ${w} ${f.customer}`;
    const group = byCustomer.get(key) ?? { c, w, amounts: [] };
    group.amounts.push({ amount: f.amount, p: f.p });
    byCustomer.set(key, group);
  }
  for (const g of byCustomer.values()) g.c.v[g.w]! += sharedDrawVariance(g.amounts);
  return [...byCurrency.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, c]) => {
    const list = c.e.map((e, i): ForecastWeek => {
      const sd = Math.sqrt(c.v[i]!);
      return { week: i + 1, from: addDays(start, 7 * i), to: addDays(start, 7 * i + 6), expected: Math.round(e),
        low: Math.max(0, Math.round(e - Z90 * sd)), high: Math.round(e + Z90 * sd),
        from_invoices: Math.round(c.parts.invoice[i]!), from_promises: Math.round(c.parts.promise[i]!), from_instalments: Math.round(c.parts.instalment[i]!) };
    });
    return { currency, weeks: list, expected_total: list.reduce((s, w) => s + w.expected, 0) };
  });
}
