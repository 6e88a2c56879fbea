// Deciding arrangements inside the org's negotiation limits, with the same pure rules the payments commands apply: a
// promise (date and amount, asking for what is missing), a plan (the schedule the limits allow, or the nearest one they
// do), more time (up to the limit, once as often as the limit says). Outside the limits it says so and names what it can do.
import { addDays, daysBetween, type CalendarDate } from '../domain/index.ts';
import { buildSchedule, scheduleOptions, shareOf, type Frequency, type NegotiationLimits, type Schedule } from '../payments/index.ts';
import type { Awaiting, Decision, OwedNow, PlanTerms, ReplyPlan, TurnInput } from './policy-types.ts';

const reply = (key: ReplyPlan['key'], params: ReplyPlan['params'] = {}, o: Partial<Omit<ReplyPlan, 'key' | 'params'>> = {}): ReplyPlan =>
  ({ key, params, kind: o.kind ?? 'reply', tags: o.tags ?? [], withInvoices: o.withInvoices ?? false });

export const handover = (reason: Extract<Decision['effects'][number], { kind: 'handover' }>['reason'], detail: string, care = false): Decision => ({
  action: 'handed_over', detail, effects: [{ kind: 'handover', reason }],
  reply: reason === 'opt_out_unsure' ? null : reply(care ? 'handover_care' : 'handover'), awaiting: null,
});

/** Monthly when the org allows it, else the first frequency it allows: the plan the payments commands make by default. */
export function planFrequency(limits: NegotiationLimits, asked?: Frequency): Frequency {
  if (asked && limits.frequencies.includes(asked)) return asked;
  return limits.frequencies.includes('monthly') ? 'monthly' : limits.frequencies[0] ?? 'monthly';
}

function terms(s: Schedule, count: number): PlanTerms {
  const regular = s.instalments.filter((i) => i.seq > 0);
  return { count, frequency: s.frequency, instalment: regular[0]?.amount ?? 0, down: s.downPayment, first: s.firstDueDate, last: s.lastDueDate };
}

function schedule(owed: OwedNow, today: CalendarDate, limits: NegotiationLimits, count: number, frequency: Frequency, dueOn: TurnInput['dueOn']): Schedule | null {
  const r = buildSchedule({ balance: { amount: owed.balance, currency: owed.currency }, instalments: count, frequency, startDate: today, ...(dueOn ? { dueOn } : {}) }, limits);
  return r.ok ? r.value : null;
}

/** A few plans the limits allow, fewest payments first, then the most; at most three. */
export function planChoices(owed: OwedNow, today: CalendarDate, limits: NegotiationLimits, frequency: Frequency, dueOn?: TurnInput['dueOn']): PlanTerms[] {
  const all = scheduleOptions({ amount: owed.balance, currency: owed.currency }, today, limits, dueOn).filter((o) => o.frequency === frequency);
  const picked = all.length <= 3 ? all : [all[0]!, all[Math.floor(all.length / 2)]!, all[all.length - 1]!];
  return picked.map((o) => terms(o, o.count));
}

export interface PromiseSlots { date?: CalendarDate; amount?: number }

/** A promise from what is known: asks for the date, then the amount; refuses a date or amount outside the limits. */
export function promiseStep(i: TurnInput, owed: OwedNow, slots: PromiseSlots): Decision {
  const { limits, today } = i;
  const latest = addDays(today, limits.promiseMaxDays);
  const waiting = (s: PromiseSlots): Awaiting => ({ kind: 'promise', ...(s.date ? { date: s.date } : {}), ...(s.amount !== undefined ? { amount: s.amount } : {}) });
  if (i.activePlan) return handover('active_plan', 'a promise was asked while a plan is active: a person decides');
  if (!slots.date || slots.date < today) {
    return { action: 'asked_promise_date', detail: 'asked which day the debtor will pay', effects: [], reply: reply('promise_ask_date', { latest }),
      awaiting: waiting({ ...(slots.amount !== undefined ? { amount: slots.amount } : {}) }) };
  }
  if (slots.date > latest) {
    return { action: 'promise_refused', detail: `the date ${slots.date} is after the limit of ${latest} (${limits.promiseMaxDays} days)`, effects: [],
      reply: reply('promise_date_too_far', { latest }), awaiting: waiting({ ...(slots.amount !== undefined ? { amount: slots.amount } : {}) }) };
  }
  if (slots.amount === undefined) {
    return { action: 'asked_promise_amount', detail: `asked how much the debtor will pay on ${slots.date}`, effects: [],
      reply: reply('promise_ask_amount', { date: slots.date, total: owed.balance }), awaiting: waiting({ date: slots.date }) };
  }
  const amount = Math.min(slots.amount, owed.balance);
  const min = Math.min(owed.balance, shareOf(owed.balance, limits.promiseMinShareBp, 'up'));
  if (amount < min) {
    return { action: 'promise_refused', detail: `${amount} is under the smallest promise of ${min} (${limits.promiseMinShareBp / 100}% of ${owed.balance})`, effects: [],
      reply: reply('promise_amount_too_small', { min, total: owed.balance }), awaiting: waiting({ date: slots.date }) };
  }
  return {
    action: 'promise_recorded', detail: `promise of ${amount} ${owed.currency} by ${slots.date}`,
    effects: [{ kind: 'promise', amount, currency: owed.currency, dueDate: slots.date }],
    reply: reply('promise_confirmed', { amount, date: slots.date }, { kind: 'confirmation' }), awaiting: null,
  };
}

/** A plan of `count` payments when the limits allow it, else the most they allow; the choices when no count is said. */
export function planStep(i: TurnInput, owed: OwedNow, count: number | undefined, asked?: Frequency): Decision {
  const { limits, today } = i;
  if (i.activePlan) return handover('active_plan', 'a plan was asked while one is active: a person decides');
  const frequency = planFrequency(limits, asked);
  if (count === undefined) {
    const options = planChoices(owed, today, limits, frequency, i.dueOn);
    if (options.length === 0) return handover('no_option', `no plan within the limits fits a balance of ${owed.balance} ${owed.currency}`);
    return { action: 'plan_options', detail: `named the plans the limits allow (${options.map((o) => o.count).join(', ')} ${frequency} payments)`, effects: [],
      reply: reply('plan_options', { options }), awaiting: { kind: 'plan_count', frequency } };
  }
  const wanted = schedule(owed, today, limits, count, frequency, i.dueOn);
  if (wanted) {
    return { action: 'plan_offered', detail: `proposed ${count} ${frequency} payments within the limits`, effects: [],
      reply: reply('plan_offer', { plan: terms(wanted, count) }), awaiting: { kind: 'plan_confirm', instalments: count, frequency } };
  }
  for (let c = Math.min(count, limits.planMaxInstalments); c >= 1; c--) {
    const s = c === count ? null : schedule(owed, today, limits, c, frequency, i.dueOn);
    if (!s) continue;
    return { action: 'plan_refused', detail: `${count} ${frequency} payments are outside the limits; proposed ${c}`, effects: [],
      reply: reply('plan_refused', { asked: count, plan: terms(s, c) }), awaiting: { kind: 'plan_confirm', instalments: c, frequency } };
  }
  return handover('no_option', `no plan of ${count} or fewer ${frequency} payments fits the limits`);
}

/** The day more time runs to: counted from the oldest open due date, or today when that has passed (as the extension does). */
export const extensionBase = (owed: OwedNow, today: CalendarDate): CalendarDate => (owed.oldestDue > today ? owed.oldestDue : today);

/** More time: granted when within the limit, else the limit proposed; when none is left, the plans instead. */
export function extensionStep(i: TurnInput, owed: OwedNow, days: number | null): Decision {
  const { limits, today } = i;
  if (i.activePlan) return handover('active_plan', 'more time was asked while a plan is active: a person decides');
  const base = extensionBase(owed, today);
  if (i.extensionsUsed >= limits.extensionMaxCount) {
    const frequency = planFrequency(limits);
    const options = planChoices(owed, today, limits, frequency, i.dueOn);
    if (options.length === 0) return handover('no_option', `no extension left (${i.extensionsUsed} of ${limits.extensionMaxCount}) and no plan fits`);
    return { action: 'extension_refused', detail: `no extension left (${i.extensionsUsed} in 365 days, limit ${limits.extensionMaxCount}); named the plans`, effects: [],
      reply: reply('extension_none_left', { options }), awaiting: { kind: 'plan_count', frequency } };
  }
  const max = limits.extensionMaxDays;
  if (days === null || days < 1) {
    return { action: 'extension_offered', detail: `proposed the most time the limits allow (${max} days)`, effects: [],
      reply: reply('extension_offer', { days: max, date: addDays(base, max) }), awaiting: { kind: 'extension_confirm', days: max } };
  }
  if (days > max) {
    return { action: 'extension_refused', detail: `${days} days is over the limit of ${max}; proposed ${max}`, effects: [],
      reply: reply('extension_refused', { asked: days, days: max, date: addDays(base, max) }), awaiting: { kind: 'extension_confirm', days: max } };
  }
  return {
    action: 'extension_granted', detail: `${days} more days, to ${addDays(base, days)}`, effects: [{ kind: 'extension', days }],
    reply: reply('extension_granted', { date: addDays(base, days), amount: owed.balance }, { kind: 'confirmation' }), awaiting: null,
  };
}

/** Days from the extension's base to a date the debtor names ("hasta el 20"), or null. */
export function daysUntil(owed: OwedNow, today: CalendarDate, date: CalendarDate | undefined): number | null {
  if (!date) return null;
  const d = daysBetween(extensionBase(owed, today), date);
  return d > 0 ? d : null;
}

export { reply as replyPlan };
