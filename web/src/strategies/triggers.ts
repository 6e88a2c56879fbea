// When a step runs, as the editor offers it: a day offset from the due date or one of the events the engine plans steps on
// (src/engine/occurrences.ts), a new trigger of a kind, a step's id and name for it, and the template a message starts with.
import type { Translate } from '../i18n/translate.ts';
import type { Step, Trigger } from './types.ts';

export const EVENTS = ['promise_broken', 'plan_instalment_missed', 'no_reply', 'message_failed'] as const;
export type EventKind = (typeof EVENTS)[number];
export const TRIGGER_KINDS = ['days', ...EVENTS] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];
/** Hours a no_reply step waits by default (three days, as the consumer strategy does). */
export const DEFAULT_NO_REPLY_HOURS = 72;

/** The day offsets the other steps of the draft sit on (two day steps cannot share one). */
export function takenDays(steps: Step[], except?: string): Set<number> {
  return new Set(steps.flatMap((s) => (s.id !== except && s.trigger.on === 'days' ? [s.trigger.days] : [])));
}

/** The first free day from `from` on (then the nearest before it): where a step switched to a day offset lands. */
export function freeDay(taken: Set<number>, from = 1): number {
  for (let d = from; d <= 3650; d++) if (!taken.has(d)) return d;
  for (let d = from - 1; d >= -365; d--) if (!taken.has(d)) return d;
  return from;
}

/** A trigger of a kind with its defaults: a free day for a day step, 72 hours for no reply. */
export function newTrigger(kind: TriggerKind, taken: Set<number>, was?: Trigger): Trigger {
  switch (kind) {
    case 'days': return { on: 'days', days: freeDay(taken, was?.on === 'days' ? was.days : 1) };
    case 'no_reply': return { on: 'no_reply', hours: was?.on === 'no_reply' ? was.hours : DEFAULT_NO_REPLY_HOURS };
    default: return { on: kind };
  }
}

/** The base of a new step's id: `day-N` or `before-N-new` for days, the default strategies' ids for events (`promise-broken`). */
export function idBase(trigger: Trigger): string {
  if (trigger.on === 'days') return trigger.days < 0 ? `before-${-trigger.days}-new` : `day-${trigger.days}`;
  return trigger.on === 'plan_instalment_missed' ? 'instalment-missed' : trigger.on.replace(/_/g, '-');
}

/** A step id not yet used: the base, then `-2`, `-3`... */
export function freshId(steps: Step[], trigger: Trigger): string {
  const base = idBase(trigger);
  let id = base;
  for (let n = 2; steps.some((s) => s.id === id); n++) id = `${base}-${n}`;
  return id;
}

/** What the editor calls a step it makes: `Day 10`, `No reply in 72 hours`, `A promise is broken`. */
export function triggerName(trigger: Trigger, t: Translate): string {
  if (trigger.on === 'days') return t('strat.day', { n: trigger.days });
  if (trigger.on === 'no_reply') return t('strat.event.noReplyHours', { n: trigger.hours });
  return t(`strat.event.${trigger.on}`);
}

/** The template that suits a new message (it starts on email) on this trigger; the first email template stands in when the org lacks it. */
export function templateFor(trigger: Trigger): string {
  switch (trigger.on) {
    case 'days': return trigger.days < 0 ? 'upcoming-reminder' : trigger.days === 0 ? 'due-today' : 'overdue-formal';
    case 'promise_broken': return 'promise-broken';
    case 'plan_instalment_missed': return 'instalment-missed';
    case 'no_reply': return 'overdue-formal';
    case 'message_failed': return 'overdue-formal';
  }
}

/** The step on another trigger; a name the editor gave for the old trigger follows the new one, a name a person wrote stays. */
export function retrigger(step: Step, trigger: Trigger, t: Translate): Step {
  const named = step.name === undefined || step.name === triggerName(step.trigger, t);
  return { ...step, trigger, ...(named ? { name: triggerName(trigger, t) } : {}) };
}

/** The step with its trigger switched to another kind; the id stays (the record and the simulation know the step by it). */
export function switchTrigger(step: Step, kind: TriggerKind, taken: Set<number>, t: Translate): Step {
  return step.trigger.on === kind ? step : retrigger(step, newTrigger(kind, taken, step.trigger), t);
}
