// Loads what the gate decides on for one customer and channel: the debtor, the debt, the target and the contact history.
import type { Queryable } from '../../db/index.ts';
import { newId } from '../../domain/ids.ts';
import type { ChannelTarget, Consent, ContactEvent, ContactHistory, Debt, Debtor, InconvenientTime, LawfulBasis, Suppression } from '../types.ts';
import { toGateChannel, type LedgerChannel } from './channels.ts';
import { listConsents, listSuppressions } from './consents.ts';

/** How far back the contact history is read: the longest window any pack counts in (a month and a little). */
const HISTORY_DAYS = 35;

interface CustomerRow {
  id: string; country: string | null; region: string | null; timezone: string | null;
  email: string | null; phone: string | null; whatsapp: string | null;
}
interface ProfileRow { debtor_type: 'consumer' | 'business'; cease_requested_at: string | null; lawful_basis: LawfulBasis | null; inconvenient_times: InconvenientTime[] }

export interface GateInputs { debtor: Debtor; debt: Debt; target: ChannelTarget; history: ContactHistory }

const date = (s: string) => new Date(s);

export async function gateInputs(
  q: Queryable, orgId: string, customerId: string, channel: LedgerChannel, now: Date, address?: string,
): Promise<GateInputs | null> {
  const [c] = await q.query<CustomerRow>('SELECT id, country, region, timezone, email, phone, whatsapp FROM customers WHERE org_id = $1 AND id = $2', [orgId, customerId]);
  if (!c) return null;
  const [profile] = await q.query<ProfileRow>('SELECT debtor_type, cease_requested_at, lawful_basis, inconvenient_times FROM contact_profiles WHERE org_id = $1 AND customer_id = $2', [orgId, customerId]);
  const consents: Consent[] = (await listConsents(q, orgId, customerId)).map((r) => ({
    kind: r.kind, grantedAt: date(r.granted_at), ...(r.channel ? { channel: toGateChannel(r.channel) } : {}),
    ...(r.address ? { address: r.address } : {}), ...(r.revoked_at ? { revokedAt: date(r.revoked_at) } : {}),
  }));
  const suppressions: Suppression[] = (await listSuppressions(q, orgId, customerId)).map((r) => ({
    scope: r.scope === 'all' ? { kind: 'all' } : r.scope === 'channel' ? { kind: 'channel', channel: toGateChannel(r.channel!) }
      : { kind: 'address', channel: toGateChannel(r.channel!), address: r.address! },
    at: date(r.at), ...(r.lifted_at ? { liftedAt: date(r.lifted_at) } : {}),
  }));
  const debtor: Debtor = {
    id: c.id, country: c.country ?? '', timeZone: c.timezone ?? '', consents, suppressions,
    ...(c.region ? { region: c.region } : {}),
    ...(profile?.cease_requested_at ? { ceaseRequestedAt: date(profile.cease_requested_at) } : {}),
    ...(profile?.lawful_basis ? { lawfulBasis: profile.lawful_basis } : {}),
    ...(profile?.inconvenient_times?.length ? { inconvenientTimes: profile.inconvenient_times } : {}),
  };
  return { debtor, debt: await debtOf(q, orgId, customerId, profile?.debtor_type !== 'business'),
    target: targetOf(c, channel, address), history: await historyOf(q, orgId, customerId, now) };
}

/** The customer's debt as the gate sees it: the open balance in its largest currency, and a dispute if every open invoice is disputed. */
async function debtOf(q: Queryable, orgId: string, customerId: string, consumer: boolean): Promise<Debt> {
  const rows = await q.query<{ currency: string; open: number; disputed: number; n: number; since: string | null }>(
    `SELECT currency, sum(balance)::bigint AS open, count(*) FILTER (WHERE status = 'disputed')::int AS disputed, count(*)::int AS n,
            min(updated_at) FILTER (WHERE status = 'disputed') AS since
     FROM invoices WHERE org_id = $1 AND customer_id = $2 AND balance > 0 AND NOT cancelled GROUP BY currency ORDER BY 2 DESC`, [orgId, customerId]);
  const top = rows[0];
  const debt: Debt = { id: customerId, consumer, balance: { amount: top?.open ?? 0, currency: top?.currency ?? 'USD' } };
  if (top && top.disputed === top.n && top.since) debt.dispute = { openedAt: date(top.since) };
  return debt;
}

function targetOf(c: CustomerRow, channel: LedgerChannel, address?: string): ChannelTarget {
  const known = channel === 'email' ? c.email : channel === 'whatsapp' ? c.whatsapp ?? c.phone : c.phone;
  return { kind: toGateChannel(channel), address: address ?? known ?? '', recipient: 'debtor', givenByDebtor: !address || address === known };
}

async function historyOf(q: Queryable, orgId: string, customerId: string, now: Date): Promise<ContactHistory> {
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const rows = await q.query<{ at: string; channel: LedgerChannel; direction: 'outbound' | 'inbound'; outcome: ContactEvent['outcome'];
    address: string | null; debt_id: string | null; prior_consent: boolean; solicited: boolean }>(
    `SELECT at, channel, direction, outcome, address, debt_id, prior_consent, solicited FROM contact_events
     WHERE org_id = $1 AND customer_id = $2 AND at >= $3 AND at <= $4
     UNION ALL
     -- messages the gate let through that are not recorded as sent yet (another channel of the same action in this batch,
     -- another worker's send in flight) or that may have gone out (uncertain): each counts as a contact already made
     SELECT updated_at, channel, 'outbound', 'delivered', address, NULL, false, false FROM messages
     WHERE org_id = $1 AND customer_id = $2 AND status IN ('sending', 'uncertain') AND updated_at >= $3 AND updated_at <= $4
     ORDER BY 1`, [orgId, customerId, since, now]);
  return { events: rows.map((r) => ({ at: date(r.at), channel: toGateChannel(r.channel), direction: r.direction, outcome: r.outcome,
    ...(r.address ? { address: r.address } : {}), ...(r.debt_id ? { debtId: r.debt_id } : {}),
    ...(r.prior_consent ? { priorConsent: true } : {}), ...(r.solicited ? { solicited: true } : {}) })) };
}

export interface NewContactEvent {
  customerId: string; at: Date; channel: LedgerChannel; direction: 'outbound' | 'inbound'; outcome: ContactEvent['outcome'];
  address?: string | null; debtId?: string | null; priorConsent?: boolean; solicited?: boolean;
}

/** Records a contact the caps count: every send, call attempt and reply. */
export async function recordContact(q: Queryable, orgId: string, e: NewContactEvent): Promise<void> {
  await q.query(`INSERT INTO contact_events (id, org_id, customer_id, at, channel, direction, outcome, address, debt_id, prior_consent, solicited)
    VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`, [newId('contact'), orgId, e.customerId, e.at, e.channel, e.direction, e.outcome,
    e.address ?? null, e.debtId ?? null, e.priorConsent ?? false, e.solicited ?? false]);
}
