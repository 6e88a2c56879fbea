// Reading plans with their instalments and what is paid: the plan's invoices owed `total` when it was made (interest
// included), so whatever they no longer owe has been paid towards the plan, and goes to the instalments in order.
import type { Queryable } from '../../db/index.ts';
import { fail, ok, type CalendarDate, type Result } from '../../domain/index.ts';
import type { ArrangementSource } from '../arrangements-common.ts';
import type { Frequency } from '../limits.ts';
import { instalmentProgress, type InstalmentProgress } from './progress.ts';

export type PlanStatus = 'active' | 'completed' | 'broken' | 'cancelled';

export interface PlanInstalment extends InstalmentProgress { principal: number }

export interface Plan {
  id: string;
  customer_id: string;
  currency: string;
  principal: number;
  interest: number;
  total: number;
  down_payment: number;
  instalment_count: number;
  frequency: Frequency;
  interest_bp: number;
  start_date: CalendarDate;
  grace_days: number;
  invoice_ids: string[];
  interest_adjustment_id: string | null;
  source: ArrangementSource;
  actor: string;
  status: PlanStatus;
  broken_seq: number | null;
  end_reason: string | null;
  created_at: string;
  ended_at: string | null;
  /** Paid towards the plan so far. */
  paid: number;
  instalments: PlanInstalment[];
}

/** What the plan's invoices no longer owe of the plan's total. */
export const PLAN_PAID = `GREATEST(p.total - COALESCE((SELECT sum(GREATEST(i.balance, 0)) FROM invoices i
  WHERE i.org_id = p.org_id AND i.id = ANY(p.invoice_ids) AND NOT i.cancelled), 0), 0)::bigint`;

const COLUMNS = `p.id, p.customer_id, p.currency, p.principal, p.interest, p.total, p.down_payment, p.instalment_count, p.frequency,
  p.interest_bp, p.start_date, p.grace_days, p.invoice_ids, p.interest_adjustment_id, p.source, p.actor, p.status, p.broken_seq, p.end_reason,
  p.created_at, p.ended_at, ${PLAN_PAID} AS paid`;

type InstalmentRow = { plan_id: string; seq: number; due_date: string; principal: number; interest: number; amount: number };

async function withInstalments(q: Queryable, orgId: string, plans: Omit<Plan, 'instalments'>[]): Promise<Plan[]> {
  if (plans.length === 0) return [];
  const rows = await q.query<InstalmentRow>(
    `SELECT plan_id, seq, due_date, principal, interest, amount FROM plan_instalments WHERE org_id = $1 AND plan_id = ANY($2::text[]) ORDER BY plan_id, seq`,
    [orgId, plans.map((p) => p.id)]);
  return plans.map((p) => ({
    ...p,
    instalments: instalmentProgress(rows.filter((r) => r.plan_id === p.id).map(({ plan_id: _, ...r }) => r), p.paid),
  }));
}

/** `ended`: only those no longer active; `before`: only those after that one (of the same customer) newest first, a page's cursor. */
export interface PlanFilter { customerId?: string; status?: PlanStatus; ended?: boolean; before?: string; limit?: number }

export async function listPlans(q: Queryable, orgId: string, f: PlanFilter = {}): Promise<Plan[]> {
  const plans = await q.query<Omit<Plan, 'instalments'>>(
    `SELECT ${COLUMNS} FROM plans p WHERE p.org_id = $1 AND ($2::text IS NULL OR p.customer_id = $2) AND ($3::text IS NULL OR p.status = $3)
       AND (NOT $5::boolean OR p.status <> 'active')
       AND ($6::text IS NULL OR (p.created_at, p.id) < (SELECT b.created_at, b.id FROM plans b WHERE b.org_id = $1 AND b.id = $6 AND ($2::text IS NULL OR b.customer_id = $2)))
     ORDER BY p.created_at DESC, p.id DESC LIMIT $4`,
    [orgId, f.customerId ?? null, f.status ?? null, Math.min(f.limit ?? 100, 1000), f.ended === true, f.before ?? null]);
  return withInstalments(q, orgId, plans);
}

export async function getPlan(q: Queryable, orgId: string, id: string, lock = false): Promise<Result<Plan>> {
  const rows = await q.query<Omit<Plan, 'instalments'>>(`SELECT ${COLUMNS} FROM plans p WHERE p.org_id = $1 AND p.id = $2 ${lock ? 'FOR UPDATE OF p' : ''}`, [orgId, id]);
  if (!rows[0]) return fail('NOT_FOUND', `no plan ${id}`, 'id');
  const [plan] = await withInstalments(q, orgId, rows);
  return ok(plan!);
}
