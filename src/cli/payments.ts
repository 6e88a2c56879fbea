// `cobro links create|list|show` (payment links through the connected gateway) and `cobro gateways check` (the nightly
// re-read of recent gateway payments, on demand).
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { parseMajorAmount } from '../domain/money.ts';
import { isCalendarDate } from '../domain/dates.ts';
import { CHECK_LOOKBACK_MS, checkGateways, createPaymentLink, getPaymentLink, listPaymentLinks, previewLinkContent,
  type GatewayContext, type PaymentLink } from '../payments/index.ts';
import type { Db } from '../db/index.ts';
import { customerIdOf, withOrg } from './session.ts';
import { money, table } from './output.ts';

function context(config: Config, db: Db): GatewayContext {
  return { db, publicUrl: config.publicUrl ?? `http://localhost:${config.port}`, egress: config.egress, ...(config.secretKey ? { secretKey: config.secretKey } : {}) };
}

const collect = (v: string, all: string[]) => [...all, v];

function printLinks(links: PaymentLink[], json?: boolean): void {
  if (json) { process.stdout.write(`${JSON.stringify(links.length === 1 ? links[0] : links, null, 2)}\n`); return; }
  process.stdout.write(`${table(links.map((l) => ({ id: l.id, customer: l.customer_id, provider: l.provider, status: l.status, amount: money(l.amount, l.currency),
    currency: l.currency, invoices: l.invoice_ids.length, expires: l.expires_at, url: l.url })), ['id', 'customer', 'provider', 'status', 'amount', 'currency', 'invoices', 'expires', 'url'])}\n`);
}

export function registerPayments(program: Command, config: Config): void {
  const links = program.command('links').description('payment links: hosted checkouts on the connected gateway (Stripe, else Mercado Pago)');
  links.command('create').description('a link for the customer\'s open invoices (or those named), or for part of them with --amount; an identical open link is given back')
    .requiredOption('--customer <id>', 'customer id or external id')
    .option('--invoice <number>', 'an invoice to pay (id or number); repeat for several', collect, [] as string[])
    .option('--amount <major>', 'part payment, in major units of the invoices\' currency (12.34)')
    .option('--currency <ccy>', 'the currency of the invoices to pay (default: the one most is owed in)')
    .option('--return-url <url>', 'where the debtor lands after paying or cancelling').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { customer: string; invoice: string[]; amount?: string; currency?: string; returnUrl?: string; json?: boolean; org?: string }) =>
      withOrg(config, o.org, async (db, org) => {
        const customerId = await customerIdOf(db, org.id, o.customer);
        const base = { customerId, ...(o.invoice.length ? { invoiceIds: o.invoice } : {}), ...(o.currency ? { currency: o.currency.toUpperCase() } : {}) };
        let amount: number | undefined;
        if (o.amount !== undefined) {
          const content = await previewLinkContent(db, org.id, base);
          if (!content.ok) throw new Error(content.error.message);
          const parsed = parseMajorAmount(o.amount, content.value.currency);
          if (!parsed.ok) throw new Error(`--amount: ${parsed.reason}`);
          amount = parsed.minor;
        }
        const r = await createPaymentLink(context(config, db), org.id, 'cli', { ...base, source: 'collector', ...(amount !== undefined ? { amount } : {}),
          ...(o.returnUrl ? { returnUrl: o.returnUrl } : {}) }, new Date());
        if (!r.ok) throw new Error(r.error.message);
        if (o.json) printLinks([r.value], true);
        else process.stdout.write(`${r.value.url}\n${money(r.value.amount, r.value.currency)} ${r.value.currency} through ${r.value.provider}, open until ${r.value.expires_at} (${r.value.id})\n`);
      }));
  links.command('list').description('payment links, newest first').option('--customer <id>', 'customer id or external id')
    .option('--status <status>', 'open, completed or expired').option('--limit <n>', 'how many', '50').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { customer?: string; status?: string; limit: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      if (o.status && !['open', 'completed', 'expired'].includes(o.status)) throw new Error('--status: open, completed or expired');
      const customerId = o.customer ? await customerIdOf(db, org.id, o.customer) : undefined;
      const rows = await listPaymentLinks(db, org.id, { limit: Number(o.limit) || 50, ...(customerId ? { customerId } : {}),
        ...(o.status ? { status: o.status as PaymentLink['status'] } : {}) }, new Date());
      if (o.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else printLinks(rows);
    }));
  links.command('show').description('one payment link').argument('<id>').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((id: string, o: { json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const r = await getPaymentLink(db, org.id, id, new Date());
      if (!r.ok) throw new Error(r.error.message);
      printLinks([r.value], o.json);
    }));

  const gateways = program.command('gateways').description('payment gateways (connect them with `cobro providers set stripe|mercadopago`)');
  gateways.command('check').description('re-read recent gateway payments: record any cobro missed, report those it cannot match (the worker does this daily)')
    .option('--since <date>', 'from this day (YYYY-MM-DD, UTC); three days back by default').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { since?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      if (o.since && !isCalendarDate(o.since)) throw new Error('--since: use the form YYYY-MM-DD');
      const now = new Date();
      const since = o.since ? new Date(`${o.since}T00:00:00Z`) : new Date(now.getTime() - CHECK_LOOKBACK_MS);
      const r = await checkGateways(context(config, db), org.id, since, now, 'cli');
      if (o.json) { process.stdout.write(`${JSON.stringify(r, null, 2)}\n`); return; }
      if (r.providers.length === 0) { process.stdout.write('no payment gateway is connected\n'); return; }
      process.stdout.write(`checked ${r.checked} paid payments on ${r.providers.join(', ')} since ${r.since}: ${r.in_ledger} already in the ledger, `
        + `${r.recovered.length} recovered, ${r.adjusted.length} adjusted, ${r.unmatched.length} unmatched\n`);
      for (const f of r.recovered) process.stdout.write(`  recovered ${f.provider} ${f.payment_ref}: ${money(f.amount, f.currency)} ${f.currency} as ${f.payment_id}\n`);
      for (const f of r.adjusted) process.stdout.write(`  adjusted  ${f.provider} ${f.payment_ref} (a refund or chargeback had been missed)\n`);
      for (const f of r.unmatched) process.stdout.write(`  UNMATCHED ${f.provider} ${f.payment_ref}: ${money(f.amount, f.currency)} ${f.currency} paid ${f.paid_at ?? '?'}: ${f.reason}\n`);
      for (const e of r.errors) process.stdout.write(`  error     ${e.provider}: ${e.message}\n`);
      if (r.unmatched.length || r.errors.length) process.exitCode = 3;
    }));
}
