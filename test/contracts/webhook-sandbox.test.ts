// Contract: the generic signed outbound webhook, and the sandbox that keeps what would have been sent.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySandboxStore, parseEgressAllow, SANDBOX_SIGNATURE_HEADER, sandboxAdapter, signPayload, webhookAdapter, type RawRequest } from '../../src/channels/index.ts';
import { verifyStripe } from '../../src/compliance/index.ts';
import { previewTemplate, type RenderedMessage } from '../../src/messaging/index.ts';
import { json, serve, type Received, type Running } from '../support/providers/http.ts';

function sms(): RenderedMessage {
  const r = previewTemplate('overdue-nudge', 'sms', { language: 'es' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

// the fake app listens on 127.0.0.1, which the default egress policy refuses: allowed here as an operator would
const egress = parseEgressAllow('127.0.0.1/32');

describe('generic signed outbound webhook', () => {
  let app: Running;
  const got: Received[] = [];
  let status = 200;
  before(async () => { app = await serve((req, res) => { got.push(req); json(res, status, { ok: status < 300 }, status === 503 ? { 'retry-after': '7' } : {}); }); });
  after(async () => { await app.close(); });

  it('posts the message with Idempotency-Key and a timestamped HMAC-SHA256 signature the receiver can check', async () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const adapter = webhookAdapter({ url: `${app.url}/hooks/cobro`, secrets: ['whsec_app'], now: () => now, egress });
    const r = await adapter.send({ to: 'cus_42', rendered: sms() }, { idempotencyKey: 'org_1:case_1:after-2:1' });
    assert.ok(r.ok);
    const req = got.at(-1);
    assert.ok(req);
    assert.equal(req.headers['idempotency-key'], 'org_1:case_1:after-2:1');
    assert.match(String(req.headers['cobro-signature']), /^t=1773144000,v1=[0-9a-f]{64}$/);
    assert.equal(verifyStripe({ rawBody: req.body, signature: String(req.headers['cobro-signature']), secrets: ['whsec_app'], now }).ok, true);
    const tampered = Buffer.from(req.body); tampered[10] = tampered[10] === 0x41 ? 0x42 : 0x41;
    assert.equal(verifyStripe({ rawBody: tampered, signature: String(req.headers['cobro-signature']), secrets: ['whsec_app'], now }).ok, false);
  });
  it('classifies 503 with Retry-After as temporary and 400 as permanent', async () => {
    const adapter = webhookAdapter({ url: `${app.url}/hooks/cobro`, secrets: ['whsec_app'], egress });
    status = 503;
    const r = await adapter.send({ to: 'cus_42', rendered: sms() }, { idempotencyKey: 'k2' });
    assert.ok(!r.ok && r.error.kind === 'temporary' && r.error.retryAfterMs === 7000);
    status = 400;
    const p = await adapter.send({ to: 'cus_42', rendered: sms() }, { idempotencyKey: 'k3' });
    assert.ok(!p.ok && p.error.kind === 'permanent');
    status = 200;
  });
  it('by default posts to no private address: refused before sending, permanently, the app never reached', async () => {
    const before = got.length;
    for (const url of [`${app.url}/hooks/cobro`, `http://localhost:${app.port}/hooks/cobro`, 'http://169.254.169.254/latest/meta-data/']) {
      const r = await webhookAdapter({ url, secrets: ['whsec_app'] }).send({ to: 'cus_42', rendered: sms() }, { idempotencyKey: `k-${url}` });
      assert.ok(!r.ok && r.error.kind === 'permanent' && r.error.code === 'EGRESS_REFUSED', `${url}: ${JSON.stringify(r)}`);
      assert.match(r.error.message, /loopback|link-local/);
    }
    assert.equal(got.length, before);
  });
});

describe('sandbox provider', () => {
  it('stores each message once per idempotency key and lists them newest first', async () => {
    const store = new MemorySandboxStore();
    const adapter = sandboxAdapter({ channel: 'sms', store });
    const a = await adapter.send({ to: '+5215512345678', rendered: sms() }, { idempotencyKey: 'k1' });
    const again = await adapter.send({ to: '+5215512345678', rendered: sms() }, { idempotencyKey: 'k1' });
    await adapter.send({ to: '+5215599999999', rendered: sms() }, { idempotencyKey: 'k2' });
    assert.ok(a.ok && again.ok && a.receipt.providerMessageId === again.receipt.providerMessageId);
    const all = await store.list({ channel: 'sms' });
    assert.deepEqual(all.map((e) => e.to), ['+5215599999999', '+5215512345678']);
    assert.equal(all[1]?.rendered.channel, 'sms');
  });
  it('accepts simulated replies only when signed, and reads STOP from them', () => {
    const now = new Date();
    const adapter = sandboxAdapter({ channel: 'sms', store: new MemorySandboxStore(), webhookSecrets: ['sbx_secret'], now: () => now });
    const body = JSON.stringify({ id: 'evt_1', type: 'message.reply', data: { messageId: 'sbx_1', from: '+5215512345678', text: 'BAJA' } });
    const req = (sig?: string): RawRequest => ({ method: 'POST', url: 'http://x/sandbox', body: Buffer.from(body), headers: sig ? { [SANDBOX_SIGNATURE_HEADER]: sig } : {} });
    assert.equal(adapter.verifyWebhook(req()).ok, false);
    const signed = req(signPayload('sbx_secret', body, now));
    assert.equal(adapter.verifyWebhook(signed).ok, true);
    assert.deepEqual(adapter.parseWebhook(signed).map((e) => e.type), ['reply', 'opt_out']);
  });
});
