// The tenant's settings for the gate: its default contact policy and the choices some packs leave open.
import type { CalendarDate } from '../domain/dates.ts';
import { week, type WeeklyHours } from './rules/window.ts';
import type { ChannelKind } from './types.ts';

export interface ChannelCaps {
  perDay?: number;
  perWeek?: number;
}

/** The org's own policy: applies where no jurisdiction pack sets hours, and everywhere when `layerOnPacks`. */
export interface OrgPolicy {
  hours: WeeklyHours;
  /** Keep quiet on the public holidays of the debtor's country (where cobro has its calendar). */
  quietHolidays: boolean;
  /** The org's own quiet days, whatever the country. */
  quietDates: readonly CalendarDate[];
  caps: Readonly<Partial<Record<ChannelKind, ChannelCaps>>>;
  layerOnPacks: boolean;
}

/**
 * A tenant's gate settings. Treated as immutable: the gate keeps what it derives from a policy object (its packs, its
 * windows), so a changed setting is a new object.
 */
export interface GatePolicy {
  org: OrgPolicy;
  us: {
    /** US-2 other channels: messages per channel per day (default 1). */
    messagesPerChannelPerDay: number;
  };
  colombia: {
    /** strict: one contact a week after the first; lenient: once a day, one channel a week. */
    weeklyReading: 'strict' | 'lenient';
  };
  brazil: {
    /** States without a row in the hours table: the strictest row's hours, or no contact at all. */
    unlistedStates: 'strictest' | 'block';
  };
  mexico: { contactOnWeekends: boolean; contactOnHolidays: boolean };
  chile: { quietHolidays: boolean };
  argentina: { hours: WeeklyHours; quietHolidays: boolean };
  /** Apply the consumer-protection packs to business debts too. */
  consumerPacksForBusinessDebts: boolean;
  /** How far ahead the gate looks for the first allowed instant before it blocks. */
  horizonDays: number;
}

export const DEFAULT_ORG_POLICY: OrgPolicy = {
  hours: week({ monFri: ['08:00', '20:00'], sat: ['09:00', '14:00'], sun: null }),
  quietHolidays: true,
  quietDates: [],
  caps: {
    call: { perDay: 2, perWeek: 7 },
    sms: { perDay: 1, perWeek: 3 },
    whatsapp: { perDay: 1, perWeek: 3 },
    email: { perDay: 1, perWeek: 3 },
    visit: { perDay: 1, perWeek: 1 },
  },
  layerOnPacks: false,
};

export const DEFAULT_POLICY: GatePolicy = {
  org: DEFAULT_ORG_POLICY,
  us: { messagesPerChannelPerDay: 1 },
  colombia: { weeklyReading: 'strict' },
  brazil: { unlistedStates: 'strictest' },
  mexico: { contactOnWeekends: false, contactOnHolidays: false },
  chile: { quietHolidays: true },
  argentina: { hours: week({ monFri: ['09:00', '19:00'] }), quietHolidays: true },
  consumerPacksForBusinessDebts: false,
  horizonDays: 370,
};
