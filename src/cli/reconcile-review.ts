// `cobro reconcile change|rerun|aliases|forget-alias|release`: working the review queue beyond accept and reject.
import { Option, type Command } from 'commander';
import type { Config } from '../config.ts';
import { parseMajorAmount } from '../domain/money.ts';
import { changeProposal, forgetPayerAliases, getProposal, listPayerAliases, releaseDuplicate, rerunMatching, ALIAS_KINDS,
  type AliasKind, type ForgetAlias, type RerunReport } from '../reconciliation/index.ts';
import { customerIdOf, withOrg } from './session.ts';
import { table } from './output.ts';

const org = () => new Option('--org <id>', 'org to work in');
const collect = (v: string, all: string[]) => [...all, v];
const print = (json: boolean | undefined, value: unknown, text: string) =>
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : text);

/** `INV-1=250.00` into the invoice and minor units of the currency. */
export function invoiceAmount(flag: string, raw: string, currency: string): { invoice: string; minor: number } {
  const at = raw.lastIndexOf('=');
  if (at <= 0) throw new Error(`${flag} ${raw}: write INVOICE=AMOUNT, e.g. INV-1=250.00`);
  const parsed = parseMajorAmount(raw.slice(at + 1), currency);
  if (!parsed.ok) throw new Error(`${flag} ${raw}: ${parsed.reason}`);
  return { invoice: raw.slice(0, at), minor: parsed.minor };
}

interface ChangeOpts { pay: string[]; fee: string[]; customer?: string; org?: string; json?: boolean }

async function change(config: Config, id: string, o: ChangeOpts): Promise<void> {
  const r = await withOrg(config, o.org, async (db, g) => {
    const found = await getProposal(db, g.id, id);
    if (!found.ok) return found;
    const byInvoice = new Map<string, { invoice_id: string; amount: number; fee: number }>();
    const entry = (invoice: string) => byInvoice.get(invoice) ?? byInvoice.set(invoice, { invoice_id: invoice, amount: 0, fee: 0 }).get(invoice)!;
    for (const p of o.pay) { const a = invoiceAmount('--pay', p, found.value.currency); entry(a.invoice).amount += a.minor; }
    for (const f of o.fee) { const a = invoiceAmount('--fee', f, found.value.currency); entry(a.invoice).fee += a.minor; }
    const customer = o.customer ? await customerIdOf(db, g.id, o.customer) : undefined;
    return changeProposal(db, g.id, 'cli', id, { allocations: [...byInvoice.values()], ...(customer ? { customer_id: customer } : {}) }, () => new Date());
  });
  if (!r.ok) throw new Error(r.error.message);
  const v = r.value;
  print(o.json, v, `${v.id} ${v.status}: payment ${v.payment_id ?? '-'}${v.fee ? `, bank fee ${v.fee}` : ''}${v.credit ? `, customer credit ${v.credit}` : ''}\n`);
}

function describeRerun(r: RerunReport): string {
  const verb = r.dry_run ? 'would be ' : '';
  return `${r.lines} waiting lines matched again${r.dry_run ? ' (dry run: nothing booked or queued)' : ''}: ${r.matched} ${verb}applied, `
    + `${r.review} ${verb}in review, ${r.unmatched} still unmatched${r.reversed ? `, ${r.reversed} returns undone` : ''}\n`;
}

interface ForgetOpts { account?: string; name?: string; customer?: string; org?: string; json?: boolean }

async function forget(config: Config, id: string | undefined, o: ForgetOpts): Promise<void> {
  const r = await withOrg(config, o.org, async (db, g) => {
    const customer = o.customer ? await customerIdOf(db, g.id, o.customer) : undefined;
    const which: ForgetAlias = id ? { id } : o.account ? { kind: 'account', value: o.account } : o.name ? { kind: 'name', value: o.name } : {};
    if (!id && !o.account && !o.name) throw new Error('name the alias by its id, --account or --name');
    return forgetPayerAliases(db, g.id, 'cli', { ...which, ...(customer ? { customer_id: customer } : {}) });
  });
  if (!r.ok) throw new Error(r.error.message);
  print(o.json, r.value, `forgot ${r.value.forgotten} learned payer alias${r.value.forgotten === 1 ? '' : 'es'}\n`);
}

/** Adds the review commands to `cobro reconcile`. */
export function registerReconcileReview(rec: Command, config: Config): void {
  rec.command('change').description('apply a proposal to other invoices, amounts or bank fees (major units of the line\'s currency)')
    .argument('<id>', 'proposal id').option('--pay <invoice=amount>', 'pay this much of an invoice (repeat)', collect, [])
    .option('--fee <invoice=amount>', 'the bank kept this much: write it off the invoice as a bank fee (repeat)', collect, [])
    .option('--customer <id>', 'the customer, when no invoice is named (all of it stays as credit)')
    .option('--json', 'print JSON').addOption(org())
    .action((id: string, o: ChangeOpts) => change(config, id, o));
  rec.command('rerun').description('match unmatched lines (and those in review) again, e.g. after importing invoices')
    .option('--statement <id>', 'only this statement\'s lines').option('--unmatched-only', 'leave lines in review as they are')
    .option('--dry-run', 'say what would be applied and queued, book nothing').option('--json', 'print JSON').addOption(org())
    .action(async (o: { statement?: string; unmatchedOnly?: boolean; dryRun?: boolean; json?: boolean; org?: string }) => {
      const r = await withOrg(config, o.org, (db, g) => rerunMatching(db, g.id, { actor: 'cli', now: () => new Date(),
        includeReview: !o.unmatchedOnly, dryRun: Boolean(o.dryRun), ...(o.statement ? { statementId: o.statement } : {}) }));
      if (!r.ok) throw new Error(r.error.message);
      print(o.json, r.value, describeRerun(r.value));
    });
  rec.command('aliases').description('payer accounts and names learned from accepted matches')
    .addOption(new Option('--kind <kind>', 'account or name').choices([...ALIAS_KINDS])).option('--customer <id>', 'of this customer')
    .option('--value <v>', 'this account or name').option('--limit <n>', 'how many', (v) => Number(v), 50)
    .option('--json', 'print JSON').addOption(org())
    .action(async (o: { kind?: AliasKind; customer?: string; value?: string; limit: number; json?: boolean; org?: string }) => {
      const page = await withOrg(config, o.org, async (db, g) => listPayerAliases(db, g.id, { limit: o.limit, ...(o.kind ? { kind: o.kind } : {}),
        ...(o.customer ? { customer_id: await customerIdOf(db, g.id, o.customer) } : {}), ...(o.value ? { value: o.value } : {}) }));
      const rows = page.data.map((a) => ({ id: a.id, kind: a.kind, value: a.value, customer: a.customer_id, matches: a.matches }));
      print(o.json, page, rows.length ? `${table(rows, ['id', 'kind', 'value', 'customer', 'matches'])}\n` : 'no learned payer aliases\n');
    });
  rec.command('forget-alias').description('forget a learned payer account or name (by id, or every one with --account / --name)')
    .argument('[id]', 'alias id from `cobro reconcile aliases`').option('--account <iban>', 'this payer account')
    .option('--name <name>', 'this payer name').option('--customer <id>', 'only for this customer')
    .option('--json', 'print JSON').addOption(org())
    .action((id: string | undefined, o: ForgetOpts) => forget(config, id, o));
  rec.command('release').description('a line held back as a duplicate is not one: match it like a new line').argument('<line>', 'statement line id')
    .option('--json', 'print JSON').addOption(org())
    .action(async (line: string, o: { json?: boolean; org?: string }) => {
      const r = await withOrg(config, o.org, (db, g) => releaseDuplicate(db, g.id, 'cli', line, () => new Date()));
      if (!r.ok) throw new Error(r.error.message);
      print(o.json, r.value, `${line} released: ${r.value.line.match_state}\n`);
    });
}
