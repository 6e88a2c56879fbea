import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LIMITS, LimitsSchema, mergeLimits, minDownPayment, minInstalment, shareOf } from './limits.ts';

describe('negotiation limits', () => {
  it('ships defaults that pass their own schema', () => {
    assert.ok(LimitsSchema.safeParse(DEFAULT_LIMITS).success);
  });

  it('reads stored settings over the defaults, dropping unknown or invalid ones', () => {
    const l = mergeLimits({ promiseMaxDays: 30, planMaxInstalments: 0, bananas: 3 });
    assert.deepEqual([l.promiseMaxDays, l.planMaxInstalments, 'bananas' in l], [30, DEFAULT_LIMITS.planMaxInstalments, false]);
    assert.deepEqual(mergeLimits(null), DEFAULT_LIMITS);
  });

  it('takes shares exactly, rounding as asked, even past 2^53', () => {
    assert.deepEqual([shareOf(100_001, 1_000, 'up'), shareOf(100_001, 1_000, 'down')], [10_001, 10_000]);
    assert.equal(shareOf(9_000_000_000_000_000, 3, 'up'), 2_700_000_000_000);
    assert.equal(minDownPayment(DEFAULT_LIMITS, 99_999), 10_000);
    assert.equal(minInstalment(DEFAULT_LIMITS, 100_000, 'USD'), 5_000, '5% of the balance beats the 25.00 floor');
    assert.equal(minInstalment(DEFAULT_LIMITS, 10_000, 'USD'), 2_500);
    assert.equal(minInstalment(DEFAULT_LIMITS, 10_000, 'JPY'), 500, 'no floor listed for the currency: the share alone');
  });
});
