// timestampToIso rewrites UTC timestamps without a Date: the same string Date gives, for any instant PostgreSQL writes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { timestampToIso } from './timestamps.ts';

const viaDate = (v: string) => new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();

describe('timestampToIso', () => {
  it('gives what Date gives for UTC text with 0 to 6 fractional digits, and for other offsets', () => {
    const instant = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(fc.property(instant, fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 6 }), fc.constantFrom('+00', '-06', '+05'), (d, micros, digits, offset) => {
      const frac = digits === 0 ? '' : `.${String(micros).padStart(6, '0').slice(0, digits)}`;
      const text = `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}${frac}${offset}`;
      assert.equal(timestampToIso(text), viaDate(text), text);
    }), { numRuns: 5000 });
    assert.equal(timestampToIso('2026-03-10 17:00:00.5+00'), '2026-03-10T17:00:00.500Z');
    assert.equal(timestampToIso('infinity'), 'infinity');
  });
});
