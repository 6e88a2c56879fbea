// The whole decision for one stored case at an instant, pure: cycle, segment and strategy, the plan, the reminder of a
// plan's next instalment, what to write to the outbox and to the case. The tick and the simulation both run cases through this.
import { addDays, formatMinor, type CalendarDate } from '../domain/index.ts';
import type { Segment, Strategy } from '../strategy/index.ts';
import { onOrAfterBusinessDay, withClosedDays, type BusinessCalendar } from './calendar/index.ts';
import { invoiceLines, totalsByCurrency } from './case-facts.ts';
import {
  advanceCycle, anchorDate, buildCaseState, caseCustomer, caseEffects, chooseSegment, NO_FACTS, planRows, planSteps, toExisting,
  type ActionRow, type CaseRow, type CustomerRow, type OrgDefaults, type StoredAction, type StoredFacts,
} from './case-rows.ts';
import type { CaseInvoice, CaseState } from './case-state.ts';
import { resolveActions } from './channels.ts';
import { actionKey } from './idempotency.ts';
import type { CasePlan } from './plan-types.ts';
import { planCase } from './planner.ts';
import { released, replanKey } from './replan.ts';
import { localDate, startOfDayInZone } from './zone.ts';

export interface OrgPlanning {
  org: OrgDefaults;
  /** The active version of each strategy, by id. */
  strategies: Map<string, Strategy>;
  segments: readonly Segment[];
  /** Days before the due date that an invoice joins a case. */
  lead: number;
  /** The org's own quiet days (closed besides the country's holidays), date -> name. */
  closedDays?: ReadonlyMap<CalendarDate, string>;
  /** Run every case on this strategy instead of its segment's (simulations). */
  forceStrategyId?: string;
  /** The version of a strategy a customer is planned with while a champion/challenger experiment runs on it. */
  armVersion?: (strategyId: string, customerId: string) => Strategy | undefined;
}

export interface StoredActionWithCycle extends StoredAction { cycle: number }

export interface CaseInput {
  row: CaseRow;
  customer: CustomerRow;
  /** The customer's invoices with a balance (any due date); those not yet soon-due are left out here. */
  invoices: (CaseInvoice & { dueDate: CalendarDate })[];
  /** The case's stored actions of its current cycle and later, and any still planned from earlier cycles. */
  actions: StoredActionWithCycle[];
  /** Promise, plan, disputes, opt-outs and messages (the simulation has none). */
  facts?: StoredFacts;
}

export interface CaseUpdate {
  id: string;
  status: 'open' | 'closed';
  strategy_id: string | null;
  strategy_version: number | null;
  segment_id: string | null;
  current_step_id: string | null;
  cycle: number;
  anchor_due_date: CalendarDate | null;
  next_action_at: string | null;
  paused_until: string | null;
  escalated: boolean;
  stop_code: string | null;
}

export interface CaseNote { case_id: string; kind: string; reason: string; data: Record<string, unknown> }

/** `data` names the reason's code and values (`{ code: 'paid' }`, `{ code: 'superseded', cycle: 3 }`) for the timeline's other languages. */
export interface CancelRow {
  idempotency_key: string; case_id: string; step_id: string; reason: string; data?: Record<string, unknown>;
  /** The hold that cancels it (planned again if the hold ends unpaid) and the debtor's date it ends by (null: until judged). */
  held_by?: string; hold_until?: CalendarDate | null;
}

export interface CaseDecision {
  state: CaseState;
  plan: CasePlan | null;
  rows: ActionRow[];
  cancellations: CancelRow[];
  update: CaseUpdate;
  notes: CaseNote[];
}

function pickStrategy(input: CaseInput, state: CaseState, ctx: OrgPlanning, today: CalendarDate, notes: CaseNote[]) {
  const picked = pickActiveStrategy(input, state, ctx, today, notes);
  const arm = picked.strategy && ctx.armVersion?.(picked.strategy.id, state.customer.id);
  return arm ? { ...picked, strategy: arm } : picked;
}

function pickActiveStrategy(input: CaseInput, state: CaseState, ctx: OrgPlanning, today: CalendarDate, notes: CaseNote[]) {
  if (ctx.forceStrategyId) return { strategy: ctx.strategies.get(ctx.forceStrategyId) ?? null, segmentId: null };
  const current = input.row.strategy_id ? ctx.strategies.get(input.row.strategy_id) : undefined;
  if (current) return { strategy: current, segmentId: input.row.segment_id };
  const a = chooseSegment(state, ctx.segments, today);
  if (!a.assigned) {
    notes.push({ case_id: state.caseId, kind: 'segment_unassigned', reason: a.reason, data: { checked: ctx.segments.length } });
    return { strategy: null, segmentId: null };
  }
  const strategy = ctx.strategies.get(a.strategyId) ?? null;
  notes.push({ case_id: state.caseId, kind: 'segment_assigned', reason: strategy ? a.reason : `${a.reason}; but strategy ${a.strategyId} is not active`,
    data: { segment_id: a.segmentId, strategy_id: a.strategyId, strategy_version: strategy?.version ?? null,
      segment_name: ctx.segments[a.position - 1]?.name ?? a.segmentId, rule: a.position, rules: ctx.segments.length, active: strategy !== null } });
  return { strategy, segmentId: a.segmentId };
}

/** How many days before an instalment's date its reminder goes out. */
export const PLAN_REMINDER_DAYS = 3;
/** The engine's own step for instalment reminders: a plan stops the strategy (`plan_current`), so no strategy step can send them. */
export const PLAN_REMINDER_STEP = 'plan-reminder';

interface Reminder {
  row: ActionRow | null;
  /** A reminder already planned and still wanted: the stop must not cancel it. */
  keep: string | null;
  nextAt: Date | null;
}

const NO_REMINDER: Reminder = { row: null, keep: null, nextAt: null };

/**
 * While a plan is current, one reminder of its next unpaid instalment, PLAN_REMINDER_DAYS before its date (the first
 * business day from then; at once when the plan starts closer to it), on the customer's preferred channel or the first
 * reachable of email, WhatsApp, SMS. Its occurrence is `due:<plan>#<n>`, so each instalment is reminded once.
 */
function planReminder(state: CaseState, facts: StoredFacts, strategy: Strategy, plan: CasePlan, calendar: BusinessCalendar): Reminder {
  const stored = facts.plan;
  if (plan.stop?.code !== 'plan_current' || stored?.status !== 'active') return NO_REMINDER;
  const next = planSteps(stored).find((s) => !s.paid);
  if (!next) return NO_REMINDER;
  const occurrence = `due:${stored.id}#${next.index + 1}`;
  const mine = state.actions.filter((a) => a.stepId === PLAN_REMINDER_STEP && a.occurrence === occurrence);
  const pending = mine.find((a) => a.status === 'pending');
  if (pending) return { ...NO_REMINDER, keep: pending.idempotencyKey };
  // one a later hold (a claim, a voucher or debit in flight) cancelled is planned again once that hold ends unpaid, if this
  // instalment is still the next one owed (a later instalment's reminder answers it otherwise)
  const again = released(state, plan.today).find((a) => mine.includes(a));
  if (mine.length > 0 && !again) return NO_REMINDER;
  const from = addDays(next.due, -PLAN_REMINDER_DAYS);
  const day = onOrAfterBusinessDay(from < plan.today ? plan.today : from, calendar);
  if (day > next.effective) return NO_REMINDER;
  if (day > plan.today) return { ...NO_REMINDER, nextAt: startOfDayInZone(day, state.customer.timeZone) };
  const preferred = state.customer.preferredChannel ?? 'email';
  const { actions } = resolveActions([{ type: 'send', channels: [preferred], template: 'instalment-reminder', tone: 'friendly', paymentLink: true,
    fallback: (['email', 'whatsapp', 'sms'] as const).filter((c) => c !== preferred) }], state.customer);
  const send = actions.find((a) => a.type === 'send');
  if (!send || send.type !== 'send') return NO_REMINDER;
  const invoices = invoiceLines(state, plan.today);
  const amount = { amount: next.amount, currency: stored.currency };
  const key = actionKey({ caseId: state.caseId, strategyId: strategy.id, strategyVersion: strategy.version, stepId: PLAN_REMINDER_STEP, cycle: state.cycle, occurrence });
  const why = again ? `planned again: hold ${again.heldBy.id} cancelled it and ended without payment; ` : '';
  return { ...NO_REMINDER, row: {
    idempotency_key: again ? replanKey(again.idempotencyKey) : key,
    case_id: state.caseId, customer_id: state.customer.id, strategy_id: strategy.id, strategy_version: strategy.version, step_id: PLAN_REMINDER_STEP,
    cycle: state.cycle, occurrence, kind: 'send', channels: send.channels, template: send.template, tone: send.tone, scheduled_for: plan.today,
    status: 'planned', invoice_ids: invoices.map((i) => i.id),
    reason: `${PLAN_REMINDER_STEP}: ${why}instalment ${next.index + 1} of plan ${stored.id}, ${formatMinor(next.amount, stored.currency)} ${stored.currency} due ${next.due}`,
    payload: { trigger: { on: 'plan_instalment_due' }, invoices, totals: totalsByCurrency(invoices), actions,
      instalment: { plan_id: stored.id, number: next.index + 1, seq: next.seq, amount, due_date: next.due },
      ...(again ? { after_hold: { hold: again.heldBy.id, cancelled: again.idempotencyKey } } : {}) },
  } };
}

/** The plan's own reminder of an instalment its stop cancels (no longer the next one owed): not held by it, never planned again. */
const ownReminder = (c: CasePlan['cancellations'][number]) => c.reason === 'plan_current' && c.stepId === PLAN_REMINDER_STEP;

/** Decides one case at `now`: never returns a next_action_at at or before `now`, so a tick always moves on. */
export function decideCase(input: CaseInput, ctx: OrgPlanning, now: Date): CaseDecision {
  const { row } = input;
  const facts = input.facts ?? NO_FACTS;
  const customer = caseCustomer(input.customer, ctx.org, facts);
  const today = localDate(now, customer.timeZone);
  const horizon = addDays(today, ctx.lead);
  // a disputed invoice counts whatever its due date: a dispute opens the case (src/payments/disputes.ts), which it stops
  const invoices = input.invoices.filter((i) => i.balance.amount > 0 && (i.dueDate <= horizon || i.disputed));
  const probe = buildCaseState(row, row.cycle, customer, invoices, []);
  const { cycle, anchor, bumped } = advanceCycle(row, anchorDate(probe));
  const notes: CaseNote[] = [];
  const cancellations: CancelRow[] = [];
  if (bumped) {
    notes.push({ case_id: row.id, kind: 'cycle_started', reason: `the oldest open invoice is now due ${anchor}: cycle ${cycle} starts`, data: { cycle, due: anchor } });
    for (const a of input.actions.filter((x) => x.cycle < cycle && x.status === 'planned')) {
      cancellations.push({ idempotency_key: a.idempotency_key, case_id: row.id, step_id: a.step_id, reason: `superseded: cycle ${cycle} started`,
        data: { code: 'superseded', cycle } });
    }
  }
  // the messages loaded are those of the stored cycle: a cycle starting now has none yet
  const state = buildCaseState(row, cycle, customer, invoices, input.actions.filter((a) => a.cycle === cycle).map(toExisting),
    bumped ? { ...facts, messages: [] } : facts);
  const { strategy, segmentId } = pickStrategy(input, state, ctx, today, notes);
  const base: CaseUpdate = {
    id: row.id, status: 'open', strategy_id: strategy?.id ?? null, strategy_version: strategy?.version ?? null, segment_id: segmentId,
    current_step_id: row.current_step_id, cycle, anchor_due_date: anchor, next_action_at: null,
    paused_until: row.paused_until, escalated: row.escalated, stop_code: null,
  };
  if (!strategy) return { state, plan: null, rows: [], cancellations, update: base, notes };

  const calendar = withClosedDays(customer.country, ctx.closedDays, customer.region);
  const plan = planCase(state, strategy, calendar, now);
  const reminder = planReminder(state, facts, strategy, plan, calendar);
  for (const c of plan.cancellations) {
    if (c.idempotencyKey === reminder.keep) continue;
    cancellations.push({ idempotency_key: c.idempotencyKey, case_id: row.id, step_id: c.stepId, reason: `${c.reason}: ${c.detail}`,
      data: { code: c.reason, ...c.params }, ...(c.hold && !ownReminder(c) ? { held_by: c.hold.id, hold_until: c.hold.until } : {}) });
  }
  // a reminder of an instalment since paid, or of a plan no longer current, is not sent
  for (const a of state.actions) {
    if (a.stepId !== PLAN_REMINDER_STEP || a.status !== 'pending' || a.idempotencyKey === reminder.keep) continue;
    if (cancellations.some((c) => c.idempotency_key === a.idempotencyKey)) continue;
    cancellations.push({ idempotency_key: a.idempotencyKey, case_id: row.id, step_id: a.stepId, reason: 'superseded: the instalment is paid or the plan is no longer current',
      data: { code: 'superseded', reminder: true } });
  }
  const { pausedUntil, escalated } = caseEffects(plan, now, row);
  let next = plan.nextActionAt;
  if (reminder.nextAt && (!next || reminder.nextAt < next)) next = reminder.nextAt;
  if (pausedUntil && pausedUntil > now && (!next || next < pausedUntil)) next = pausedUntil;
  if (next && next <= now) next = new Date(now.getTime() + 1);
  const closed = plan.stop?.code === 'paid';
  // balance left on invoices not yet near their due date (a case a dispute opened, the dispute since resolved): closed
  // until one comes near, when syncCases opens it again; said so, not 'no balance left', and stopped `not_due`, not `paid`
  const notDue = closed && input.invoices.some((i) => i.balance.amount > 0);
  if (closed) {
    notes.push({ case_id: row.id, kind: 'case_closed', data: notDue ? { code: 'not_due', not_due: true } : { code: 'paid' },
      reason: notDue ? `nothing owed is due before ${horizon}: the case closes until an invoice comes near its due date` : plan.stop?.detail ?? 'paid' });
  }
  else if (plan.stop) notes.push({ case_id: row.id, kind: 'stopped', reason: `${plan.stop.code}: ${plan.stop.detail}`,
    data: { code: plan.stop.code, ...plan.stop.params } });
  return {
    state, plan, rows: [...planRows(plan, state, strategy), ...(reminder.row ? [reminder.row] : [])], cancellations, notes,
    update: {
      ...base, status: closed ? 'closed' : 'open', current_step_id: plan.currentStepId,
      next_action_at: closed || !next ? null : next.toISOString(), paused_until: pausedUntil?.toISOString() ?? null,
      escalated, stop_code: notDue ? 'not_due' : plan.stop?.code ?? null,
    },
  };
}
