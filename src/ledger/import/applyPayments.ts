// Applying staged payments inside the import's transaction, a chunk of rows at a time: the chunk's customers, repeats and
// invoices read in three statements, allocations planned in memory as recordPayment plans them (explicit or oldest due
// first, the rest as credit), then payments, allocations, balances, audit entries and events written in one statement each.
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/index.ts';
import { newId } from '../../domain/ids.ts';
import { recordAuditBatch, type AuditEntry } from '../../audit/index.ts';
import { emitEvents, type NewEvent } from '../../events/index.ts';
import { refreshInvoices } from '../balances.ts';
import type { RowError, PaymentRow } from './rows.ts';

interface Staged extends PaymentRow { line: number }

interface Inv { id: string; number: string; customer_id: string; currency: string; balance: number; status: string }

type Planned = { invoice_id: string; amount: number }[];

/** A stable key for a payment with no external id: its content plus how often that content came before in the file. */
function fingerprint(r: Staged, seen: Map<string, number>): string {
  const base = [r.customer_external_id, r.amount, r.currency, r.date, r.reference ?? '', r.invoice_number ?? ''].join('|');
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return `imp_${createHash('sha256').update(`${base}|${n}`).digest('hex').slice(0, 32)}`;
}

/** What a chunk writes once its rows are planned. */
class Writes {
  payments: Record<string, unknown>[] = [];
  allocations: { id: string; payment_id: string; invoice_id: string; amount: number }[] = [];
  audit: Omit<AuditEntry, 'orgId'>[] = [];
  events: NewEvent[] = [];
  touched = new Set<string>();
}

export async function applyPayments(
  q: Queryable, orgId: string, actor: string, table: string,
): Promise<{ inserted: number; unchanged: number; errors: RowError[]; customers: string[] }> {
  const customers = new Map<string, string | null>();
  const paying = new Set<string>();
  const seen = new Map<string, number>();
  const recorded = new Set<string>();
  const errors: RowError[] = [];
  let inserted = 0;
  let unchanged = 0;
  let last = 0;
  for (;;) {
    const batch = await q.query<Staged>(`SELECT * FROM ${table} WHERE line > $1 ORDER BY line LIMIT 2000`, [last]);
    if (batch.length === 0) break;
    last = batch[batch.length - 1]!.line;
    const keys = batch.map((r) => r.external_id ?? fingerprint(r, seen));
    const unknown = [...new Set(batch.map((r) => r.customer_external_id).filter((c) => !customers.has(c)))];
    if (unknown.length) {
      const found = await q.query<{ id: string; external_id: string }>(
        'SELECT id, external_id FROM customers WHERE org_id = $1 AND external_id = ANY($2::text[])', [orgId, unknown]);
      for (const c of unknown) customers.set(c, null);
      for (const c of found) customers.set(c.external_id, c.id);
    }
    const existing = new Set((await q.query<{ external_id: string }>(
      'SELECT external_id FROM payments WHERE org_id = $1 AND external_id = ANY($2::text[])', [orgId, keys])).map((p) => p.external_id));
    const ids = [...new Set(batch.map((r) => customers.get(r.customer_external_id)).filter((c): c is string => !!c))];
    const numbers = [...new Set(batch.map((r) => r.invoice_number).filter((n): n is string => !!n))];
    // the same order and locks as recordPayment's oldest-first read, for every invoice the chunk may pay
    const invoices = await q.query<Inv>(
      `SELECT id, number, customer_id, currency, balance, status FROM invoices
       WHERE org_id = $1 AND (customer_id = ANY($2::text[]) OR number = ANY($3::text[]))
       ORDER BY due_date, issue_date, number FOR UPDATE`, [orgId, ids, numbers]);
    const byNumber = new Map(invoices.map((i) => [i.number, i]));
    const byId = new Map(invoices.map((i) => [i.id, i]));
    const w = new Writes();
    for (const [k, r] of batch.entries()) {
      const externalId = keys[k]!;
      const customerId = customers.get(r.customer_external_id);
      if (!customerId) { errors.push({ line: r.line, column: 'customer_external_id', reason: `no customer "${r.customer_external_id}"` }); continue; }
      if (existing.has(externalId) || recorded.has(externalId)) { unchanged++; continue; }
      let plan: Planned;
      if (r.invoice_number) {
        const i = byNumber.get(r.invoice_number);
        if (!i) { errors.push({ line: r.line, column: 'invoice_number', reason: `no invoice "${r.invoice_number}"` }); continue; }
        if (i.customer_id !== customerId) { errors.push({ line: r.line, column: 'invoice_number', reason: `invoice "${r.invoice_number}" belongs to another customer` }); continue; }
        if (i.currency !== r.currency) { errors.push({ line: r.line, column: 'currency', reason: `invoice "${r.invoice_number}" is in ${i.currency}` }); continue; }
        if (errors.length) continue; // the file will be rejected: keep checking, stop writing
        if (i.balance > 0 && i.status === 'cancelled') {
          errors.push({ line: r.line, column: 'allocations[0].invoice_id', reason: `invoice ${i.number} is cancelled` });
          continue;
        }
        plan = i.balance > 0 ? [{ invoice_id: i.id, amount: Math.min(i.balance, r.amount) }].filter((a) => a.amount > 0) : [];
      } else {
        if (errors.length) continue;
        plan = oldestFirst(invoices, customerId, r.currency, r.amount);
      }
      record(w, orgId, actor, byId, r, customerId, externalId, plan);
      paying.add(customerId);
      recorded.add(externalId);
      inserted++;
    }
    await flush(q, orgId, w); // after an error too: the later chunks read what the earlier rows wrote, as row by row
  }
  return { inserted, unchanged, errors, customers: [...paying] };
}

/** recordPayment's plan when no invoice is named: the customer's open invoices in that currency, oldest due first. */
function oldestFirst(invoices: Inv[], customerId: string, currency: string, amount: number): Planned {
  const plan: Planned = [];
  let left = amount;
  for (const inv of invoices) {
    if (left <= 0) break;
    if (inv.customer_id !== customerId || inv.currency !== currency || inv.balance <= 0) continue;
    if (inv.status !== 'open' && inv.status !== 'partially_paid') continue;
    const take = Math.min(left, inv.balance);
    plan.push({ invoice_id: inv.id, amount: take });
    left -= take;
  }
  return plan;
}

/** One payment planned: its rows, audit entry and event queued, the balances it pays lowered in memory. */
function record(w: Writes, orgId: string, actor: string, byId: Map<string, Inv>, r: Staged, customerId: string, externalId: string, plan: Planned): void {
  const id = newId('payment');
  const unapplied = r.amount - plan.reduce((s, a) => s + a.amount, 0);
  const source = 'import';
  w.payments.push({ id, customer_id: customerId, external_id: externalId, amount: r.amount, currency: r.currency, date: r.date,
    method: r.method ?? null, reference: r.reference ?? null, source, unapplied });
  for (const a of plan) {
    w.allocations.push({ id: newId('allocation'), payment_id: id, invoice_id: a.invoice_id, amount: a.amount });
    w.touched.add(a.invoice_id);
    byId.get(a.invoice_id)!.balance -= a.amount;
  }
  w.audit.push({ actor, action: 'payment.recorded', entity: 'payment', entityId: id,
    data: { amount: r.amount, currency: r.currency, allocations: plan } });
  w.events.push({ orgId, type: 'payment.received', subject: id, customerId, data: {
    payment_id: id, customer_id: customerId, external_id: externalId, amount: r.amount, currency: r.currency, date: r.date,
    source, unapplied, allocations: plan } });
}

async function flush(q: Queryable, orgId: string, w: Writes): Promise<void> {
  if (w.payments.length === 0) return;
  await q.query(
    `INSERT INTO payments (id, org_id, customer_id, external_id, amount, currency, date, method, reference, source, unapplied)
     SELECT x.id, $1, x.customer_id, x.external_id, x.amount, x.currency, x.date, x.method, x.reference, x.source, x.unapplied
     FROM jsonb_to_recordset($2::jsonb) AS x(id text, customer_id text, external_id text, amount bigint, currency text, date date,
       method text, reference text, source text, unapplied bigint)`, [orgId, JSON.stringify(w.payments)]);
  if (w.allocations.length) {
    await q.query(
      `INSERT INTO allocations (id, org_id, payment_id, invoice_id, amount)
       SELECT x.id, $1, x.payment_id, x.invoice_id, x.amount
       FROM jsonb_to_recordset($2::jsonb) AS x(id text, payment_id text, invoice_id text, amount bigint)`,
      [orgId, JSON.stringify(w.allocations)]);
  }
  await refreshInvoices(q, orgId, [...w.touched]);
  await recordAuditBatch(q, orgId, w.audit, new Date());
  await emitEvents(q, w.events);
}
