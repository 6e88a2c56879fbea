// What a person's revocation reaches: every number and address they have on that channel kind, and the consents given for it.
import type { ChannelKind, ConsentKind, OptOutScope } from '../types.ts';

/**
 * A STOP or "no más" said at one number is the person's, not the number's (US-12: revoked by any reasonable means;
 * WA-1: honoured on or off WhatsApp; SMS-1: our own list, not the sender's): it reaches all of their numbers on the channel.
 */
export function acrossNumbers(scope: OptOutScope): OptOutScope {
  return scope.kind === 'address' ? { kind: 'channel', channel: scope.channel } : scope;
}

/** The channel a consent kind is about when the consent names none; a plain channel authorisation names its own. */
const KIND_CHANNEL: Partial<Record<ConsentKind, ChannelKind>> = { whatsapp_opt_in: 'whatsapp', automated_calls: 'call', employer_email: 'email' };

export interface ConsentOnFile { id: string; kind: ConsentKind; channel?: ChannelKind; revoked: boolean }

/**
 * The live consents a revocation withdraws: for a channel, every consent for that channel whatever number or address it
 * names (TCPA consent for calls, WhatsApp opt-in, an authorised channel); for everything, all of them.
 */
export function consentsRevokedBy(scope: OptOutScope, consents: readonly ConsentOnFile[]): string[] {
  const channel = scope.kind === 'all' ? null : scope.channel;
  return consents
    .filter((c) => !c.revoked && (channel === null || (c.channel ?? KIND_CHANNEL[c.kind]) === channel))
    .map((c) => c.id);
}
