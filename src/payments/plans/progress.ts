// Where a plan stands, pure: what has been paid goes to the instalments in order (down payment first), an instalment
// unpaid after its date + grace is missed and breaks the plan, all paid completes it.
import { addDays, type CalendarDate } from '../../domain/index.ts';

export interface InstalmentDue { seq: number; due_date: CalendarDate; amount: number; interest: number }

export interface InstalmentProgress extends InstalmentDue {
  /** How much of it is paid (what was paid towards the plan, taken in order). */
  paid_amount: number;
  paid: boolean;
}

/** Spreads `paid` over the instalments in order. */
export function instalmentProgress<T extends InstalmentDue>(instalments: readonly T[], paid: number): (T & { paid_amount: number; paid: boolean })[] {
  let left = Math.max(0, paid);
  return [...instalments].sort((a, b) => a.seq - b.seq).map((i) => {
    const take = Math.min(left, i.amount);
    left -= take;
    return { ...i, paid_amount: take, paid: take >= i.amount };
  });
}

export type PlanVerdict = { status: 'active'; next: InstalmentProgress | null } | { status: 'completed' } | { status: 'broken'; missed: InstalmentProgress };

/** Completed once everything is paid; broken on the day after an unpaid instalment's date + grace; else active. */
export function judgePlan(instalments: readonly InstalmentDue[], paid: number, graceDays: number, today: CalendarDate): PlanVerdict {
  const progress = instalmentProgress(instalments, paid);
  if (progress.every((i) => i.paid)) return { status: 'completed' };
  const missed = progress.find((i) => !i.paid && addDays(i.due_date, graceDays) < today);
  if (missed) return { status: 'broken', missed };
  return { status: 'active', next: progress.find((i) => !i.paid) ?? null };
}

/** Interest of the instalments due on or before `today`: what a plan ended early has earned. */
export function earnedInterest(instalments: readonly InstalmentDue[], today: CalendarDate): number {
  return instalments.filter((i) => i.due_date <= today).reduce((s, i) => s + i.interest, 0);
}
