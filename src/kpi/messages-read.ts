// The messages of a period for the contact and cost KPIs, read from what migrations 051 and 106 store per UTC day
// (customer_messages_daily, kept by triggers, checked by `cobro totals check`): the UTC days wholly inside the period in
// the org's zone from the stored rows, the instants before the first and after the last (none in UTC; less than a day
// each elsewhere) from the messages themselves and their actions, as strategy performance reads its contacts.

import type { Queryable } from '../db/index.ts';
import type { Period } from './period.ts';

/**
 * The period's instants [start, end) in `timeZone`, the UTC days wholly inside it (first <= day < after) and the parts
 * they leave: head [start, head_end) and tail [tail_start, end), which overlap neither the whole days nor each other.
 * Worked out before the read so the planner sees how many days the stored rows cover.
 */
async function bounds(q: Queryable, p: Period, timeZone: string): Promise<unknown[]> {
  const [b] = await q.query<{ first: string; after: string; start: Date; head_end: Date; tail_start: Date; end: Date }>(
    `SELECT lo::text AS first, hi::text AS after, s AS start, least(lo::timestamp AT TIME ZONE 'UTC', e) AS head_end,
       greatest(hi::timestamp AT TIME ZONE 'UTC', least(lo::timestamp AT TIME ZONE 'UTC', e)) AS tail_start, e AS end
     FROM (SELECT ($1::date)::timestamp AT TIME ZONE $2 AS s, ($3::date + 1)::timestamp AT TIME ZONE $2 AS e) x,
       LATERAL (SELECT ((s - interval '1 microsecond') AT TIME ZONE 'UTC')::date + 1 AS lo, (e AT TIME ZONE 'UTC')::date AS hi) d`,
    [p.from, timeZone, p.to]);
  return [b!.first, b!.after, b!.start, b!.head_end, b!.tail_start, b!.end];
}

/** The six parameters of periodMessages, after the statement's others. */
export const periodBounds = bounds;

/**
 * A SQL CTE (to follow WITH) for $1 org and the six periodBounds from $`b`: `pm`, the period's messages with a sending instant as
 * rows (customer_id in COLLATE "C", channel, template, strategy_id, step_id, currency, messages, delivered, failed,
 * costed, micros); a customer's messages may be on several rows (one per UTC day and kind).
 */
export const periodMessages = (b: number): string => `
  pm AS (
    -- an action of another org counts as none here (its strategy is stored for the contacts: migration 106)
    SELECT customer_id COLLATE "C" AS customer_id, channel, template, CASE WHEN NOT other_org THEN strategy_id END AS strategy_id,
      CASE WHEN NOT other_org THEN step_id END AS step_id, currency, messages, delivered, failed, costed, micros
    FROM customer_messages_daily
    WHERE org_id = $1 AND day >= $${b + 0}::date AND day < $${b + 1}::date
    UNION ALL
    SELECT m.customer_id COLLATE "C", m.channel, m.template, a.strategy_id, a.step_id, m.cost_currency, 1, (m.status IN ('delivered', 'read'))::int,
      (m.status IN ('failed', 'bounced'))::int, (m.cost_micros IS NOT NULL)::int, COALESCE(m.cost_micros, 0)
    FROM messages m
      -- each message's action looked up by its key (OFFSET 0 keeps the lookup rather than a hash of every action)
      LEFT JOIN LATERAL (SELECT strategy_id, step_id FROM actions WHERE org_id = m.org_id AND id = m.action_id OFFSET 0) a ON true
    WHERE m.org_id = $1 AND m.sent_at IS NOT NULL
      AND ((m.sent_at >= $${b + 2}::timestamptz AND m.sent_at < $${b + 3}::timestamptz) OR (m.sent_at >= $${b + 4}::timestamptz AND m.sent_at < $${b + 5}::timestamptz)))`;
