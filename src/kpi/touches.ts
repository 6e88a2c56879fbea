// The touches the KPIs read beside messages: calls people logged on cases (channel "call", apart from the automated
// calls of channel "voice"), keypresses in the calls cobro made, and the debtor's own visits to the portal. Each is a
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
 * Keypresses in the calls cobro made, received on those days (one row per key the debtor pressed): the call's customer.
 * Keys pressed in calls the debtor made to the org's number are not read here (no message of cobro's to find them by).
 */
export const keypresses = (from: string, to: string, tz: string): string => `
  SELECT i.id, m.customer_id COLLATE "C" AS customer_id, i.received_at AS at
  FROM inbox_events i JOIN messages m ON m.provider = i.provider AND m.provider_message_id = (i.event->>'providerMessageId') AND m.org_id = i.org_id
  WHERE i.org_id = $1 AND (i.event->>'type') = 'keypress' AND m.channel = 'voice' AND ${onDaysIn('i.received_at', from, to, tz)}`;

/** The debtor's visits to the portal: `portal.viewed` entries, written by the portal link itself at most once an hour. */
export const portalVisits = (from: string, to: string, tz: string): string => `
  SELECT a.id, a.entity_id COLLATE "C" AS customer_id, a.at
  FROM audit_log a
  WHERE a.org_id = $1 AND a.action = 'portal.viewed' AND a.entity = 'customer' AND a.actor LIKE 'portal:%' AND ${onDaysIn('a.at', from, to, tz)}`;
