// `cobro reconcile lines|assign|not-ours|restore`: the review screen's decisions on a credit line itself, whether or not
// the matcher proposed anything: apply it to invoices a person chooses, mark it not ours, put it back on the queue.
import { Option, type Command } from 'commander';
import type { Config } from '../config.ts';
import { assignLine, dismissLine, loadLine, restoreLine, reviewQueue, type QueueItem, type QueueState } from '../reconciliation/index.ts';
import { customerIdOf, withOrg } from './session.ts';
import { money, table } from './output.ts';
import { invoiceAmount } from './reconcile-review.ts';

const org = () => new Option('--org <id>', 'org to work in');
const collect = (v: string, all: string[]) => [...all, v];
const print = (json: boolean | undefined, value: unknown, text: string) =>
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : text);

function describeLines(rows: QueueItem[]): string {
  if (!rows.length) return 'no lines\n';
  const out = rows.map((l) => ({ line: l.id, date: l.booking_date ?? l.value_date ?? '', amount: money(l.amount, l.currency), ccy: l.currency,
    state: l.match_state, payer: l.counterparty_name ?? '', text: (l.remittance_text ?? '').slice(0, 40),
    proposal: l.proposal ? `${l.proposal.id} (${l.proposal.confidence.toFixed(2)}${l.customer_name ? `, ${l.customer_name}` : ''})` : '' }));
  return `${table(out, ['line', 'date', 'amount', 'ccy', 'state', 'payer', 'text', 'proposal'])}\n`;
}

interface AssignOpts { pay: string[]; fee: string[]; customer?: string; org?: string; json?: boolean }

/** Adds the line commands to `cobro reconcile`. */
export function registerReconcileLines(rec: Command, config: Config): void {
  rec.command('lines').description('credits waiting for a person (in review or unmatched), or those marked not ours, oldest first')
    .addOption(new Option('--state <state>', 'only these').choices(['review', 'unmatched', 'not_receivable']))
    .option('--statement <id>', 'only this statement\'s lines').option('--limit <n>', 'how many', (v) => Number(v), 50)
    .option('--json', 'print JSON').addOption(org())
    .action(async (o: { state?: QueueState; statement?: string; limit: number; json?: boolean; org?: string }) => {
      const page = await withOrg(config, o.org, (db, g) => reviewQueue(db, g.id, { limit: o.limit,
        ...(o.state ? { state: o.state } : {}), ...(o.statement ? { statement_id: o.statement } : {}) }));
      print(o.json, page, describeLines(page.data));
    });
  rec.command('assign').description('apply a waiting line to invoices you choose (major units of the line\'s currency); the rest stays as credit')
    .argument('<line>', 'statement line id').option('--pay <invoice=amount>', 'pay this much of an invoice (repeat)', collect, [])
    .option('--fee <invoice=amount>', 'the bank kept this much: write it off the invoice as a bank fee (repeat)', collect, [])
    .option('--customer <id>', 'the customer, when no invoice is named (all of it stays as their credit)')
    .option('--json', 'print JSON').addOption(org())
    .action(async (lineId: string, o: AssignOpts) => {
      const r = await withOrg(config, o.org, async (db, g) => {
        const line = await loadLine(db, g.id, lineId);
        if (!line) throw new Error(`no statement line ${lineId}`);
        const byInvoice = new Map<string, { invoice_id: string; amount: number; fee: number }>();
        const entry = (invoice: string) => byInvoice.get(invoice) ?? byInvoice.set(invoice, { invoice_id: invoice, amount: 0, fee: 0 }).get(invoice)!;
        for (const p of o.pay) { const a = invoiceAmount('--pay', p, line.currency); entry(a.invoice).amount += a.minor; }
        for (const f of o.fee) { const a = invoiceAmount('--fee', f, line.currency); entry(a.invoice).fee += a.minor; }
        if (!byInvoice.size && !o.customer) throw new Error('name the invoices with --pay (or the customer with --customer)');
        const customer = o.customer ? await customerIdOf(db, g.id, o.customer) : undefined;
        return assignLine(db, g.id, 'cli', lineId, { allocations: [...byInvoice.values()], ...(customer ? { customer_id: customer } : {}) }, () => new Date());
      });
      if (!r.ok) throw new Error(r.error.message);
      const v = r.value;
      print(o.json, v, `${lineId} applied (${v.id}): payment ${v.payment_id ?? '-'}${v.fee ? `, bank fee ${v.fee}` : ''}${v.credit ? `, customer credit ${v.credit}` : ''}\n`);
    });
  for (const [name, description, act] of [
    ['not-ours', 'mark a waiting credit as not a customer payment (a refund, an own transfer): nothing is booked, it leaves the queue', dismissLine],
    ['restore', 'put a credit marked not ours back on the queue, unmatched', restoreLine],
  ] as const) {
    rec.command(name).description(description).argument('<line>', 'statement line id').option('--note <text>', 'why, kept in the audit log')
      .option('--json', 'print JSON').addOption(org())
      .action(async (lineId: string, o: { note?: string; json?: boolean; org?: string }) => {
        const r = await withOrg(config, o.org, (db, g) => act(db, g.id, 'cli', lineId, o.note ?? null));
        if (!r.ok) throw new Error(r.error.message);
        print(o.json, { id: r.value.id, match_state: r.value.match_state }, `${lineId}: ${r.value.match_state}\n`);
      });
  }
}
