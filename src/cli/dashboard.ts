// `cobro dashboard risk [--currency C] [--json]`: the dashboard's open balance by risk band, with expected recovery and the
// customers who moved band since the score run before, as a table or as the API's JSON.
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { dateInZone } from '../domain/dates.ts';
import { riskByBand, type DashboardRisk } from '../dashboard/index.ts';
import { withOrg } from './session.ts';
import { money, table } from './output.ts';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

export function riskText(r: DashboardRisk): string {
  const totals = r.totals.map((t) => `${t.currency} ${money(t.amount, t.currency)} (${t.customers} customer${t.customers === 1 ? '' : 's'})`).join('; ') || 'nothing';
  if (!r.run) return `${r.note ?? 'No score run yet.'}\nOpen balance today (${r.as_of}): ${totals}\n`;
  const head = `Open balance by risk band, today ${r.as_of}, bands of the score run as of ${r.run.as_of}`
    + ` (high from ${r.thresholds.high_from}, medium from ${r.thresholds.medium_from} probability of paying late)`;
  const rows = r.bands.flatMap((b) => b.balances.map((x) => ({ band: b.band, customers: x.customers, currency: x.currency, balance: money(x.amount, x.currency),
    share: pct(x.share), scored: money(x.scored, x.currency), 'expected recovery': x.expected_recovery === null ? '-' : money(x.expected_recovery, x.currency) })));
  const moved = r.previous_run
    ? `Since the run as of ${r.previous_run.as_of}: ${r.bands.filter((b) => b.movement).map((b) =>
      `${b.band} ${b.movement!.up} up, ${b.movement!.down} down, ${b.movement!.same} same, ${b.movement!.new} new`).join('; ')}`
    : 'No earlier run with bands kept: no movement to show yet.';
  return [head, table(rows, ['band', 'customers', 'currency', 'balance', 'share', 'scored', 'expected recovery']),
    `Customers per band: ${r.bands.map((b) => `${b.band} ${b.customers}`).join(', ')}; total ${totals}`, moved].join('\n\n') + '\n';
}

interface RiskOptions { currency?: string; json?: boolean; org?: string }

export function registerDashboard(program: Command, config: Config): void {
  const dashboard = program.command('dashboard').description('the dashboard\'s figures from the terminal');
  dashboard.command('risk').description('open balance by risk band of the latest score run: customers, balance per currency and share, expected recovery, moves since the run before')
    .option('--currency <ccy>', 'only this currency').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: RiskOptions) => withOrg(config, o.org, async (db, org) => {
      const r = await riskByBand(db, org.id, { currency: o.currency }, dateInZone(new Date(), org.default_timezone));
      if (!r.ok) throw new Error(`${r.error.field ? `--${r.error.field}: ` : ''}${r.error.message.replace(/^[a-z_]+: /, '')}`);
      process.stdout.write(o.json ? `${JSON.stringify(r.value, null, 2)}\n` : riskText(r.value));
    }));
}
