// Test factories for scoring's facts: aCustomerFact(), anInvoiceFact(), with dates as calendar days.
import { dayNumber } from '../domain/dates.ts';
import type { CustomerFact, InvoiceFact, Portfolio } from './types.ts';

let n = 0;

export function anInvoiceFact(over: Partial<Omit<InvoiceFact, 'issue' | 'due' | 'settled'>> & { issue?: string; due?: string; settled?: string | null } = {}): InvoiceFact {
  n += 1;
  const { issue = '2025-01-01', due, settled = null, ...rest } = over;
  return {
    id: `inv_${n}`, number: `N${n}`, customer: 0, currency: 'USD', amount: 10_000, balance: settled ? 0 : 10_000,
    issue: dayNumber(issue), due: due ? dayNumber(due) : dayNumber(issue) + 30, settled: settled ? dayNumber(settled) : null,
    writtenOff: false, disputedOn: null, paperless: null, open: !settled, ...rest,
  };
}

export function aCustomerFact(invoices: InvoiceFact[], over: Partial<CustomerFact> = {}): CustomerFact {
  n += 1;
  return { id: `cus_${n}`, externalId: `C${n}`, country: 'MX', invoices: [...invoices].sort((a, b) => a.issue - b.issue), promises: [], sent: [], replies: [], ...over };
}

export function aPortfolio(customers: CustomerFact[]): Portfolio {
  return { customers };
}
