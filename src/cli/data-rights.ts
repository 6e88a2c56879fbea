// `cobro customers erase ID`, `cobro compliance purge [--dry-run]`, `cobro compliance settings` and `logo`: erasure, retention, legal identity.
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { complianceSettingsSchema, purgeRetention, requestErasure, setComplianceSettings, getComplianceSettings } from '../compliance/index.ts';
import { customerIdOf, withOrg } from './session.ts';
import { registerPrivacyRequests } from './privacy-requests.ts';
import { registerOrgLogo } from './org-logo.ts';

function sub(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

const days = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`"${v}" is not a number of days`);
  return n;
};

export function registerDataRights(program: Command, compliance: Command, config: Config): void {
  registerPrivacyRequests(program, config);
  registerOrgLogo(compliance, config);
  sub(program, 'customers', 'customers').command('erase')
    .description('erase a customer (GDPR art. 17): personal data removed, the ledger and audit log kept; restricted instead while a debt is open')
    .argument('<customer>', 'customer id or external id').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action(async (customer: string, _o: unknown, command: Command) => {
      // `customers` has --json and --org of its own, which take the options when given after the subcommand
      const o = command.optsWithGlobals<{ json?: boolean; org?: string }>();
      await withOrg(config, o.org, async (db, org) => {
        const id = await customerIdOf(db, org.id, customer);
        const r = await db.transaction((tx) => requestErasure(tx, org.id, 'cli', id, new Date()));
        if (!r.ok) throw new Error(r.error.message);
        const v = r.value;
        process.stdout.write(o.json ? `${JSON.stringify(v, null, 2)}\n`
          : v.outcome === 'erased' ? `${id} erased (request ${v.request_id}): ${v.addresses_suppressed} address(es) kept only as hashes so they are never contacted again\n`
            + (v.kept ?? []).map((k) => `  kept: the evidence of ${k.provider} dispute ${k.dispute_id} (${k.files} file(s)): ${k.reason}\n`).join('')
          : v.outcome === 'restricted' ? `${id} restricted (request ${v.request_id}): ${v.reason}\n`
          : `${id} was already erased\n`);
      });
    });

  compliance.command('purge')
    .description('apply the retention periods now: erase customers past retention, drop old evidence and raw provider events (the worker does it daily)')
    .option('--dry-run', 'say what would go, change nothing').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action(async (o: { dryRun?: boolean; json?: boolean; org?: string }) => {
      await withOrg(config, o.org, async (db, org) => {
        const r = await purgeRetention(db, org.id, new Date(), { dryRun: o.dryRun === true });
        if (o.json) { process.stdout.write(`${JSON.stringify(r, null, 2)}\n`); return; }
        const rows = Object.entries(r.rows).map(([t, n]) => `${t} ${n}`).join(', ');
        process.stdout.write(`${r.dry_run ? 'dry run, nothing changed: would erase' : 'erased'} ${r.erased.length} customer(s)` +
          `${r.erased.length ? ` (${r.erased.join(', ')})` : ''}, and the old evidence of ${r.evidence_customers.length} more\n` +
          `  evidence rows: ${rows}\n  raw provider event bodies: ${r.raw_events}\n` +
          `  closed gateway disputes' evidence of erased customers: ${r.dispute_evidence.gateway_dispute_evidence} emptied, ` +
          `${r.dispute_evidence.gateway_dispute_evidence_files} file(s) deleted\n`);
      });
    });

  compliance.command('settings')
    .description('show or change retention periods and the legal identity messages show (address, CNPJ/tax id)')
    .option('--address <text>', 'the company address messages show').option('--tax-id <id>', 'CNPJ, CPF or tax id messages show')
    .option('--evidence-days <n>', 'keep contact evidence this long after the last collection activity', days)
    .option('--customer-days <n>', 'erase a customer with no live debt this long after the last collection activity', days)
    .option('--raw-event-days <n>', 'clear raw bodies of processed provider events after this long', days)
    .option('--org <id>', 'org to work in')
    .action(async (o: { address?: string; taxId?: string; evidenceDays?: number; customerDays?: number; rawEventDays?: number; org?: string }) => {
      await withOrg(config, o.org, async (db, org) => {
        const retention = {
          ...(o.evidenceDays !== undefined ? { contact_evidence_days: o.evidenceDays } : {}),
          ...(o.customerDays !== undefined ? { closed_customer_days: o.customerDays } : {}),
          ...(o.rawEventDays !== undefined ? { raw_event_days: o.rawEventDays } : {}),
        };
        const input = { ...(o.address !== undefined ? { company_address: o.address } : {}), ...(o.taxId !== undefined ? { company_tax_id: o.taxId } : {}),
          ...(Object.keys(retention).length ? { retention } : {}) };
        const parsed = complianceSettingsSchema.safeParse(input);
        if (!parsed.success) throw new Error(`${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
        const s = Object.keys(input).length ? await setComplianceSettings(db, org.id, 'cli', parsed.data, new Date()) : await getComplianceSettings(db, org.id);
        process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
      });
    });
}
