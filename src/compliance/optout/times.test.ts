// Inconvenient times stated in a reply (US-1): read as spans of local time, not as a refusal of the channel, and the gate
// defers inside them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aDebtor, aChannel, decideAt, localAt } from '../fixtures.ts';
import type { InconvenientTime } from '../types.ts';
import { detectOptOut } from './detect.ts';

const WA = { channel: 'whatsapp' as const };
const timesOf = (text: string): readonly InconvenientTime[] | string => {
  const d = detectOptOut(text, WA);
  return d.kind === 'inconvenient_times' ? d.times : d.kind;
};

describe('inconvenient times in a reply', () => {
  const CALL = ['call'] as const, TEXT = ['sms', 'whatsapp'] as const, WRITTEN = ['sms', 'whatsapp', 'email'] as const;
  const table: Array<[string, InconvenientTime[]]> = [
    ["don't call me before noon", [{ from: '00:00', to: '12:00', channels: CALL }]],
    ['Please do not call me after 8pm', [{ from: '20:00', to: '00:00', channels: CALL }]],
    ['never text me before 10 am', [{ from: '00:00', to: '10:00', channels: TEXT }]],
    ["don't call me in the morning", [{ from: '00:00', to: '12:00', channels: CALL }]],
    ["don't call me at work between 9 and 5", [{ from: '09:00', to: '17:00', channels: CALL }]],
    ['do not call me on weekends', [{ weekdays: [6, 7], from: '00:00', to: '00:00', channels: CALL }]],
    ['do not contact me before 9', [{ from: '00:00', to: '09:00' }]],
    ['no me llamen después de las 6', [{ from: '18:00', to: '00:00', channels: CALL }]],
    ['no me llamen antes de las 10 de la mañana', [{ from: '00:00', to: '10:00', channels: CALL }]],
    ['No me escriban en la noche', [{ from: '18:00', to: '00:00', channels: WRITTEN }]],
    ['no me marquen entre las 9 y las 2', [{ from: '09:00', to: '14:00', channels: CALL }]],
    ['não ligue de manhã', [{ from: '00:00', to: '12:00', channels: CALL }]],
    ['não me liguem depois das 18h', [{ from: '18:00', to: '00:00', channels: CALL }]],
    ['não me mandem mensagem antes das 9:30', [{ from: '00:00', to: '09:30', channels: TEXT }]],
  ];
  for (const [text, want] of table) it(`reads "${text}" as ${JSON.stringify(want)}`, () => assert.deepEqual(timesOf(text), want));

  const notTimes: Array<[string, string]> = [
    ["don't call me", 'opt_out'], ['no me llamen hasta el lunes', 'opt_out'], ['I will pay before noon', 'none'], ['pago después de las 6', 'none'],
    ['can you call me after 5?', 'none'], ['ligo depois das 18h', 'none'], ["don't call me before noon?", 'none'],
  ];
  for (const [text, want] of notTimes) it(`reads "${text}" as ${want}`, () => assert.equal(timesOf(text), want));

  it('keeps a refusal and a time in one message apart: texts refused, calls limited', () => {
    const d = detectOptOut("Stop texting me. And don't call me before noon", WA);
    assert.equal(d.kind, 'opt_out');
    if (d.kind === 'opt_out') {
      assert.deepEqual(d.scopes, [{ kind: 'channel', channel: 'sms' }]);
      assert.deepEqual(d.times, [{ from: '00:00', to: '12:00', channels: ['call'] }]);
    }
  });

  it('US-1: the gate defers a call inside the stated time and allows one after it', () => {
    const times = timesOf("don't call me before noon");
    assert.ok(Array.isArray(times));
    const debtor = aDebtor({ inconvenientTimes: times as InconvenientTime[] });
    const call = aChannel('call');
    const early = decideAt(localAt('2026-04-07 10:30', 'America/Chicago'), { debtor, channel: call });
    assert.equal(early.kind, 'defer');
    assert.equal(decideAt(localAt('2026-04-07 12:30', 'America/Chicago'), { debtor, channel: call }).kind, 'allow');
  });
});
