// `cobro reconcile adyen-settlement <file>` (R-6): reads Adyen's Settlement details report (CSV) and stores each batch
// paid out in it with what it carried, all or nothing (a row that cannot be read fails the file, naming its line and
// column); the same file again adds nothing. The payouts then show in `cobro reconcile reported-payouts --gateway adyen`
// and `cobro reconcile payout-breakdown adyen:<merchant account>:<batch>`. --list shows the files read.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import type { Config } from '../config.ts';
import { importAdyenSettlement, listAdyenSettlementReports, type AdyenSettlementReport } from '../payments/adyen-settlement.ts';
import { withOrg } from './session.ts';
import { table } from './output.ts';

const line = (r: AdyenSettlementReport) => (r.duplicate ? `${r.id}: this file was read before (${r.created_at}); nothing added\n`
  : `${r.id}: ${r.rows} rows, ${r.payouts} payouts (${r.payout_ids.join(', ') || 'none'}), ${r.transactions} lines`
    + `${r.open_batches ? `, ${r.open_batches} batches not paid out` : ''}, ${r.lines_settled} bank lines settled\n`);

/** Adds `adyen-settlement` to `cobro reconcile`. */
export function registerAdyenSettlement(rec: Command, config: Config): void {
  rec.command('adyen-settlement').description('read Adyen\'s payouts from its Settlement details report (CSV)')
    .argument('[file]', 'the report, as downloaded from Adyen').option('--list', 'list the reports read')
    .option('--json', 'print JSON').addOption(new Option('--org <id>', 'org to work in'))
    .action(async (file: string | undefined, o: { list?: boolean; json?: boolean; org?: string }) => {
      if (o.list) {
        const rows = await withOrg(config, o.org, (db, g) => listAdyenSettlementReports(db, g.id));
        process.stdout.write(o.json ? `${JSON.stringify(rows, null, 2)}\n`
          : `${table(rows.map((r) => ({ id: r.id, file: r.filename ?? '', read: r.created_at, payouts: r.payout_ids.join(' ') })), ['id', 'file', 'read', 'payouts'])}\n`);
        return;
      }
      if (!file) throw new Error('name the report file, or pass --list');
      const content = readFileSync(file);
      const r = await withOrg(config, o.org, (db, g) => importAdyenSettlement(db, g.id, { filename: basename(file), content }, 'cli', new Date()));
      if (!r.ok) throw new Error(r.error.message);
      process.stdout.write(o.json ? `${JSON.stringify(r.value, null, 2)}\n` : line(r.value));
    });
}
