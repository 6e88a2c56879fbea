// The simulation loop, pure: every day from `from` to `to`, each customer's case as the tick would run it on
// the ledger of that day, with what it decides fed back in memory. Nothing is written anywhere.
import { addDays, type CalendarDate } from '../domain/index.ts';
import type { RiskBand } from '../strategy/index.ts';
import { planSteps, type CaseRow, type CustomerRow, type StoredFacts } from './case-rows.ts';
import { factsOnDay } from './sim-facts.ts';
import { decideCase, type OrgPlanning, type StoredActionWithCycle } from './decide.ts';
import type { LedgerHistory } from './sim-ledger.ts';
import { startOfDayInZone } from './zone.ts';

export interface SimCustomer extends Omit<CustomerRow, 'average_days_late'> { external_id: string; name: string }

export interface SimAction {
  date: CalendarDate;
  customer_id: string;
  customer: string;
  invoices: string[];
  invoice_ids: string[];
  strategy_id: string;
  step_id: string;
  kind: string;
  channels: string[];
  template: string | null;
  reason: string;
  /** Planned by the tick before the run (in the outbox, not yet sent): counted on the day it is sent, not planned again. */
  planned_before?: true;
}

export interface SimDay {
  date: CalendarDate;
  actions: number;
  skipped: number;
  tasks: number;
  open_cases: number;
  opened: number;
  closed: number;
  by_step: Record<string, number>;
  /** Messages by channel (a send on two channels counts on each). */
  by_channel: Record<string, number>;
}

/**
 * Which customers the run planned for, and why: distinct customers whose case the run put on a strategy, by segment and by
 * the risk band the run gave them (`none`: not scored, so no `riskBand` condition holds for them, as in the tick).
 */
export interface SimCustomers {
  count: number; by_segment: Record<string, number>; by_band: Partial<Record<RiskBand | 'none', number>>; reason: string;
  /** The day of the score run the bands come from (the latest stored), null when the org has no scores. */
  bands_as_of: CalendarDate | null;
}

export interface SimResult {
  from: CalendarDate; to: CalendarDate; strategy_id: string | null; customers: SimCustomers; days: SimDay[]; actions: SimAction[];
}

interface SimCase { row: CaseRow; open: boolean; actions: StoredActionWithCycle[]; facts?: StoredFacts; outbox: OutboxAction[] }

/** An action of an open case that the tick planned and the dispatcher has not sent yet. */
export interface OutboxAction {
  idempotency_key: string; scheduled_for: CalendarDate; step_id: string; strategy_id: string; kind: string; channels: string[];
  template: string | null; invoice_ids: string[]; reason: string;
}

/**
 * An open case the run starts from (by customer): the stored row, its actions, its facts (promise, plan, claim, disputes,
 * opt-outs: see sim-facts.ts for how they age in the run) and its planned actions not yet sent.
 */
export interface SimStart { row: CaseRow; actions: StoredActionWithCycle[]; facts?: StoredFacts; outbox?: OutboxAction[] }

/**
 * `only`: keep just the cases the org's segments put on this strategy (the engine's own assignment runs for every
 * customer, so a case stays where the tick would keep it); the others are planned but neither counted nor listed.
 */
export interface SimScope { only?: string; reason: string; bandsAsOf?: CalendarDate | null }

/** The instant each simulated day is planned at: 09:00 in the debtor's zone. */
const NINE = 9 * 3_600_000;

function openCase(existing: SimCase | undefined, customerId: string): SimCase {
  const row: CaseRow = {
    id: existing?.row.id ?? `sim_${customerId}`, customer_id: customerId, strategy_id: null, strategy_version: null, segment_id: null,
    current_step_id: null, cycle: existing ? existing.row.cycle + 1 : 1, anchor_due_date: null, paused_until: null, escalated: false,
  };
  // a new cycle keeps what stands about the customer (promise, plan, disputes, opt-outs); what was in the outbox is sent or cancelled by now
  return { row, open: true, actions: existing?.actions ?? [], ...(existing?.facts ? { facts: existing.facts } : {}), outbox: [] };
}

/**
 * An action a pending promise or an active plan cancelled (itself or through the promise it replaced) waits, in the tick,
 * for that to be judged; the run judges a promise broken the day after its date + grace, a plan the day after its first
 * unpaid instalment's date + grace (sim-facts.ts), so the action's hold ends then.
 */
function judgedBy(a: StoredActionWithCycle, facts: StoredFacts | undefined): StoredActionWithCycle {
  const by = a.hold?.by ?? a.held_by;
  const p = facts?.promise;
  if (a.hold?.status === 'pending' && p && p.id === by && p.status === 'pending') {
    return { ...a, hold: { status: 'open', until: addDays(p.due_date, p.grace_days + 1) } };
  }
  const plan = facts?.plan;
  const unpaid = plan && planSteps(plan).find((s) => !s.paid);
  if (a.hold?.status === 'active' && plan && plan.id === by && plan.status === 'active') {
    return { ...a, hold: { status: 'open', until: unpaid ? addDays(unpaid.effective, 1) : null } };
  }
  return a;
}

type Taken = Pick<SimAction, 'date' | 'invoice_ids' | 'strategy_id' | 'step_id' | 'kind' | 'channels' | 'template' | 'reason' | 'planned_before'>;

/** Counts an action the run sends or plans on its day, and lists it with its invoices' numbers. */
function take(summary: SimDay, actions: SimAction[], a: Taken, cu: SimCustomer, invoices: readonly { id: string; number: string }[]): void {
  summary.actions += 1;
  if (a.kind === 'task') summary.tasks += 1;
  summary.by_step[a.step_id] = (summary.by_step[a.step_id] ?? 0) + 1;
  if (a.kind === 'send') for (const ch of a.channels) summary.by_channel[ch] = (summary.by_channel[ch] ?? 0) + 1;
  const numbers = new Map(invoices.map((i) => [i.id, i.number]));
  actions.push({ date: a.date, customer_id: cu.id, customer: cu.name, invoices: a.invoice_ids.map((id) => numbers.get(id) ?? id), invoice_ids: a.invoice_ids,
    strategy_id: a.strategy_id, step_id: a.step_id, kind: a.kind, channels: a.channels, template: a.template, reason: a.reason,
    ...(a.planned_before ? { planned_before: true as const } : {}) });
}

export function runSimulation(
  customers: SimCustomer[], ledger: LedgerHistory, ctx: OrgPlanning, from: CalendarDate, to: CalendarDate, scope: SimScope,
  start: ReadonlyMap<string, SimStart> = new Map(),
): SimResult {
  const cases = new Map<string, SimCase>([...start].map(([customer, c]) => [customer,
    { row: c.row, open: true, actions: c.actions.map((a) => judgedBy(a, c.facts)), ...(c.facts ? { facts: c.facts } : {}), outbox: [...(c.outbox ?? [])] }]));
  const days: SimDay[] = [];
  const actions: SimAction[] = [];
  const taken = new Map<string, Set<string>>();
  const counts = (row: CaseRow) => row.strategy_id !== null && (!scope.only || row.strategy_id === scope.only);
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const summary: SimDay = { date: day, actions: 0, skipped: 0, tasks: 0, open_cases: 0, opened: 0, closed: 0, by_step: {}, by_channel: {} };
    for (const cu of customers) {
      const invoices = ledger.openInvoices(cu.id, day);
      let sc = cases.get(cu.id);
      if (!sc?.open) {
        if (!invoices.some((i) => i.dueDate <= addDays(day, ctx.lead))) continue;
        sc = openCase(sc, cu.id);
        cases.set(cu.id, sc);
      }
      const opening = sc.row.strategy_id === null;
      const timeZone = cu.timezone ?? ctx.org.timezone;
      const now = new Date(startOfDayInZone(day, timeZone).getTime() + NINE);
      const adl = sc.row.strategy_id ? null : ledger.averageDaysLate(cu.id, day);
      const d = decideCase({ row: sc.row, customer: { ...cu, average_days_late: adl }, invoices, actions: sc.actions,
        ...(sc.facts ? { facts: factsOnDay(sc.facts, day) } : {}) }, ctx, now);
      const mine = d.update.strategy_id !== null && (!scope.only || d.update.strategy_id === scope.only);
      if (mine) {
        const seg = d.update.segment_id ?? '';
        taken.set(seg, (taken.get(seg) ?? new Set()).add(cu.id));
        if (opening) summary.opened += 1;
      }
      const cancelled = new Map(d.cancellations.map((c) => [c.idempotency_key, c]));
      // one a hold cancels names it, open until its last day: the run knows no payment, so each hold ends unpaid then
      sc.actions = sc.actions.map((a) => {
        const c = cancelled.get(a.idempotency_key);
        if (!c) return a;
        return { ...a, status: 'cancelled' as const, ...(c.held_by ? { held_by: c.held_by, hold: { status: 'open', until: c.hold_until ?? null } } : {}) };
      });
      // the outbox's actions due by today that the decision left standing go out today (a past day's on the run's first)
      const going = sc.outbox.filter((o) => o.scheduled_for <= day && !cancelled.has(o.idempotency_key));
      sc.outbox = sc.outbox.filter((o) => o.scheduled_for > day && !cancelled.has(o.idempotency_key));
      const sent = new Set(going.map((o) => o.idempotency_key));
      if (sent.size) sc.actions = sc.actions.map((a) => (sent.has(a.idempotency_key) ? { ...a, status: 'sent' as const } : a));
      for (const r of d.rows) {
        // a simulated action is taken as sent, so a later payment does not "cancel" it
        sc.actions.push({ case_id: sc.row.id, idempotency_key: r.idempotency_key, step_id: r.step_id, occurrence: r.occurrence,
          status: r.status === 'planned' ? 'sent' : 'skipped', scheduled_for: r.scheduled_for, cycle: r.cycle });
        if (!mine) continue;
        if (r.status === 'skipped') { summary.skipped += 1; continue; }
        take(summary, actions, { ...r, date: r.scheduled_for }, cu, invoices);
      }
      if (mine) for (const o of going) take(summary, actions, { ...o, date: day, planned_before: true }, cu, invoices);
      const u = d.update;
      sc.row = { ...sc.row, strategy_id: u.strategy_id, strategy_version: u.strategy_version, segment_id: u.segment_id,
        current_step_id: u.current_step_id, cycle: u.cycle, anchor_due_date: u.anchor_due_date, paused_until: u.paused_until, escalated: u.escalated };
      sc.open = u.status === 'open';
      if (!sc.open && mine) summary.closed += 1;
    }
    summary.open_cases = [...cases.values()].filter((c) => c.open && counts(c.row)).length;
    days.push(summary);
  }
  const all = new Set<string>();
  const bandOf = new Map(customers.map((cu) => [cu.id, cu.risk_band ?? 'none' as const]));
  const bySegment: Record<string, number> = {};
  for (const [seg, ids] of [...taken].sort(([a], [b]) => a.localeCompare(b))) {
    if (seg) bySegment[seg] = ids.size;
    for (const id of ids) all.add(id);
  }
  const planned = { count: all.size, by_segment: bySegment, by_band: byBand(all, bandOf), reason: scope.reason, bands_as_of: scope.bandsAsOf ?? null };
  return { from, to, strategy_id: scope.only ?? ctx.forceStrategyId ?? null, customers: planned, days, actions };
}

const BAND_ORDER = ['high', 'medium', 'low', 'none'] as const;

/** How many of the run's customers had each band (riskiest first; a band no one had is left out). */
function byBand(ids: ReadonlySet<string>, bandOf: ReadonlyMap<string, RiskBand | 'none'>): SimCustomers['by_band'] {
  const counts = new Map<RiskBand | 'none', number>();
  for (const id of ids) {
    const band = bandOf.get(id) ?? 'none';
    counts.set(band, (counts.get(band) ?? 0) + 1);
  }
  return Object.fromEntries(BAND_ORDER.flatMap((b) => (counts.has(b) ? [[b, counts.get(b)!]] : [])));
}
