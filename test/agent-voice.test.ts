// Speech on a reminder call, end to end through the loopback Twilio fake: the call's Gather takes speech in the debtor's
// locale, what the debtor says is posted signed to the gather webhook, the agent reads it and answers in the same response
// as TwiML (Spanish words with a Spanish voice, then listening again, a hang-up or a transfer). A promise is recorded with
// the date in the debtor's time zone; a link goes by SMS through the gate; a request for a person is put through to the
// org's agent number with a handover; unsigned posts are refused; speech heard badly twice goes to a person.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { caseStory } from '../src/timeline/index.ts';
import { dispatchOnce } from '../src/worker/index.ts';
import { handoverDetail, listHandovers, setAgentSettings } from '../src/agent/index.ts';
import { suppress, twilioSignature } from '../src/compliance/index.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, aDebtor, aSend, connect, messagesOf, messagingServer, type MessagingServer } from './support/messaging.ts';

let db: Db;
let server: MessagingServer;
let twilio: FakeTwilio;
let org: string;
const AGENT_NUMBER = '+525555550000';
// Thursday 12 March, 18:30 in Mexico City: already Friday 13 in UTC
let clock = new Date('2026-03-13T00:30:00Z');
const tick = (minutes = 1) => (clock = new Date(clock.getTime() + minutes * 60_000));
const gatherHook = () => `${server.publicUrl}/webhooks/twilio/${org}/gather`;

before(async () => {
  server = await messagingServer(() => clock, 'Ferretería Luna');
  ({ db, org } = server);
  twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN });
  await connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', voice_from: '+15550002222', api_base: twilio.url,
    rate_per_second: 500, agent_number: AGENT_NUMBER }, { auth_token: TWILIO_TOKEN });
  const on = await setAgentSettings(db, org, 'test', { enabled: true }, clock);
  assert.ok(on.ok);
});
after(async () => { await twilio.callbacksDone(); await twilio.close(); await server.close(); });

const dispatch = () => dispatchOnce({ db, now: () => clock, adapters: server.adapters, publicUrl: server.publicUrl });

/** A debtor in Mexico City called with a reminder; returns the debtor and the call's Twilio id once the call is placed. */
async function called(phone: string) {
  const d = await aDebtor(db, org, { phone }, ['voice', 'sms']);
  const action = await aSend(db, org, d, ['voice'], { template: 'overdue-nudge', tone: 'neutral', scheduledFor: '2026-03-12' });
  const before = twilio.accepted.length;
  await dispatch();
  const calls = twilio.accepted.slice(before).filter((m) => m['To'] === phone && m['Twiml'] !== undefined);
  assert.equal(calls.length, 1, 'the reminder call is placed');
  const call = calls[0]!;
  const [m] = await messagesOf(db, action);
  assert.ok(m?.provider_message_id);
  return { ...d, callSid: m.provider_message_id, twiml: String(call['Twiml']) };
}

/** What the debtor says on the call, as Twilio posts it to the Gather's action; the TwiML the call goes on with. */
async function say(c: { callSid: string; customer: { phone?: string | null } }, speech: string, confidence = '0.93', token?: string) {
  tick();
  const r = await twilio.gathered(gatherHook(), { CallSid: c.callSid, From: '+15550002222', To: c.customer.phone ?? '', SpeechResult: speech, Confidence: confidence },
    token);
  assert.equal(r.status, 200);
  return r.twiml;
}

/** The words of the TwiML's <Say> verbs. */
const saidIn = (twiml: string) => [...twiml.matchAll(/<Say [^>]*>([^<]*)<\/Say>/g)].map((m) => m[1]).join(' ');

const turnsOf = (customerId: string) => db.query<{ intent: string; action: string; spoken: { text: string; next: string } | null; reply_message_id: string | null }>(
  'SELECT intent, action, spoken, reply_message_id FROM agent_turns WHERE customer_id = $1 ORDER BY created_at, id', [customerId]);

describe('the agent on a call', () => {
  it('listens for speech in the debtor\'s locale, records a promise for Friday in their time zone, and confirms it aloud in Spanish', async () => {
    const c = await called('+5215512500001');
    assert.match(c.twiml, /<Gather input="dtmf speech" numDigits="1" timeout="8" language="es-MX" speechTimeout="auto" speechModel="phone_call" action="[^"]+\/gather" method="POST">/);
    const first = await say(c, 'puedo pagar el viernes');
    // the first spoken turn of the call discloses the automated assistant; the question is asked while listening again
    assert.match(first, /^<\?xml version="1\.0" encoding="UTF-8"\?><Response><Gather input="dtmf speech"[^>]*language="es-MX"[^>]*><Say language="es-MX" voice="Polly\.Mia">Hola, le habla el asistente automático de Ferretería Luna\. ¿Cuánto va a pagar el viernes, 13 de marzo\? Su saldo es de \$1,500\.00: dígame el monto, o diga todo\.<\/Say><\/Gather>/);
    assert.doesNotMatch(first, /le escribe|\(asistente automático\)/, 'spoken, not written');
    const second = await say(c, 'todo');
    assert.match(second, /<Say language="es-MX" voice="Polly\.Mia">Listo: registré su compromiso de pagar \$1,500\.00 a más tardar el viernes, 13 de marzo\. No le enviaremos recordatorios antes de esa fecha\. Le acabo de enviar el enlace de pago por mensaje de texto\.<\/Say>/);
    assert.doesNotMatch(saidIn(second), /asistente automático|https?:|\{\{/, 'introduced once; no link read aloud');
    const promises = await db.query<{ amount: number; currency: string; due_date: string; channel: string; source: string }>(
      'SELECT amount, currency, due_date, channel, source FROM promises WHERE customer_id = $1', [c.customer.id]);
    assert.deepEqual(promises, [{ amount: 150_000, currency: 'MXN', due_date: '2026-03-13', channel: 'voice', source: 'agent' }]);
    const turns = await turnsOf(c.customer.id);
    assert.deepEqual(turns.map((t) => [t.intent, t.action, t.spoken?.next]), [['promise_to_pay', 'asked_promise_amount', 'listen'], ['greeting_thanks', 'promise_recorded', 'listen']]);
    const story = await caseStory(db, org, c.caseId);
    assert.ok(story.ok);
    assert.ok(story.value.timeline.some((e) => e.kind === 'agent_decision' && /agent read the voice reply as .*promise_recorded.*said on the call: "Listo: registré/.test(e.reason)),
      'the spoken answer is in the case timeline');
    const heard = await db.query<{ channel: string; text: string; speech_confidence: number }>(
      'SELECT channel, text, speech_confidence FROM inbound_messages WHERE customer_id = $1 ORDER BY received_at, id', [c.customer.id]);
    assert.deepEqual(heard.map((h) => [h.channel, h.text, Number(h.speech_confidence)]), [['voice', 'puedo pagar el viernes', 0.93], ['voice', 'todo', 0.93]]);
  });

  it('sends the link by SMS through the gate when asked on the call, and says so instead of reading it', async () => {
    const c = await called('+5215512500002');
    const twiml = await say(c, 'mándeme el link para pagar por favor');
    assert.match(twiml, /<Say language="es-MX" voice="Polly\.Mia">Hola, le habla el asistente automático de Ferretería Luna\. Le acabo de enviar el enlace de pago por mensaje de texto\.<\/Say><\/Gather>/);
    assert.doesNotMatch(saidIn(twiml), /https?:|\{\{/);
    const [turn] = await turnsOf(c.customer.id);
    assert.equal(turn?.action, 'sent_link');
    assert.ok(turn?.reply_message_id, 'the SMS is the turn\'s answer in the outbox');
    const [queued] = await db.query<{ channel: string; status: string; template: string }>('SELECT channel, status, template FROM messages WHERE id = $1', [turn.reply_message_id]);
    assert.deepEqual(queued, { channel: 'sms', status: 'queued', template: 'agent-reply' });
    const before = twilio.accepted.length;
    await dispatch();
    const sms = twilio.accepted.slice(before).find((m) => m['To'] === '+5215512500002');
    assert.match(String(sms?.['Body']), /Puede pagar \$1,500\.00 aqui: https?:\/\/\S+/);
    const gated = await db.query<{ decision: string }>(`SELECT decision FROM gate_decisions WHERE customer_id = $1 AND channel = 'sms'`, [c.customer.id]);
    assert.ok(gated.length >= 1 && gated.every((g) => g.decision === 'allow'), 'the SMS went through the compliance gate');
  });

  it('puts a debtor who asks for a person through to the agent number, with a handover and its summary', async () => {
    const c = await called('+5215512500003');
    const twiml = await say(c, 'quiero hablar con una persona');
    assert.match(twiml, /<Response><Say language="es-MX" voice="Polly\.Mia">Hola, le habla el asistente automático de Ferretería Luna\. Lo comunico ahora con una persona de nuestro equipo\. Un momento, por favor\.<\/Say><Dial>\+525555550000<\/Dial><\/Response>$/);
    const [h] = await listHandovers(db, org, { customerId: c.customer.id });
    assert.equal(h?.reason, 'talk_to_human');
    assert.match(h!.summary, /^Asked to talk to a person/);
    assert.match(h!.summary, /said on a call in es: "quiero hablar con una persona" \(read as talk_to_human/);
    assert.deepEqual((await turnsOf(c.customer.id)).map((t) => [t.action, t.spoken?.next]), [['handed_over', 'dial']]);
    const detail = await handoverDetail(db, org, h!.id);
    assert.ok(detail.ok);
    assert.deepEqual(detail.value.conversation.map((l) => [l.direction, l.channel, l.by, l.text]), [
      ['in', 'voice', 'debtor', 'quiero hablar con una persona'],
      ['out', 'voice', 'agent', 'Hola, le habla el asistente automático de Ferretería Luna. Lo comunico ahora con una persona de nuestro equipo. Un momento, por favor.'],
    ], 'the handover screen shows what was said on the call both ways');
  });

  it('refuses a gather post that is unsigned or signed with another token, storing nothing', async () => {
    const c = await called('+5215512500004');
    const fields = { AccountSid: TWILIO_ACCOUNT, CallSid: c.callSid, From: '+15550002222', To: '+5215512500004', SpeechResult: 'ya pagué', Confidence: '0.9',
      Direction: 'outbound-api' };
    const body = new URLSearchParams(fields).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'i-twilio-idempotency-token': 'forged-1' };
    const unsigned = await fetch(gatherHook(), { method: 'POST', body, headers });
    assert.equal(unsigned.status, 403);
    const forged = await fetch(gatherHook(), { method: 'POST', body, headers: { ...headers, 'x-twilio-signature': twilioSignature('another-token', gatherHook(), fields) } });
    assert.equal(forged.status, 403);
    // a body that is not a form at all is refused the same way: the signature is checked before anything is read
    const garbage = await fetch(gatherHook(), { method: 'POST', body: '%%%\u0000{', headers: { ...headers, 'x-twilio-signature': 'x' } });
    assert.equal(garbage.status, 403);
    assert.equal((await db.query(`SELECT 1 FROM inbox_events WHERE org_id = $1 AND body LIKE '%pagu%'`, [org])).length, 0);
    assert.equal((await db.query('SELECT 1 FROM inbound_messages WHERE customer_id = $1', [c.customer.id])).length, 0);
    assert.equal((await turnsOf(c.customer.id)).length, 0);
  });

  it('asks again when the speech was heard badly, and hands over to a person the second time', async () => {
    const c = await called('+5215512500005');
    const once = await say(c, 'puedo pagar el viernes', '0.31');
    assert.match(once, /<Gather input="dtmf speech"[^>]*><Say language="es-MX" voice="Polly\.Mia">Hola, le habla el asistente automático de Ferretería Luna\. Disculpe, no le entendí\./);
    const twice = await say(c, 'mándeme el link', '0.22');
    assert.match(twice, /<Say [^>]*>Lo comunico ahora con una persona de nuestro equipo\. Un momento, por favor\.<\/Say><Dial>\+525555550000<\/Dial>/);
    assert.doesNotMatch(twice, /asistente automático/, 'the disclosure is made once per call');
    assert.deepEqual((await turnsOf(c.customer.id)).map((t) => t.action), ['clarified', 'handed_over']);
    const [h] = await listHandovers(db, org, { customerId: c.customer.id });
    assert.equal(h?.reason, 'misunderstood');
    assert.equal((await db.query(`SELECT 1 FROM messages WHERE customer_id = $1 AND channel = 'sms'`, [c.customer.id])).length, 0, 'nothing acted on badly heard speech');
  });

  it('answers a retried post of the same words with the same answer, deciding once', async () => {
    const c = await called('+5215512500006');
    const first = await say(c, 'cuánto debo', '0.9', 'retry-token-1');
    const again = await say(c, 'cuánto debo', '0.9', 'retry-token-1');
    assert.equal(again, first);
    assert.match(saidIn(first), /Su saldo es de \$1,500\.00 en 1 factura/);
    assert.equal((await turnsOf(c.customer.id)).length, 1);
  });

  it('says the link cannot go by SMS when the gate blocks it (the debtor stopped SMS), and queues none', async () => {
    const c = await called('+5215512500007');
    const stopped = await suppress(db, org, 'test', c.customer.id, { scope: 'channel', channel: 'sms', reason: 'STOP by SMS last week', source: 'keyword' }, clock);
    assert.ok(stopped.ok);
    const twiml = await say(c, 'mándeme el link para pagar');
    const [turn] = await turnsOf(c.customer.id);
    assert.equal(turn?.action, 'sent_link');
    assert.equal(turn?.reply_message_id, null);
    assert.match(saidIn(twiml), /No puedo enviarle el enlace por mensaje de texto\. Si lo desea, pídame hablar con una persona de nuestro equipo\./);
    assert.doesNotMatch(saidIn(twiml), /acabo de enviar|Le enviaré/);
    assert.equal((await db.query(`SELECT 1 FROM messages WHERE customer_id = $1 AND channel = 'sms'`, [c.customer.id])).length, 0);
  });

  it('says a person will call back, and hangs up, when the org has no agent number', async () => {
    await connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', voice_from: '+15550002222', api_base: twilio.url,
      rate_per_second: 500 }, { auth_token: TWILIO_TOKEN });
    const c = await called('+5215512500008');
    const twiml = await say(c, 'quiero hablar con una persona');
    assert.match(twiml, /<Say [^>]*>Hola, le habla el asistente automático de Ferretería Luna\. Una persona de nuestro equipo le llamará pronto\. Hasta luego\.<\/Say><Hangup\/><\/Response>$/);
    assert.doesNotMatch(twiml, /<Dial>/);
    const [h] = await listHandovers(db, org, { customerId: c.customer.id });
    assert.equal(h?.reason, 'talk_to_human');
  });

  // last: the clock moves past 22:00 in Mexico City
  it('says the link goes by SMS when the gate next allows it, when the call runs past 22:00 in Mexico City', async () => {
    clock = new Date('2026-03-13T03:50:00Z'); // Thursday 21:50 there: the call may still be placed
    const c = await called('+5215512500009');
    clock = new Date('2026-03-13T04:05:00Z'); // 22:05: no SMS until the allowed hours begin
    const twiml = await say(c, 'mándeme el link para pagar por favor');
    assert.match(saidIn(twiml), /Le enviaré el enlace de pago por mensaje de texto el viernes a las \d{1,2}:\d\d [ap]\. ?m\., en cuanto podamos escribirle\./);
    assert.doesNotMatch(saidIn(twiml), /acabo de enviar/);
    const [turn] = await turnsOf(c.customer.id);
    assert.ok(turn?.reply_message_id, 'the SMS is queued, for the gate to send when it allows');
  });
});
