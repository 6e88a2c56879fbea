// A simulation gives each customer the risk band the tick reads (the latest score run's, none when not scored), so a
// segment or step with a riskBand condition is simulated as the tick runs it, and the run says how many customers had each
// band. The same portfolio ticked day by day plans the same actions as the run.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';

let t: TestApi;
let now = new Date('2026-03-09T15:00:00Z'); // Monday, 09:00 in Mexico City
before(async () => { t = await testApi(() => now); });
after(async () => { await t.close(); });

const send = (method: 'POST' | 'PUT', url: string, payload: unknown) =>
  t.app.inject({ method, url, payload: payload as object, headers: bearer(t.keys.admin) });

interface Sim {
  customers: { count: number; by_segment: Record<string, number>; by_band: Record<string, number>; bands_as_of: string | null; reason: string };
  actions: { date: string; customer_id: string; step_id: string; planned_before?: boolean }[];
}
const simulate = async (more: Record<string, unknown> = {}) => {
  const r = await send('POST', '/v1/simulations', { from: '2026-03-09', to: '2026-03-13', strategy_id: 'by-risk', ...more });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as Sim;
};
const planned = (list: { date: string; customer_id: string; step_id: string }[]) => list.map((a) => `${a.date} ${a.customer_id} ${a.step_id}`).sort();

describe('risk bands in a simulation', () => {
  it('plans a high-risk step for exactly the customers scored high, as the tick does', async () => {
    const steps = [
      { id: 'after-1', name: '1 day late', trigger: { on: 'days', days: 1 },
        actions: [{ type: 'send', channels: ['email'], template: 'gentle-reminder', tone: 'friendly' }] },
      { id: 'high-review', name: 'High risk: review', trigger: { on: 'days', days: 2 }, condition: { riskBand: ['high'] },
        actions: [{ type: 'task', task: 'review', priority: 'high' }] },
    ];
    const s = await send('POST', '/v1/strategies', { id: 'by-risk', name: 'By risk', steps });
    assert.equal(s.statusCode, 201, s.body);
    const seg = await send('PUT', '/v1/segments', { data: [
      { id: 'risky', name: 'Medium or high risk', strategyId: 'by-risk', when: { riskBand: ['medium', 'high'] } },
      { id: 'rest', name: 'Everyone else', strategyId: 'by-risk', when: {} },
    ] });
    assert.equal(seg.statusCode, 200, seg.body);
    const ids: Record<string, string> = {};
    for (const name of ['Alto Uno', 'Alto Dos', 'Medio', 'Bajo', 'Sin puntaje']) {
      const c = await send('POST', '/v1/customers', { name, email: `${name.replace(' ', '.')}@example.mx`, country: 'MX', timezone: 'America/Mexico_City' });
      assert.equal(c.statusCode, 201, c.body);
      ids[name] = c.json().id;
      const i = await send('POST', '/v1/invoices', { customer_id: ids[name], number: `R-${name}`, currency: 'MXN', amount: 40_000, issue_date: '2026-02-01', due_date: '2026-03-09' });
      assert.equal(i.statusCode, 201, i.body);
    }

    const unscored = await simulate();
    assert.deepEqual([unscored.customers.by_band, unscored.customers.bands_as_of], [{ none: 5 }, null]);
    assert.match(unscored.customers.reason, /no customer has a risk score/);
    assert.deepEqual(unscored.actions.filter((a) => a.step_id === 'high-review'), [], 'no band: the condition holds for no one');

    // what a score run stores (src/scoring/bands.ts), and what the tick reads
    const bands: [string, string, number][] = [['Alto Uno', 'high', 0.81], ['Alto Dos', 'high', 0.64], ['Medio', 'medium', 0.4], ['Bajo', 'low', 0.1]];
    for (const [name, band, p] of bands) {
      await t.db.query(`INSERT INTO customer_risk (org_id, customer_id, run_id, as_of, probability_late, band) VALUES ($1, $2, 'scr_test', '2026-03-08', $3, $4)`,
        [t.org, ids[name], p, band]);
    }
    const sim = await simulate();
    assert.deepEqual(sim.customers.by_band, { high: 2, medium: 1, low: 1, none: 1 });
    // the cases opened with their invoices, before any score, on "rest": they keep it, as in the tick
    assert.deepEqual([sim.customers.bands_as_of, sim.customers.by_segment], ['2026-03-08', { rest: 5 }]);
    const afresh = await simulate({ open_cases: false });
    assert.deepEqual(afresh.customers.by_segment, { risky: 3, rest: 2 }, 'assigned afresh, the segment on medium or high takes three');
    assert.match(sim.customers.reason, /risk bands from the score run of 2026-03-08/);
    assert.deepEqual(sim.actions.filter((a) => a.step_id === 'high-review').map((a) => a.customer_id).sort(),
      [ids['Alto Uno'], ids['Alto Dos']].sort(), 'the high-risk step for the high-band customers only');
    assert.equal(sim.actions.filter((a) => a.step_id === 'after-1').length, 5);

    // the tick, day by day over the same days, plans the same
    for (const day of ['09', '10', '11', '12', '13']) {
      now = new Date(`2026-03-${day}T15:00:00Z`);
      const r = await send('POST', '/v1/ticks', {});
      assert.equal(r.statusCode, 200, r.body);
    }
    const ticked = await t.db.query<{ date: string; customer_id: string; step_id: string }>(
      `SELECT scheduled_for::text AS date, customer_id, step_id FROM actions WHERE org_id = $1 AND status IN ('planned', 'sent')`, [t.org]);
    assert.ok(ticked.some((a) => a.step_id === 'high-review'), 'the tick planned the high-risk step');
    assert.deepEqual(planned(ticked), planned(sim.actions));
    const segments = await t.db.query<{ customer_id: string; segment_id: string }>('SELECT customer_id, segment_id FROM cases WHERE org_id = $1', [t.org]);
    assert.deepEqual([segments.length, new Set(segments.map((c) => c.segment_id))], [5, new Set(['rest'])], 'the segments the run counted');
  });
});
