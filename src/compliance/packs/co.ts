// Colombia pack (Ley 2300 de 2023): hours, authorised channels, once a day and one channel a week.
import { ALLOW, blockWith } from '../decision.ts';
import { holidayPredicate } from '../holidays/index.ts';
import { daysOf, isCountedContact, perDayCap, perIsoWeekCap } from '../rules/caps.ts';
import { addRule, type Pack } from '../rules/context.ts';
import { consentFromNowOn, hasConsent } from '../rules/records.ts';
import { week, windowsByZone } from '../rules/window.ts';

/** Art. 3: Monday to Friday 07:00-19:00, Saturday 08:00-15:00, never Sundays or holidays. */
export const CO_HOURS = week({ monFri: ['07:00', '19:00'], sat: ['08:00', '15:00'], sun: null });

const coWindow = windowsByZone({ rule: 'CO-1', source: 'Ley 2300', hours: CO_HOURS, isHoliday: holidayPredicate('CO') });

export const CO_PACK: Pack = {
  id: 'CO',
  rules: (ctx, out) => {
    const { debtor, channel, policy, now } = ctx;
    const timeZone = debtor.timeZone;
    const strict = policy.colombia.weeklyReading === 'strict';
    out.push(coWindow(timeZone));
    if (!consentFromNowOn(debtor, 'channel', channel, now)) {
      out.push({
        rule: 'CO-1',
        check: (at) => (hasConsent(debtor, 'channel', channel, at)
          ? ALLOW
          : blockWith('CONSENT_MISSING', 'CO-1', `The debtor has not authorised contact by ${channel.kind}.`)),
      });
    }
    addRule(out, perDayCap({
      rule: 'CO-1', code: 'DAILY_CAP', timeZone, limit: 1, now, days: daysOf(ctx, isCountedContact),
      message: 'Ley 2300 allows at most one contact a day.',
    }));
    addRule(out, perIsoWeekCap({
      rule: 'CO-1', code: 'ONE_CHANNEL_PER_WEEK', timeZone, limit: 1, now,
      days: strict ? daysOf(ctx, isCountedContact) : daysOf(ctx, (e) => isCountedContact(e) && e.channel !== channel.kind),
      message: strict
        ? 'Under the strict reading of Ley 2300, after one contact in a week no other is made that week.'
        : 'Ley 2300 does not allow contact on several channels in the same week.',
    }));
  },
};
