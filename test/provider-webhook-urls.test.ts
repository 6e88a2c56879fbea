// GET /v1/providers says the webhook URLs an org registers at each provider, under COBRO_PUBLIC_URL: every one is routed
// (posted unsigned, each answers the provider's signature refusal, never 404), and none are given without a public URL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { WEBHOOK_PATHS } from '../src/api/webhook-urls.ts';

interface Url { url: string; purpose: string; for: string; set_by: 'you' | 'cobro'; methods: string[] }
interface Listing { data: { provider: string; webhook_urls: Url[] | null }[]; webhook_urls: Record<string, Url[]> | null; webhook_urls_note?: string }

const PUBLIC = 'https://cobro.example.com/';

/**
 * The provider's own refusal of an unsigned delivery: a missing or wrong signature (401/403), or no secret to check it with
 * (403 NO_SECRET; a gateway not connected, 400 INVALID_STATE). Not 404, and not a parameter the route refused.
 */
function refusedByHandler(status: number, body: { error?: { code?: string } }): boolean {
  const code = body.error?.code ?? '';
  if (status === 401 || status === 403) return true;
  return status === 400 && code === 'INVALID_STATE';
}

describe('with COBRO_PUBLIC_URL set', () => {
  let api: TestApi;
  before(async () => { api = await testApi(undefined, { publicUrl: PUBLIC }); });
  after(async () => { await api.close(); });
  const list = async (): Promise<Listing> => {
    const r = await api.app.inject({ method: 'GET', url: '/v1/providers', headers: bearer(api.keys.admin) });
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as Listing;
  };

  test('every provider with webhooks has its full URLs under the public URL and the org, with what each is for', async () => {
    const { webhook_urls: urls, webhook_urls_note: note } = await list();
    assert.equal(note, undefined);
    assert.ok(urls);
    assert.deepEqual(Object.keys(urls).sort(), ['adyen', 'mailgun', 'mercadopago', 'meta_whatsapp', 'paypal', 'sendgrid', 'smtp', 'stripe', 'twilio']);
    const o = api.org;
    assert.deepEqual(urls['sendgrid']?.map((u) => [u.url, u.set_by]), [[`https://cobro.example.com/webhooks/sendgrid/${o}/events`, 'you']]);
    assert.deepEqual(urls['mailgun']?.map((u) => u.url), [`https://cobro.example.com/webhooks/mailgun/${o}/events`, `https://cobro.example.com/webhooks/mailgun/${o}/inbound`]);
    assert.deepEqual(urls['twilio']?.map((u) => u.url.split('/').pop()), ['messages', 'incoming', 'voice', 'gather', 'dialed']);
    assert.deepEqual(urls['smtp']?.map((u) => u.url), [`https://cobro.example.com/webhooks/email/${o}`]);
    assert.equal(urls['stripe']?.[0]?.url, `https://cobro.example.com/webhooks/stripe/${o}`);
    assert.deepEqual(urls['meta_whatsapp']?.[0]?.methods, ['GET', 'POST']);
    for (const u of Object.values(urls).flat()) assert.ok(u.for.length > 10 && u.purpose.includes('.'), JSON.stringify(u));
    assert.equal(urls['webhook'], undefined, 'cobro\'s outbound webhook channel has nothing to register');
  });

  test('a connected provider carries its own URLs in data', async () => {
    const put = await api.app.inject({ method: 'PUT', url: '/v1/providers/sendgrid', headers: bearer(api.keys.admin),
      payload: { settings: { from: 'Billing <billing@example.com>' }, secrets: { api_key: 'SG.abcdefgh.ijklmnopqrst' } } });
    assert.equal(put.statusCode, 200, put.body);
    const sendgrid = (await list()).data.find((d) => d.provider === 'sendgrid');
    assert.deepEqual(sendgrid?.webhook_urls?.map((u) => u.purpose), ['sendgrid.events']);
  });

  test('every listed URL is routed: posted unsigned, each answers a signature refusal (401/403), not 404', async () => {
    const urls = (await list()).webhook_urls ?? {};
    const all = Object.values(urls).flat();
    assert.equal(all.length, Object.values(WEBHOOK_PATHS).flat().length);
    for (const u of all) {
      const path = u.url.slice(PUBLIC.length - 1);
      const r = await api.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload: '{"id":"evt_1"}' });
      assert.ok(refusedByHandler(r.statusCode, r.json()), `${path}: ${r.statusCode} ${r.body}`);
    }
    // the check tells an unrouted path (404) and a kind the route does not take (400 naming the parameter) from a refusal
    for (const path of [`/webhooks/sendgrid/${api.org}/nothing`, `/webhooks/twilio/${api.org}/nothing`]) {
      const r = await api.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload: '{}' });
      assert.ok(!refusedByHandler(r.statusCode, r.json()), `${path}: ${r.statusCode} ${r.body}`);
    }
  });
});

test('without COBRO_PUBLIC_URL no URLs are made up: null, with a note saying what to set', async () => {
  const api = await testApi();
  try {
    await api.app.inject({ method: 'PUT', url: '/v1/providers/sendgrid', headers: bearer(api.keys.admin),
      payload: { settings: { from: 'Billing <billing@example.com>' }, secrets: { api_key: 'SG.abcdefgh.ijklmnopqrst' } } });
    const r = (await api.app.inject({ method: 'GET', url: '/v1/providers', headers: bearer(api.keys.admin) })).json() as Listing;
    assert.equal(r.webhook_urls, null);
    assert.match(r.webhook_urls_note ?? '', /COBRO_PUBLIC_URL is not set/);
    assert.equal(r.data.find((d) => d.provider === 'sendgrid')?.webhook_urls, null);
  } finally { await api.close(); }
});
