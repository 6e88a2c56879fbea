// `cobro totals check|repair`: the ledger's stored totals (what the dashboard, aging, KPIs and forecast read) compared
// with a count from the invoices, and rebuilt from them.
import { Option, type Command } from 'commander';
import type { Config } from '../config.ts';
import { checkLedgerTotals, rebuildLedgerTotals } from '../ledger/index.ts';
import { withOrg } from './session.ts';

export function registerTotals(program: Command, config: Config): void {
  const totals = program.command('totals').description("the ledger's stored totals: check them against the invoices, or rebuild them");
  totals.command('check').description('compare the stored totals with a count from the invoices; exits 1 when they differ')
    .option('--json', 'print JSON').addOption(new Option('--org <id>', 'org to work in'))
    .action((o: { json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const diff = await checkLedgerTotals(db, org.id);
      if (o.json) process.stdout.write(`${JSON.stringify({ ok: diff.length === 0, differences: diff }, null, 2)}\n`);
      else if (diff.length === 0) process.stdout.write(`The stored totals of ${org.name} agree with its invoices.\n`);
      else {
        process.stdout.write(`${diff.length} stored total(s) of ${org.name} differ from the invoices (run \`cobro totals repair\`):\n`);
        for (const d of diff) process.stdout.write(`  ${d.table} ${JSON.stringify(d.key)}: stored ${JSON.stringify(d.stored)}, computed ${JSON.stringify(d.computed)}\n`);
      }
      if (diff.length > 0) process.exitCode = 1;
    }));
  totals.command('repair').description('rebuild the stored totals from the invoices (writes to invoices wait while it runs)')
    .addOption(new Option('--org <id>', 'org to work in'))
    .action((o: { org?: string }) => withOrg(config, o.org, async (db, org) => {
      const r = await rebuildLedgerTotals(db, org.id);
      process.stdout.write(`Rebuilt the stored totals of ${org.name}: ${r.fixed} row(s) differed.\n`);
    }));
}
