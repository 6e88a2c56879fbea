// The whole decision for one stored case at an instant, pure: cycle, segment and strategy, the plan, what to
// write to the outbox and to the case. The tick and the simulation both run cases through this.
import { addDays, type CalendarDate } from '../domain/index.ts';
import type { Segment, Strategy } from '../strategy/index.ts';
import { calendarFor } from './calendar/index.ts';
import {
  advanceCycle, anchorDate, buildCaseState, caseCustomer, caseEffects, chooseSegment, planRows, toExisting,
  type ActionRow, type CaseRow, type CustomerRow, type OrgDefaults, type StoredAction,
} from './case-rows.ts';
import type { CaseInvoice, CaseState } from './case-state.ts';
import type { CasePlan } from './plan-types.ts';
import { planCase } from './planner.ts';
import { localDate } from './zone.ts';

export interface OrgPlanning {
  org: OrgDefaults;
  /** The active version of each strategy, by id. */
  strategies: Map<string, Strategy>;
  segments: readonly Segment[];
  /** Days before the due date that an invoice joins a case. */
  lead: number;
  /** Run every case on this strategy instead of its segment's (simulations). */
  forceStrategyId?: string;
}

export interface StoredActionWithCycle extends StoredAction { cycle: number }

export interface CaseInput {
  row: CaseRow;
  customer: CustomerRow;
  /** The customer's invoices with a balance (any due date); those not yet soon-due are left out here. */
  invoices: (CaseInvoice & { dueDate: CalendarDate })[];
  /** The case's stored actions of its current cycle and later, and any still planned from earlier cycles. */
  actions: StoredActionWithCycle[];
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

export interface CancelRow { idempotency_key: string; case_id: string; step_id: string; reason: string }

export interface CaseDecision {
  state: CaseState;
  plan: CasePlan | null;
  rows: ActionRow[];
  cancellations: CancelRow[];
  update: CaseUpdate;
  notes: CaseNote[];
}

function pickStrategy(input: CaseInput, state: CaseState, ctx: OrgPlanning, today: CalendarDate, notes: CaseNote[]) {
  if (ctx.forceStrategyId) return { strategy: ctx.strategies.get(ctx.forceStrategyId) ?? null, segmentId: null };
  const current = input.row.strategy_id ? ctx.strategies.get(input.row.strategy_id) : undefined;
  if (current) return { strategy: current, segmentId: input.row.segment_id };
  const a = chooseSegment(state, ctx.segments, today);
  if (!a.assigned) {
    notes.push({ case_id: state.caseId, kind: 'segment_unassigned', reason: a.reason, data: {} });
    return { strategy: null, segmentId: null };
  }
  const strategy = ctx.strategies.get(a.strategyId) ?? null;
  notes.push({ case_id: state.caseId, kind: 'segment_assigned', reason: strategy ? a.reason : `${a.reason}; but strategy ${a.strategyId} is not active`,
    data: { segment_id: a.segmentId, strategy_id: a.strategyId, strategy_version: strategy?.version ?? null } });
  return { strategy, segmentId: a.segmentId };
}

/** Decides one case at `now`: never returns a next_action_at at or before `now`, so a tick always moves on. */
export function decideCase(input: CaseInput, ctx: OrgPlanning, now: Date): CaseDecision {
  const { row } = input;
  const customer = caseCustomer(input.customer, ctx.org);
  const today = localDate(now, customer.timeZone);
  const horizon = addDays(today, ctx.lead);
  const invoices = input.invoices.filter((i) => i.balance.amount > 0 && i.dueDate <= horizon);
  const probe = buildCaseState(row, row.cycle, customer, invoices, []);
  const { cycle, anchor, bumped } = advanceCycle(row, anchorDate(probe));
  const notes: CaseNote[] = [];
  const cancellations: CancelRow[] = [];
  if (bumped) {
    notes.push({ case_id: row.id, kind: 'cycle_started', reason: `the oldest open invoice is now due ${anchor}: cycle ${cycle} starts`, data: { cycle } });
    for (const a of input.actions.filter((x) => x.cycle < cycle && x.status === 'planned')) {
      cancellations.push({ idempotency_key: a.idempotency_key, case_id: row.id, step_id: a.step_id, reason: `superseded: cycle ${cycle} started` });
    }
  }
  const state = buildCaseState(row, cycle, customer, invoices, input.actions.filter((a) => a.cycle === cycle).map(toExisting));
  const { strategy, segmentId } = pickStrategy(input, state, ctx, today, notes);
  const base: CaseUpdate = {
    id: row.id, status: 'open', strategy_id: strategy?.id ?? null, strategy_version: strategy?.version ?? null, segment_id: segmentId,
    current_step_id: row.current_step_id, cycle, anchor_due_date: anchor, next_action_at: null,
    paused_until: row.paused_until, escalated: row.escalated, stop_code: null,
  };
  if (!strategy) return { state, plan: null, rows: [], cancellations, update: base, notes };

  const plan = planCase(state, strategy, calendarFor(customer.country).calendar, now);
  for (const c of plan.cancellations) {
    cancellations.push({ idempotency_key: c.idempotencyKey, case_id: row.id, step_id: c.stepId, reason: `${c.reason}: ${c.detail}` });
  }
  const { pausedUntil, escalated } = caseEffects(plan, now, row);
  let next = plan.nextActionAt;
  if (pausedUntil && pausedUntil > now && (!next || next < pausedUntil)) next = pausedUntil;
  if (next && next <= now) next = new Date(now.getTime() + 1);
  const closed = plan.stop?.code === 'paid';
  if (closed) notes.push({ case_id: row.id, kind: 'case_closed', reason: plan.stop?.detail ?? 'paid', data: {} });
  else if (plan.stop) notes.push({ case_id: row.id, kind: 'stopped', reason: `${plan.stop.code}: ${plan.stop.detail}`, data: {} });
  return {
    state, plan, rows: planRows(plan, state, strategy), cancellations, notes,
    update: {
      ...base, status: closed ? 'closed' : 'open', current_step_id: plan.currentStepId,
      next_action_at: closed || !next ? null : next.toISOString(), paused_until: pausedUntil?.toISOString() ?? null,
      escalated, stop_code: plan.stop?.code ?? null,
    },
  };
}
