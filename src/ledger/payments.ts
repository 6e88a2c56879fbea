// Payments and their allocations to invoices: explicit, or oldest due first; the rest stays as customer credit.
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { emitEvent } from '../events/index.ts';
import { refreshInvoices } from './balances.ts';
import { Filter, paginate, type Page, type PageParams } from './page.ts';

export interface Allocation { id: string; invoice_id: string; amount: number }

export interface Payment {
  id: string;
  customer_id: string;
  external_id: string;
  amount: number;
  currency: string;
  date: string;
  method: string | null;
  reference: string | null;
  source: string;
  unapplied: number;
  reversed_at: string | null;
  reversal_reason: string | null;
  created_at: string;
  allocations: Allocation[];
}

export interface NewPayment {
  customer_id: string;
  amount: number;
  currency: string;
  date: string;
  method?: string | null;
  reference?: string | null;
  source?: string;
  external_id?: string;
  /** Explicit allocations; when absent the payment pays the oldest due invoices first. */
  allocations?: { invoice_id: string; amount: number }[];
}

const COLUMNS = `id, customer_id, external_id, amount, currency, date, method, reference, source, unapplied,
  reversed_at, reversal_reason, created_at`;

interface OpenInvoice { id: string; number: string; currency: string; balance: number; status: string }

export async function recordPayment(q: Queryable, orgId: string, actor: string, input: NewPayment): Promise<Result<Payment>> {
  const customer = await q.query('SELECT 1 FROM customers WHERE org_id = $1 AND id = $2', [orgId, input.customer_id]);
  if (!customer.length) return fail('NOT_FOUND', `no customer ${input.customer_id}`, 'customer_id');
  const id = newId('payment');
  const externalId = input.external_id ?? id;
  const dup = await q.query('SELECT 1 FROM payments WHERE org_id = $1 AND external_id = $2', [orgId, externalId]);
  if (dup.length) return fail('CONFLICT', `a payment with external_id "${externalId}" exists`, 'external_id');
  const plan = await planAllocations(q, orgId, input);
  if (!plan.ok) return plan;
  const allocated = plan.value.reduce((s, a) => s + a.amount, 0);
  await q.query(
    `INSERT INTO payments (id, org_id, customer_id, external_id, amount, currency, date, method, reference, source, unapplied)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
    [id, orgId, input.customer_id, externalId, input.amount, input.currency, input.date, input.method ?? null,
      input.reference ?? null, input.source ?? 'api', input.amount - allocated],
  );
  for (const a of plan.value) {
    await q.query('INSERT INTO allocations (id, org_id, payment_id, invoice_id, amount) VALUES ($1,$2,$3,$4,$5)',
      [newId('allocation'), orgId, id, a.invoice_id, a.amount]);
  }
  await refreshInvoices(q, orgId, plan.value.map((a) => a.invoice_id));
  await recordAudit(q, { orgId, actor, action: 'payment.recorded', entity: 'payment', entityId: id,
    data: { amount: input.amount, currency: input.currency, allocations: plan.value } });
  await emitEvent(q, { orgId, type: 'payment.received', subject: id, customerId: input.customer_id, data: {
    payment_id: id, customer_id: input.customer_id, external_id: externalId, amount: input.amount, currency: input.currency, date: input.date,
    source: input.source ?? 'api', unapplied: input.amount - allocated, allocations: plan.value } });
  return getPayment(q, orgId, id);
}

async function planAllocations(
  q: Queryable, orgId: string, input: NewPayment,
): Promise<Result<{ invoice_id: string; amount: number }[]>> {
  if (input.allocations) {
    let total = 0;
    const seen = new Set<string>();
    for (const [i, a] of input.allocations.entries()) {
      const rows = await q.query<OpenInvoice & { customer_id: string }>(
        `SELECT id, number, currency, balance, status, customer_id FROM invoices
         WHERE org_id = $1 AND (id = $2 OR number = $2) FOR UPDATE`, [orgId, a.invoice_id]);
      const inv = rows[0];
      const field = `allocations[${i}]`;
      if (!inv) return fail('NOT_FOUND', `no invoice ${a.invoice_id}`, `${field}.invoice_id`);
      if (seen.has(inv.id)) return fail('VALIDATION_FAILED', `invoice ${inv.number} is allocated twice`, `${field}.invoice_id`);
      seen.add(inv.id);
      if (inv.customer_id !== input.customer_id) return fail('VALIDATION_FAILED', `invoice ${inv.number} belongs to another customer`, `${field}.invoice_id`);
      if (inv.currency !== input.currency) return fail('CURRENCY_MISMATCH', `invoice ${inv.number} is in ${inv.currency}, the payment in ${input.currency}`, `${field}.invoice_id`);
      if (inv.status === 'cancelled') return fail('INVALID_STATE', `invoice ${inv.number} is cancelled`, `${field}.invoice_id`);
      if (a.amount > inv.balance) return fail('VALIDATION_FAILED', `allocation of ${a.amount} exceeds the balance ${inv.balance} of invoice ${inv.number}`, `${field}.amount`);
      total += a.amount;
      a.invoice_id = inv.id;
    }
    if (total > input.amount) return fail('VALIDATION_FAILED', `allocations (${total}) exceed the payment (${input.amount})`, 'allocations');
    return ok(input.allocations.filter((a) => a.amount > 0));
  }
  const open = await q.query<OpenInvoice>(
    `SELECT id, number, currency, balance, status FROM invoices
     WHERE org_id = $1 AND customer_id = $2 AND currency = $3 AND balance > 0
       AND status IN ('open', 'partially_paid')
     ORDER BY due_date, issue_date, number FOR UPDATE`, [orgId, input.customer_id, input.currency]);
  const plan: { invoice_id: string; amount: number }[] = [];
  let left = input.amount;
  for (const inv of open) {
    if (left <= 0) break;
    const take = Math.min(left, inv.balance);
    plan.push({ invoice_id: inv.id, amount: take });
    left -= take;
  }
  return ok(plan);
}

export async function getPayment(q: Queryable, orgId: string, id: string): Promise<Result<Payment>> {
  const rows = await q.query<Omit<Payment, 'allocations'>>(
    `SELECT ${COLUMNS} FROM payments WHERE org_id = $1 AND id = $2`, [orgId, id]);
  const p = rows[0];
  if (!p) return fail('NOT_FOUND', `no payment ${id}`, 'id');
  const allocations = await q.query<Allocation>(
    'SELECT id, invoice_id, amount FROM allocations WHERE payment_id = $1 AND reversed_at IS NULL ORDER BY id', [p.id]);
  return ok({ ...p, allocations });
}

/** Reverses a payment (bounced transfer, refund, chargeback): its allocations are undone and balances restored. */
export async function reversePayment(q: Queryable, orgId: string, actor: string, id: string, reason: string): Promise<Result<Payment>> {
  const found = await getPayment(q, orgId, id);
  if (!found.ok) return found;
  if (found.value.reversed_at) return fail('INVALID_STATE', `payment ${id} is already reversed`, 'id');
  await q.query(`UPDATE payments SET reversed_at = now(), reversal_reason = $2, unapplied = 0 WHERE id = $1`, [id, reason]);
  const undone = await q.query<{ invoice_id: string }>(
    'UPDATE allocations SET reversed_at = now() WHERE payment_id = $1 AND reversed_at IS NULL RETURNING invoice_id', [id]);
  await refreshInvoices(q, orgId, undone.map((r) => r.invoice_id));
  await recordAudit(q, { orgId, actor, action: 'payment.reversed', entity: 'payment', entityId: id, data: { reason } });
  return getPayment(q, orgId, id);
}

export interface PaymentFilter extends PageParams { customer_id?: string; from?: string; to?: string }

export async function listPayments(q: Queryable, orgId: string, p: PaymentFilter): Promise<Page<Payment>> {
  const f = new Filter().add('org_id = ?', orgId);
  if (p.customer_id) f.add('customer_id = ?', p.customer_id);
  if (p.from) f.add('date >= ?::date', p.from);
  if (p.to) f.add('date <= ?::date', p.to);
  const page = await paginate((tail, params) => q.query<Omit<Payment, 'allocations'>>(
    `SELECT ${COLUMNS} FROM payments ${tail}`, params), f, 'id', p);
  const ids = page.data.map((r) => r.id);
  const allocs = ids.length ? await q.query<Allocation & { payment_id: string }>(
    'SELECT id, payment_id, invoice_id, amount FROM allocations WHERE payment_id = ANY($1::text[]) AND reversed_at IS NULL ORDER BY id', [ids]) : [];
  return { ...page, data: page.data.map((r) => ({ ...r, allocations: allocs.filter((a) => a.payment_id === r.id)
    .map(({ id: aid, invoice_id, amount }) => ({ id: aid, invoice_id, amount })) })) };
}
