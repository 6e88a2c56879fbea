// Moving a date to the next open day across weekends, holidays and chains of both.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BusinessCalendar } from './rules.ts';
import { calendarFor, closedReason, isBusinessDay, nextBusinessDay, onOrAfterBusinessDay } from './business-days.ts';

describe('business days', () => {
  const rolls: [country: string, from: string, onOrAfter: string, next: string, why: string][] = [
    ['US', '2026-03-04', '2026-03-04', '2026-03-05', 'an ordinary Wednesday'],
    ['US', '2026-03-07', '2026-03-09', '2026-03-09', 'a Saturday'],
    ['US', '2026-07-03', '2026-07-06', '2026-07-06', 'observed Independence Day then the weekend'],
    ['CO', '2026-03-28', '2026-03-30', '2026-03-30', 'a Saturday before Holy Week'],
    ['CO', '2026-04-02', '2026-04-06', '2026-04-06', 'Holy Thursday, Good Friday and the weekend'],
    ['BR', '2026-02-14', '2026-02-18', '2026-02-18', 'Carnival weekend, Monday and Tuesday'],
    ['AR', '2026-03-21', '2026-03-25', '2026-03-25', 'weekend, bridge day and Memoria'],
    ['PE', '2026-07-28', '2026-07-30', '2026-07-30', 'the two days of Fiestas Patrias'],
    ['ES', '2026-12-05', '2026-12-07', '2026-12-07', 'a weekend ending on Constitution Day'],
    ['ES', '2026-12-07', '2026-12-07', '2026-12-09', 'the Monday between Constitution Day and the Immaculate Conception'],
    ['MX', '2027-12-31', '2027-12-31', '2028-01-03', 'the last day of 2027 into the first Monday of 2028'],
  ];
  for (const [country, from, onOrAfter, next, why] of rolls) {
    it(`moves ${from} in ${country} to ${onOrAfter} (and past it to ${next}): ${why}`, () => {
      assert.equal(onOrAfterBusinessDay(from, country), onOrAfter);
      assert.equal(nextBusinessDay(from, country), next);
    });
  }

  it('says why a day is closed', () => {
    assert.equal(closedReason('2026-03-07', 'MX'), 'weekend');
    assert.equal(closedReason('2026-09-16', 'MX'), 'Día de la Independencia');
    assert.equal(closedReason('2026-09-17', 'MX'), null);
  });

  it('gives a country it has no holidays for only a Saturday and Sunday weekend', () => {
    assert.equal(calendarFor('FR').known, false);
    assert.equal(isBusinessDay('2026-07-14', 'FR'), true);
    assert.equal(isBusinessDay('2026-07-18', 'FR'), false);
  });

  it('follows a calendar given as data, such as a Friday and Saturday weekend', () => {
    const gulf: BusinessCalendar = { country: 'AE', weekend: [5, 6], holidays: [{ kind: 'fixed', month: 12, day: 2, name: 'National Day' }] };
    assert.equal(isBusinessDay('2026-03-06', gulf), false);
    assert.equal(isBusinessDay('2026-03-08', gulf), true);
    assert.equal(closedReason('2026-12-02', gulf), 'National Day');
  });
});
