// Provider credentials through the API: validated per provider, sealed at rest, never shown back, admin only, per org.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { getCredentials, keyFromSecret, vaultKey } from '../src/vault/index.ts';

let api: TestApi;
before(async () => { api = await testApi(); });
after(async () => { await api.close(); });

const stripe = { settings: { api_base: 'http://127.0.0.1:9/' }, secrets: { secret_key: 'sk_test_51abcdef4242', webhook_secret: 'whsec_abcdef123456' } };

test('an admin connects Stripe: the answer and the list show hints, never the secrets; the row holds no plain text', async () => {
  const put = await api.app.inject({ method: 'PUT', url: '/v1/providers/stripe', headers: bearer(api.keys.admin), payload: stripe });
  assert.equal(put.statusCode, 200, put.body);
  assert.deepEqual(put.json().hints, { secret_key: '…4242', webhook_secret: '…3456' });
  assert.ok(!put.body.includes('sk_test_51abcdef4242'));
  const list = await api.app.inject({ method: 'GET', url: '/v1/providers', headers: bearer(api.keys.admin) });
  assert.equal(list.json().data.length, 1);
  assert.ok(!list.body.includes('whsec_abcdef123456'));
  const [row] = await api.db.query<{ sealed: string; settings: unknown }>('SELECT sealed, settings FROM provider_credentials WHERE org_id = $1', [api.org]);
  assert.ok(row && !row.sealed.includes('sk_test') && !JSON.stringify(row.settings).includes('sk_test'));
  const opened = await getCredentials(api.db, await vaultKey(api.db, undefined), api.org, 'stripe');
  assert.ok(opened.ok);
  assert.equal(opened.value?.secrets.secret_key, 'sk_test_51abcdef4242');
  const other = await getCredentials(api.db, await vaultKey(api.db, undefined), api.otherOrg, 'stripe');
  assert.ok(other.ok && other.value === null, 'another org has none');
});

test('credentials sealed under one key name both keys when opened with another', async () => {
  const r = await getCredentials(api.db, keyFromSecret('another passphrase of enough length'), api.org, 'stripe');
  assert.ok(!r.ok);
  assert.match(r.error.message, /sealed with key \w+ and do not open with key \w+/);
});

test('bad credentials name the field; unknown providers and other roles are refused', async () => {
  const bad = await api.app.inject({ method: 'PUT', url: '/v1/providers/stripe', headers: bearer(api.keys.admin),
    payload: { secrets: { secret_key: 'pk_test_nope', webhook_secret: 'whsec_abcdef123456' } } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.field, 'secrets.secret_key');
  const twilio = await api.app.inject({ method: 'PUT', url: '/v1/providers/twilio', headers: bearer(api.keys.admin),
    payload: { settings: { account_sid: 'AC123' }, secrets: { auth_token: 'x'.repeat(32) } } });
  assert.equal(twilio.json().error.field, 'settings.account_sid');
  const extra = await api.app.inject({ method: 'PUT', url: '/v1/providers/webhook', headers: bearer(api.keys.admin),
    payload: { settings: { url: 'https://example.com/hook', colour: 'red' }, secrets: { signing_secret: 'y'.repeat(20) } } });
  assert.equal(extra.statusCode, 400, 'unknown settings are refused, not silently kept');
  for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.5/hook', 'http://[::ffff:127.0.0.1]:8080/hook']) {
    const inside = await api.app.inject({ method: 'PUT', url: '/v1/providers/webhook', headers: bearer(api.keys.admin),
      payload: { settings: { url }, secrets: { signing_secret: 'y'.repeat(20) } } });
    assert.equal(inside.statusCode, 400, `the webhook channel may not post to ${url} (SSRF)`);
    assert.equal(inside.json().error.field, 'settings.url');
  }
  const unknown = await api.app.inject({ method: 'PUT', url: '/v1/providers/paypal', headers: bearer(api.keys.admin), payload: stripe });
  assert.equal(unknown.statusCode, 400);
  for (const role of ['manager', 'collector', 'viewer'] as const) {
    const r = await api.app.inject({ method: 'GET', url: '/v1/providers', headers: bearer(api.keys[role]) });
    assert.equal(r.statusCode, 403, role);
  }
});

test('deleting disconnects, once; another org cannot see or delete them; the audit log holds hints only', async () => {
  const otherDel = await api.app.inject({ method: 'DELETE', url: '/v1/providers/stripe', headers: bearer(api.otherKey) });
  assert.equal(otherDel.statusCode, 404);
  const del = await api.app.inject({ method: 'DELETE', url: '/v1/providers/stripe', headers: bearer(api.keys.admin) });
  assert.equal(del.statusCode, 204);
  const again = await api.app.inject({ method: 'DELETE', url: '/v1/providers/stripe', headers: bearer(api.keys.admin) });
  assert.equal(again.statusCode, 404);
  const audit = await api.db.query<{ action: string; data: unknown }>(`SELECT action, data FROM audit_log WHERE org_id = $1 AND entity = 'provider_credentials' ORDER BY seq`, [api.org]);
  assert.deepEqual(audit.map((a) => a.action), ['credentials.set', 'credentials.deleted']);
  assert.ok(!JSON.stringify(audit).includes('sk_test_51abcdef4242'));
});
