// Easter Sunday against published dates, including the earliest and latest possible.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { easterSunday } from './easter.ts';

describe('easterSunday', () => {
  const known: [number, string][] = [
    [1818, '1818-03-22'], [1943, '1943-04-25'], [2000, '2000-04-23'], [2024, '2024-03-31'],
    [2025, '2025-04-20'], [2026, '2026-04-05'], [2027, '2027-03-28'], [2028, '2028-04-16'], [2038, '2038-04-25'],
  ];
  for (const [year, date] of known) {
    it(`puts Easter ${year} on ${date}`, () => assert.equal(easterSunday(year), date));
  }
});
