// Ireland pack: Consumer Credit Act 1995 s.46 hours and the Consumer Protection Code's 3 contacts a month.
import { daysOf, perMonthCap } from '../rules/caps.ts';
import { addRule, type Pack } from '../rules/context.ts';
import { week, windowsByZone } from '../rules/window.ts';
import { holidayPredicate } from '../holidays/index.ts';

/** No contact 21:00-09:00, none on Sundays or public holidays. */
export const IE_HOURS = week({ monFri: ['09:00', '21:00'], sat: ['09:00', '21:00'], sun: null });

export const IE_MONTHLY_UNSOLICITED = 3;

const ieWindow = windowsByZone({ rule: 'EU-7', source: 'Irish law (CCA 1995 s.46)', hours: IE_HOURS, isHoliday: holidayPredicate('IE') });

export const IE_PACK: Pack = {
  id: 'IE',
  rules: (ctx, out) => {
    const { debtor, purpose, now } = ctx;
    const timeZone = debtor.timeZone;
    out.push(ieWindow(timeZone));
    if (purpose.kind === 'reply') return;
    addRule(out, perMonthCap({
      rule: 'EU-7', code: 'MONTHLY_CAP', timeZone, limit: IE_MONTHLY_UNSOLICITED, now,
      // Successful contacts only: delivered messages and calls that reached the person.
      days: daysOf(ctx, (e) => e.direction === 'outbound' && !e.solicited
        && (e.outcome === 'conversation' || (e.outcome === 'delivered' && e.channel !== 'call'))),
      message: `The Consumer Protection Code allows at most ${IE_MONTHLY_UNSOLICITED} unsolicited contacts a month.`,
    }));
  },
};
