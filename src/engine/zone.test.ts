// Where a local day begins, including zones east and west of UTC and a day whose midnight does not exist.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { offsetMinutes, startOfDayInZone } from './zone.ts';

describe('startOfDayInZone', () => {
  const rows: [date: string, zone: string, instant: string, why: string][] = [
    ['2026-03-05', 'UTC', '2026-03-05T00:00:00.000Z', 'UTC itself'],
    ['2026-03-05', 'America/Bogota', '2026-03-05T05:00:00.000Z', 'five hours behind, no daylight saving'],
    ['2026-03-05', 'Asia/Tokyo', '2026-03-04T15:00:00.000Z', 'nine hours ahead, the day before in UTC'],
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z', 'the day clocks go forward at 02:00'],
    ['2026-03-09', 'America/New_York', '2026-03-09T04:00:00.000Z', 'the day after, on daylight time'],
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z', 'midnight skipped: the day begins at 01:00'],
    ['2026-04-05', 'America/Santiago', '2026-04-05T04:00:00.000Z', 'clocks go back at midnight: the second midnight'],
    ['2028-02-29', 'Asia/Kolkata', '2028-02-28T18:30:00.000Z', 'a half-hour offset on a leap day'],
  ];
  for (const [date, zone, instant, why] of rows) {
    it(`starts ${date} in ${zone} at ${instant}: ${why}`, () => assert.equal(startOfDayInZone(date, zone).toISOString(), instant));
  }

  it('reads the offset of a zone at an instant', () => {
    assert.equal(offsetMinutes(new Date('2026-01-15T12:00:00Z'), 'America/Bogota'), -300);
    assert.equal(offsetMinutes(new Date('2026-01-15T12:00:00Z'), 'Asia/Tokyo'), 540);
    assert.equal(offsetMinutes(new Date('2026-01-15T12:00:00Z'), 'UTC'), 0);
  });
});
