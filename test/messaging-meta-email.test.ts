// WhatsApp through Meta's Cloud API and email through SMTP, with their events back over loopback: Meta's GET handshake and
// X-Hub-Signature-256 webhooks, Mailgun's signed events and forwarded replies (form-encoded and multipart), and the
// generic signed email webhook. A changed byte is refused with 403 and nothing stored; a repeated event is processed once;
// a hard bounce suppresses the address and fires the step's fallback channel.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { signPayload } from '../src/channels/index.ts';
import { dispatchOnce, processInbound } from '../src/worker/index.ts';
import { fakeMeta, metaJson, type FakeMeta } from './support/providers/meta.ts';
import { smtpSink, type SmtpSink } from './support/providers/smtp.ts';
import { mailgunEvent, mailgunWebhooks, type MailgunWebhooks } from './support/providers/mailgun.ts';
import { aDebtor, aSend, connect, inboxOf, messagesOf, messagingServer, type MessagingServer } from './support/messaging.ts';
import { metaSignature } from '../src/compliance/index.ts';

let db: Db;
let server: MessagingServer;
let meta: FakeMeta;
let sink: SmtpSink;
let mailgun: MailgunWebhooks;
let org: string;
const morning = new Date('2026-03-10T17:00:00Z');
const EMAIL_SECRET = 'email-webhook-secret-0001';
const dispatch = () => dispatchOnce({ db, now: () => morning, adapters: server.adapters, publicUrl: server.publicUrl });
const url = (path: string) => `${server.publicUrl}/webhooks/${path.replace('ORG', org)}`;

before(async () => {
  server = await messagingServer(() => morning, 'Papelería Sol');
  ({ db, org } = server);
  meta = await fakeMeta({ phoneNumberId: '1098765432', accessToken: 'meta-access-token', appSecret: 'meta-app-secret', webhookUrl: url('meta/ORG/whatsapp'),
    undeliverable: ['5215599999999'] });
  sink = await smtpSink({ 'gone@cliente.example': 550 });
  mailgun = mailgunWebhooks({ signingKey: 'key-mailgun-signing-0001', now: () => morning });
  await connect(db, org, 'meta_whatsapp', { phone_number_id: '1098765432', api_base: meta.url }, { access_token: 'meta-access-token', app_secret: 'meta-app-secret',
    verify_token: 'verify-me-please' });
  await connect(db, org, 'smtp', { host: '127.0.0.1', port: sink.port, from: 'Cobranza <cobranza@sol.example>' }, { webhook_secret: EMAIL_SECRET });
  await connect(db, org, 'mailgun', {}, { webhook_signing_key: 'key-mailgun-signing-0001' });
});
after(async () => { await meta.callbacksDone(); await meta.close(); await sink.close(); await server.close(); });

/** An email sent through the org's SMTP relay; its Message-ID as cobro stored it. */
async function sentEmail(email: string, fallback: string[] = []) {
  const d = await aDebtor(db, org, { email, phone: `+52155${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` }, ['email', 'sms']);
  const action = await aSend(db, org, d, ['email'], { fallback });
  await dispatch();
  const [m] = await messagesOf(db, action);
  return { d, action, message: m! };
}

describe('WhatsApp through Meta', () => {
  it('answers the subscription handshake only with the org\'s verify token', async () => {
    const ok = await fetch(`${url('meta/ORG/whatsapp')}?hub.mode=subscribe&hub.verify_token=verify-me-please&hub.challenge=1158201444`);
    assert.deepEqual([ok.status, await ok.text()], [200, '1158201444']);
    for (const q of ['hub.mode=subscribe&hub.verify_token=wrong-token-000&hub.challenge=1', 'hub.verify_token=verify-me-please&hub.challenge=1']) {
      assert.equal((await fetch(`${url('meta/ORG/whatsapp')}?${q}`)).status, 403);
    }
  });

  it('sends through the org\'s Cloud API number; signed statuses move the message to read; a changed byte is refused', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512300001', whatsapp: '+5215512300001' }, ['whatsapp']);
    const action = await aSend(db, org, d, ['whatsapp']);
    assert.equal((await dispatch()).sent, 1);
    assert.equal(meta.accepted.at(-1)?.['to'], '+5215512300001');
    await meta.callbacksDone();
    await processInbound(db, org, morning);
    const [m] = await messagesOf(db, action);
    assert.deepEqual([m?.provider, m?.status], ['meta', 'read']);
    const body = metaJson({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'messages', value: { statuses: [
      { id: m!.provider_message_id, status: 'failed', timestamp: '1773162000', errors: [{ code: 131026, title: 'Message undeliverable' }] }] } }] }] });
    const stored = (await inboxOf(db, org)).length;
    const tampered = await fetch(url('meta/ORG/whatsapp'), { method: 'POST', body: body.replace('failed', 'faileD'),
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature('meta-app-secret', body) } });
    assert.equal(tampered.status, 403);
    assert.equal((await inboxOf(db, org)).length, stored);
  });

  it('links a WhatsApp reply (the number without its plus) to the customer, and reads STOP', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512300002', whatsapp: '+5215512300002' }, ['whatsapp']);
    assert.equal(await meta.sendIncomingText('5215512300002', 'Ya pagué ayer'), 200);
    assert.equal(await meta.sendIncomingText('5215512300002', 'STOP'), 200);
    await processInbound(db, org, morning);
    const replies = await db.query<{ customer_id: string; text: string }>('SELECT customer_id, text FROM inbound_messages WHERE org_id = $1 AND channel = $2 ORDER BY received_at, id',
      [org, 'whatsapp']);
    assert.deepEqual(replies.filter((r) => r.customer_id === d.customer.id).map((r) => r.text).sort(), ['STOP', 'Ya pagué ayer']);
    const sup = await db.query<{ channel: string; address: string }>('SELECT channel, address FROM suppressions WHERE customer_id = $1 AND lifted_at IS NULL', [d.customer.id]);
    assert.ok(sup.some((s) => s.channel === 'whatsapp'), JSON.stringify(sup));
  });
});

describe('email events through Mailgun and the signed email webhook', () => {
  it('moves an email to delivered and read from Mailgun\'s signed events', async () => {
    const { action, message } = await sentEmail('ana@cliente.example');
    assert.match(message.provider_message_id ?? '', /^<[0-9a-f]{32}@sol\.example>$/);
    assert.equal(await mailgun.postEvent(url('mailgun/ORG/events'), mailgun.eventBody(mailgunEvent('delivered', message.provider_message_id!, 'ana@cliente.example'))), 200);
    assert.equal(await mailgun.postEvent(url('mailgun/ORG/events'), mailgun.eventBody(mailgunEvent('opened', message.provider_message_id!, 'ana@cliente.example'))), 200);
    await processInbound(db, org, morning);
    assert.equal((await messagesOf(db, action))[0]?.status, 'read');
  });

  it('on a hard bounce suppresses the address and sends the step\'s fallback channel through the gate', async () => {
    const { d, action, message } = await sentEmail('bounce@cliente.example', ['sms']);
    const failed = mailgunEvent('failed', message.provider_message_id!, 'bounce@cliente.example',
      { severity: 'permanent', reason: 'bounce', 'delivery-status': { code: 550, message: '5.1.1 mailbox does not exist', description: 'No such user' } });
    assert.equal(await mailgun.postEvent(url('mailgun/ORG/events'), mailgun.eventBody(failed)), 200);
    await processInbound(db, org, morning);
    const [email, sms] = await messagesOf(db, action);
    assert.deepEqual([email?.status, email?.reason], ['bounced', 'HARD_BOUNCE: No such user']);
    assert.deepEqual([sms?.channel, sms?.status, sms?.fallback_of], ['sms', 'queued', email?.id]);
    const sup = await db.query<{ address: string; source: string }>('SELECT address, source FROM suppressions WHERE customer_id = $1', [d.customer.id]);
    assert.deepEqual(sup, [{ address: 'bounce@cliente.example', source: 'provider' }]);
    await dispatch();
    assert.equal((await messagesOf(db, action))[1]?.status, 'delivered', 'the sandbox delivered the SMS (the org has no SMS provider)');
  });

  it('refuses a changed signed field, and a token signed for another body, with 403; a repeat of the same body is processed once', async () => {
    const { action, message } = await sentEmail('repeat@cliente.example');
    const signed = mailgun.sign();
    const body = mailgun.eventBody(mailgunEvent('delivered', message.provider_message_id!, 'repeat@cliente.example'), signed);
    const stored = (await inboxOf(db, org)).length;
    assert.equal(await mailgun.postEvent(url('mailgun/ORG/events'), body.replace(signed.token, `${signed.token.slice(0, -1)}${signed.token.endsWith('0') ? '1' : '0'}`)), 403);
    assert.equal(await mailgun.postEvent(url('mailgun/ORG/events'), body), 200);
    assert.equal(await mailgun.postEvent(url('mailgun/ORG/events'), body), 200);
    const forged = mailgun.eventBody(mailgunEvent('failed', message.provider_message_id!, 'repeat@cliente.example', { severity: 'permanent' }), signed);
    assert.equal(await mailgun.postEvent(url('mailgun/ORG/events'), forged), 403);
    assert.equal((await inboxOf(db, org)).length, stored + 1);
    await processInbound(db, org, morning);
    assert.equal((await messagesOf(db, action))[0]?.status, 'delivered');
  });

  it('keeps a reply forwarded by a Mailgun route, multipart or form-encoded, linked to the email it answers', async () => {
    for (const multipart of [true, false]) {
      const email = `reply${multipart ? 'm' : 'f'}@cliente.example`;
      const { d, message } = await sentEmail(email);
      const fields = { sender: email, from: `Ana <${email}>`, recipient: 'cobranza@sol.example', subject: 'Re: Recordatorio',
        'body-plain': 'Pagaré el lunes.\n\n> el mensaje anterior', 'stripped-text': 'Pagaré el lunes.', 'Message-Id': `<r${multipart ? 1 : 2}@cliente.example>`,
        'In-Reply-To': message.provider_message_id!.replace(/[<>]/g, '') };
      assert.equal(await mailgun.postInbound(url('mailgun/ORG/inbound'), fields, { multipart }), 200);
      await processInbound(db, org, morning);
      const [reply] = await db.query<{ customer_id: string; in_reply_to: string; text: string }>(
        'SELECT customer_id, in_reply_to, text FROM inbound_messages WHERE org_id = $1 AND from_address = $2', [org, email]);
      assert.deepEqual(reply, { customer_id: d.customer.id, in_reply_to: message.id, text: 'Pagaré el lunes.' });
    }
  });

  it('takes bounces from the generic webhook signed with cobro-signature, and refuses a changed byte', async () => {
    const { action, message } = await sentEmail('generic@cliente.example');
    const body = JSON.stringify({ id: 'evt_relay_1', type: 'message.bounced', data: { messageId: message.provider_message_id } });
    const post = (b: string, signature = signPayload(EMAIL_SECRET, body, morning)) =>
      fetch(url('email/ORG'), { method: 'POST', body: b, headers: { 'content-type': 'application/json', 'cobro-signature': signature } }).then((r) => r.status);
    assert.equal(await post(body.replace('bounced', 'bounceD')), 403);
    assert.equal(await post(body, signPayload('someone-elses-secret-00', body, morning)), 403);
    assert.equal(await post(body), 200);
    await processInbound(db, org, morning);
    assert.equal((await messagesOf(db, action))[0]?.status, 'bounced');
  });
});
