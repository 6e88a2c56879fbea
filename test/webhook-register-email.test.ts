// POST /v1/providers/{provider}/webhooks/register, the email providers' inbound side and Adyen's company account: Mailgun's
// route forwarding replies to cobro's /inbound URL, SendGrid's signed Event Webhook (its verification key kept, then
// verifying a delivery the fake signs) and its Inbound Parse setting signed by a security policy (the policy's key kept,
// then verifying a raw reply the fake signs), and Adyen's company-level webhook including the org's merchant account. Each
// against a loopback fake checking method, path, auth and body as documented; a second run writes nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { getCredentials, vaultKey } from '../src/vault/index.ts';
import { SENDGRID_SIGNATURE, SENDGRID_TIMESTAMP } from '../src/channels/index.ts';
import { SENDGRID_EVENTS } from '../src/webhook-setup/events.ts';
import { fakeMailgunWebhooks, type FakeMailgunWebhooks } from './support/providers/webhook-setup-mailgun.ts';
import { fakeSendGridWebhooks } from './support/providers/webhook-setup-sendgrid.ts';
import { fakeAdyenManagement, type FakeAdyenManagement } from './support/providers/webhook-setup-adyen.ts';

const PUBLIC = 'https://cobro.example.com';
const NOW = new Date('2026-03-15T12:00:00Z');
const SG_KEY = 'SG.register-0001.abcdefghijklmnop';
const MG_KEY = 'key-mailgun-register-0002';
const ADYEN_KEY = 'AQEyhmfxKo3NaRFGw0m_company';

interface Registration { provider: string; outcome: string; steps: { what: string; outcome: string; id?: string; detail?: string }[] }

describe('registering the email providers\' webhooks and Adyen\'s company webhook', () => {
  let api: TestApi;
  let mailgun: FakeMailgunWebhooks; let sendgrid: Awaited<ReturnType<typeof fakeSendGridWebhooks>>; let adyen: FakeAdyenManagement;
  const hook = (path: string) => `${PUBLIC}/webhooks/${path.replace('{org}', api.org)}`;
  const put = async (provider: string, payload: Record<string, unknown>) => {
    const r = await api.app.inject({ method: 'PUT', url: `/v1/providers/${provider}`, headers: bearer(api.keys.admin), payload });
    assert.equal(r.statusCode, 200, r.body);
  };
  const registered = async (provider: string): Promise<Registration> => {
    const r = await api.app.inject({ method: 'POST', url: `/v1/providers/${provider}/webhooks/register`, headers: bearer(api.keys.admin) });
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as Registration;
  };
  const stored = async (provider: 'sendgrid' | 'adyen') => {
    const c = await getCredentials(api.db, await vaultKey(api.db, undefined), api.org, provider);
    assert.ok(c.ok && c.value);
    return c.value as unknown as { settings: Record<string, unknown>; secrets: Record<string, unknown> };
  };

  before(async () => {
    api = await testApi(() => NOW, { publicUrl: PUBLIC });
    mailgun = await fakeMailgunWebhooks({ apiKey: MG_KEY, domain: 'mg.example.com' });
    sendgrid = await fakeSendGridWebhooks({ apiKey: SG_KEY, parseDomains: ['luna.example'] });
    adyen = await fakeAdyenManagement({ apiKey: ADYEN_KEY, merchantAccount: 'AcmeShopEUR', companyAccount: 'AcmeCorp' });
  });
  after(async () => { await Promise.all([mailgun, sendgrid, adyen].map((f) => f.close())); await api.close(); });

  test('Mailgun: a route forwards mail to the from address to cobro\'s inbound URL; again: unchanged, nothing written', async () => {
    await put('mailgun', { settings: { domain: 'mg.example.com', from: 'Billing <billing@mg.example.com>', api_base: mailgun.url },
      secrets: { webhook_signing_key: 'mailgun-signing-key-0002', api_key: MG_KEY } });
    const r = await registered('mailgun');
    assert.equal(r.outcome, 'registered');
    const step = r.steps.at(-1)!;
    assert.deepEqual([step.what, step.outcome], [`route billing@mg.example.com -> ${hook('mailgun/{org}/inbound')}`, 'registered']);
    assert.equal(mailgun.routes.length, 1);
    const route = mailgun.routes[0]!;
    assert.deepEqual([route.id, route.priority, route.description, route.expression, route.actions],
      [step.id, 0, `cobro ${api.org}: replies`, 'match_recipient("^billing@mg\\.example\\.com$")', [`forward("${hook('mailgun/{org}/inbound')}")`]]);
    const writes = mailgun.writes.length;
    const again = await registered('mailgun');
    assert.equal(again.outcome, 'unchanged', JSON.stringify(again));
    assert.equal(mailgun.writes.length, writes, 'nothing written the second time');
  });

  test('Mailgun: a route made by hand forwarding to cobro is taken over (inbound_addresses, stop() dropped), not duplicated', async () => {
    mailgun.routes.splice(0);
    mailgun.routes.push({ id: 'byhand0001', priority: 5, description: 'replies', expression: 'catch_all()',
      actions: [`forward("${hook('mailgun/{org}/inbound')}")`, 'stop()'], created_at: NOW.toUTCString() });
    await put('mailgun', { settings: { domain: 'mg.example.com', from: 'Billing <billing@mg.example.com>', api_base: mailgun.url,
      inbound_addresses: ['cobranza@mg.example.com', 'billing@mg.example.com'] }, secrets: { webhook_signing_key: 'mailgun-signing-key-0002', api_key: MG_KEY } });
    const r = await registered('mailgun');
    assert.equal(r.steps.at(-1)!.outcome, 'updated');
    assert.match(r.steps.at(-1)!.detail ?? '', /stop\(\)/);
    assert.equal(mailgun.routes.length, 1);
    assert.deepEqual([mailgun.routes[0]!.expression, mailgun.routes[0]!.actions, mailgun.routes[0]!.priority],
      ['match_recipient("^(cobranza@mg\\.example\\.com|billing@mg\\.example\\.com)$")', [`forward("${hook('mailgun/{org}/inbound')}")`], 0]);
    assert.deepEqual(mailgun.writes.at(-1)?.method, 'PUT');
    assert.equal(mailgun.writes.at(-1)?.path, '/v3/routes/byhand0001');
  });

  test('SendGrid: a signed Event Webhook with cobro\'s events; its verification key kept verifies a delivery it signs; again: unchanged', async () => {
    await put('sendgrid', { settings: { from: 'cobranza@luna.example', api_base: sendgrid.url }, secrets: { api_key: SG_KEY } });
    const r = await registered('sendgrid');
    assert.equal(r.outcome, 'registered', JSON.stringify(r));
    assert.deepEqual(r.steps.map((s) => [s.what, s.outcome]), [[`event webhook ${hook('sendgrid/{org}/events')}`, 'registered'], ['verification key', 'registered']]);
    assert.equal(sendgrid.webhooks.length, 1);
    const w = sendgrid.webhooks[0]!;
    assert.equal(w.url, hook('sendgrid/{org}/events'));
    assert.equal(w.enabled, true);
    for (const e of Object.keys(SENDGRID_EVENTS)) assert.equal(w[e], true, e);
    for (const e of ['processed', 'deferred', 'click']) assert.equal(w[e], false, e);
    assert.deepEqual(sendgrid.writes.map((x) => [x.method, x.path]),
      [['POST', '/v3/user/webhooks/event/settings'], ['PATCH', `/v3/user/webhooks/event/settings/signed/${w.id}`]]);
    assert.equal((await stored('sendgrid')).settings['webhook_public_key'], w.public_key);
    // an event SendGrid signs now passes cobro's check on the kept key; a changed byte does not
    const unix = String(Math.floor(NOW.getTime() / 1000));
    const body = JSON.stringify([{ email: 'deudor@cliente.example', timestamp: Number(unix), event: 'delivered', sg_event_id: 'sg-reg-1', sg_message_id: 'm1.filter' }]);
    const deliver = (payload: string) => api.app.inject({ method: 'POST', url: `/webhooks/sendgrid/${api.org}/events`, payload,
      headers: { 'content-type': 'application/json', [SENDGRID_SIGNATURE]: sendgrid.sign(w.id, unix, body), [SENDGRID_TIMESTAMP]: unix } });
    assert.equal((await deliver(body)).statusCode, 200);
    assert.equal((await deliver(body.replace('deudor', 'deudar'))).statusCode, 403);
    const writes = sendgrid.writes.length;
    assert.equal((await registered('sendgrid')).outcome, 'unchanged');
    assert.equal(sendgrid.writes.length, writes, 'nothing written the second time');
  });

  test('SendGrid: a webhook at cobro\'s URL with other events is updated, not duplicated; a new signing key replaces the kept one, which stays accepted as previous', async () => {
    const w = sendgrid.webhooks[0]!;
    const kept = w.public_key!;
    Object.assign(w, { enabled: false, open: false, click: true });
    const typed = (await stored('sendgrid')).settings['webhook_public_key'];
    const r = await registered('sendgrid');
    assert.deepEqual(r.steps.map((s) => s.outcome), ['updated', 'unchanged']);
    assert.deepEqual([w.enabled, w['open'], w['click'], sendgrid.webhooks.length], [true, true, false, 1]);
    assert.equal(sendgrid.writes.at(-1)?.path, `/v3/user/webhooks/event/settings/${w.id}`);
    assert.equal(typed, kept);
    // signing turned off and on again at SendGrid: a new key, kept, the old one accepted as previous
    sendgrid.unsign(w.id);
    const again = await registered('sendgrid');
    assert.deepEqual(again.steps.map((s) => s.outcome), ['unchanged', 'updated']);
    const now = await stored('sendgrid');
    assert.equal(now.settings['webhook_public_key'], w.public_key);
    assert.notEqual(w.public_key, kept);
    assert.equal(now.settings['previous_webhook_public_key'], kept);
  });

  test('SendGrid: a refused API key is a failed step with SendGrid\'s words; nothing kept', async () => {
    const before = (await stored('sendgrid')).settings;
    await put('sendgrid', { settings: before, secrets: { api_key: 'SG.wrong-0001.abcdefghijklmnop' } });
    const r = await registered('sendgrid');
    assert.equal(r.outcome, 'failed');
    assert.match(r.steps[0]!.detail ?? '', /^SendGrid 401: The provided authorization grant is invalid/);
    assert.deepEqual((await stored('sendgrid')).settings, before);
  });

  test('Adyen with company_account: a company webhook including the merchant account, its HMAC key kept; again: unchanged', async () => {
    await put('adyen', { settings: { merchant_account: 'AcmeShopEUR', company_account: 'AcmeCorp', api_base: adyen.url }, secrets: { api_key: ADYEN_KEY } });
    const r = await registered('adyen');
    assert.equal(r.outcome, 'registered', JSON.stringify(r));
    assert.equal(r.steps[0]!.what, `company webhook ${hook('adyen/{org}')}`);
    const w = adyen.webhooks[0]!;
    assert.deepEqual([w.level, w.url, w.active, w.communicationFormat, w.filterMerchantAccountType, w.filterMerchantAccounts],
      ['company', hook('adyen/{org}'), true, 'json', 'includeAccounts', ['AcmeShopEUR']]);
    assert.deepEqual(adyen.writes.map((x) => [x.method, x.path]), [['POST', '/v3/companies/AcmeCorp/webhooks'], ['POST', `/v3/companies/AcmeCorp/webhooks/${w.id}/generateHmac`]]);
    assert.equal((await stored('adyen')).secrets['hmac_key'], w.hmacKey);
    const writes = adyen.writes.length;
    assert.equal((await registered('adyen')).outcome, 'unchanged');
    assert.equal(adyen.writes.length, writes);
    // one left including another merchant account only: the org's added, not a second webhook
    w.filterMerchantAccounts = ['OtherShop'];
    const u = await registered('adyen');
    assert.equal(u.outcome, 'updated');
    assert.deepEqual([w.filterMerchantAccountType, w.filterMerchantAccounts, adyen.webhooks.length], ['includeAccounts', ['OtherShop', 'AcmeShopEUR'], 1]);
  });

  test('Adyen: a refused API key is a failed step with Adyen\'s words', async () => {
    await put('adyen', { settings: { merchant_account: 'AcmeShopEUR', company_account: 'AcmeCorp', api_base: adyen.url }, secrets: { api_key: 'AQEyhmfxKo3NaRFGw0m_wrongkey' } });
    const r = await registered('adyen');
    assert.equal(r.outcome, 'failed');
    assert.match(r.steps[0]!.detail ?? '', /^Adyen 401: Not authorized/);
  });

  test('every run audited with the settings kept, never a key\'s value', async () => {
    const rows = await api.db.query<{ data: { outcome: string; settings_kept?: string[] } }>(
      `SELECT data FROM audit_log WHERE org_id = $1 AND action = 'webhooks.registered' AND entity_id = 'sendgrid' ORDER BY seq`, [api.org]);
    assert.deepEqual(rows.map((r) => [r.data.outcome, r.data.settings_kept]), [['registered', ['webhook_public_key']], ['unchanged', undefined],
      ['updated', undefined], ['updated', ['webhook_public_key', 'previous_webhook_public_key']], ['failed', undefined]]);
    assert.ok(!JSON.stringify(rows).includes(sendgrid.webhooks[0]!.public_key!));
  });

  /** A reply posted raw by Inbound Parse, signed with `signature` at NOW. */
  const parsePost = async (signature: (ts: string, body: Buffer) => string) => {
    const form = new FormData();
    const mime = ['From: Rosa <rosa@cliente.example>', 'To: cobranza@parse.luna.example', 'Subject: Re: factura', 'Message-ID: <raw-reg-1@cliente.example>',
      'Content-Type: text/plain; charset=utf-8', '', 'Ya pagué.', ''].join('\r\n');
    for (const [k, v] of Object.entries({ email: mime, to: 'cobranza@parse.luna.example', from: 'rosa@cliente.example',
      envelope: JSON.stringify({ to: ['cobranza@parse.luna.example'], from: 'rosa@cliente.example' }) })) form.append(k, v);
    const req = new Request('https://cobro.test/x', { method: 'POST', body: form });
    const body = Buffer.from(await req.arrayBuffer());
    const unix = String(Math.floor(NOW.getTime() / 1000));
    return api.app.inject({ method: 'POST', url: `/webhooks/sendgrid/${api.org}/inbound`, payload: body,
      headers: { 'content-type': req.headers.get('content-type')!, [SENDGRID_SIGNATURE]: signature(unix, body), [SENDGRID_TIMESTAMP]: unix } });
  };

  test('SendGrid with parse_hostname: an Inbound Parse setting posting raw to cobro, signed by a new security policy whose key is kept and verifies a reply; again: unchanged', async () => {
    await put('sendgrid', { settings: { ...(await stored('sendgrid')).settings, parse_hostname: 'parse.luna.example' }, secrets: { api_key: SG_KEY } });
    const from = sendgrid.writes.length;
    const r = await registered('sendgrid');
    assert.equal(r.outcome, 'registered', JSON.stringify(r));
    assert.deepEqual(r.steps.map((x) => [x.what, x.outcome]), [[`event webhook ${hook('sendgrid/{org}/events')}`, 'unchanged'], ['verification key', 'unchanged'],
      [`inbound parse parse.luna.example -> ${hook('sendgrid/{org}/inbound')}`, 'registered'], ['security policy', 'registered']]);
    const policy = sendgrid.policies[0]!;
    assert.deepEqual([sendgrid.policies.length, policy.name, r.steps[3]!.id], [1, `cobro ${api.org}: replies`, policy.id]);
    assert.deepEqual(sendgrid.parse, [{ url: hook('sendgrid/{org}/inbound'), hostname: 'parse.luna.example', spam_check: false, send_raw: true, security_policy: policy.id }]);
    assert.deepEqual(sendgrid.writes.slice(from).map((x) => [x.method, x.path]), [['POST', '/v3/user/webhooks/security/policies'],
      ['POST', '/v3/user/webhooks/parse/settings'], ['PATCH', '/v3/user/webhooks/parse/settings/parse.luna.example']]);
    assert.equal((await stored('sendgrid')).settings['parse_public_key'], policy.signature!.public_key);
    // a reply SendGrid posts raw, signed by the policy, is taken; one signed otherwise is refused
    assert.equal((await parsePost((ts, body) => sendgrid.signParse('parse.luna.example', ts, body))).statusCode, 200);
    assert.equal((await parsePost((ts, body) => sendgrid.sign(sendgrid.webhooks[0]!.id, ts, body.toString('utf8')))).statusCode, 403);
    const writes = sendgrid.writes.length;
    assert.equal((await registered('sendgrid')).outcome, 'unchanged');
    assert.equal(sendgrid.writes.length, writes, 'nothing written the second time');
    const [audit] = await api.db.query<{ data: { settings_kept?: string[] } }>(
      `SELECT data FROM audit_log WHERE org_id = $1 AND action = 'webhooks.registered' AND entity_id = 'sendgrid' AND data->>'outcome' = 'registered' ORDER BY seq DESC LIMIT 1`, [api.org]);
    assert.deepEqual(audit?.data.settings_kept, ['parse_public_key']);
  });

  test('SendGrid: a parse setting made by hand posting elsewhere under an OAuth-only policy is pointed at cobro, signing added to its policy (OAuth kept)', async () => {
    sendgrid.parse.splice(0);
    sendgrid.policies.splice(0);
    sendgrid.policies.push({ id: 'oauth-only-1', name: 'by hand', oauth: { client_id: 'c1', token_url: 'https://auth.luna.example/token' } });
    sendgrid.parse.push({ url: 'https://old.luna.example/parse', hostname: 'parse.luna.example', spam_check: true, send_raw: false, security_policy: 'oauth-only-1' });
    const kept = (await stored('sendgrid')).settings['parse_public_key'];
    const r = await registered('sendgrid');
    assert.deepEqual(r.steps.slice(2).map((x) => [x.outcome, x.id, x.detail]), [['updated', 'parse.luna.example', 'it posted elsewhere before'],
      ['updated', 'oauth-only-1', 'its public key kept as parse_public_key']]);
    assert.deepEqual(sendgrid.parse, [{ url: hook('sendgrid/{org}/inbound'), hostname: 'parse.luna.example', spam_check: true, send_raw: false, security_policy: 'oauth-only-1' }],
      'its own spam_check and send_raw kept: both forms are read');
    const policy = sendgrid.policies[0]!;
    assert.ok(policy.oauth && policy.signature, 'OAuth kept, signing added');
    const now = (await stored('sendgrid')).settings['parse_public_key'];
    assert.equal(now, policy.signature!.public_key);
    assert.notEqual(now, kept);
    assert.equal((await parsePost((ts, body) => sendgrid.signParse('parse.luna.example', ts, body))).statusCode, 200);
  });

  test('SendGrid: a parse hostname that is not an authenticated domain is a failed step with SendGrid\'s words, the policy made for it deleted again', async () => {
    await put('sendgrid', { settings: { ...(await stored('sendgrid')).settings, parse_hostname: 'parse.otro.example' }, secrets: { api_key: SG_KEY } });
    const before = sendgrid.policies.map((p) => p.id);
    const kept = (await stored('sendgrid')).settings['parse_public_key'];
    const from = sendgrid.writes.length;
    for (const run of [1, 2]) {
      const r = await registered('sendgrid');
      assert.equal(r.outcome, 'failed');
      const made = sendgrid.writes.slice(from).filter((x) => x.method === 'POST' && x.path === '/v3/user/webhooks/security/policies').length;
      assert.equal(made, run, 'each run makes a policy');
      assert.deepEqual(r.steps.slice(2).map((x) => [x.outcome, x.detail]), [['failed', 'SendGrid 400: hostname: not an authenticated domain'],
        ['unchanged', 'made and deleted again: the parse setting was refused']]);
      assert.ok(r.steps[3]!.id && !before.includes(r.steps[3]!.id));
      assert.deepEqual(sendgrid.policies.map((p) => p.id), before, 'the policy made in the run is gone, the one in use stays');
      assert.equal((await stored('sendgrid')).settings['parse_public_key'], kept);
    }
    assert.deepEqual(sendgrid.writes.slice(from).map((x) => x.method), ['POST', 'POST', 'DELETE', 'POST', 'POST', 'DELETE']);
  });

  test('SendGrid: when the policy made cannot be deleted again, the step says so and the policy is left', async () => {
    const before = sendgrid.policies.length;
    sendgrid.refuseDeletes('internal error');
    try {
      const r = await registered('sendgrid');
      assert.deepEqual(r.steps.slice(2).map((x) => [x.outcome, x.detail]), [['failed', 'SendGrid 400: hostname: not an authenticated domain'],
        ['registered', 'not attached, its key not kept: the parse setting was refused; deleting it failed (SendGrid 500: internal error): delete it at SendGrid']]);
      assert.equal(sendgrid.policies.length, before + 1);
    } finally { sendgrid.refuseDeletes(); }
  });
});
