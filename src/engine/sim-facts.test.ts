import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NO_FACTS, type StoredFacts } from './case-rows.ts';
import { factsOnDay } from './sim-facts.ts';

const promise = { id: 'prm_1', amount: 50_000, currency: 'MXN', due_date: '2026-03-18', grace_days: 2, status: 'pending', at: '2026-03-09T15:00:00Z' };
const plan = { id: 'pln_1', currency: 'MXN', status: 'active', paid: 30_000, grace_days: 3, broken_seq: null,
  instalments: [[0, '2026-03-10', 30_000], [1, '2026-04-10', 30_000], [2, '2026-05-10', 30_000]] as [number, string, number][] };
const facts = (over: Partial<StoredFacts>): StoredFacts => ({ ...NO_FACTS, brokenPromises: 1, ...over });

describe('an open case\'s facts on a later day of a simulation (no payment after today)', () => {
  it('keeps a pending promise through its date + grace and breaks it the day after, counting it once', () => {
    const start = facts({ promise });
    assert.equal(factsOnDay(start, '2026-03-20'), start, 'the last day of grace: unchanged');
    const broken = factsOnDay(start, '2026-03-21');
    assert.deepEqual([broken.promise?.status, broken.brokenPromises], ['broken', 2]);
    assert.deepEqual([factsOnDay(start, '2026-04-30').brokenPromises, start.promise?.status], [2, 'pending'], 'counted once; the start is not changed');
    const kept = facts({ promise: { ...promise, status: 'kept' } });
    assert.equal(factsOnDay(kept, '2026-04-30'), kept);
  });

  it('breaks an active plan at the first instalment unpaid after its date + grace, and drops one paid in full', () => {
    const start = facts({ plan });
    assert.equal(factsOnDay(start, '2026-04-13'), start, 'the down payment is paid; the next one is in its grace');
    assert.deepEqual([factsOnDay(start, '2026-04-14').plan?.status, factsOnDay(start, '2026-04-14').plan?.broken_seq], ['broken', 1]);
    assert.equal(factsOnDay(facts({ plan: { ...plan, paid: 90_000 } }), '2026-06-01').plan, null, 'all paid: completed, no longer a fact');
    const broken = facts({ plan: { ...plan, status: 'broken', broken_seq: 1 } });
    assert.equal(factsOnDay(broken, '2026-06-01'), broken, 'a plan broken already stays as stored');
  });
});
