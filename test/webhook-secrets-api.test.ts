// The webhook secret rotation API (WH-5): input checked by schema and by the provider's own rules (errors naming the field),
// admins only, per org, two secrets at most, nothing to retire named; secrets are never shown back.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import type { WebhookSecretsList } from '../src/vault/index.ts';

let api: TestApi;
before(async () => {
  api = await testApi();
  const put = await api.app.inject({ method: 'PUT', url: '/v1/providers/stripe', headers: bearer(api.keys.admin),
    payload: { secrets: { secret_key: 'sk_test_rotationapi42', webhook_secret: 'whsec_apiold00001' } } });
  assert.equal(put.statusCode, 200, put.body);
});
after(async () => { await api.close(); });

const url = (provider = 'stripe', rest = '') => `/v1/providers/${provider}/webhook-secrets${rest}`;
const call = (method: 'GET' | 'POST', u: string, payload?: object, key = api.keys.admin) =>
  api.app.inject({ method, url: u, headers: bearer(key), ...(payload ? { payload } : {}) });

describe('webhook secret rotation through the API', () => {
  it('names the field of bad input and refuses providers without a shared secret', async () => {
    const bad = await call('POST', url(), { secret: 'not-a-whsec' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual([bad.json().error.field, bad.json().error.message], ['secret', 'secret: a Stripe webhook signing secret (whsec_...)']);
    assert.equal((await call('POST', url(), { secret: 'whsec_apinew00002', keep_hours: 0 })).statusCode, 400);
    assert.equal((await call('POST', url(), { secret: 'whsec_apinew00002', extra: 1 })).statusCode, 400);
    assert.equal((await call('POST', url('paypal'), { secret: 'whatever-secret' })).statusCode, 400, 'PayPal is verified by PayPal, not a shared secret');
    const same = await call('POST', url(), { secret: 'whsec_apiold00001' });
    assert.equal(same.statusCode, 400);
    assert.match(same.json().error.message, /in force already/);
    assert.equal((await call('POST', url('stripe', '/retire'), { id: 'nope' })).statusCode, 400);
  });

  it('is for admins only, and each org sees its own', async () => {
    for (const role of ['manager', 'collector', 'viewer'] as const) {
      assert.equal((await call('GET', url(), undefined, api.keys[role])).statusCode, 403, role);
      assert.equal((await call('POST', url(), { secret: 'whsec_apinew00002' }, api.keys[role])).statusCode, 403, role);
    }
    const other = await call('GET', url(), undefined, api.otherKey);
    assert.equal(other.statusCode, 404, 'the other org has no Stripe');
    assert.equal((await call('POST', url('mailgun'), { secret: 'key-mailgun-0000000001' })).statusCode, 404, 'not connected');
  });

  it('keeps two secrets at most, names nothing to retire, and never shows a secret', async () => {
    const added = await call('POST', url(), { secret: 'whsec_apinew00002', keep_hours: 48 });
    assert.equal(added.statusCode, 201, added.body);
    const list = added.json() as WebhookSecretsList;
    assert.deepEqual(list.secrets.map((s) => [s.role, s.hint, s.state, s.expires_at]),
      [['current', '…0002', 'active', null], ['previous', '…0001', 'active', '2026-03-17T12:00:00.000Z']]);
    const third = await call('POST', url(), { secret: 'whsec_apithird0003' });
    assert.equal(third.statusCode, 409);
    assert.match(third.json().error.message, /…0001 \(whs_\w+\) is still accepted until 2026-03-17T12:00:00.000Z: retire it first/);
    const [creds] = await api.db.query<{ hints: Record<string, string> }>(`SELECT hints FROM provider_credentials WHERE org_id = $1 AND provider = 'stripe'`, [api.org]);
    assert.equal(creds?.hints['webhook_secret'], '…0002', 'the credentials hold the new secret');
    const retired = await call('POST', url('stripe', '/retire'));
    assert.equal(retired.statusCode, 200, retired.body);
    const none = await call('POST', url('stripe', '/retire'));
    assert.equal(none.statusCode, 404);
    const [row] = await api.db.query<{ sealed: string | null }>(`SELECT sealed FROM webhook_secrets WHERE org_id = $1 AND role = 'previous'`, [api.org]);
    assert.equal(row?.sealed, null);
    const all = (await call('GET', url())).body + added.body;
    assert.ok(!all.includes('whsec_api'), 'no secret in any answer');
  });

  it('refuses to rotate while the credentials hold their own previous secret', async () => {
    const put = await api.app.inject({ method: 'PUT', url: '/v1/providers/twilio', headers: bearer(api.keys.admin), payload: {
      settings: { account_sid: `AC${'1'.repeat(32)}` }, secrets: { auth_token: 'twilio-token-current-1', previous_auth_token: 'twilio-token-previous-0' } } });
    assert.equal(put.statusCode, 200, put.body);
    const listed = (await call('GET', url('twilio'))).json() as WebhookSecretsList;
    assert.deepEqual(listed.secrets.map((s) => [s.role, s.field, s.hint]), [['current', 'auth_token', '…nt-1'], ['previous', 'previous_auth_token', '…us-0']]);
    const r = await call('POST', url('twilio'), { secret: 'twilio-token-next-00002' });
    assert.equal(r.statusCode, 409);
    assert.match(r.json().error.message, /still hold previous_auth_token/);
  });
});
