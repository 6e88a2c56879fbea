// Loads what the gate decides on for many contact requests of one org at once (one statement per kind of fact, whatever
// their number): each debtor, debt, target and contact history, exactly as the gate reads them for one.
import { preparedName, type Queryable } from '../../db/index.ts';
import type { ChannelTarget, Consent, ContactEvent, ContactHistory, Debt, Debtor, InconvenientTime, LawfulBasis, Suppression } from '../types.ts';
import { toGateChannel, type LedgerChannel } from './channels.ts';
import type { ConsentRow, SuppressionRow } from './consents.ts';
import type { StoredTime } from './profile.ts';
import { addressHash, addressHashKey } from '../rights/hash.ts';
import { isSealed, openCopies, openCopy, openCustomerRows } from '../../vault/index.ts';

/** How far back the contact history is read: the longest window any pack counts in (a month and a little). */
const HISTORY_DAYS = 35;

export interface GateInputs { debtor: Debtor; debt: Debt; target: ChannelTarget; history: ContactHistory }
export interface InputRequest { customerId: string; channel: LedgerChannel; address?: string; /** The outbox action a check is for: a call of cobro's own. */ actionId?: string }

interface CustomerRow {
  id: string; country: string | null; region: string | null; timezone: string | null;
  email: string | null; phone: string | null; whatsapp: string | null; restricted_at: string | null;
}
interface ProfileRow {
  customer_id: string; debtor_type: 'consumer' | 'business'; cease_requested_at: string | null; lawful_basis: LawfulBasis | null;
  inconvenient_times: StoredTime[]; limitations_expires_at: string | null;
}
interface DebtRow { customer_id: string; currency: string; open: number; disputed: number; n: number; since: string | null }
interface HistoryRow {
  customer_id: string; at: string; channel: LedgerChannel; direction: 'outbound' | 'inbound'; outcome: ContactEvent['outcome'];
  address: string | null; debt_id: string | null; prior_consent: boolean; solicited: boolean;
}

const date = (s: string) => new Date(s);

/** A stored inconvenient time as the gate reads it: its channels by the gate's names. */
const gateTime = ({ channels, ...t }: StoredTime): InconvenientTime => (channels ? { ...t, channels: channels.map(toGateChannel) } : t);

function byCustomer<R extends { customer_id: string }>(rows: R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) out.set(r.customer_id, [...(out.get(r.customer_id) ?? []), r]);
  return out;
}

/**
 * A call cobro places for an outbox action speaks synthesised words (TwiML's <Say>): an artificial-voice call, which the
 * US asks prior express consent for (US-11). A call a person makes (a check without an action) is dialled by hand.
 */
function targetOf(c: CustomerRow, channel: LedgerChannel, address?: string, actionId?: string): ChannelTarget {
  const known = channel === 'email' ? c.email : channel === 'whatsapp' ? c.whatsapp ?? c.phone : c.phone;
  return { kind: toGateChannel(channel), address: address ?? known ?? '', recipient: 'debtor', givenByDebtor: !address || address === known,
    ...(channel === 'voice' && actionId ? { dialing: 'prerecorded' as const } : {}) };
}

const toConsent = (r: ConsentRow): Consent => ({
  kind: r.kind, grantedAt: date(r.granted_at), ...(r.channel ? { channel: toGateChannel(r.channel) } : {}),
  ...(r.address ? { address: r.address } : {}), ...(r.revoked_at ? { revokedAt: date(r.revoked_at) } : {}),
});

const toSuppression = (r: SuppressionRow): Suppression => ({
  scope: r.scope === 'all' ? { kind: 'all' } : r.scope === 'channel' ? { kind: 'channel', channel: toGateChannel(r.channel!) }
    : { kind: 'address', channel: toGateChannel(r.channel!), address: r.address! },
  at: date(r.at), ...(r.lifted_at ? { liftedAt: date(r.lifted_at) } : {}),
});

const toEvent = (r: HistoryRow): ContactEvent => ({ at: date(r.at), channel: toGateChannel(r.channel), direction: r.direction, outcome: r.outcome,
  ...(r.address ? { address: r.address } : {}), ...(r.debt_id ? { debtId: r.debt_id } : {}),
  ...(r.prior_consent ? { priorConsent: true } : {}), ...(r.solicited ? { solicited: true } : {}) });

/**
 * Customers with a payment in flight: a voucher issued through a payment link and not paid yet, or a bank debit
 * processing (src/payments in-flight.ts), its hold not run out in the debtor's zone, covering every open undisputed invoice (a newer invoice is
 * reminded, as the engine's stop reads it).
 */
const IN_FLIGHT_SQL = `SELECT DISTINCT x.customer_id FROM agent_claims x
  JOIN customers cu ON cu.org_id = x.org_id AND cu.id = x.customer_id JOIN orgs o ON o.id = x.org_id
  WHERE x.org_id = $1 AND x.customer_id = ANY($2::text[]) AND x.source <> 'debtor' AND x.status = 'open'
    AND x.hold_until > ($3::timestamptz AT TIME ZONE COALESCE(cu.timezone, o.default_timezone, 'UTC'))::date
    AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.org_id = x.org_id AND i.customer_id = x.customer_id AND i.balance > 0
      AND NOT i.cancelled AND NOT i.disputed AND NOT (i.id = ANY(x.invoice_ids)))`;

/** The customer's debt as the gate sees it: the open balance in its largest currency, and a dispute if every open invoice is disputed. */
function debtOf(customerId: string, rows: DebtRow[], profile: ProfileRow | undefined, inFlight = false): Debt {
  const top = rows[0];
  const debt: Debt = { id: customerId, consumer: profile?.debtor_type !== 'business', balance: { amount: top?.open ?? 0, currency: top?.currency ?? 'USD' } };
  if (inFlight) debt.paymentPending = true;
  if (top && top.disputed === top.n && top.since) debt.dispute = { openedAt: date(top.since) };
  if (profile?.limitations_expires_at) debt.limitationsExpiresAt = profile.limitations_expires_at;
  return debt;
}

function debtorOf(c: CustomerRow, profile: ProfileRow | undefined, consents: Consent[], suppressions: Suppression[]): Debtor {
  return {
    id: c.id, country: c.country ?? '', timeZone: c.timezone ?? '', consents, suppressions,
    ...(c.region ? { region: c.region } : {}),
    ...(profile?.cease_requested_at ? { ceaseRequestedAt: date(profile.cease_requested_at) } : {}),
    ...(profile?.lawful_basis ? { lawfulBasis: profile.lawful_basis } : {}),
    ...(profile?.inconvenient_times?.length ? { inconvenientTimes: profile.inconvenient_times.map(gateTime) } : {}),
    ...(c.restricted_at ? { restrictedAt: date(c.restricted_at) } : {}),
  };
}

/**
 * Each customer's contacts in the window and the messages counting as contacts already made, read per customer (a
 * LATERAL over the ids, each branch fenced by OFFSET 0 so it stays an index lookup on that customer): planned alike
 * whatever the statistics say. Read as `customer_id = ANY(ids)` over the org, statistics taken while `contact_events`
 * was small had the planner walk the org's every contact event and filter the customers out.
 */
export const HISTORY_SQL = `SELECT h.* FROM unnest($2::text[]) AS k(customer_id) CROSS JOIN LATERAL (
    (SELECT e.customer_id, e.at, e.channel, e.direction, e.outcome, e.address, e.debt_id, e.prior_consent, e.solicited, e.id, 'contact_events.address' AS f
     FROM contact_events e WHERE e.org_id = $1 AND e.customer_id = k.customer_id AND e.at >= $3 AND e.at <= $4 OFFSET 0)
    UNION ALL
    -- messages the gate let through that are not recorded as sent yet (another channel of the same action in this batch,
    -- another worker's send in flight) or that may have gone out (uncertain): each counts as a contact already made
    (SELECT m.customer_id, m.updated_at, m.channel, 'outbound', 'delivered', m.address, NULL, false, false, m.id, 'messages.address'
     FROM messages m WHERE m.org_id = $1 AND m.customer_id = k.customer_id AND m.status IN ('sending', 'uncertain') AND m.updated_at >= $3 AND m.updated_at <= $4
     OFFSET 0)
  ) h
  ORDER BY 1, 2`;

/** The facts of each request, in order; null where the customer does not exist. */
/** The history's rows with their addresses opened, each as the field its table stores it under; no query when none is sealed. */
async function openHistory<R extends { id: string; f: string; address: string | null }>(q: Queryable, orgId: string, rows: R[]): Promise<R[]> {
  if (!rows.some((r) => isSealed(r.address))) return rows;
  const out: R[] = [];
  for (const r of rows) out.push(isSealed(r.address) ? { ...r, address: await openCopy(q, orgId, r.f, r.id, r.address) } : r);
  return out;
}

// prepared (planned once per connection): planned afresh for a dispatch batch's 500 ids it hashed a scan of customers
// (2.5 ms of PostgreSQL's CPU per batch with 9,000 customers, 1.7 prepared)
const CUSTOMERS_SQL = 'SELECT id, country, region, timezone, email, phone, whatsapp, restricted_at FROM customers WHERE org_id = $1 AND id = ANY($2::text[])';
const CUSTOMERS_NAME = preparedName(CUSTOMERS_SQL);

export async function gateInputsMany(q: Queryable, orgId: string, requests: readonly InputRequest[], now: Date): Promise<(GateInputs | null)[]> {
  const ids = [...new Set(requests.map((r) => r.customerId))];
  const customers = new Map((await openCustomerRows(q, orgId, await q.query<CustomerRow>(CUSTOMERS_SQL, [orgId, ids], CUSTOMERS_NAME)))
    .map((c) => [c.id, c]));
  const profiles = new Map((await q.query<ProfileRow>(`SELECT customer_id, debtor_type, cease_requested_at, lawful_basis, inconvenient_times,
      to_char(limitations_expires_at, 'YYYY-MM-DD') AS limitations_expires_at FROM contact_profiles WHERE org_id = $1 AND customer_id = ANY($2::text[])`,
  [orgId, ids])).map((p) => [p.customer_id, p]));
  const consents = byCustomer(await openCopies(q, orgId, 'consents.address', await q.query<ConsentRow>(`SELECT id, customer_id, kind, channel, address, source, granted_at, revoked_at FROM consents
    WHERE org_id = $1 AND customer_id = ANY($2::text[]) ORDER BY customer_id, granted_at, id`, [orgId, ids])));
  const suppressions = byCustomer(await openCopies(q, orgId, 'suppressions.address', await q.query<SuppressionRow>(`SELECT id, customer_id, scope, channel, address, reason, source, at, lifted_at
    FROM suppressions WHERE org_id = $1 AND customer_id = ANY($2::text[]) ORDER BY customer_id, at, id`, [orgId, ids])));
  const debts = byCustomer(await q.query<DebtRow>(
    `SELECT customer_id, currency, sum(balance)::bigint AS open, count(*) FILTER (WHERE status = 'disputed')::int AS disputed, count(*)::int AS n,
            min(updated_at) FILTER (WHERE status = 'disputed') AS since
     FROM invoices WHERE org_id = $1 AND customer_id = ANY($2::text[]) AND balance > 0 AND NOT cancelled GROUP BY customer_id, currency
     ORDER BY customer_id, 3 DESC`, [orgId, ids]));
  const inFlight = new Set((await q.query<{ customer_id: string }>(IN_FLIGHT_SQL, [orgId, ids, now])).map((r) => r.customer_id));
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  // a contact's and a message's address are sealed bound to their row when the org has field encryption on (`f` names the field)
  const history = byCustomer(await openHistory(q, orgId, await q.query<HistoryRow & { id: string; f: string }>(HISTORY_SQL, [orgId, ids, since, now])));
  const targets = requests.map((r) => { const c = customers.get(r.customerId); return c ? targetOf(c, r.channel, r.address, r.actionId) : null; });
  // addresses of people whose data was erased, now on these customers: never contacted again
  const key = await addressHashKey(q);
  const hashes = targets.map((t) => (t && t.address.trim() ? addressHash(key, orgId, t.address) : null));
  const erased = new Set((await q.query<{ address_hash: string }>('SELECT address_hash FROM suppressed_addresses WHERE org_id = $1 AND address_hash = ANY($2::text[])',
    [orgId, hashes.filter((h): h is string => h !== null)])).map((r) => r.address_hash));
  return requests.map((r, i) => {
    const c = customers.get(r.customerId);
    const target = targets[i];
    if (!c || !target) return null;
    const profile = profiles.get(r.customerId);
    const sup = (suppressions.get(r.customerId) ?? []).map(toSuppression);
    if (hashes[i] && erased.has(hashes[i])) sup.push({ scope: { kind: 'address', channel: target.kind, address: target.address }, at: new Date(0) });
    return {
      debtor: debtorOf(c, profile, (consents.get(r.customerId) ?? []).map(toConsent), sup),
      debt: debtOf(r.customerId, debts.get(r.customerId) ?? [], profile, inFlight.has(r.customerId)),
      target,
      history: { events: (history.get(r.customerId) ?? []).map(toEvent) },
    };
  });
}
