// Pure translation between stored rows and the planner: rows -> CaseState (with the customer's promise, plan, disputes,
// opt-outs and messages), cycles, and a plan -> outbox rows.
import { addDays, type CalendarDate } from '../domain/index.ts';
import type { Channel, RiskBand, Segment, Strategy } from '../strategy/index.ts';
import { assignSegment, CHANNELS, type SegmentAssignment } from '../strategy/index.ts';
import { anchorDate, caseFacts } from './case-facts.ts';
import type { CaseInvoice, CaseMessages, CasePlanOfInstalments, CasePromise, CaseState, ExistingAction, HeldBy } from './case-state.ts';
import type { CasePlan, PlannedAction } from './plan-types.ts';

export interface CustomerRow {
  id: string;
  country: string | null;
  /** The customer's region (ISO 3166-2 subdivision: 'SP' or 'BR-SP'); picks a regional calendar where cobro has one. */
  region?: string | null;
  timezone: string | null;
  email: string | null;
  phone: string | null;
  whatsapp: string | null;
  preferred_channel: string | null;
  tags: string[];
  average_days_late: number | null;
  /** From the latest score run (src/scoring/bands.ts); absent or null when the customer has not been scored. */
  risk_band?: RiskBand | null;
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
  /**
   * The hold (agent_claims, promises or plans row) that cancelled it, and that hold's status and end date as loaded; `by`
   * the row that status is of when the hold passed on (a promise replaced by another, or by a plan).
   */
  held_by?: string | null;
  hold?: { status: string; until: CalendarDate | null; by?: string } | null;
}

export interface OrgDefaults { country: string; timezone: string }

/**
 * What the tick loads besides invoices and actions, for each case of a batch in one query: the customer's pending promise
 * (or the latest broken one no action has answered yet), the active plan (or a broken one not yet answered) with what is
 * paid towards it, open disputes, live opt-outs, the messages of the case's cycle, the last reply, broken promises so far.
 */
export interface StoredFacts {
  promise: { id: string; amount: number; currency: string; due_date: CalendarDate; grace_days: number; status: string; at: string } | null;
  plan: { id: string; currency: string; status: string; paid: number; grace_days: number; broken_seq: number | null; instalments: [number, CalendarDate, number][] } | null;
  disputes: { id: string; invoice_ids: string[] }[];
  optOuts: { scope: 'all' | 'channel' | 'address'; channel: string | null; address: string | null }[];
  /** Messages of the case's current cycle that were sent or failed. */
  messages: { id: string; status: string; channel: string; at: string }[];
  lastInboundAt: string | null;
  brokenPromises: number;
  /** An open claimed payment being verified (src/agent's claims). */
  claim?: { id: string; hold_until: CalendarDate; invoice_ids: string[]; method?: string | null } | null;
}

export const NO_FACTS: StoredFacts = { promise: null, plan: null, disputes: [], optOuts: [], messages: [], lastInboundAt: null, brokenPromises: 0 };

/** Channels the customer said stop on: everywhere, a channel, or the very address the customer has on that channel. */
export function optedOutChannels(c: Pick<CustomerRow, 'email' | 'phone' | 'whatsapp'>, optOuts: StoredFacts['optOuts']): Channel[] {
  if (optOuts.some((o) => o.scope === 'all')) return [...CHANNELS];
  const addressOn = (ch: string) => (ch === 'email' ? c.email : ch === 'whatsapp' ? c.whatsapp ?? c.phone : c.phone);
  return CHANNELS.filter((ch) => optOuts.some((o) => o.channel === ch && (o.scope === 'channel' || o.address === addressOn(ch))));
}

/**
 * The promise as the planner sees it: its date moved by its grace (the stop lasts until then, and a broken one fires the
 * day after), partly kept counted as broken (the promised amount was not paid).
 */
export function casePromise(p: StoredFacts['promise']): CasePromise | null {
  if (!p || p.status === 'replaced') return null;
  const status = p.status === 'pending' ? 'pending' : p.status === 'kept' ? 'kept' : 'broken';
  return { id: p.id, amount: { amount: p.amount, currency: p.currency }, dueDate: addDays(p.due_date, p.grace_days), status };
}

/** An instalment's place, paid state and dates: `due` is its own date, `effective` with the grace the planner counts from. */
export interface PlanStep { index: number; seq: number; due: CalendarDate; effective: CalendarDate; amount: number; paid: boolean }

/** What is paid goes to the instalments in order. A broken plan shows the planner only up to the instalment that broke it, unpaid. */
export function planSteps(plan: NonNullable<StoredFacts['plan']>): PlanStep[] {
  let left = plan.paid;
  const all = [...plan.instalments].sort((a, b) => a[0] - b[0]).map(([seq, due, amount], index) => {
    const paid = left >= amount;
    left = Math.max(0, left - amount);
    return { index, seq, due, effective: addDays(due, plan.grace_days), amount, paid };
  });
  if (plan.status !== 'broken') return all;
  const upTo = all.findIndex((s) => s.seq === plan.broken_seq);
  return upTo < 0 ? all : all.slice(0, upTo + 1).map((s, i) => (i === upTo ? { ...s, paid: false } : s));
}

export function casePlan(plan: StoredFacts['plan']): CasePlanOfInstalments | null {
  if (!plan) return null;
  return { id: plan.id, instalments: planSteps(plan).map((s) => ({ dueDate: s.effective, amount: { amount: s.amount, currency: plan.currency }, paid: s.paid })) };
}

/** The open dispute the case stops for: one, when every invoice the case holds is disputed (else contact goes on about the rest). */
export function caseDispute(disputes: StoredFacts['disputes'], invoices: readonly CaseInvoice[]): { id: string } | null {
  const owing = invoices.filter((i) => i.balance.amount > 0);
  if (disputes.length === 0 || owing.length === 0 || owing.some((i) => !i.disputed)) return null;
  const covering = disputes.find((d) => owing.some((i) => d.invoice_ids.includes(i.id)));
  return covering ? { id: covering.id } : null;
}

const SENT = new Set(['sent', 'delivered', 'read']);

export function caseMessages(f: StoredFacts): CaseMessages {
  const sent = f.messages.filter((m) => SENT.has(m.status)).sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id))[0];
  return {
    lastOutbound: sent ? { id: sent.id, at: new Date(sent.at) } : null,
    lastInboundAt: f.lastInboundAt ? new Date(f.lastInboundAt) : null,
    failed: f.messages.filter((m) => m.status === 'failed' || m.status === 'bounced')
      .map((m) => ({ id: m.id, channel: m.channel as Channel, at: new Date(m.at) })),
  };
}

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

/**
 * How a hold ended, from its row's status: a claim (agent_claims), a promise or an instalment plan. A promise replaced by
 * another, or by a plan, is read through to the last of that chain (load.ts); one not found is taken as still holding
 * (nothing re-planned). A plan holds while active, ends paid when completed, unpaid when broken or cancelled.
 */
const HOLD_END: Record<string, HeldBy['end']> = {
  open: 'open', pending: 'open', active: 'open', confirmed: 'paid', kept: 'paid', completed: 'paid',
  rejected: 'unpaid', expired: 'unpaid', broken: 'unpaid', partly_kept: 'unpaid', cancelled: 'unpaid',
};

export function toExisting(a: StoredAction): ExistingAction {
  const out: ExistingAction = { idempotencyKey: a.idempotency_key, stepId: a.step_id, occurrence: a.occurrence, status: STATUS[a.status], scheduledFor: a.scheduled_for };
  if (a.status === 'cancelled' && a.held_by) {
    out.heldBy = { id: a.held_by, end: HOLD_END[a.hold?.status ?? ''] ?? 'open', until: a.hold?.until ?? null };
  }
  return out;
}

export function caseCustomer(c: CustomerRow, org: OrgDefaults, facts: StoredFacts = NO_FACTS): CaseState['customer'] {
  const preferred = contactChannels(c).find((ch) => ch === c.preferred_channel) ?? null;
  return {
    id: c.id, timeZone: c.timezone ?? org.timezone, country: c.country ?? org.country,
    // a region names a part of the customer's own country: none when the org's country stands in
    ...(c.country && c.region ? { region: c.region } : {}), channels: contactChannels(c),
    optedOut: optedOutChannels(c, facts.optOuts), tags: c.tags, preferredChannel: preferred, riskBand: c.risk_band ?? null,
    averageDaysLate: c.average_days_late, brokenPromises: facts.brokenPromises,
  };
}

/**
 * The planner's view of one case; `actions` must hold the case's actions of `cycle` only, and `facts` messages of that
 * cycle only (a new cycle starts with none).
 */
export function buildCaseState(
  row: CaseRow, cycle: number, customer: CaseState['customer'], invoices: CaseInvoice[], actions: ExistingAction[], facts: StoredFacts = NO_FACTS,
): CaseState {
  return {
    caseId: row.id, customer, invoices, currentStepId: row.current_step_id, cycle,
    pausedUntil: row.paused_until ? new Date(row.paused_until) : null,
    promise: casePromise(facts.promise), plan: casePlan(facts.plan), dispute: caseDispute(facts.disputes, invoices), escalated: row.escalated,
    claim: facts.claim ? { id: facts.claim.id, holdUntil: facts.claim.hold_until, invoiceIds: facts.claim.invoice_ids, ...(facts.claim.method ? { method: facts.claim.method } : {}) } : null,
    messages: caseMessages(facts), actions,
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
    payload: { trigger: a.trigger, invoices: a.invoices, totals: a.totals, actions: a.actions,
      ...(a.replanOf ? { after_hold: { hold: a.replanOf.hold, cancelled: a.replanOf.key } } : {}) },
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
      scheduled_for: plan.today, status: 'skipped', reason: `${s.reason}: ${s.detail}`, invoice_ids: [], payload: { skip: s.reason, ...(s.by ? { by: s.by } : {}) },
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
