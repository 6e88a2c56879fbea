// Results of an experiment per arm: customers, collected, days to pay, contacts, opt-outs and cost, and the 95%
// interval of the difference in collected share, or "not enough data yet" below the minimum sample.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { armOf, type Arm } from './assign.ts';
import { differenceInterval, sample } from './stats.ts';
import { getExperiment, type Experiment } from './store.ts';

/** One customer on the experiment's strategy, from its start to the as-of date. Amounts are minor units. */
export interface CustomerOutcome {
  customer_id: string; collected: number; open_balance: number; paid_days_weighted: number; paid_allocated: number;
  contacts: number; opted_out: boolean; cost: { currency: string; micros: number }[]; collected_by_currency: { currency: string; amount: number }[];
}

export interface ArmResult {
  arm: Arm; version: number; customers: number; collected: { currency: string; amount: number }[];
  /** Mean over customers of collected / (collected + still open): the share of what they owed that came in. */
  collected_share: number | null;
  /** Days from due date to payment, weighted by the amount allocated; null when nothing was paid. */
  average_days_to_pay: number | null;
  contacts: number; opt_outs: number; cost: { currency: string; micros: number }[];
}

export interface ExperimentResults {
  experiment: Experiment; as_of: CalendarDate; arms: ArmResult[];
  enough_data: boolean; message: string;
  /** challenger minus champion, in collected share; null until both arms reach the minimum sample. */
  difference: { collected_share: number; low: number; high: number; significant: boolean } | null;
}

const shareOf = (c: CustomerOutcome) => (c.collected + c.open_balance > 0 ? c.collected / (c.collected + c.open_balance) : 0);

function addTo<K extends string>(list: ({ currency: string } & Record<K, number>)[], key: K, currency: string, n: number) {
  const x = list.find((y) => y.currency === currency);
  if (x) (x as Record<K, number>)[key] += n;
  else list.push({ currency, [key]: n } as { currency: string } & Record<K, number>);
}

function armResult(arm: Arm, version: number, xs: CustomerOutcome[]): ArmResult {
  const collected: { currency: string; amount: number }[] = [];
  const cost: { currency: string; micros: number }[] = [];
  for (const c of xs) {
    for (const y of c.collected_by_currency) addTo(collected, 'amount', y.currency, y.amount);
    for (const y of c.cost) addTo(cost, 'micros', y.currency, y.micros);
  }
  const allocated = xs.reduce((s, c) => s + c.paid_allocated, 0);
  return { arm, version, customers: xs.length, collected: collected.sort((a, b) => a.currency.localeCompare(b.currency)),
    collected_share: xs.length ? sample(xs.map(shareOf)).mean : null,
    average_days_to_pay: allocated > 0 ? xs.reduce((s, c) => s + c.paid_days_weighted, 0) / allocated : null,
    contacts: xs.reduce((s, c) => s + c.contacts, 0), opt_outs: xs.filter((c) => c.opted_out).length,
    cost: cost.sort((a, b) => a.currency.localeCompare(b.currency)) };
}

/** The results from each customer's outcome, pure. */
export function summarise(e: Experiment, asOf: CalendarDate, outcomes: CustomerOutcome[]): ExperimentResults {
  const champion = outcomes.filter((c) => armOf(e.id, c.customer_id, e.share) === 'champion');
  const challenger = outcomes.filter((c) => armOf(e.id, c.customer_id, e.share) === 'challenger');
  const arms = [armResult('champion', e.champion_version, champion), armResult('challenger', e.challenger_version, challenger)];
  const enough = champion.length >= e.min_per_arm && challenger.length >= e.min_per_arm;
  if (!enough) {
    return { experiment: e, as_of: asOf, arms, enough_data: false, difference: null,
      message: `not enough data yet: ${champion.length} customer(s) on the champion and ${challenger.length} on the challenger; each arm needs at least ${e.min_per_arm}` };
  }
  const d = differenceInterval(sample(champion.map(shareOf)), sample(challenger.map(shareOf)))!;
  const significant = d.low > 0 || d.high < 0;
  const pp = (x: number) => `${(x * 100).toFixed(1)} points`;
  return { experiment: e, as_of: asOf, arms, enough_data: true,
    difference: { collected_share: d.difference, low: d.low, high: d.high, significant },
    message: `challenger minus champion in collected share: ${pp(d.difference)} (95% interval ${pp(d.low)} to ${pp(d.high)}); ` +
      (significant ? (d.difference > 0 ? 'the challenger collects more' : 'the champion collects more') : 'no clear difference yet') };
}

/** Each customer with a case on the experiment's strategy, and what happened from its start to the as-of date. */
export async function customerOutcomes(q: Queryable, org: string, e: Experiment, asOf: CalendarDate): Promise<CustomerOutcome[]> {
  const n = (x: unknown) => Number(x ?? 0);
  const rows = await q.query<{ customer_id: string; open_balance: unknown; collected: { currency: string; amount: unknown }[] | null;
    paid_days: unknown; paid_allocated: unknown; contacts: unknown; opted_out: boolean; cost: { currency: string; micros: unknown }[] | null }>(
    `SELECT c.customer_id,
       (SELECT coalesce(sum(balance), 0) FROM invoices i WHERE i.org_id = $1 AND i.customer_id = c.customer_id AND i.balance > 0
          AND i.status IN ('open', 'partially_paid', 'disputed')) AS open_balance,
       (SELECT jsonb_agg(jsonb_build_object('currency', currency, 'amount', amount)) FROM (SELECT p.currency, sum(p.amount) AS amount FROM payments p
          WHERE p.org_id = $1 AND p.customer_id = c.customer_id AND p.reversed_at IS NULL AND p.date BETWEEN $3 AND $4 GROUP BY p.currency) x) AS collected,
       (SELECT coalesce(sum(a.amount * (p.date - i.due_date)), 0) FROM allocations a JOIN payments p ON p.id = a.payment_id JOIN invoices i ON i.id = a.invoice_id
          WHERE a.org_id = $1 AND p.customer_id = c.customer_id AND a.reversed_at IS NULL AND p.reversed_at IS NULL AND p.date BETWEEN $3 AND $4) AS paid_days,
       (SELECT coalesce(sum(a.amount), 0) FROM allocations a JOIN payments p ON p.id = a.payment_id
          WHERE a.org_id = $1 AND p.customer_id = c.customer_id AND a.reversed_at IS NULL AND p.reversed_at IS NULL AND p.date BETWEEN $3 AND $4) AS paid_allocated,
       (SELECT count(*) FROM messages m WHERE m.org_id = $1 AND m.customer_id = c.customer_id AND m.status IN ('sent', 'delivered', 'read')
          AND m.created_at >= $3::date AND m.created_at < ($4::date + 1)) AS contacts,
       EXISTS (SELECT 1 FROM suppressions s WHERE s.org_id = $1 AND s.customer_id = c.customer_id AND s.at >= $3::date AND s.at < ($4::date + 1)) AS opted_out,
       (SELECT jsonb_agg(jsonb_build_object('currency', currency, 'micros', micros)) FROM (SELECT m.cost_currency AS currency, sum(m.cost_micros) AS micros
          FROM messages m WHERE m.org_id = $1 AND m.customer_id = c.customer_id AND m.cost_micros IS NOT NULL
          AND m.created_at >= $3::date AND m.created_at < ($4::date + 1) GROUP BY m.cost_currency) y) AS cost
     FROM cases c WHERE c.org_id = $1 AND c.strategy_id = $2 ORDER BY c.customer_id`, [org, e.strategy_id, e.started_on, asOf]);
  return rows.map((r) => {
    const collected = (r.collected ?? []).map((x) => ({ currency: x.currency, amount: n(x.amount) }));
    return { customer_id: r.customer_id, open_balance: n(r.open_balance), collected: collected.reduce((s, x) => s + x.amount, 0), collected_by_currency: collected,
      paid_days_weighted: n(r.paid_days), paid_allocated: n(r.paid_allocated), contacts: n(r.contacts), opted_out: r.opted_out,
      cost: (r.cost ?? []).map((x) => ({ currency: x.currency, micros: n(x.micros) })) };
  });
}

export async function experimentResults(q: Queryable, org: string, id: string, asOf: CalendarDate): Promise<Result<ExperimentResults>> {
  const e = await getExperiment(q, org, id);
  if (!e.ok) return e;
  if (asOf < e.value.started_on) return fail('VALIDATION_FAILED', `as_of ${asOf} is before the experiment started (${e.value.started_on})`, 'as_of');
  const x = { ...e.value, share: Number(e.value.share) };
  return ok(summarise(x, asOf, await customerOutcomes(q, org, x, asOf)));
}
