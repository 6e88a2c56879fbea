// The segments editor's contract with PUT /v1/segments: every refusal names the segment and the field the editor shows the
// message beside (the body's schema as `data.N.…`, the store's checks as `N.…`), and the steps' conditions and actions of
// every kind the editor writes are taken by POST /v1/strategies as they are.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { ApiError } from '../web/src/app/api.ts';
import { segmentFieldError } from '../web/src/strategies/fieldError.ts';
import { newAction } from '../web/src/strategies/types.ts';

let t: TestApi;
before(async () => { t = await testApi(); });
after(async () => { await t.close(); });

const put = (data: unknown[], key = t.keys.manager) => t.app.inject({ method: 'PUT', url: '/v1/segments', payload: { data }, headers: bearer(key) });
const seg = (id: string, strategyId: string, when: Record<string, unknown> = {}) => ({ id, name: id, strategyId, when });

/** What the editor makes of the API's answer: the ApiError the web client throws, then the segment and field it names. */
async function refusal(data: unknown[]) {
  const r = await put(data);
  assert.equal(r.statusCode, 400, r.body);
  const e = r.json().error as { code: string; message: string; field?: string };
  return segmentFieldError(new ApiError(r.statusCode, e.code, e.message, e.field));
}

describe('segments edited in the editor', () => {
  it('names the segment and the field of every refusal, schema and store alike', async () => {
    const last = seg('rest', 'smb-default');
    assert.deepEqual(await refusal([seg('late', 'gentle', { daysPastDue: { min: 30, max: 10 } }), last]),
      { index: 0, error: { key: 'when.daysPastDue', message: 'min must not exceed max' } });
    assert.deepEqual(await refusal([last, seg('big', 'gentle', { balanceAbove: { amount: 100, currency: 'ZZZ' } })]),
      { index: 1, error: { key: 'when.balanceAbove', message: 'an ISO 4217 currency cobro knows' } });
    assert.deepEqual((await refusal([seg('Bad Id', 'gentle'), last]))?.error.key, 'id');
    assert.deepEqual((await refusal([seg('x', 'gentle', { country: [] }), last]))?.error.key, 'when.country');
    assert.deepEqual(await refusal([seg('rest', 'gentle'), last]), { index: 1, error: { key: 'id', message: 'segment id "rest" repeats' } });
    assert.deepEqual(await refusal([seg('x', 'no-such-strategy'), last]), { index: 0, error: { key: 'strategyId', message: 'no active strategy no-such-strategy' } });
    assert.deepEqual((await t.app.inject({ url: '/v1/segments', headers: bearer(t.keys.admin) })).json().data.map((s: { id: string }) => s.id),
      ['always-pays', 'consumers', 'everyone-else'], 'nothing was stored by a refused list');
  });

  it('stores the list in the order given, and only for managers and admins', async () => {
    const list = [seg('large-late', 'consumer-early', { daysPastDue: { min: 30, max: 90 }, balanceAbove: { amount: 500_000, currency: 'MXN' } }),
      seg('risky', 'smb-default', { riskBand: ['medium', 'high'], tagsAny: ['vip'] }), seg('rest', 'gentle')];
    assert.equal((await put(list, t.keys.viewer)).statusCode, 403);
    assert.equal((await put(list, t.keys.collector)).statusCode, 403);
    const r = await put(list);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json().data, list);
  });

  it('takes a step with a condition and each kind of action the editor starts one with', async () => {
    const smb = (await t.app.inject({ url: '/v1/strategies/smb-default', headers: bearer(t.keys.admin) })).json().definition;
    const kinds = ['task', 'charge', 'pause', 'escalate', 'send'] as const;
    const steps = [...smb.steps.filter((s: { trigger: { on: string } }) => s.trigger.on === 'days'), ...kinds.map((k, i) => ({
      id: `new-${k}`, trigger: { on: 'days', days: 40 + i }, condition: { riskBand: ['high'], daysPastDue: { min: 30 } }, actions: [newAction(k, 'overdue-formal', 'MXN')] }))];
    const r = await t.app.inject({ method: 'POST', url: '/v1/strategies', headers: bearer(t.keys.manager), payload: { id: 'smb-default', name: smb.name, steps } });
    assert.equal(r.statusCode, 201, r.body);
    const saved = r.json().definition.steps.filter((s: { id: string }) => s.id.startsWith('new-'));
    assert.deepEqual(saved.map((s: { actions: { type: string }[] }) => s.actions[0]!.type), [...kinds]);
    assert.deepEqual(saved[1].actions[0], { type: 'charge', charge: 'late_fee', rule: { kind: 'fixed', amount: { amount: 1_000, currency: 'MXN' } } });
    assert.deepEqual(saved[0].condition, { riskBand: ['high'], daysPastDue: { min: 30 } });
  });
});
