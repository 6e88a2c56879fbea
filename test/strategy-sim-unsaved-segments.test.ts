// Simulating unsaved segments (the strategy editor's "Simulate 30 days" while the segments have edits): POST /v1/simulations
// with a `segments` list assigns customers by that list for the run only, stores nothing, and refuses a bad list as
// PUT /v1/segments does, naming the segment and its field.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { ApiError } from '../web/src/app/api.ts';
import { segmentFieldError } from '../web/src/strategies/fieldError.ts';

let t: TestApi;
before(async () => { t = await testApi(); });
after(async () => { await t.close(); });

const send = (method: 'POST' | 'PUT', url: string, payload: unknown, key = t.keys.admin) =>
  t.app.inject({ method, url, payload: payload as object, headers: bearer(key) });
const seg = (id: string, strategyId: string, when: Record<string, unknown> = {}) => ({ id, name: id, strategyId, when });

interface Sim { customers: { count: number; by_segment: Record<string, number>; reason: string }; actions: { customer: string; strategy_id: string }[] }
const customersOf = (s: Sim) => [...new Set(s.actions.map((a) => a.customer))].sort();
const stored = async () => (await t.app.inject({ url: '/v1/segments', headers: bearer(t.keys.admin) })).json().data as { id: string; strategyId: string }[];

const body = { from: '2026-03-05', to: '2026-04-03', open_cases: false };
const saved = [seg('rest', 'smb-default')];
const unsaved = [seg('vip', 'gentle', { tagsAny: ['vip'] }), seg('rest', 'smb-default')];

describe('simulating segments that are not saved', () => {
  before(async () => {
    for (const [name, tags, number] of [['Ferretería Sol', ['vip'], 'S-1'], ['Taller Norte', [], 'N-1']] as const) {
      const c = await send('POST', '/v1/customers', { name, email: `${number}@example.mx`, country: 'MX', timezone: 'America/Mexico_City', tags });
      assert.equal(c.statusCode, 201, c.body);
      const i = await send('POST', '/v1/invoices', { customer_id: c.json().id, number, currency: 'MXN', amount: 80_000, issue_date: '2026-02-01', due_date: '2026-03-10' });
      assert.equal(i.statusCode, 201, i.body);
    }
    const r = await send('PUT', '/v1/segments', { data: saved });
    assert.equal(r.statusCode, 200, r.body);
  });

  it('puts customers where the unsaved list says, for that run only, and stores nothing', async () => {
    const before = await stored();
    const asStored = (await send('POST', '/v1/simulations', { ...body, strategy_id: 'gentle' })).json() as Sim;
    assert.deepEqual([asStored.customers.count, asStored.actions.length], [0, 0], 'the stored segments send nobody to gentle');

    const r = await send('POST', '/v1/simulations', { ...body, strategy_id: 'gentle', segments: unsaved }, t.keys.manager);
    assert.equal(r.statusCode, 200, r.body);
    const gentle = r.json() as Sim;
    assert.deepEqual(customersOf(gentle), ['Ferretería Sol']);
    assert.deepEqual([gentle.customers.count, gentle.customers.by_segment], [1, { vip: 1 }]);
    assert.ok(gentle.actions.every((a) => a.strategy_id === 'gentle'));
    assert.match(gentle.customers.reason, /segments given \(not saved\).*"vip" \(rule 1 of 2\)/);

    const org = (await send('POST', '/v1/simulations', { ...body, segments: unsaved })).json() as Sim;
    assert.deepEqual([org.customers.count, org.customers.by_segment], [2, { rest: 1, vip: 1 }]);

    assert.deepEqual(await stored(), before, 'the stored segments are as they were');
    const again = (await send('POST', '/v1/simulations', { ...body, strategy_id: 'gentle' })).json() as Sim;
    assert.equal(again.customers.count, 0, 'the next run without a list uses the stored segments again');
  });

  it('refuses a bad list as PUT /v1/segments does, naming the segment and the field', async () => {
    const refusal = async (segments: unknown[]) => {
      const r = await send('POST', '/v1/simulations', { ...body, segments });
      assert.equal(r.statusCode, 400, r.body);
      const e = r.json().error as { code: string; message: string; field?: string };
      assert.equal(e.code, 'VALIDATION_FAILED');
      assert.match(e.field ?? '', /^segments\./, e.field);
      return segmentFieldError(new ApiError(r.statusCode, e.code, e.message, e.field));
    };
    const last = seg('rest', 'smb-default');
    assert.deepEqual(await refusal([seg('late', 'gentle', { daysPastDue: { min: 30, max: 10 } }), last]),
      { index: 0, error: { key: 'when.daysPastDue', message: 'min must not exceed max' } });
    assert.deepEqual((await refusal([last, seg('Bad Id', 'gentle')]))?.index, 1);
    assert.deepEqual(await refusal([seg('rest', 'gentle'), last]), { index: 1, error: { key: 'id', message: 'segment id "rest" repeats' } });
    assert.deepEqual(await refusal([seg('x', 'no-such-strategy'), last]), { index: 0, error: { key: 'strategyId', message: 'no active strategy no-such-strategy' } });
    const empty = await send('POST', '/v1/simulations', { ...body, segments: [] });
    assert.equal(empty.statusCode, 400, empty.body);
    assert.equal(empty.json().error.field, 'segments');
    assert.deepEqual((await stored()).map((s) => s.id), ['rest'], 'nothing was stored by a refused list');
  });

  it('keeps the route\'s roles: whoever may simulate may simulate a list, others may not', async () => {
    const withList = await send('POST', '/v1/simulations', { ...body, segments: unsaved }, t.keys.viewer);
    const without = await send('POST', '/v1/simulations', body, t.keys.viewer);
    assert.equal(withList.statusCode, without.statusCode);
    assert.equal((await send('POST', '/v1/simulations', { ...body, segments: unsaved }, t.keys.collector)).statusCode,
      (await send('POST', '/v1/simulations', body, t.keys.collector)).statusCode);
  });
});
