// A simulation from today starts from the org's open cases: a customer whose case sits on a strategy keeps it (as the tick
// does) even when today's segments would send it elsewhere, and what the case has done already is not planned again;
// `open_cases: false` (and every run over past days) assigns each customer afresh by the segments. A send the tick planned
// and the dispatcher has not sent is counted once, on its day; a pending promise holds the case until its date + grace,
// and the run (knowing no later payment) then breaks it, as the worker would, so the strategy's broken-promise step fires.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { addDays } from '../src/domain/index.ts';

let t: TestApi;
let now = new Date('2026-03-08T15:00:00Z');
before(async () => { t = await testApi(() => now); });
after(async () => { await t.close(); });

const send = (method: 'POST' | 'PUT', url: string, payload: unknown) =>
  t.app.inject({ method, url, payload: payload as object, headers: bearer(t.keys.admin) });

interface Sim {
  customers: { count: number; by_segment: Record<string, number>; reason: string };
  actions: { date: string; customer: string; customer_id: string; step_id: string; strategy_id: string; planned_before?: boolean }[];
}
const customersOf = (s: Sim) => [...new Set(s.actions.map((a) => a.customer))].sort();
const simulate = async (body: Record<string, unknown>) => {
  const r = await send('POST', '/v1/simulations', { from: '2026-03-09', to: '2026-04-07', ...body });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as Sim;
};

describe('a simulation from today\'s open cases', () => {
  it('keeps a customer on the strategy its open case sits on, and plans nothing the case has done', async () => {
    const ids: Record<string, string> = {};
    const customer = async (name: string, number: string) => {
      const c = await send('POST', '/v1/customers', { name, email: `${number}@example.mx`, country: 'MX', timezone: 'America/Mexico_City' });
      assert.equal(c.statusCode, 201, c.body);
      ids[name] = c.json().id;
      const i = await send('POST', '/v1/invoices', { customer_id: c.json().id, number, currency: 'MXN', amount: 80_000, issue_date: '2026-02-01', due_date: '2026-03-07' });
      assert.equal(i.statusCode, 201, i.body);
    };
    const everyoneTo = (strategyId: string) => send('PUT', '/v1/segments', { data: [{ id: strategyId === 'gentle' ? 'vip' : 'rest', name: 'Everyone', strategyId, when: {} }] });
    // Sol's case opens on gentle; then the rules send everyone to smb-default, and Norte's case opens there
    assert.equal((await everyoneTo('gentle')).statusCode, 200);
    await customer('Ferretería Sol', 'S-1');
    assert.equal((await everyoneTo('smb-default')).statusCode, 200);
    await customer('Taller Norte', 'N-1');
    now = new Date('2026-03-09T15:00:00Z'); // the next day: the cases' first steps are due
    const tick = await send('POST', '/v1/ticks', {});
    assert.equal(tick.statusCode, 200, tick.body);
    const cases = await t.db.query<{ id: string; customer_id: string; strategy_id: string }>(
      `SELECT id, customer_id, strategy_id FROM cases WHERE org_id = $1 AND status = 'open'`, [t.org]);
    const sol = cases.find((c) => c.customer_id === ids['Ferretería Sol'])!;
    assert.deepEqual(Object.fromEntries(cases.map((c) => [c.customer_id, c.strategy_id])),
      { [ids['Ferretería Sol']!]: 'gentle', [ids['Taller Norte']!]: 'smb-default' });

    const smb = await simulate({ strategy_id: 'smb-default' });
    assert.deepEqual(customersOf(smb), ['Taller Norte'], 'Sol\'s open case stays on gentle');
    assert.deepEqual([smb.customers.count, smb.customers.by_segment], [1, { rest: 1 }]);
    assert.match(smb.customers.reason, /the 2 open cases keep their strategy/);
    const gentle = await simulate({ strategy_id: 'gentle' });
    assert.deepEqual([customersOf(gentle), gentle.customers.by_segment], [['Ferretería Sol'], { vip: 1 }], 'by the segment that put it there');

    // Sol's case: the gentle steps the tick planned already are not planned again
    const done = (await t.db.query<{ step_id: string }>(`SELECT step_id FROM actions WHERE case_id = $1`, [sol.id])).map((a) => a.step_id);
    assert.ok(done.length > 0, 'the tick planned a step for Sol already');
    // planned by the tick and still in the outbox: counted once, on its day, as planned before the run; never planned again
    assert.deepEqual(gentle.actions.filter((a) => done.includes(a.step_id)).map((a) => [a.step_id, a.date, a.planned_before]),
      done.map((step) => [step, '2026-03-09', true]), 'a step the case has planned already is sent once, not planned again');
    assert.ok(gentle.actions.some((a) => a.step_id === 'after-7'), 'the case goes on to its next step');

    // assigned afresh: both customers on smb-default by today's segments, and the steps already done planned again
    const afresh = await simulate({ strategy_id: 'smb-default', open_cases: false });
    assert.deepEqual(customersOf(afresh), ['Ferretería Sol', 'Taller Norte']);
    assert.doesNotMatch(afresh.customers.reason, /open cases/);
    // a run over past days starts with no cases, whatever is open today
    const past = await send('POST', '/v1/simulations', { from: '2026-03-01', to: '2026-03-31', strategy_id: 'smb-default' });
    assert.deepEqual(customersOf(past.json() as Sim), ['Ferretería Sol', 'Taller Norte']);
  });

  it('holds a case with a pending promise until its date + grace, then plays the broken-promise step', async () => {
    const c = await send('POST', '/v1/customers', { name: 'Papelería Luna', email: 'luna@example.mx', country: 'MX', timezone: 'America/Mexico_City' });
    assert.equal(c.statusCode, 201, c.body);
    const luna = c.json().id as string;
    const i = await send('POST', '/v1/invoices', { customer_id: luna, number: 'L-1', currency: 'MXN', amount: 90_000, issue_date: '2026-02-01', due_date: '2026-03-02' });
    assert.equal(i.statusCode, 201, i.body);
    assert.equal((await send('POST', '/v1/ticks', {})).statusCode, 200);
    const p = await send('POST', '/v1/promises', { customer_id: luna, amount: 90_000, currency: 'MXN', due_date: '2026-03-18' });
    assert.equal(p.statusCode, 201, p.body);
    const lastDay = addDays('2026-03-18', (p.json() as { grace_days: number }).grace_days);
    const run = await simulate({ strategy_id: 'smb-default' });
    const mine = run.actions.filter((a) => a.customer_id === luna && !a.planned_before);
    assert.deepEqual(mine.filter((a) => a.date <= lastDay).map((a) => `${a.date} ${a.step_id}`), [], 'nothing while the promise stands');
    // (a weekday: the step is not moved to a business day)
    assert.deepEqual(mine.filter((a) => a.step_id === 'promise-broken').map((a) => a.date), [addDays(lastDay, 1)], 'broken the day after date + grace');
    // without the promise's facts the run would have gone on with the steps: the same run from a past day (no cases, no facts) does
    const past = await send('POST', '/v1/simulations', { from: '2026-03-01', to: '2026-03-31', strategy_id: 'smb-default' });
    const before = (past.json() as Sim).actions.filter((a) => a.customer_id === luna);
    assert.ok(before.some((a) => a.date > '2026-03-09' && a.date <= lastDay), 'steps fall inside the promise when nothing holds the case');
  });
});
