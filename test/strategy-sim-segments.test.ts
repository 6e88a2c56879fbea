// Simulating one strategy (as the strategy editor does) plans only the customers the org's segments put on it, and says
// how many it took and by which segment; `customers: 'all'` still puts everyone on it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';

let t: TestApi;
before(async () => { t = await testApi(); });
after(async () => { await t.close(); });

const send = (method: 'POST' | 'PUT', url: string, payload: unknown) =>
  t.app.inject({ method, url, payload: payload as object, headers: bearer(t.keys.admin) });

interface Sim { strategy_id: string | null; customers: { count: number; by_segment: Record<string, number>; reason: string };
  days: { open_cases: number }[]; actions: { customer: string; strategy_id: string }[] }

const customersOf = (s: Sim) => [...new Set(s.actions.map((a) => a.customer))].sort();

describe('simulating one strategy over its segments\' customers', () => {
  it('plans strategy A only for the customers the segments send to A', async () => {
    for (const [name, tags, number] of [['Ferretería Sol', ['vip'], 'S-1'], ['Taller Norte', [], 'N-1']] as const) {
      const c = await send('POST', '/v1/customers', { name, email: `${number}@example.mx`, country: 'MX', timezone: 'America/Mexico_City', tags });
      assert.equal(c.statusCode, 201, c.body);
      const i = await send('POST', '/v1/invoices', { customer_id: c.json().id, number, currency: 'MXN', amount: 80_000, issue_date: '2026-02-01', due_date: '2026-03-10' });
      assert.equal(i.statusCode, 201, i.body);
    }
    const seg = await send('PUT', '/v1/segments', { data: [
      { id: 'vip', name: 'VIP', strategyId: 'gentle', when: { tagsAny: ['vip'] } },
      { id: 'rest', name: 'Everyone else', strategyId: 'smb-default', when: {} }] });
    assert.equal(seg.statusCode, 200, seg.body);
    const body = { from: '2026-03-05', to: '2026-04-03' };

    const smb = (await send('POST', '/v1/simulations', { ...body, strategy_id: 'smb-default' })).json() as Sim;
    assert.deepEqual(customersOf(smb), ['Taller Norte']);
    assert.deepEqual([smb.strategy_id, smb.customers.count, smb.customers.by_segment], ['smb-default', 1, { rest: 1 }]);
    assert.match(smb.customers.reason, /"Everyone else" \(rule 2 of 2\)/);
    assert.ok(smb.days.every((d) => d.open_cases <= 1), JSON.stringify(smb.days.map((d) => d.open_cases)));

    const gentle = (await send('POST', '/v1/simulations', { ...body, strategy_id: 'gentle' })).json() as Sim;
    assert.deepEqual(customersOf(gentle), ['Ferretería Sol']);
    assert.deepEqual([gentle.customers.count, gentle.customers.by_segment], [1, { vip: 1 }]);
    assert.ok(gentle.actions.every((a) => a.strategy_id === 'gentle'));

    const everyone = (await send('POST', '/v1/simulations', { ...body, strategy_id: 'smb-default', customers: 'all' })).json() as Sim;
    assert.deepEqual(customersOf(everyone), ['Ferretería Sol', 'Taller Norte']);
    assert.deepEqual([everyone.customers.count, everyone.customers.by_segment], [2, {}]);

    const org = (await send('POST', '/v1/simulations', body)).json() as Sim;
    assert.deepEqual([org.strategy_id, org.customers.count, org.customers.by_segment], [null, 2, { rest: 1, vip: 1 }]);
  });

  it('takes no customer when no segment sends any to the strategy', async () => {
    const r = await send('POST', '/v1/simulations', { from: '2026-03-05', to: '2026-03-31', strategy_id: 'consumer-early' });
    assert.equal(r.statusCode, 200, r.body);
    const sim = r.json() as Sim;
    assert.deepEqual([sim.customers.count, sim.actions.length], [0, 0]);
    assert.match(sim.customers.reason, /no segment sends customers to consumer-early/);
  });
});
