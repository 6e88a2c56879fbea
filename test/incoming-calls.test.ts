// Calls the debtor makes to the org's number, end to end through the loopback Twilio fake: the number's "A call comes in"
// webhook is signed (a tampered or unsigned post gets 403 and nothing is stored); a caller whose number is one customer's
// phone on file is greeted in their language with the org's name only (no debt details: caller ID can be spoofed) and the
// key menu, where 1 queues the payment link by SMS to the number on file through the gate and 2 dials the agent number;
// any other caller hears a neutral greeting with option 2 only. The call is an inbound contact on the case's timeline;
// what a known caller says is answered by the agent, its answer sent by SMS instead of said. Also with field encryption on.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Db } from '../src/db/index.ts';
import { caseStory } from '../src/timeline/index.ts';
import { dispatchOnce, processInbound } from '../src/worker/index.ts';
import { setAgentSettings } from '../src/agent/index.ts';
import { suppress, twilioSignature } from '../src/compliance/index.ts';
import { runFieldJob, setFieldEncryption } from '../src/vault/index.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';
import { sealedSmsSuite } from './support/sealed-sms.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, aDebtor, connect, inboxOf, messagingServer, type MessagingServer } from './support/messaging.ts';

const ORG_NUMBER = '+15550002222';
const AGENT_NUMBER = '+525555550000';
const morning = new Date('2026-03-10T17:00:00Z'); // Tuesday, 11:00 in Mexico City
const night = new Date('2026-03-11T04:00:00Z'); // Tuesday, 22:00 in Mexico City (already Wednesday in UTC)

/** The words of the TwiML's <Say> verbs. */
const saidIn = (twiml: string) => [...twiml.matchAll(/<Say [^>]*>([^<]*)<\/Say>/g)].map((m) => m[1]).join(' ');
/** Nothing about a debt: no amount, balance, invoice or lateness. */
const DEBT_WORDS = /\$|\d|saldo|factura|venc|atraso|deuda|balance|invoice|overdue|owe|fatura|dívida|pagamento em atraso/i;

describe('a call the debtor makes to the org\'s number', () => {
  let db: Db;
  let server: MessagingServer;
  let twilio: FakeTwilio;
  let org: string;
  let clock = morning;
  const hook = (kind: string) => `${server.publicUrl}/webhooks/twilio/${org}/${kind}`;
  const callIn = (from: string) => twilio.callsIn(hook('incoming'), { From: from, To: ORG_NUMBER });
  const press = (callSid: string, from: string, digits: string) =>
    twilio.gathered(hook('gather'), { CallSid: callSid, From: from, To: ORG_NUMBER, Direction: 'inbound', Digits: digits });
  const dispatch = () => dispatchOnce({ db, now: () => morning, adapters: server.adapters, publicUrl: server.publicUrl });
  const twilioSettings = (agent: boolean) => connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', voice_from: ORG_NUMBER,
    api_base: twilio.url, rate_per_second: 500, ...(agent ? { agent_number: AGENT_NUMBER } : {}) }, { auth_token: TWILIO_TOKEN });

  before(async () => {
    server = await messagingServer(() => clock, 'Ferretería Luna');
    ({ db, org } = server);
    twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN });
    await twilioSettings(true);
  });
  after(async () => { await twilio.callbacksDone(); await twilio.close(); await server.close(); });

  it('greets a caller whose number is on file in Spanish, naming the org only, with the key menu; the call is an inbound contact on the timeline', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512600001' }, ['sms', 'voice']);
    const r = await callIn('+5215512600001');
    assert.equal(r.status, 200);
    assert.match(r.twiml, /^<\?xml version="1\.0" encoding="UTF-8"\?><Response><Gather input="dtmf speech" numDigits="1" timeout="8" language="es-MX"[^>]* action="[^"]+\/webhooks\/twilio\/[^/]+\/gather" method="POST"><Say language="es-MX" voice="Polly\.Mia">Gracias por llamar a Ferretería Luna\.<\/Say><Say language="es-MX" voice="Polly\.Mia">Para recibir el enlace de pago por mensaje de texto, marque 1\. Para hablar con una persona, marque 2\./);
    assert.doesNotMatch(saidIn(r.twiml).replace(/marque \d/g, ''), DEBT_WORDS, 'nothing about the debt before the caller is known to be the debtor');
    const contacts = await db.query<{ channel: string; direction: string; outcome: string }>('SELECT channel, direction, outcome FROM contact_events WHERE customer_id = $1', [d.customer.id]);
    assert.deepEqual(contacts, [{ channel: 'voice', direction: 'inbound', outcome: 'conversation' }], 'an inbound contact, not one against the outbound caps');
    const story = await caseStory(db, org, d.caseId);
    assert.ok(story.ok);
    assert.ok(story.value.timeline.some((e) => e.kind === 'call_received' && e.data['call_sid'] === r.callSid), 'the call is on the case timeline');
    // Twilio retrying the same call's webhook gets the same greeting; the call is recorded once
    const again = await twilio.callsIn(hook('incoming'), { From: '+5215512600001', To: ORG_NUMBER, CallSid: r.callSid });
    assert.equal(again.twiml, r.twiml);
    assert.equal((await db.query('SELECT 1 FROM contact_events WHERE customer_id = $1', [d.customer.id])).length, 1);
  });

  it('speaks the caller\'s own language: Portuguese and English customers', async () => {
    await aDebtor(db, org, { phone: '+5511912600002', language: 'pt-BR', country: 'BR', timezone: 'America/Sao_Paulo' });
    const pt = await callIn('+5511912600002');
    assert.match(pt.twiml, /<Say language="pt-BR" voice="Polly\.Camila">Obrigado por ligar para Ferretería Luna\.<\/Say><Say [^>]*>Para receber o link de pagamento por SMS, digite 1\./);
    await aDebtor(db, org, { phone: '+13055600003', language: 'en', country: 'US', timezone: 'America/New_York' });
    const en = await callIn('+13055600003');
    assert.match(en.twiml, /<Say language="en-US" voice="Polly\.Joanna">Thank you for calling Ferretería Luna\.<\/Say><Say [^>]*>To receive a payment link by text message, press 1\./);
  });

  it('greets an unknown number, or one two customers share, neutrally in the org\'s language, offering a person only', async () => {
    const before = await db.query('SELECT 1 FROM contact_events WHERE org_id = $1', [org]);
    const en = await callIn('+5215599999999');
    assert.match(en.twiml, /<Response><Gather input="dtmf" numDigits="1" timeout="8" action="[^"]+\/gather" method="POST"><Say language="en-US" voice="Polly\.Joanna">Thank you for calling Ferretería Luna\.<\/Say><Say [^>]*>To speak with a person, press 2\.<\/Say><\/Gather>/);
    assert.doesNotMatch(en.twiml, /press 1/);
    await db.query(`UPDATE orgs SET default_language = 'es' WHERE id = $1`, [org]);
    await aDebtor(db, org, { phone: '+5215512600004' });
    await aDebtor(db, org, { phone: '+5215512600004' });
    const shared = await callIn('+5215512600004');
    assert.match(saidIn(shared.twiml), /^Gracias por llamar a Ferretería Luna\. Para hablar con una persona, marque 2\./);
    assert.doesNotMatch(shared.twiml, /marque 1|input="dtmf speech"/);
    await db.query(`UPDATE orgs SET default_language = 'en' WHERE id = $1`, [org]);
    assert.equal((await db.query('SELECT 1 FROM contact_events WHERE org_id = $1', [org])).length, before.length, 'no customer is credited with the call');
  });

  it('refuses an unsigned, tampered or wrongly signed incoming-call post with 403, storing nothing', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512600005' });
    const url = hook('incoming');
    const fields = { AccountSid: TWILIO_ACCOUNT, CallSid: `CA${randomBytes(16).toString('hex')}`, From: '+5215512600005', To: ORG_NUMBER, CallStatus: 'ringing', Direction: 'inbound' };
    const body = new URLSearchParams(fields).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const stored = (await inboxOf(db, org)).length;
    const unsigned = await fetch(url, { method: 'POST', body, headers });
    const tampered = await fetch(url, { method: 'POST', body: body.replace('600005', '600006'), headers: { ...headers, 'x-twilio-signature': twilioSignature(TWILIO_TOKEN, url, fields) } });
    const other = await fetch(url, { method: 'POST', body, headers: { ...headers, 'x-twilio-signature': twilioSignature('another-token', url, fields) } });
    assert.deepEqual([unsigned.status, tampered.status, other.status], [403, 403, 403]);
    assert.doesNotMatch(await tampered.text(), /<Response>/, 'no TwiML for a refused post');
    assert.equal((await inboxOf(db, org)).length, stored, 'nothing stored');
    assert.equal((await db.query('SELECT 1 FROM contact_events WHERE customer_id = $1', [d.customer.id])).length, 0);
    const signed = await fetch(url, { method: 'POST', body, headers: { ...headers, 'x-twilio-signature': twilioSignature(TWILIO_TOKEN, url, fields) } });
    assert.equal(signed.status, 200, 'the same post signed with the org\'s token is answered');
  });

  it('queues the payment link by SMS to the number on file when a known caller presses 1, through the gate, once per call', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512600007' }, ['sms']);
    const call = await callIn('+5215512600007');
    const one = await press(call.callSid, '+5215512600007', '1');
    assert.equal(one.status, 200);
    assert.match(one.twiml, /<Response><Say language="es-MX" voice="Polly\.Mia">Gracias\. Le enviamos ahora el enlace de pago por mensaje de texto\. Hasta luego\.<\/Say><Hangup\/><\/Response>$/);
    await press(call.callSid, '+5215512600007', '1');
    const queued = await db.query<{ template: string; channels: string[] }>(`SELECT template, channels FROM actions WHERE customer_id = $1 AND payload->>'requested_by' LIKE 'debtor:call:%'`, [d.customer.id]);
    assert.deepEqual(queued, [{ template: 'overdue-nudge', channels: ['sms'] }], 'one SMS for the call, however often 1 is pressed');
    const before = twilio.accepted.length;
    await dispatch();
    const sms = twilio.accepted.slice(before).filter((m) => m['To'] === '+5215512600007');
    assert.equal(sms.length, 1);
    // folded into GSM-7 ("Ferreteria"), which takes fewer segments than with its accents
    assert.match(String(sms[0]!['Body']), /Ferreteria Luna: \$1,500\.00 .*Pague en https?:\/\/\S+/);
    const gated = await db.query<{ decision: string }>(`SELECT decision FROM gate_decisions WHERE customer_id = $1 AND channel = 'sms'`, [d.customer.id]);
    assert.ok(gated.length >= 1 && gated.every((g) => g.decision === 'allow'), 'the SMS went through the compliance gate');
    assert.equal((await processInbound(db, org, morning)).failed, 0);
  });

  it('says a link the gate holds until allowed hours goes then, and dates lateness in the debtor\'s zone (due today there is not overdue)', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512600012' }, ['sms']);
    await db.query(`UPDATE invoices SET due_date = '2026-03-10' WHERE customer_id = $1`, [d.customer.id]);
    clock = night;
    try {
      const call = await callIn('+5215512600012');
      const one = await press(call.callSid, '+5215512600012', '1');
      assert.match(saidIn(one.twiml), /^Gracias\. A esta hora no enviamos mensajes de texto: le enviaremos el enlace de pago al número que tenemos registrado el miércoles a las \d{1,2}:\d\d [ap]\.m\., cuando empiece nuestro horario permitido\. Hasta luego\.$/);
      assert.doesNotMatch(saidIn(one.twiml), /enviamos ahora/);
      const again = await press(call.callSid, '+5215512600012', '1');
      assert.equal(saidIn(again.twiml), saidIn(one.twiml), 'pressing 1 again on the call says the same');
      const queued = await db.query<{ template: string }>(`SELECT template FROM actions WHERE customer_id = $1 AND payload->>'requested_by' LIKE 'debtor:call:%'`, [d.customer.id]);
      assert.deepEqual(queued, [{ template: 'upcoming-reminder' }], 'due on the 10th, and it is still the 10th in Mexico City');
    } finally {
      clock = morning;
    }
  });

  it('dates lateness in a zone ten hours behind UTC: 23:30 in Honolulu is still the due date there, the next morning in UTC', async () => {
    const late = new Date('2026-03-11T09:30:00Z'); // Tuesday 10 March, 23:30 in Honolulu
    const cases = [['+18085550101', '2026-03-10', 'upcoming-reminder'], ['+18085550102', '2026-03-09', 'overdue-nudge']] as const;
    clock = late;
    try {
      for (const [phone, due, template] of cases) {
        const d = await aDebtor(db, org, { phone, country: 'US', timezone: 'Pacific/Honolulu', language: 'en' }, ['sms']);
        await db.query(`UPDATE invoices SET due_date = $2 WHERE customer_id = $1`, [d.customer.id, due]);
        const call = await callIn(phone);
        const one = await press(call.callSid, phone, '1');
        const [held] = await db.query<{ defer_until: string | Date }>(
          `SELECT defer_until FROM gate_decisions WHERE customer_id = $1 AND channel = 'sms' AND decision = 'defer' ORDER BY at DESC LIMIT 1`, [d.customer.id]);
        assert.ok(held, 'the gate holds the SMS until its hours begin');
        const at = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'Pacific/Honolulu' }).format(new Date(held.defer_until));
        assert.ok(saidIn(one.twiml).includes(`we will send the payment link to the number we have on file on Wednesday at ${at}, `), `${saidIn(one.twiml)} (${at} in Honolulu)`);
        const queued = await db.query<{ template: string }>(`SELECT template FROM actions WHERE customer_id = $1 AND payload->>'requested_by' LIKE 'debtor:call:%'`, [d.customer.id]);
        assert.deepEqual(queued, [{ template }], `due ${due}, and it is still the 10th in Honolulu`);
      }
    } finally {
      clock = morning;
    }
  });

  it('sends nothing when the gate blocks an SMS or the caller is unknown, and says so', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512600008' }, ['sms']);
    const stopped = await suppress(db, org, 'test', d.customer.id, { scope: 'channel', channel: 'sms', reason: 'STOP by SMS', source: 'keyword' }, morning);
    assert.ok(stopped.ok);
    const call = await callIn('+5215512600008');
    const held = await press(call.callSid, '+5215512600008', '1');
    assert.match(saidIn(held.twiml), /^No podemos enviarle el enlace por mensaje de texto\. Para hablar con una persona, marque 2\./);
    const stranger = await callIn('+5215599999998');
    const nope = await press(stranger.callSid, '+5215599999998', '1');
    assert.match(saidIn(nope.twiml), /^Sorry, that is not an option\. To speak with a person, press 2\./);
    const queued = await db.query(`SELECT 1 FROM actions WHERE payload->>'requested_by' = ANY($1::text[])`, [[`debtor:call:${call.callSid}`, `debtor:call:${stranger.callSid}`]]);
    assert.equal(queued.length, 0);
  });

  it('puts the caller through to the agent number on 2, or says no one is available and offers the SMS', async () => {
    await aDebtor(db, org, { phone: '+5215512600009' }, ['sms']);
    const call = await callIn('+5215512600009');
    const two = await press(call.callSid, '+5215512600009', '2');
    assert.match(two.twiml, /<Response><Say language="es-MX" voice="Polly\.Mia">Un momento, por favor\. Lo comunicamos con una persona de nuestro equipo\.<\/Say><Dial action="https:\/\/127\.0\.0\.1:\d+\/webhooks\/twilio\/[^/]+\/dialed" method="POST" timeout="20"><Number url="https:\/\/127\.0\.0\.1:\d+\/webhooks\/twilio\/[^/]+\/dialed" method="POST">\+525555550000<\/Number><\/Dial><\/Response>$/);
    const stranger = await callIn('+5215599999997');
    assert.match((await press(stranger.callSid, '+5215599999997', '2')).twiml, /<Dial [^>]*><Number [^>]*>\+525555550000<\/Number><\/Dial>/, 'anyone may ask for a person');
    await twilioSettings(false);
    try {
      const alone = await press(call.callSid, '+5215512600009', '2');
      assert.match(saidIn(alone.twiml), /^En este momento no hay nadie disponible para atenderle\. Si desea recibir el enlace de pago por mensaje de texto en el número que tenemos registrado, marque 1\./);
      assert.doesNotMatch(alone.twiml, /<Dial/);
      const unknownAlone = await press(stranger.callSid, '+5215599999997', '2');
      assert.match(unknownAlone.twiml, /<Say [^>]*>No one is available to take your call right now\. Please call us again later\. Goodbye\.<\/Say><Hangup\/><\/Response>$/);
    } finally {
      await twilioSettings(true);
    }
  });

  it('answers what a known caller says with the agent, sending the answer to the number on file rather than saying it', async () => {
    const on = await setAgentSettings(db, org, 'test', { enabled: true }, morning);
    assert.ok(on.ok);
    const d = await aDebtor(db, org, { phone: '+5215512600010' }, ['sms']);
    const call = await callIn('+5215512600010');
    const r = await twilio.gathered(hook('gather'), { CallSid: call.callSid, From: '+5215512600010', To: ORG_NUMBER, Direction: 'inbound',
      SpeechResult: 'cuánto debo', Confidence: '0.92' });
    assert.equal(r.status, 200);
    assert.match(saidIn(r.twiml), /^Hola, le habla el asistente automático de Ferretería Luna\. Por su seguridad, le acabo de enviar mi respuesta por mensaje de texto al número que tenemos registrado\. No recibimos ninguna opción\./);
    assert.doesNotMatch(saidIn(r.twiml), /\$|1,500|saldo/);
    const [turn] = await db.query<{ reply_message_id: string | null }>('SELECT reply_message_id FROM agent_turns WHERE customer_id = $1', [d.customer.id]);
    assert.ok(turn?.reply_message_id, 'the answer is queued as an SMS');
    const before = twilio.accepted.length;
    await dispatch();
    const sms = twilio.accepted.slice(before).filter((m) => m['To'] === '+5215512600010');
    assert.match(String(sms[0]?.['Body']), /\$1,500\.00/, 'the balance goes to the number on file');
    const heard = await db.query<{ channel: string; text: string }>('SELECT channel, text FROM inbound_messages WHERE customer_id = $1', [d.customer.id]);
    assert.deepEqual(heard, [{ channel: 'voice', text: 'cuánto debo' }]);
  });

  it('says the answer goes by SMS when the gate next allows it (22:00 in Mexico City: Wednesday morning there), not that it was sent', async () => {
    const on = await setAgentSettings(db, org, 'test', { enabled: true }, morning);
    assert.ok(on.ok);
    const d = await aDebtor(db, org, { phone: '+5215512600014' }, ['sms']);
    clock = night;
    try {
      const call = await callIn('+5215512600014');
      const r = await twilio.gathered(hook('gather'), { CallSid: call.callSid, From: '+5215512600014', To: ORG_NUMBER, Direction: 'inbound',
        SpeechResult: 'cuánto debo', Confidence: '0.92' });
      assert.equal(r.status, 200);
      assert.match(saidIn(r.twiml), /Por su seguridad no puedo darle esa información por teléfono\. Le enviaré mi respuesta por mensaje de texto al número que tenemos registrado el miércoles a las \d{1,2}:\d\d [ap]\. ?m\., en cuanto podamos escribirle\./);
      assert.doesNotMatch(saidIn(r.twiml), /acabo de enviar/);
      const [turn] = await db.query<{ reply_message_id: string | null }>('SELECT reply_message_id FROM agent_turns WHERE customer_id = $1', [d.customer.id]);
      assert.ok(turn?.reply_message_id, 'the answer is queued, for the gate to send when it allows');
      const [held] = await db.query<{ decision: string; defer_until: string | Date }>(
        `SELECT decision, defer_until FROM gate_decisions WHERE customer_id = $1 AND channel = 'sms' ORDER BY at DESC LIMIT 1`, [d.customer.id]);
      assert.equal(held?.decision, 'defer');
      const said = new Intl.DateTimeFormat('es-MX', { hour: 'numeric', minute: '2-digit', timeZone: 'America/Mexico_City' }).format(new Date(held.defer_until));
      assert.ok(saidIn(r.twiml).includes(` ${said},`), `the time said is the gate's, in Mexico City (${said})`);
    } finally {
      clock = morning;
    }
  });

  it('says the answer cannot go by SMS to a caller who stopped SMS, and what they can do instead; nothing is queued', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512600015' }, ['sms']);
    const stopped = await suppress(db, org, 'test', d.customer.id, { scope: 'channel', channel: 'sms', reason: 'STOP by SMS', source: 'keyword' }, morning);
    assert.ok(stopped.ok);
    const call = await callIn('+5215512600015');
    const r = await twilio.gathered(hook('gather'), { CallSid: call.callSid, From: '+5215512600015', To: ORG_NUMBER, Direction: 'inbound',
      SpeechResult: 'cuánto debo', Confidence: '0.92' });
    assert.match(saidIn(r.twiml), /no puedo enviársela por mensaje de texto\. Si lo desea, pídame hablar con una persona de nuestro equipo\./);
    assert.doesNotMatch(saidIn(r.twiml), /acabo de enviar|Le enviaré/);
    assert.equal((await db.query(`SELECT 1 FROM messages WHERE customer_id = $1 AND channel = 'sms'`, [d.customer.id])).length, 0);
  });
});

describe('a call to the org\'s number with field encryption on', () => {
  const s = sealedSmsSuite(randomBytes(32).toString('hex'), 'Ferretería Sol', morning);

  it('finds the caller by the blind index of the sealed phone, greets them in Spanish and sends the link on 1', async () => {
    const d = await aDebtor(s.db, s.org, { phone: '+5215512600011' }, ['sms']);
    const on = await s.db.transaction((tx) => setFieldEncryption(tx, s.org, 'test', true, morning));
    assert.ok(on.ok);
    await runFieldJob(s.db, s.org, { batchSize: 10 });
    const [stored] = await s.db.query<{ phone: string }>('SELECT phone FROM customers WHERE id = $1', [d.customer.id]);
    assert.match(stored!.phone, /^enc:/, 'the phone on file is sealed');
    const url = `${s.server.publicUrl}/webhooks/twilio/${s.org}/incoming`;
    const call = await s.twilio.callsIn(url, { From: '+5215512600011', To: ORG_NUMBER });
    assert.match(saidIn(call.twiml), /^Gracias por llamar a Ferretería Sol\. Para recibir el enlace de pago/);
    const one = await s.twilio.gathered(`${s.server.publicUrl}/webhooks/twilio/${s.org}/gather`,
      { CallSid: call.callSid, From: '+5215512600011', To: ORG_NUMBER, Direction: 'inbound', Digits: '1' });
    assert.match(saidIn(one.twiml), /Le enviamos ahora el enlace de pago/);
    const before = s.twilio.accepted.length;
    await dispatchOnce({ db: s.db, now: () => morning, adapters: s.server.adapters, publicUrl: s.server.publicUrl });
    assert.equal(s.twilio.accepted.slice(before).filter((m) => m['To'] === '+5215512600011').length, 1, 'the SMS goes to the sealed number on file');
  });
});
