// Mexico pack (CONDUSEF rules for collection agencies): hours, debtor-given addresses, payments to the creditor only.
import { ALLOW, blockWith } from '../decision.ts';
import { holidayPredicate } from '../holidays/index.ts';
import type { Pack } from '../rules/context.ts';
import { week, windowRule } from '../rules/window.ts';

/** 07:00-22:00 in the debtor's zone; weekends are unverified and closed unless the tenant opens them. */
export const MX_WEEKDAY_HOURS = ['07:00', '22:00'] as const;

export const MX_PACK: Pack = {
  id: 'MX',
  rules: ({ debtor, channel, purpose, policy }) => {
    const weekend = policy.mexico.contactOnWeekends ? MX_WEEKDAY_HOURS : null;
    return [
      windowRule({
        rule: 'MX-1', source: 'CONDUSEF', timeZone: debtor.timeZone,
        hours: week({ monFri: MX_WEEKDAY_HOURS, sat: weekend, sun: weekend }),
        ...(policy.mexico.contactOnHolidays ? {} : { isHoliday: holidayPredicate('MX') }),
      }),
      {
        rule: 'MX-1',
        check: () => (channel.givenByDebtor === true
          ? ALLOW
          : blockWith('ADDRESS_NOT_GIVEN_BY_DEBTOR', 'MX-1', 'Only an address, phone or email the debtor gave may be used.')),
      },
      {
        rule: 'MX-1',
        check: () => (purpose.payee === 'agency'
          ? blockWith('PAYEE_NOT_CREDITOR', 'MX-1', 'A collection agency never takes payment; money goes only to the creditor.')
          : ALLOW),
      },
    ];
  },
};
