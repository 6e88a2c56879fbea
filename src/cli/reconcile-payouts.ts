// `cobro reconcile payouts|not-payout|payout`: credits settled as a payment gateway's payout, listed with the gateway,
// the payout id and why; a person undoes a wrong one (the line is then matched as before) or marks one the rules missed.
import { Option, type Command } from 'commander';
import type { Config } from '../config.ts';
import { listPayoutLines, listReportedPayouts, markPayout, undoPayout, PAYOUT_GATEWAYS, REPORTED_PAYOUT_STATUSES, type PayoutGateway, type PayoutLine,
  type ReportedPayout, type ReportedPayoutStatus } from '../reconciliation/index.ts';
import { withOrg } from './session.ts';
import { money, table } from './output.ts';
import { registerPayoutBreakdown } from './reconcile-payout-breakdown.ts';
import { registerMpRelease } from './reconcile-mp-release.ts';
import { registerAdyenSettlement } from './reconcile-adyen.ts';

const org = () => new Option('--org <id>', 'org to work in');
const print = (json: boolean | undefined, value: unknown, text: string) =>
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : text);

function describePayouts(rows: PayoutLine[]): string {
  if (!rows.length) return 'no payouts\n';
  const out = rows.map((l) => ({ line: l.id, date: l.booking_date ?? l.value_date ?? '', amount: money(l.amount, l.currency), ccy: l.currency,
    gateway: l.payout.gateway, payout: l.payout.payout_id ?? '', by: l.payout.decided_by ?? 'cobro', why: l.payout.reasons.join('; ') }));
  return `${table(out, ['line', 'date', 'amount', 'ccy', 'gateway', 'payout', 'by', 'why'])}\n`;
}

function describeReported(rows: ReportedPayout[]): string {
  if (!rows.length) return 'no reported payouts\n';
  const out = rows.map((p) => ({ gateway: p.gateway, payout: p.payout_id, arrival: p.arrival_date, amount: money(p.amount, p.currency), ccy: p.currency,
    status: p.failure_code ? `${p.status} (${p.failure_code})` : p.status,
    lines: p.lines.map((l) => `${l.line_id} ${l.basis === 'return' ? 'return' : l.status}`).join(', ') }));
  return `${table(out, ['gateway', 'payout', 'arrival', 'amount', 'ccy', 'status', 'lines'])}\n`;
}

/** Adds the payout commands to `cobro reconcile`. */
export function registerReconcilePayouts(rec: Command, config: Config): void {
  rec.command('payouts').description('credits settled as a payment gateway\'s payout: they credit no invoice and are not in the review queue')
    .addOption(new Option('--gateway <gateway>', 'only this gateway\'s').choices(PAYOUT_GATEWAYS))
    .option('--statement <id>', 'only this statement\'s lines').option('--limit <n>', 'how many', (v) => Number(v), 50)
    .option('--json', 'print JSON').addOption(org())
    .action(async (o: { gateway?: string; statement?: string; limit: number; json?: boolean; org?: string }) => {
      const page = await withOrg(config, o.org, (db, g) => listPayoutLines(db, g.id, { limit: o.limit,
        ...(o.gateway ? { gateway: o.gateway } : {}), ...(o.statement ? { statement_id: o.statement } : {}) }));
      print(o.json, page, describePayouts(page.data));
    });
  rec.command('reported-payouts').description('payouts the gateways reported (Stripe payout.paid, .failed, .canceled), their state and bank lines')
    .addOption(new Option('--status <status>', 'only those in this state').choices(REPORTED_PAYOUT_STATUSES))
    .addOption(new Option('--gateway <gateway>', 'only this gateway\'s').choices(PAYOUT_GATEWAYS))
    .option('--limit <n>', 'how many', (v) => Number(v), 50).option('--json', 'print JSON').addOption(org())
    .action(async (o: { status?: ReportedPayoutStatus; gateway?: string; limit: number; json?: boolean; org?: string }) => {
      const page = await withOrg(config, o.org, (db, g) => listReportedPayouts(db, g.id, { limit: o.limit,
        ...(o.status ? { status: o.status } : {}), ...(o.gateway ? { gateway: o.gateway } : {}) }));
      print(o.json, page, describeReported(page.data));
    });
  registerPayoutBreakdown(rec, config);
  registerMpRelease(rec, config);
  registerAdyenSettlement(rec, config);
  rec.command('not-payout').description('a line taken for a gateway\'s payout is not one: match it as before (it is not taken for a payout again)')
    .argument('<line>', 'statement line id').option('--note <text>', 'why, kept in the audit log')
    .option('--json', 'print JSON').addOption(org())
    .action(async (lineId: string, o: { note?: string; json?: boolean; org?: string }) => {
      const r = await withOrg(config, o.org, (db, g) => undoPayout(db, g.id, 'cli', lineId, o.note ?? null, () => new Date()));
      if (!r.ok) throw new Error(r.error.message);
      print(o.json, r.value, `${lineId}: ${r.value.line.match_state}\n`);
    });
  rec.command('payout').description('mark a waiting credit as a gateway\'s payout: it leaves the queue and credits no invoice')
    .argument('<line>', 'statement line id').addOption(new Option('--gateway <gateway>', 'the gateway').choices(PAYOUT_GATEWAYS).makeOptionMandatory())
    .option('--payout-id <id>', 'the gateway\'s payout id').option('--note <text>', 'why, kept with the payout and in the audit log')
    .option('--json', 'print JSON').addOption(org())
    .action(async (lineId: string, o: { gateway: PayoutGateway; payoutId?: string; note?: string; json?: boolean; org?: string }) => {
      const r = await withOrg(config, o.org, (db, g) => markPayout(db, g.id, 'cli', lineId,
        { gateway: o.gateway, payout_id: o.payoutId ?? null, note: o.note ?? null }, () => new Date()));
      if (!r.ok) throw new Error(r.error.message);
      print(o.json, { id: r.value.id, match_state: r.value.match_state }, `${lineId}: ${r.value.match_state}\n`);
    });
}
