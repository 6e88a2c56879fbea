// What every arrangement command starts from: the customer locked for the change, the debtor's today, and what they owe
// (open, undisputed invoices per currency, oldest due first).
import type { Queryable } from '../db/index.ts';
import { dateInZone, fail, isCalendarDate, ok, type CalendarDate, type Result } from '../domain/index.ts';

export const ARRANGEMENT_SOURCES = ['portal', 'agent', 'collector', 'api'] as const;
export type ArrangementSource = (typeof ARRANGEMENT_SOURCES)[number];

export interface CustomerContext {
  id: string;
  timezone: string;
  /** The debtor's local date at `now`: promise and plan dates are counted in it. */
  today: CalendarDate;
  /** Whose business days a plan's instalments fall on: the customer's country, else the org's ('' when neither is known). */
  country: string;
  /** The customer's region (ISO 3166-2, 'SP' or 'BR-SP') when the country is the customer's own: its holidays close days too. */
  region: string | null;
}

/**
 * The customer (by id or external id), locked until the transaction ends so two arrangements for one customer are made
 * one after the other.
 */
export async function lockCustomer(q: Queryable, orgId: string, customer: string, now: Date): Promise<Result<CustomerContext>> {
  const [row] = await q.query<{ id: string; tz: string; country: string; region: string | null }>(
    `SELECT c.id, COALESCE(c.timezone, o.default_timezone) AS tz, COALESCE(c.country, o.country, '') AS country,
       CASE WHEN c.country IS NOT NULL THEN c.region END AS region FROM customers c JOIN orgs o ON o.id = c.org_id
     WHERE c.org_id = $1 AND (c.id = $2 OR c.external_id = $2) ORDER BY (c.id = $2) DESC LIMIT 1 FOR UPDATE OF c`, [orgId, customer]);
  if (!row) return fail('NOT_FOUND', `no customer ${customer}`, 'customerId');
  return ok({ id: row.id, timezone: row.tz, today: dateInZone(now, row.tz), country: row.country, region: row.region });
}

export interface OpenInvoice { id: string; number: string; currency: string; balance: number; due_date: CalendarDate }

export interface Owed {
  currency: string;
  balance: number;
  /** Oldest due first. */
  invoices: OpenInvoice[];
}

/** What the customer owes per currency on invoices that are open and not disputed, the currency most is owed in first. */
export async function owedByCurrency(q: Queryable, orgId: string, customerId: string): Promise<Owed[]> {
  const rows = await q.query<OpenInvoice>(
    `SELECT id, number, currency, balance, due_date FROM invoices
     WHERE org_id = $1 AND customer_id = $2 AND balance > 0 AND NOT cancelled AND NOT disputed ORDER BY due_date, number`, [orgId, customerId]);
  const by = new Map<string, Owed>();
  for (const r of rows) {
    const o = by.get(r.currency) ?? { currency: r.currency, balance: 0, invoices: [] };
    o.balance += r.balance;
    o.invoices.push(r);
    by.set(r.currency, o);
  }
  return [...by.values()].sort((a, b) => b.balance - a.balance || a.currency.localeCompare(b.currency));
}

/** What is owed in `currency`, or in the currency most is owed in when none is named. */
export async function owedIn(q: Queryable, orgId: string, customerId: string, currency?: string): Promise<Result<Owed>> {
  const all = await owedByCurrency(q, orgId, customerId);
  const found = currency ? all.find((o) => o.currency === currency) : all[0];
  if (!found) return fail('INVALID_STATE', currency ? `the customer owes nothing in ${currency} on undisputed invoices` : 'the customer owes nothing on undisputed invoices', 'currency');
  return ok(found);
}

export function checkDate(value: string | undefined, field: string): Result<CalendarDate> {
  if (value === undefined || !isCalendarDate(value)) return fail('VALIDATION_FAILED', `${field} must be a date YYYY-MM-DD`, field);
  return ok(value);
}

