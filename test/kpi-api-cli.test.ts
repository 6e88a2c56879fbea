// `GET /v1/kpi` on the hand-worked portfolio of test/kpi.test.ts (on either database); `cobro kpi` on the same portfolio is
// test/kpi-cli.test.ts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { seedKpiPortfolio } from './support/kpi-portfolio.ts';

describe('GET /v1/kpi', () => {
  let api: TestApi;
  before(async () => { api = await testApi(); await seedKpiPortfolio(api.db, api.org); });
  after(async () => { await api.close(); });

  it('answers the figures of a period to any role, refuses a bad query naming the field, and shows nothing of another org', async () => {
    const get = (query: string, key = api.keys.viewer) => api.app.inject({ method: 'GET', url: `/v1/kpi?${query}`, headers: bearer(key) });
    const res = await get('from=2026-03-01&to=2026-03-31&currency=usd&attribution_days=7');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    // USD: DSO 272,500 / 202,500 x 31 = 41.72; CEI 90,000 / 162,500 = 55.38%; promises in USD: 1 kept of 2 judged
    assert.deepEqual([body.receivables.length, body.receivables[0].dso, body.receivables[0].cei, body.promises.kept_rate], [1, 41.72, 55.38, 0.5]);
    // A's 30,000 of 10 March: last touch the SMS of 9 March; shared with the email of 8 March, 15,000 each
    const email = body.recovery.by_channel.find((x: { channel: string }) => x.channel === 'email');
    assert.deepEqual([email.recovered, email.recovered_linear], [[], [{ currency: 'USD', amount: 15_000, payments: 1 }]]);
    const bad = await get('from=2026-03-31&to=2026-03-01');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'querystring.to');
    assert.equal((await get('from=2026-03-01&to=2026-02-30')).statusCode, 400);
    const other = (await get('from=2026-03-01&to=2026-03-31', api.otherKey)).json();
    assert.deepEqual([other.receivables, other.contacts.accounts_attempted, other.promises.promises], [[], 0, 0]);
  });

  it('computes recovery and cost by channel alone when asked (the dashboard\'s call), every other figure the same', async () => {
    const get = async (query: string) => {
      const r = await api.app.inject({ method: 'GET', url: `/v1/kpi?${query}`, headers: bearer(api.keys.viewer) });
      assert.equal(r.statusCode, 200, r.body);
      return r.json();
    };
    const full = await get('from=2026-03-01&to=2026-03-31&attribution_days=7');
    assert.ok(full.recovery.by_channel.length > 0 && full.recovery.by_step.length > 0 && full.recovery.by_template.length > 0, 'the portfolio has breakdowns');
    const channel = await get('from=2026-03-01&to=2026-03-31&attribution_days=7&breakdowns=channel');
    assert.deepEqual([channel.recovery.by_step, channel.recovery.by_template], [[], []]);
    assert.deepEqual({ ...channel, recovery: { ...channel.recovery, by_step: full.recovery.by_step, by_template: full.recovery.by_template } }, full);
    const bad = await api.app.inject({ method: 'GET', url: '/v1/kpi?from=2026-03-01&to=2026-03-31&breakdowns=step', headers: bearer(api.keys.viewer) });
    assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'querystring.breakdowns']);
  });
});
