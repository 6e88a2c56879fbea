// `cobro kpi`: the KPI report of a period as tables (receivables per currency, aging and roll rates, contact, promises,
// recovery and cost), or as JSON.
import { Option, type Command } from 'commander';
import type { Config } from '../config.ts';
import { DEFAULT_ATTRIBUTION_DAYS, kpiQuerySchema, kpiReport, type KpiReport } from '../kpi/index.ts';
import { withOrg } from './session.ts';
import { money, table } from './output.ts';

const BUCKETS = [['current', 'current'], ['d1_30', '1-30'], ['d31_60', '31-60'], ['d61_90', '61-90'], ['d91_120', '91-120'], ['over_120', '120+']] as const;

const days = (d: number | null) => (d === null ? '-' : d.toFixed(2));
const pct = (r: number | null, scale = 100) => (r === null ? '-' : `${(r * scale).toFixed(2)}%`);
const amounts = (xs: { currency: string; amount: number }[]) => xs.map((x) => `${x.currency} ${money(x.amount, x.currency)}`).join('; ') || '-';
// costs are priced in micro-units: four decimals of the major unit keep cents' fractions visible
const costs = (xs: { currency: string; micros: number }[]) => xs.map((x) => `${x.currency} ${(x.micros / 1_000_000).toFixed(4)}`).join('; ') || '-';
const perAccount = (xs: { currency: string; per_account_micros: number }[]) => costs(xs.map((x) => ({ currency: x.currency, micros: x.per_account_micros })));

function receivables(r: KpiReport): string {
  const rows = r.receivables.map((k) => ({ currency: k.currency, opening: money(k.opening.total, k.currency),
    'net sales': money(k.flows.net_credit_sales, k.currency), 'credit notes': money(k.flows.credit_notes, k.currency),
    collected: money(k.flows.collected, k.currency), 'written off': money(k.flows.write_offs, k.currency), closing: money(k.closing.total, k.currency),
    DSO: days(k.dso), 'count-back': `${days(k.count_back_dso)}${k.count_back_complete ? '' : '+'}`, 'best possible': days(k.best_possible_dso),
    delinquent: days(k.average_days_delinquent), CEI: pct(k.cei, 1) }));
  return table(rows, ['currency', 'opening', 'net sales', 'credit notes', 'collected', 'written off', 'closing', 'DSO', 'count-back',
    'best possible', 'delinquent', 'CEI']);
}

function rolls(r: KpiReport): string {
  const rows = r.receivables.flatMap((k) => k.roll_rates.filter((x) => x.opening > 0).map((x) => ({
    currency: k.currency, from: BUCKETS.find(([b]) => b === x.from)![1], opening: money(x.opening, k.currency),
    ...Object.fromEntries(BUCKETS.map(([b, label]) => [label, money(x.to[b], k.currency)])),
    resolved: money(x.to.resolved, k.currency), 'roll rate': pct(x.roll_rate) })));
  return table(rows, ['currency', 'from', 'opening', ...BUCKETS.map(([, l]) => l), 'resolved', 'roll rate']);
}

function aging(r: KpiReport): string {
  const rows = r.receivables.map((k) => ({ currency: k.currency,
    ...Object.fromEntries(BUCKETS.map(([b, label]) => [label, money(k.closing[b], k.currency)])), total: money(k.closing.total, k.currency) }));
  return table(rows, ['currency', ...BUCKETS.map(([, l]) => l), 'total']);
}

function contacts(r: KpiReport): string {
  const c = r.contacts;
  const rows = c.by_channel.map((x) => ({ channel: x.channel, messages: x.messages, delivered: x.delivered, failed: x.failed,
    accounts: x.accounts_attempted, reached: x.accounts_reached, 'contact rate': pct(x.contact_rate) }));
  return `${table(rows, ['channel', 'messages', 'delivered', 'failed', 'accounts', 'reached', 'contact rate'])}\n` +
    `accounts attempted ${c.accounts_attempted}, reached ${c.accounts_reached} (contact rate ${pct(c.contact_rate)}), ` +
    `right party ${c.accounts_right_party} (${pct(c.right_party_rate)}); replies ${c.replies}, keypresses ${c.keypresses}; ` +
    `contacts ${c.contacts} (${c.contacts_per_account === null ? '-' : c.contacts_per_account.toFixed(2)} per account; "call" is calls logged by people)`;
}

function promises(r: KpiReport): string {
  const p = r.promises;
  const paid = p.by_currency.map((x) => `${x.currency} ${money(x.paid, x.currency)} of ${money(x.promised, x.currency)} (${pct(x.paid_rate)})`).join('; ');
  return `${p.promises} due: kept ${p.kept}, partly kept ${p.partly_kept}, broken ${p.broken}, pending ${p.pending}; ` +
    `kept rate ${pct(p.kept_rate)}${paid ? `\npaid towards those judged: ${paid}` : ''}`;
}

function recovery(r: KpiReport): string {
  const x = r.recovery;
  const row = (first: Record<string, string>, y: KpiReport['recovery']['total']) => ({ ...first, messages: y.messages,
    cost: costs(y.cost), 'cost per account': perAccount(y.cost), 'recovered (last touch)': amounts(y.recovered),
    'recovered (shared)': amounts(y.recovered_linear) });
  const cols = ['messages', 'cost', 'cost per account', 'recovered (last touch)', 'recovered (shared)'];
  return [
    table(x.by_channel.map((y) => row({ channel: y.channel ?? '-' }, y)), ['channel', ...cols]),
    table(x.by_step.map((y) => row({ step: `${y.strategy_id ?? '-'}/${y.step_id ?? '-'}` }, y)), ['step', ...cols]),
    table(x.by_template.map((y) => row({ template: y.template ?? '-' }, y)), ['template', ...cols]),
    table([row({ '': 'total' }, x.total)], ['', ...cols]),
    `not credited (no message, answered call or portal visit in the ${x.attribution_days} days before): ${amounts(x.unattributed)}`,
  ].join('\n\n');
}

export function kpiText(r: KpiReport, orgName: string): string {
  return [
    `KPIs from ${r.from} to ${r.to} (${r.days} days; opening balances at the end of ${r.opening_date}; ${orgName}, ${r.time_zone})`,
    `Receivables (days to two decimals; count-back with + ran out of months)\n\n${receivables(r)}`,
    `Aging at the end of ${r.to}\n\n${aging(r)}`,
    `Roll rates: where each bucket of ${r.opening_date} was on ${r.to}\n\n${rolls(r)}`,
    `Contact\n\n${contacts(r)}`,
    `Promises falling due\n\n${promises(r)}`,
    `Recovery and cost (a payment's touches are the messages sent, calls logged that reached the debtor ("call") and the debtor's portal visits ("portal") within ${r.recovery.attribution_days} days before it: last touch credits the latest whole, shared splits it equally; the total's shared figure is what any touch was credited)\n\n${recovery(r)}`,
  ].join('\n\n') + '\n';
}

interface KpiOptions { from: string; to: string; currency?: string; attributionDays?: string; json?: boolean; org?: string }

export async function kpiCommand(config: Config, o: KpiOptions): Promise<void> {
  // the API's schema checks the options, so both refuse the same things in the same words
  const query = kpiQuerySchema.safeParse({ from: o.from, to: o.to, currency: o.currency, attribution_days: o.attributionDays });
  if (!query.success) {
    const issue = query.error.issues[0];
    throw new Error(`--${String(issue?.path[0] ?? 'from').replace(/_/g, '-')}: ${issue?.message ?? 'is not valid'}`);
  }
  await withOrg(config, o.org, async (db, org) => {
    const r = await kpiReport(db, org.id, query.data);
    if (!r.ok) throw new Error(r.error.message);
    process.stdout.write(o.json ? `${JSON.stringify(r.value, null, 2)}\n` : kpiText(r.value, org.name));
  });
}

export function registerKpi(program: Command, config: Config): void {
  program.command('kpi').description('KPIs of a period: DSO (standard, count-back, best possible), days delinquent, CEI, aging and roll rates, contact, kept promises, recovery and cost')
    .requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD)').requiredOption('--to <date>', 'last day, included (YYYY-MM-DD)')
    .option('--currency <ccy>', 'only this currency').option('--attribution-days <n>', `credit a payment to the touches within N days before it (default ${DEFAULT_ATTRIBUTION_DAYS})`)
    .option('--json', 'print JSON').addOption(new Option('--org <id>', 'org to work in'))
    .action((o: KpiOptions) => kpiCommand(config, o));
}
