// POST /v1/providers/{provider}/webhooks/register: cobro sets its own webhook URLs at Twilio, Stripe, PayPal, Adyen and
// Mailgun through their APIs (loopback fakes that check auth, paths and bodies as each provider documents them), keeps
// what comes back (Stripe's signing secret and Adyen's HMAC key sealed, PayPal's webhook id), audits each run, changes
// nothing when run again, and updates a registration already there instead of making a second one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { getCredentials, vaultKey } from '../src/vault/index.ts';
import { stripeSignature } from '../src/compliance/signatures/stripe.ts';
import { PAYPAL_EVENTS, STRIPE_EVENTS, MAILGUN_EVENTS } from '../src/webhook-setup/events.ts';
import { fakeTwilioNumbers, type FakeTwilioNumbers } from './support/providers/webhook-setup-twilio.ts';
import { fakeStripeEndpoints, type FakeStripeEndpoints } from './support/providers/webhook-setup-stripe.ts';
import { fakePayPalWebhooks, type FakePayPalWebhooks } from './support/providers/webhook-setup-paypal.ts';
import { fakeAdyenManagement, type FakeAdyenManagement } from './support/providers/webhook-setup-adyen.ts';
import { fakeMailgunWebhooks, type FakeMailgunWebhooks } from './support/providers/webhook-setup-mailgun.ts';

const PUBLIC = 'https://cobro.example.com';
const NOW = new Date('2026-03-15T12:00:00Z');
const SID = `AC${'c0ffee'.repeat(5)}ab`;
const TOKEN = 'twilio-token-0000000001';
const SMS = '+15005550006';
const VOICE = '+15005550007';

interface Registration { provider: string; outcome: string; steps: { what: string; outcome: string; id?: string; detail?: string }[] }

describe('registering webhooks at the providers', () => {
  let api: TestApi;
  let twilio: FakeTwilioNumbers; let stripe: FakeStripeEndpoints; let paypal: FakePayPalWebhooks; let adyen: FakeAdyenManagement; let mailgun: FakeMailgunWebhooks;
  const hook = (path: string) => `${PUBLIC}/webhooks/${path.replace('{org}', api.org)}`;
  const put = async (provider: string, payload: Record<string, unknown>) => {
    const r = await api.app.inject({ method: 'PUT', url: `/v1/providers/${provider}`, headers: bearer(api.keys.admin), payload });
    assert.equal(r.statusCode, 200, r.body);
  };
  const register = async (provider: string, key = api.keys.admin) => api.app.inject({ method: 'POST', url: `/v1/providers/${provider}/webhooks/register`, headers: bearer(key) });
  const registered = async (provider: string): Promise<Registration> => {
    const r = await register(provider);
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as Registration;
  };
  const secrets = async (provider: 'stripe' | 'adyen' | 'paypal') => {
    const c = await getCredentials(api.db, await vaultKey(api.db, undefined), api.org, provider);
    assert.ok(c.ok && c.value);
    return c.value as unknown as { settings: Record<string, unknown>; secrets: Record<string, unknown> };
  };

  before(async () => {
    api = await testApi(() => NOW, { publicUrl: PUBLIC });
    twilio = await fakeTwilioNumbers({ accountSid: SID, authToken: TOKEN, numbers: [SMS, VOICE, '+15005550009'] });
    stripe = await fakeStripeEndpoints({ secretKey: 'sk_test_register0001' });
    paypal = await fakePayPalWebhooks({ clientId: 'AYpaypal-register-01', clientSecret: 'paypal-secret-register' });
    adyen = await fakeAdyenManagement({ apiKey: 'AQEyhmfxKo3NaRFGw0m_register', merchantAccount: 'AcmeShopEUR' });
    mailgun = await fakeMailgunWebhooks({ apiKey: 'key-mailgun-register-0001', domain: 'mg.example.com' });
    await put('twilio', { settings: { account_sid: SID, sms_from: SMS, voice_from: VOICE, api_base: twilio.url }, secrets: { auth_token: TOKEN } });
    await put('stripe', { settings: { api_base: stripe.url }, secrets: { secret_key: 'sk_test_register0001', webhook_secret: 'whsec_typedbyhand' } });
    await put('paypal', { settings: { client_id: 'AYpaypal-register-01', webhook_id: 'WHtypedbyhand', api_base: paypal.url }, secrets: { client_secret: 'paypal-secret-register' } });
    await put('adyen', { settings: { merchant_account: 'AcmeShopEUR', api_base: adyen.url }, secrets: { api_key: 'AQEyhmfxKo3NaRFGw0m_register', hmac_key: 'ab'.repeat(32) } });
    await put('mailgun', { settings: { domain: 'mg.example.com', from: 'Billing <billing@mg.example.com>', api_base: mailgun.url },
      secrets: { webhook_signing_key: 'mailgun-signing-key-0001', api_key: 'key-mailgun-register-0001' } });
  });
  after(async () => { await Promise.all([twilio, stripe, paypal, adyen, mailgun].map((f) => f.close())); await api.close(); });

  test('Twilio: both numbers point at cobro (incoming calls, messages, call statuses, all POST); the third is left alone; again: unchanged', async () => {
    const r = await registered('twilio');
    assert.equal(r.outcome, 'updated');
    assert.deepEqual(r.steps.map((s) => [s.what, s.outcome]), [[`number ${SMS}`, 'updated'], [`number ${VOICE}`, 'updated']]);
    for (const n of twilio.numbers.slice(0, 2)) {
      assert.deepEqual([n.voice_url, n.voice_method, n.sms_url, n.sms_method, n.status_callback, n.status_callback_method],
        [hook('twilio/{org}/incoming'), 'POST', hook('twilio/{org}/messages'), 'POST', hook('twilio/{org}/voice'), 'POST']);
    }
    assert.equal(twilio.numbers[2]!.voice_url, 'https://demo.twilio.com/welcome/voice/');
    const writes = twilio.updates.length;
    const again = await registered('twilio');
    assert.equal(again.outcome, 'unchanged');
    assert.equal(twilio.updates.length, writes, 'nothing written the second time');
  });

  test('Stripe: an endpoint with cobro\'s events; its signing secret replaces the stored one and verifies a delivery; again: unchanged', async () => {
    const r = await registered('stripe');
    assert.equal(r.outcome, 'registered');
    assert.equal(stripe.endpoints.length, 1);
    const e = stripe.endpoints[0]!;
    assert.equal(e.url, hook('stripe/{org}'));
    assert.deepEqual([...e.enabled_events].sort(), [...STRIPE_EVENTS].sort());
    assert.equal(r.steps[0]!.id, e.id);
    assert.equal((await secrets('stripe')).secrets['webhook_secret'], e.secret);
    // a delivery Stripe signs with the endpoint's secret passes cobro's signature check; one signed with the secret typed by hand does not
    const body = JSON.stringify({ id: 'evt_reg_1', type: 'customer.created', created: NOW.getTime() / 1000, data: { object: { id: 'cus_1' } } });
    const t = Math.floor(NOW.getTime() / 1000);
    const deliver = (secret: string) => api.app.inject({ method: 'POST', url: `/webhooks/stripe/${api.org}`, payload: body,
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${stripeSignature(secret, t, body)}` } });
    assert.notEqual((await deliver(e.secret)).statusCode, 403);
    assert.equal((await deliver('whsec_typedbyhand')).statusCode, 403);
    const writes = stripe.writes.length;
    assert.equal((await registered('stripe')).outcome, 'unchanged');
    assert.equal(stripe.writes.length, writes);
    assert.equal(stripe.endpoints.length, 1, 'not duplicated');
  });

  test('Stripe: an endpoint at cobro\'s URL with other events (or disabled) is updated, not duplicated, and the stored secret stays', async () => {
    const e = stripe.endpoints[0]!;
    e.enabled_events = ['charge.succeeded'];
    e.status = 'disabled';
    const before = (await secrets('stripe')).secrets['webhook_secret'];
    const r = await registered('stripe');
    assert.equal(r.outcome, 'updated');
    assert.match(r.steps[0]!.detail ?? '', /signing secret stays/);
    assert.equal(stripe.endpoints.length, 1);
    assert.deepEqual([[...e.enabled_events].sort(), e.status], [[...STRIPE_EVENTS].sort(), 'enabled']);
    assert.equal((await secrets('stripe')).secrets['webhook_secret'], before);
    assert.deepEqual(stripe.writes.at(-1)?.form.filter(([k]) => k === 'disabled'), [['disabled', 'false']]);
  });

  test('PayPal: a webhook with cobro\'s event types; its id is stored as webhook_id; again: unchanged; changed types are replaced', async () => {
    const r = await registered('paypal');
    assert.equal(r.outcome, 'registered');
    const w = paypal.webhooks[0]!;
    assert.equal(w.url, hook('paypal/{org}'));
    assert.deepEqual(w.event_types.map((t) => t.name).sort(), [...PAYPAL_EVENTS].sort());
    assert.deepEqual(paypal.writes[0]?.body, { url: w.url, event_types: PAYPAL_EVENTS.map((name) => ({ name })) });
    assert.equal((await secrets('paypal')).settings['webhook_id'], w.id);
    const writes = paypal.writes.length;
    assert.equal((await registered('paypal')).outcome, 'unchanged');
    assert.equal(paypal.writes.length, writes);
    w.event_types = [{ name: 'PAYMENT.CAPTURE.COMPLETED', description: '' }];
    assert.equal((await registered('paypal')).outcome, 'updated');
    assert.deepEqual(paypal.writes.at(-1)?.body, [{ op: 'replace', path: '/event_types', value: PAYPAL_EVENTS.map((name) => ({ name })) }]);
    assert.equal(paypal.webhooks.length, 1);
  });

  test('Adyen: a Standard JSON webhook of the merchant account, its generated HMAC key kept as hmac_key; again: unchanged', async () => {
    const r = await registered('adyen');
    assert.equal(r.outcome, 'registered');
    const w = adyen.webhooks[0]!;
    assert.deepEqual([w.url, w.type, w.active, w.communicationFormat], [hook('adyen/{org}'), 'standard', true, 'json']);
    assert.equal((await secrets('adyen')).secrets['hmac_key'], w.hmacKey);
    const writes = adyen.writes.length;
    assert.equal((await registered('adyen')).outcome, 'unchanged');
    assert.equal(adyen.writes.length, writes);
  });

  test('Mailgun: each event type cobro reads lists cobro\'s events URL, next to a URL another system had; again: unchanged', async () => {
    mailgun.hooks['delivered'] = ['https://other.example.com/mg'];
    const r = await registered('mailgun');
    assert.equal(r.outcome, 'registered');
    assert.deepEqual(r.steps.map((s) => [s.what, s.outcome]), [...MAILGUN_EVENTS.map((e) => [`event ${e}`, e === 'delivered' ? 'updated' : 'registered']),
      [`route billing@mg.example.com -> ${hook('mailgun/{org}/inbound')}`, 'registered']]);
    assert.deepEqual(mailgun.hooks['delivered'], ['https://other.example.com/mg', hook('mailgun/{org}/events')]);
    for (const e of MAILGUN_EVENTS) assert.ok(mailgun.hooks[e]?.includes(hook('mailgun/{org}/events')), e);
    const writes = mailgun.writes.length;
    assert.equal((await registered('mailgun')).outcome, 'unchanged');
    assert.equal(mailgun.writes.length, writes);
  });

  test('every run is audited with its outcome and steps, never a secret', async () => {
    const rows = await api.db.query<{ entity_id: string; data: { outcome: string; steps: unknown[]; secret_kept?: string } }>(
      `SELECT entity_id, data FROM audit_log WHERE org_id = $1 AND action = 'webhooks.registered' ORDER BY seq`, [api.org]);
    assert.ok(rows.length >= 11, String(rows.length));
    const stripeFirst = rows.find((r) => r.entity_id === 'stripe')!;
    assert.deepEqual([stripeFirst.data.outcome, stripeFirst.data.secret_kept], ['registered', 'webhook_secret']);
    assert.ok(!JSON.stringify(rows).includes(stripe.endpoints[0]!.secret), 'the signing secret is not in the audit log');
  });

  test('a provider\'s refusal is a failed step with its words; nothing is kept', async () => {
    await put('stripe', { settings: { api_base: stripe.url }, secrets: { secret_key: 'sk_test_notthekey', webhook_secret: 'whsec_typedbyhand' } });
    const r = await registered('stripe');
    assert.equal(r.outcome, 'failed');
    assert.match(r.steps[0]!.detail ?? '', /^Stripe 401: Invalid API Key provided/);
    assert.equal((await secrets('stripe')).secrets['webhook_secret'], 'whsec_typedbyhand');
  });

  test('connected without the signing secret, webhook id or HMAC key: deliveries are refused until registering keeps them', async () => {
    const other = (provider: string, payload: Record<string, unknown>) =>
      api.app.inject({ method: 'PUT', url: `/v1/providers/${provider}`, headers: bearer(api.otherKey), payload });
    assert.equal((await other('stripe', { settings: { api_base: stripe.url }, secrets: { secret_key: 'sk_test_register0001' } })).statusCode, 200);
    assert.equal((await other('paypal', { settings: { client_id: 'AYpaypal-register-01', api_base: paypal.url }, secrets: { client_secret: 'paypal-secret-register' } })).statusCode, 200);
    assert.equal((await other('adyen', { settings: { merchant_account: 'AcmeShopEUR', api_base: adyen.url }, secrets: { api_key: 'AQEyhmfxKo3NaRFGw0m_register' } })).statusCode, 200);
    const body = JSON.stringify({ id: 'evt_other_1', type: 'customer.created', created: NOW.getTime() / 1000, data: { object: { id: 'cus_1' } } });
    const t = Math.floor(NOW.getTime() / 1000);
    const deliver = (secret: string) => api.app.inject({ method: 'POST', url: `/webhooks/stripe/${api.otherOrg}`, payload: body,
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${stripeSignature(secret, t, body)}` } });
    assert.equal((await deliver('')).statusCode, 403, 'no secret: nothing verifies, not even an empty key');
    for (const provider of ['stripe', 'paypal', 'adyen']) {
      const r = await api.app.inject({ method: 'POST', url: `/v1/providers/${provider}/webhooks/register`, headers: bearer(api.otherKey) });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal((r.json() as Registration).outcome, 'registered', r.body);
    }
    const opened = async (provider: 'stripe' | 'paypal' | 'adyen') => {
      const c = await getCredentials(api.db, await vaultKey(api.db, undefined), api.otherOrg, provider);
      assert.ok(c.ok && c.value);
      return c.value as unknown as { settings: Record<string, unknown>; secrets: Record<string, unknown> };
    };
    const endpoint = stripe.endpoints.find((e) => e.url === `${PUBLIC}/webhooks/stripe/${api.otherOrg}`)!;
    assert.equal((await opened('stripe')).secrets['webhook_secret'], endpoint.secret);
    assert.notEqual((await deliver(endpoint.secret)).statusCode, 403);
    assert.equal((await opened('paypal')).settings['webhook_id'], paypal.webhooks.find((w) => w.url.endsWith(`/paypal/${api.otherOrg}`))!.id);
    assert.equal((await opened('adyen')).secrets['hmac_key'], adyen.webhooks.find((w) => w.url.endsWith(`/adyen/${api.otherOrg}`))!.hmacKey);
  });

  test('credentials saved again without the kept secret: Stripe\'s endpoint is made again and Adyen\'s key generated anew, not left unverifiable', async () => {
    const other = (provider: string, payload: Record<string, unknown>) =>
      api.app.inject({ method: 'PUT', url: `/v1/providers/${provider}`, headers: bearer(api.otherKey), payload });
    const before = stripe.endpoints.find((e) => e.url.endsWith(`/stripe/${api.otherOrg}`))!;
    assert.equal((await other('stripe', { settings: { api_base: stripe.url }, secrets: { secret_key: 'sk_test_register0001' } })).statusCode, 200);
    assert.equal((await other('adyen', { settings: { merchant_account: 'AcmeShopEUR', api_base: adyen.url }, secrets: { api_key: 'AQEyhmfxKo3NaRFGw0m_register' } })).statusCode, 200);
    const run = async (provider: string) => (await api.app.inject({ method: 'POST', url: `/v1/providers/${provider}/webhooks/register`, headers: bearer(api.otherKey) })).json() as Registration;
    const s = await run('stripe');
    assert.equal(s.outcome, 'registered');
    assert.match(s.steps[0]!.detail ?? '', new RegExp(`made again in place of ${before.id}`));
    const now = stripe.endpoints.filter((e) => e.url.endsWith(`/stripe/${api.otherOrg}`));
    assert.equal(now.length, 1, 'the old endpoint deleted, one left');
    const c = await getCredentials(api.db, await vaultKey(api.db, undefined), api.otherOrg, 'stripe');
    assert.ok(c.ok && c.value && c.value.secrets.webhook_secret === now[0]!.secret);
    const a = await run('adyen');
    assert.equal(a.outcome, 'updated');
    const k = await getCredentials(api.db, await vaultKey(api.db, undefined), api.otherOrg, 'adyen');
    assert.ok(k.ok && k.value && k.value.secrets.hmac_key === adyen.webhooks.find((w) => w.url.endsWith(`/adyen/${api.otherOrg}`))!.hmacKey);
    assert.equal(adyen.webhooks.filter((w) => w.url.endsWith(`/adyen/${api.otherOrg}`)).length, 1);
  });

  test('refused: a provider without webhooks, one cobro leaves to its console, one not connected, a non-admin', async () => {
    const imap = await register('imap');
    assert.equal(imap.statusCode, 400);
    assert.equal(imap.json().error.field, 'provider');
    assert.match(imap.json().error.message, /imap has no webhooks/);
    const meta = await register('meta_whatsapp');
    assert.equal(meta.statusCode, 400);
    assert.match(meta.json().error.message, /cobro does not register meta_whatsapp's webhooks itself/);
    await api.app.inject({ method: 'DELETE', url: '/v1/providers/mailgun', headers: bearer(api.keys.admin) });
    const gone = await register('mailgun');
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json().error.field, 'provider');
    assert.equal((await register('twilio', api.keys.manager)).statusCode, 403);
  });
});

describe('without COBRO_PUBLIC_URL', () => {
  let api: TestApi;
  before(async () => { api = await testApi(() => NOW); });
  after(async () => { await api.close(); });
  test('refused (409) naming COBRO_PUBLIC_URL, nothing called', async () => {
    await api.app.inject({ method: 'PUT', url: '/v1/providers/stripe', headers: bearer(api.keys.admin),
      payload: { settings: { api_base: 'http://127.0.0.1:9/' }, secrets: { secret_key: 'sk_test_nourl0001', webhook_secret: 'whsec_nourl' } } });
    const r = await api.app.inject({ method: 'POST', url: '/v1/providers/stripe/webhooks/register', headers: bearer(api.keys.admin) });
    assert.equal(r.statusCode, 409, r.body);
    assert.equal(r.json().error.field, 'COBRO_PUBLIC_URL');
    assert.match(r.json().error.message, /COBRO_PUBLIC_URL is not set/);
  });
});
