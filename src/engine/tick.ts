// The tick: plans the cases whose next_action_at has come, in claimed batches, and event-driven
// re-planning of one customer's case after a payment or a dispute.
import type { Db, Queryable } from '../db/index.ts';
import { activeStrategies, ensureDefaults, loadSegments } from '../strategy/store.ts';
import { experimentVersions } from '../experiments/index.ts';
import { leadDays } from './case-rows.ts';
import { orgClosedDays } from './closed-days.ts';
import { decideCase, type CaseDecision, type OrgPlanning } from './decide.ts';
import { claimCustomerCase, claimCustomerCases, claimDue, loadInputs, peekDue, type ClaimedCase } from './load.ts';
import type { PlannedAction } from './plan-types.ts';
import { syncCases } from './cases.ts';
import { writeDecisions, type WriteCounts } from './write.ts';
import { metrics } from '../domain/metrics.ts';

export interface TickOptions {
  /** One org, or every org when absent (a worker serving many tenants). */
  orgId?: string;
  now: Date;
  /** Plan and report without writing anything. */
  dryRun?: boolean;
  batchSize?: number;
  /** Return the planned actions themselves (dry runs always do). */
  collect?: boolean;
  /** Batches claimed at once, each in its own transaction; 3 on PostgreSQL, 1 on PGlite (one statement stream). */
  concurrency?: number;
  /** Once aborted (the process is stopping), no further batch is claimed; the batch in hand is written. */
  signal?: AbortSignal;
}

export interface TickResult extends WriteCounts {
  now: string;
  dryRun: boolean;
  cases: number;
  batches: number;
  ms: number;
  actions: PlannedAction[];
}

/** Strategies, segments and lead days per org, loaded once per tick. */
export class OrgPlanningCache {
  private readonly known = new Map<string, OrgPlanning>();
  constructor(private readonly seed: boolean) {}

  async get(q: Queryable, c: Pick<ClaimedCase, 'org_id' | 'org_country' | 'org_timezone'>): Promise<OrgPlanning> {
    const hit = this.known.get(c.org_id);
    if (hit) return hit;
    if (this.seed) await ensureDefaults(q, c.org_id);
    const strategies = await activeStrategies(q, c.org_id);
    const planning: OrgPlanning = {
      org: { country: c.org_country ?? '', timezone: c.org_timezone }, strategies,
      segments: await loadSegments(q, c.org_id), lead: leadDays(strategies.values()), closedDays: await orgClosedDays(q, c.org_id),
    };
    const armVersion = await experimentVersions(q, c.org_id);
    if (armVersion) planning.armVersion = armVersion;
    this.known.set(c.org_id, planning);
    return planning;
  }
}

/** Whether any strategy step looks at a customer's payment history (segments do, when a case needs one). */
function usesHistory(p: OrgPlanning): boolean {
  return [...p.strategies.values()].some((s) => s.steps.some((step) => step.condition?.averageDaysLate !== undefined));
}

async function decideAll(q: Queryable, cases: ClaimedCase[], cache: OrgPlanningCache, now: Date) {
  const orgs = new Map<string, OrgPlanning>();
  for (const c of cases) if (!orgs.has(c.org_id)) orgs.set(c.org_id, await cache.get(q, c));
  // the history query is skipped in the steady state: every case already has its strategy and no step asks for it
  const withHistory = cases.some((c) => !c.strategy_id) || [...orgs.values()].some(usesHistory);
  const inputs = await loadInputs(q, cases, withHistory);
  const out: { orgId: string; decision: CaseDecision; experiment: boolean }[] = [];
  for (const c of cases) {
    const input = inputs.get(c.id);
    const planning = await cache.get(q, c);
    // the org's running experiments were read with its planning: with none, writing has no arm to record
    if (input) out.push({ orgId: c.org_id, decision: decideCase(input, planning, now), experiment: planning.armVersion !== undefined });
  }
  return out;
}

const empty = (): WriteCounts => ({ planned: 0, skipped: 0, cancelled: 0, tasks: 0, closed: 0 });

function add(total: WriteCounts, part: WriteCounts): void {
  for (const k of Object.keys(total) as (keyof WriteCounts)[]) total[k] += part[k];
}

function countPlan(decisions: { decision: CaseDecision }[]): WriteCounts {
  const c = empty();
  for (const { decision } of decisions) {
    c.planned += decision.plan?.actions.length ?? 0;
    c.skipped += decision.plan?.skipped.length ?? 0;
    c.cancelled += decision.cancellations.length;
    c.tasks += decision.plan?.actions.flatMap((a) => a.actions).filter((a) => a.type === 'task').length ?? 0;
    c.closed += decision.update.status === 'closed' ? 1 : 0;
  }
  return c;
}

/**
 * Runs one tick. Each batch is one transaction: claim due cases with FOR UPDATE SKIP LOCKED, load their
 * state set-based, plan, write. Two ticks at once (two processes) never claim the same case, and the
 * outbox's unique key would refuse a second copy of an action anyway. With nothing due it is one query.
 */
export async function runTick(db: Db, opts: TickOptions): Promise<TickResult> {
  const started = performance.now();
  const batchSize = opts.batchSize ?? 1000;
  const orgId = opts.orgId ?? null;
  const cache = new OrgPlanningCache(!opts.dryRun);
  const totals = empty();
  const actions: PlannedAction[] = [];
  const collect = opts.collect || opts.dryRun;
  let cases = 0;
  let batches = 0;
  const record = (part: Batch) => {
    batches += 1;
    cases += part.n;
    add(totals, part.counts);
    if (collect) for (const { decision } of part.decisions) actions.push(...(decision.plan?.actions ?? []));
  };
  if (opts.dryRun) {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const due = await peekDue(db, opts.now, batchSize, orgId, after);
      const last = due[due.length - 1];
      if (!last) break;
      after = { at: last.next_action_at, id: last.id };
      const decisions = await decideAll(db, due, cache, opts.now);
      record({ n: due.length, decisions, counts: countPlan(decisions) });
      if (due.length < batchSize) break;
    }
  } else {
    // several claimers at once on PostgreSQL: one plans in JS while another's batch is written; SKIP LOCKED keeps them apart
    const claimers = opts.concurrency ?? (db.kind === 'postgres' ? 3 : 1);
    const claimLoop = async () => {
      for (;;) {
        if (opts.signal?.aborted) return;
        const part = await db.transaction(async (tx): Promise<Batch> => {
          const due = await claimDue(tx, opts.now, batchSize, orgId, true);
          if (due.length === 0) return { n: 0, decisions: [], counts: empty() };
          const decisions = await decideAll(tx, due, cache, opts.now);
          return { n: due.length, decisions, counts: await writeDecisions(tx, decisions, opts.now) };
        });
        if (part.n === 0) return;
        record(part);
        if (part.n < batchSize) return;
      }
    };
    await Promise.all(Array.from({ length: claimers }, claimLoop));
  }
  const ms = performance.now() - started;
  if (!opts.dryRun) metrics.tickSeconds.observe(ms / 1000);
  return { now: opts.now.toISOString(), dryRun: Boolean(opts.dryRun), cases, batches, ...totals, actions, ms: Math.round(ms * 10) / 10 };
}

interface Batch { n: number; decisions: { orgId: string; decision: CaseDecision }[]; counts: WriteCounts }

export interface ReplanResult extends WriteCounts { caseId: string | null; status: 'open' | 'closed' | null; nextActionAt: string | null }

/**
 * Re-plans one customer's case now (after a payment, a dispute, a new invoice): opens or closes it from
 * the ledger, then plans it as the tick would. Runs on the caller's transaction when given one.
 */
export async function replanCase(q: Queryable, orgId: string, customerId: string, now: Date): Promise<ReplanResult> {
  // opening only: a case left with no balance is closed by planning it, which cancels and records as the tick does
  await syncCases(q, orgId, now, { customerId, close: false });
  const claimed = await claimCustomerCase(q, orgId, customerId);
  if (!claimed) return { ...empty(), caseId: null, status: null, nextActionAt: null };
  const decisions = await decideAll(q, [claimed], new OrgPlanningCache(true), now);
  const counts = await writeDecisions(q, decisions, now);
  const update = decisions[0]?.decision.update;
  return { ...counts, caseId: claimed.id, status: update?.status ?? null, nextActionAt: update?.next_action_at ?? null };
}

/**
 * Re-plans the cases of several customers at once (after a batch of payments): the same steps as replanCase, each one
 * statement for all of them. Runs on the caller's transaction when given one.
 */
export async function replanCustomers(q: Queryable, orgId: string, customerIds: string[], now: Date): Promise<WriteCounts> {
  const who = [...new Set(customerIds)];
  if (!who.length) return empty();
  await syncCases(q, orgId, now, { customerIds: who, close: false });
  const claimed = await claimCustomerCases(q, orgId, who);
  if (!claimed.length) return empty();
  const decisions = await decideAll(q, claimed, new OrgPlanningCache(true), now);
  return writeDecisions(q, decisions, now);
}
