// Results of an experiment per arm, by intent to treat: customers, collected, days to pay, contacts, opt-outs and cost;
// per currency the collected share, the difference with its fixed-horizon 95% interval and its always-valid one (the
// "winner" is named only when the always-valid interval excludes 0), or "not enough data yet" below the minimum sample.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import type { Arm } from './assign.ts';
import { customerOutcomes, type CustomerOutcome } from './outcomes.ts';
import { alwaysValidDifference, differenceInterval, sample } from './stats.ts';
import { getExperiment, type Experiment } from './store.ts';

export interface ArmResult {
  arm: Arm; version: number; customers: number; collected: { currency: string; amount: number }[];
  /** The collected share when every customer owes in one currency; null with several (see by_currency). */
  collected_share: number | null;
  /** Per currency: the customers owing or paying in it and their mean collected / (collected + still open). */
  by_currency: { currency: string; customers: number; collected_share: number }[];
  /** Days from due date to payment, weighted by the amount allocated; null when nothing was paid. */
  average_days_to_pay: number | null;
  contacts: number; opt_outs: number; cost: { currency: string; micros: number }[];
}

/** challenger minus champion in collected share in one currency, with the fixed and the always-valid 95% intervals (the
 * latter kept within -1 .. 1, where a difference of shares lies). */
export interface Difference {
  currency: string; collected_share: number; low: number; high: number; always_valid_low: number; always_valid_high: number;
  /** The always-valid interval excludes 0: right however many times the results were looked at. */
  significant: boolean;
}

export interface ExperimentResults {
  experiment: Experiment; as_of: CalendarDate; arms: ArmResult[];
  /** Some currency has the minimum customers in each arm. */
  enough_data: boolean; message: string;
  /** The one difference when there is one currency; null otherwise or until both arms reach the minimum sample. */
  difference: Difference | null;
  /** Each currency whose arms both reach the minimum sample. */
  differences: Difference[];
}

const shareIn = (x: { collected: number; open_balance: number }) => (x.collected + x.open_balance > 0 ? x.collected / (x.collected + x.open_balance) : 0);

/** Each currency's collected shares, one per customer owing or paying in it. */
function sharesByCurrency(xs: CustomerOutcome[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const c of xs) for (const y of c.by_currency) out.set(y.currency, [...(out.get(y.currency) ?? []), shareIn(y)]);
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

function addTo<K extends string>(list: ({ currency: string } & Record<K, number>)[], key: K, currency: string, n: number) {
  const x = list.find((y) => y.currency === currency);
  if (x) (x as Record<K, number>)[key] += n;
  else list.push({ currency, [key]: n } as { currency: string } & Record<K, number>);
}

function armResult(arm: Arm, version: number, xs: CustomerOutcome[]): ArmResult {
  const collected: { currency: string; amount: number }[] = [];
  const cost: { currency: string; micros: number }[] = [];
  for (const c of xs) {
    for (const y of c.by_currency) if (y.collected) addTo(collected, 'amount', y.currency, y.collected);
    for (const y of c.cost) addTo(cost, 'micros', y.currency, y.micros);
  }
  const by_currency = [...sharesByCurrency(xs)].map(([currency, shares]) => ({ currency, customers: shares.length, collected_share: sample(shares).mean }));
  const allocated = xs.reduce((s, c) => s + c.paid_allocated, 0);
  return { arm, version, customers: xs.length, collected: collected.sort((a, b) => a.currency.localeCompare(b.currency)),
    collected_share: by_currency.length === 1 ? by_currency[0]!.collected_share : null, by_currency,
    average_days_to_pay: allocated > 0 ? xs.reduce((s, c) => s + c.paid_days_weighted, 0) / allocated : null,
    contacts: xs.reduce((s, c) => s + c.contacts, 0), opt_outs: xs.filter((c) => c.opted_out).length,
    cost: cost.sort((a, b) => a.currency.localeCompare(b.currency)) };
}

const pp = (x: number) => `${(x * 100).toFixed(1)} points`;

function differenceText(d: Difference, fixedExcludesZero: boolean): string {
  const verdict = d.significant ? (d.collected_share > 0 ? 'the challenger collects more' : 'the champion collects more')
    : fixedExcludesZero ? 'no clear difference yet (the fixed interval excludes 0, but it holds for one look only)' : 'no clear difference yet';
  return `${d.currency}: challenger minus champion in collected share ${pp(d.collected_share)} (95% interval ${pp(d.low)} to ${pp(d.high)}; ` +
    `always-valid ${pp(d.always_valid_low)} to ${pp(d.always_valid_high)}); ${verdict}`;
}

/** The results from each assigned customer's outcome, pure. */
export function summarise(e: Experiment, asOf: CalendarDate, outcomes: CustomerOutcome[]): ExperimentResults {
  const champion = outcomes.filter((c) => c.arm === 'champion');
  const challenger = outcomes.filter((c) => c.arm === 'challenger');
  const arms = [armResult('champion', e.champion_version, champion), armResult('challenger', e.challenger_version, challenger)];
  const a = sharesByCurrency(champion), b = sharesByCurrency(challenger);
  const currencies = [...new Set([...a.keys(), ...b.keys()])].sort();
  const differences: Difference[] = [];
  const lines: string[] = [];
  const short: string[] = [];
  for (const currency of currencies) {
    const x = a.get(currency) ?? [], y = b.get(currency) ?? [];
    if (x.length < e.min_per_arm || y.length < e.min_per_arm) {
      short.push(`${currency}: ${x.length} customer(s) on the champion and ${y.length} on the challenger`);
      lines.push(`${currency}: not enough data yet: ${x.length} customer(s) on the champion and ${y.length} on the challenger; each arm needs at least ${e.min_per_arm}`);
      continue;
    }
    const fixed = differenceInterval(sample(x), sample(y))!, valid = alwaysValidDifference(sample(x), sample(y))!;
    const d: Difference = { currency, collected_share: fixed.difference, low: fixed.low, high: fixed.high,
      always_valid_low: Math.max(-1, valid.low), always_valid_high: Math.min(1, valid.high), significant: valid.low > 0 || valid.high < 0 };
    differences.push(d);
    lines.push(differenceText(d, fixed.low > 0 || fixed.high < 0));
  }
  const enough = differences.length > 0;
  const message = enough ? lines.join('\n') : currencies.length === 0
    ? `not enough data yet: ${champion.length} customer(s) on the champion and ${challenger.length} on the challenger; each arm needs at least ${e.min_per_arm}`
    : `not enough data yet: ${short.join('; ')}; each arm needs at least ${e.min_per_arm} in a currency`;
  return { experiment: e, as_of: asOf, arms, enough_data: enough, message,
    difference: currencies.length === 1 ? differences[0] ?? null : null, differences };
}

export async function experimentResults(q: Queryable, org: string, id: string, asOf: CalendarDate): Promise<Result<ExperimentResults>> {
  const e = await getExperiment(q, org, id);
  if (!e.ok) return e;
  if (asOf < e.value.started_on) return fail('VALIDATION_FAILED', `as_of ${asOf} is before the experiment started (${e.value.started_on})`, 'as_of');
  const x = { ...e.value, share: Number(e.value.share) };
  return ok(summarise(x, asOf, await customerOutcomes(q, org, x, asOf)));
}
