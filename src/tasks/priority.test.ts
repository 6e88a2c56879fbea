// The worklist's order: amount and risk, days past due standing in for a missing score, callbacks waiting for their time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { amountRanks, rankWorklist, type RankInput } from './priority.ts';

const now = new Date('2026-03-16T15:00:00Z');
const anItem = (o: Partial<RankInput> & { id: string }): RankInput => ({
  priority: 'normal', dueAt: null, overdue: { currency: 'MXN', amount: 100_000, invoices: 1 }, daysPastDue: 30, risk: null, ...o,
});

describe('the worklist order', () => {
  it('ranks balances within their own currency, the largest first', () => {
    const r = amountRanks([anItem({ id: 'a', overdue: { currency: 'MXN', amount: 5_000, invoices: 1 } }),
      anItem({ id: 'b', overdue: { currency: 'MXN', amount: 9_000, invoices: 2 } }),
      anItem({ id: 'c', overdue: { currency: 'CLP', amount: 10, invoices: 1 } }), anItem({ id: 'd', overdue: null })]);
    assert.deepEqual(r.get('b'), { share: 1, position: 1, of: 2 });
    assert.deepEqual(r.get('a'), { share: 0.5, position: 2, of: 2 });
    assert.deepEqual(r.get('c'), { share: 1, position: 1, of: 1 });
    assert.deepEqual(r.get('d'), { share: 0, position: 0, of: 0 });
  });

  it('puts a larger, riskier balance first when scores exist, and says the probability in the reason', () => {
    const out = rankWorklist([
      anItem({ id: 'small-safe', overdue: { currency: 'USD', amount: 10_000, invoices: 1 }, risk: { probabilityLate: 0.1, reason: null } }),
      anItem({ id: 'big-risky', overdue: { currency: 'USD', amount: 90_000, invoices: 3 }, risk: { probabilityLate: 0.8, reason: 'paid late before' } }),
    ], now);
    assert.deepEqual(out.map((x) => x.id), ['big-risky', 'small-safe']);
    assert.equal(out[0]!.basis, 'score');
    assert.equal(out[0]!.score, Math.round(100 * (0.45 * 1 + 0.45 * 0.8 + 0.1 / 3)));
    assert.match(out[0]!.reason, /900\.00 USD past due on 3 invoices.*1st largest of 2 USD balances.*80% likely to pay late \(paid late before\)/);
  });

  it('uses days past due in place of a missing score and says so', () => {
    const out = rankWorklist([
      anItem({ id: 'recent', daysPastDue: 5 }), anItem({ id: 'old', daysPastDue: 200 }),
    ], now);
    assert.deepEqual(out.map((x) => x.id), ['old', 'recent']);
    assert.equal(out[0]!.risk, 1);
    assert.ok(out.every((x) => x.basis === 'balance_and_days'));
    assert.match(out[1]!.reason, /no risk score yet: ranked by balance and days past due/);
  });

  it('lets an urgent task pass an equal one, and keeps a callback whose time has not come at the end, by its time', () => {
    const out = rankWorklist([
      anItem({ id: 'later-callback', dueAt: new Date('2026-03-16T18:00:00Z'), daysPastDue: 300, overdue: { currency: 'MXN', amount: 9e9, invoices: 1 } }),
      anItem({ id: 'sooner-callback', dueAt: new Date('2026-03-16T16:00:00Z') }),
      anItem({ id: 'normal' }), anItem({ id: 'urgent', priority: 'urgent' }),
      anItem({ id: 'callback-come', dueAt: new Date('2026-03-16T14:00:00Z'), priority: 'low' }),
    ], now);
    assert.deepEqual(out.map((x) => x.id), ['urgent', 'normal', 'callback-come', 'sooner-callback', 'later-callback']);
    assert.match(out[3]!.reason, /^callback set for 2026-03-16T16:00:00.000Z/);
    assert.match(out[2]!.reason, /^callback due since 2026-03-16T14:00:00.000Z/);
  });

  it('says when nothing is past due yet', () => {
    const [only] = rankWorklist([anItem({ id: 'x', overdue: null, daysPastDue: 0 })], now);
    assert.match(only!.reason, /nothing past due yet/);
    assert.equal(only!.score, Math.round(100 * 0.1 / 3));
  });
});
