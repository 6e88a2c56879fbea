// An hour said with no side ("call me at 5", "llámame a las 5", "me liga às 5") is read as the business-hours hour (1-7 in
// the afternoon, 8-11 in the morning, 12 noon) and a window an hour either side of it; a weekday said as a habit ("you can
// call Tuesdays", "los martes", "nas terças") as that day. Both as the times they leave out.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aChannel, aDebtor, decideAt, localAt, summary } from '../fixtures.ts';
import type { InconvenientTime } from '../types.ts';
import { detectOptOut } from './detect.ts';

const timesOf = (text: string): readonly InconvenientTime[] | string => {
  const d = detectOptOut(text, { channel: 'sms' });
  return d.kind === 'inconvenient_times' ? d.times : d.kind;
};
const CALL = ['call'] as const, TEXT = ['sms', 'whatsapp'] as const;
/** The times a window from..to leaves out, on the media given. */
const outside = (from: string, to: string, channels?: readonly ('call' | 'sms' | 'whatsapp')[]): InconvenientTime[] =>
  [{ from: '00:00', to: from }, { from: to, to: '00:00' }].map((t) => (channels ? { ...t, channels } : t));
const onlyDay = (day: number, channels = CALL): InconvenientTime[] =>
  [{ weekdays: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== day), from: '00:00', to: '00:00', channels }];

const TABLE: Record<'en' | 'es' | 'pt', Array<[string, InconvenientTime[]]>> = {
  en: [
    ['call me at 5', outside('16:00', '18:00', CALL)],
    ['Call me at 9 please', outside('08:00', '10:00', CALL)],
    ['call me at 12', outside('11:00', '13:00', CALL)],
    ['call me at noon', outside('11:00', '13:00', CALL)],
    ['call me at 1', outside('12:00', '14:00', CALL)],
    ['call me at 7', outside('18:00', '20:00', CALL)],
    ['call me at 8', outside('07:00', '09:00', CALL)],
    ['call me at 11', outside('10:00', '12:00', CALL)],
    ['call me at 5:30', outside('16:30', '18:30', CALL)],
    ['call me at 9pm', outside('20:00', '22:00', CALL)],
    ['call me at 5 am', outside('04:00', '06:00', CALL)],
    ['you can text me around 4', outside('15:00', '17:00', TEXT)],
    ['only at 6', outside('17:00', '19:00')],
    ['you can call Tuesdays', onlyDay(2)],
    ['call me on fridays', onlyDay(5)],
  ],
  es: [
    ['llámame a las 5', outside('16:00', '18:00', CALL)],
    ['me pueden marcar a las 10', outside('09:00', '11:00', CALL)],
    ['llámame a la 1', outside('12:00', '14:00', CALL)],
    ['márcame al mediodía', outside('11:00', '13:00', CALL)],
    ['llámame como a las 4', outside('15:00', '17:00', CALL)],
    ['pueden llamarme los martes', onlyDay(2)],
    ['solo los sábados', [{ weekdays: [1, 2, 3, 4, 5, 7], from: '00:00', to: '00:00' }]],
  ],
  pt: [
    ['me liga às 5', outside('16:00', '18:00', CALL)],
    ['pode ligar às 9h', outside('08:00', '10:00', CALL)],
    ['me liga lá pelas 3', outside('14:00', '16:00', CALL)],
    ['me liga por volta das 11', outside('10:00', '12:00', CALL)],
    ['me liga nas terças', onlyDay(2)],
  ],
};

describe('an hour said with no side, and a weekday said as a habit', () => {
  for (const [language, rows] of Object.entries(TABLE)) {
    for (const [text, want] of rows) it(`${language}: reads "${text}" as ${JSON.stringify(want)}`, () => assert.deepEqual(timesOf(text), want));
  }

  const notTimes: Array<[string, string]> = [
    ['pls have a rep call me at 555-0134', 'none'], ['call me at 5551234567', 'none'], ['call me at 5 tomorrow', 'none'],
    ['can you call me at 5?', 'none'], ['I will call you at 5', 'none'], ['call me on tuesday', 'none'], ['llámame el martes a las 5', 'none'],
    ['llámame mañana a las 5', 'none'], ['me liga hoje às 5', 'none'], ['me liga na terça', 'none'], ['me manda a segunda via', 'none'],
    ['call me at 10 minutes past', 'none'], ['pago a las 5', 'none'], ['stop calling me at 7am', 'opt_out'], ["don't call me at 5", 'opt_out'],
  ];
  for (const [text, want] of notTimes) it(`reads "${text}" as ${want}`, () => assert.equal(timesOf(text), want));

  it('G-2: "llámame a las 5" defers an 11:00 call in Mexico City to 16:00 and lets an SMS go', () => {
    const debtor = aDebtor({ country: 'MX', timeZone: 'America/Mexico_City', inconvenientTimes: timesOf('llámame a las 5') as InconvenientTime[] });
    const at = localAt('2026-04-07 11:00', 'America/Mexico_City');
    assert.equal(summary(decideAt(at, { debtor, channel: aChannel('call') }), 'America/Mexico_City'), 'defer INCONVENIENT_TIME until 2026-04-07 16:00');
    assert.equal(decideAt(at, { debtor, channel: aChannel('sms', { givenByDebtor: true }) }).kind, 'allow');
  });
});
