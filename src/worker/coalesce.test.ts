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
    const make = (n: number) => coalescer<number, number>(async (xs) => {
      sizes.push(xs.length);
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return xs;
    }, { inFlight: n });
    const two = make(2);
    const first = Array.from({ length: 8 }, (_, i) => two.push(i));
    await new Promise((r) => setImmediate(r));
    // one waits: not enough for a second write beside the first
    const lone = two.push(100);
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(most, 1);
    // enough wait: a second write starts while the first is running
    const more = Array.from({ length: 4 }, (_, i) => two.push(200 + i));
    await Promise.all([...first, lone, ...more]);
    assert.equal(most, 2);
    assert.deepEqual(sizes, [8, 5]);
    most = 0;
    sizes.length = 0;
    const one = make(1);
    await Promise.all(Array.from({ length: 8 }, (_, i) => one.push(i)).concat([new Promise((r) => setImmediate(r)).then(() => one.push(9))]));
    assert.equal(most, 1);
    assert.deepEqual(sizes, [8, 1]);
  });
});
