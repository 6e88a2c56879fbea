// Applies what a debtor's words say about contact: STOP and "no más" suppress at once, START lifts, HELP is noted.
import type { Queryable } from '../../db/index.ts';
import { detectOptOut, type OptOutDetection } from '../optout/detect.ts';
import type { OptOutScope } from '../types.ts';
import { acrossNumbers, consentsRevokedBy } from '../optout/revocation.ts';
import { toGateChannel, toLedgerChannel, type LedgerChannel } from './channels.ts';
import { liftSuppression, listConsents, listSuppressions, recordConsent, revokeConsent, suppress, type SuppressionRow } from './consents.ts';
import { debtorNames, stateInconvenientTimes, suppressWrongParty } from './reply-facts.ts';
import type { StoredTime } from './profile.ts';

export interface ReplyEffect {
  detection: OptOutDetection; suppressed: SuppressionRow[]; lifted: string[]; revoked: string[];
  /** Inconvenient times the reply added to the contact profile, and the older ones they replaced (as stored). */
  timesAdded: StoredTime[]; timesReplaced: StoredTime[];
}

function rowFor(scope: OptOutScope): { scope: 'all' | 'channel' | 'address'; channel: LedgerChannel | null; address: string | null } {
  if (scope.kind === 'all') return { scope: 'all', channel: null, address: null };
  const channel = toLedgerChannel(scope.channel);
  return scope.kind === 'channel' ? { scope: 'channel', channel, address: null } : { scope: 'address', channel, address: scope.address };
}

export interface RevocationEffect { suppression: SuppressionRow | null; revoked: string[] }

/**
 * A person's revocation, wherever it was said (a reply, the unsubscribe link, the portal): suppresses the channel on all of
 * their numbers and addresses, and revokes every consent they gave for it, at once (US-12's product rule).
 */
export async function applyRevocation(
  q: Queryable, orgId: string, actor: string, customerId: string, said: OptOutScope, why: { reason: string; source: string }, now: Date,
): Promise<RevocationEffect> {
  const scope = acrossNumbers(said);
  const s = await suppress(q, orgId, actor, customerId, { ...rowFor(scope), ...why }, now);
  const consents = (await listConsents(q, orgId, customerId)).map((c) => ({
    id: c.id, kind: c.kind, revoked: c.revoked_at !== null, ...(c.channel ? { channel: toGateChannel(c.channel) } : {}) }));
  const revoked: string[] = [];
  for (const id of consentsRevokedBy(scope, consents)) {
    if ((await revokeConsent(q, orgId, actor, id, now)).ok) revoked.push(id);
  }
  return { suppression: s.ok ? s.value : null, revoked };
}

export async function applyReplyText(
  q: Queryable, orgId: string, actor: string, customerId: string, text: string,
  received: { channel: LedgerChannel; address?: string }, now: Date,
): Promise<ReplyEffect> {
  const detection = detectOptOut(text, { channel: toGateChannel(received.channel), ...(received.address ? { address: received.address } : {}),
    debtorNames: await debtorNames(q, orgId, customerId) });
  const effect: ReplyEffect = { detection, suppressed: [], lifted: [], revoked: [], timesAdded: [], timesReplaced: [] };
  const times = detection.kind === 'inconvenient_times' || detection.kind === 'opt_out' ? detection.times ?? [] : [];
  if (times.length > 0 && (detection.kind === 'inconvenient_times' || detection.kind === 'opt_out')) {
    const statements = detection.statements ?? [{ allows: false, times, matched: detection.matched }];
    const r = await stateInconvenientTimes(q, orgId, actor, customerId, statements, now);
    effect.timesAdded = r.added;
    effect.timesReplaced = r.replaced;
  }
  if (detection.kind === 'wrong_party') {
    effect.suppressed = await suppressWrongParty(q, orgId, actor, customerId, detection.scope, detection.matched, now);
  } else if (detection.kind === 'opt_out') {
    for (const scope of detection.scopes) {
      const r = await applyRevocation(q, orgId, actor, customerId, scope, { reason: `said "${detection.matched}" (${detection.rule})`,
        source: detection.rule === 'SMS-1' ? 'keyword' : 'free_text' }, now);
      if (r.suppression) effect.suppressed.push(r.suppression);
      effect.revoked.push(...r.revoked);
    }
  } else if (detection.kind === 'opt_in') {
    const want = rowFor(detection.scope);
    for (const s of await listSuppressions(q, orgId, customerId)) {
      if (s.lifted_at || s.source !== 'keyword' || s.channel !== want.channel) continue;
      if (want.scope === 'address' && s.scope === 'address' && s.address !== want.address) continue;
      const r = await liftSuppression(q, orgId, actor, s.id, now);
      if (!r.ok) continue;
      effect.lifted.push(s.id);
      // the consents that STOP withdrew (revoked in the same instant) are given again by the same person's START
      for (const c of await listConsents(q, orgId, customerId)) {
        if (c.revoked_at === null || new Date(c.revoked_at).getTime() !== new Date(s.at).getTime()) continue;
        await recordConsent(q, orgId, actor, customerId, { kind: c.kind, channel: c.channel, address: c.address, source: `given again by "${detection.matched}"` }, now);
      }
    }
  }
  return effect;
}
