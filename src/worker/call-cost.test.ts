// A call priced by its length: every started minute at the minute rate of the debtor's country, never less than the
// attempt's rate; rates stored before calls were priced by the minute keep their meaning.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callCost, mergeRates, startedMinutes } from './costs.ts';

describe('a call priced by the minute', () => {
  const rates = mergeRates({ rates: { voice: { MX: 50_000, US: 14_000 }, voice_minute: { MX: 30_000, US: 14_000, '*': 70_000 } } });
  const cases: { seconds: number; country: string | null; micros: number; units: number; why: string }[] = [
    { seconds: 0, country: 'MX', micros: 50_000, units: 0, why: 'an unanswered call costs its attempt' },
    { seconds: 1, country: 'MX', micros: 50_000, units: 1, why: 'one started minute below the attempt: the attempt' },
    { seconds: 60, country: 'MX', micros: 50_000, units: 1, why: 'a whole minute is one, under the attempt: the attempt' },
    { seconds: 61, country: 'MX', micros: 60_000, units: 2, why: '61 s is two started minutes' },
    { seconds: 179, country: 'MX', micros: 90_000, units: 3, why: 'three started minutes' },
    { seconds: 180, country: 'mx', micros: 90_000, units: 3, why: 'the country in any case' },
    { seconds: 125, country: 'US', micros: 42_000, units: 3, why: 'another country\'s minute rate' },
    { seconds: 30, country: 'CL', micros: 70_000, units: 1, why: 'a country without its own rates takes *' },
    { seconds: 90, country: null, micros: 140_000, units: 2, why: 'no country: *' },
  ];
  for (const c of cases) {
    it(`${c.seconds} s to ${c.country ?? 'no country'}: ${c.why}`, () => {
      assert.deepEqual(callCost(rates, c.country, c.seconds), { micros: c.micros, currency: 'USD', units: c.units });
    });
  }

  it('counts started minutes, a negative length as none', () => {
    assert.deepEqual([0, 1, 59, 60, 61, 3600, 3601, -5].map(startedMinutes), [0, 1, 1, 1, 2, 60, 61, 0]);
  });

  it('prices the minutes of a country whose rates were stored before (voice alone) at that voice rate', () => {
    const old = mergeRates({ currency: 'MXN', rates: { voice: { MX: 2_000_000 } } });
    assert.equal(old.rates.voice_minute['MX'], 2_000_000);
    assert.deepEqual(callCost(old, 'MX', 150), { micros: 6_000_000, currency: 'MXN', units: 3 });
    assert.equal(old.rates.voice_minute['US'], 14_000, 'the default minute rate elsewhere');
  });
});
