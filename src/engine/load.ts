// Reading cases for the tick: claiming due ones (FOR UPDATE SKIP LOCKED) and loading their invoices,
// actions and payment history with one set-based query each, never one query per case.
import type { Queryable } from '../db/index.ts';
import type { CaseRow, CustomerRow } from './case-rows.ts';
import type { CaseInput, StoredActionWithCycle } from './decide.ts';
import type { CaseInvoice } from './case-state.ts';

export interface ClaimedCase extends CaseRow {
  org_id: string;
  customer: CustomerRow;
  org_country: string | null;
  org_timezone: string;
}

type ClaimRow = CaseRow & Omit<CustomerRow, 'id' | 'average_days_late'> & { org_id: string; org_country: string | null; org_timezone: string };

const CLAIM_COLUMNS = `c.id, c.org_id, c.customer_id, c.strategy_id, c.strategy_version, c.segment_id, c.current_step_id, c.cycle,
  c.anchor_due_date, c.paused_until, c.escalated, cu.country, cu.timezone, cu.email, cu.phone, cu.whatsapp,
  cu.preferred_channel, cu.tags, o.country AS org_country, o.default_timezone AS org_timezone`;
const CLAIM_FROM = 'cases c JOIN customers cu ON cu.id = c.customer_id JOIN orgs o ON o.id = c.org_id';

function toClaimed(r: ClaimRow): ClaimedCase {
  return {
    ...r, customer: { id: r.customer_id, country: r.country, timezone: r.timezone, email: r.email, phone: r.phone,
      whatsapp: r.whatsapp, preferred_channel: r.preferred_channel, tags: r.tags, average_days_late: null },
  };
}

/**
 * Locks up to `limit` open cases whose next_action_at has come; cases another process holds are skipped.
 * Ordered by next_action_at alone, so the index gives the order: a tie-break on id made every claim sort all due cases.
 */
export async function claimDue(q: Queryable, now: Date, limit: number, orgId: string | null, lock: boolean): Promise<ClaimedCase[]> {
  const rows = await q.query<ClaimRow>(
    `SELECT ${CLAIM_COLUMNS} FROM ${CLAIM_FROM}
     WHERE c.status = 'open' AND c.next_action_at <= $1 AND ($2::text IS NULL OR c.org_id = $2)
     ORDER BY c.next_action_at LIMIT $3 ${lock ? 'FOR UPDATE OF c SKIP LOCKED' : ''}`,
    [now.toISOString(), orgId, limit]);
  return rows.map(toClaimed);
}

/** Due cases after a given (next_action_at, id), without locking: dry runs page through them. */
export async function peekDue(q: Queryable, now: Date, limit: number, orgId: string | null, after: { at: string; id: string } | null): Promise<(ClaimedCase & { next_action_at: string })[]> {
  const rows = await q.query<ClaimRow & { next_action_at: string }>(
    `SELECT ${CLAIM_COLUMNS}, c.next_action_at FROM ${CLAIM_FROM}
     WHERE c.status = 'open' AND c.next_action_at <= $1 AND ($2::text IS NULL OR c.org_id = $2)
       AND ($4::timestamptz IS NULL OR (c.next_action_at, c.id) > ($4::timestamptz, $5::text))
     ORDER BY c.next_action_at, c.id LIMIT $3`,
    [now.toISOString(), orgId, limit, after?.at ?? null, after?.id ?? '']);
  return rows.map((r) => ({ ...toClaimed(r), next_action_at: r.next_action_at }));
}

/** One case of a customer, locked, for event-driven re-planning. */
export async function claimCustomerCase(q: Queryable, orgId: string, customerId: string): Promise<ClaimedCase | null> {
  const rows = await q.query<ClaimRow>(
    `SELECT ${CLAIM_COLUMNS} FROM ${CLAIM_FROM} WHERE c.org_id = $1 AND c.customer_id = $2 AND c.status = 'open' FOR UPDATE OF c`,
    [orgId, customerId]);
  return rows[0] ? toClaimed(rows[0]) : null;
}

interface InvoiceRow { id: string; customer_id: string; number: string; currency: string; balance: number; due_date: string; disputed: boolean }

/** Invoices, actions and (when asked) payment history for a batch of claimed cases: one query each, whatever the batch size. */
export async function loadInputs(q: Queryable, cases: ClaimedCase[], withHistory: boolean): Promise<Map<string, CaseInput>> {
  const orgIds = [...new Set(cases.map((c) => c.org_id))];
  const customerIds = cases.map((c) => c.customer_id);
  // one after another: a transaction is one connection, and PGlite runs one statement at a time
  const invoices = await q.query<InvoiceRow>(
      `SELECT id, customer_id, number, currency, balance, due_date, disputed FROM invoices
       WHERE org_id = ANY($1::text[]) AND customer_id = ANY($2::text[]) AND balance > 0 AND NOT cancelled`, [orgIds, customerIds]);
  // by case id only (the index), the cycle filter in JS: an OR across the join made PostgreSQL scan the whole outbox
  const cycles = new Map(cases.map((c) => [c.id, c.cycle]));
  const actions = (await q.query<StoredActionWithCycle>(
    `SELECT case_id, idempotency_key, step_id, occurrence, status, scheduled_for, cycle FROM actions WHERE case_id = ANY($1::text[])`,
    [cases.map((c) => c.id)])).filter((a) => a.cycle >= (cycles.get(a.case_id) ?? 0) || a.status === 'planned');
  const history = withHistory ? await averageDaysLate(q, orgIds, customerIds) : new Map<string, number>();
  const byCustomer = new Map<string, CaseInput['invoices']>();
  for (const i of invoices) {
    const list = byCustomer.get(i.customer_id) ?? [];
    list.push({ id: i.id, number: i.number, balance: { amount: i.balance, currency: i.currency }, dueDate: i.due_date, disputed: i.disputed });
    byCustomer.set(i.customer_id, list);
  }
  const byCase = new Map<string, StoredActionWithCycle[]>();
  for (const a of actions) byCase.set(a.case_id, [...(byCase.get(a.case_id) ?? []), a]);
  return new Map(cases.map((c) => [c.id, {
    row: c, customer: { ...c.customer, average_days_late: history.get(c.customer_id) ?? null },
    invoices: byCustomer.get(c.customer_id) ?? [], actions: byCase.get(c.id) ?? [],
  }]));
}

/** Average days late over each customer's paid invoices (the last payment's date against the due date). */
async function averageDaysLate(q: Queryable, orgIds: string[], customerIds: string[]): Promise<Map<string, number>> {
  const rows = await q.query<{ customer_id: string; adl: number }>(
    `SELECT i.customer_id, round(avg(GREATEST(x.paid_on - i.due_date, 0)), 1)::float8 AS adl
     FROM invoices i JOIN LATERAL (
       SELECT max(p.date) AS paid_on FROM allocations l JOIN payments p ON p.id = l.payment_id
       WHERE l.invoice_id = i.id AND l.reversed_at IS NULL) x ON x.paid_on IS NOT NULL
     WHERE i.org_id = ANY($1::text[]) AND i.customer_id = ANY($2::text[]) AND i.status = 'paid'
     GROUP BY i.customer_id`, [orgIds, customerIds]);
  return new Map(rows.map((r) => [r.customer_id, Number(r.adl)]));
}

export type { CaseInvoice };
