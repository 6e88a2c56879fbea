// Where each dashboard figure leads: the customers (or invoices, payments) behind it, as list filters the API understands.
import { UNPAID } from '../aging/buckets.ts';

const q = (path: string, params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  return `${path}?${s.toString()}`;
};

export const overdueCustomers = (currency: string) => q('/customers', { overdue: 'true', currency });
export const agingOn = (asOf: string) => q('/aging', { as_of: asOf });
/** The customers behind a point of the overdue trend: overdue at the end of that day, by that day's balances. */
export const overdueCustomersOn = (day: string, currency: string) => q('/customers', { overdue_on: day, currency });
export const openInvoices = (currency: string, notDueOnly = false) => q('/invoices', { currency, status: UNPAID, dpd_max: notDueOnly ? 0 : undefined });
export const paymentsBetween = (from: string, to: string) => q('/payments', { from, to });
export const promisedCustomers = (from: string, to: string) => q('/customers', { promised: 'true', from, to });
export const messagedCustomers = (from: string, to: string, channel?: string) => q('/customers', { messaged: 'true', channel, from, to });
/** The accounts behind the contact rate: messaged or called by a person (a call logged) in the period. */
export const contactedCustomers = (from: string, to: string) => q('/customers', { contacted: 'true', from, to });
export const strategyCustomers = (id: string, version: number) => q('/customers', { strategy_id: id, strategy_version: version });
/** The customers of a risk band of the latest score run owing in the currency (unscored: those in no band). */
export const riskCustomers = (band: string, currency: string) => q('/customers', { risk_band: band, currency });
