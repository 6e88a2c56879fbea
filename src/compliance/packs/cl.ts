// Chile pack (Ley 21.320): Monday to Saturday 08:00-20:00, one call or visit a week, two written messages a week two days apart.
import { holidayPredicate } from '../holidays/index.ts';
import { cooldownRule, daysOf, isCountedContact, perIsoWeekCap } from '../rules/caps.ts';
import { addRule, type Pack } from '../rules/context.ts';
import { week, windowsByZone } from '../rules/window.ts';
import type { ChannelKind } from '../types.ts';

export const CL_HOURS = week({ monFri: ['08:00', '20:00'], sat: ['08:00', '20:00'] });

const SPOKEN: readonly ChannelKind[] = ['call', 'visit'];

const quietOnHolidays = windowsByZone({ rule: 'CL-1', source: 'Ley 21.320', hours: CL_HOURS, isHoliday: holidayPredicate('CL') });
const openOnHolidays = windowsByZone({ rule: 'CL-1', source: 'Ley 21.320', hours: CL_HOURS });

export const CL_PACK: Pack = {
  id: 'CL',
  rules: (ctx, out) => {
    const { debtor, channel, policy, now } = ctx;
    const timeZone = debtor.timeZone;
    const spoken = SPOKEN.includes(channel.kind);
    const sameGroup = daysOf(ctx, (e) => isCountedContact(e) && SPOKEN.includes(e.channel) === spoken);
    out.push((policy.chile.quietHolidays ? quietOnHolidays : openOnHolidays)(timeZone));
    if (spoken) {
      addRule(out, perIsoWeekCap({
        rule: 'CL-1', code: 'WEEKLY_CAP', timeZone, limit: 1, days: sameGroup, now,
        message: 'Ley 21.320 allows at most one call or visit a week.',
      }));
    } else {
      addRule(out, perIsoWeekCap({
        rule: 'CL-1', code: 'WEEKLY_CAP', timeZone, limit: 2, days: sameGroup, now,
        message: 'Ley 21.320 allows at most two letters, texts, emails or instant messages a week.',
      }));
      addRule(out, cooldownRule({
        rule: 'CL-1', code: 'MIN_SPACING', timeZone, window: 2, days: sameGroup, now,
        message: 'Ley 21.320 requires written messages to be at least two days apart.',
      }));
    }
  },
};
