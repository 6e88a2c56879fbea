// Contract: WhatsApp through a fake Meta Cloud API that checks requests as documented and signs webhooks as Meta does.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { metaWhatsAppAdapter, type ChannelAdapter } from '../../src/channels/index.ts';
import { metaSignature } from '../../src/compliance/index.ts';
import { renderMessage, sampleContext, type RenderedMessage } from '../../src/messaging/index.ts';
import { webhookReceiver } from '../support/providers/http.ts';
import { fakeMeta, metaJson, type FakeMeta } from '../support/providers/meta.ts';

const SECRET = 'meta-app-secret';

function whatsapp(windowOpen = false): RenderedMessage {
  const r = renderMessage({ templateId: 'overdue-late-fee-warning', channel: 'whatsapp', tone: 'firm', context: sampleContext('pt-BR'), whatsappWindowOpen: windowOpen });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('WhatsApp through Meta Cloud API', () => {
  let meta: FakeMeta;
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  let adapter: ChannelAdapter;
  before(async () => {
    meta = await fakeMeta({ phoneNumberId: '1234567890', accessToken: 'EAAG-token', appSecret: SECRET, undeliverable: ['5511900000000'] });
    adapter = metaWhatsAppAdapter({ phoneNumberId: '1234567890', accessToken: 'EAAG-token', appSecrets: [SECRET], baseUrl: meta.url });
    receiver = await webhookReceiver(adapter);
    meta.setWebhook(`${receiver.url}/meta/webhook`);
  });
  after(async () => { await receiver.close(); await meta.close(); });

  it('sends an approved template with ordered body parameters and gets signed sent, delivered, read', async () => {
    const m = whatsapp();
    assert.ok(m.channel === 'whatsapp' && m.mode === 'template');
    const r = await adapter.send({ to: '+5511987654321', rendered: m }, { idempotencyKey: 'org_1:case_9:after-7:1' });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.match(r.receipt.providerMessageId, /^wamid\./);
    const body = meta.accepted.at(-1) as { template: { name: string; language: { code: string }; components: { parameters: { text: string }[] }[] }; biz_opaque_callback_data: string };
    // a debtor in Brazil gets the approved variant carrying the supplier's identification (BR-1)
    assert.equal(body.template.name, 'cobro_overdue_late_fee_warning_firm_br');
    assert.equal(body.template.name, m.template.name);
    assert.equal(body.template.language.code, 'pt_BR');
    assert.deepEqual(body.template.components[0]?.parameters.map((p) => p.text), m.template.parameters);
    assert.equal(body.biz_opaque_callback_data, 'org_1:case_9:after-7:1');
    await meta.callbacksDone();
    const states = receiver.events.filter((e) => e.type === 'delivery' && e.providerMessageId === r.receipt.providerMessageId).map((e) => (e.type === 'delivery' ? e.state : ''));
    assert.deepEqual(states, ['sent', 'delivered', 'read']);
  });
  it('sends free text inside the 24-hour window', async () => {
    const r = await adapter.send({ to: '+5511987654321', rendered: whatsapp(true) }, { idempotencyKey: 'k2' });
    assert.ok(r.ok);
    const body = meta.accepted.at(-1) as { type: string; text: { body: string } };
    assert.equal(body.type, 'text');
    assert.match(body.text.body, /dias de atraso/);
  });
  it('reports an undeliverable recipient as a failed delivery with a permanent 131026', async () => {
    const r = await adapter.send({ to: '+5511900000000', rendered: whatsapp() }, { idempotencyKey: 'k3' });
    assert.ok(r.ok);
    await meta.callbacksDone();
    const failed = receiver.events.find((e) => e.type === 'delivery' && e.providerMessageId === r.receipt.providerMessageId);
    assert.ok(failed?.type === 'delivery' && failed.state === 'failed' && failed.error?.kind === 'permanent' && failed.error.providerCode === '131026');
  });
  it('is refused with a bad token (permanent) and with a malformed template (permanent)', async () => {
    const bad = metaWhatsAppAdapter({ phoneNumberId: '1234567890', accessToken: 'nope', appSecrets: [SECRET], baseUrl: meta.url });
    const r = await bad.send({ to: '+5511987654321', rendered: whatsapp() }, { idempotencyKey: 'k4' });
    assert.ok(!r.ok && r.error.kind === 'permanent' && r.error.providerCode === '190');
    const m = whatsapp();
    assert.ok(m.channel === 'whatsapp' && m.mode === 'template');
    const broken = { ...m, template: { ...m.template, parameters: ['line\nbreak'] } };
    const r2 = await adapter.send({ to: '+5511987654321', rendered: broken }, { idempotencyKey: 'k5' });
    assert.ok(!r2.ok && r2.error.kind === 'permanent' && r2.error.httpStatus === 400);
  });
  it('reads a reply with accents and a SAIR keyword from signed messages', async () => {
    const before = receiver.events.length;
    assert.equal(await meta.sendIncomingText('5511987654321', 'Não consigo pagar hoje, só sexta'), 200);
    assert.equal(await meta.sendIncomingText('5511987654321', 'SAIR'), 200);
    const events = receiver.events.slice(before);
    assert.deepEqual(events.map((e) => e.type), ['reply', 'reply', 'opt_out']);
    assert.ok(events[0]?.type === 'reply' && events[0].text === 'Não consigo pagar hoje, só sexta');
  });
  it('fails verification when one byte changes or when the body is re-serialised', () => {
    const raw = metaJson({ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages', value: { messages: [{ id: 'wamid.1', from: '1', text: { body: 'olá' } }] } }] }] });
    const headers = { 'x-hub-signature-256': metaSignature(SECRET, raw), 'content-type': 'application/json' };
    const req = (body: string) => ({ method: 'POST', url: 'http://x/meta', headers, body: Buffer.from(body) });
    assert.equal(adapter.verifyWebhook(req(raw)).ok, true);
    assert.equal(adapter.verifyWebhook(req(raw.replace('wamid.1', 'wamid.2'))).ok, false);
    assert.equal(adapter.verifyWebhook(req(JSON.stringify(JSON.parse(raw)))).ok, false);
  });
});
