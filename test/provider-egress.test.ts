// Providers' API bases and the mailbox's token endpoint, set by an org, cannot reach private networks (SSRF): a literal
// private, loopback or link-local address, or a name resolving to one now, is refused when saved (the API here; the CLI
// in test/egress-cli.test.ts), naming the field; a resolver slower than the save's limit gives 503 naming the field; a
// name resolving to one when connecting (DNS rebinding) is refused then (nothing sent); the operator's
// COBRO_EGRESS_ALLOW lets chosen ones through, as for webhook endpoints. Names resolve through a resolver the test injects (the policy's `resolve`).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { LookupAddress } from 'node:dns';
import { loadConfig } from '../src/config.ts';
import type { AddressInfo } from 'node:net';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { parseEgressAllow, STRICT_EGRESS, type EgressPolicy } from '../src/channels/index.ts';
import { accessToken } from '../src/channels/oauth2.ts';
import { renderMessage, sampleContext } from '../src/messaging/index.ts';
import { gatewayFor } from '../src/payments/gateways/index.ts';
import { sandboxAdapters, vaultAdapters } from '../src/worker/index.ts';
import { messageContexts } from '../src/worker/context.ts';
import { newId } from '../src/domain/index.ts';
import { putCredentials, vaultKey } from '../src/vault/index.ts';

const now = () => new Date('2026-03-15T12:00:00Z');
const TWILIO = { account_sid: `AC${'1'.repeat(32)}`, sms_from: '+15550001111' };
const SECRETS = {
  twilio: { auth_token: 'twilio-token-0123456789' }, meta_whatsapp: { access_token: 'meta-token-0123', app_secret: 'meta-secret' },
  stripe: { secret_key: 'sk_test_51abcdef4242', webhook_secret: 'whsec_abcdef123456' }, mercadopago: { access_token: 'APP_USR-0123456789', webhook_secret: 'mp-secret-1' },
} as const;
const settingsOf = (provider: keyof typeof SECRETS, apiBase: string): Record<string, unknown> =>
  ({ ...(provider === 'twilio' ? TWILIO : provider === 'meta_whatsapp' ? { phone_number_id: '1234567890' } : {}), api_base: apiBase });
const IMAP = (tokenUrl: string) => ({ settings: { host: 'imap.example.com', user: 'cobranza@example.com', auth: 'oauth2', token_url: tokenUrl, client_id: 'cobro' },
  secrets: { refresh_token: 'refresh-0123456789' } });

const DNS: Record<string, string[]> = {
  'metadata.evil.example': ['169.254.169.254'], 'intranet.evil.example': ['10.1.2.3'], 'mixed.evil.example': ['93.184.216.34', '10.9.9.9'],
  'api.example.com': ['93.184.216.34'], 'login.example.com': ['93.184.216.34'], 'imap.example.com': ['93.184.216.34'],
};
const resolve = async (host: string): Promise<LookupAddress[]> => {
  const found = DNS[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
/** A resolver that has not answered after 30 s (it answers then, so nothing is left pending after the test). */
const slow = (): Promise<LookupAddress[]> => new Promise((r) => { setTimeout(() => r([{ address: '93.184.216.34', family: 4 }]), 30_000).unref(); });

/** A local server that only counts what reaches it. */
async function counter(): Promise<{ port: number; hits: () => number; close(): Promise<void> }> {
  let n = 0;
  const server = http.createServer((req, res) => { n++; req.resume(); res.writeHead(500).end('{}'); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, hits: () => n, close: () => new Promise((r) => server.close(() => r())) };
}

describe('provider API bases and token endpoints, when saved', () => {
  let strict: TestApi;
  let allowing: TestApi;
  let resolving: TestApi;
  let slowDns: TestApi;
  before(async () => {
    strict = await testApi(now, { egress: STRICT_EGRESS }); allowing = await testApi(now, { egress: parseEgressAllow('127.0.0.1/32') });
    resolving = await testApi(now, { egress: { ...STRICT_EGRESS, resolve } });
    slowDns = await testApi(now, { egress: { ...STRICT_EGRESS, resolve: slow, saveResolveMs: 200 } });
  });
  after(async () => { await strict.close(); await allowing.close(); await resolving.close(); await slowDns.close(); });
  const put = (api: TestApi, provider: string, payload: Record<string, unknown>) =>
    api.app.inject({ method: 'PUT', url: `/v1/providers/${provider}`, headers: bearer(api.keys.admin), payload });

  it('refuses a provider\'s api_base on a loopback, private, link-local or mapped address, naming the field', async () => {
    const bases = ['http://127.0.0.1:9/', 'http://169.254.169.254/latest/', 'http://10.0.0.5/', 'http://[::1]:8080/', 'http://[::ffff:192.168.0.1]/'];
    for (const provider of ['twilio', 'meta_whatsapp', 'stripe', 'mercadopago'] as const) {
      for (const base of bases) {
        const res = await put(strict, provider, { settings: settingsOf(provider, base), secrets: SECRETS[provider] });
        assert.equal(res.statusCode, 400, `${provider} ${base}: ${res.body}`);
        const e = res.json<{ error: { field: string; message: string } }>().error;
        assert.equal(e.field, 'settings.api_base');
        assert.match(e.message, /^settings\.api_base: .* address .*COBRO_EGRESS_ALLOW/);
      }
      const public_ = await put(strict, provider, { settings: settingsOf(provider, 'https://api.example.com/'), secrets: SECRETS[provider] });
      assert.equal(public_.statusCode, 200, `${provider}: a public base is kept (${public_.body})`);
    }
  });

  it('refuses the mailbox\'s token_url on a loopback or private address, naming the field', async () => {
    for (const url of ['http://127.0.0.1:9/token', 'https://10.1.2.3/token', 'https://169.254.169.254/token']) {
      const res = await put(strict, 'imap', IMAP(url));
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.equal(res.json<{ error: { field: string } }>().error.field, 'settings.token_url');
    }
    assert.equal((await put(strict, 'imap', IMAP('https://login.example.com/token'))).statusCode, 200);
  });

  it('refuses an api_base or token_url whose name resolves now to a metadata, private or partly private address, naming the field', async () => {
    for (const name of ['metadata.evil.example', 'intranet.evil.example', 'mixed.evil.example']) {
      for (const provider of ['twilio', 'meta_whatsapp', 'stripe', 'mercadopago'] as const) {
        const res = await put(resolving, provider, { settings: settingsOf(provider, `https://${name}/v1/`), secrets: SECRETS[provider] });
        assert.equal(res.statusCode, 400, `${provider} ${name}: ${res.body}`);
        const e = res.json<{ error: { code: string; field: string; message: string } }>().error;
        assert.deepEqual([e.code, e.field], ['VALIDATION_FAILED', 'settings.api_base']);
        assert.match(e.message, new RegExp(`^settings\\.api_base: ${name.replace(/\./g, '\\.')} resolves to .* address .*COBRO_EGRESS_ALLOW`));
      }
      const imap = await put(resolving, 'imap', IMAP(`https://${name}/token`));
      assert.equal(imap.statusCode, 400, `imap ${name}: ${imap.body}`);
      assert.equal(imap.json<{ error: { field: string } }>().error.field, 'settings.token_url');
    }
    assert.equal((await put(resolving, 'stripe', { settings: settingsOf('stripe', 'https://api.example.com/'), secrets: SECRETS.stripe })).statusCode, 200);
    assert.equal((await put(resolving, 'imap', IMAP('https://login.example.com/token'))).statusCode, 200);
    assert.equal((await put(resolving, 'stripe', { settings: settingsOf('stripe', 'https://nowhere.example/'), secrets: SECRETS.stripe })).statusCode, 200,
      'a name that does not resolve now is checked when connecting');
  });

  it('answers 503 naming the field, within the save\'s limit, when the resolver is slow', async () => {
    for (const [provider, payload, field] of [
      ['stripe', { settings: settingsOf('stripe', 'https://api.example.com/'), secrets: SECRETS.stripe }, 'settings.api_base'],
      ['twilio', { settings: settingsOf('twilio', 'https://api.example.com/'), secrets: SECRETS.twilio }, 'settings.api_base'],
      ['imap', IMAP('https://login.example.com/token'), 'settings.token_url'],
      ['smtp', { settings: { host: 'smtp.example.com', port: 587, from: 'Cobranza <cobranza@sol.example>' }, secrets: { password: 'clave-smtp-1234' } }, 'settings.host'],
    ] as const) {
      const started = Date.now();
      const res = await put(slowDns, provider, payload);
      assert.ok(Date.now() - started < 5_000, `answered in ${Date.now() - started} ms`);
      assert.equal(res.statusCode, 503, `${provider}: ${res.body}`);
      const e = res.json<{ error: { code: string; field: string; message: string } }>().error;
      assert.deepEqual([e.code, e.field], ['UNAVAILABLE', field]);
      assert.match(e.message, /^settings\.\w+: [\w.]+ did not resolve within 0\.2 s, so it could not be checked against private addresses; try again later$/);
    }
    const kept = await slowDns.app.inject({ method: 'GET', url: '/v1/providers', headers: bearer(slowDns.keys.admin) });
    assert.deepEqual(kept.json<{ data: unknown[] }>().data, [], 'nothing was stored');
  });

  it('keeps what the operator allows (COBRO_EGRESS_ALLOW), and nothing more', async () => {
    assert.equal((await put(allowing, 'twilio', { settings: settingsOf('twilio', 'http://127.0.0.1:9/'), secrets: SECRETS.twilio })).statusCode, 200);
    assert.equal((await put(allowing, 'imap', IMAP('http://127.0.0.1:9/token'))).statusCode, 200);
    assert.equal((await put(allowing, 'stripe', { settings: settingsOf('stripe', 'http://10.0.0.5/'), secrets: SECRETS.stripe })).statusCode, 400);
  });
});

describe('provider API bases and token endpoints, when connecting', () => {
  let api: TestApi;
  let target: Awaited<ReturnType<typeof counter>>;
  const byName = () => `http://localhost:${target.port}/`;
  const byNameAllowed = parseEgressAllow('localhost');
  before(async () => {
    api = await testApi(now);
    target = await counter();
    // saved by a name that then resolved to a public address (DNS rebinding: it resolves to loopback when connecting)
    const key = await vaultKey(api.db, undefined);
    const public_: EgressPolicy = { ...STRICT_EGRESS, resolve: async () => [{ address: '93.184.216.34', family: 4 }] };
    for (const provider of ['twilio', 'meta_whatsapp', 'stripe'] as const) {
      const r = await putCredentials(api.db, key, api.org, 'test', provider, { settings: settingsOf(provider, byName()), secrets: SECRETS[provider] }, now(), public_);
      assert.ok(r.ok, JSON.stringify(r));
    }
  });
  after(async () => { await target.close(); await api.close(); });

  const sms = (() => {
    const r = renderMessage({ templateId: 'due-today', channel: 'sms', tone: 'friendly', context: sampleContext('es') });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  })();
  const wa = (() => {
    const r = renderMessage({ templateId: 'due-today', channel: 'whatsapp', tone: 'friendly', context: sampleContext('es') });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  })();

  async function sendBoth(egress: EgressPolicy) {
    const adapters = vaultAdapters({ db: api.db, publicUrl: 'https://cobro.example.com', fallback: sandboxAdapters(), egress });
    try {
      const set = await adapters.forOrg(api.org);
      return [await set.sms.send({ to: '+5215512345678', rendered: sms }, { idempotencyKey: 'k-sms' }),
        await set.whatsapp.send({ to: '+5215512345678', rendered: wa }, { idempotencyKey: 'k-wa' })];
    } finally { adapters.close(); }
  }

  it('refuses Twilio and Meta at an api_base whose name resolves to loopback, for good, sending nothing; allowed by name it is reached', async () => {
    // the operator's policy when COBRO_EGRESS_ALLOW is unset
    const refused = await sendBoth(loadConfig({}).egress);
    for (const r of refused) {
      assert.ok(!r.ok && r.error.kind === 'permanent' && r.error.code === 'EGRESS_REFUSED', JSON.stringify(r));
      assert.match(r.error.message, /^egress refused: localhost resolves to .*loopback/);
    }
    assert.equal(target.hits(), 0, 'nothing reached the address');
    await sendBoth(byNameAllowed);
    assert.equal(target.hits(), 2, 'the operator named the host: both adapters reached it');
  });

  it('refuses the payment gateway at such an api_base, sending nothing; allowed by name it is reached', async () => {
    const before = target.hits();
    const gw = await gatewayFor({ db: api.db, egress: STRICT_EGRESS }, api.org, 'stripe');
    assert.ok(gw.ok);
    const r = await gw.value.fetchPayment('cs_test_1');
    assert.ok(!r.ok && r.error.kind === 'rejected', JSON.stringify(r));
    assert.match(r.error.message, /^egress refused: localhost resolves to .*loopback/);
    assert.equal(target.hits(), before);
    const allowed = await gatewayFor({ db: api.db, egress: byNameAllowed }, api.org, 'stripe');
    assert.ok(allowed.ok);
    await allowed.value.fetchPayment('cs_test_1');
    assert.equal(target.hits(), before + 1);
  });

  it('refuses the mailbox\'s token endpoint at such a name before the refresh token is sent; allowed by name it is reached', async () => {
    const before = target.hits();
    const refresh = { tokenUrl: `${byName()}token`, clientId: 'cobro', refreshToken: 'refresh-0123456789' };
    const r = await accessToken({ id: 'egress-test', version: '1' }, { refresh: { ...refresh, egress: STRICT_EGRESS } }, now(), 2_000);
    assert.ok(!r.ok, JSON.stringify(r));
    assert.match(r.error.message, /could not be reached for an access token: egress refused: localhost resolves to .*loopback/);
    assert.doesNotMatch(r.error.message, /refresh-0123456789/);
    assert.equal(target.hits(), before);
    await accessToken({ id: 'egress-test', version: '2' }, { refresh: { ...refresh, egress: byNameAllowed } }, now(), 2_000);
    assert.equal(target.hits(), before + 1);
  });
  it('refuses the payment link a dispatched message asks of the gateway at such an api_base; allowed by name it is reached', async () => {
    const c = await api.app.inject({ method: 'POST', url: '/v1/customers', headers: bearer(api.keys.admin),
      payload: { external_id: 'EGRESS-1', name: 'Egreso SA', phone: '+5215512345678', language: 'es' } });
    const i = await api.app.inject({ method: 'POST', url: '/v1/invoices', headers: bearer(api.keys.admin),
      payload: { customer_id: c.json().id, number: 'F-77', currency: 'MXN', amount: 50_000, issue_date: '2026-01-01', due_date: '2026-02-01' } });
    const action = newId('action');
    await api.db.query(
      `INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
         template, tone, scheduled_for, status, reason, invoice_ids, created_at, updated_at)
       VALUES ($1,$2,'case_x',$3,$1,'smb-default',1,'after-3',1,'send','{sms}','overdue-formal','formal','2026-03-10','planned','test',$4,now(),now())`,
      [action, api.org, c.json().id, [i.json().id]]);
    const row = { id: 'msg_egress', org_id: api.org, action_id: action, case_id: null, customer_id: c.json().id, channel: 'sms' as const,
      template: null, tone: null, address: null, attempts: 0 };
    const before = target.hits();
    const [refused] = await messageContexts(api.db, [row], now(), 'https://cobro.example.com', undefined, { egress: STRICT_EGRESS });
    assert.equal(target.hits(), before, 'the gateway at a loopback name was not called');
    assert.equal(refused?.context.links?.payment, refused?.context.links?.portal, 'the message links the portal instead');
    await messageContexts(api.db, [row], now(), 'https://cobro.example.com', undefined, { egress: byNameAllowed });
    assert.equal(target.hits(), before + 1, 'allowed by name, the checkout was asked of the gateway');
  });
});
