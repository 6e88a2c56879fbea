// The deliveries each webhook secret verified are counted in memory and written as sums (WH-5): no write per delivery,
// written before the counts are read or moved, and a sum counted on the secret in force before a rotation lands on the
// secret it became (the replaced one), not on the new one.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { stripeSignature } from '../src/compliance/index.ts';
import { flushSecretUse, noteSecretUse, type WebhookSecretsList } from '../src/vault/index.ts';
import type { Queryable } from '../src/db/index.ts';

let api: TestApi;
const clock = new Date('2026-03-15T12:00:00Z');
before(async () => { api = await testApi(() => clock); });
after(async () => { await api.close(); });

const admin = () => bearer(api.keys.admin);
let n = 0;
const OLD = 'whsec_use0000000001';
const NEXT = 'whsec_use0000000002';
const deliver = async (secret: string) => {
  const body = JSON.stringify({ id: `evt_use${++n}`, object: 'event', type: 'customer.created', data: { object: { id: 'cus_x' } } });
  const t = Math.floor(clock.getTime() / 1000);
  const r = await api.app.inject({ method: 'POST', url: `/webhooks/stripe/${api.org}`, payload: body,
    headers: { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${stripeSignature(secret, t, body)}` } });
  assert.equal(r.statusCode, 200, r.body);
};
const rows = () => api.db.query<{ role: string; hint: string; verified_count: number }>(
  `SELECT role, hint, verified_count::int FROM webhook_secrets WHERE org_id = $1 AND provider = 'stripe' ORDER BY role`, [api.org])
  .then((rs) => rs.map((r) => [r.role, r.hint, r.verified_count]));
const listed = async () => {
  const r = await api.app.inject({ method: 'GET', url: '/v1/providers/stripe/webhook-secrets', headers: admin() });
  assert.equal(r.statusCode, 200, r.body);
  return (r.json() as WebhookSecretsList).secrets.map((s) => [s.role, s.hint, s.verified_count]);
};

describe('webhook secret use counted in memory', () => {
  it('writes nothing per delivery, and the sum before the list is read', async () => {
    const put = await api.app.inject({ method: 'PUT', url: '/v1/providers/stripe', headers: admin(),
      payload: { settings: { api_base: 'http://127.0.0.1:9/' }, secrets: { secret_key: 'sk_test_use4242', webhook_secret: OLD } } });
    assert.equal(put.statusCode, 200, put.body);
    for (let i = 0; i < 5; i++) await deliver(OLD);
    assert.deepEqual(await rows(), [], 'five deliveries, no write yet');
    assert.deepEqual(await listed(), [['current', `…${OLD.slice(-4)}`, 5]]);
    await deliver(OLD);
    assert.deepEqual(await listed(), [['current', `…${OLD.slice(-4)}`, 6]], 'a later delivery added to the row');
  });

  it('a sum counted on the secret in force before a rotation goes to the replaced secret', async () => {
    await deliver(OLD);
    await deliver(OLD);
    const added = await api.app.inject({ method: 'POST', url: '/v1/providers/stripe/webhook-secrets', headers: admin(), payload: { secret: NEXT, keep_hours: 24 } });
    assert.equal(added.statusCode, 201, added.body);
    // as another process would write it after the rotation: counted as the one in force, with the old secret's last four
    noteSecretUse(api.db as Queryable, api.org, 'stripe', { ref: 'current', value: OLD, hint: `…${OLD.slice(-4)}` }, clock);
    await deliver(NEXT);
    await flushSecretUse();
    assert.deepEqual(await rows(), [['current', `…${NEXT.slice(-4)}`, 1], ['previous', `…${OLD.slice(-4)}`, 9]],
      'six before, two more, one written late: nine on the replaced secret; one on the new');
  });

  it('a secret in force with other last four starts its count again', async () => {
    const put = await api.app.inject({ method: 'PUT', url: '/v1/providers/stripe', headers: admin(),
      payload: { settings: { api_base: 'http://127.0.0.1:9/' }, secrets: { secret_key: 'sk_test_use4242', webhook_secret: 'whsec_use0000000777' } } });
    assert.equal(put.statusCode, 200, put.body);
    await deliver('whsec_use0000000777');
    await deliver('whsec_use0000000777');
    await flushSecretUse();
    assert.deepEqual((await rows()).find((r) => r[0] === 'current'), ['current', '…0777', 2]);
  });
});
