// Contract: SMS, WhatsApp and voice through a fake Twilio that checks requests as documented and signs its callbacks.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { twilioSmsAdapter, twilioVoiceAdapter, twilioWhatsAppAdapter, type ChannelAdapter, type RawRequest } from '../../src/channels/index.ts';
import { twilioSignature } from '../../src/compliance/index.ts';
import { renderMessage, sampleContext, type Channel, type RenderedMessage } from '../../src/messaging/index.ts';
import { webhookReceiver } from '../support/providers/http.ts';
import { fakeTwilio, type FakeTwilio } from '../support/providers/twilio.ts';

const ACCOUNT = 'AC' + '0'.repeat(32);
const TOKEN = 'twilio-auth-token';

function rendered(channel: Channel, templateId = 'due-today'): RenderedMessage {
  const r = renderMessage({ templateId, channel, tone: 'friendly', context: sampleContext('es') });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('Twilio SMS, WhatsApp and voice', () => {
  let twilio: FakeTwilio;
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  let sms: ChannelAdapter;
  const base = () => ({ accountSid: ACCOUNT, authToken: TOKEN, baseUrl: twilio.url, statusCallbackUrl: `${receiver.url}/twilio/status?org=org_1` });
  before(async () => {
    twilio = await fakeTwilio({ accountSid: ACCOUNT, authToken: TOKEN, optedOut: ['+5215550000001'], rateLimitNext: 0 });
    receiver = await webhookReceiver(twilioSmsAdapter({ accountSid: ACCOUNT, authToken: TOKEN, from: '+15550001111' }));
    sms = twilioSmsAdapter({ ...base(), from: '+15550001111' });
  });
  after(async () => { await receiver.close(); await twilio.close(); });

  it('sends an SMS and receives signed sent and delivered callbacks', async () => {
    const r = await sms.send({ to: '+5215512345678', rendered: rendered('sms') }, { idempotencyKey: 'k1' });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.match(r.receipt.providerMessageId, /^SM[0-9a-f]{32}$/);
    const body = twilio.accepted.at(-1)?.['Body'];
    assert.match(String(body), /vence hoy/);
    await twilio.callbacksDone();
    const states = receiver.events.filter((e) => e.type === 'delivery' && e.providerMessageId === r.receipt.providerMessageId).map((e) => e.type === 'delivery' ? e.state : '');
    assert.deepEqual(states, ['sent', 'delivered']);
    assert.equal(receiver.rejected(), 0);
  });
  it('classifies 21610 (opted out) and 21211 (invalid number) as permanent, and 429 as temporary with Retry-After', async () => {
    const stop = await sms.send({ to: '+5215550000001', rendered: rendered('sms') }, { idempotencyKey: 'k2' });
    assert.ok(!stop.ok && stop.error.kind === 'permanent' && stop.error.providerCode === '21610' && stop.error.contact === 'opted_out');
    const bad = await sms.send({ to: '5551234', rendered: rendered('sms') }, { idempotencyKey: 'k3' });
    assert.ok(!bad.ok && bad.error.kind === 'permanent' && bad.error.providerCode === '21211' && bad.error.contact === 'invalid');
    const limited = await fakeTwilio({ accountSid: ACCOUNT, authToken: TOKEN, rateLimitNext: 1 });
    const r = await twilioSmsAdapter({ accountSid: ACCOUNT, authToken: TOKEN, baseUrl: limited.url, from: '+15550001111' })
      .send({ to: '+5215512345678', rendered: rendered('sms') }, { idempotencyKey: 'k4' });
    await limited.close();
    assert.ok(!r.ok && r.error.kind === 'temporary' && r.error.retryAfterMs === 2000);
  });
  it('is rejected by Twilio with a wrong auth token', async () => {
    const r = await twilioSmsAdapter({ accountSid: ACCOUNT, authToken: 'wrong', baseUrl: twilio.url, from: '+15550001111' })
      .send({ to: '+5215512345678', rendered: rendered('sms') }, { idempotencyKey: 'k5' });
    assert.ok(!r.ok && r.error.kind === 'permanent' && r.error.httpStatus === 401);
  });
  it('reads a reply and a STOP keyword from signed incoming messages', async () => {
    const before = receiver.events.length;
    assert.equal(await twilio.sendIncoming(`${receiver.url}/twilio/sms`, { From: '+5215512345678', To: '+15550001111', Body: 'Pago el viernes' }), 200);
    assert.equal(await twilio.sendIncoming(`${receiver.url}/twilio/sms`, { From: '+5215512345678', To: '+15550001111', Body: ' stop ' }), 200);
    const events = receiver.events.slice(before);
    assert.deepEqual(events.map((e) => e.type), ['reply', 'reply', 'opt_out']);
    const stop = events[2];
    assert.ok(stop?.type === 'opt_out' && stop.keyword === 'stop' && stop.from === '+5215512345678' && stop.eventId.endsWith(':opt_out'));
  });
  it('fails verification when one byte of a signed callback changes, or the signature is missing', () => {
    const url = 'http://127.0.0.1/twilio/status';
    const params = { MessageSid: 'SM1', MessageStatus: 'delivered' };
    const body = Buffer.from(new URLSearchParams(params).toString());
    const req = (b: Buffer, sig?: string): RawRequest => ({ method: 'POST', url, body: b, headers: { 'content-type': 'application/x-www-form-urlencoded', ...(sig ? { 'x-twilio-signature': sig } : {}) } });
    const sig = twilioSignature(TOKEN, url, params);
    assert.equal(sms.verifyWebhook(req(body, sig)).ok, true);
    const changed = Buffer.from(body);
    changed[changed.length - 1] = 'x'.charCodeAt(0);
    assert.deepEqual(sms.verifyWebhook(req(changed, sig)), { ok: false, code: 'SIGNATURE_MISMATCH' });
    assert.deepEqual(sms.verifyWebhook(req(body)), { ok: false, code: 'SIGNATURE_MISSING' });
  });
  it('sends WhatsApp templates by ContentSid with ordered ContentVariables, and free text inside the window', async () => {
    const m = rendered('whatsapp');
    assert.ok(m.channel === 'whatsapp' && m.mode === 'template');
    const wa = twilioWhatsAppAdapter({ ...base(), from: '+15550001111', contentSids: { [`${m.template.name}:es`]: 'HX' + 'a'.repeat(32) } });
    const r = await wa.send({ to: '+5215512345678', rendered: m }, { idempotencyKey: 'k6' });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const sent = twilio.accepted.at(-1) ?? {};
    assert.equal(sent['To'], 'whatsapp:+5215512345678');
    assert.equal(sent['From'], 'whatsapp:+15550001111');
    assert.deepEqual(JSON.parse(String(sent['ContentVariables'])), Object.fromEntries(m.template.parameters.map((p, i) => [String(i + 1), p])));
    const free = renderMessage({ templateId: 'due-today', channel: 'whatsapp', tone: 'friendly', context: sampleContext('es'), whatsappWindowOpen: true });
    assert.ok(free.ok);
    assert.ok((await wa.send({ to: '+5215512345678', rendered: free.value }, { idempotencyKey: 'k7' })).ok);
    assert.match(String(twilio.accepted.at(-1)?.['Body']), /hoy vence/);
    const none = twilioWhatsAppAdapter({ ...base(), from: '+15550001111', contentSids: {} });
    const missing = await none.send({ to: '+5215512345678', rendered: m }, { idempotencyKey: 'k8' });
    assert.ok(!missing.ok && missing.error.code === 'TEMPLATE_NOT_REGISTERED');
  });
  it('places a call with TwiML and reads call states, the keypress and what is said', async () => {
    const voice = twilioVoiceAdapter({ ...base(), from: '+15550001111' });
    const callReceiver = await webhookReceiver(voice);
    const v = twilioVoiceAdapter({ ...base(), statusCallbackUrl: `${callReceiver.url}/twilio/voice/status`, from: '+15550001111' });
    const r = await v.send({ to: '+5215512345678', rendered: rendered('voice') }, { idempotencyKey: 'k9' });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.match(String(twilio.accepted.at(-1)?.['Twiml']), /<Say language="es-MX" voice="Polly\.Mia">/);
    await twilio.callbacksDone();
    const states = callReceiver.events.map((e) => (e.type === 'delivery' ? e.state : e.type));
    assert.deepEqual(states, ['queued', 'sent', 'delivered', 'delivered']);
    await twilio.sendIncoming(`${callReceiver.url}/twilio/voice/gather`, { CallSid: r.receipt.providerMessageId, Digits: '1', To: '+5215512345678', CallStatus: 'in-progress' });
    const press = callReceiver.events.at(-1);
    assert.ok(press?.type === 'keypress' && press.digits === '1');
    // what the debtor says on the call: a reply on channel voice from the number called, with the recognition's confidence
    await twilio.gathered(`${callReceiver.url}/twilio/voice/gather`, { CallSid: r.receipt.providerMessageId, To: '+5215512345678', From: '+15550001111',
      SpeechResult: ' puedo pagar el viernes ', Confidence: '0.87' });
    const said = callReceiver.events.at(-1);
    assert.ok(said?.type === 'reply');
    assert.deepEqual([said.channel, said.from, said.to, said.text, said.confidence, said.inReplyTo],
      ['voice', '+5215512345678', '+15550001111', 'puedo pagar el viernes', 0.87, r.receipt.providerMessageId]);
    assert.match(said.eventId, new RegExp(`^${r.receipt.providerMessageId}:speech:`));
    await callReceiver.close();
  });
});
