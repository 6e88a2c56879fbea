// `cobro aging`, `cobro customers` and `cobro invoices`: the ledger read from the terminal.
import type { Config } from '../config.ts';
import { agingReport, listCustomers, listInvoices, INVOICE_STATUSES, type InvoiceStatus } from '../ledger/index.ts';
import { dateInZone } from '../domain/dates.ts';
import { customerIdOf, withOrg } from './session.ts';
import { money, table } from './output.ts';

const BUCKETS = [['current', 'current'], ['d1_30', '1-30'], ['d31_60', '31-60'], ['d61_90', '61-90'], ['d91_120', '91-120'], ['over_120', '120+']] as const;

export async function agingCommand(config: Config, o: { asOf?: string; customer?: string; top: number; json?: boolean; org?: string }): Promise<void> {
  await withOrg(config, o.org, async (db, org) => {
    const customerId = o.customer ? await customerIdOf(db, org.id, o.customer) : undefined;
    const asOf = o.asOf ?? dateInZone(new Date(), org.default_timezone);
    const report = await agingReport(db, org.id, asOf, { customerLimit: o.top, ...(customerId ? { customerId } : {}) });
    if (o.json) { process.stdout.write(`${JSON.stringify(report, null, 2)}\n`); return; }
    const row = (l: (typeof report.totals)[number], first: Record<string, string>) => ({
      ...first, ...Object.fromEntries(BUCKETS.map(([k, label]) => [label, money(l[k], l.currency)])), total: money(l.total, l.currency), invoices: l.invoices,
    });
    const cols = ['currency', ...BUCKETS.map(([, l]) => l), 'total', 'invoices'];
    process.stdout.write(`Aging as of ${asOf} (${org.name})\n\n${table(report.totals.map((t) => row(t, { currency: t.currency })), cols)}\n`);
    if (report.customers.length) {
      process.stdout.write(`\nLargest balances\n\n${table(report.customers.map((c) => row(c, { customer: `${c.name} (${c.external_id})`, currency: c.currency })), ['customer', ...cols])}\n`);
    }
  });
}

export async function customersCommand(config: Config, o: { search?: string; country?: string; limit: number; json?: boolean; org?: string }): Promise<void> {
  await withOrg(config, o.org, async (db, org) => {
    const page = await listCustomers(db, org.id, { limit: o.limit, ...(o.search ? { search: o.search } : {}), ...(o.country ? { country: o.country.toUpperCase() } : {}) });
    if (o.json) { process.stdout.write(`${JSON.stringify(page, null, 2)}\n`); return; }
    process.stdout.write(`${table(page.data.map((c) => ({ id: c.id, external_id: c.external_id, name: c.name, country: c.country ?? '',
      email: c.email ?? '', phone: c.phone ?? '', channel: c.preferred_channel ?? '' })), ['id', 'external_id', 'name', 'country', 'email', 'phone', 'channel'])}\n`);
    if (page.has_more) process.stdout.write(`(more: raise --limit or use the API's cursor)\n`);
  });
}

export async function invoicesCommand(config: Config, o: { status?: string; customer?: string; currency?: string; dpdMin?: number; limit: number; json?: boolean; org?: string }): Promise<void> {
  const statuses = o.status?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  const bad = statuses.find((s) => !INVOICE_STATUSES.includes(s as InvoiceStatus));
  if (bad) throw new Error(`--status: "${bad}" is not one of ${INVOICE_STATUSES.join(', ')}`);
  await withOrg(config, o.org, async (db, org) => {
    const page = await listInvoices(db, org.id, { limit: o.limit, as_of: dateInZone(new Date(), org.default_timezone),
      ...(statuses.length ? { status: statuses as InvoiceStatus[] } : {}), ...(o.customer ? { customer_id: o.customer } : {}),
      ...(o.currency ? { currency: o.currency.toUpperCase() } : {}), ...(o.dpdMin !== undefined ? { dpd_min: o.dpdMin } : {}) });
    if (o.json) { process.stdout.write(`${JSON.stringify(page, null, 2)}\n`); return; }
    process.stdout.write(`${table(page.data.map((i) => ({ number: i.number, customer: i.customer_id, due: i.due_date, status: i.status,
      currency: i.currency, amount: money(i.amount, i.currency), balance: money(i.balance, i.currency) })),
    ['number', 'customer', 'due', 'status', 'currency', 'amount', 'balance'])}\n`);
    if (page.has_more) process.stdout.write(`(more: raise --limit or use the API's cursor)\n`);
  });
}
