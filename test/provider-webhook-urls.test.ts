// GET /v1/providers says the webhook URLs an org registers at each provider, under COBRO_PUBLIC_URL: every one is routed
// (posted unsigned, each answers the provider's signature refusal, never 404; the four gateways connected, so each
// answers its own signature check's documented status), and none are given without a public URL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { WEBHOOK_PATHS } from '../src/api/webhook-urls.ts';

interface Url { url: string; purpose: string; for: string; set_by: 'you' | 'cobro'; methods: string[] }
interface Listing { data: { provider: string; webhook_urls: Url[] | null }[]; webhook_urls: Record<string, Url[]> | null; webhook_urls_note?: string }

const PUBLIC = 'https://cobro.example.com/';

/**
 * The provider's own refusal of an unsigned delivery: a missing or wrong signature (401/403), or no secret to check it with
 * (403 NO_SECRET). Not 404, and not a parameter the route refused.
 */
function refusedByHandler(status: number): boolean {
  return status === 401 || status === 403;
}

/** A connected gateway's signature refusal as documented: 403, PayPal's 400 (its check is PayPal's own API call). */
const GATEWAY_REFUSAL: Record<string, number> = { stripe: 403, mercadopago: 403, adyen: 403, paypal: 400 };

/** Each gateway connected with credentials of its own form, so an unsigned delivery reaches its signature check. */
const GATEWAY_CREDENTIALS: Record<string, { settings: Record<string, string>; secrets: Record<string, string> }> = {
  stripe: { settings: {}, secrets: { secret_key: 'sk_test_urls0001', webhook_secret: 'whsec_urls0001' } },
  mercadopago: { settings: {}, secrets: { access_token: 'APP_USR-urls-0001', webhook_secret: 'mp-secret-urls-0001' } },
  adyen: { settings: { merchant_account: 'AcmeShopEUR' }, secrets: { api_key: 'AQEyhmfxKo3NaRFGw0m_urls_0001', hmac_key: 'ab'.repeat(32) } },
  paypal: { settings: { client_id: 'AYpaypal-urls-0001', webhook_id: 'WHurls0001' }, secrets: { client_secret: 'paypal-secret-0001' } },
};

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
    assert.deepEqual(urls['sendgrid']?.map((u) => [u.url, u.set_by]), [[`https://cobro.example.com/webhooks/sendgrid/${o}/events`, 'you'],
      [`https://cobro.example.com/webhooks/sendgrid/${o}/inbound`, 'you']]);
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
    assert.deepEqual(sendgrid?.webhook_urls?.map((u) => u.purpose), ['sendgrid.events', 'sendgrid.inbound']);
  });

  test('every listed URL is routed: posted unsigned, each answers its signature refusal, not 404', async () => {
    for (const [provider, payload] of Object.entries(GATEWAY_CREDENTIALS)) {
      const put = await api.app.inject({ method: 'PUT', url: `/v1/providers/${provider}`, headers: bearer(api.keys.admin), payload });
      assert.equal(put.statusCode, 200, `${provider}: ${put.body}`);
    }
    const urls = (await list()).webhook_urls ?? {};
    const all = Object.entries(urls).flatMap(([provider, list]) => list.map((u) => ({ provider, ...u })));
    assert.equal(all.length, Object.values(WEBHOOK_PATHS).flat().length);
    const gateways = all.filter((u) => u.provider in GATEWAY_REFUSAL);
    assert.deepEqual(gateways.map((u) => u.provider).sort(), Object.keys(GATEWAY_REFUSAL).sort());
    for (const u of all) {
      const path = u.url.slice(PUBLIC.length - 1);
      // an event each gateway would read if it were not checked: a Stripe event, a payment notification, an id
      const r = await api.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' },
        payload: '{"id":"evt_1","object":"event","type":"payment","data":{"id":"1"}}' });
      const gateway = GATEWAY_REFUSAL[u.provider];
      if (gateway === undefined) { assert.ok(refusedByHandler(r.statusCode), `${path}: ${r.statusCode} ${r.body}`); continue; }
      // the gateway's own signature check, not "not connected": a handler that stops verifying fails here
      assert.deepEqual([r.statusCode, (r.json() as { error?: { code?: string } }).error?.code], [gateway, 'SIGNATURE_INVALID'], `${path}: ${r.body}`);
    }
    // the check tells an unrouted path (404) and a kind the route does not take (400 naming the parameter) from a refusal
    for (const path of [`/webhooks/sendgrid/${api.org}/nothing`, `/webhooks/twilio/${api.org}/nothing`]) {
      const r = await api.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload: '{}' });
      assert.ok(!refusedByHandler(r.statusCode), `${path}: ${r.statusCode} ${r.body}`);
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
