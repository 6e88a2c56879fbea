// `cobro gdpr export CUSTOMER` (everything held about a customer, as JSON), `cobro compliance report --from --to`, and the data-rights commands.
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { contactsPerWeek, decisionsByReason, exportCustomerData } from '../compliance/index.ts';
import { recordAudit } from '../audit/index.ts';
import { isCalendarDate, addDays } from '../domain/dates.ts';
import { customerIdOf, withOrg } from './session.ts';
import { table } from './output.ts';
import { registerDataRights } from './data-rights.ts';
import { registerConsents } from './consents.ts';
import { registerContactTimes } from './contact-times.ts';

export function registerCompliance(program: Command, config: Config): void {
  program.command('gdpr').description('data-subject requests').command('export').description('print everything held about a customer as JSON')
    .argument('<customer>', 'customer id or external id').option('--org <id>', 'org to work in')
    .action(async (customer: string, o: { org?: string }) => {
      await withOrg(config, o.org, async (db, org) => {
        const id = await customerIdOf(db, org.id, customer);
        const now = new Date(); // the CLI is the edge where the clock is read
        const data = await exportCustomerData(db, org.id, id, now);
        await recordAudit(db, { orgId: org.id, actor: 'cli', action: 'customer.data_exported', entity: 'customer', entityId: id }, now);
        process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      });
    });
  registerConsents(program, config);
  const compliance = program.command('compliance').description('contact law: reports, retention, settings');
  registerDataRights(program, compliance, config);
  registerContactTimes(compliance, config);
  compliance.command('report')
    .description('contacts per debtor, channel and week, and the gate\'s blocks and defers by reason')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD)').requiredOption('--to <date>', 'last day (YYYY-MM-DD)')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action(async (o: { from: string; to: string; json?: boolean; org?: string }) => {
      if (!isCalendarDate(o.from) || !isCalendarDate(o.to)) throw new Error('--from and --to take dates as YYYY-MM-DD');
      await withOrg(config, o.org, async (db, org) => {
        const from = new Date(`${o.from}T00:00:00Z`);
        const to = new Date(`${addDays(o.to, 1)}T00:00:00Z`);
        const contacts = await contactsPerWeek(db, org.id, from, to);
        const decisions = await decisionsByReason(db, org.id, from, to);
        if (o.json) { process.stdout.write(`${JSON.stringify({ contacts, decisions }, null, 2)}\n`); return; }
        process.stdout.write(`Gate decisions ${o.from} to ${o.to}\n\n${table(decisions.map((d) => ({ ...d, reason_code: d.reason_code ?? '', rule: d.rule ?? '' })),
          ['decision', 'reason_code', 'rule', 'channel', 'count'])}\n\nContacts per week\n\n${table(contacts.map((c) => ({ ...c })),
          ['week', 'customer_id', 'channel', 'outbound', 'inbound'])}\n`);
      });
    });
}
