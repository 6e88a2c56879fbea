// Twilio through an org's own account, end to end over loopback: the dispatcher sends with the org's vault credentials,
// the fake Twilio posts signed status callbacks and replies to /webhooks/twilio/{org}/..., a changed byte is refused with
// 403 and nothing stored, a repeated event is processed once, replies join the case timeline, STOP suppresses and START
// lifts, and a call's keypress is answered in TwiML and queues the payment link by SMS (through the gate).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { twilioSignature } from '../src/compliance/index.ts';
import { caseStory } from '../src/timeline/index.ts';
import { dispatchOnce, processInbound } from '../src/worker/index.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, aDebtor, aSend, connect, inboxOf, messagesOf, messagingServer, type MessagingServer } from './support/messaging.ts';

let db: Db;
let server: MessagingServer;
let twilio: FakeTwilio;
let org: string;
const morning = new Date('2026-03-10T17:00:00Z'); // 11:00 in Mexico City
const dispatch = (at = morning) => dispatchOnce({ db, now: () => at, adapters: server.adapters, publicUrl: server.publicUrl });
const hook = (kind: string) => `${server.publicUrl}/webhooks/twilio/${org}/${kind}`;

before(async () => {
  server = await messagingServer(() => morning, 'Ferretería Luna');
  ({ db, org } = server);
  twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN, optedOut: ['+5215500000099'] });
  await connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', voice_from: '+15550002222', api_base: twilio.url, rate_per_second: 500 },
    { auth_token: TWILIO_TOKEN });
});
after(async () => { await twilio.callbacksDone(); await twilio.close(); await server.close(); });

/** Posts form fields to a webhook signed as Twilio signs them, with an idempotency token; `tamper` changes the body after signing. */
async function signedPost(url: string, fields: Record<string, string>, opts: { token?: string; tamper?: (b: string) => string } = {}) {
  const body = new URLSearchParams(fields).toString();
  const r = await fetch(url, { method: 'POST', body: opts.tamper ? opts.tamper(body) : body, headers: {
    'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TWILIO_TOKEN, url, fields),
    'i-twilio-idempotency-token': opts.token ?? `tok-${Math.random()}` } });
  return { status: r.status, text: await r.text() };
}

describe('Twilio through the org\'s own account', () => {
  it('sends an SMS with the org\'s credentials, and the signed status callbacks move it to delivered', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512345678' }, ['sms']);
    const action = await aSend(db, org, d, ['sms']);
    const before = twilio.accepted.length;
    assert.equal((await dispatch()).sent, 1);
    assert.equal(twilio.accepted.length, before + 1, 'the fake Twilio got the message');
    assert.equal(twilio.accepted.at(-1)?.['StatusCallback'], hook('messages'));
    const [sent] = await messagesOf(db, action);
    assert.deepEqual([sent?.status, sent?.provider], ['sent', 'twilio']);
    await twilio.callbacksDone();
    const report = await processInbound(db, org, morning);
    assert.ok(report.processed >= 2, JSON.stringify(report));
    assert.equal((await messagesOf(db, action))[0]?.status, 'delivered');
  });

  it('refuses a changed byte or an unsigned callback with 403 and stores nothing; a repeated event is stored and processed once', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512340001' }, ['sms']);
    const action = await aSend(db, org, d, ['sms']);
    await dispatch();
    await twilio.callbacksDone();
    await processInbound(db, org, morning);
    const sid = (await messagesOf(db, action))[0]!.provider_message_id!;
    const fields = { AccountSid: TWILIO_ACCOUNT, MessageSid: sid, MessageStatus: 'read', To: '+5215512340001', From: '+15550001111' };
    const stored = (await inboxOf(db, org)).length;
    assert.equal((await signedPost(hook('messages'), fields, { tamper: (b) => b.replace('read', 'reae') })).status, 403);
    const unsigned = await fetch(hook('messages'), { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(unsigned.status, 403);
    assert.equal((await inboxOf(db, org)).length, stored, 'nothing stored');
    assert.equal((await signedPost(hook('messages'), fields, { token: 'same-token' })).status, 200);
    assert.equal((await signedPost(hook('messages'), fields, { token: 'same-token' })).status, 200);
    assert.equal((await inboxOf(db, org)).length, stored + 1, 'one row for the repeated event');
    assert.deepEqual(await processInbound(db, org, morning), { tried: 1, processed: 1, waiting: 0, failed: 0 });
    assert.equal((await messagesOf(db, action))[0]?.status, 'read');
    assert.equal((await processInbound(db, org, morning)).tried, 0, 'processed once');
  });

  it('keeps a reply linked to the customer and the message it answers, in the case timeline', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512340002' }, ['sms']);
    const action = await aSend(db, org, d, ['sms']);
    await dispatch();
    assert.equal(await twilio.sendIncoming(hook('messages'), { From: '+5215512340002', To: '+15550001111', Body: 'Pago el viernes, gracias' }), 200);
    await processInbound(db, org, morning);
    const [reply] = await db.query<{ customer_id: string; in_reply_to: string; text: string; channel: string }>(
      'SELECT customer_id, in_reply_to, text, channel FROM inbound_messages WHERE org_id = $1 AND from_address = $2', [org, '+5215512340002']);
    assert.deepEqual(reply, { customer_id: d.customer.id, in_reply_to: (await messagesOf(db, action))[0]!.id, text: 'Pago el viernes, gracias', channel: 'sms' });
    const story = await caseStory(db, org, d.caseId);
    assert.ok(story.ok);
    assert.ok(story.value.timeline.some((e) => e.kind === 'reply_received' && e.reason.includes('Pago el viernes')));
  });

  it('removes a card number typed into a reply before it is stored', async () => {
    await aDebtor(db, org, { phone: '+5215512340005' }, ['sms']);
    await twilio.sendIncoming(hook('messages'), { From: '+5215512340005', To: '+15550001111', Body: 'mi tarjeta 4111 1111 1111 1111' });
    await processInbound(db, org, morning);
    const rows = await db.query<{ text: string }>('SELECT text FROM inbound_messages WHERE org_id = $1 AND from_address = $2', [org, '+5215512340005']);
    assert.equal(rows[0]?.text, 'mi tarjeta [card number removed]');
    // this reply's own raw event (the file's other events carry random ids, which may hold the digits by chance)
    const raw = await db.query<{ body: string }>(`SELECT body FROM inbox_events WHERE org_id = $1 AND body LIKE '%5215512340005%'`, [org]);
    assert.equal(raw.length, 1, "the reply's raw event is kept");
    assert.doesNotMatch(raw[0]!.body, /4111/, 'not in the raw body either');
  });

  it('suppresses the number on STOP, so the next SMS is blocked by the gate; START lifts it', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512340003' }, ['sms']);
    await twilio.sendIncoming(hook('messages'), { From: '+5215512340003', To: '+15550001111', Body: 'STOP' });
    await processInbound(db, org, morning);
    const sup = await db.query<{ source: string; lifted_at: string | null }>('SELECT source, lifted_at FROM suppressions WHERE customer_id = $1', [d.customer.id]);
    assert.deepEqual(sup.map((s) => [s.source, s.lifted_at]), [['keyword', null]]);
    const action = await aSend(db, org, d, ['sms']);
    const before = twilio.accepted.length;
    await dispatch();
    assert.equal(twilio.accepted.length, before, 'nothing sent');
    assert.match((await messagesOf(db, action))[0]?.reason ?? '', /OPTED_OUT/);
    await twilio.sendIncoming(hook('messages'), { From: '+5215512340003', To: '+15550001111', Body: 'START' });
    await processInbound(db, org, morning);
    const lifted = await db.query<{ lifted_at: string | null }>('SELECT lifted_at FROM suppressions WHERE customer_id = $1', [d.customer.id]);
    assert.ok(lifted.every((s) => s.lifted_at !== null));
  });

  it('calls through Twilio, reads call statuses, answers the keypress in TwiML and queues the link by SMS through the gate', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512340004' }, ['voice', 'sms']);
    const action = await aSend(db, org, d, ['voice'], { template: 'overdue-nudge', tone: 'neutral' });
    assert.equal((await dispatch()).sent, 1);
    const call = twilio.accepted.at(-1)!;
    assert.match(String(call['Twiml']), new RegExp(`/webhooks/twilio/${org}/gather`));
    assert.equal(call['StatusCallback'], hook('voice'));
    await twilio.callbacksDone();
    await processInbound(db, org, morning);
    const [voice] = await messagesOf(db, action);
    assert.equal(voice?.status, 'delivered');
    const press = await signedPost(hook('gather'), { AccountSid: TWILIO_ACCOUNT, CallSid: voice!.provider_message_id!, Digits: '1', To: '+5215512340004', From: '+15550002222' });
    assert.equal(press.status, 200);
    assert.match(press.text, /<Response><Say language="es-MX" voice="Polly.Mia">[^<]+<\/Say><Hangup\/><\/Response>/);
    await processInbound(db, org, morning);
    const before = twilio.accepted.length;
    await dispatch();
    const sms = (await messagesOf(db, action)).find((m) => m.channel === 'sms');
    assert.equal(sms?.status, 'sent');
    assert.equal(twilio.accepted.length, before + 1);
    assert.equal(twilio.accepted.at(-1)?.['To'], '+5215512340004');
  });
});
