// Rotating each provider's webhook signing secret (WH-5) through the API: with a new secret in force and the replaced one
// still accepted, deliveries signed with either are stored; a changed byte gets 403 with nothing stored; once the replaced
// secret is retired, or has expired, what it signs gets 403; which secret verified is counted; both steps are audited.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { adyenSignature, mailgunSignature, mercadoPagoSignature, metaSignature, stripeSignature, twilioSignature } from '../src/compliance/index.ts';
import { signPayload } from '../src/channels/index.ts';
import type { RotatingProvider, WebhookSecretsList } from '../src/vault/index.ts';

let api: TestApi;
let clock = new Date('2026-03-15T12:00:00Z');
before(async () => { api = await testApi(() => clock); });
after(async () => { await api.close(); });

let n = 0;
const post = (url: string, body: string, headers: Record<string, string>) =>
  api.app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': 'application/json', ...headers } }).then((r) => r.statusCode);
/** One byte of the signed text changed after signing. */
const flip = (s: string, at: string) => s.replace(at, `${at.slice(0, -1)}${at.endsWith('7') ? '8' : '7'}`);

interface Case {
  provider: RotatingProvider; settings: object; secrets(s: string): object; old: string; next: string;
  /** Posts a new event signed with `secret` (a byte changed after signing when `tamper`), answering the status. */
  deliver(org: string, secret: string, tamper?: boolean): Promise<number>;
}

const unix = () => String(Math.floor(clock.getTime() / 1000));
const CASES: Case[] = [
  { provider: 'stripe', settings: { api_base: 'http://127.0.0.1:9/' }, old: 'whsec_old0000000001', next: 'whsec_new0000000002',
    secrets: (s) => ({ secret_key: 'sk_test_rotation4242', webhook_secret: s }),
    deliver: (org, secret, tamper) => {
      const body = JSON.stringify({ id: `evt_rot${++n}7`, object: 'event', type: 'customer.created', data: { object: { id: 'cus_x' } } });
      const t = Number(unix());
      return post(`/webhooks/stripe/${org}`, tamper ? flip(body, `evt_rot${n}7`) : body, { 'stripe-signature': `t=${t},v1=${stripeSignature(secret, t, body)}` });
    } },
  { provider: 'mercadopago', settings: { api_base: 'http://127.0.0.1:9/' }, old: 'mp-old-secret-01', next: 'mp-new-secret-02',
    secrets: (s) => ({ access_token: 'APP_USR-rotation-1', webhook_secret: s }),
    deliver: (org, secret, tamper) => {
      const id = `${++n}7`;
      const ts = String(clock.getTime());
      const v1 = mercadoPagoSignature(secret, { dataId: id, requestId: `req-${n}`, ts });
      return post(`/webhooks/mercadopago/${org}?data.id=${tamper ? flip(id, id) : id}&type=payment`,
        JSON.stringify({ id: Number(`9${n}`), type: 'payment', action: 'payment.updated', data: { id: tamper ? flip(id, id) : id } }),
        { 'x-signature': `ts=${ts},v1=${v1}`, 'x-request-id': `req-${n}` });
    } },
  { provider: 'adyen', settings: { merchant_account: 'CobroTest', environment: 'test' }, old: 'a1'.repeat(32), next: 'b2'.repeat(32),
    secrets: (s) => ({ api_key: 'AQE-rotation-key-0001', hmac_key: s }),
    deliver: (org, secret, tamper) => {
      const item: Record<string, unknown> = { pspReference: `PSP${++n}7`, merchantAccountCode: 'CobroTest', merchantReference: 'ref',
        amount: { value: 1000, currency: 'EUR' }, eventCode: 'REPORT_AVAILABLE', success: 'true', eventDate: clock.toISOString() };
      item.additionalData = { hmacSignature: adyenSignature(secret, item) };
      const body = JSON.stringify({ live: 'false', notificationItems: [{ NotificationRequestItem: item }] });
      return post(`/webhooks/adyen/${org}`, tamper ? flip(body, `PSP${n}7`) : body, {});
    } },
  { provider: 'twilio', settings: { account_sid: `AC${'0'.repeat(32)}` }, old: 'twilio-old-token-0001', next: 'twilio-new-token-0002',
    secrets: (s) => ({ auth_token: s }),
    deliver: (org, secret, tamper) => {
      const params = { MessageSid: `SM${++n}7`, MessageStatus: 'delivered' };
      const path = `/webhooks/twilio/${org}/messages`;
      const body = new URLSearchParams(params).toString();
      return post(path, tamper ? flip(body, `SM${n}7`) : body,
        { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(secret, `http://localhost${path}`, params) });
    } },
  { provider: 'meta_whatsapp', settings: { phone_number_id: '1234567' }, old: 'meta-old-secret-1', next: 'meta-new-secret-2',
    secrets: (s) => ({ access_token: 'EAAG-rotation-token', app_secret: s }),
    deliver: (org, secret, tamper) => {
      const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages',
        value: { statuses: [{ id: `wamid.${++n}7`, status: 'delivered', timestamp: unix() }] } }] }] });
      return post(`/webhooks/meta/${org}/whatsapp`, tamper ? flip(body, `wamid.${n}7`) : body, { 'x-hub-signature-256': metaSignature(secret, body) });
    } },
  { provider: 'mailgun', settings: {}, old: 'key-mailgun-old-0001', next: 'key-mailgun-new-0002',
    secrets: (s) => ({ webhook_signing_key: s }),
    deliver: (org, secret, tamper) => {
      const timestamp = unix();
      const token = `${++n}7`.padStart(50, 'a');
      const signature = { timestamp, token: tamper ? flip(token, token) : token, signature: mailgunSignature(secret, timestamp, token) };
      return post(`/webhooks/mailgun/${org}/events`, JSON.stringify({ signature, 'event-data': { id: `mg-${n}`, event: 'delivered',
        timestamp: Number(timestamp), recipient: 'a@cliente.example', message: { headers: { 'message-id': `m${n}@cobro.test` } } } }), {});
    } },
  { provider: 'smtp', settings: { host: 'smtp.cobro.test', port: 587, from: 'cobros@cobro.test' }, old: 'email-old-secret-0001', next: 'email-new-secret-0002',
    secrets: (s) => ({ webhook_secret: s }),
    deliver: (org, secret, tamper) => {
      const body = JSON.stringify({ id: `ev${++n}7`, type: 'message.delivered', data: { messageId: `msg-${n}` } });
      return post(`/webhooks/email/${org}`, tamper ? flip(body, `ev${n}7`) : body, { 'cobro-signature': signPayload(secret, body, clock) });
    } },
];

const admin = () => bearer(api.keys.admin);
const stored = async (org: string) => Number((await api.db.query<{ n: string }>('SELECT count(*) AS n FROM inbox_events WHERE org_id = $1', [org]))[0]!.n);
const secretsOf = async (provider: string) => {
  const r = await api.app.inject({ method: 'GET', url: `/v1/providers/${provider}/webhook-secrets`, headers: admin() });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as WebhookSecretsList;
};

describe('webhook secret rotation for each provider verified with a shared secret', () => {
  for (const c of CASES) {
    it(`${c.provider}: old-signed and new-signed both pass, a changed byte gets 403, a retired secret gets 403`, async () => {
      const org = api.org;
      clock = new Date('2026-03-15T12:00:00Z');
      const put = await api.app.inject({ method: 'PUT', url: `/v1/providers/${c.provider}`, headers: admin(), payload: { settings: c.settings, secrets: c.secrets(c.old) } });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal(await c.deliver(org, c.old), 200, 'the one secret before the rotation');
      const added = await api.app.inject({ method: 'POST', url: `/v1/providers/${c.provider}/webhook-secrets`, headers: admin(), payload: { secret: c.next, keep_hours: 24 } });
      assert.equal(added.statusCode, 201, added.body);
      assert.ok(!added.body.includes(c.next) && !added.body.includes(c.old), 'no secret is echoed');
      const before = await stored(org);
      assert.equal(await c.deliver(org, c.old), 200, 'signed with the replaced secret');
      assert.equal(await c.deliver(org, c.next), 200, 'signed with the new secret');
      assert.equal(await stored(org), before + 2);
      assert.equal(await c.deliver(org, c.next, true), 403, 'a changed byte');
      assert.equal(await c.deliver(org, c.old, true), 403, 'a changed byte, old secret');
      assert.equal(await c.deliver(org, 'someone-elses-secret-00'.padEnd(64, '0').slice(0, c.old.length)), 403, 'neither secret');
      assert.equal(await stored(org), before + 2, 'nothing stored for what neither verified');
      const during = await secretsOf(c.provider);
      const [current, previous] = during.secrets;
      assert.deepEqual([current?.role, current?.hint, current?.verified_count], ['current', `…${c.next.slice(-4)}`, 1]);
      assert.deepEqual([previous?.role, previous?.hint, previous?.state, previous?.verified_count, previous?.last_verified_at],
        ['previous', `…${c.old.slice(-4)}`, 'active', 2, clock.toISOString()], 'the replaced secret keeps its count: one delivery before the rotation, one since');
      const retired = await api.app.inject({ method: 'POST', url: `/v1/providers/${c.provider}/webhook-secrets/retire`, headers: admin(), payload: { id: previous!.id } });
      assert.equal(retired.statusCode, 200, retired.body);
      assert.equal((retired.json() as WebhookSecretsList).secrets[1]?.state, 'retired');
      assert.equal(await c.deliver(org, c.old), 403, 'the retired secret');
      assert.equal(await c.deliver(org, c.next), 200);
      const [row] = await api.db.query<{ sealed: string | null }>('SELECT sealed FROM webhook_secrets WHERE org_id = $1 AND id = $2', [org, previous!.id]);
      assert.equal(row?.sealed, null, 'a retired secret is erased');
      const audit = await api.db.query<{ action: string; data: string }>(
        `SELECT action, data::text FROM audit_log WHERE org_id = $1 AND entity = 'provider_credentials' AND entity_id = $2 AND action LIKE 'webhook_secret.%' ORDER BY at, seq`, [org, c.provider]);
      assert.deepEqual(audit.map((a) => a.action), ['webhook_secret.added', 'webhook_secret.retired']);
      assert.ok(audit.every((a) => !a.data.includes(c.old) && !a.data.includes(c.next)), 'the audit holds hints only');
      await api.app.inject({ method: 'DELETE', url: `/v1/providers/${c.provider}`, headers: admin() });
    });
  }

  it('a replaced secret stops being accepted once its time is up', async () => {
    const c = CASES[0]!;
    clock = new Date('2026-03-16T12:00:00Z');
    await api.app.inject({ method: 'PUT', url: `/v1/providers/${c.provider}`, headers: admin(), payload: { settings: c.settings, secrets: c.secrets(c.old) } });
    const added = await api.app.inject({ method: 'POST', url: `/v1/providers/${c.provider}/webhook-secrets`, headers: admin(), payload: { secret: c.next, keep_hours: 2 } });
    assert.equal(added.statusCode, 201, added.body);
    clock = new Date('2026-03-16T13:59:00Z');
    assert.equal(await c.deliver(api.org, c.old), 200);
    clock = new Date('2026-03-16T14:00:00Z');
    assert.equal(await c.deliver(api.org, c.old), 403, 'expired');
    assert.equal(await c.deliver(api.org, c.next), 200);
    assert.equal((await secretsOf(c.provider)).secrets[1]?.state, 'expired');
    // expired is not retired: it can be retired (and erased), and a new rotation may start
    const again = await api.app.inject({ method: 'POST', url: `/v1/providers/${c.provider}/webhook-secrets`, headers: admin(), payload: { secret: 'whsec_third000000003' } });
    assert.equal(again.statusCode, 201, again.body);
    await api.app.inject({ method: 'DELETE', url: `/v1/providers/${c.provider}`, headers: admin() });
  });
});
