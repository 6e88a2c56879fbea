// The worklist of a day: the open tasks of the people asked for, each with what is owed past due, the latest risk score
// (when the org has scored), its place in the order and the reason in words.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';
import { daysBetween } from '../domain/dates.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { worklistRows, type WorklistRow } from '../engine/index.ts';
import { latestRun, latestScores, type StoredScore } from '../scoring/index.ts';
import { rankWorklist, type Basis, type RankInput } from './priority.ts';

export const SCOPES = ['mine', 'unassigned', 'mine_and_unassigned', 'all'] as const;
export type Scope = (typeof SCOPES)[number];
export type Role = 'admin' | 'manager' | 'collector' | 'viewer';

export interface Viewer { role: Role; userId: string | null }

export interface WorklistRequest { date: CalendarDate; scope?: Scope; assignee?: string; kind?: string; limit?: number }

export interface WorkItem extends WorklistRow {
  rank: number; score: number; basis: Basis; waiting: boolean; reason: string;
  currency: string | null; overdue_amount: number; days_past_due: number;
  amount_position: number; amount_of: number;
  probability_late: number | null; expected_recovery: number | null; risk_reason: string | null;
}

export interface Worklist { date: CalendarDate; scope: Scope | 'assignee'; assignee: string | null; scored_as_of: string | null; data: WorkItem[] }

/** Who the list is for: a collector sees their own; managers and admins theirs and the unassigned by default, or anyone's. */
export function resolveScope(viewer: Viewer, req: Pick<WorklistRequest, 'scope' | 'assignee'>): Result<{ scope: Scope | 'assignee'; assignees: (string | null)[] | 'all' }> {
  const manages = viewer.role === 'admin' || viewer.role === 'manager';
  if (req.assignee) {
    if (!manages && req.assignee !== viewer.userId) return fail('FORBIDDEN', `the ${viewer.role} role sees only its own worklist`, 'assignee');
    return ok({ scope: 'assignee', assignees: [req.assignee] });
  }
  const scope = req.scope ?? (viewer.role === 'collector' ? 'mine' : viewer.userId && manages ? 'mine_and_unassigned' : 'all');
  if (viewer.role === 'collector' && scope !== 'mine') return fail('FORBIDDEN', 'a collector sees only the tasks assigned to them', 'scope');
  if ((scope === 'mine' || scope === 'mine_and_unassigned') && !viewer.userId) {
    return fail('VALIDATION_FAILED', `scope ${scope} needs a signed-in user; an API key asks with assignee or scope=all`, 'scope');
  }
  const me = viewer.userId;
  const assignees = scope === 'all' ? 'all' as const : scope === 'mine' ? [me] : scope === 'unassigned' ? [null] : [me, null];
  return ok({ scope, assignees });
}

interface Risk { probabilityLate: number; expectedRecovery: number; reason: string | null }

/** The customer's risk in a currency from the latest run: probabilities weighted by balance, the largest invoice's main reason. */
export function customerRisk(scores: readonly StoredScore[], currency: string): Risk | null {
  const mine = scores.filter((s) => s.currency === currency && s.balance > 0);
  const total = mine.reduce((n, s) => n + s.balance, 0);
  if (total === 0) return null;
  const largest = [...mine].sort((a, b) => b.balance - a.balance)[0]!;
  const top = [...largest.reasons].filter((r) => r.effect > 0).sort((a, b) => b.effect - a.effect)[0];
  return { probabilityLate: mine.reduce((n, s) => n + s.probability_late * s.balance, 0) / total,
    expectedRecovery: mine.reduce((n, s) => n + s.expected_recovery, 0), reason: top?.text ?? null };
}

/** Today's (or a day's) tasks for the viewer, in working order. */
export async function worklist(q: Queryable, orgId: string, viewer: Viewer, req: WorklistRequest, now: Date): Promise<Result<Worklist>> {
  const who = resolveScope(viewer, req);
  if (!who.ok) return who;
  const rows = await worklistRows(q, orgId, { date: req.date, assignees: who.value.assignees, ...(req.kind ? { kind: req.kind } : {}), limit: req.limit ?? 500 });
  const run = await latestRun(q, orgId);
  const byCustomer = new Map<string, Risk | null>();
  const risks = new Map<string, Risk | null>();
  const inputs: RankInput[] = [];
  for (const r of rows) {
    const main = r.overdue[0] ?? null;
    let risk: Risk | null = null;
    if (run && main) {
      const key = `${r.customer_id} ${main.currency}`;
      if (!byCustomer.has(key)) byCustomer.set(key, customerRisk((await latestScores(q, orgId, { customerId: r.customer_id, limit: 1000 })).data, main.currency));
      risk = byCustomer.get(key) ?? null;
    }
    risks.set(r.id, risk);
    inputs.push({ id: r.id, priority: r.priority, dueAt: r.due_at ? new Date(r.due_at) : null,
      overdue: main ? { currency: main.currency, amount: main.amount, invoices: main.invoices } : null,
      daysPastDue: main ? Math.max(0, daysBetween(main.oldest_due, req.date)) : 0,
      risk: risk ? { probabilityLate: risk.probabilityLate, reason: risk.reason } : null });
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const inputById = new Map(inputs.map((i) => [i.id, i]));
  const data = rankWorklist(inputs, now).map((k, n): WorkItem => {
    const row = byId.get(k.id)!;
    const input = inputById.get(k.id)!;
    const risk = risks.get(k.id) ?? null;
    return { ...row, rank: n + 1, score: k.score, basis: k.basis, waiting: k.waiting, reason: k.reason,
      currency: input.overdue?.currency ?? null, overdue_amount: input.overdue?.amount ?? 0, days_past_due: input.daysPastDue,
      amount_position: k.amount.position, amount_of: k.amount.of,
      probability_late: risk ? Math.round(risk.probabilityLate * 10_000) / 10_000 : null, expected_recovery: risk?.expectedRecovery ?? null,
      risk_reason: risk?.reason ?? null };
  });
  return ok({ date: req.date, scope: who.value.scope, assignee: req.assignee ?? null, scored_as_of: run?.as_of ?? null, data });
}
