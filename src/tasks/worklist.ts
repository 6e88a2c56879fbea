// The worklist of a day: the open tasks of the people asked for, each with what is owed past due, the latest risk score
// (when the org has scored), the expected value of acting on it, its place in the order and the reason in words; the org's
// own open tasks (no customer, no case: a gateway dispute on a payment cobro does not know) among them, owing nothing.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';
import { daysBetween } from '../domain/dates.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { worklistRows, type WorklistRow } from '../engine/index.ts';
import { getOrg } from '../orgs/index.ts';
import { latestRun } from '../scoring/index.ts';
import { rankWorklist, type Basis, type RankInput } from './priority.ts';
import { actionKeys, customerRisks, type CustomerRisk } from './scores.ts';
import { getPrioritySettings } from './settings.ts';
import { actionOf, type Action, type Value } from './value.ts';

export const SCOPES = ['mine', 'unassigned', 'mine_and_unassigned', 'all'] as const;
export type Scope = (typeof SCOPES)[number];
export type Role = 'admin' | 'manager' | 'collector' | 'viewer';

export interface Viewer { role: Role; userId: string | null }

export interface WorklistRequest {
  date: CalendarDate; scope?: Scope; assignee?: string; kind?: string; limit?: number;
  /** org: only the org-level tasks (no customer, no case); customer: only the tasks of cases; neither: both. */
  level?: 'org' | 'customer';
}

export interface WorkItem extends WorklistRow {
  rank: number; score: number; basis: Basis; waiting: boolean; reason: string;
  currency: string | null; overdue_amount: number; days_past_due: number;
  amount_position: number; amount_of: number;
  probability_late: number | null; expected_recovery: number | null; risk_reason: string | null;
  /** The action the task stands for, and the expected value of taking it (minor units of value_of_acting.currency) with its parts. */
  action: Action; expected_value: number; value_of_acting: Value;
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

/** Today's (or a day's) tasks for the viewer, in working order. A fixed number of queries, whatever the list's length. */
export async function worklist(q: Queryable, orgId: string, viewer: Viewer, req: WorklistRequest, now: Date): Promise<Result<Worklist>> {
  const who = resolveScope(viewer, req);
  if (!who.ok) return who;
  const rows = await worklistRows(q, orgId, { date: req.date, assignees: who.value.assignees, ...(req.kind ? { kind: req.kind } : {}), ...(req.level ? { level: req.level } : {}), limit: req.limit ?? 500 });
  const [run, settings, org, keys] = [await latestRun(q, orgId), await getPrioritySettings(q, orgId), await getOrg(q, orgId), await actionKeys(q, orgId, rows.map((r) => r.id))];
  const risks = run ? await customerRisks(q, orgId, run.id, rows.flatMap((r) => (r.customer_id ? [r.customer_id] : [])), req.date) : new Map<string, CustomerRisk>();
  const riskOf = (r: WorklistRow): CustomerRisk | null => (r.overdue[0] ? risks.get(`${r.customer_id} ${r.overdue[0].currency}`) ?? null : null);
  const inputs: RankInput[] = rows.map((r) => {
    const main = r.overdue[0] ?? null;
    const risk = riskOf(r);
    return { id: r.id, priority: r.priority, action: actionOf(r.kind, keys.get(r.id) ?? ''), dueAt: r.due_at ? new Date(r.due_at) : null,
      overdue: main ? { currency: main.currency, amount: main.amount, invoices: main.invoices } : null, fallbackCurrency: org?.default_currency ?? 'USD',
      daysPastDue: main ? Math.max(0, daysBetween(main.oldest_due, req.date)) : 0,
      risk: risk ? { probabilityLate: risk.probabilityLate, recovery: risk.recovery, reason: risk.reason } : null };
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const inputById = new Map(inputs.map((i) => [i.id, i]));
  const data = rankWorklist(inputs, settings, now).map((k, n): WorkItem => {
    const row = byId.get(k.id)!;
    const input = inputById.get(k.id)!;
    const risk = riskOf(row);
    return { ...row, rank: n + 1, score: k.score, basis: k.basis, waiting: k.waiting, reason: k.reason,
      currency: input.overdue?.currency ?? null, overdue_amount: input.overdue?.amount ?? 0, days_past_due: input.daysPastDue,
      amount_position: k.amount.position, amount_of: k.amount.of,
      probability_late: risk ? Math.round(risk.probabilityLate * 10_000) / 10_000 : null, expected_recovery: risk?.expectedRecovery ?? null,
      risk_reason: risk?.reason ?? null, action: k.value.action, expected_value: k.value.expected_value, value_of_acting: k.value };
  });
  return ok({ date: req.date, scope: who.value.scope, assignee: req.assignee ?? null, scored_as_of: run?.as_of ?? null, data });
}
