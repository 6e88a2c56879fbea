// Pure translation between stored rows and the planner: rows -> CaseState, cycles, and a plan -> outbox rows.
import type { CalendarDate } from '../domain/index.ts';
import type { Channel, Segment, Strategy } from '../strategy/index.ts';
import { assignSegment, type SegmentAssignment } from '../strategy/index.ts';
import { anchorDate, caseFacts } from './case-facts.ts';
import type { CaseInvoice, CaseState, ExistingAction } from './case-state.ts';
import type { CasePlan, PlannedAction } from './plan-types.ts';

export interface CustomerRow {
  id: string;
  country: string | null;
  timezone: string | null;
  email: string | null;
  phone: string | null;
  whatsapp: string | null;
  preferred_channel: string | null;
  tags: string[];
  average_days_late: number | null;
}

export interface CaseRow {
  id: string;
  customer_id: string;
  strategy_id: string | null;
  strategy_version: number | null;
  segment_id: string | null;
  current_step_id: string | null;
  cycle: number;
  anchor_due_date: CalendarDate | null;
  paused_until: string | null;
  escalated: boolean;
}

export interface StoredAction {
  case_id: string;
  idempotency_key: string;
  step_id: string;
  occurrence: string | null;
  status: 'planned' | 'cancelled' | 'skipped' | 'sent';
  scheduled_for: CalendarDate;
}

export interface OrgDefaults { country: string; timezone: string }

/** Channels a customer has an address on: email, a phone for SMS and voice, WhatsApp. */
export function contactChannels(c: Pick<CustomerRow, 'email' | 'phone' | 'whatsapp'>): Channel[] {
  const out: Channel[] = [];
  if (c.email) out.push('email');
  if (c.phone) out.push('sms');
  if (c.whatsapp) out.push('whatsapp');
  if (c.phone) out.push('voice');
  return out;
}

/** How many days before the due date the earliest step of any strategy fires: cases open that early. */
export function leadDays(strategies: Iterable<Strategy>): number {
  let lead = 0;
  for (const s of strategies) for (const step of s.steps) if (step.trigger.on === 'days') lead = Math.max(lead, -step.trigger.days);
  return lead;
}

/**
 * The cycle a case is in given its invoices: a new oldest open invoice (the old one was paid, or an older
 * one arrived) starts a new cycle so the day steps count again from the new due date.
 */
export function advanceCycle(row: Pick<CaseRow, 'cycle' | 'anchor_due_date'>, anchor: CalendarDate | null): { cycle: number; anchor: CalendarDate | null; bumped: boolean } {
  if (anchor === null || row.anchor_due_date === null || row.anchor_due_date === anchor) {
    return { cycle: row.cycle, anchor: anchor ?? row.anchor_due_date, bumped: false };
  }
  return { cycle: row.cycle + 1, anchor, bumped: true };
}

const STATUS: Record<StoredAction['status'], ExistingAction['status']> = { planned: 'pending', sent: 'done', cancelled: 'cancelled', skipped: 'skipped' };

export function toExisting(a: StoredAction): ExistingAction {
  return { idempotencyKey: a.idempotency_key, stepId: a.step_id, occurrence: a.occurrence, status: STATUS[a.status], scheduledFor: a.scheduled_for };
}

export function caseCustomer(c: CustomerRow, org: OrgDefaults): CaseState['customer'] {
  const preferred = contactChannels(c).find((ch) => ch === c.preferred_channel) ?? null;
  return {
    id: c.id, timeZone: c.timezone ?? org.timezone, country: c.country ?? org.country, channels: contactChannels(c), optedOut: [],
    tags: c.tags, preferredChannel: preferred, riskBand: null, averageDaysLate: c.average_days_late, brokenPromises: 0,
  };
}

/** The planner's view of one case; `actions` must hold the case's actions of `cycle` only. */
export function buildCaseState(
  row: CaseRow, cycle: number, customer: CaseState['customer'], invoices: CaseInvoice[], actions: ExistingAction[],
): CaseState {
  return {
    caseId: row.id, customer, invoices, currentStepId: row.current_step_id, cycle,
    pausedUntil: row.paused_until ? new Date(row.paused_until) : null,
    promise: null, plan: null, dispute: null, escalated: row.escalated,
    messages: { lastOutbound: null, lastInboundAt: null, failed: [] }, actions,
  };
}

/** The segment (and so strategy) for a case, from the customer's facts on the day. */
export function chooseSegment(state: CaseState, segments: readonly Segment[], today: CalendarDate): SegmentAssignment {
  return assignSegment(caseFacts(state, today), segments);
}

export interface ActionRow {
  idempotency_key: string;
  case_id: string;
  customer_id: string;
  strategy_id: string;
  strategy_version: number;
  step_id: string;
  cycle: number;
  occurrence: string | null;
  kind: string;
  channels: string[];
  template: string | null;
  tone: string | null;
  scheduled_for: CalendarDate;
  status: 'planned' | 'skipped';
  reason: string;
  invoice_ids: string[];
  payload: Record<string, unknown>;
}

function kindOf(types: string[]): string {
  return types.includes('send') ? 'send' : types[0] ?? 'none';
}

export function plannedRow(a: PlannedAction): ActionRow {
  const send = a.actions.find((x) => x.type === 'send');
  return {
    idempotency_key: a.idempotencyKey, case_id: a.caseId, customer_id: a.customerId, strategy_id: a.strategyId,
    strategy_version: a.strategyVersion, step_id: a.stepId, cycle: a.cycle, occurrence: a.occurrence,
    kind: kindOf(a.actions.map((x) => x.type)),
    channels: [...new Set(a.actions.flatMap((x) => (x.type === 'send' ? x.channels : [])))],
    template: send?.type === 'send' ? send.template : null, tone: send?.type === 'send' ? send.tone : null,
    scheduled_for: a.scheduledFor, status: 'planned', reason: a.reason, invoice_ids: a.invoices.map((i) => i.id),
    payload: { trigger: a.trigger, invoices: a.invoices, totals: a.totals, actions: a.actions },
  };
}

/** Outbox rows for a plan: planned actions, and skipped steps (recorded so they are not weighed again). */
export function planRows(plan: CasePlan, state: CaseState, strategy: Strategy): ActionRow[] {
  const skipped = plan.skipped.map((s): ActionRow => {
    const step = strategy.steps.find((x) => x.id === s.stepId);
    return {
      idempotency_key: s.idempotencyKey, case_id: state.caseId, customer_id: state.customer.id, strategy_id: strategy.id,
      strategy_version: strategy.version, step_id: s.stepId, cycle: state.cycle, occurrence: s.occurrence,
      kind: kindOf(step?.actions.map((x) => x.type) ?? []), channels: [], template: null, tone: null,
      scheduled_for: plan.today, status: 'skipped', reason: `${s.reason}: ${s.detail}`, invoice_ids: [], payload: { skip: s.reason },
    };
  });
  return [...plan.actions.map(plannedRow), ...skipped];
}

/** The case's pause and escalation after its planned actions. */
export function caseEffects(plan: CasePlan, now: Date, row: Pick<CaseRow, 'paused_until' | 'escalated'>): { pausedUntil: Date | null; escalated: boolean } {
  let pausedUntil = row.paused_until ? new Date(row.paused_until) : null;
  let escalated = row.escalated;
  for (const step of plan.actions.flatMap((a) => a.actions)) {
    if (step.type === 'escalate') escalated = true;
    if (step.type === 'pause') pausedUntil = new Date(now.getTime() + step.days * 86_400_000);
  }
  return { pausedUntil, escalated };
}

export { anchorDate };
