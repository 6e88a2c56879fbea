// The touches the KPIs read beside messages: calls people logged on cases (channel "call", apart from the automated
// calls of channel "voice"), keypresses in calls (cobro's, and those the debtor made to the org's number), and the
// debtor's own visits to the portal. Each is a
// SELECT for $1 org over days from `from` to `to` (SQL date expressions) in the zone `tz`, read by the partial indexes of
// migration 129. Customer ids come in COLLATE "C", as the messages' do (src/kpi/messages-read.ts).
import { onDaysIn } from './instants.ts';

/** The channel a logged call counts on, and the portal's. */
export const CALL_CHANNEL = 'call';
export const PORTAL_CHANNEL = 'portal';

/**
 * Calls logged by people (src/tasks/calls.ts): id, customer_id, at, and `answered`, true when the caps count the call as a
 * conversation (right party, a promise, a refusal) rather than a call placed that reached nobody of theirs.
 */
export const loggedCalls = (from: string, to: string, tz: string): string => `
  SELECT e.id, c.customer_id COLLATE "C" AS customer_id, e.at, (e.data->>'contact') = 'conversation' AS answered
  FROM case_events e JOIN cases c ON c.org_id = e.org_id AND c.id = e.case_id
  WHERE e.org_id = $1 AND e.kind = 'call_logged' AND ${onDaysIn('e.at', from, to, tz)}`;

/**
 * Keys pressed on those days (one row per key): in the calls cobro made, the call's customer; in a call the debtor made
 * to the org's number, the customer it came from, kept on the call's inbox row when it was applied (migration 133: the
 * row named by the key's call id, read by the unique (provider, event_id) index). A key pressed by a caller no single
 * customer has the number of counts for nobody. `call_id` is the call's provider id, `incoming` true for the debtor's call.
 */
export const keypresses = (from: string, to: string, tz: string): string => `
  SELECT i.id, COALESCE(m.customer_id, c.customer_id) COLLATE "C" AS customer_id, i.received_at AS at,
    i.event->>'providerMessageId' AS call_id, m.id IS NULL AS incoming
  FROM inbox_events i
    LEFT JOIN messages m ON m.provider = i.provider AND m.provider_message_id = (i.event->>'providerMessageId') AND m.org_id = i.org_id AND m.channel = 'voice'
    LEFT JOIN inbox_events c ON m.id IS NULL AND c.provider = i.provider AND c.event_id = i.org_id || '/' || (i.event->>'providerMessageId') || ':incoming'
      AND c.org_id = i.org_id
  WHERE i.org_id = $1 AND (i.event->>'type') = 'keypress' AND ${onDaysIn('i.received_at', from, to, tz)}
    AND COALESCE(m.customer_id, c.customer_id) IS NOT NULL`;

/**
 * The calls the debtor made to the org's number in which they pressed a key, one row per call at its first key: a touch
 * (on channel "voice", as the keys in cobro's calls are), where a call of cobro's is already one as the message it is.
 */
export const incomingCallKeys = (from: string, to: string, tz: string): string => `
  SELECT DISTINCT ON (k.call_id) k.id, k.customer_id, k.at FROM (${keypresses(from, to, tz)}) k
  WHERE k.incoming ORDER BY k.call_id, k.at, k.id`;

/** The debtor's visits to the portal: `portal.viewed` entries, written by the portal link itself at most once an hour. */
export const portalVisits = (from: string, to: string, tz: string): string => `
  SELECT a.id, a.entity_id COLLATE "C" AS customer_id, a.at
  FROM audit_log a
  WHERE a.org_id = $1 AND a.action = 'portal.viewed' AND a.entity = 'customer' AND a.actor LIKE 'portal:%' AND ${onDaysIn('a.at', from, to, tz)}`;
