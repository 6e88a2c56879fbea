// `cobro agent claims` and `cobro agent claim ID --confirm|--reject`: payments debtors say they made, holding their
// reminders while a person verifies them.
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { listClaims, resolveClaim, type ClaimStatus } from '../agent/index.ts';
import { customerIdOf, withOrg } from './session.ts';
import { table } from './output.ts';

const print = (v: unknown): void => { process.stdout.write(`${JSON.stringify(v, null, 2)}\n`); };
const say = (s: string): void => { process.stdout.write(`${s}\n`); };
const STATUSES: ClaimStatus[] = ['open', 'confirmed', 'rejected', 'expired'];

export function registerAgentClaims(agent: Command, config: Config): void {
  agent.command('claims').description('payments debtors say they made: open ones hold the case\'s reminders until their hold ends')
    .option('--status <status>', `one of ${STATUSES.join(', ')}`).option('--customer <id>', 'one customer').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { status?: string; customer?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      if (o.status && !(STATUSES as string[]).includes(o.status)) throw new Error(`--status: one of ${STATUSES.join(', ')}`);
      const customerId = o.customer ? await customerIdOf(db, org.id, o.customer) : undefined;
      const rows = await listClaims(db, org.id, { ...(customerId ? { customerId } : {}), ...(o.status ? { status: o.status as ClaimStatus } : {}) });
      if (o.json) return print(rows);
      say(table(rows.map((r) => ({ claim: r.id, customer: r.customer_id, status: r.status, held_until: r.hold_until, task: r.task_id,
        at: r.created_at.slice(0, 16).replace('T', ' ') })), ['claim', 'customer', 'status', 'held_until', 'task', 'at']));
    }));

  agent.command('claim').description('confirm a claimed payment (it was found) or reject it (reminders resume at once)')
    .argument('<claim>', 'the claim\'s id (clm_..., in `cobro agent claims` and the case timeline)')
    .option('--confirm', 'the payment was found').option('--reject', 'no such payment was found').option('--note <text>', 'why')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((id: string, o: { confirm?: boolean; reject?: boolean; note?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      if (Boolean(o.confirm) === Boolean(o.reject)) throw new Error('--confirm or --reject, one of them');
      const r = await db.transaction((tx) => resolveClaim(tx, org.id, 'cli', id, o.confirm ? 'confirm' : 'reject', o.note ?? null, new Date()));
      if (!r.ok) throw new Error(`${r.error.field ? `${r.error.field}: ` : ''}${r.error.message}`);
      if (o.json) return print(r.value);
      say(`claim ${r.value.id}: ${r.value.status}`);
    }));
}
