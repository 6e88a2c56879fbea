// A demo debtor the browser tests act as: the first open case (after a tick opened them) whose customer has a phone.
import assert from 'node:assert/strict';
import type { Served } from './support.ts';

export interface DemoDebtor { customerId: string; caseId: string; phone: string; org: string }

export async function demoDebtorWithPhone(s: Served): Promise<DemoDebtor> {
  const org = (await s.api<{ org: { id: string } }>('/v1/me')).org.id;
  const cases = await s.api<{ data: { id: string; customer_id: string }[] }>('/v1/cases?status=open');
  for (const c of cases.data) {
    const customer = await s.api<{ id: string; phone: string | null }>(`/v1/customers/${c.customer_id}`);
    if (customer.phone) return { customerId: customer.id, caseId: c.id, phone: customer.phone, org };
  }
  assert.fail('a demo customer with an open case and a phone');
}
