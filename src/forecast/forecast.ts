// Making, storing and comparing cash forecasts: the IO around the pure projection.
import type { Queryable } from '../db/index.ts';
import { addDays, daysBetween, type CalendarDate } from '../domain/dates.ts';
import { newId } from '../domain/ids.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { heuristicInflow, invoiceInflow, promisedInflow, weeklyForecast, FORECAST_WEEKS, type CurrencyForecast, type Inflow } from './project.ts';
import { customerCredits, keptPromiseRate, openInvoices, pendingInstalments, pendingPromises, receivedByDay, unscoredTotals, type OpenInvoiceRow } from './load.ts';
import { FIXED_TABLE, heuristicSource, heuristicText, storedHeuristic, type HeuristicTable } from './heuristic.ts';
import { netOfCredit, type CreditNetted } from './credit.ts';
import { formatMinor } from '../domain/money.ts';

/** The kept-promise rate taken when the org has judged no promise yet. */
export const DEFAULT_KEPT_RATE = 0.5;

export type ForecastMethod = 'scores' | 'heuristic' | 'mixed';

export interface Forecast {
  /** `stored`: kept in the forecasts table (storeForecast); a forecast only computed has an id nothing refers to. */
  id: string; stored: boolean; as_of: CalendarDate; created_at: string; method: ForecastMethod; kept_rate: number; kept_rate_default: boolean;
  invoices: { scored: number; unscored: number }; notes: string[]; currencies: CurrencyForecast[];
  /** The chances the heuristic gave unscored invoices, per days-overdue bucket: learned (as of when) or fixed (heuristic.ts). */
  heuristic: HeuristicTable & { source?: 'learned' | 'fixed' };
  /** Customers' unapplied credit per currency and how much of it was netted against what they owe (credit.ts). */
  credit?: CreditNetted[];
  /** The period the worker stored it for on the org's schedule ('weekly 2026-03-16', 'daily 2026-03-16'); null when made on request. */
  period?: string | null;
}

/**
 * A customer's pending promise stands for that much of their open invoices in its currency (oldest due first), so
 * the same money is not counted twice: the invoices' balances and expected recoveries shrink by what it covers.
 */
export function netOfPromises(invoices: OpenInvoiceRow[], promises: { customer_id: string; currency: string; amount: number }[]): OpenInvoiceRow[] {
  const left = new Map(promises.map((p) => [`${p.customer_id} ${p.currency}`, p.amount]));
  return invoices.map((i) => {
    const key = `${i.customer_id} ${i.currency}`;
    const cover = Math.min(left.get(key) ?? 0, i.balance);
    if (cover <= 0) return i;
    left.set(key, (left.get(key) ?? 0) - cover);
    const keep = (i.balance - cover) / i.balance;
    return { ...i, balance: i.balance - cover, expected_recovery: i.expected_recovery === null ? null : Math.round(i.expected_recovery * keep) };
  }).filter((i) => i.balance > 0);
}

export async function makeForecast(q: Queryable, org: string, asOf: CalendarDate, now: Date): Promise<Forecast> {
  // the six reads at once (a pool answers them on as many connections; a transaction one after another)
  const [promises, singled, rate, instalments, groups, table, credits] = await Promise.all([pendingPromises(q, org), openInvoices(q, org),
    keptPromiseRate(q, org, asOf), pendingInstalments(q, org, asOf), unscoredTotals(q, org), storedHeuristic(q, org), customerCredits(q, org)]);
  const invoices = netOfPromises(singled, promises);
  const keptRate = rate ?? DEFAULT_KEPT_RATE;
  const single: Inflow[] = [];
  let scored = 0;
  for (const i of invoices) {
    const f = i.probability_late !== null && i.expected_days_late !== null && i.expected_recovery !== null
      ? (scored++, invoiceInflow({ currency: i.currency, balance: i.balance, dueDate: i.due_date, probabilityLate: i.probability_late,
        expectedDaysLate: i.expected_days_late, expectedRecovery: i.expected_recovery }, asOf))
      : heuristicInflow({ currency: i.currency, balance: i.balance, dueDate: i.due_date }, asOf, table);
    if (f) single.push({ ...f, customer: i.customer_id });
  }
  // one customer's invoices, promises and instalments share one outcome draw (the range's covariance)
  for (const p of promises) single.push({ ...promisedInflow('promise', p, keptRate, asOf), customer: p.customer_id });
  for (const p of instalments) single.push({ ...promisedInflow('instalment', p, keptRate, asOf), customer: p.customer_id });
  // a customer's unapplied credit is money already received: it comes off what they are expected to pay
  const { inflows, netted } = netOfCredit(single, credits);
  // the open invoices nothing singles out, a group per currency and due date: the heuristic gives them one date and chance
  let grouped = 0;
  for (const g of groups) {
    grouped += g.invoices;
    const f = heuristicInflow({ currency: g.currency, balance: g.balance, dueDate: g.due_date }, asOf, table);
    if (f) inflows.push({ ...f, squares: g.squares });
  }
  const unscored = invoices.length - scored + grouped;
  const method: ForecastMethod = unscored === 0 ? 'scores' : scored === 0 ? 'heuristic' : 'mixed';
  const notes: string[] = [];
  if (unscored > 0) notes.push(`${unscored} open invoice(s) had no risk score: a heuristic was used for them (on the due date when not yet due, a week out when overdue, with the chance of their days-overdue bucket, ${heuristicText(table)}); run \`cobro score run\` for scores`);
  if (rate === null) notes.push(`no promise judged in the past year: promises and instalments weighted by a default kept rate of ${DEFAULT_KEPT_RATE}`);
  for (const c of netted) notes.push(`${c.customers} customer(s) held ${c.currency} ${formatMinor(c.credit, c.currency)} of unapplied credit: ${formatMinor(c.netted, c.currency)} netted against what they owe, their likeliest amounts first`);
  return { id: newId('forecast', now.getTime()), stored: false, as_of: asOf, created_at: now.toISOString(), method, kept_rate: keptRate, kept_rate_default: rate === null,
    invoices: { scored, unscored }, notes, currencies: weeklyForecast(inflows, asOf), heuristic: { ...table, source: heuristicSource(table) }, credit: netted };
}

/**
 * Keeps a forecast to compare later with what came in; returns it marked stored. With a period (the worker's schedule),
 * one per org and period: when another worker stored that period first, nothing is written and null is returned.
 */
export async function saveForecast(q: Queryable, org: string, f: Forecast): Promise<Forecast>;
export async function saveForecast(q: Queryable, org: string, f: Forecast, period: string): Promise<Forecast | null>;
export async function saveForecast(q: Queryable, org: string, f: Forecast, period?: string): Promise<Forecast | null> {
  const kept = { ...f, stored: true, period: period ?? null };
  const rows = await q.query(`INSERT INTO forecasts (id, org_id, as_of, created_at, method, kept_rate, result, period) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (org_id, period) WHERE period IS NOT NULL DO NOTHING RETURNING id`,
  [kept.id, org, kept.as_of, kept.created_at, kept.method, kept.kept_rate, JSON.stringify(kept), kept.period]);
  return rows.length ? kept : null;
}

/** Makes a forecast as of the day and stores it: the explicit command (POST /v1/forecasts, `cobro forecast --store`). */
export async function storeForecast(q: Queryable, org: string, asOf: CalendarDate, now: Date): Promise<Forecast> {
  return saveForecast(q, org, await makeForecast(q, org, asOf, now));
}

/**
 * The first forecast stored as of the day (the one made closest to it, knowing least of what followed), or null. One
 * stored before the heuristic was learned (migration 128) had only the fixed table, and says so.
 */
export async function firstStored(q: Queryable, org: string, asOf: CalendarDate): Promise<Forecast | null> {
  const [row] = await q.query<{ result: Forecast }>('SELECT result FROM forecasts WHERE org_id = $1 AND as_of = $2 ORDER BY created_at, id LIMIT 1', [org, asOf]);
  if (!row) return null;
  const table = row.result.heuristic ?? FIXED_TABLE;
  return { ...row.result, stored: true, heuristic: { ...table, source: heuristicSource(table) } };
}

/**
 * What a period's figures are set beside (the dashboard's this week and this month): the forecast stored as of the
 * day when there is one (`stored: true`, as the worker stores each Sunday's), else one computed now as of it (`stored: false`).
 */
export async function forecastFor(q: Queryable, org: string, asOf: CalendarDate, now: Date): Promise<Forecast> {
  return (await firstStored(q, org, asOf)) ?? makeForecast(q, org, asOf, now);
}

export interface ComparedWeek { week: number; from: CalendarDate; to: CalendarDate; expected: number; low: number; high: number; actual: number | null; within_range: boolean | null }
export interface Comparison { forecast_id: string; as_of: CalendarDate; made_at: string; through: CalendarDate; currencies: { currency: string; weeks: ComparedWeek[] }[] }

/**
 * The first forecast stored for the as-of date (the one made closest to it, knowing least of what followed) beside
 * the payments received in each of its weeks; weeks not over by `today` have no actual yet.
 */
export async function compareForecast(q: Queryable, org: string, asOf: CalendarDate, today: CalendarDate): Promise<Result<Comparison>> {
  const f = await firstStored(q, org, asOf);
  if (!f) return fail('NOT_FOUND', `no forecast stored as of ${asOf}; store one with \`cobro forecast --as-of ${asOf} --store\` or POST /v1/forecasts first`, 'as_of');
  const start = addDays(asOf, 1);
  const through = addDays(start, 7 * FORECAST_WEEKS - 1);
  const received = await receivedByDay(q, org, start, through < today ? through : today);
  const currencies = [...new Set([...f.currencies.map((c) => c.currency), ...received.map((r) => r.currency)])].sort();
  return ok({ forecast_id: f.id, as_of: asOf, made_at: f.created_at, through: today, currencies: currencies.map((currency) => {
    const fc = f.currencies.find((c) => c.currency === currency);
    const weeks = Array.from({ length: FORECAST_WEEKS }, (_, i): ComparedWeek => {
      const w = fc?.weeks[i];
      const from = addDays(start, 7 * i);
      const to = addDays(start, 7 * i + 6);
      const over = to <= today;
      const actual = over ? received.filter((r) => r.currency === currency && daysBetween(from, r.date) >= 0 && daysBetween(r.date, to) >= 0)
        .reduce((s, r) => s + r.amount, 0) : null;
      const low = w?.low ?? 0; const high = w?.high ?? 0;
      return { week: i + 1, from, to, expected: w?.expected ?? 0, low, high, actual, within_range: actual === null ? null : actual >= low && actual <= high };
    });
    return { currency, weeks };
  }) });
}
