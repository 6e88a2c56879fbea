// Simulating a draft version of a strategy through the API: the stored inactive version runs in place of the active one,
// per-day counts by channel come back, and nothing is written.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';

let t: TestApi;
before(async () => { t = await testApi(); });
after(async () => { await t.close(); });

const send = (url: string, payload: unknown, key = t.keys.admin) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: bearer(key) });
const get = (url: string, key = t.keys.admin) => t.app.inject({ method: 'GET', url, headers: bearer(key) });

interface Day { date: string; by_step: Record<string, number>; by_channel: Record<string, number> }
interface Sim { days: Day[]; actions: { date: string; step_id: string; channels: string[] }[] }

describe('simulating a draft strategy version', () => {
  it('runs the draft in place of the active version, counting messages per day and channel', async () => {
    const c = await send('/v1/customers', { name: 'Papelería Luna', email: 'pagos@luna.mx', country: 'MX', timezone: 'America/Mexico_City' });
    assert.equal(c.statusCode, 201, c.body);
    const i = await send('/v1/invoices', { customer_id: c.json().id, number: 'L-1', currency: 'MXN', amount: 50_000, issue_date: '2026-02-01', due_date: '2026-03-10' });
    assert.equal(i.statusCode, 201, i.body);
    const smb = (await get('/v1/strategies/smb-default')).json().definition;
    const steps = [...smb.steps];
    steps.splice(4, 0, { id: 'after-10', name: '10 days late', trigger: { on: 'days', days: 10 },
      actions: [{ type: 'send', channels: ['email'], template: 'overdue-nudge', tone: 'firm' }] });
    const draft = await send('/v1/strategies', { id: 'smb-default', name: smb.name, steps });
    assert.equal(draft.statusCode, 201, draft.body);
    assert.deepEqual([draft.json().version, draft.json().active], [2, false]);
    const casesBefore = (await get('/v1/cases')).json().data.length;

    const body = { from: '2026-03-05', to: '2026-03-31', strategy_id: 'smb-default' };
    const active = (await send('/v1/simulations', body)).json() as Sim;
    const r = await send('/v1/simulations', { ...body, version: 2 });
    assert.equal(r.statusCode, 200, r.body);
    const sim = r.json() as Sim;
    assert.ok(!active.actions.some((a) => a.step_id === 'after-10'));
    const added = sim.actions.filter((a) => a.step_id === 'after-10');
    assert.deepEqual(added.map((a) => `${a.date} ${a.channels.join('+')}`), ['2026-03-20 email']);
    const day = sim.days.find((d) => d.date === '2026-03-20')!;
    assert.equal(day.by_step['after-10'], 1);
    assert.ok((day.by_channel.email ?? 0) >= 1, JSON.stringify(day));
    assert.equal((await get('/v1/cases')).json().data.length, casesBefore);
    assert.equal((await get('/v1/strategies/smb-default')).json().version, 1, 'the active version is unchanged');
  });

  it('names the field when the version is missing or has no strategy', async () => {
    const missing = await send('/v1/simulations', { from: '2026-03-05', to: '2026-03-06', strategy_id: 'smb-default', version: 99 });
    assert.deepEqual([missing.statusCode, missing.json().error.field], [404, 'version']);
    const alone = await send('/v1/simulations', { from: '2026-03-05', to: '2026-03-06', version: 1 });
    assert.deepEqual([alone.statusCode, alone.json().error.field], [400, 'version']);
  });
});
