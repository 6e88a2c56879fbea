// What an open case's stored facts (promise, plan, claim, disputes, opt-outs) become on a later day of a simulation from
// today, pure. The simulation knows no payment after today, so each fact ends as the worker would end it with nothing
// paid: a pending promise is judged broken the day after its date + grace (src/payments/promises.ts), an active plan is
// broken the day after an unpaid instalment's date + grace (src/payments/plans/progress.ts), a claim's hold runs out on
// its own date (the planner reads that). Disputes and opt-outs stand.
import { addDays, type CalendarDate } from '../domain/index.ts';
import { judgePlan } from '../payments/plans/progress.ts';
import type { StoredFacts } from './case-rows.ts';

export function factsOnDay(start: StoredFacts, day: CalendarDate): StoredFacts {
  let facts = start;
  const p = start.promise;
  if (p && p.status === 'pending' && addDays(p.due_date, p.grace_days) < day) {
    facts = { ...facts, promise: { ...p, status: 'broken' }, brokenPromises: start.brokenPromises + 1 };
  }
  const plan = start.plan;
  if (plan && plan.status === 'active') {
    const instalments = plan.instalments.map(([seq, due_date, amount]) => ({ seq, due_date, amount, interest: 0 }));
    const verdict = judgePlan(instalments, plan.paid, plan.grace_days, day);
    if (verdict.status === 'broken') facts = { ...facts, plan: { ...plan, status: 'broken', broken_seq: verdict.missed.seq } };
    else if (verdict.status === 'completed') facts = { ...facts, plan: null };
  }
  return facts;
}
