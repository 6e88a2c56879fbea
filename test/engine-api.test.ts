// The engine through the API: strategies, segments, ticks, cases with their timeline, tasks and simulations.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';

let t: TestApi;
before(async () => { t = await testApi(); });
after(async () => { await t.close(); });

const send = (method: 'POST' | 'PUT', url: string, payload: unknown, key = t.keys.admin) =>
  t.app.inject({ method, url, payload: payload as object, headers: bearer(key) });
const get = (url: string, key = t.keys.admin) => t.app.inject({ method: 'GET', url, headers: bearer(key) });

describe('the engine API', () => {
  let customerId = '';
  let caseId = '';

  it('lists the three default strategies, seeded on first use', async () => {
    const r = await get('/v1/strategies');
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json().data.map((s: { id: string; version: number; active: boolean }) => `${s.id}@${s.version}:${s.active}`),
      ['consumer-early@1:true', 'gentle@1:true', 'smb-default@1:true']);
  });

  it('saves a new version of a strategy and activates it, for managers only', async () => {
    const smb = (await get('/v1/strategies/smb-default')).json().definition;
    const body = { id: 'smb-default', name: 'SMB, tweaked', steps: smb.steps, activate: true };
    assert.equal((await send('POST', '/v1/strategies', body, t.keys.collector)).statusCode, 403);
    const r = await send('POST', '/v1/strategies', body, t.keys.manager);
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual([r.json().version, r.json().active, r.json().name], [2, true, 'SMB, tweaked']);
    const back = await send('POST', '/v1/strategies/smb-default/versions/1/activate', {});
    assert.deepEqual([back.json().version, back.json().active], [1, true]);
    assert.equal((await get('/v1/strategies/smb-default?version=2')).json().active, false);
  });

  it('refuses a strategy whose day steps are out of order, naming the field', async () => {
    const r = await send('POST', '/v1/strategies', { id: 'bad', name: 'Bad', steps: [
      { id: 'a', trigger: { on: 'days', days: 5 }, actions: [{ type: 'task', task: 'call', priority: 'low' }] },
      { id: 'b', trigger: { on: 'days', days: 2 }, actions: [{ type: 'task', task: 'call', priority: 'low' }] }] });
    assert.deepEqual([r.statusCode, r.json().error.field], [400, 'steps.1.trigger.days']);
  });

  it('replaces the ordered segments and refuses one naming an unknown strategy', async () => {
    assert.equal((await get('/v1/segments')).json().data.length, 3);
    const bad = await send('PUT', '/v1/segments', { data: [{ id: 'all', name: 'All', strategyId: 'nope', when: {} }] });
    assert.equal(bad.statusCode, 400);
    const r = await send('PUT', '/v1/segments', { data: [{ id: 'all', name: 'Everyone', strategyId: 'smb-default', when: {} }] });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual((await get('/v1/segments')).json().data.map((s: { id: string }) => s.id), ['all']);
  });

  it('opens a case for a new overdue invoice at once, waiting for the next business day (Sunday, then a holiday in MX)', async () => {
    const c = await send('POST', '/v1/customers', { name: 'Ferretería Sol', email: 'pagos@sol.mx', whatsapp: '+52 55 1234 5678',
      country: 'MX', timezone: 'America/Mexico_City' });
    customerId = c.json().id;
    const i = await send('POST', '/v1/invoices', { customer_id: customerId, number: 'S-1', currency: 'MXN', amount: 90_000,
      issue_date: '2026-02-01', due_date: '2026-03-10' });
    assert.equal(i.statusCode, 201, i.body);
    const list = (await get(`/v1/cases?customer_id=${customerId}`)).json();
    assert.equal(list.data.length, 1);
    caseId = list.data[0].id;
    assert.deepEqual([list.data[0].status, list.data[0].strategy_id, list.data[0].current_step_id, list.data[0].next_action_at],
      ['open', 'smb-default', null, '2026-03-17T06:00:00.000Z']);
    const detail = (await get(`/v1/cases/${caseId}`)).json();
    assert.deepEqual(detail.timeline.map((e: { kind: string }) => e.kind), ['segment_assigned']);
    assert.match(detail.timeline[0].reason, /segment "Everyone" \(rule 1 of 1\)/);
  });

  it('runs a tick for managers and admins, planning what came due', async () => {
    assert.equal((await send('POST', '/v1/ticks', {}, t.keys.collector)).statusCode, 403);
    const dry = await send('POST', '/v1/ticks', { as_of: '2026-03-17T15:00:00Z', dry_run: true }, t.keys.manager);
    assert.deepEqual([dry.json().planned, dry.json().actions[0]?.step_id], [1, 'after-7']);
    const r = await send('POST', '/v1/ticks', { as_of: '2026-03-17T15:00:00Z' }, t.keys.manager);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual([r.json().cases, r.json().planned, r.json().skipped], [1, 1, 3]);
    const timeline = (await get(`/v1/cases/${caseId}`)).json().timeline;
    assert.deepEqual(timeline.map((e: { kind: string; step_id: string | null }) => `${e.kind}:${e.step_id ?? ''}`),
      ['segment_assigned:', 'action_planned:after-7', 'action_skipped:before-3', 'action_skipped:due-day', 'action_skipped:after-3']);
    assert.deepEqual([(await send('POST', '/v1/ticks', { as_of: '2026-03-17T15:00:00Z' })).json().planned], [0]);
    const call = await send('POST', '/v1/ticks', { as_of: '2026-03-25T15:00:00Z' });
    assert.equal(call.json().tasks, 1);
  });

  it('lists the call task and completes it', async () => {
    const tasks = (await get('/v1/tasks?status=open')).json().data;
    assert.deepEqual(tasks.map((x: { kind: string; customer_id: string }) => [x.kind, x.customer_id]), [['call', customerId]]);
    const done = await send('POST', `/v1/tasks/${tasks[0].id}/complete`, { outcome: 'promised to pay Friday' }, t.keys.collector);
    assert.deepEqual([done.statusCode, done.json().status, done.json().outcome], [200, 'done', 'promised to pay Friday']);
    assert.equal((await send('POST', `/v1/tasks/${tasks[0].id}/complete`, {})).json().error.code, 'INVALID_STATE');
  });

  it('simulates without writing anything', async () => {
    const before = (await get(`/v1/cases/${caseId}`)).json().actions.length;
    const r = await send('POST', '/v1/simulations', { from: '2026-03-05', to: '2026-03-31', strategy_id: 'smb-default' });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json().actions.map((a: { date: string; step_id: string }) => `${a.date} ${a.step_id}`),
      ['2026-03-09 before-3', '2026-03-10 due-day', '2026-03-13 after-3', '2026-03-17 after-7', '2026-03-25 after-15']);
    assert.equal(r.json().days.length, 27);
    assert.equal((await get(`/v1/cases/${caseId}`)).json().actions.length, before);
    const bad = await send('POST', '/v1/simulations', { from: '2026-03-05', to: '2026-03-01' });
    assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'to']);
  });

  it('cancels what is planned when a payment clears the balance', async () => {
    await send('POST', '/v1/ticks', { as_of: '2026-04-20T15:00:00Z', sync: false });
    const r = await send('POST', '/v1/payments', { customer_id: customerId, amount: 90_000, currency: 'MXN', date: '2026-03-15' });
    assert.equal(r.statusCode, 201, r.body);
    const detail = (await get(`/v1/cases/${caseId}`)).json();
    assert.equal(detail.status, 'closed');
    assert.ok(detail.actions.every((a: { status: string }) => a.status !== 'planned'));
    assert.equal(detail.timeline.at(-1).kind, 'case_closed');
    assert.equal((await get('/v1/tasks?status=open')).json().data.length, 0);
  });

  it('keeps other orgs out', async () => {
    assert.equal((await get(`/v1/cases/${caseId}`, t.otherKey)).statusCode, 404);
    assert.equal((await get('/v1/cases', t.otherKey)).json().data.length, 0);
  });
});
