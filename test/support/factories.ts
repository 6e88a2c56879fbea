// Small factories with defaults for ledger fixtures: aCustomer(), anInvoice(), aPayment().
import type { Queryable } from '../../src/db/index.ts';
import { createCustomer, createInvoice, recordPayment, type NewInvoice, type NewPayment, type CustomerFields } from '../../src/ledger/index.ts';

let n = 0;

export async function aCustomer(q: Queryable, orgId: string, over: Partial<CustomerFields> & { external_id?: string } = {}) {
  n += 1;
  const r = await createCustomer(q, orgId, 'test', { name: `Customer ${n}`, external_id: `C-${n}`, ...over });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export async function anInvoice(q: Queryable, orgId: string, over: Partial<NewInvoice> & { customer_id: string }) {
  n += 1;
  const r = await createInvoice(q, orgId, 'test', {
    number: `INV-${n}`, currency: 'USD', amount: 10_000, issue_date: '2026-01-01', due_date: '2026-01-31', ...over,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export async function aPayment(q: Queryable, orgId: string, over: Partial<NewPayment> & { customer_id: string; amount: number }) {
  const r = await recordPayment(q, orgId, 'test', { currency: 'USD', date: '2026-02-01', ...over });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
