// Latin American packs (COMPLIANCE.md §3 and rows 20-25 of §8), one table per country.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_POLICY } from '../policy.ts';
import { aChannel, aContact, aDebtor, aPurpose, decideAt, localAt, summary, type Scenario } from '../fixtures.ts';

type Row = [name: string, now: string, scenario: Scenario, expected: string];

function runTable(zone: string, country: string, region: string | undefined, rows: readonly Row[]) {
  for (const [name, now, scenario, expected] of rows) {
    it(name, () => {
      const debtor = scenario.debtor ?? aDebtor({ country, timeZone: zone, ...(region ? { region } : {}) });
      assert.equal(summary(decideAt(localAt(now, zone), { ...scenario, debtor }), zone), expected);
    });
  }
}

describe('CO-1 Colombia, Ley 2300', () => {
  const BOG = 'America/Bogota';
  const at = (s: string) => localAt(s, BOG);
  const whatsappMonday = [aContact(at('2026-04-06 10:00'), 'whatsapp')];
  const lenient = { ...DEFAULT_POLICY, colombia: { weeklyReading: 'lenient' as const } };
  runTable(BOG, 'CO', undefined, [
    ['CO-1 allows Saturday at 14:59 in Bogotá', '2026-04-11 14:59', {}, 'allow'],
    ['CO-1 defers Saturday 15:00 in Bogotá to Monday 07:00', '2026-04-11 15:00', {}, 'defer OUTSIDE_HOURS until 2026-04-13 07:00'],
    ['CO-1 defers a Sunday to Monday 07:00', '2026-04-12 10:00', {}, 'defer CLOSED_DAY until 2026-04-13 07:00'],
    ['CO-1 defers on a holiday (San José moved to Monday 23 March)', '2026-03-23 10:00', {}, 'defer HOLIDAY until 2026-03-24 07:00'],
    ['CO-1 skips Holy Thursday and Good Friday to Saturday 08:00', '2026-04-01 19:30', {}, 'defer OUTSIDE_HOURS until 2026-04-04 08:00'],
    ['CO-1 defers a second WhatsApp on Monday', '2026-04-06 15:00', { events: whatsappMonday, channel: aChannel('whatsapp') },
      'defer DAILY_CAP until 2026-04-13 07:00'],
    ['CO-1 defers an email on Wednesday after a WhatsApp on Monday', '2026-04-08 10:00', { events: whatsappMonday, channel: aChannel('email') },
      'defer ONE_CHANNEL_PER_WEEK until 2026-04-13 07:00'],
    ['CO-1 strict reading defers the same channel later that week', '2026-04-08 10:00', { events: whatsappMonday, channel: aChannel('whatsapp') },
      'defer ONE_CHANNEL_PER_WEEK until 2026-04-13 07:00'],
    ['CO-1 lenient reading allows the same channel on another day', '2026-04-08 10:00',
      { events: whatsappMonday, channel: aChannel('whatsapp'), policy: lenient }, 'allow'],
    ['CO-1 lenient reading still defers another channel that week', '2026-04-08 10:00',
      { events: whatsappMonday, channel: aChannel('email'), policy: lenient }, 'defer ONE_CHANNEL_PER_WEEK until 2026-04-13 07:00'],
    ['CO-1 blocks a channel the debtor did not authorise', '2026-04-08 10:00',
      { debtor: aDebtor({ country: 'CO', timeZone: BOG, consents: [{ kind: 'channel', channel: 'email', grantedAt: at('2026-01-01 10:00') }] }) },
      'block CONSENT_MISSING'],
    ['CO-1 blocks contact with a personal reference', '2026-04-08 10:00', { channel: aChannel('sms', { recipient: 'reference' }) }, 'block THIRD_PARTY'],
    ['CO-1 allows contact with a co-debtor', '2026-04-08 10:00', { channel: aChannel('sms', { recipient: 'co_debtor' }) }, 'allow'],
  ]);
});

describe('MX-1 Mexico, CONDUSEF', () => {
  const MEX = 'America/Mexico_City';
  runTable(MEX, 'MX', undefined, [
    ['MX-1 allows 21:59 in Mexico City', '2026-04-07 21:59', {}, 'allow'],
    ['MX-1 defers 22:01 in Mexico City to 07:00 the next day', '2026-04-07 22:01', {}, 'defer OUTSIDE_HOURS until 2026-04-08 07:00'],
    ['MX-1 denies weekends by default', '2026-04-11 10:00', {}, 'defer CLOSED_DAY until 2026-04-13 07:00'],
    ['MX-1 keeps quiet on Benito Juárez day', '2026-03-16 10:00', {}, 'defer HOLIDAY until 2026-03-17 07:00'],
    ['MX-1 blocks a personal reference', '2026-04-07 10:00', { channel: aChannel('call', { recipient: 'reference' }) }, 'block THIRD_PARTY'],
    ['MX-1 blocks text naming a payee other than the creditor', '2026-04-07 10:00', { purpose: aPurpose({ payee: 'agency' }) }, 'block PAYEE_NOT_CREDITOR'],
    ['MX-1 blocks a number the debtor did not give', '2026-04-07 10:00', { channel: aChannel('sms', { givenByDebtor: false }) }, 'block ADDRESS_NOT_GIVEN_BY_DEBTOR'],
    ['MX-1 opens weekends when the tenant chooses to', '2026-04-11 10:00',
      { policy: { ...DEFAULT_POLICY, mexico: { contactOnWeekends: true, contactOnHolidays: false } } }, 'allow'],
  ]);
});

describe('BR-1 Brazil, hours per state', () => {
  const SAO = 'America/Sao_Paulo';
  runTable(SAO, 'BR', 'SP', [
    ['BR-1 allows São Paulo on Saturday at 13:59', '2026-04-11 13:59', {}, 'allow'],
    ['BR-1 defers São Paulo on Saturday at 14:00 to Monday 08:00', '2026-04-11 14:00', {}, 'defer OUTSIDE_HOURS until 2026-04-13 08:00'],
    ['BR-1 defers São Paulo weekdays after 20:00', '2026-04-07 20:00', {}, 'defer OUTSIDE_HOURS until 2026-04-08 08:00'],
    ['BR-1 keeps quiet on São Paulo\'s 9 July', '2026-07-09 10:00', {}, 'defer HOLIDAY until 2026-07-10 08:00'],
  ]);
  runTable(SAO, 'BR', 'RJ', [
    ['BR-1 defers Rio de Janeiro on any Saturday', '2026-04-11 10:00', {}, 'defer CLOSED_DAY until 2026-04-13 09:00'],
    ['BR-1 defers Rio de Janeiro at 19:00', '2026-04-07 19:00', {}, 'defer OUTSIDE_HOURS until 2026-04-08 09:00'],
  ]);
  runTable(SAO, 'BR', 'CE', [['BR-1 defers Ceará at 18:00', '2026-04-07 18:00', {}, 'defer OUTSIDE_HOURS until 2026-04-08 08:00']]);
  // a region written as its ISO 3166-2 code picks the same state's hours and holidays
  runTable(SAO, 'BR', 'BR-SP', [['BR-1 keeps quiet on 9 July for a debtor in BR-SP', '2026-07-09 10:00', {}, 'defer HOLIDAY until 2026-07-10 08:00'],
    ['BR-1 gives BR-SP São Paulo\'s Saturday hours', '2026-04-11 13:59', {}, 'allow']]);
  runTable(SAO, 'BR', 'BA', [['BR-1 keeps quiet on Bahia\'s 2 July', '2026-07-02 10:00', {}, 'defer HOLIDAY until 2026-07-03 09:00']]);
  runTable(SAO, 'BR', 'MG', [['BR-1 gives a state without a row the strictest hours', '2026-04-07 08:30', {}, 'defer OUTSIDE_HOURS until 2026-04-07 09:00']]);
  runTable(SAO, 'BR', undefined, [['BR-1 blocks a Brazilian debtor without a state', '2026-04-07 10:00', {}, 'block JURISDICTION_UNKNOWN']]);
  runTable(SAO, 'BR', 'MG', [['BR-1 blocks an unlisted state when the tenant says so', '2026-04-07 10:00',
    { policy: { ...DEFAULT_POLICY, brazil: { unlistedStates: 'block' } } }, 'block JURISDICTION_UNKNOWN']]);
});

describe('CL-1 Chile, Ley 21.320', () => {
  const SCL = 'America/Santiago';
  const at = (s: string) => localAt(s, SCL);
  runTable(SCL, 'CL', undefined, [
    ['CL-1 defers a second call in an ISO week to next Monday', '2026-04-09 10:00',
      { channel: aChannel('call'), events: [aContact(at('2026-04-06 10:00'), 'call')] }, 'defer WEEKLY_CAP until 2026-04-13 08:00'],
    ['CL-1 defers a second e-message one day after the first', '2026-04-07 10:00',
      { channel: aChannel('email'), events: [aContact(at('2026-04-06 10:00'), 'sms')] }, 'defer MIN_SPACING until 2026-04-08 08:00'],
    ['CL-1 allows a second e-message two days later', '2026-04-08 10:00',
      { channel: aChannel('email'), events: [aContact(at('2026-04-06 10:00'), 'sms')] }, 'allow'],
    ['CL-1 defers a third e-message in a week to next Monday', '2026-04-10 10:00',
      { channel: aChannel('email'), events: [aContact(at('2026-04-06 10:00'), 'sms'), aContact(at('2026-04-08 10:00'), 'email')] },
      'defer WEEKLY_CAP until 2026-04-13 08:00'],
    ['CL-1 counts calls and messages apart', '2026-04-08 10:00',
      { channel: aChannel('call'), events: [aContact(at('2026-04-06 10:00'), 'sms'), aContact(at('2026-04-07 10:00'), 'email')] }, 'allow'],
    ['CL-1 denies Sunday', '2026-04-12 10:00', {}, 'defer CLOSED_DAY until 2026-04-13 08:00'],
    ['CL-1 allows Saturday at 19:59', '2026-04-11 19:59', {}, 'allow'],
  ]);
});

describe('PE-1 Peru, Ley 29571 art. 62', () => {
  const LIM = 'America/Lima';
  runTable(LIM, 'PE', undefined, [
    ['PE-1 defers Saturday 10:00 in Lima to Monday 07:00', '2026-04-11 10:00', {}, 'defer CLOSED_DAY until 2026-04-13 07:00'],
    ['PE-1 allows a weekday at 19:59', '2026-04-07 19:59', {}, 'allow'],
    ['PE-1 defers a weekday at 20:00 to 07:00 the next day', '2026-04-07 20:00', {}, 'defer OUTSIDE_HOURS until 2026-04-08 07:00'],
    ['PE-1 defers Fiestas Patrias to the next working day', '2026-07-28 10:00', {}, 'defer HOLIDAY until 2026-07-30 07:00'],
  ]);
});

describe("AR-1 Argentina, tenant policy", () => {
  const BUE = 'America/Argentina/Buenos_Aires';
  runTable(BUE, 'AR', undefined, [
    ['AR-1 allows a weekday at 18:59', '2026-04-07 18:59', {}, 'allow'],
    ['AR-1 defers a weekday at 19:00 to 09:00 the next day', '2026-04-07 19:00', {}, 'defer OUTSIDE_HOURS until 2026-04-08 09:00'],
    ['AR-1 keeps quiet on the moved Soberanía Nacional holiday', '2026-11-23 10:00', {}, 'defer HOLIDAY until 2026-11-24 09:00'],
  ]);
});
