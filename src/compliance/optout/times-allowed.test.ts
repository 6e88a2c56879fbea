// Times said as allowed ("only call me after 5", "solo después de las 5", "só depois das 17h") or as "not before": read as the
// inconvenient times they leave out, on the media the verb names, and kept by the gate in the debtor's zone everywhere.
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
const WEEKENDS = { weekdays: [6, 7], from: '00:00', to: '00:00' };

const TABLE: Record<'en' | 'es' | 'pt', Array<[string, InconvenientTime[]]>> = {
  en: [
    ['only call me after 5', [{ from: '00:00', to: '17:00', channels: CALL }]],
    ['Call me after 6pm.', [{ from: '00:00', to: '18:00', channels: CALL }]],
    ['call only after 5', [{ from: '00:00', to: '17:00', channels: CALL }]],
    ['you can text me after 7:30', [{ from: '00:00', to: '19:30', channels: TEXT }]],
    ['please call me between 2 and 4', [{ from: '00:00', to: '14:00', channels: CALL }, { from: '16:00', to: '00:00', channels: CALL }]],
    ['the best time to call me is in the evening', [{ from: '00:00', to: '18:00', channels: CALL }]],
    ['weekdays only', [WEEKENDS]],
    ['only after 5pm', [{ from: '00:00', to: '17:00' }]],
    ['after 6 only please', [{ from: '00:00', to: '18:00' }]],
    ['not before 9am', [{ from: '00:00', to: '09:00' }]],
    ["don't text me before 9", [{ from: '00:00', to: '09:00', channels: TEXT }]],
    ["don't call me on weekdays after 5", [{ from: '17:00', to: '00:00', weekdays: [1, 2, 3, 4, 5], channels: CALL }]],
    // an hour that ends the contact day is read in the evening: "after 8" forbidden is 20:00, not the whole day from 08:00
    ["don't call me after 8", [{ from: '20:00', to: '00:00', channels: CALL }]],
  ],
  es: [
    ['solo después de las 5', [{ from: '00:00', to: '17:00' }]],
    ['llámame entre las 2 y las 4', [{ from: '00:00', to: '14:00', channels: CALL }, { from: '16:00', to: '00:00', channels: CALL }]],
    ['me pueden marcar después de las 6, gracias', [{ from: '00:00', to: '18:00', channels: CALL }]],
    ['prefiero que me llamen en la tarde', [{ from: '00:00', to: '12:00', channels: CALL }, { from: '18:00', to: '00:00', channels: CALL }]],
    ['no antes de las 9', [{ from: '00:00', to: '09:00' }]],
    ['puedes llamarme hasta las 8', [{ from: '20:00', to: '00:00', channels: CALL }]],
    ['Llámame entre semana después de las 5', [{ ...WEEKENDS, channels: CALL }, { from: '00:00', to: '17:00', channels: CALL }]],
    ['de lunes a viernes nada más', [WEEKENDS]],
  ],
  pt: [
    ['só depois das 17h', [{ from: '00:00', to: '17:00' }]],
    ['pode ligar de manhã', [{ from: '12:00', to: '00:00', channels: CALL }]],
    ['me liga depois das 18h', [{ from: '00:00', to: '18:00', channels: CALL }]],
    ['pode me mandar mensagem à noite', [{ from: '00:00', to: '18:00', channels: TEXT }]],
    ['só em dias úteis', [WEEKENDS]],
    ['nunca antes das 8', [{ from: '00:00', to: '08:00' }]],
    ['apenas de segunda a sexta', [WEEKENDS]],
  ],
};

describe('times allowed in a reply, read as the times they leave out', () => {
  for (const [language, rows] of Object.entries(TABLE)) {
    for (const [text, want] of rows) it(`${language}: reads "${text}" as ${JSON.stringify(want)}`, () => assert.deepEqual(timesOf(text), want));
  }

  const notTimes: Array<[string, string]> = [
    ['can you call me after 5?', 'none'], ['I will call you after 5', 'none'], ['call me tomorrow after 5', 'none'], ['text me the link after 5', 'none'],
    ['llámame mañana después de las 5', 'none'], ['solo puedo pagar después de las 5', 'none'], ['mandame el lnk este fin de semana', 'none'],
    ['me liga hoje à tarde', 'none'], ['só consigo pagar depois do dia 10', 'none'], ['I get paid after the 15th', 'none'], ['pago el viernes', 'none'],
    ['call me on the weekend', 'none'], ['llámame el lunes después de las 3', 'none'],
  ];
  for (const [text, want] of notTimes) it(`reads "${text}" as ${want}: a single occasion or no contact time`, () => assert.equal(timesOf(text), want));

  it('US-1: "only call me after 5" defers a call at 10:30 to 17:00 and leaves an SMS alone', () => {
    const times = timesOf('only call me after 5');
    assert.ok(Array.isArray(times));
    const debtor = aDebtor({ inconvenientTimes: times as InconvenientTime[] });
    const at = localAt('2026-04-07 10:30', 'America/Chicago');
    assert.equal(summary(decideAt(at, { debtor, channel: aChannel('call') }), 'America/Chicago'), 'defer INCONVENIENT_TIME until 2026-04-07 17:00');
    assert.equal(decideAt(at, { debtor, channel: aChannel('sms') }).kind, 'allow');
  });

  it('G-2: a Mexican debtor\'s "solo después de las 5" defers any channel to 17:00 in Mexico City', () => {
    const times = timesOf('solo después de las 5');
    assert.ok(Array.isArray(times));
    const debtor = aDebtor({ country: 'MX', timeZone: 'America/Mexico_City', inconvenientTimes: times as InconvenientTime[] });
    const d = decideAt(localAt('2026-04-07 11:00', 'America/Mexico_City'), { debtor, channel: aChannel('sms', { givenByDebtor: true }) });
    assert.equal(summary(d, 'America/Mexico_City'), 'defer INCONVENIENT_TIME until 2026-04-07 17:00');
    assert.equal(d.kind === 'defer' ? d.reason.rule : d.kind, 'G-2');
  });

  it('US-1: "weekdays only" moves a Saturday call to Monday 08:00', () => {
    const debtor = aDebtor({ inconvenientTimes: timesOf('weekdays only') as InconvenientTime[] });
    const d = decideAt(localAt('2026-04-11 10:00', 'America/Chicago'), { debtor, channel: aChannel('call') });
    assert.equal(summary(d, 'America/Chicago'), 'defer INCONVENIENT_TIME until 2026-04-13 08:00');
  });
});
