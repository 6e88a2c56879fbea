// POST /v1/agent/understand: any role may read a message; the answer's shape; validation naming the field.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';

describe('POST /v1/agent/understand', () => {
  let api: TestApi;
  before(async () => { api = await testApi(() => new Date('2026-03-11T15:00:00Z')); });
  after(async () => api.close());

  const understand = (payload: object, key = api.keys.viewer) =>
    api.app.inject({ method: 'POST', url: '/v1/agent/understand', headers: bearer(key), payload });

  it('reads a promise with its date in the debtor\'s zone and its amount in the case\'s currency, for a viewer too', async () => {
    const res = await understand({ text: 'te pago 500 el viernes', language: 'es', time_zone: 'America/Mexico_City', currency: 'MXN' });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.intent, 'promise_to_pay');
    assert.ok(body.confidence > 0.5 && body.confidence <= 1);
    assert.equal(body.language, 'es');
    assert.deepEqual(body.entities.dates.map((d: { date: string }) => d.date), ['2026-03-13']);
    assert.deepEqual(body.entities.amounts.map((a: { amount: number; currency: string }) => [a.amount, a.currency]), [[50_000, 'MXN']]);
    assert.deepEqual(body.opt_out, { kind: 'none' });
  });

  it('uses the instant given instead of the server\'s clock', async () => {
    const res = await understand({ text: 'amanhã eu pago', time_zone: 'America/Sao_Paulo', now: '2026-12-31T12:00:00Z' });
    assert.deepEqual(res.json().entities.dates.map((d: { date: string }) => d.date), ['2027-01-01']);
  });

  it('answers an opt-out as the compliance rules read it, with its scope', async () => {
    const body = (await understand({ text: 'STOP', channel: 'sms' }, api.keys.collector)).json();
    assert.deepEqual([body.intent, body.decided_by, body.opt_out.kind, body.opt_out.rule], ['opt_out', 'opt_out_rule', 'opt_out', 'SMS-1']);
    assert.deepEqual(body.opt_out.scopes, [{ kind: 'channel', channel: 'sms' }]);
  });

  it('refuses a bad time zone, naming the field', async () => {
    const res = await understand({ text: 'hola', time_zone: 'Mars/Olympus' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.field, 'time_zone');
  });

  it('refuses an empty text and an unknown language', async () => {
    assert.equal((await understand({ text: '' })).json().error.field, 'text');
    assert.equal((await understand({ text: 'hola', language: 'fr' })).json().error.field, 'language');
  });

  it('needs an API key', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/v1/agent/understand', payload: { text: 'hola' } });
    assert.equal(res.statusCode, 401);
  });
});
