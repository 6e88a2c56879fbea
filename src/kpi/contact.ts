// Contact rate and right-party contact over a period, from the messages sent (calls are voice messages), the replies
// received and the arrangements debtors made. Counts of accounts and messages: no money, so no currency.
import type { Queryable } from '../db/index.ts';
import type { Period } from './period.ts';
import { onDaysIn } from './instants.ts';
import { ratio as rate } from './ratio.ts';
import type { ChannelContact, ContactKpi } from './schema.ts';

/**
 * $1 org, $2 from, $3 to, $4 the org's time zone: an instant counts on the day it was in the org's zone. Accounts are
 * told apart by their bytes (COLLATE "C": the same accounts, sorted and hashed faster than in the database's collation).
 */
const SCOPE = `
  replied AS (
    SELECT customer_id COLLATE "C" AS customer_id, channel FROM inbound_messages
    WHERE org_id = $1 AND customer_id IS NOT NULL AND ${onDaysIn('received_at', '$2::date', '$3::date', '$4')}),
  sent AS (
    SELECT m.customer_id COLLATE "C" AS customer_id, m.channel, m.status IN ('delivered', 'read') AS delivered, m.status IN ('failed', 'bounced') AS failed,
      m.status IN ('delivered', 'read') OR COALESCE((m.customer_id COLLATE "C", m.channel) IN (SELECT customer_id, channel FROM replied), false) AS reached
    FROM messages m
    WHERE m.org_id = $1 AND m.sent_at IS NOT NULL AND ${onDaysIn('m.sent_at', '$2::date', '$3::date', '$4')}),
  engaged AS (
    SELECT customer_id FROM replied
    UNION SELECT customer_id COLLATE "C" FROM promises WHERE org_id = $1 AND (created_at AT TIME ZONE $4)::date BETWEEN $2::date AND $3::date
    UNION SELECT customer_id COLLATE "C" FROM plans WHERE org_id = $1 AND (created_at AT TIME ZONE $4)::date BETWEEN $2::date AND $3::date)`;

export async function contactKpis(q: Queryable, orgId: string, period: Period, timeZone: string): Promise<ContactKpi> {
  const params = [orgId, period.from, period.to, timeZone];
  const [channels, [total]] = await Promise.all([
    q.query<Omit<ChannelContact, 'contact_rate'>>(`WITH ${SCOPE}
     SELECT channel, count(*)::int AS messages, count(*) FILTER (WHERE delivered)::int AS delivered, count(*) FILTER (WHERE failed)::int AS failed,
       count(DISTINCT customer_id)::int AS accounts_attempted, count(DISTINCT customer_id) FILTER (WHERE reached)::int AS accounts_reached
     FROM sent GROUP BY channel ORDER BY channel`, params),
    q.query<{ attempted: number; reached: number; right_party: number; replies: number }>(`WITH ${SCOPE},
     accounts AS (SELECT customer_id, bool_or(reached) AS reached FROM sent GROUP BY customer_id)
     SELECT count(*)::int AS attempted,
       count(*) FILTER (WHERE a.reached OR a.customer_id IN (SELECT customer_id FROM replied))::int AS reached,
       count(*) FILTER (WHERE a.customer_id IN (SELECT customer_id FROM engaged))::int AS right_party,
       (SELECT count(*) FROM replied)::int AS replies
     FROM accounts a`, params)]);
  const t = total ?? { attempted: 0, reached: 0, right_party: 0, replies: 0 };
  return {
    accounts_attempted: t.attempted, accounts_reached: t.reached, accounts_right_party: t.right_party,
    contact_rate: rate(t.reached, t.attempted), right_party_rate: rate(t.right_party, t.attempted), replies: t.replies,
    by_channel: channels.map((c) => ({ ...c, contact_rate: rate(c.accounts_reached, c.accounts_attempted) })),
  };
}
