// The org's default policy: its hours, quiet holidays and per-channel caps, for debtors no jurisdiction pack covers.
import type { CalendarDate } from '../../domain/dates.ts';
import { holidayPredicate, hasHolidayCalendar } from '../holidays/index.ts';
import type { OrgPolicy } from '../policy.ts';
import { daysOf, isCountedContact, perDayCap, perIsoWeekCap } from '../rules/caps.ts';
import { addRule, type Pack, type Rule } from '../rules/context.ts';
import { windowsByZone } from '../rules/window.ts';
import type { ChannelKind } from '../types.ts';

/** The org's windows per policy and place (its quiet days and the country's public holidays), then per zone. */
const windows = new WeakMap<OrgPolicy, Map<string, (timeZone: string) => Rule>>();

function orgWindow(org: OrgPolicy, country: string, region: string | undefined, timeZone: string): Rule {
  let byPlace = windows.get(org);
  if (!byPlace) windows.set(org, byPlace = new Map());
  const key = `${country}|${region ?? ''}`;
  let inZone = byPlace.get(key);
  if (!inZone) {
    const publicHoliday = org.quietHolidays && hasHolidayCalendar(country) ? holidayPredicate(country, region) : () => false;
    inZone = windowsByZone({
      rule: 'ORG', source: "The org's contact policy", hours: org.hours,
      isHoliday: (date: CalendarDate) => org.quietDates.includes(date) || publicHoliday(date),
    });
    if (byPlace.size > 10_000) byPlace.clear();
    byPlace.set(key, inZone);
  }
  return inZone(timeZone);
}

/** Sentences built once per figure and channel, not once per decision. */
const sentences = new Map<string, string>();
function capMessage(limit: number, kind: ChannelKind, period: 'day' | 'week'): string {
  const key = `${limit}|${kind}|${period}`;
  let m = sentences.get(key);
  if (m === undefined) sentences.set(key, m = `The org allows at most ${limit} ${kind} contact(s) a ${period}.`);
  return m;
}

export const ORG_PACK: Pack = {
  id: 'ORG',
  rules: (ctx, out) => {
    const { debtor, channel, policy, country, region, now } = ctx;
    const { org } = policy;
    const timeZone = debtor.timeZone;
    out.push(orgWindow(org, country, region, timeZone));
    const caps = org.caps[channel.kind];
    if (caps?.perDay === undefined && caps?.perWeek === undefined) return;
    const sent = daysOf(ctx, (e) => e.channel === channel.kind && isCountedContact(e));
    if (caps.perDay !== undefined) {
      addRule(out, perDayCap({
        rule: 'ORG', code: 'DAILY_CAP', timeZone, limit: caps.perDay, days: sent, now, message: capMessage(caps.perDay, channel.kind, 'day'),
      }));
    }
    if (caps.perWeek !== undefined) {
      addRule(out, perIsoWeekCap({
        rule: 'ORG', code: 'WEEKLY_CAP', timeZone, limit: caps.perWeek, days: sent, now, message: capMessage(caps.perWeek, channel.kind, 'week'),
      }));
    }
  },
};
