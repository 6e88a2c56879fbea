// Contact windows and blackouts on their own: openings, closed days, holidays and spans crossing midnight.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blackoutRule, week, windowRule } from './window.ts';
import { localAt } from '../fixtures.ts';

const ZONE = 'Europe/Madrid';
const at = (s: string) => localAt(s, ZONE);
const show = (v: ReturnType<ReturnType<typeof windowRule>['check']>) =>
  v.kind === 'defer' ? `${v.reason.code} ${v.until.toISOString()}` : v.kind;

describe('windowRule', () => {
  const rule = windowRule({
    rule: 'T', source: 'Test', timeZone: ZONE, hours: week({ monFri: ['09:00', '18:00'], sat: ['10:00', '13:00'] }),
    isHoliday: (d) => d === '2026-04-13',
  });
  it('allows inside the hours and defers before them to the opening', () => {
    assert.equal(show(rule.check(at('2026-04-07 09:00'))), 'allow');
    assert.equal(show(rule.check(at('2026-04-07 08:59'))), `OUTSIDE_HOURS ${at('2026-04-07 09:00').toISOString()}`);
  });
  it('treats the closing time as closed', () => {
    assert.equal(show(rule.check(at('2026-04-07 18:00'))), `OUTSIDE_HOURS ${at('2026-04-08 09:00').toISOString()}`);
  });
  it('moves past a closed Sunday and a holiday Monday', () => {
    assert.equal(show(rule.check(at('2026-04-12 11:00'))), `CLOSED_DAY ${at('2026-04-14 09:00').toISOString()}`);
    assert.equal(show(rule.check(at('2026-04-13 11:00'))), `HOLIDAY ${at('2026-04-14 09:00').toISOString()}`);
  });
  it('blocks when no day of the week is open', () => {
    const closed = windowRule({ rule: 'T', source: 'Test', timeZone: ZONE, hours: week({ monFri: null }) });
    assert.equal(closed.check(at('2026-04-07 10:00')).kind, 'block');
  });
});

describe('blackoutRule', () => {
  const night = blackoutRule({ rule: 'T', timeZone: ZONE, from: '22:00', to: '10:00' });
  it('defers inside a span that crosses midnight, on both sides of it', () => {
    assert.equal(show(night.check(at('2026-04-07 23:00'))), `INCONVENIENT_TIME ${at('2026-04-08 10:00').toISOString()}`);
    assert.equal(show(night.check(at('2026-04-08 06:00'))), `INCONVENIENT_TIME ${at('2026-04-08 10:00').toISOString()}`);
    assert.equal(show(night.check(at('2026-04-08 10:00'))), 'allow');
  });
  it('applies only on the weekdays given', () => {
    const weekdays = blackoutRule({ rule: 'T', timeZone: ZONE, weekdays: [1, 2, 3, 4, 5], from: '12:00', to: '14:00' });
    assert.equal(weekdays.check(at('2026-04-11 12:30')).kind, 'allow');
    assert.equal(weekdays.check(at('2026-04-10 12:30')).kind, 'defer');
  });
});
