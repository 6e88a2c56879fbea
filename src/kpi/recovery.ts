// Recovery and cost by channel, step and template, and cost per account. A payment is credited to the touches of its
// customer within the attribution window before it: messages sent (or delivered, read, answered), calls people logged
// that reached the debtor (channel "call"), the debtor's own portal visits (channel "portal") and calls the debtor made
// to the org's number in which they pressed a key (channel "voice", one touch a call), on a day from
// `attribution_days` before the payment's date up to that date itself (a payment carries a date, not an instant, so a
// touch of the same day counts). Failed, bounced and uncertain messages are not touches. Two credits: last touch (the
// whole payment to the latest touch, `recovered`) and shared (split equally over every touch, `recovered_linear`). Steps
// and templates are credited through messages only. Costs are in the currency the provider rates are kept in; recovered
// amounts in the payment's currency; neither is ever added to another currency.
import type { Queryable } from '../db/index.ts';
import { microsToMinor } from '../worker/index.ts';
import type { Period } from './period.ts';
import { onDaysIn } from './instants.ts';
import { periodBounds, periodMessages } from './messages-read.ts';
import { CALL_CHANNEL, PORTAL_CHANNEL, incomingCallKeys, loggedCalls, portalVisits } from './touches.ts';
import type { Amount, Cost, RecoveryKpi, RecoveryRow } from './schema.ts';

type Dim = 'channel' | 'step' | 'template' | 'total';
interface Keyed { channel: string | null; strategy_id: string | null; step_id: string | null; template: string | null }

/**
 * The grouping of every breakdown, or of the channels and the total alone (each set left out spares a sort): its sets,
 * the breakdown each row belongs to, and the step and template columns (null when not grouped by); `kind` ('kind, ')
 * groups the steps and templates by the kind of touch too.
 */
const grouping = (all: boolean, kind = '') => (all
  ? { sets: `GROUPING SETS ((channel, currency), (${kind}strategy_id, step_id, currency), (${kind}template, currency), (currency))`,
    dim: `CASE WHEN GROUPING(channel) = 0 THEN 'channel' WHEN GROUPING(strategy_id) = 0 THEN 'step' WHEN GROUPING(template) = 0 THEN 'template' ELSE 'total' END`,
    keys: 'channel, strategy_id, step_id, template' }
  : { sets: 'GROUPING SETS ((channel, currency), (currency))',
    dim: `CASE WHEN GROUPING(channel) = 0 THEN 'channel' ELSE 'total' END`,
    keys: 'channel, NULL::text AS strategy_id, NULL::text AS step_id, NULL::text AS template' });

type CostRow = Keyed & { dim: Dim; currency: string | null; messages: number; micros: number; accounts: number };

/**
 * $1 org, $2.. the period's bounds in the org's zone. One read of the period's messages from their stored rows per UTC day
 * (periodMessages, which carry each message's step, so no message's action is looked up but those of the cut days).
 */
async function costs(q: Queryable, orgId: string, p: Period, tz: string, all: boolean): Promise<CostRow[]> {
  const g = grouping(all);
  return q.query<CostRow>(
    `WITH ${periodMessages(2)}
     SELECT ${g.dim} AS dim, ${g.keys}, currency, sum(messages)::int AS messages, sum(micros)::bigint AS micros,
       count(DISTINCT customer_id) FILTER (WHERE costed > 0)::int AS accounts
     FROM pm GROUP BY ${g.sets}`,
    [orgId, ...await periodBounds(q, p, tz)]);
}

/** How a payment's credit is given: whole to its last touch, shared over its touches, or to none (no touch in its window). */
type Model = 'last' | 'linear' | 'none';
type CreditRow = Keyed & { dim: Dim; model: Model; kind: string | null; currency: string; amount: number; payments: number };

/**
 * $5 currency or null, $6 the attribution window in days. Payments reversed by the period's end are left out. Set-based:
 * the touches that may count (from the window before the period's start to its end; messages looked up by the payments'
 * customers, the other touches read whole by their partial indexes, as a semi-join on their misestimated rows made a
 * nested loop over every payment) are joined to the payments by customer and day, numbered per payment from the latest; the latest takes the whole payment
 * (last touch), and the k-th of n takes floor(amount k / n) - floor(amount (k - 1) / n) (shared: whole minor units adding
 * up to the payment). Steps and templates are grouped with the touch's kind, so only messages credit them.
 */
async function recovered(q: Queryable, orgId: string, p: Period, tz: string, currency: string | null, windowDays: number, all: boolean) {
  const g = grouping(all, 'kind, ');
  const window = ['($2::date - $6::int)', '$3::date', '$4'] as const;
  return q.query<CreditRow>(
    `WITH p AS (
       SELECT p.id, p.customer_id, p.date, p.currency, p.amount FROM payments p
       WHERE p.org_id = $1 AND p.date BETWEEN $2::date AND $3::date AND ($5::text IS NULL OR p.currency = $5)
         AND (p.reversed_at IS NULL OR (p.reversed_at AT TIME ZONE $4)::date > $3::date)),
     t AS (
       SELECT m.id, m.customer_id, 'message' AS kind, m.channel, m.template, m.action_id, m.sent_at AS at FROM messages m
       WHERE m.org_id = $1 AND m.sent_at IS NOT NULL AND m.status IN ('sent', 'delivered', 'read')
         AND ${onDaysIn('m.sent_at', ...window)} AND m.customer_id IN (SELECT customer_id FROM p)
       UNION ALL
       SELECT c.id, c.customer_id, 'call', '${CALL_CHANNEL}', NULL, NULL, c.at FROM (${loggedCalls(...window)}) c WHERE c.answered
       UNION ALL
       SELECT v.id, v.customer_id, 'visit', '${PORTAL_CHANNEL}', NULL, NULL, v.at FROM (${portalVisits(...window)}) v
       UNION ALL
       SELECT k.id, k.customer_id, 'keys', 'voice', NULL, NULL, k.at FROM (${incomingCallKeys(...window)}) k),
     pt AS (
       SELECT p.id AS pid, p.currency, p.amount, t.kind, t.channel, t.template, t.action_id,
         row_number() OVER (PARTITION BY p.id ORDER BY t.at DESC, t.id COLLATE "C" DESC) AS k, count(*) OVER (PARTITION BY p.id) AS n
       FROM p JOIN t ON t.customer_id = p.customer_id AND (t.at AT TIME ZONE $4)::date BETWEEN p.date - $6::int AND p.date),
     credit AS (
       SELECT 'last' AS model, pid, currency, amount, kind, channel, template, action_id FROM pt WHERE k = 1
       UNION ALL
       SELECT 'linear', pid, currency, amount * k / n - amount * (k - 1) / n, kind, channel, template, action_id FROM pt
       UNION ALL
       SELECT 'none', p.id, p.currency, p.amount, NULL, NULL, NULL, NULL FROM p WHERE p.id NOT IN (SELECT pid FROM pt)),
     pay AS (
       SELECT c.model, c.pid, c.currency, c.amount, c.kind, c.channel, c.template, a.strategy_id, a.step_id
       FROM credit c LEFT JOIN actions a ON a.org_id = $1 AND a.id = c.action_id)
     SELECT ${g.dim} AS dim, model, ${all ? 'kind' : 'NULL::text AS kind'}, ${g.keys}, currency, sum(amount)::bigint AS amount,
       count(DISTINCT pid)::int AS payments
     FROM pay GROUP BY model, ${g.sets}`, [orgId, p.from, p.to, tz, currency, windowDays]);
}

const sameKey = (dim: Dim, a: Keyed, b: Keyed): boolean =>
  dim === 'channel' ? a.channel === b.channel : dim === 'step' ? a.strategy_id === b.strategy_id && a.step_id === b.step_id
    : dim === 'template' ? a.template === b.template : true;

export async function recoveryKpis(
  q: Queryable, orgId: string, p: Period, tz: string, currency: string | null, windowDays: number, all = true,
): Promise<RecoveryKpi> {
  const [c, r] = await Promise.all([costs(q, orgId, p, tz, all), recovered(q, orgId, p, tz, currency, windowDays, all)]);
  // steps and templates are credited through messages only (a logged call or a visit has neither)
  const credits = (dim: Dim, model: Model) => r.filter((x) => x.dim === dim && x.model === model && (dim === 'channel' || dim === 'total' || x.kind === 'message'));
  const amount = (x: CreditRow): Amount => ({ currency: x.currency, amount: x.amount, payments: x.payments });
  const rows = (dim: Dim): (Keyed & RecoveryRow)[] => {
    const out: (Keyed & RecoveryRow)[] = [];
    const find = (k: Keyed) => {
      let row = out.find((o) => sameKey(dim, o, k));
      if (!row) {
        row = { channel: k.channel, strategy_id: k.strategy_id, step_id: k.step_id, template: k.template, messages: 0, cost: [], recovered: [], recovered_linear: [] };
        out.push(row);
      }
      return row;
    };
    for (const x of c.filter((x) => x.dim === dim)) {
      const row = find(x);
      row.messages += x.messages;
      if (x.currency) row.cost.push(costOf(x.currency, x.micros, x.accounts));
    }
    for (const x of credits(dim, 'last')) find(x).recovered.push(amount(x));
    for (const x of credits(dim, 'linear')) find(x).recovered_linear.push(amount(x));
    for (const o of out) { o.cost.sort(byCurrency); o.recovered.sort(byCurrency); o.recovered_linear.sort(byCurrency); }
    return out.sort((a, b) => key(dim, a).localeCompare(key(dim, b)));
  };
  const total = rows('total')[0] ?? { messages: 0, cost: [], recovered: [], recovered_linear: [] };
  return {
    attribution_days: windowDays,
    total: { messages: total.messages, cost: total.cost, recovered: sumByCurrency([...credits('total', 'last'), ...credits('total', 'none')].map(amount)),
      recovered_linear: total.recovered_linear },
    by_channel: rows('channel').map((x) => ({ channel: x.channel, ...row(x) })),
    by_step: rows('step').map((x) => ({ strategy_id: x.strategy_id, step_id: x.step_id, ...row(x) })),
    by_template: rows('template').map((x) => ({ template: x.template, ...row(x) })),
    unattributed: credits('total', 'none').map(amount).sort(byCurrency),
  };
}

function costOf(currency: string, micros: number, accounts: number): Cost {
  const per = accounts > 0 ? Math.round(micros / accounts) : 0;
  return { currency, micros, minor: microsToMinor(micros, currency), accounts, per_account_micros: per, per_account_minor: microsToMinor(per, currency) };
}

const row = (x: RecoveryRow): RecoveryRow => ({ messages: x.messages, cost: x.cost, recovered: x.recovered, recovered_linear: x.recovered_linear });
const byCurrency = (a: { currency: string }, b: { currency: string }) => a.currency.localeCompare(b.currency);
const key = (dim: Dim, k: Keyed): string => (dim === 'channel' ? k.channel : dim === 'step' ? `${k.strategy_id}/${k.step_id}` : k.template) ?? '';

function sumByCurrency(xs: Amount[]): Amount[] {
  const m = new Map<string, Amount>();
  for (const x of xs) {
    const t = m.get(x.currency) ?? { currency: x.currency, amount: 0, payments: 0 };
    m.set(x.currency, { currency: x.currency, amount: t.amount + x.amount, payments: t.payments + x.payments });
  }
  return [...m.values()].sort(byCurrency);
}
