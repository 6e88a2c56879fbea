// What a reply says besides an opt-out: a wrong person's answer stops their address alone (not the debtor's consents),
// and times the debtor states join the contact profile the gate reads (US-1), in place of the older ones they contradict.
import type { Queryable } from '../../db/index.ts';
import type { InconvenientTime, OptOutScope } from '../types.ts';
import { toLedgerChannel, type LedgerChannel } from './channels.ts';
import { listSuppressions, suppress, type SuppressionRow } from './consents.ts';
import { getContactProfile, setContactProfile } from './profile.ts';
import type { TimeStatement } from '../optout/times.ts';
import { replaceStatedTimes, timeKey, type StoredTime } from '../time-preferences.ts';

/** The suppression source that marks a wrong person's address, for staff to find the debtor's right contact. */
export const WRONG_PARTY_SOURCE = 'wrong_party';

/** A phone number that reached the wrong person is that person's on every channel it carries. */
const PHONE: readonly LedgerChannel[] = ['voice', 'sms', 'whatsapp'];

/**
 * Suppresses the address a wrong person answered from, on its channel (every phone channel for a number), each scope
 * address and source wrong_party. No consent is revoked: the debtor said nothing. Without an address nothing is suppressed.
 */
export async function suppressWrongParty(
  q: Queryable, orgId: string, actor: string, customerId: string, scope: OptOutScope, matched: string, now: Date,
): Promise<SuppressionRow[]> {
  if (scope.kind !== 'address') return [];
  const channel = toLedgerChannel(scope.channel);
  if (!channel) return [];
  const channels = channel === 'email' ? ['email' as const] : PHONE;
  const live = (await listSuppressions(q, orgId, customerId)).filter((s) => !s.lifted_at && s.scope === 'address' && s.address === scope.address);
  const out: SuppressionRow[] = [];
  for (const c of channels) {
    if (live.some((s) => s.channel === c)) continue;
    const r = await suppress(q, orgId, actor, customerId, { scope: 'address', channel: c, address: scope.address,
      reason: `wrong party: a reply from this address said "${matched}"`, source: WRONG_PARTY_SOURCE }, now);
    if (r.ok) out.push(r.value);
  }
  return out;
}

/** A time as the contact profile stores it: its channels by the ledger's names (a call is 'voice'). */
function stored(t: InconvenientTime): StoredTime {
  const channels = (t.channels ?? []).flatMap((c) => toLedgerChannel(c) ?? []);
  return { ...(t.weekdays ? { weekdays: [...t.weekdays] } : {}), from: t.from, to: t.to, ...(channels.length > 0 ? { channels } : {}) };
}

/**
 * Puts the times a reply states into the customer's contact profile: each replaces the older ones it contradicts (kept as
 * replaced, `src/compliance/time-preferences.ts` says which), the newest 20 kept. Returns the times that were new and those
 * replaced.
 */
export async function stateInconvenientTimes(
  q: Queryable, orgId: string, actor: string, customerId: string, statements: readonly TimeStatement[], now: Date,
): Promise<{ added: StoredTime[]; replaced: StoredTime[] }> {
  const profile = await getContactProfile(q, orgId, customerId);
  if (!profile.ok) return { added: [], replaced: [] };
  const older = profile.value.inconvenient_times;
  const { times, replaced } = replaceStatedTimes(older, statements.map((s) => ({ allows: s.allows, times: s.times.map(stored) })));
  const had = new Set(older.map(timeKey));
  const added = times.filter((t) => !had.has(timeKey(t)));
  if (added.length === 0 && replaced.length === 0) return { added, replaced };
  await setContactProfile(q, orgId, actor, customerId, { inconvenient_times: times.slice(-20) }, now,
    `said "${statements.map((s) => s.matched).join('; ')}"`);
  return { added, replaced };
}

/** The names a customer is known by, for "no soy X": the customer's name and a contact name kept in its metadata. */
export async function debtorNames(q: Queryable, orgId: string, customerId: string): Promise<string[]> {
  const [c] = await q.query<{ name: string | null; contact_name: string | null }>(
    `SELECT name, metadata->>'contact_name' AS contact_name FROM customers WHERE org_id = $1 AND id = $2`, [orgId, customerId]);
  return c ? [c.name, c.contact_name].filter((n): n is string => typeof n === 'string' && n.trim() !== '') : [];
}
