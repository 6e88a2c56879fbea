// Local wall-clock conversions, including the days clocks change.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { firstOfNextMonth, instantAt, localTime, mondayOf } from './zoned.ts';

describe('instantAt', () => {
  it('finds 08:00 in Chicago in winter at 14:00 UTC', () => {
    assert.equal(instantAt('2026-01-15', 8 * 60, 'America/Chicago').toISOString(), '2026-01-15T14:00:00.000Z');
  });
  it('finds 08:00 in Chicago in summer at 13:00 UTC', () => {
    assert.equal(instantAt('2026-07-15', 8 * 60, 'America/Chicago').toISOString(), '2026-07-15T13:00:00.000Z');
  });
  it('gives the instant the clock jumps for a time that does not exist (02:30 on 8 March 2026)', () => {
    assert.equal(instantAt('2026-03-08', 150, 'America/Chicago').toISOString(), '2026-03-08T08:00:00.000Z');
  });
  it('gives the earlier instant for a time that happens twice (01:30 on 1 November 2026)', () => {
    assert.equal(instantAt('2026-11-01', 90, 'America/Chicago').toISOString(), '2026-11-01T06:30:00.000Z');
  });
  it('round-trips through localTime in zones east and west of UTC', () => {
    for (const zone of ['Asia/Kolkata', 'America/Sao_Paulo', 'Europe/Dublin', 'Pacific/Auckland', 'America/Bogota']) {
      assert.deepEqual(localTime(instantAt('2026-05-20', 7 * 60 + 45, zone), zone), { date: '2026-05-20', minute: 465 });
    }
  });
});

describe('calendar helpers', () => {
  it('finds the Monday of an ISO week', () => {
    assert.equal(mondayOf('2026-03-15'), '2026-03-09');
    assert.equal(mondayOf('2026-03-09'), '2026-03-09');
  });
  it('finds the first of the next month across a year end', () => {
    assert.equal(firstOfNextMonth('2026-12-31'), '2027-01-01');
    assert.equal(firstOfNextMonth('2026-02-10'), '2026-03-01');
  });
});
