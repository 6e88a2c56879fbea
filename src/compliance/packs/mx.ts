// Mexico pack (CONDUSEF rules for collection agencies): hours, debtor-given addresses, payments to the creditor only.
import { blockWith } from '../decision.ts';
import { holidayPredicate } from '../holidays/index.ts';
import type { GatePolicy } from '../policy.ts';
import type { Pack, Rule } from '../rules/context.ts';
import { week, windowsByZone } from '../rules/window.ts';

/** 07:00-22:00 in the debtor's zone; weekends are unverified and closed unless the tenant opens them. */
export const MX_WEEKDAY_HOURS = ['07:00', '22:00'] as const;

const OPEN_WEEKENDS = week({ monFri: MX_WEEKDAY_HOURS, sat: MX_WEEKDAY_HOURS, sun: MX_WEEKDAY_HOURS });
const CLOSED_WEEKENDS = week({ monFri: MX_WEEKDAY_HOURS, sat: null, sun: null });
const mxWindows = (hours: typeof OPEN_WEEKENDS, quietHolidays: boolean) =>
  windowsByZone({ rule: 'MX-1', source: 'CONDUSEF', hours, ...(quietHolidays ? { isHoliday: holidayPredicate('MX') } : {}) });
/** By weekends open, then holidays open (the tenant's two choices). */
const WINDOWS = [[mxWindows(CLOSED_WEEKENDS, true), mxWindows(CLOSED_WEEKENDS, false)], [mxWindows(OPEN_WEEKENDS, true), mxWindows(OPEN_WEEKENDS, false)]] as const;
const windowFor = ({ mexico }: GatePolicy) => WINDOWS[mexico.contactOnWeekends ? 1 : 0][mexico.contactOnHolidays ? 1 : 0];

const NOT_GIVEN: Rule = {
  rule: 'MX-1', check: () => blockWith('ADDRESS_NOT_GIVEN_BY_DEBTOR', 'MX-1', 'Only an address, phone or email the debtor gave may be used.'),
};
const AGENCY_PAYEE: Rule = {
  rule: 'MX-1', check: () => blockWith('PAYEE_NOT_CREDITOR', 'MX-1', 'A collection agency never takes payment; money goes only to the creditor.'),
};

export const MX_PACK: Pack = {
  id: 'MX',
  rules: ({ debtor, channel, purpose, policy }, out) => {
    out.push(windowFor(policy)(debtor.timeZone));
    if (channel.givenByDebtor !== true) out.push(NOT_GIVEN);
    if (purpose.payee === 'agency') out.push(AGENCY_PAYEE);
  },
};
