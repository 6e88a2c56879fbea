// Applying staged payments inside the import's transaction: each one recorded as the API would, skipping repeats.
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/index.ts';
import { recordPayment } from '../payments.ts';
import type { RowError, PaymentRow } from './rows.ts';

interface Staged extends PaymentRow { line: number }

/** A stable key for a payment with no external id: its content plus how often that content came before in the file. */
function fingerprint(r: Staged, seen: Map<string, number>): string {
  const base = [r.customer_external_id, r.amount, r.currency, r.date, r.reference ?? '', r.invoice_number ?? ''].join('|');
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return `imp_${createHash('sha256').update(`${base}|${n}`).digest('hex').slice(0, 32)}`;
}

export async function applyPayments(
  q: Queryable, orgId: string, actor: string, table: string,
): Promise<{ inserted: number; unchanged: number; errors: RowError[] }> {
  const customers = new Map<string, string | null>();
  const seen = new Map<string, number>();
  const errors: RowError[] = [];
  let inserted = 0;
  let unchanged = 0;
  let last = 0;
  for (;;) {
    const batch = await q.query<Staged>(`SELECT * FROM ${table} WHERE line > $1 ORDER BY line LIMIT 2000`, [last]);
    if (batch.length === 0) break;
    for (const r of batch) {
      last = r.line;
      const externalId = r.external_id ?? fingerprint(r, seen);
      if (!customers.has(r.customer_external_id)) {
        const c = await q.query<{ id: string }>('SELECT id FROM customers WHERE org_id = $1 AND external_id = $2', [orgId, r.customer_external_id]);
        customers.set(r.customer_external_id, c[0]?.id ?? null);
      }
      const customerId = customers.get(r.customer_external_id);
      if (!customerId) { errors.push({ line: r.line, column: 'customer_external_id', reason: `no customer "${r.customer_external_id}"` }); continue; }
      const dup = await q.query('SELECT 1 FROM payments WHERE org_id = $1 AND external_id = $2', [orgId, externalId]);
      if (dup.length) { unchanged++; continue; }
      let allocations: { invoice_id: string; amount: number }[] | undefined;
      if (r.invoice_number) {
        const inv = await q.query<{ id: string; customer_id: string; currency: string; balance: number }>(
          'SELECT id, customer_id, currency, balance FROM invoices WHERE org_id = $1 AND number = $2', [orgId, r.invoice_number]);
        const i = inv[0];
        if (!i) { errors.push({ line: r.line, column: 'invoice_number', reason: `no invoice "${r.invoice_number}"` }); continue; }
        if (i.customer_id !== customerId) { errors.push({ line: r.line, column: 'invoice_number', reason: `invoice "${r.invoice_number}" belongs to another customer` }); continue; }
        if (i.currency !== r.currency) { errors.push({ line: r.line, column: 'currency', reason: `invoice "${r.invoice_number}" is in ${i.currency}` }); continue; }
        allocations = i.balance > 0 ? [{ invoice_id: i.id, amount: Math.min(i.balance, r.amount) }] : [];
      }
      if (errors.length) continue; // the file will be rejected: keep checking, stop writing
      const res = await recordPayment(q, orgId, actor, {
        customer_id: customerId, amount: r.amount, currency: r.currency, date: r.date, method: r.method, reference: r.reference,
        source: 'import', external_id: externalId, ...(allocations ? { allocations } : {}),
      });
      if (!res.ok) errors.push({ line: r.line, column: res.error.field ?? 'amount', reason: res.error.message });
      else inserted++;
    }
  }
  return { inserted, unchanged, errors };
}
