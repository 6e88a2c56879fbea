import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { coalescer } from './coalesce.ts';

describe('coalescing writes', () => {
  it('writes items pushed together in one batch, later ones in the next, each caller getting its own result', async () => {
    const batches: number[][] = [];
    const c = coalescer<number, number>(async (xs) => { batches.push(xs); await new Promise((r) => setTimeout(r, 5)); return xs.map((x) => x * 10); });
    const first = await Promise.all([1, 2, 3].map((x) => c.push(x)));
    const late = [c.push(4)];
    await new Promise((r) => setImmediate(r));
    late.push(c.push(5), c.push(6));
    assert.deepEqual(first, [10, 20, 30]);
    assert.deepEqual(await Promise.all(late), [40, 50, 60]);
    assert.deepEqual(batches, [[1, 2, 3], [4], [5, 6]]);
  });

  it('keeps batches under the limit and fails only the callers of a failed write', async () => {
    const sizes: number[] = [];
    const c = coalescer<number, number>(async (xs) => { sizes.push(xs.length); if (xs.includes(13)) throw new Error('boom'); return xs; }, { maxBatch: 4 });
    const results = await Promise.allSettled(Array.from({ length: 15 }, (_, i) => c.push(i)));
    await c.drain();
    assert.deepEqual(sizes, [4, 4, 4, 3]);
    assert.deepEqual(results.map((r) => r.status), [...Array(12).fill('fulfilled'), 'rejected', 'rejected', 'rejected']);
  });

  it('writes two batches at once when allowed, the second only once half a usual batch waits', async () => {
    let inFlight = 0;
    let most = 0;
    const sizes: number[] = [];
    // each write holds until the test opens the gate (no timer: a loaded machine cannot end a write early)
    let open: () => void = () => {};
    let gate = new Promise<void>((r) => { open = r; });
    const make = (n: number) => coalescer<number, number>(async (xs) => {
      sizes.push(xs.length);
      most = Math.max(most, ++inFlight);
      await gate;
      inFlight--;
      return xs;
    }, { inFlight: n });
    const tick = () => new Promise((r) => setImmediate(r));
    const two = make(2);
    const first = Array.from({ length: 8 }, (_, i) => two.push(i));
    await tick();
    assert.deepEqual(sizes, [8], 'the first write is running');
    // one waits: not enough for a second write beside the first
    const lone = two.push(100);
    await tick();
    await tick();
    assert.equal(most, 1);
    // enough wait: a second write starts while the first is still running
    const more = Array.from({ length: 4 }, (_, i) => two.push(200 + i));
    await tick();
    await tick();
    assert.equal(most, 2);
    open();
    await Promise.all([...first, lone, ...more]);
    assert.deepEqual(sizes, [8, 5]);
    most = 0;
    sizes.length = 0;
    gate = new Promise<void>((r) => { open = r; });
    const one = make(1);
    const held = Array.from({ length: 8 }, (_, i) => one.push(i));
    await tick();
    const late = one.push(9);
    await tick();
    await tick();
    assert.equal(most, 1, 'one write at a time');
    open();
    await Promise.all([...held, late]);
    assert.deepEqual(sizes, [8, 1]);
  });
});
