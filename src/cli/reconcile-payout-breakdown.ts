// `cobro reconcile payout-breakdown stripe:po_...` (R-6): what a reported payout carried, Stripe's balance transactions,
// checked against its amount: fees per payout and per payment, each charge's cobro payment, what needs a person's review;
// --settle "note" settles one for review (a manual payout, whose transactions Stripe does not list) by hand.
import { Option, type Command } from 'commander';
import type { Config } from '../config.ts';
import { refetchReportedPayout, reportedPayoutBreakdown, type RefetchedPayout } from '../payments/index.ts';
import { settleReportedPayout } from '../payments/payout-transactions.ts';
import { withOrg } from './session.ts';
import { money, table } from './output.ts';

/** Stripe's integer in hundredths as a decimal: 4380 is 43.80. */
const hundredths = (n: number) => `${n < 0 ? '-' : ''}${Math.floor(Math.abs(n) / 100)}.${String(Math.abs(n) % 100).padStart(2, '0')}`;

function describe(p: RefetchedPayout): string {
  const { fetch, check } = p.breakdown;
  const ccy = p.currency;
  const head = [`${p.id}: ${money(p.amount, ccy)} ${ccy} arriving ${p.arrival_date} (${p.status})`,
    fetch.state === 'not_listed' ? 'transactions: not listed (a manual payout: Stripe lists balance transactions by payout for automatic payouts only)'
      : `transactions: ${fetch.state}${fetch.fetched_at ? ` at ${fetch.fetched_at}` : ''}, ${fetch.transactions} kept`
      + `${fetch.error ? `; last read failed: ${fetch.error}${fetch.next_attempt_at ? `, tried again from ${fetch.next_attempt_at}` : ''}` : ''}`];
  const rr = p.release_report;
  if (rr) head.push(`Mercado Pago release report ${rr.id} (${rr.begin_at} to ${rr.end_at}) ${rr.state}${rr.error ? `: ${rr.error}` : ''}`);
  if (check.result === 'not_fetched') return `${head.join('\n')}\nnot checked: the transactions are not read yet\n`;
  head.push(`check: ${check.result}: gross ${money(check.gross, ccy)}, fees ${money(check.fees, ccy)}, net ${money(check.net, ccy)}, difference ${money(check.difference, ccy)}`);
  if (check.settlement) head.push(`settled by hand by ${check.settlement.by} at ${check.settlement.at}: ${check.settlement.note}`);
  if (check.result === 'pending_reconciliation' || check.reconciliation_status === 'in_progress') {
    head.push(`  pending Stripe's reconciliation (${check.reconciliation_status}): read again when Stripe has reconciled the payout`);
  }
  for (const i of check.issues) head.push(`  ${check.result === 'settled' ? 'SETTLED' : 'REVIEW'} ${i.code} (${i.field}): ${i.message}`);
  const payments = check.payments.map((x) => ({ payment: x.payment_id ?? '', ref: x.payment_ref, customer: x.customer_id,
    gross: money(x.gross, x.currency), fees: money(x.fees, x.currency), net: money(x.net, x.currency) }));
  // ISK and UGX: whole units, with Stripe's own two-decimal figure beside a fee or net that it rounds
  const exact = (mine: string, stripe: number | undefined) => (stripe === undefined || stripe % 100 === 0 ? mine : `${mine} (${hundredths(stripe)})`);
  const txns = p.breakdown.transactions.map((t) => ({ txn: t.txn_id, type: t.type, source: t.source_id ?? '', amount: exact(money(t.amount, t.currency), t.stripe_units?.amount),
    fee: exact(money(t.fee, t.currency), t.stripe_units?.fee), net: exact(money(t.net, t.currency), t.stripe_units?.net), payment: t.payment_id ?? '' }));
  return `${head.join('\n')}\n\n${payments.length ? `${table(payments, ['payment', 'ref', 'customer', 'gross', 'fees', 'net'])}\n\n` : ''}`
    + `${table(txns, ['txn', 'type', 'source', 'amount', 'fee', 'net', 'payment'])}\n`;
}

/** Adds `payout-breakdown` to `cobro reconcile`. */
export function registerPayoutBreakdown(rec: Command, config: Config): void {
  rec.command('payout-breakdown').description('what a reported payout carried (Stripe balance transactions): fees, each charge\'s cobro payment, and a check against its amount')
    .argument('<id>', 'gateway:payout_id, as `cobro reconcile reported-payouts` lists them (stripe:po_...)')
    .option('--refetch', 'read the payout again now: Stripe\'s transactions, or a new Mercado Pago release report covering it')
    .option('--settle <note>', 'settle by hand a payout that is for review (e.g. a manual payout), saying why; audited')
    .option('--json', 'print JSON').addOption(new Option('--org <id>', 'org to work in'))
    .action(async (id: string, o: { refetch?: boolean; settle?: string; json?: boolean; org?: string }) => {
      const r = await withOrg(config, o.org, (db, g) => {
        if (o.settle !== undefined) return settleReportedPayout(db, g.id, 'cli', id, o.settle, new Date());
        return o.refetch ? refetchReportedPayout({ db, egress: config.egress, ...(config.secretKey ? { secretKey: config.secretKey } : {}) }, g.id, id, new Date(), 'cli')
          : reportedPayoutBreakdown(db, g.id, id);
      });
      if (!r.ok) throw new Error(r.error.message);
      process.stdout.write(o.json ? `${JSON.stringify(r.value, null, 2)}\n` : describe(r.value));
      if (r.value.breakdown.check.result === 'review' || r.value.breakdown.fetch.state === 'failed') process.exitCode = 3;
    });
}
