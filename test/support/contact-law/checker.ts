// The independent checker: reads only the log of messages sent and of what debtors did, and the rules as
// COMPLIANCE.md states them (re-written here from the text, sharing no code with the gate; only the holiday calendar
// is taken as data). It returns every violation it finds: a message outside allowed hours, over a cap, after an
// opt-out on its channel, or after the debtor paid in full.
import { isPublicHoliday } from '../../../src/compliance/index.ts';
import type { CalendarDate } from '../../../src/domain/dates.ts';

export interface Place { country: string; region?: string; timeZone: string }
export interface SentMessage { customerId: string; channel: string; address: string | null; at: Date }
export interface DebtorEvent { at: Date; customerId: string; kind: 'opt_out' | 'reply' | 'paid_in_full' | 'paid_part'; channel?: string; text?: string }
export interface Violation { rule: string; customerId: string; at: string; channel: string; detail: string }

type Span = [from: string, to: string] | null;
/** Allowed local hours, Monday first, and whether public holidays are quiet. */
interface Hours { days: [Span, Span, Span, Span, Span, Span, Span]; quietHolidays: boolean; source: string }

const wk = (monFri: Span, sat: Span, sun: Span): Hours['days'] => [monFri, monFri, monFri, monFri, monFri, sat, sun];

/** Section 1-3 of COMPLIANCE.md, and the org policy the README documents for countries without a pack (ES here). */
const HOURS: Record<string, Hours> = {
  US: { days: wk(['08:00', '21:00'], ['08:00', '21:00'], ['08:00', '21:00']), quietHolidays: false, source: 'US-1' },
  IE: { days: wk(['09:00', '21:00'], ['09:00', '21:00'], null), quietHolidays: true, source: 'EU-7' },
  ES: { days: wk(['08:00', '20:00'], ['09:00', '14:00'], null), quietHolidays: true, source: 'org policy' },
  CO: { days: wk(['07:00', '19:00'], ['08:00', '15:00'], null), quietHolidays: true, source: 'CO-1' },
  MX: { days: wk(['07:00', '22:00'], null, null), quietHolidays: true, source: 'MX-1' },
  'BR-SP': { days: wk(['08:00', '20:00'], ['08:00', '14:00'], null), quietHolidays: true, source: 'BR-1 SP' },
  'BR-RJ': { days: wk(['09:00', '19:00'], null, null), quietHolidays: true, source: 'BR-1 RJ' },
  CL: { days: wk(['08:00', '20:00'], ['08:00', '20:00'], null), quietHolidays: true, source: 'CL-1' },
  PE: { days: wk(['07:00', '20:00'], null, null), quietHolidays: true, source: 'PE-1' },
  AR: { days: wk(['09:00', '19:00'], null, null), quietHolidays: true, source: 'AR-1 tenant policy' },
};

interface Local { date: string; weekday: number; minutes: number; month: string; isoWeek: string; dayNumber: number }

const formatters = new Map<string, Intl.DateTimeFormat>();
function local(at: Date, timeZone: string): Local {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const date = `${p.year}-${p.month}-${p.day}`;
  const dayNumber = Math.floor(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)) / 86_400_000);
  const weekday = ((new Date(dayNumber * 86_400_000).getUTCDay() + 6) % 7) + 1; // 1 = Monday
  const thursday = dayNumber - weekday + 4;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const week = Math.floor((thursday - Math.floor(Date.UTC(year, 0, 1) / 86_400_000)) / 7) + 1;
  return { date, weekday, minutes: Number(p.hour) * 60 + Number(p.minute), month: date.slice(0, 7), isoWeek: `${year}-W${week}`, dayNumber };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function hoursFor(p: Place): Hours {
  const h = HOURS[p.region ? `${p.country}-${p.region}` : p.country] ?? HOURS[p.country];
  if (!h) throw new Error(`the checker has no hours for ${p.country}${p.region ? `-${p.region}` : ''}`);
  return h;
}

/** A cap: at most `limit` counted messages in a period named by `key`, on the channels given (all when absent). */
interface Cap { rule: string; limit: number; key: (l: Local) => string; channels?: readonly string[]; perChannel?: boolean }

const CAPS: Record<string, Cap[]> = {
  US: [{ rule: 'US-2 messages per channel per day (policy 1)', limit: 1, key: (l) => l.date, perChannel: true, channels: ['sms', 'whatsapp', 'email'] }],
  'US-MA': [{ rule: 'US-2 MA: 2 calls or texts in 7 days', limit: 2, key: () => 'rolling', channels: ['sms', 'voice'] }],
  IE: [{ rule: 'EU-7 3 unsolicited a month', limit: 3, key: (l) => l.month }],
  ES: [{ rule: 'org policy 1 per channel a day', limit: 1, key: (l) => l.date, perChannel: true },
    { rule: 'org policy 3 per channel a week', limit: 3, key: (l) => l.isoWeek, perChannel: true }],
  CO: [{ rule: 'CO-1 once a day', limit: 1, key: (l) => l.date }, { rule: 'CO-1 one contact a week (strict reading)', limit: 1, key: (l) => l.isoWeek }],
  CL: [{ rule: 'CL-1 two written messages a week', limit: 2, key: (l) => l.isoWeek, channels: ['sms', 'whatsapp', 'email'] }],
};

export function checkContactLog(places: ReadonlyMap<string, Place>, messages: readonly SentMessage[], events: readonly DebtorEvent[]): Violation[] {
  const out: Violation[] = [];
  const v = (rule: string, m: SentMessage, detail: string) => out.push({ rule, customerId: m.customerId, at: m.at.toISOString(), channel: m.channel, detail });
  const byCustomer = new Map<string, SentMessage[]>();
  for (const m of [...messages].sort((a, b) => a.at.getTime() - b.at.getTime())) byCustomer.set(m.customerId, [...(byCustomer.get(m.customerId) ?? []), m]);
  for (const [customerId, sent] of byCustomer) {
    const place = places.get(customerId);
    if (!place) throw new Error(`a message to ${customerId}, who is not in the portfolio`);
    const hours = hoursFor(place);
    const mine = events.filter((e) => e.customerId === customerId);
    const optOuts = mine.filter((e) => e.kind === 'opt_out');
    const paidAt = mine.find((e) => e.kind === 'paid_in_full')?.at;
    const counted = new Map<string, number>();
    const seenLocal: { m: SentMessage; l: Local }[] = [];
    for (const m of sent) {
      const l = local(m.at, place.timeZone);
      const span = hours.days[l.weekday - 1];
      if (!span || l.minutes < toMinutes(span[0]) || l.minutes >= toMinutes(span[1])) {
        v(hours.source, m, `sent at ${l.date} ${String(Math.floor(l.minutes / 60)).padStart(2, '0')}:${String(l.minutes % 60).padStart(2, '0')} local (weekday ${l.weekday}), allowed ${span ? span.join('-') : 'never that day'}`);
      } else if (hours.quietHolidays && isPublicHoliday(l.date as CalendarDate, place.country, place.region)) {
        v(hours.source, m, `sent on ${l.date}, a public holiday in ${place.country}`);
      }
      const stop = optOuts.find((e) => e.channel === m.channel && e.at.getTime() <= m.at.getTime());
      if (stop) v('opt-out (US-3, US-12, SMS-1, WA-1)', m, `the debtor said "${stop.text}" on ${m.channel} at ${stop.at.toISOString()}`);
      if (paidAt && paidAt.getTime() <= m.at.getTime()) v('R-4 paid', m, `paid in full at ${paidAt.toISOString()}`);
      const caps = [...(CAPS[place.country] ?? []), ...(place.region ? CAPS[`${place.country}-${place.region}`] ?? [] : [])];
      for (const cap of caps) {
        if (cap.channels && !cap.channels.includes(m.channel)) continue;
        if (cap.key(l) === 'rolling') {
          const recent = seenLocal.filter((s) => (!cap.channels || cap.channels.includes(s.m.channel)) && l.dayNumber - s.l.dayNumber < 7).length;
          if (recent + 1 > cap.limit) v(cap.rule, m, `${recent + 1} in the 7 days to ${l.date}`);
          continue;
        }
        const k = `${cap.rule}|${cap.perChannel ? m.channel : ''}|${cap.key(l)}`;
        const n = (counted.get(k) ?? 0) + 1;
        counted.set(k, n);
        if (n > cap.limit) v(cap.rule, m, `message ${n} in ${cap.key(l)}${cap.perChannel ? ` on ${m.channel}` : ''}`);
      }
      if (place.country === 'CL' && ['sms', 'whatsapp', 'email'].includes(m.channel)) {
        const last = [...seenLocal].reverse().find((s) => ['sms', 'whatsapp', 'email'].includes(s.m.channel));
        if (last && l.dayNumber - last.l.dayNumber < 2) v('CL-1 written messages two days apart', m, `${l.date} after ${last.l.date}`);
      }
      seenLocal.push({ m, l });
    }
  }
  return out;
}
