// Per-provider-account send rates: reserving evenly spaced send slots (messages per second) up to a horizon. Pure.

export interface RateLimit {
  /** The provider account the limit belongs to (shared by every org and process sending through it). */
  account: string;
  perSecond: number;
}

/** Default messages per second per provider, when the org's credentials name none. */
export const DEFAULT_RATES: Readonly<Record<string, number>> = {
  // one long code sends one SMS a second; a messaging service, short code or WhatsApp sender takes more: set rate_per_second
  twilio: 1,
  // Cloud API throughput per business phone number
  meta: 80,
  // a cautious relay default (Amazon SES starts accounts at 14 a second)
  smtp: 10,
  // the email APIs take far more; a cautious default an org raises with rate_per_second
  mailgun: 10,
  sendgrid: 10,
  webhook: 50,
};

export interface SlotGrant {
  /** How many of the wanted slots fit before the horizon. */
  granted: number;
  /** The instant of the first granted slot (ms); the others follow `intervalMs` apart. */
  firstAt: number;
  intervalMs: number;
  /** The account's next free slot after this reservation (ms), stored for the next caller. */
  nextSlotAt: number;
}

/**
 * Reserves up to `wanted` slots `1000 / perSecond` ms apart, starting at the account's next free slot or now, whichever
 * is later, and granting only those that fall within `horizonMs` of now. Messages not granted wait for a later pass,
 * so nobody sleeps long and nothing spins.
 */
export function reserveSlots(nextFree: number | null, now: number, wanted: number, perSecond: number, horizonMs: number): SlotGrant {
  const intervalMs = 1000 / perSecond;
  const start = Math.max(nextFree ?? now, now);
  const room = now + horizonMs - start;
  const granted = room < 0 ? 0 : Math.min(wanted, Math.floor(room / intervalMs) + 1);
  return { granted, firstAt: start, intervalMs, nextSlotAt: start + granted * intervalMs };
}
