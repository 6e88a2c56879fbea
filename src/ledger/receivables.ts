// Read models other capabilities need in bulk: every open invoice of some currencies, and customers' names.
import type { Queryable } from '../db/index.ts';

export interface OpenReceivable {
  id: string;
  number: string;
  customer_id: string;
  currency: string;
  balance: number;
  due_date: string;
}

/** Invoices with something still owed (open, partially paid or disputed) in the given currencies. */
export async function listOpenReceivables(q: Queryable, orgId: string, currencies: string[]): Promise<OpenReceivable[]> {
  if (!currencies.length) return [];
  return q.query<OpenReceivable>(
    `SELECT id, number, customer_id, currency, balance, due_date FROM invoices
     WHERE org_id = $1 AND currency = ANY($2::text[]) AND balance > 0 AND status IN ('open', 'partially_paid', 'disputed')
     ORDER BY due_date, number`, [orgId, currencies]);
}

/** Every customer's id and name, for matching payers by name. */
export async function listCustomerNames(q: Queryable, orgId: string): Promise<{ id: string; name: string }[]> {
  return q.query<{ id: string; name: string }>('SELECT id, name FROM customers WHERE org_id = $1', [orgId]);
}
