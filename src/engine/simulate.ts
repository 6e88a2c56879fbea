// Simulation over the real portfolio: reads the org's ledger history once (read-only) and runs the engine
// day by day on the balances of each day. Writes nothing: no cases, no actions, no seeded defaults.
import type { Queryable } from '../db/index.ts';
import { daysBetween, isCalendarDate, type CalendarDate } from '../domain/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { activeStrategies, checkSegments, loadSegments } from '../strategy/store.ts';
import type { Segment } from '../strategy/segment.ts';
import { parseStrategy, type Strategy } from '../strategy/strategy.ts';
import { leadDays, NO_FACTS, type CaseRow } from './case-rows.ts';
import type { OrgPlanning } from './decide.ts';
import { LedgerHistory, type SimInvoice, type SimMovement } from './sim-ledger.ts';
import { runSimulation, type OutboxAction, type SimCustomer, type SimResult, type SimStart } from './sim-run.ts';
import { loadActionsAndFacts } from './load.ts';
import { orgClosedDays } from './closed-days.ts';
import { openCustomerRows } from '../vault/index.ts';

/**
 * `version` runs that stored version of `strategyId` (a draft, say) in place of the active one. With a strategy,
 * `customers: 'segments'` (the default) plans only the customers the org's segments put on it, as the tick would;
 * `'all'` puts every customer on it (what it would do if it were everyone's strategy).
 */
export interface SimulateOptions {
  from: CalendarDate; to: CalendarDate; strategyId?: string; version?: number; customers?: 'segments' | 'all';
  /**
   * Start from the org's open cases as they stand (strategy, step, cycle, pause, escalation and their actions), so a customer
   * whose case sits on a strategy keeps it, as the tick does; only a customer with no open case is assigned by today's
   * segments. Meant for a run from today on (the cases are today's); ignored with `customers: 'all'`, which is the old run.
   */
  openCases?: boolean;
  /**
   * An ordered list of segments (unsaved edits, say) used in place of the stored ones for this run only: checked as
   * PUT /v1/segments checks it (a refusal names the field `segments.N.…`), never written.
   */
  segments?: unknown;
  /**
   * An unsaved draft of `strategyId` (name, description, steps, as POST /v1/strategies takes them) run in place of its
   * active version, never stored: checked as a save checks it, a refusal naming `strategy.<field>`.
   */
  strategy?: unknown;
}

export const MAX_SIMULATION_DAYS = 3660;

export async function simulate(q: Queryable, orgId: string, opts: SimulateOptions): Promise<Result<SimResult>> {
  if (!isCalendarDate(opts.from)) return fail('VALIDATION_FAILED', 'from must be a date YYYY-MM-DD', 'from');
  if (!isCalendarDate(opts.to)) return fail('VALIDATION_FAILED', 'to must be a date YYYY-MM-DD', 'to');
  const span = daysBetween(opts.from, opts.to);
  if (span < 0) return fail('VALIDATION_FAILED', 'to is before from', 'to');
  if (span >= MAX_SIMULATION_DAYS) return fail('VALIDATION_FAILED', `at most ${MAX_SIMULATION_DAYS} days at once`, 'to');
  const [org] = await q.query<{ country: string | null; default_timezone: string }>('SELECT country, default_timezone FROM orgs WHERE id = $1', [orgId]);
  if (!org) return fail('NOT_FOUND', `no org ${orgId}`);
  const strategies = await activeStrategies(q, orgId);
  const activeIds = [...strategies.keys()];
  if (opts.version !== undefined) {
    if (!opts.strategyId) return fail('VALIDATION_FAILED', 'version needs strategy_id', 'version');
    const [v] = await q.query<{ definition: Strategy }>('SELECT definition FROM strategies WHERE org_id = $1 AND id = $2 AND version = $3',
      [orgId, opts.strategyId, opts.version]);
    if (!v) return fail('NOT_FOUND', `no strategy ${opts.strategyId} version ${opts.version}`, 'version');
    strategies.set(opts.strategyId, v.definition);
  }
  if (opts.strategy !== undefined) {
    const draft = await unsavedDraft(q, orgId, opts);
    if (!draft.ok) return draft;
    strategies.set(draft.value.id, draft.value);
  }
  if (opts.strategyId && !strategies.has(opts.strategyId)) return fail('NOT_FOUND', `no active strategy ${opts.strategyId}`, 'strategy_id');
  const forced = opts.strategyId !== undefined && opts.customers === 'all' ? opts.strategyId : undefined;
  let segments: Segment[];
  if (opts.segments === undefined) segments = await loadSegments(q, orgId);
  else {
    const checked = checkSegments(opts.segments, new Set(activeIds), 'segments.');
    if (!checked.ok) return checked;
    segments = checked.value;
  }
  const given = opts.segments !== undefined;
  const lead = leadDays(forced ? [strategies.get(forced)!] : strategies.values());
  const ctx: OrgPlanning = {
    org: { country: org.country ?? '', timezone: org.default_timezone }, strategies, segments, lead, closedDays: await orgClosedDays(q, orgId),
    ...(forced ? { forceStrategyId: forced } : {}),
  };
  const start = opts.openCases && !forced ? await openCases(q, orgId) : new Map<string, SimStart>();
  const kept = start.size ? `; the ${start.size} open cases keep their strategy (as the tick does), only customers without one are assigned afresh` : '';
  const scope = forced ? { reason: `every customer with a case, put on ${forced}` }
    : opts.strategyId ? { only: opts.strategyId, reason: `${segmentsReason(segments, opts.strategyId, given)}${kept}` }
    : { reason: `each customer on the strategy of the first of ${given ? 'the' : 'the org\'s'} ${segments.length} segments${given ? ' given (not saved)' : ''} whose rule holds${kept}` };
  const params = [orgId, opts.to];
  const invoices = await q.query<SimInvoice>(
    `SELECT id, customer_id, number, currency, amount, issue_date, due_date, disputed FROM invoices
     WHERE org_id = $1 AND issue_date <= $2::date AND NOT cancelled ORDER BY customer_id, due_date, number`, params);
  const movements = await q.query<SimMovement>(
    `SELECT l.invoice_id, -l.amount AS delta, p.date, l.reversed_at::date AS reversed_on
     FROM allocations l JOIN payments p ON p.id = l.payment_id WHERE l.org_id = $1 AND p.date <= $2::date
     UNION ALL
     SELECT invoice_id, amount, date, reversed_at::date FROM adjustments WHERE org_id = $1 AND date <= $2::date`, params);
  // each customer's band as the tick reads it (src/engine/load.ts): the latest score run's, none when not scored
  const customers = await openCustomerRows(q, orgId, await q.query<SimCustomer>(
    `SELECT id, external_id, name, country, region, timezone, email, phone, whatsapp, preferred_channel, tags,
       (SELECT cr.band FROM customer_risk cr WHERE cr.org_id = c.org_id AND cr.customer_id = c.id) AS risk_band FROM customers c
     WHERE org_id = $1 AND EXISTS (SELECT 1 FROM invoices i WHERE i.org_id = $1 AND i.customer_id = c.id AND i.issue_date <= $2::date)
     ORDER BY id`, params));
  const [bands] = await q.query<{ as_of: CalendarDate | null }>('SELECT max(as_of)::text AS as_of FROM customer_risk WHERE org_id = $1', [orgId]);
  const bandsAsOf = bands?.as_of ?? null;
  const banded = { ...scope, reason: `${scope.reason}; ${bandsReason(bandsAsOf)}`, bandsAsOf };
  return ok(runSimulation(customers, new LedgerHistory(invoices, movements), ctx, opts.from, opts.to, banded, start));
}

/**
 * The org's open cases by customer, as the tick would load them (their actions and facts: promise, plan, claim, disputes,
 * opt-outs), with the sends already planned and not yet gone out (none of their messages past queued or deferred):
 * where the run starts when it starts from today's cases.
 */
async function openCases(q: Queryable, orgId: string): Promise<Map<string, SimStart>> {
  const rows = await q.query<CaseRow>(
    `SELECT id, customer_id, strategy_id, strategy_version, segment_id, current_step_id, cycle, anchor_due_date, paused_until, escalated
     FROM cases WHERE org_id = $1 AND status = 'open'`, [orgId]);
  const { actions, facts } = await loadActionsAndFacts(q, rows);
  const outbox = await q.query<OutboxAction & { case_id: string }>(
    `SELECT a.case_id, a.idempotency_key, a.scheduled_for, a.step_id, a.strategy_id, a.kind, a.channels, a.template, a.invoice_ids, a.reason
     FROM actions a JOIN cases c ON c.id = a.case_id
     WHERE c.org_id = $1 AND c.status = 'open' AND a.status = 'planned' AND a.kind = 'send'
       AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.org_id = a.org_id AND m.action_id = a.id AND m.status NOT IN ('queued', 'deferred'))
     ORDER BY a.scheduled_for, a.idempotency_key`, [orgId]);
  const byCase = <T extends { case_id: string }>(list: T[]) => {
    const m = new Map<string, T[]>();
    for (const a of list) m.set(a.case_id, [...(m.get(a.case_id) ?? []), a]);
    return m;
  };
  const actionsOf = byCase(actions);
  const outboxOf = byCase(outbox);
  return new Map(rows.map((row) => [row.customer_id,
    { row, actions: actionsOf.get(row.id) ?? [], facts: facts.get(row.id) ?? NO_FACTS, outbox: outboxOf.get(row.id) ?? [] }]));
}

/** The unsaved draft of a run, numbered as the next version of its strategy would be; nothing is written. */
async function unsavedDraft(q: Queryable, orgId: string, opts: SimulateOptions): Promise<Result<Strategy>> {
  if (!opts.strategyId) return fail('VALIDATION_FAILED', 'strategy needs strategy_id', 'strategy');
  if (opts.version !== undefined) return fail('VALIDATION_FAILED', 'give version (a stored one) or strategy (an unsaved one), not both', 'strategy');
  if (typeof opts.strategy !== 'object' || opts.strategy === null) return fail('VALIDATION_FAILED', 'strategy must be an object', 'strategy');
  const [last] = await q.query<{ v: number | null }>('SELECT max(version) AS v FROM strategies WHERE org_id = $1 AND id = $2', [orgId, opts.strategyId]);
  const parsed = parseStrategy({ ...opts.strategy, id: opts.strategyId, version: (last?.v ?? 0) + 1 });
  if (parsed.ok) return parsed;
  const { message, field } = parsed.error;
  return fail('VALIDATION_FAILED', message, field ? `strategy.${field}` : 'strategy');
}

/** Which risk bands a run plans with: the stored ones of the latest score run, held for the whole run. */
function bandsReason(asOf: CalendarDate | null): string {
  if (asOf === null) return 'no customer has a risk score, so no riskBand condition holds';
  return `risk bands from the score run of ${asOf}, held through the run (a customer with no score has no band)`;
}

/** Why the customers of a run on one strategy are the ones they are: the segments that send customers to it. */
function segmentsReason(segments: readonly Segment[], strategyId: string, given: boolean): string {
  const to = segments.flatMap((s, i) => (s.strategyId === strategyId ? [`"${s.name}" (rule ${i + 1} of ${segments.length})`] : []));
  const whose = given ? 'the segments given (not saved)' : 'the org\'s segments';
  if (to.length === 0) return `no segment${given ? ' given' : ''} sends customers to ${strategyId} (customers matching no segment get no strategy)`;
  return `only the customers ${whose} put on ${strategyId}: ${to.join(', ')}; the first segment whose rule holds wins`;
}
