// `cobro experiments create|list|results|stop`: champion/challenger between two versions of a strategy.
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config.ts';
import { dateInZone, isCalendarDate } from '../domain/dates.ts';
import { createExperiment, experimentResults, listExperiments, stopExperiment, type ExperimentResults } from '../experiments/index.ts';
import { withOrg } from './session.ts';
import { money, table } from './output.ts';

function date(v: string): string {
  if (!isCalendarDate(v)) throw new InvalidArgumentError('use the form YYYY-MM-DD');
  return v;
}
function int(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('use a whole number');
  return Number(v);
}
function share(v: string): number {
  const n = Number(v);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError('use a share above 0 and below 1, e.g. 0.5');
  return n;
}
const json = (v: unknown) => process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

export function resultsText(r: ExperimentResults): string {
  const e = r.experiment;
  const rows = r.arms.map((a) => ({ arm: a.arm, version: a.version, customers: a.customers,
    collected: a.collected.map((c) => `${c.currency} ${money(c.amount, c.currency)}`).join('; ') || '-', 'collected share': a.by_currency.map((c) => `${c.currency} ${pct(c.collected_share)}`).join('; ') || '-',
    'days to pay': a.average_days_to_pay === null ? '-' : a.average_days_to_pay.toFixed(1), contacts: a.contacts, 'opt-outs': a.opt_outs,
    cost: a.cost.map((c) => `${c.currency} ${(c.micros / 1_000_000).toFixed(4)}`).join('; ') || '-' }));
  return `Experiment ${e.id} "${e.name}" on ${e.strategy_id}: v${e.champion_version} (champion) against v${e.challenger_version} (challenger, ${pct(e.share)}), ` +
    `${e.started_on} to ${r.as_of}\n\n${table(rows, ['arm', 'version', 'customers', 'collected', 'collected share', 'days to pay', 'contacts', 'opt-outs', 'cost'])}\n\n${r.message}\n`;
}

interface Common { json?: boolean; org?: string }

export function registerExperiments(program: Command, config: Config): void {
  const cmd = program.command('experiments').description('champion/challenger experiments between two versions of a strategy');
  cmd.command('create').description('start an experiment: customers on the strategy are split by a stable hash between the two versions')
    .requiredOption('--strategy <id>', 'strategy id').requiredOption('--champion <version>', 'champion version', int)
    .requiredOption('--challenger <version>', 'challenger version', int).option('--share <share>', 'share of customers on the challenger', share, 0.5)
    .option('--name <name>', 'a name for the experiment').option('--min-per-arm <n>', 'customers each arm needs before results are shown', int, 30)
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: Common & { strategy: string; champion: number; challenger: number; share: number; name?: string; minPerArm: number }) => withOrg(config, o.org, async (db, org) => {
      const now = new Date();
      const r = await createExperiment(db, org.id, { name: o.name ?? `${o.strategy} v${o.champion} vs v${o.challenger}`, strategy_id: o.strategy,
        champion_version: o.champion, challenger_version: o.challenger, share: o.share, min_per_arm: o.minPerArm }, dateInZone(now, org.default_timezone), now);
      if (!r.ok) throw new Error(`${r.error.field ? `${r.error.field}: ` : ''}${r.error.message}`);
      if (o.json) json(r.value); else process.stdout.write(`started ${r.value.id} on ${r.value.strategy_id}: v${r.value.champion_version} against v${r.value.challenger_version} (${pct(r.value.share)} on the challenger)\n`);
    }));
  cmd.command('list').description('experiments, newest first').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: Common) => withOrg(config, o.org, async (db, org) => {
      const xs = await listExperiments(db, org.id);
      if (o.json) { json({ data: xs }); return; }
      process.stdout.write(`${table(xs.map((e) => ({ id: e.id, name: e.name, strategy: e.strategy_id, champion: e.champion_version, challenger: e.challenger_version,
        share: pct(Number(e.share)), started: e.started_on, status: e.status })), ['id', 'name', 'strategy', 'champion', 'challenger', 'share', 'started', 'status'])}\n`);
    }));
  cmd.command('results <id>').description('per arm (every customer assigned): customers, collected, collected share per currency, days to pay, contacts, opt-outs, cost; per currency the difference in collected share with its fixed and always-valid 95% intervals')
    .option('--as-of <date>', 'up to this day (default: today)', date).option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((id: string, o: Common & { asOf?: string }) => withOrg(config, o.org, async (db, org) => {
      const r = await experimentResults(db, org.id, id, o.asOf ?? dateInZone(new Date(), org.default_timezone));
      if (!r.ok) throw new Error(r.error.message);
      if (o.json) json(r.value); else process.stdout.write(resultsText(r.value));
    }));
  cmd.command('stop <id>').description('stop an experiment: every customer goes back to the active version').option('--org <id>', 'org to work in')
    .action((id: string, o: Common) => withOrg(config, o.org, async (db, org) => {
      const r = await stopExperiment(db, org.id, id, new Date());
      if (!r.ok) throw new Error(r.error.message);
      process.stdout.write(`stopped ${id}\n`);
    }));
}
