// The URLs cobro posts to that an org chooses (integrators' event endpoints, the webhook channel's settings.url) cannot
// reach private networks by name either (SSRF): a host name resolving now to a metadata, private or partly private
// address is refused when saved (API POST/PATCH /v1/webhook-endpoints, PUT /v1/providers/webhook; the CLI in
// test/egress-cli.test.ts), naming the field; a resolver slower than the save's limit gives 503 naming the field;
// nothing is stored either way; the operator's COBRO_EGRESS_ALLOW (ranges or names) lets chosen ones through. Names
// resolve through a resolver the test injects (the policy's `resolve`).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { parseEgressAllow, STRICT_EGRESS } from '../src/channels/index.ts';
import { createEndpoint } from '../src/events/index.ts';
import { vaultKey } from '../src/vault/index.ts';

const now = () => new Date('2026-03-15T12:00:00Z');
const DNS: Record<string, string[]> = {
  'metadata.evil.example': ['169.254.169.254'], 'intranet.evil.example': ['10.1.2.3'], 'mixed.evil.example': ['93.184.216.34', '10.9.9.9'],
  'hooks.example.com': ['93.184.216.34'],
};
const resolve = async (host: string): Promise<LookupAddress[]> => {
  const found = DNS[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found.map((address) => ({ address, family: 4 }));
};
/** A resolver that has not answered after 30 s (it answers then, so nothing is left pending after the test). */
const slow = (): Promise<LookupAddress[]> => new Promise((r) => { setTimeout(() => r([{ address: '93.184.216.34', family: 4 }]), 30_000).unref(); });
const SIGNING = { signing_secret: 'whsec_channel_0123456789' };

type ApiError = { error: { code: string; field: string; message: string } };
const admin = (api: TestApi) => bearer(api.keys.admin);
const addEndpoint = (api: TestApi, url: string) =>
  api.app.inject({ method: 'POST', url: '/v1/webhook-endpoints', headers: admin(api), payload: { url, event_types: ['*'] } });
const changeEndpoint = (api: TestApi, id: string, url: string) =>
  api.app.inject({ method: 'PATCH', url: `/v1/webhook-endpoints/${id}`, headers: admin(api), payload: { url } });
const putChannel = (api: TestApi, url: string) =>
  api.app.inject({ method: 'PUT', url: '/v1/providers/webhook', headers: admin(api), payload: { settings: { url }, secrets: SIGNING } });
const endpoints = async (api: TestApi) =>
  (await api.app.inject({ method: 'GET', url: '/v1/webhook-endpoints', headers: admin(api) })).json<{ data: { id: string; url: string }[] }>().data;
const providers = async (api: TestApi) =>
  (await api.app.inject({ method: 'GET', url: '/v1/providers', headers: admin(api) })).json<{ data: { provider: string; settings: { url?: string } }[] }>().data;

describe('event endpoint and webhook channel URLs by name, when saved', () => {
  let resolving: TestApi;
  let slowDns: TestApi;
  let allowing: TestApi;
  before(async () => {
    resolving = await testApi(now, { egress: { ...STRICT_EGRESS, resolve } });
    slowDns = await testApi(now, { egress: { ...STRICT_EGRESS, resolve: slow, saveResolveMs: 200 } });
    // the operator allows a private range and one name, as COBRO_EGRESS_ALLOW would
    allowing = await testApi(now, { egress: { ...parseEgressAllow('10.0.0.0/8,metadata.evil.example'), resolve } });
  });
  after(async () => { await resolving.close(); await slowDns.close(); await allowing.close(); });

  it('refuses an endpoint or channel URL whose name resolves to a metadata, private or partly private address, naming the field, storing nothing', async () => {
    const kept = await addEndpoint(resolving, 'https://hooks.example.com/cobro');
    assert.equal(kept.statusCode, 201, kept.body);
    const id = kept.json<{ id: string }>().id;
    for (const name of ['metadata.evil.example', 'intranet.evil.example', 'mixed.evil.example']) {
      const pattern = new RegExp(`^${name.replace(/\./g, '\\.')} resolves to .* address .*COBRO_EGRESS_ALLOW`);
      for (const res of [await addEndpoint(resolving, `https://${name}/hooks`), await changeEndpoint(resolving, id, `https://${name}/hooks`)]) {
        assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
        const e = res.json<ApiError>().error;
        assert.deepEqual([e.code, e.field], ['VALIDATION_FAILED', 'url']);
        assert.match(e.message.replace(/^url: /, ''), pattern);
      }
      const channel = await putChannel(resolving, `https://${name}/hooks`);
      assert.equal(channel.statusCode, 400, `channel ${name}: ${channel.body}`);
      const e = channel.json<ApiError>().error;
      assert.deepEqual([e.code, e.field], ['VALIDATION_FAILED', 'settings.url']);
      assert.match(e.message.replace(/^settings\.url: /, ''), pattern);
    }
    assert.deepEqual((await endpoints(resolving)).map((x) => x.url), ['https://hooks.example.com/cobro'], 'none made, none changed');
    assert.deepEqual(await providers(resolving), [], 'no channel stored');
    assert.equal((await putChannel(resolving, 'https://hooks.example.com/channel')).statusCode, 200);
    assert.equal((await addEndpoint(resolving, 'https://nowhere.example/hooks')).statusCode, 201, 'a name that does not resolve now is checked when delivering');
  });

  it('answers 503 naming the field, within the save\'s limit, when the resolver is slow, storing nothing', async () => {
    const key = await vaultKey(slowDns.db, undefined);
    // made on a literal public address, which is not resolved
    const made = await createEndpoint(slowDns.db, key, slowDns.org, 'test', { url: 'https://93.184.216.34/hooks', event_types: ['*'] }, now(), { ...STRICT_EGRESS, resolve: slow });
    assert.ok(made.ok, JSON.stringify(made));
    for (const [send, field] of [
      [() => addEndpoint(slowDns, 'https://hooks.example.com/cobro'), 'url'],
      [() => changeEndpoint(slowDns, made.value.id, 'https://hooks.example.com/cobro'), 'url'],
      [() => putChannel(slowDns, 'https://hooks.example.com/channel'), 'settings.url'],
    ] as const) {
      const started = Date.now();
      const res = await send();
      assert.ok(Date.now() - started < 5_000, `answered in ${Date.now() - started} ms`);
      assert.equal(res.statusCode, 503, res.body);
      const e = res.json<ApiError>().error;
      assert.deepEqual([e.code, e.field], ['UNAVAILABLE', field]);
      assert.match(e.message, new RegExp(`^${field.replace('.', '\\.')}: hooks\\.example\\.com did not resolve within 0\\.2 s, so it could not be checked against private addresses; try again later$`));
    }
    assert.deepEqual((await endpoints(slowDns)).map((x) => x.url), ['https://93.184.216.34/hooks'], 'none made, none changed');
    assert.deepEqual(await providers(slowDns), [], 'no channel stored');
  });

  it('keeps what the operator allows by range or by name, and nothing more', async () => {
    const inside = await addEndpoint(allowing, 'https://intranet.evil.example/hooks');
    assert.equal(inside.statusCode, 201, inside.body);
    assert.equal((await changeEndpoint(allowing, inside.json<{ id: string }>().id, 'https://metadata.evil.example/hooks')).statusCode, 200, 'the name is allowed');
    assert.equal((await putChannel(allowing, 'https://intranet.evil.example/channel')).statusCode, 200);
    // 10.9.9.9 is allowed; the mixed name's other address is public
    assert.equal((await addEndpoint(allowing, 'https://mixed.evil.example/hooks')).statusCode, 201);
    const other = await testApi(now, { egress: { ...parseEgressAllow('10.0.0.0/8'), resolve } });
    try {
      assert.equal((await addEndpoint(other, 'https://metadata.evil.example/hooks')).statusCode, 400, 'the range does not allow the metadata address');
    } finally { await other.close(); }
  });
});
