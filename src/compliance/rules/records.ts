// Reading the debtor's records at an instant: consents in force, suppressions in force, contacts about a debt.
import type { ChannelTarget, Consent, ConsentKind, ContactEvent, Debt, Debtor, OptOutScope, Suppression } from '../types.ts';

/** An address without case, spaces or phone punctuation. */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase().replace(/[\s().-]/g, '');
}

/** Addresses compare without case, spaces or phone punctuation. */
export function sameAddress(a: string, b: string): boolean {
  return normaliseAddress(a) === normaliseAddress(b);
}

function inForce(from: Date, until: Date | undefined, at: Date): boolean {
  return from.getTime() <= at.getTime() && (!until || until.getTime() > at.getTime());
}

export function consentCovers(c: Consent, kind: ConsentKind, channel: ChannelTarget, at: Date): boolean {
  return c.kind === kind
    && (c.channel === undefined || c.channel === channel.kind)
    && (c.address === undefined || sameAddress(c.address, channel.address))
    && inForce(c.grantedAt, c.revokedAt, at);
}

export function hasConsent(debtor: Debtor, kind: ConsentKind, channel: ChannelTarget, at: Date): boolean {
  return debtor.consents.some((c) => consentCovers(c, kind, channel, at));
}

/** A consent in force at `now` that was never revoked covers every later instant too: its rule can be left out. */
export function consentFromNowOn(debtor: Debtor, kind: ConsentKind, channel: ChannelTarget, now: Date): boolean {
  return debtor.consents.some((c) => c.revokedAt === undefined && consentCovers(c, kind, channel, now));
}

export function scopeCovers(scope: OptOutScope, channel: ChannelTarget): boolean {
  switch (scope.kind) {
    case 'all': return true;
    case 'channel': return scope.channel === channel.kind;
    case 'address': return scope.channel === channel.kind && sameAddress(scope.address, channel.address);
  }
}

/** The suppression in force that reaches this channel and address, if any. */
export function suppressionFor(debtor: Debtor, channel: ChannelTarget, at: Date): Suppression | undefined {
  return debtor.suppressions.find((s) => inForce(s.at, s.liftedAt, at) && scopeCovers(s.scope, channel));
}

/** Contacts about this debt (events that name no debt count against every debt). */
export function aboutDebt(events: readonly ContactEvent[], debt: Debt): ContactEvent[] {
  return events.filter((e) => e.debtId === undefined || e.debtId === debt.id);
}
