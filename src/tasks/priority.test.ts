// The worklist's order: the expected value of acting, compared in collector minutes across currencies, days past due
// standing in for a missing score, callbacks waiting for their time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { amountRanks, rankWorklist, type RankInput } from './priority.ts';
import { DEFAULT_PRIORITY_SETTINGS as S, mergeSettings } from './value.ts';

const now = new Date('2026-03-16T15:00:00Z');
const anItem = (o: Partial<RankInput> & { id: string }): RankInput => ({
  priority: 'normal', action: 'call', dueAt: null, overdue: { currency: 'MXN', amount: 100_000, invoices: 1 }, fallbackCurrency: 'USD',
  daysPastDue: 30, risk: null, ...o,
});
const risk = (recovery: number, probabilityLate = 1, reason: string | null = null) => ({ probabilityLate, recovery, reason });

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

  it('puts the larger expected value first, not the larger balance, and spells the value out in the reason', () => {
    const out = rankWorklist([
      // 900.00 the score expects to come in at 95%: 90,000 × 0.1 × 0.05 = 450, less 300 = 150
      anItem({ id: 'big-safe', overdue: { currency: 'USD', amount: 90_000, invoices: 3 }, risk: risk(0.95, 1, 'already 40 days past due') }),
      // 400.00 expected at 20%, negotiated: 40,000 × 0.25 × 0.8 = 8,000, less 15 × 50 = 750: 7,250
      anItem({ id: 'small-risky', action: 'negotiate', overdue: { currency: 'USD', amount: 40_000, invoices: 1 }, risk: risk(0.2) }),
    ], S, now);
    assert.deepEqual(out.map((x) => [x.id, x.value.expected_value, x.score]), [['small-risky', 7_250, 100], ['big-safe', 150, 2]]);
    assert.equal(out[1]!.basis, 'score');
    assert.match(out[1]!.reason, /900\.00 USD past due on 3 invoices.*1st largest of 2 USD balances.*100% likely to pay late \(already 40 days past due\)/);
    assert.match(out[0]!.reason, /value of negotiating: 400\.00 USD × 20\.0 points more recovery \(20\.0% without it, from the latest score, 40\.0% with it: a lift of 25\.0% of the rest\) = 80\.00, less 15 minutes at 0\.50 = 7\.50: 72\.50 USD expected/);
  });

  it('compares currencies by the value in collector minutes', () => {
    const out = rankWorklist([
      // 7,500 USD cents × 0.1 × 0.2 = 150 - 300 = -150 cents: -3 minutes
      anItem({ id: 'usd', overdue: { currency: 'USD', amount: 7_500, invoices: 1 }, risk: risk(0.8) }),
      // 200,000 CLP × 0.1 × 0.2 = 4,000 - 900 = 3,100 pesos: 20.7 minutes
      anItem({ id: 'clp', overdue: { currency: 'CLP', amount: 200_000, invoices: 1 }, risk: risk(0.8) }),
      // no minute cost in ARS: after every priced task, whatever its value
      anItem({ id: 'ars', overdue: { currency: 'ARS', amount: 9e9, invoices: 1 }, risk: risk(0.5) }),
    ], S, now);
    assert.deepEqual(out.map((x) => [x.id, x.value.in_minutes]), [['clp', 20.7], ['usd', -3], ['ars', null]]);
    assert.match(out[2]!.reason, /less 6 minutes at no known cost in ARS \(counted as 0: set minute_cost\.ARS\)/);
    assert.deepEqual(out.map((x) => x.score), [100, 0, 100]);
  });

  it('follows the org\'s lift factors', () => {
    const items = [anItem({ id: 'call', overdue: { currency: 'USD', amount: 100_000, invoices: 1 }, risk: risk(0.5) }),
      anItem({ id: 'review', action: 'review', overdue: { currency: 'USD', amount: 100_000, invoices: 1 }, risk: risk(0.5) })];
    assert.deepEqual(rankWorklist(items, S, now).map((x) => x.id), ['call', 'review']);
    assert.deepEqual(rankWorklist(items, mergeSettings({ lift: { review: 0.5 } }), now).map((x) => x.id), ['review', 'call']);
  });

  it('takes recovery from days past due in place of a missing score and says so', () => {
    const out = rankWorklist([anItem({ id: 'recent', daysPastDue: 5 }), anItem({ id: 'old', daysPastDue: 200 })], S, now);
    assert.deepEqual(out.map((x) => x.id), ['old', 'recent']);
    assert.ok(out.every((x) => x.basis === 'balance_and_days' && x.value.source === 'days_past_due'));
    assert.match(out[1]!.reason, /no risk score yet: ranked by balance and days past due; value of a call: .*without it, by days past due/);
  });

  it('lets an urgent task pass an equal one, and keeps a callback whose time has not come at the end, by its time', () => {
    const out = rankWorklist([
      anItem({ id: 'later-callback', dueAt: new Date('2026-03-16T18:00:00Z'), daysPastDue: 300, overdue: { currency: 'MXN', amount: 9e9, invoices: 1 } }),
      anItem({ id: 'sooner-callback', dueAt: new Date('2026-03-16T16:00:00Z') }),
      anItem({ id: 'normal' }), anItem({ id: 'urgent', priority: 'urgent' }),
      anItem({ id: 'callback-come', dueAt: new Date('2026-03-16T14:00:00Z'), priority: 'low', overdue: { currency: 'MXN', amount: 99_000, invoices: 1 } }),
    ], S, now);
    assert.deepEqual(out.map((x) => x.id), ['urgent', 'normal', 'callback-come', 'sooner-callback', 'later-callback']);
    assert.match(out[3]!.reason, /^callback set for 2026-03-16T16:00:00.000Z/);
    assert.match(out[2]!.reason, /^callback due since 2026-03-16T14:00:00.000Z/);
  });

  it('says when nothing is past due yet, and counts the cost in the org\'s currency', () => {
    const [only] = rankWorklist([anItem({ id: 'x', overdue: null, daysPastDue: 0 })], S, now);
    assert.match(only!.reason, /nothing past due yet/);
    assert.deepEqual([only!.value.currency, only!.value.expected_value, only!.score], ['USD', -300, 0]);
  });
});
