// A newer stated contact time replaces the older ones it contradicts (same kind, shared channels); the rest add up.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectOptOut } from './optout/detect.ts';
import { toLedgerChannel } from './store/channels.ts';
import { replaceStatedTimes, type StatedTimes, type StoredTime } from './time-preferences.ts';

/** What a reply states, as the profile stores it (calls as 'voice'). */
function statedBy(text: string): StatedTimes[] {
  const d = detectOptOut(text, { channel: 'sms' });
  const statements = d.kind === 'inconvenient_times' || d.kind === 'opt_out' ? d.statements ?? [] : [];
  assert.ok(statements.length > 0, `"${text}" states no time`);
  return statements.map((s) => ({ allows: s.allows, times: s.times.map((t) => ({
    ...(t.weekdays ? { weekdays: [...t.weekdays] } : {}), from: t.from, to: t.to,
    ...(t.channels ? { channels: t.channels.map((c) => toLedgerChannel(c)!) } : {}) })) }));
}

/** The times that hold after each reply in turn, and every one replaced on the way. */
function after(...replies: string[]): { times: StoredTime[]; replaced: StoredTime[] } {
  let times: StoredTime[] = [];
  const replaced: StoredTime[] = [];
  for (const r of replies) {
    const next = replaceStatedTimes(times, statedBy(r));
    times = next.times;
    replaced.push(...next.replaced);
  }
  return { times, replaced };
}

const VOICE = ['voice'] as const;
const TEXTS = ['sms', 'whatsapp'] as const;

describe('a newer stated time in place of the older ones it contradicts', () => {
  const rows: Array<[string, string[], StoredTime[], number]> = [
    // [what, replies in order, times that hold, how many replaced]
    ['hours allowed, then hours allowed on every channel', ['call me after 6pm', 'mornings only please'], [{ from: '12:00', to: '00:00' }], 1],
    ['every channel, then calls: the older kept for the rest', ['mornings only please', 'call me after 6pm'],
      [{ from: '12:00', to: '00:00', channels: ['email', 'sms', 'whatsapp'] }, { from: '00:00', to: '18:00', channels: [...VOICE] }], 1],
    ['days forbidden, then a day allowed: that day holds', ['no calls on weekdays', 'you can call Tuesdays'],
      [{ weekdays: [1, 3, 4, 5, 6, 7], from: '00:00', to: '00:00', channels: [...VOICE] }], 1],
    ['es: after 6, then mornings', ['llámame después de las 6', 'mejor llámame en la mañana'], [{ from: '12:00', to: '00:00', channels: [...VOICE] }], 1],
    ['pt: weekdays only, then weekends only', ['só em dias úteis', 'só nos fins de semana'], [{ weekdays: [1, 2, 3, 4, 5], from: '00:00', to: '00:00' }], 1],
    ['a day rule and an hour rule add up', ['weekdays only', 'call me after 6pm'],
      [{ weekdays: [6, 7], from: '00:00', to: '00:00' }, { from: '00:00', to: '18:00', channels: [...VOICE] }], 0],
    ['another medium is left alone', ['text me after 7', 'call me in the morning'],
      [{ from: '00:00', to: '19:00', channels: [...TEXTS] }, { from: '12:00', to: '00:00', channels: [...VOICE] }], 0],
    ['forbidden times add to an allowed one', ['call me after 6pm', "don't call me after 9pm"],
      [{ from: '00:00', to: '18:00', channels: [...VOICE] }, { from: '21:00', to: '00:00', channels: [...VOICE] }], 0],
    ['two forbidden days add up', ['no calls on weekends', 'no calls on mondays'],
      [{ weekdays: [6, 7], from: '00:00', to: '00:00', channels: [...VOICE] }, { weekdays: [1], from: '00:00', to: '00:00', channels: [...VOICE] }], 0],
    ['a forbiddance that would leave no time at all replaces', ['mornings only', "don't call me in the morning"],
      [{ from: '12:00', to: '00:00', channels: ['email', 'sms', 'whatsapp'] }, { from: '00:00', to: '12:00', channels: [...VOICE] }], 1],
    ['said again: nothing replaced, nothing twice', ['call me after 6pm', 'Call me after 6pm.'], [{ from: '00:00', to: '18:00', channels: [...VOICE] }], 0],
    ['at 5, then at 9', ['call me at 5', 'call me at 9'],
      [{ from: '00:00', to: '08:00', channels: [...VOICE] }, { from: '10:00', to: '00:00', channels: [...VOICE] }], 2],
  ];
  for (const [what, replies, times, replaced] of rows) {
    it(`${what}: ${replies.map((r) => `"${r}"`).join(' then ')}`, () => {
      const r = after(...replies);
      assert.deepEqual(r.times, times);
      assert.equal(r.replaced.length, replaced);
    });
  }

  it('keeps the replaced times as they were', () => {
    assert.deepEqual(after('call me after 6pm', 'mornings only please').replaced, [{ from: '00:00', to: '18:00', channels: ['voice'] }]);
  });
});
