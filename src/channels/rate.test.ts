import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reserveSlots } from './rate.ts';

describe('reserving send slots', () => {
  it('spaces slots evenly from now when the account is idle, up to the horizon', () => {
    const g = reserveSlots(null, 1_000, 10, 5, 1_000);
    assert.deepEqual(g, { granted: 6, firstAt: 1_000, intervalMs: 200, nextSlotAt: 2_200 });
  });

  it('starts after slots another process already took', () => {
    const g = reserveSlots(2_200, 1_000, 3, 5, 5_000);
    assert.equal(g.firstAt, 2_200);
    assert.equal(g.granted, 3);
    assert.equal(g.nextSlotAt, 2_800);
  });

  it('grants nothing when the next free slot lies beyond the horizon, and moves nothing', () => {
    const g = reserveSlots(10_000, 1_000, 4, 1, 2_000);
    assert.equal(g.granted, 0);
    assert.equal(g.nextSlotAt, 10_000);
  });

  it('treats a free slot in the past as now, so an idle account does not build up a burst', () => {
    const g = reserveSlots(0, 50_000, 100, 2, 1_000);
    assert.equal(g.firstAt, 50_000);
    assert.equal(g.granted, 3);
  });

  it('never grants more than asked', () => {
    assert.equal(reserveSlots(null, 0, 2, 1_000, 60_000).granted, 2);
  });
});
