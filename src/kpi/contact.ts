// Contact rate and right-party contact over a period, from the messages sent (automated calls are voice messages), the
// calls people logged (channel "call"), the replies received, the keys pressed in calls (cobro's, and those a known
// customer made to the org's number) and the arrangements debtors made. Counts of accounts and contacts: no money, so
// no currency.
import type { Queryable } from '../db/index.ts';
import type { Period } from './period.ts';
import { onDaysIn } from './instants.ts';
import { periodBounds, periodMessages } from './messages-read.ts';
import { ratio as rate, round2 } from './ratio.ts';
import { CALL_CHANNEL, keypresses, loggedCalls } from './touches.ts';
import type { ChannelContact, ContactKpi } from './schema.ts';

/**
 * $1 org, $2 from, $3 to, $4 the org's time zone: an instant counts on the day it was in the org's zone. The period's
 * messages from their stored rows per UTC day (periodMessages); accounts told apart by their bytes (COLLATE "C": the
 * same accounts, grouped faster than in the database's collation), each account's contacts grouped per channel first so
 * distinct accounts are counted as rows. A logged call is a contact on channel "call", reached when the caps count it a
 * conversation; the debtor's response is a reply, a key pressed in one of cobro's calls or in a call the customer made to
 * the org's number (on "voice") or a logged call answered by the right party (on "call"). Who responded is joined to the
 * contacts as distinct rows, never tested row by row with IN: the touches' row counts are badly estimated (expressions
 * on jsonb and instants), and a sub-plan rescanned per contact took minutes at 100,000 touches a month
 * (bench/kpi-touches-seed.ts).
 */
const SCOPE = `
  replied AS (
    SELECT customer_id COLLATE "C" AS customer_id, channel FROM inbound_messages
    WHERE org_id = $1 AND customer_id IS NOT NULL AND ${onDaysIn('received_at', '$2::date', '$3::date', '$4')}),
  calls AS MATERIALIZED (${loggedCalls('$2::date', '$3::date', '$4')}),
  pressed AS MATERIALIZED (${keypresses('$2::date', '$3::date', '$4')}),
  responded AS (
    SELECT customer_id, channel FROM replied
    UNION ALL SELECT customer_id, 'voice' FROM pressed
    UNION ALL SELECT customer_id, '${CALL_CHANNEL}' FROM calls WHERE answered),
  responded_on AS MATERIALIZED (SELECT DISTINCT customer_id, channel FROM responded),
  ${periodMessages(5)},
  sent AS MATERIALIZED (
    SELECT x.customer_id, x.channel, sum(messages) AS messages, sum(delivered) AS delivered, sum(failed) AS failed,
      sum(delivered) > 0 OR bool_or(r.customer_id IS NOT NULL) AS reached
    FROM (SELECT customer_id, channel, messages, delivered, failed FROM pm
      UNION ALL SELECT customer_id, '${CALL_CHANNEL}', 1, answered::int, 0 FROM calls) x
      LEFT JOIN responded_on r ON r.customer_id = x.customer_id AND r.channel = x.channel
    GROUP BY x.customer_id, x.channel),
  engaged AS (
    SELECT customer_id FROM responded
    UNION SELECT customer_id COLLATE "C" FROM promises WHERE org_id = $1 AND (created_at AT TIME ZONE $4)::date BETWEEN $2::date AND $3::date
    UNION SELECT customer_id COLLATE "C" FROM plans WHERE org_id = $1 AND (created_at AT TIME ZONE $4)::date BETWEEN $2::date AND $3::date)`;

type Row = Omit<ChannelContact, 'contact_rate'> & { channel: string | null; right_party: number; replies: number; keypresses: number };

export async function contactKpis(q: Queryable, orgId: string, period: Period, timeZone: string): Promise<ContactKpi> {
  // one statement: a row per channel, and the total (channel null) over accounts whatever the channel
  const rows = await q.query<Row>(`WITH ${SCOPE},
     accounts AS (SELECT customer_id, bool_or(reached) AS reached FROM sent GROUP BY customer_id)
     SELECT channel, sum(messages)::int AS messages, sum(delivered)::int AS delivered, sum(failed)::int AS failed,
       count(*)::int AS accounts_attempted, count(*) FILTER (WHERE reached)::int AS accounts_reached, 0 AS right_party, 0 AS replies,
       0 AS keypresses
     FROM sent GROUP BY channel
     UNION ALL
     SELECT NULL, (SELECT COALESCE(sum(messages), 0) FROM sent)::int, 0, 0, count(*)::int,
       count(*) FILTER (WHERE a.reached OR r.customer_id IS NOT NULL)::int, count(*) FILTER (WHERE e.customer_id IS NOT NULL)::int,
       (SELECT count(*) FROM replied)::int, (SELECT count(*) FROM pressed)::int
     FROM accounts a LEFT JOIN (SELECT DISTINCT customer_id FROM responded_on) r ON r.customer_id = a.customer_id
       LEFT JOIN engaged e ON e.customer_id = a.customer_id`, [orgId, period.from, period.to, timeZone, ...await periodBounds(q, period, timeZone)]);
  const t = rows.find((r) => r.channel === null)!;
  const channels = rows.filter((r) => r.channel !== null).sort((a, b) => (a.channel! < b.channel! ? -1 : 1));
  return {
    accounts_attempted: t.accounts_attempted, accounts_reached: t.accounts_reached, accounts_right_party: t.right_party,
    contact_rate: rate(t.accounts_reached, t.accounts_attempted), right_party_rate: rate(t.right_party, t.accounts_attempted), replies: t.replies,
    keypresses: t.keypresses, contacts: t.messages,
    contacts_per_account: t.accounts_attempted > 0 ? round2(t.messages / t.accounts_attempted) : null,
    by_channel: channels.map((c) => ({ channel: c.channel!, messages: c.messages, delivered: c.delivered, failed: c.failed,
      accounts_attempted: c.accounts_attempted, accounts_reached: c.accounts_reached, contact_rate: rate(c.accounts_reached, c.accounts_attempted) })),
  };
}
