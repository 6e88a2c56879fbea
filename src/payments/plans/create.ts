// Making a plan: the schedule for what the customer owes in one currency (open, undisputed invoices), previewed or saved
// with its instalments; interest, when the org charges it, goes onto the ledger as an `interest` adjustment so the plan's
// invoices owe exactly what the schedule adds up to. A plan replaces a pending promise and re-plans the case.
import type { Queryable } from '../../db/index.ts';
import { fail, newId, ok, type CalendarDate, type Result } from '../../domain/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { emitEvent } from '../../events/index.ts';
import { applyAdjustment } from '../../ledger/index.ts';
import { dueOnBusinessDays, replanCase } from '../../engine/index.ts';
import { checkDate, lockCustomer, owedByCurrency, owedIn, type ArrangementSource, type CustomerContext, type Owed } from '../arrangements-common.ts';
import { getLimits } from '../limits-store.ts';
import { FREQUENCIES, type Frequency, type NegotiationLimits } from '../limits.ts';
import { replacePendingPromise } from '../promises.ts';
import { buildSchedule, scheduleOptions, type PlanOption, type Schedule } from './schedule.ts';
import { getPlan, type Plan } from './read.ts';

export interface PlanRequest {
  customerId: string;
  instalments: number;
  downPayment?: number;
  frequency?: Frequency;
  firstDueDate?: CalendarDate;
  /** The currency most is owed in when absent. */
  currency?: string;
  source: ArrangementSource;
}

export interface PlanPreview extends Schedule { customer_id: string; invoice_ids: string[] }

/** Monthly when the org allows it, else the first frequency it allows. */
function defaultFrequency(limits: NegotiationLimits): Frequency {
  return limits.frequencies.includes('monthly') ? 'monthly' : limits.frequencies[0] ?? 'monthly';
}

interface Prepared { customer: CustomerContext; owed: Owed; limits: NegotiationLimits; schedule: Schedule }

async function prepare(q: Queryable, orgId: string, input: PlanRequest, now: Date): Promise<Result<Prepared>> {
  const customer = await lockCustomer(q, orgId, input.customerId, now);
  if (!customer.ok) return customer;
  if (input.frequency !== undefined && !FREQUENCIES.includes(input.frequency)) return fail('VALIDATION_FAILED', `frequency is one of ${FREQUENCIES.join(', ')}`, 'frequency');
  if (input.firstDueDate !== undefined) {
    const d = checkDate(input.firstDueDate, 'firstDueDate');
    if (!d.ok) return d;
  }
  const owed = await owedIn(q, orgId, customer.value.id, input.currency);
  if (!owed.ok) return owed;
  const limits = await getLimits(q, orgId);
  const schedule = buildSchedule({
    balance: { amount: owed.value.balance, currency: owed.value.currency }, instalments: input.instalments, frequency: input.frequency ?? defaultFrequency(limits),
    startDate: customer.value.today, ...(input.downPayment !== undefined ? { downPayment: input.downPayment } : {}),
    ...(input.firstDueDate ? { firstDueDate: input.firstDueDate } : {}), dueOn: await dueOnBusinessDays(q, orgId, customer.value.country, customer.value.region),
  }, limits);
  if (!schedule.ok) return schedule;
  return ok({ customer: customer.value, owed: owed.value, limits, schedule: schedule.value });
}

/** The schedule a plan would have, without saving anything. */
export async function previewPlan(q: Queryable, orgId: string, input: PlanRequest, now: Date): Promise<Result<PlanPreview>> {
  const p = await prepare(q, orgId, input, now);
  if (!p.ok) return p;
  return ok({ ...p.value.schedule, customer_id: p.value.customer.id, invoice_ids: p.value.owed.invoices.map((i) => i.id) });
}

/** What the portal offers: every count and frequency within the limits for what is owed in the main currency. */
export async function planOptions(q: Queryable, orgId: string, customerId: string, now: Date): Promise<Result<PlanOption[]>> {
  const customer = await lockCustomer(q, orgId, customerId, now);
  if (!customer.ok) return customer;
  const [active] = await q.query<{ id: string }>(`SELECT id FROM plans WHERE org_id = $1 AND customer_id = $2 AND status = 'active'`, [orgId, customer.value.id]);
  if (active) return fail('CONFLICT', `plan ${active.id} is active`, 'customerId');
  const [owed] = await owedByCurrency(q, orgId, customer.value.id);
  if (!owed) return ok([]);
  return ok(scheduleOptions({ amount: owed.balance, currency: owed.currency }, customer.value.today, await getLimits(q, orgId),
    await dueOnBusinessDays(q, orgId, customer.value.country, customer.value.region)));
}

/** Saves the plan and its instalments, puts its interest on the ledger, replaces a pending promise, re-plans the case. */
export async function createPlan(q: Queryable, orgId: string, actor: string, input: PlanRequest, now: Date): Promise<Result<Plan>> {
  const p = await prepare(q, orgId, input, now);
  if (!p.ok) return p;
  const { customer, owed, limits, schedule: s } = p.value;
  const [active] = await q.query<{ id: string }>(`SELECT id FROM plans WHERE org_id = $1 AND customer_id = $2 AND status = 'active'`, [orgId, customer.id]);
  if (active) return fail('CONFLICT', `plan ${active.id} is active: cancel it first`, 'customerId');
  const id = newId('plan');
  const regular = s.instalments.filter((i) => i.seq > 0).length;
  await q.query(
    `INSERT INTO plans (id, org_id, customer_id, currency, principal, interest, total, down_payment, instalment_count, frequency, interest_bp,
       start_date, grace_days, invoice_ids, source, actor, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
    [id, orgId, customer.id, s.currency, s.principal, s.interest, s.total, s.downPayment, regular, s.frequency, s.interestAnnualBp,
      s.startDate, limits.instalmentGraceDays, owed.invoices.map((i) => i.id), input.source, actor, now.toISOString()]);
  await q.query(
    `INSERT INTO plan_instalments (plan_id, org_id, seq, due_date, principal, interest, amount)
     SELECT $1, $2, x.seq, x.due_date, x.principal, x.interest, x.amount
     FROM jsonb_to_recordset($3::jsonb) AS x(seq int, due_date date, principal bigint, interest bigint, amount bigint)`,
    [id, orgId, JSON.stringify(s.instalments.map((i) => ({ seq: i.seq, due_date: i.dueDate, principal: i.principal, interest: i.interest, amount: i.amount })))]);
  if (s.interest > 0) {
    // on the invoice due last: the one the last instalments pay
    const last = owed.invoices[owed.invoices.length - 1]!;
    const adj = await applyAdjustment(q, orgId, actor, { invoice_id: last.id, kind: 'interest', amount: s.interest, date: s.startDate,
      reason: `interest of plan ${id}: ${s.interestAnnualBp / 100}% a year, simple` });
    if (!adj.ok) return adj;
    await q.query('UPDATE plans SET interest_adjustment_id = $3 WHERE org_id = $1 AND id = $2', [orgId, id, adj.value.id]);
  }
  await replacePendingPromise(q, orgId, actor, customer.id, id, now);
  await recordAudit(q, { orgId, actor, action: 'plan.created', entity: 'customer', entityId: customer.id,
    data: { plan: id, currency: s.currency, principal: s.principal, interest: s.interest, down_payment: s.downPayment, instalments: regular,
      frequency: s.frequency, source: input.source } }, now);
  await emitEvent(q, { orgId, type: 'plan.created', subject: id, customerId: customer.id, at: now, data: { plan_id: id, customer_id: customer.id,
    currency: s.currency, principal: s.principal, interest: s.interest, total: s.total, down_payment: s.downPayment, instalments: regular,
    frequency: s.frequency, start_date: s.startDate, source: input.source } });
  await replanCase(q, orgId, customer.id, now);
  return getPlan(q, orgId, id);
}
