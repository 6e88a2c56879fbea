// The mailbox connection slots: at most the cap taken, the ones over it served first come first, a wait given up on
// abort, and the loop told when a visit starts waiting with every slot taken.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { slots } from './slots.ts';

describe('mailbox connection slots', () => {
  it('gives at most the cap at once and serves the ones waiting first come, first served', async () => {
    let full = 0;
    const pool = slots(2, () => { full++; });
    const live = new AbortController().signal;
    const a = (await pool.take(live))!;
    const b = (await pool.take(live))!;
    const order: string[] = [];
    const c = pool.take(live).then((give) => { order.push('c'); return give!; });
    const d = pool.take(live).then((give) => { order.push('d'); return give!; });
    assert.deepEqual([pool.taken(), pool.waiting(), full], [2, 2, 2]);
    b();
    b(); // given back twice: counted once
    const giveC = await c;
    assert.deepEqual([order, pool.taken(), pool.waiting()], [['c'], 2, 1]);
    a();
    (await d)();
    giveC();
    assert.deepEqual([order, pool.taken(), pool.waiting()], [['c', 'd'], 0, 0]);
  });

  it('gives up a wait when its signal aborts, and refuses a cap below one', async () => {
    const pool = slots(1, () => undefined);
    const give = (await pool.take(new AbortController().signal))!;
    const stop = new AbortController();
    const waiting = pool.take(stop.signal);
    stop.abort();
    assert.equal(await waiting, null);
    assert.equal(pool.waiting(), 0);
    assert.equal(await pool.take(stop.signal), null);
    give();
    assert.equal(pool.taken(), 0);
    assert.throws(() => slots(0, () => undefined), /at least 1/);
  });
});
