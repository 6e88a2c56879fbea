// `cobro reconcile import|review|accept|reject` (and, from reconcile-review.ts, change|rerun|aliases|forget-alias|release;
// from reconcile-lines.ts, lines|assign|not-ours|restore):
// bank statements in, credits matched to invoices, the review queue worked.
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Config } from '../config.ts';
import { acceptProposal, importStatement, listProposals, rejectProposal, type ProposalView, type StatementFormat,
  type StatementImportReport } from '../reconciliation/index.ts';
import { withOrg } from './session.ts';
import { money, table } from './output.ts';
import { registerReconcileReview } from './reconcile-review.ts';
import { registerReconcileLines } from './reconcile-lines.ts';
import { registerReconcilePayouts } from './reconcile-payouts.ts';

const FORMATS = ['auto', 'camt.052', 'camt.053', 'camt.054', 'mt940', 'mt942', 'ofx', 'csv'];

interface ImportOpts { format: string; json?: boolean; org?: string; currency?: string; encoding?: string; csv?: string }

async function importFile(config: Config, file: string, o: ImportOpts): Promise<void> {
  let bytes: Buffer;
  try { bytes = readFileSync(file); } catch { throw new Error(`cannot read ${file}`); }
  const r = await withOrg(config, o.org, (db, org) => importStatement(db, org.id, bytes, { filename: file, actor: 'cli',
    ...(o.format !== 'auto' ? { format: o.format as StatementFormat } : {}), ...(o.currency ? { currency: o.currency } : {}),
    ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.csv ? { csv: o.csv } : {}) }));
  if (!r.ok) {
    process.stdout.write(o.json ? `${JSON.stringify({ error: r.error }, null, 2)}\n` : `rejected ${r.error.message}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(o.json ? `${JSON.stringify(r.value, null, 2)}\n` : describeImport(r.value));
}

function describeImport(r: StatementImportReport): string {
  const c = r.reconciliation;
  const held = r.cross_format_duplicates.map((d) => `  held back line ${d.position} (${d.line_id}): ${d.reason}\n`).join('');
  return `imported ${r.filename} (${r.format}): ${r.lines} lines, ${r.new_lines} new, ${r.duplicates} already imported\n`
    + `  ${c.matched} matched, ${c.review} to review, ${c.unmatched} unmatched, ${c.reversed} returns undone, ${c.not_receivable} other debits`
    + `${c.duplicate ? `, ${c.duplicate} held back as imported before in another file` : ''}`
    + `${c.payout ? `, ${c.payout} gateway payouts (credit no invoice: cobro reconcile payouts)` : ''}\n${held}`;
}

function describeQueue(rows: ProposalView[]): string {
  if (!rows.length) return 'nothing to review\n';
  const out = rows.map((p) => ({ id: p.id, date: p.line.booking_date ?? '', amount: money(p.line.amount, p.line.currency), ccy: p.line.currency,
    payer: p.line.counterparty_name ?? '', confidence: p.confidence.toFixed(2), reasons: p.reasons.join('; ') }));
  return `${table(out, ['id', 'date', 'amount', 'ccy', 'payer', 'confidence', 'reasons'])}\n`;
}

async function decide(config: Config, id: string, o: { org?: string; json?: boolean }, accept: boolean): Promise<void> {
  const r = await withOrg(config, o.org, (db, org) => (accept ? acceptProposal(db, org.id, 'cli', id, () => new Date()) : rejectProposal(db, org.id, 'cli', id)));
  if (!r.ok) throw new Error(r.error.message);
  process.stdout.write(o.json ? `${JSON.stringify(r.value, null, 2)}\n`
    : `${r.value.id} ${r.value.status}${r.value.payment_id ? `: payment ${r.value.payment_id}` : ''}\n`);
}

/** Adds `cobro reconcile` and its subcommands to the program. */
export function registerReconcileCommand(program: Command, config: Config): void {
  const org = () => new Option('--org <id>', 'org to work in');
  const rec = program.command('reconcile').description('bank statements: import, match credits to invoices, review the proposals');
  rec.command('import').description('import a statement (camt.05x, MT940/942, OFX/QFX, bank CSV); the same lines twice are skipped')
    .argument('<file>', 'the statement file').addOption(new Option('--format <format>', 'the file format').choices(FORMATS).default('auto'))
    .option('--currency <ccy>', 'currency for files that state none').option('--encoding <enc>', 'encoding when not UTF-8 (cp852, latin1)')
    .option('--csv <mapping>', 'CSV mapping name').option('--json', 'print the report as JSON').addOption(org())
    .action((file: string, o: ImportOpts) => importFile(config, file, o));
  rec.command('review').description('list the proposals waiting for review').option('--limit <n>', 'how many', (v) => Number(v), 50)
    .option('--json', 'print JSON').addOption(org())
    .action(async (o: { limit: number; json?: boolean; org?: string }) => {
      const page = await withOrg(config, o.org, (db, g) => listProposals(db, g.id, { status: 'proposed', limit: o.limit }));
      process.stdout.write(o.json ? `${JSON.stringify(page, null, 2)}\n` : describeQueue(page.data));
    });
  rec.command('accept').description('apply a proposal; the payer account and name are learned').argument('<id>', 'proposal id')
    .option('--json', 'print JSON').addOption(org()).action((id: string, o: { org?: string; json?: boolean }) => decide(config, id, o, true));
  rec.command('reject').description('reject a proposal; the line goes back to unmatched').argument('<id>', 'proposal id')
    .option('--json', 'print JSON').addOption(org()).action((id: string, o: { org?: string; json?: boolean }) => decide(config, id, o, false));
  registerReconcileReview(rec, config);
  registerReconcileLines(rec, config);
  registerReconcilePayouts(rec, config);
}
