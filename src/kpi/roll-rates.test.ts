import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agingAndRoll } from './roll-rates.ts';

const row = (due_date: string, opening: number, closing: number) => ({
  due_date, opening, closing, carried: Math.min(opening, closing), opening_invoices: opening > 0 ? 1 : 0, closing_invoices: closing > 0 ? 1 : 0,
});

describe('aging and roll rates', () => {
  // opening 2026-02-28, closing 2026-03-31
  const r = agingAndRoll([
    row('2026-03-17', 60_000, 0), // current at the opening (due later), paid: resolved
    row('2026-02-09', 60_000, 20_000), // 19 days late -> 50 days late: 20,000 rolls to 31-60, 40,000 resolved
    row('2025-12-31', 50_000, 42_500), // 59 -> 90 days: 42,500 rolls to 61-90 (a fee added and a write-off taken: 7,500 net resolved)
    row('2026-04-04', 0, 180_000), // issued in the period: in the closing aging only
  ], '2026-02-28', '2026-03-31');

  it('buckets the balances at both ends by days past due', () => {
    assert.deepEqual(r.opening, { current: 60_000, d1_30: 60_000, d31_60: 50_000, d61_90: 0, d91_120: 0, over_120: 0, total: 170_000, invoices: 3 });
    assert.deepEqual(r.closing, { current: 180_000, d1_30: 0, d31_60: 20_000, d61_90: 42_500, d91_120: 0, over_120: 0, total: 242_500, invoices: 3 });
  });

  it('shows where each opening bucket went, and the share that rolled to a later one', () => {
    const [current, d1, d31, d61] = r.roll_rates;
    assert.deepEqual([current!.roll_rate, current!.resolved_rate, current!.to.resolved], [0, 1, 60_000]);
    // 20,000 / 60,000 rolled forward
    assert.deepEqual([d1!.from, d1!.to.d31_60, d1!.to.resolved, d1!.rolled_forward, d1!.roll_rate], ['d1_30', 20_000, 40_000, 20_000, 0.3333]);
    // 42,500 / 50,000 = 0.85
    assert.deepEqual([d31!.to.d61_90, d31!.to.resolved, d31!.roll_rate, d31!.resolved_rate], [42_500, 7_500, 0.85, 0.15]);
    assert.deepEqual([d61!.opening, d61!.roll_rate], [0, null]);
  });
});
