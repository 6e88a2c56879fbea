// The org's default policy: its hours, quiet holidays and per-channel caps, for debtors no jurisdiction pack covers.
import { holidayPredicate, hasHolidayCalendar } from '../holidays/index.ts';
import { isCountedContact, perDayCap, perIsoWeekCap } from '../rules/caps.ts';
import type { Pack, Rule } from '../rules/context.ts';
import { windowRule } from '../rules/window.ts';

export const ORG_PACK: Pack = {
  id: 'ORG',
  rules: ({ debtor, channel, history, policy, country, region }) => {
    const { org } = policy;
    const timeZone = debtor.timeZone;
    const publicHoliday = org.quietHolidays && hasHolidayCalendar(country) ? holidayPredicate(country, region) : () => false;
    const rules: Rule[] = [windowRule({
      rule: 'ORG', source: "The org's contact policy", hours: org.hours, timeZone,
      isHoliday: (date) => org.quietDates.includes(date) || publicHoliday(date),
    })];
    const caps = org.caps[channel.kind];
    const sent = history.events.filter((e) => e.channel === channel.kind && isCountedContact(e));
    if (caps?.perDay !== undefined) {
      rules.push(perDayCap({
        rule: 'ORG', code: 'DAILY_CAP', timeZone, limit: caps.perDay, events: sent,
        message: `The org allows at most ${caps.perDay} ${channel.kind} contact(s) a day.`,
      }));
    }
    if (caps?.perWeek !== undefined) {
      rules.push(perIsoWeekCap({
        rule: 'ORG', code: 'WEEKLY_CAP', timeZone, limit: caps.perWeek, events: sent,
        message: `The org allows at most ${caps.perWeek} ${channel.kind} contact(s) a week.`,
      }));
    }
    return rules;
  },
};
