// `cobro reconcile mp-release` (R-6): Mercado Pago's payouts read from its release report. Asks for the report of a period
// (default: from just after the last payout read, to now), and with --wait keeps checking until Mercado Pago has generated
// it and its payouts are stored; --check looks at an earlier report again, --list shows them. The payouts then show in
// `cobro reconcile reported-payouts --gateway mercadopago` and `cobro reconcile payout-breakdown mercadopago:<id>`.
import { Option, type Command } from 'commander';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { checkReleaseReport, defaultReleasePeriod, listReleaseReports, requestReleaseReport, type ReleaseReport } from '../payments/index.ts';
import { withOrg } from './session.ts';
import { table } from './output.ts';

const line = (r: ReleaseReport) => `${r.id}: ${r.begin_at} to ${r.end_at}, ${r.state}${r.file_name ? ` (${r.file_name})` : ''}`
  + `${r.state === 'stored' ? `: ${r.payouts} payouts, ${r.transactions} lines` : ''}${r.error ? `; ${r.error}` : ''}`
  + `${r.next_at && r.state !== 'stored' ? `; looked at again from ${r.next_at}` : ''}\n`;

const sleep = (ms: number) => new Promise<void>((r) => { setTimeout(r, ms); });

/** Adds `mp-release` to `cobro reconcile`. */
export function registerMpRelease(rec: Command, config: Config): void {
  rec.command('mp-release').description('read Mercado Pago\'s payouts from its release report (asked for a period, stored once generated)')
    .option('--from <instant>', 'start of the period (ISO 8601); default: just after the last payout read').option('--to <instant>', 'end of the period; default: now')
    .option('--wait <seconds>', 'keep checking until the report is stored or this long has passed', (v) => Number(v), 0)
    .option('--check <id>', 'look at this earlier report again now instead').option('--list', 'list the reports asked for')
    .option('--json', 'print JSON').addOption(new Option('--org <id>', 'org to work in'))
    .action(async (o: { from?: string; to?: string; wait: number; check?: string; list?: boolean; json?: boolean; org?: string }) => {
      const access = (db: Db) => ({ db, egress: config.egress, ...(config.secretKey ? { secretKey: config.secretKey } : {}) });
      if (o.list) {
        const rows = await withOrg(config, o.org, (db, g) => listReleaseReports(db, g.id));
        process.stdout.write(o.json ? `${JSON.stringify(rows, null, 2)}\n`
          : `${table(rows.map((r) => ({ id: r.id, from: r.begin_at, to: r.end_at, state: r.state, payouts: String(r.payouts), error: r.error ?? '' })),
            ['id', 'from', 'to', 'state', 'payouts', 'error'])}\n`);
        return;
      }
      const deadline = Date.now() + o.wait * 1000;
      let r = await withOrg(config, o.org, async (db, g) => {
        if (o.check) return checkReleaseReport(access(db), g.id, o.check, new Date());
        const now = new Date();
        const d = await defaultReleasePeriod(db, g.id, now);
        const period = { begin: o.from ? new Date(o.from) : d.begin, end: o.to ? new Date(o.to) : d.end };
        if (Number.isNaN(period.begin.getTime()) || Number.isNaN(period.end.getTime())) throw new Error('--from and --to take ISO 8601 instants');
        return requestReleaseReport(access(db), g.id, period, now, 'cli');
      });
      for (let wait = 2_000; r.ok && r.value.state !== 'stored' && r.value.next_at && Date.now() + wait <= deadline; wait = Math.min(wait * 2, 30_000)) {
        await sleep(wait);
        const id = r.value.id;
        r = await withOrg(config, o.org, (db, g) => checkReleaseReport(access(db), g.id, id, new Date()));
      }
      if (!r.ok) throw new Error(r.error.message);
      process.stdout.write(o.json ? `${JSON.stringify(r.value, null, 2)}\n` : line(r.value));
      if (r.value.state !== 'stored') process.exitCode = 3;
    });
}
