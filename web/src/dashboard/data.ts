// What the dashboard reads from the API: the aging report and this month's payments, summed per currency.
import { get, getAll } from '../app/api.ts';
import { today } from '../app/format.ts';
import type { Aging, Payment } from '../app/types.ts';

export interface Collected { currency: string; week: number; month: number; weekCount: number; monthCount: number }
export interface DashboardData { aging: Aging; collected: Collected[]; weekFrom: string; monthFrom: string; to: string }

/** Monday of this week and the first of this month, as calendar dates. */
export function periods(now = new Date()): { weekFrom: string; monthFrom: string; to: string } {
  const dow = (now.getDay() + 6) % 7;
  const to = today();
  return { weekFrom: today(-dow), monthFrom: `${to.slice(0, 8)}01`, to };
}

export function sumCollected(payments: Payment[], weekFrom: string, monthFrom: string): Collected[] {
  const by = new Map<string, Collected>();
  for (const p of payments) {
    if (p.reversed_at) continue;
    const c = by.get(p.currency) ?? { currency: p.currency, week: 0, month: 0, weekCount: 0, monthCount: 0 };
    if (p.date >= monthFrom) { c.month += p.amount; c.monthCount++; }
    if (p.date >= weekFrom) { c.week += p.amount; c.weekCount++; }
    by.set(p.currency, c);
  }
  return [...by.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

export async function loadDashboard(): Promise<DashboardData> {
  const { weekFrom, monthFrom, to } = periods();
  const from = weekFrom < monthFrom ? weekFrom : monthFrom;
  const [aging, payments] = await Promise.all([
    get<Aging>('/v1/aging', { customer_limit: 1000 }),
    getAll<Payment>('/v1/payments', { from, to }),
  ]);
  return { aging, collected: sumCollected(payments, weekFrom, monthFrom), weekFrom, monthFrom, to };
}
