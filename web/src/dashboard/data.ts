// What the dashboard reads from the API on opening: GET /v1/dashboard (overdue trend, collected this week and month,
// strategy performance, and the periods: days of the org's time zone, never the browser's), then the aging report as of
// its day and the forecasts as its week and month began; the KPIs follow per currency (kpi.ts) over its 30 days.
import { get } from '../app/api.ts';
import type { Aging } from '../app/types.ts';

export interface TrendPoint { date: string; overdue: number; invoices: number }
export interface Collected { currency: string; week: number; week_payments: number; month: number; month_payments: number }
export interface StrategyRow {
  strategy_id: string; version: number; name: string; active: boolean; cases: number; open_cases: number;
  contacts: number; customers_contacted: number; collected: { currency: string; amount: number }[];
}
export interface DashboardFigures {
  /** `as_of` is the org's today unless asked otherwise; every date is a day of the org's `time_zone`. */
  as_of: string; today: string; week_from: string; month_from: string; quarter_from: string; period: { from: string; to: string }; time_zone: string;
  overdue_trend: { currency: string; points: TrendPoint[] }[]; collected: Collected[]; strategies: StrategyRow[];
}
export interface ForecastWeek { week: number; from: string; to: string; expected: number; low: number; high: number }
/** `stored`: the forecast kept as of the day (the worker's each Sunday, or one stored on request); otherwise computed on opening. */
export interface Forecast { id: string; stored: boolean; as_of: string; created_at: string; method: string; currencies: { currency: string; expected_total: number; weeks: ForecastWeek[] }[] }
/** The forecasts this week's and this month's collections are set beside: each as of the day before its period starts. */
export interface PeriodForecasts { week: Forecast; month: Forecast }
export interface DashboardData { aging: Aging; figures: DashboardFigures; forecast: PeriodForecasts | null; forecastError: Error | null }

const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** What the forecast expected from `from` to `to` (both included): each week's share by the days it has in the range. */
export function expectedBetween(weeks: ForecastWeek[], from: string, to: string): number {
  let sum = 0;
  for (const w of weeks) {
    const start = Math.max(dayMs(w.from), dayMs(from));
    const end = Math.min(dayMs(w.to), dayMs(to));
    if (end < start) continue;
    const days = (end - start) / 86_400_000 + 1;
    sum += (w.expected * days) / 7;
  }
  return Math.round(sum);
}

/** The calendar day before `d`. */
export function dayBefore(d: string): string {
  return new Date(dayMs(d) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * What was forecast for a period as it began: the forecast stored as of the day before its first day when there is
 * one (the worker stores each Sunday's, so its week 1 is this week), else one computed now as of that day, labelled so.
 */
async function periodForecasts(weekFrom: string, monthFrom: string): Promise<PeriodForecasts> {
  const of = (from: string) => get<Forecast>('/v1/forecast', { as_of: dayBefore(from), prefer_stored: 'true' });
  const week = of(weekFrom);
  const [w, m] = await Promise.all([week, monthFrom === weekFrom ? week : of(monthFrom)]);
  return { week: w, month: m };
}

export async function loadDashboard(): Promise<DashboardData> {
  const figures = await get<DashboardFigures>('/v1/dashboard');
  // the forecast is a figure beside the others: when it fails, the rest still shows
  const forecast = periodForecasts(figures.week_from, figures.month_from)
    .then((f) => ({ f, e: null }), (e: unknown) => ({ f: null, e: e instanceof Error ? e : new Error(String(e)) }));
  const [aging, fc] = await Promise.all([get<Aging>('/v1/aging', { customer_limit: 200, as_of: figures.as_of }), forecast]);
  return { aging, figures, forecast: fc.f, forecastError: fc.e };
}
