// Strategy performance per strategy version: its cases, what was collected in the period while cases were on it, and the
// contacts it made. Cases are read from their stored counts per version and status (strategy_cases, migration 045),
// money from what each version collected per payment date (strategy_collected_daily, migration 105: each allocation
// credited to the version its customer's case was on when it was written), both kept by triggers and checked by
// `cobro totals check`; contacts
// from what each customer was sent per version and UTC day (the `contacts` of customer_messages_daily, migrations 048 and
// 106: rows with a strategy, whatever the org of the action), the parts of UTC
// days the period in the org's zone cuts from the messages and their actions.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';

export interface StrategyPerformance {
  strategy_id: string; version: number; name: string; active: boolean;
  cases: number; open_cases: number;
  /** Messages of the version's steps sent in the period and not failed (sent, delivered or read). */
  contacts: number; customers_contacted: number;
  /** Payments of the period allocated while the customer's case was on this version, less reversals. */
  collected: { currency: string; amount: number }[];
}

interface Key { strategy_id: string; version: number }
const keyOf = (k: Key) => `${k.strategy_id} ${k.version}`;

/**
 * Messages sent, delivered or read per version over the instants from the start of `from` to the end of `to` in `timeZone`,
 * and the distinct customers they went to: the UTC days wholly inside read from their stored rows, the instants before
 * the first and after the last (none in UTC; less than a day each elsewhere) from the messages.
 */
async function contactsOf(q: Queryable, orgId: string, from: CalendarDate, to: CalendarDate, timeZone: string) {
  // the period's instants [start, end) and the UTC days wholly inside [first, last + 1): first_at..last_at as instants
  const [b] = await q.query<{ start: Date; first: string; last: string; head_end: Date; tail_start: Date; end: Date }>(
    `SELECT s AS start, e AS end, lo::text AS first, (hi - 1)::text AS last,
       least(lo::timestamp AT TIME ZONE 'UTC', e) AS head_end, greatest(hi::timestamp AT TIME ZONE 'UTC', least(lo::timestamp AT TIME ZONE 'UTC', e)) AS tail_start
     FROM (SELECT ($1::date)::timestamp AT TIME ZONE $2 AS s, ($3::date + 1)::timestamp AT TIME ZONE $2 AS e) x,
       LATERAL (SELECT ((s - interval '1 microsecond') AT TIME ZONE 'UTC')::date + 1 AS lo, (e AT TIME ZONE 'UTC')::date AS hi) d`,
    [from, timeZone, to]);
  // head [start, head_end) and tail [tail_start, end) cover what the whole days do not, without overlapping them or each other;
  // customers told apart in COLLATE "C" (the same equality, compared as bytes: the sort behind DISTINCT takes ~20% less)
  return q.query<Key & { contacts: number; customers_contacted: number }>(
    `SELECT strategy_id, strategy_version AS version, sum(n)::int AS contacts, count(DISTINCT customer_id COLLATE "C")::int AS customers_contacted
     FROM (
       SELECT strategy_id, strategy_version, customer_id, contacts AS n FROM customer_messages_daily
       WHERE org_id = $1 AND day >= $2::date AND day <= $3::date AND strategy_id IS NOT NULL AND contacts > 0
       UNION ALL
       SELECT a.strategy_id, a.strategy_version, m.customer_id, 1 FROM messages m
         -- each message's action looked up by its key (OFFSET 0 keeps the lookup: a hash join read every action of the org)
         JOIN LATERAL (SELECT strategy_id, strategy_version FROM actions WHERE id = m.action_id OFFSET 0) a ON true
       WHERE m.org_id = $1 AND m.status IN ('sent', 'delivered', 'read')
         AND ((m.sent_at >= $4 AND m.sent_at < $5) OR (m.sent_at >= $6 AND m.sent_at < $7))
     ) x
     GROUP BY 1, 2`, [orgId, b!.first, b!.last, b!.start, b!.head_end, b!.tail_start, b!.end]);
}

/** Over `from`..`to`, both included, in the org's time zone; `currency` keeps one currency of the money collected. */
export async function strategyPerformance(
  q: Queryable, orgId: string, from: CalendarDate, to: CalendarDate, timeZone: string, currency: string | null,
): Promise<StrategyPerformance[]> {
  const [cases, contacts, collected, names] = await Promise.all([
    q.query<Key & { cases: number; open_cases: number }>(
      `SELECT strategy_id, strategy_version AS version, sum(cases)::int AS cases, COALESCE(sum(cases) FILTER (WHERE status = 'open'), 0)::int AS open_cases
       FROM strategy_cases WHERE org_id = $1 GROUP BY 1, 2`, [orgId]),
    contactsOf(q, orgId, from, to, timeZone),
    // each version keeps what was allocated while the case was on it (an allocation made with no case on a version counts nowhere)
    q.query<Key & { currency: string; amount: number }>(
      `SELECT strategy_id, strategy_version AS version, currency, sum(amount)::bigint AS amount
       FROM strategy_collected_daily
       WHERE org_id = $1 AND date >= $2::date AND date <= $3::date AND ($4::text IS NULL OR currency = $4)
       GROUP BY 1, 2, 3 ORDER BY 3`, [orgId, from, to, currency]),
    q.query<Key & { name: string; active: boolean }>('SELECT id AS strategy_id, version, name, active FROM strategies WHERE org_id = $1', [orgId]),
  ]);
  const byKey = new Map<string, StrategyPerformance>();
  const row = (k: Key): StrategyPerformance => {
    const found = byKey.get(keyOf(k));
    if (found) return found;
    const meta = names.find((n) => n.strategy_id === k.strategy_id && n.version === k.version);
    const fresh: StrategyPerformance = { strategy_id: k.strategy_id, version: k.version, name: meta?.name ?? k.strategy_id, active: meta?.active ?? false,
      cases: 0, open_cases: 0, contacts: 0, customers_contacted: 0, collected: [] };
    byKey.set(keyOf(k), fresh);
    return fresh;
  };
  for (const c of cases) Object.assign(row(c), { cases: c.cases, open_cases: c.open_cases });
  for (const c of contacts) Object.assign(row(c), { contacts: c.contacts, customers_contacted: c.customers_contacted });
  for (const c of collected) row(c).collected.push({ currency: c.currency, amount: Number(c.amount) });
  return [...byKey.values()].sort((a, b) => a.strategy_id.localeCompare(b.strategy_id) || b.version - a.version);
}
