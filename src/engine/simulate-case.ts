// Runs the planner over one case through a span of time without sending anything, jumping from one
// next_action_at to the next as the tick would, and feeding each decision back into the case.
import type { Strategy } from '../strategy/index.ts';
import type { BusinessCalendar } from './calendar/index.ts';
import type { CaseState, ExistingAction } from './case-state.ts';
import type { CasePlan } from './plan-types.ts';
import { planCase } from './planner.ts';

export interface SimulatedTick {
  at: Date;
  plan: CasePlan;
}

/** The case after a tick's decision is recorded: actions done, skips kept, pause and escalation applied. */
export function applyPlan(state: CaseState, plan: CasePlan, at: Date): CaseState {
  const recorded: ExistingAction[] = [
    ...plan.actions.map((a) => ({
      idempotencyKey: a.idempotencyKey, stepId: a.stepId, occurrence: a.occurrence, status: 'done' as const, scheduledFor: a.scheduledFor,
    })),
    ...plan.skipped.map((s) => ({
      idempotencyKey: s.idempotencyKey, stepId: s.stepId, occurrence: s.occurrence, status: 'skipped' as const, scheduledFor: plan.today,
    })),
  ];
  const cancelled = new Map(plan.cancellations.map((c) => [c.idempotencyKey, c]));
  const actions = [...state.actions.map((a) => {
    const c = cancelled.get(a.idempotencyKey);
    if (!c) return a;
    // cancelled by a hold: still open, ending by its date (nothing is paid in a simulation)
    return { ...a, status: 'cancelled' as const, ...(c.hold ? { heldBy: { id: c.hold.id, end: 'open' as const, until: c.hold.until } } : {}) };
  }), ...recorded];
  let { pausedUntil, escalated } = state;
  for (const step of plan.actions.flatMap((a) => a.actions)) {
    if (step.type === 'escalate') escalated = true;
    if (step.type === 'pause') pausedUntil = new Date(at.getTime() + step.days * 86_400_000);
  }
  return { ...state, actions, escalated, pausedUntil, currentStepId: plan.currentStepId };
}

/**
 * Every tick from `from` to `to` (inclusive), starting at `from` and then at each next_action_at.
 * `maxTicks` guards against a planner bug that would never move time forward.
 */
export function simulateCase(
  state: CaseState, strategy: Strategy, calendar: BusinessCalendar, from: Date, to: Date, maxTicks = 1000,
): SimulatedTick[] {
  const ticks: SimulatedTick[] = [];
  let at = from;
  let current = state;
  while (at <= to && ticks.length < maxTicks) {
    const plan = planCase(current, strategy, calendar, at);
    ticks.push({ at, plan });
    current = applyPlan(current, plan, at);
    if (!plan.nextActionAt || plan.nextActionAt <= at) break;
    at = plan.nextActionAt;
  }
  return ticks;
}
