// The debtor's contact preferences: which channels may reach them (an opt-out per channel, written to the compliance
// store with source `portal`, so the gate reads it before the very next send) and the channel they prefer (confirmations
// of what they arrange go on it: calls only when the org has a voice provider, src/portal/confirm-channel.ts).
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { liftSuppression, listSuppressions, suppress, type LedgerChannel, type SuppressionRow } from '../compliance/index.ts';
import { getCustomer, updateCustomer, type Customer } from '../ledger/index.ts';
import { listCredentials } from '../vault/index.ts';
import { portalActor } from './actions.ts';
import type { PortalAccess } from './links.ts';

export const PORTAL_CHANNELS = ['email', 'sms', 'whatsapp', 'voice'] as const satisfies readonly LedgerChannel[];

export interface ChannelPreference {
  channel: LedgerChannel;
  /** Where it reaches them, partly hidden (a•••@example.com, ••• 5678). */
  address: string;
  stopped: boolean;
  /** Stopped here in the portal, so it can be turned back on here (a STOP reply or a bounce cannot). */
  can_resume: boolean;
}

export interface ContactPreferences {
  preferred_channel: LedgerChannel | null;
  channels: ChannelPreference[];
  /** The channels the debtor may prefer: those that reach them, calls only when the org can call (and the one preferred now). */
  preferable: LedgerChannel[];
}

/** Whether the org connected a voice provider (Twilio with a number to call from): without one, calls go to the sandbox. */
export async function offersCalls(q: Queryable, orgId: string): Promise<boolean> {
  return (await listCredentials(q, orgId)).some((c) => c.provider === 'twilio' && typeof c.settings['voice_from'] === 'string' && c.settings['voice_from'] !== '');
}

export function maskAddress(address: string): string {
  const at = address.indexOf('@');
  if (at > 0) return `${address[0]}•••${address.slice(at)}`;
  return `••• ${address.replace(/\D/g, '').slice(-4)}`;
}

function addressOf(c: Customer, channel: LedgerChannel): string | null {
  return channel === 'email' ? c.email : channel === 'whatsapp' ? c.whatsapp ?? c.phone : c.phone;
}

/** The live opt-outs that stop this channel at this address. */
function stopping(rows: SuppressionRow[], channel: LedgerChannel, address: string): SuppressionRow[] {
  return rows.filter((s) => !s.lifted_at && (s.scope === 'all' || (s.scope === 'channel' && s.channel === channel)
    || (s.scope === 'address' && s.channel === channel && s.address === address)));
}

function preferences(c: Customer, rows: SuppressionRow[], calls: boolean): ContactPreferences {
  const channels: ChannelPreference[] = [];
  for (const channel of PORTAL_CHANNELS) {
    const address = addressOf(c, channel);
    if (!address) continue;
    const live = stopping(rows, channel, address);
    channels.push({ channel, address: maskAddress(address), stopped: live.length > 0, can_resume: live.length > 0 && live.every((s) => s.source === 'portal') });
  }
  const preferred = PORTAL_CHANNELS.find((ch) => ch === c.preferred_channel) ?? null;
  const preferable = channels.map((x) => x.channel).filter((ch) => ch !== 'voice' || calls || ch === preferred);
  return { preferred_channel: preferred, channels, preferable };
}

export async function contactPreferences(q: Queryable, a: PortalAccess): Promise<Result<ContactPreferences>> {
  const c = await getCustomer(q, a.orgId, a.customerId);
  if (!c.ok || c.value.id !== a.customerId) return fail('NOT_FOUND', 'no such account', 'token');
  return ok(preferences(c.value, await listSuppressions(q, a.orgId, a.customerId), await offersCalls(q, a.orgId)));
}

export interface PreferenceChange {
  /** true: may be contacted on it; false: stop. Channels left out stay as they are. */
  channels?: Partial<Record<LedgerChannel, boolean>>;
  preferred_channel?: LedgerChannel | null;
}

/** Applies the debtor's choices; every opt-out and opt-in is recorded with source `portal` and in the audit log. */
export async function updateContactPreferences(q: Queryable, a: PortalAccess, change: PreferenceChange, now: Date): Promise<Result<ContactPreferences>> {
  const found = await getCustomer(q, a.orgId, a.customerId);
  if (!found.ok || found.value.id !== a.customerId) return fail('NOT_FOUND', 'no such account', 'token');
  const actor = portalActor(a);
  const rows = await listSuppressions(q, a.orgId, a.customerId);
  for (const [channel, allowed] of Object.entries(change.channels ?? {}) as [LedgerChannel, boolean][]) {
    const address = addressOf(found.value, channel);
    if (!address) return fail('VALIDATION_FAILED', `we hold no ${channel} address for you`, `channels.${channel}`);
    const live = stopping(rows, channel, address);
    if (!allowed && live.length === 0) {
      const r = await suppress(q, a.orgId, actor, a.customerId, { scope: 'channel', channel, reason: 'stopped by the debtor in the portal', source: 'portal' }, now);
      if (!r.ok) return r;
    } else if (allowed && live.length > 0) {
      if (!live.every((s) => s.source === 'portal')) {
        return fail('INVALID_STATE', `${channel} was stopped at your request in another way (a reply or an unsubscribe link); contact the company to turn it back on`, `channels.${channel}`);
      }
      for (const s of live) {
        const r = await liftSuppression(q, a.orgId, actor, s.id, now);
        if (!r.ok) return r;
      }
    }
  }
  let customer = found.value;
  const calls = await offersCalls(q, a.orgId);
  if (change.preferred_channel === 'voice' && !calls && customer.preferred_channel !== 'voice') {
    return fail('VALIDATION_FAILED', 'we do not make calls; choose another channel', 'preferred_channel');
  }
  if (change.preferred_channel !== undefined && change.preferred_channel !== customer.preferred_channel) {
    const r = await updateCustomer(q, a.orgId, actor, a.customerId, { preferred_channel: change.preferred_channel });
    if (!r.ok) return r;
    customer = r.value;
  }
  return ok(preferences(customer, await listSuppressions(q, a.orgId, a.customerId), calls));
}
