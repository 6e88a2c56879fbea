// `cobro audit verify` checks the hash chain; `cobro audit show --customer ID` prints what the log holds about a customer.
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { customerAudit, verifyAudit } from '../audit/index.ts';
import { customerIdOf, withOrg } from './session.ts';
import { table } from './output.ts';

export function registerAudit(program: Command, config: Config): void {
  const audit = program.command('audit').description('the append-only audit log: show a customer\'s entries, verify the chain');
  audit.command('show').description('what the log holds about a customer, its invoices and its payments, newest first')
    .requiredOption('--customer <id>', 'a customer (id or external id)').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action(async (o: { customer: string; json?: boolean; org?: string }) => {
      await withOrg(config, o.org, async (db, org) => {
        const rows = await customerAudit(db, org.id, await customerIdOf(db, org.id, o.customer));
        process.stdout.write(o.json ? `${JSON.stringify(rows, null, 2)}\n`
          : `${table(rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, entity: `${r.entity} ${r.entity_id}` })),
            ['seq', 'at', 'actor', 'action', 'entity'])}\n`);
      });
    });
  audit.command('verify').description('check that no entry was changed or deleted; exits 1 naming the first bad entry')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action(async (o: { json?: boolean; org?: string }) => {
      await withOrg(config, o.org, async (db, org) => {
        const v = await verifyAudit(db, org.id);
        if (o.json) process.stdout.write(`${JSON.stringify(v)}\n`);
        else process.stdout.write(v.ok ? `audit log of ${org.name}: ${v.entries} entries${v.lanes > 1 ? ` in ${v.lanes} lanes` : ''}, chain intact (head ${v.head ?? 'none'})\n`
          : `audit log of ${org.name}: BROKEN at entry ${v.seq}${v.lane > 0 ? ` of lane ${v.lane}` : ''}: ${v.reason}\n`);
        if (!v.ok) process.exitCode = 1;
      });
    });
}
