// Chile pack (Ley 21.320): Monday to Saturday 08:00-20:00, one call or visit a week, two written messages a week two days apart.
import { holidayPredicate } from '../holidays/index.ts';
import { cooldownRule, isCountedContact, perIsoWeekCap } from '../rules/caps.ts';
import type { Pack, Rule } from '../rules/context.ts';
import { week, windowRule } from '../rules/window.ts';
import type { ChannelKind } from '../types.ts';

export const CL_HOURS = week({ monFri: ['08:00', '20:00'], sat: ['08:00', '20:00'] });

const SPOKEN: readonly ChannelKind[] = ['call', 'visit'];

export const CL_PACK: Pack = {
  id: 'CL',
  rules: ({ debtor, channel, history, policy }) => {
    const timeZone = debtor.timeZone;
    const spoken = SPOKEN.includes(channel.kind);
    const sameGroup = history.events.filter((e) => isCountedContact(e) && SPOKEN.includes(e.channel) === spoken);
    const rules: Rule[] = [windowRule({
      rule: 'CL-1', source: 'Ley 21.320', hours: CL_HOURS, timeZone,
      ...(policy.chile.quietHolidays ? { isHoliday: holidayPredicate('CL') } : {}),
    })];
    if (spoken) {
      rules.push(perIsoWeekCap({
        rule: 'CL-1', code: 'WEEKLY_CAP', timeZone, limit: 1, events: sameGroup,
        message: 'Ley 21.320 allows at most one call or visit a week.',
      }));
    } else {
      rules.push(perIsoWeekCap({
        rule: 'CL-1', code: 'WEEKLY_CAP', timeZone, limit: 2, events: sameGroup,
        message: 'Ley 21.320 allows at most two letters, texts, emails or instant messages a week.',
      }));
      rules.push(cooldownRule({
        rule: 'CL-1', code: 'MIN_SPACING', timeZone, days: 2, events: sameGroup,
        message: 'Ley 21.320 requires written messages to be at least two days apart.',
      }));
    }
    return rules;
  },
};
