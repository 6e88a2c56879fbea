// When each step of a strategy comes due for a case: day steps from the due-date anchor, event steps
// from broken promises, missed instalments, unanswered and failed messages.
import { addDays, type CalendarDate } from '../domain/index.ts';
import type { Step, Strategy } from '../strategy/index.ts';
import type { CaseState } from './case-state.ts';
import { missedInstalments } from './stop-rules.ts';
import { localDate, startOfDayInZone } from './zone.ts';

export interface Occurrence {
  step: Step;
  /** Position of the step in the strategy. */
  index: number;
  /** What the event step answers (promise id, plan#instalment, message); null for day steps. */
  occurrence: string | null;
  /** The instant the step comes due: the start of the local day for dates, the exact time for no_reply. */
  dueAt: Date;
  /** The debtor's local date the trigger points at, before moving off closed days. */
  date: CalendarDate;
  why: string;
}

function describeDays(days: number, anchor: CalendarDate): string {
  if (days === 0) return `on the due date ${anchor}`;
  const n = Math.abs(days);
  return `${n} day${n === 1 ? '' : 's'} ${days < 0 ? 'before' : 'after'} the due date ${anchor}`;
}

/** Day steps, in strategy order, dated from the anchor due date. */
export function dayOccurrences(strategy: Strategy, anchor: CalendarDate, timeZone: string): Occurrence[] {
  return strategy.steps.flatMap((step, index) => {
    if (step.trigger.on !== 'days') return [];
    const date = addDays(anchor, step.trigger.days);
    return [{ step, index, occurrence: null, date, dueAt: startOfDayInZone(date, timeZone), why: describeDays(step.trigger.days, anchor) }];
  });
}

type Found = Omit<Occurrence, 'step' | 'index'>;

function onDate(occurrence: string, date: CalendarDate, timeZone: string, why: string): Found {
  return { occurrence, date, dueAt: startOfDayInZone(date, timeZone), why };
}

function atInstant(occurrence: string, at: Date, timeZone: string, why: string): Found {
  return { occurrence, date: localDate(at, timeZone), dueAt: at, why };
}

/** Occurrences of one event step that have happened or are already scheduled to happen. */
function eventFound(step: Step, state: CaseState, today: CalendarDate): Found[] {
  const tz = state.customer.timeZone;
  const t = step.trigger;
  switch (t.on) {
    case 'days': return [];
    case 'promise_broken': {
      const p = state.promise;
      const broken = p && (p.status === 'broken' || (p.status === 'pending' && p.dueDate < today));
      return p && broken ? [onDate(p.id, addDays(p.dueDate, 1), tz, `promise ${p.id} due ${p.dueDate} was not kept`)] : [];
    }
    case 'plan_instalment_missed': {
      const plan = state.plan;
      if (!plan) return [];
      return missedInstalments(state, today).map((m) =>
        onDate(`${plan.id}#${m.index + 1}`, addDays(m.dueDate, 1), tz, `instalment ${m.index + 1} of plan ${plan.id} due ${m.dueDate} was not paid`));
    }
    case 'no_reply': {
      const last = state.messages.lastOutbound;
      const replied = last && state.messages.lastInboundAt && state.messages.lastInboundAt >= last.at;
      if (!last || replied) return [];
      const at = new Date(last.at.getTime() + t.hours * 3_600_000);
      return [atInstant(`noreply:${last.id}`, at, tz, `no reply ${t.hours} hours after message ${last.id}`)];
    }
    case 'message_failed':
      return state.messages.failed.map((f) => atInstant(`failed:${f.id}`, f.at, tz, `message ${f.id} on ${f.channel} failed`));
  }
}

/** Every event step's occurrences, grouped by step, each group oldest first. */
export function eventOccurrences(strategy: Strategy, state: CaseState, today: CalendarDate): Occurrence[][] {
  return strategy.steps.flatMap((step, index) => {
    if (step.trigger.on === 'days') return [];
    const found = eventFound(step, state, today).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    return [found.map((f) => ({ ...f, step, index }))];
  });
}
