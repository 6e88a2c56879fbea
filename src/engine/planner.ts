// The pure planner: for one case, its strategy, the debtor's business calendar and the clock, which
// actions to write to the outbox now, which pending ones to cancel, and when to look at the case again.
import type { CalendarDate } from '../domain/index.ts';
import { checkCondition, type Strategy } from '../strategy/index.ts';
import { closedReason, onOrAfterBusinessDay, type BusinessCalendar } from './calendar/index.ts';
import { anchorDate, caseFacts, invoiceLines, totalsByCurrency } from './case-facts.ts';
import type { CaseState } from './case-state.ts';
import { resolveActions } from './channels.ts';
import { actionKey } from './idempotency.ts';
import { dayOccurrences, eventOccurrences, type Occurrence } from './occurrences.ts';
import type { CasePlan, PlannedAction, SkippedStep } from './plan-types.ts';
import { movedOnSince, released, replanKey } from './replan.ts';
import { stopRule } from './stop-rules.ts';
import { localDate, startOfDayInZone } from './zone.ts';

interface Context {
  state: CaseState;
  strategy: Strategy;
  calendar: BusinessCalendar;
  now: Date;
  today: CalendarDate;
}

function keyOf(ctx: Context, o: Occurrence): string {
  const { state, strategy } = ctx;
  return actionKey({
    caseId: state.caseId, strategyId: strategy.id, strategyVersion: strategy.version,
    stepId: o.step.id, cycle: state.cycle, occurrence: o.occurrence,
  });
}

/** Already planned, done, cancelled or skipped in this cycle, under any version of the strategy. */
function taken(state: CaseState, o: Occurrence): boolean {
  return state.actions.some((a) => a.stepId === o.step.id && a.occurrence === o.occurrence);
}

/** The first business day on or after the trigger's date, never before today. */
function openDay(ctx: Context, o: Occurrence): CalendarDate {
  return onOrAfterBusinessDay(o.date < ctx.today ? ctx.today : o.date, ctx.calendar);
}

/** Says why a step runs later than its trigger's date: a closed day, or a tick that came late. */
function lateNote(ctx: Context, o: Occurrence): string {
  if (o.date >= ctx.today) return '';
  const closed = closedReason(o.date, ctx.calendar);
  return `; came due ${o.date}${closed ? ` (closed: ${closed})` : ''}, planned ${ctx.today}`;
}

function skip(ctx: Context, o: Occurrence, reason: SkippedStep['reason'], detail: string, by?: string, key = keyOf(ctx, o)): SkippedStep {
  return { idempotencyKey: key, stepId: o.step.id, occurrence: o.occurrence, reason, detail, ...(by ? { by } : {}) };
}

/** Turns one due occurrence into an action, or a skip when its condition fails or no channel is left (under `key` when given). */
function realise(ctx: Context, o: Occurrence, key = keyOf(ctx, o)): PlannedAction | SkippedStep {
  const { state, strategy, today } = ctx;
  const check = checkCondition(o.step.condition, caseFacts(state, today));
  if (!check.holds) return skip(ctx, o, 'condition_failed', check.reasons.join('; '), undefined, key);
  const { actions, dropped } = resolveActions(o.step.actions, state.customer);
  if (actions.length === 0) return skip(ctx, o, 'no_channel', dropped.join('; '), undefined, key);
  const invoices = invoiceLines(state, today);
  const notes = [...check.reasons, ...dropped].map((n) => `; ${n}`).join('');
  return {
    idempotencyKey: key,
    caseId: state.caseId,
    customerId: state.customer.id,
    strategyId: strategy.id,
    strategyVersion: strategy.version,
    stepId: o.step.id,
    cycle: state.cycle,
    occurrence: o.occurrence,
    trigger: o.step.trigger,
    scheduledFor: today,
    invoices,
    totals: totalsByCurrency(invoices),
    actions,
    reason: `${o.step.id}: ${o.why}${lateNote(ctx, o)}${notes}`,
  };
}

interface GroupOutcome {
  planned: PlannedAction[];
  skipped: SkippedStep[];
  /** Instants at which something in the group comes due later. */
  later: Date[];
}

/**
 * Plans one group of occurrences (the day sequence, or one event step): of those due today only the
 * latest runs, the older ones are recorded as superseded, so a late tick never sends a burst of messages.
 */
function planGroup(ctx: Context, group: Occurrence[]): GroupOutcome {
  const out: GroupOutcome = { planned: [], skipped: [], later: [] };
  const open = group.filter((o) => !taken(ctx.state, o));
  const due = open.filter((o) => o.dueAt <= ctx.now && openDay(ctx, o) <= ctx.today);
  for (const o of open) {
    if (due.includes(o)) continue;
    const on = openDay(ctx, o);
    const start = startOfDayInZone(on, ctx.state.customer.timeZone);
    out.later.push(o.dueAt > start ? o.dueAt : start);
  }
  const latest = due[due.length - 1];
  if (!latest) return out;
  for (const o of due.slice(0, -1)) out.skipped.push(skip(ctx, o, 'superseded', `${latest.step.id} is due the same day or later`, latest.step.id));
  const result = realise(ctx, latest);
  if ('scheduledFor' in result) out.planned.push(result);
  else out.skipped.push(result);
  return out;
}

/**
 * Actions a hold cancelled, its hold since ended unpaid: the latest is planned again under its own key, the others are
 * recorded as superseded by it, and all of them are when a step has come due since (today, in `dueNow`, or planned on a
 * day after the one they were first planned for). Waits for a business day.
 */
function planReleased(ctx: Context, dueNow: string | null): GroupOutcome {
  const out: GroupOutcome = { planned: [], skipped: [], later: [] };
  const tz = ctx.state.customer.timeZone;
  const found = released(ctx.state, ctx.today).flatMap((a) => {
    const index = ctx.strategy.steps.findIndex((s) => s.id === a.stepId);
    const step = ctx.strategy.steps[index];
    if (!step) return [];
    const o: Occurrence = { step, index, occurrence: a.occurrence, date: a.scheduledFor, dueAt: startOfDayInZone(a.scheduledFor, tz),
      why: `planned again: hold ${a.heldBy.id} cancelled it and ended without payment` };
    return [{ a, o }];
  });
  const latest = found[found.length - 1];
  if (!latest) return out;
  const open = onOrAfterBusinessDay(ctx.today, ctx.calendar);
  if (open > ctx.today) {
    out.later.push(startOfDayInZone(open, tz));
    return out;
  }
  const after = dueNow ?? movedOnSince(ctx.state, latest.a.scheduledFor, new Set(ctx.strategy.steps.map((s) => s.id)));
  for (const { a, o } of found) {
    const by = after ?? (a === latest.a ? null : latest.a.stepId);
    if (by) out.skipped.push(skip(ctx, o, 'superseded', `${by} came due after hold ${a.heldBy.id} cancelled it`, by, replanKey(a.idempotencyKey)));
  }
  if (after) return out;
  const result = realise(ctx, latest.o, replanKey(latest.a.idempotencyKey));
  if ('scheduledFor' in result) out.planned.push({ ...result, replanOf: { key: latest.a.idempotencyKey, hold: latest.a.heldBy.id } });
  else out.skipped.push(result);
  return out;
}

/** Day steps still ahead of the furthest one this cycle has taken. */
function pendingDaySteps(ctx: Context, anchor: CalendarDate): Occurrence[] {
  const all = dayOccurrences(ctx.strategy, anchor, ctx.state.customer.timeZone);
  const furthest = Math.max(-1, ...all.filter((o) => taken(ctx.state, o)).map((o) => o.index));
  return all.filter((o) => o.index > furthest);
}

/** Plans one case: the whole decision, including cancellations, skips and the next instant to look again. */
export function planCase(state: CaseState, strategy: Strategy, calendar: BusinessCalendar, now: Date): CasePlan {
  const tz = state.customer.timeZone;
  const today = localDate(now, tz);
  const base = { today, actions: [], cancellations: [], skipped: [], currentStepId: state.currentStepId };
  const decision = stopRule(state, today);
  if (decision) {
    const { stop, resumeOn } = decision;
    const cancellations = state.actions
      .filter((a) => a.status === 'pending')
      .map((a) => ({ idempotencyKey: a.idempotencyKey, stepId: a.stepId, reason: stop.code, detail: stop.detail, params: stop.params,
        ...(stop.hold ? { hold: stop.hold } : {}) }));
    return { ...base, stop, cancellations, nextActionAt: resumeOn ? startOfDayInZone(resumeOn, tz) : null };
  }
  if (state.pausedUntil && state.pausedUntil > now) return { ...base, stop: null, nextActionAt: state.pausedUntil };

  const ctx: Context = { state, strategy, calendar, now, today };
  const anchor = anchorDate(state);
  const groups = [anchor ? pendingDaySteps(ctx, anchor) : [], ...eventOccurrences(strategy, state, today)];
  const outcomes = groups.map((g) => planGroup(ctx, g));
  const dueNow = outcomes.flatMap((g) => [...g.planned.map((a) => a.stepId), ...g.skipped.filter((x) => x.reason !== 'superseded').map((x) => x.stepId)]);
  outcomes.push(planReleased(ctx, dueNow[dueNow.length - 1] ?? null));
  const actions = outcomes.flatMap((g) => g.planned);
  const later = outcomes.flatMap((g) => g.later).map((d) => d.getTime());
  return {
    today,
    stop: null,
    actions,
    cancellations: [],
    skipped: outcomes.flatMap((g) => g.skipped),
    nextActionAt: later.length > 0 ? new Date(Math.min(...later)) : null,
    currentStepId: actions[0]?.stepId ?? state.currentStepId,
  };
}

/** The actions to write to the outbox now (the house signature; `planCase` gives the whole decision). */
export function planActions(state: CaseState, strategy: Strategy, calendar: BusinessCalendar, now: Date): PlannedAction[] {
  return planCase(state, strategy, calendar, now).actions;
}
