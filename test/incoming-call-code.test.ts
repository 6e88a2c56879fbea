// The identity check on a call the debtor makes, end to end through the loopback Twilio fake: key 3 sends a one-time
// code by SMS to the number on file through the gate; the right code typed on that call has the balance said and the
// agent's answers spoken; wrong codes are counted until the code is void; an expired code, or another call's, is refused;
// when the gate blocks an SMS no code is sent and the caller is told. Nothing about the debt is said before. The code is
// kept in clear only while its SMS waits to be sent: the worker round that sends it masks the stored copy, and a code
// typed right, voided or expired has it masked (an SMS still waiting for it cancelled).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { Db } from '../src/db/index.ts';
import { dispatchOnce, getMessage, listMessages, workOnce } from '../src/worker/index.ts';
import { conversationOf, setAgentSettings } from '../src/agent/index.ts';
import { suppress } from '../src/compliance/index.ts';
import { inTransaction } from '../src/db/index.ts';
import { openDispute } from '../src/payments/index.ts';
import { anInvoice } from './support/factories.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, aDebtor, connect, messagingServer, type MessagingServer } from './support/messaging.ts';

const ORG_NUMBER = '+15550002222';
// a number the provider refuses (it opted out at the provider): an SMS to it fails at its send, never sent
const REFUSING = '+5215512700095';
const morning = new Date('2026-03-10T17:00:00Z'); // Tuesday, 11:00 in Mexico City

const saidIn = (twiml: string) => [...twiml.matchAll(/<Say [^>]*>([^<]*)<\/Say>/g)].map((m) => m[1]).join(' ');
const DEBT_WORDS = /\$|1,500|saldo pendiente|factura|venc|atraso|deuda|balance is|invoice|overdue|fatura|dívida/i;

describe('the one-time code on a call the debtor makes', () => {
  let db: Db;
  let server: MessagingServer;
  let twilio: FakeTwilio;
  let org: string;
  let clock = morning;
  const hook = (kind: string) => `${server.publicUrl}/webhooks/twilio/${org}/${kind}`;
  const callIn = (from: string) => twilio.callsIn(hook('incoming'), { From: from, To: ORG_NUMBER });
  const press = (callSid: string, from: string, digits: string, retryOf?: string) =>
    twilio.gathered(hook('gather'), { CallSid: callSid, From: from, To: ORG_NUMBER, Direction: 'inbound', Digits: digits }, retryOf);
  const say = (callSid: string, from: string, words: string) =>
    twilio.gathered(hook('gather'), { CallSid: callSid, From: from, To: ORG_NUMBER, Direction: 'inbound', SpeechResult: words, Confidence: '0.92' });
  /** The worker's dispatch, then the codes the fake received by SMS for the number, oldest first. */
  const codesTo = async (to: string): Promise<string[]> => {
    await dispatchOnce({ db, now: () => clock, adapters: server.adapters, publicUrl: server.publicUrl });
    return twilio.accepted.filter((m) => m['To'] === to).map((m) => /\b(\d{6})\b/.exec(String(m['Body']))?.[1]).filter((c): c is string => c !== undefined);
  };
  /** A debtor with this phone calls and presses 3; the call and the code the fake received. */
  const calledWithCode = async (phone: string): Promise<{ callSid: string; code: string }> => {
    await aDebtor(db, org, { phone }, ['sms']);
    const call = await callIn(phone);
    await press(call.callSid, phone, '3');
    const [code] = await codesTo(phone);
    assert.ok(code, 'a code by SMS');
    return { callSid: call.callSid, code };
  };
  const other = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  before(async () => {
    server = await messagingServer(() => clock, 'Ferretería Luna');
    ({ db, org } = server);
    twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN, optedOut: [REFUSING] });
    await connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', voice_from: ORG_NUMBER, api_base: twilio.url, rate_per_second: 500 },
      { auth_token: TWILIO_TOKEN });
    const on = await setAgentSettings(db, org, 'test', { enabled: true }, morning);
    assert.ok(on.ok);
  });
  after(async () => { await twilio.callbacksDone(); await twilio.close(); await server.close(); });

  it('shows the code\'s SMS in the outbox with the code masked, while the provider got the real one', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512700099' }, ['sms']);
    const call = await callIn('+5215512700099');
    await press(call.callSid, '+5215512700099', '3');
    const [code] = await codesTo('+5215512700099');
    assert.ok(code, 'the provider got the code');
    const [listed] = await listMessages(db, org, { customerId: d.customer.id });
    assert.ok(listed, 'the code\'s SMS is in the outbox');
    const shown = JSON.stringify([listed.content, (await getMessage(db, org, listed.id))?.content]);
    assert.doesNotMatch(shown, new RegExp(code), 'the code is not shown');
    assert.match(shown, /codigo para la llamada es ••••••\. Vence en 10 minutos/);
    const said = (await conversationOf(db, org, d.customer.id)).map((l) => l.text).join('\n');
    assert.match(said, /codigo para la llamada es ••••••\./, 'the handover screen\'s conversation shows it masked too');
    assert.doesNotMatch(said, new RegExp(code));
  });

  /** The stored copy of the code's SMS for the call, as a database reader sees it (no masking on the way out). */
  const storedSms = async (callSid: string) => {
    const [row] = await db.query<{ status: string; content: string; reason: string | null }>(
      `SELECT m.status, m.content::text AS content, m.reason FROM messages m JOIN actions a ON a.org_id = m.org_id AND a.id = m.action_id
       WHERE a.idempotency_key = $1`, [`call-code:${callSid}`]);
    assert.ok(row, 'the code\'s SMS is stored');
    return row;
  };

  it('keeps no usable code in the database once the worker round has sent it, and the code still verifies the call', async () => {
    await aDebtor(db, org, { phone: '+5215512700070' }, ['sms']);
    const call = await callIn('+5215512700070');
    await press(call.callSid, '+5215512700070', '3');
    assert.match((await storedSms(call.callSid)).content, /es \d{6}\. Vence/, 'in clear while it waits to be sent');
    const errors: object[] = [];
    await workOnce({ db, now: () => clock, messaging: { adapters: server.adapters, publicUrl: server.publicUrl }, log: { info: () => {}, error: (o) => { errors.push(o); } } });
    assert.deepEqual(errors.filter((e) => /code/.test(JSON.stringify(e))), []);
    const code = twilio.accepted.filter((m) => m['To'] === '+5215512700070').map((m) => /\b(\d{6})\b/.exec(String(m['Body']))?.[1])[0];
    assert.ok(code, 'the provider got the code');
    const stored = await storedSms(call.callSid);
    assert.equal(stored.status, 'sent');
    assert.match(stored.content, /codigo para la llamada es ••••••\. Vence en 10 minutos/);
    const anywhere = await db.query(`SELECT 1 FROM messages WHERE content::text ~ $1 UNION ALL SELECT 1 FROM actions WHERE payload::text ~ $1`, [`(^|[^0-9])${code}([^0-9]|$)`]);
    assert.equal(anywhere.length, 0, 'no message or action holds the code in clear');
    assert.match(saidIn((await press(call.callSid, '+5215512700070', code)).twiml), /Su saldo pendiente es de \$1,500\.00/, 'the hash still checks it');
  });

  it('masks the copy of a code SMS that failed at its send (no sent time) at the next worker round, the code never typed', async () => {
    await aDebtor(db, org, { phone: REFUSING }, ['sms']);
    const call = await callIn(REFUSING);
    await press(call.callSid, REFUSING, '3');
    const round = () => workOnce({ db, now: () => clock, messaging: { adapters: server.adapters, publicUrl: server.publicUrl }, log: { info: () => {}, error: () => {} } });
    await round();
    const failed = await storedSms(call.callSid);
    assert.equal(failed.status, 'failed', 'the provider refused it');
    assert.doesNotMatch(failed.content, /\b\d{6}\b/, 'no digits left in the stored copy');
    assert.match(failed.content, /es ••••••\. Vence/);
    const [left] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM actions WHERE org_id = $1 AND payload ? 'call_code' AND NOT (payload -> 'call_code' ? 'masked_at')`, [org]);
    assert.equal(left?.n, 0, 'every code of the org masked: none left for the next sweep to read');
  });

  it('masks the stored copy when the code is typed right, and cancels an SMS still waiting for a code that expired', async () => {
    const { code, ...call } = await calledWithCode('+5215512700080');
    assert.match((await storedSms(call.callSid)).content, new RegExp(code), 'no sweep ran: in clear');
    await press(call.callSid, '+5215512700080', code);
    assert.doesNotMatch((await storedSms(call.callSid)).content, new RegExp(code), 'masked once the code was typed right');

    await aDebtor(db, org, { phone: '+5215512700081' }, ['sms']);
    const waiting = await callIn('+5215512700081');
    await press(waiting.callSid, '+5215512700081', '3');
    clock = new Date(morning.getTime() + 10 * 60_000 + 1000);
    try {
      assert.match(saidIn((await press(waiting.callSid, '+5215512700081', '123456')).twiml), /^El código ya no es válido\./);
      const stored = await storedSms(waiting.callSid);
      assert.deepEqual([stored.status, /\b\d{6}\b/.test(stored.content)], ['cancelled', false]);
      assert.match(stored.content, /es ••••••\. Vence/);
      assert.equal((await codesTo('+5215512700081')).length, 0, 'the expired code is not sent');
    } finally {
      clock = morning;
    }
  });

  it('offers key 3 to a known caller in Spanish, Portuguese and English, and not to an unknown one', async () => {
    await aDebtor(db, org, { phone: '+5215512700001' }, ['sms']);
    assert.match(saidIn((await callIn('+5215512700001')).twiml), /marque 2\. .*Para escuchar la información de su cuenta, marque 3 y le enviaremos un código por mensaje de texto\./);
    await aDebtor(db, org, { phone: '+5511912700002', language: 'pt-BR', country: 'BR', timezone: 'America/Sao_Paulo' });
    assert.match(saidIn((await callIn('+5511912700002')).twiml), /Para ouvir as informações da sua conta, digite 3 e enviaremos um código por SMS\./);
    await aDebtor(db, org, { phone: '+13055700003', language: 'en', country: 'US', timezone: 'America/New_York' });
    assert.match(saidIn((await callIn('+13055700003')).twiml), /To hear your account details, press 3 and we will text you a code\./);
    const stranger = await callIn('+5215599997001');
    assert.doesNotMatch(stranger.twiml, /press 3|marque 3/);
    assert.doesNotMatch(saidIn((await press(stranger.callSid, '+5215599997001', '3')).twiml), /code|código/i, 'no code for a number no customer has');
  });

  it('texts a code through the gate on 3; the right code has the balance said, then the agent\'s answers spoken', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512700010' }, ['sms']);
    const call = await callIn('+5215512700010');
    const three = await press(call.callSid, '+5215512700010', '3');
    assert.match(three.twiml, /<Gather input="dtmf" numDigits="6" timeout="30" action="[^"]+\/gather" method="POST"><Say language="es-MX" voice="Polly\.Mia">Le enviamos un código de 6 dígitos por mensaje de texto al número que tenemos registrado\. Cuando lo reciba, márquelo en su teclado\.<\/Say><\/Gather>/);
    assert.doesNotMatch(saidIn(three.twiml).replace(/6 dígitos/, ''), DEBT_WORDS, 'nothing about the debt before the code');
    const [code] = await codesTo('+5215512700010');
    assert.ok(code, 'the code arrives by SMS at the number on file');
    const sms = twilio.accepted.find((m) => m['To'] === '+5215512700010');
    assert.match(String(sms?.['Body']), /^Ferreter[ií]a Luna: su c[oó]digo para la llamada es \d{6}\. Vence en 10 minutos\./);
    const gated = await db.query<{ decision: string }>(`SELECT decision FROM gate_decisions WHERE customer_id = $1 AND channel = 'sms'`, [d.customer.id]);
    assert.ok(gated.length >= 1 && gated.every((g) => g.decision === 'allow'), 'the code went through the compliance gate');
    const [kept] = await db.query<{ payload: string }>(`SELECT payload::text AS payload FROM actions WHERE idempotency_key = $1`, [`call-code:${call.callSid}`]);
    assert.ok(kept && !kept.payload.includes(code), 'the code is kept hashed');
    // under a server secret, bound to the call and the customer: the database's copy alone cannot try the million codes
    const [key] = await db.query<{ value: string }>(`SELECT value FROM secrets WHERE name = 'call-codes'`);
    assert.ok(key, 'a server secret keys the code');
    assert.equal((JSON.parse(kept.payload) as { call_code: { hash: string } }).call_code.hash,
      createHmac('sha256', key.value).update(`${call.callSid}:${d.customer.id}:${code}`).digest('hex'));
    // the agent's answer before the code goes by SMS
    assert.match(saidIn((await say(call.callSid, '+5215512700010', 'cuánto debo')).twiml), /Por su seguridad/);
    const right = await press(call.callSid, '+5215512700010', code);
    assert.match(saidIn(right.twiml), /^Gracias\. Su saldo pendiente es de \$1,500\.00\. La fecha de vencimiento más antigua es el 1 de febrero de 2026\. Para recibir el enlace de pago/);
    const spoken = saidIn((await say(call.callSid, '+5215512700010', 'cuánto debo')).twiml);
    assert.doesNotMatch(spoken, /Por su seguridad/, 'a verified caller hears the answer');
    assert.match(spoken, /1,500/);
  });

  it('says a disputed invoice apart from the balance, not as owed', async () => {
    const phone = '+5215512700015';
    const d = await aDebtor(db, org, { phone }, ['sms']);
    const second = await anInvoice(db, org, { customer_id: d.customer.id, issue_date: '2026-01-05', due_date: '2026-01-20', amount: 70_000, currency: 'MXN' });
    const disputed = await inTransaction(db, (tx) => openDispute(tx, org, 'test', { customerId: d.customer.id, invoiceIds: [second.id], reason: 'wrong_amount', source: 'api' }, clock));
    assert.ok(disputed.ok, JSON.stringify(disputed));
    const call = await callIn(phone);
    await press(call.callSid, phone, '3');
    const [code] = await codesTo(phone);
    assert.ok(code, 'a code by SMS');
    const right = saidIn((await press(call.callSid, phone, code)).twiml);
    // the disputed invoice, older, is neither in the balance nor its oldest due date
    assert.match(right, /^Gracias\. Su saldo pendiente es de \$1,500\.00\. La fecha de vencimiento más antigua es el 1 de febrero de 2026\. Además, \$700\.00 está en disputa: no se lo cobraremos mientras lo revisamos\./);
  });

  it('counts wrong codes and voids the code after the third, refusing the right one then', async () => {
    const { code, ...call } = await calledWithCode('+5215512700020');
    const first = await press(call.callSid, '+5215512700020', other(code));
    assert.match(first.twiml, /numDigits="6"[^>]*><Say [^>]*>El código no es correcto\. Márquelo de nuevo\./);
    await press(call.callSid, '+5215512700020', other(other(code)));
    const third = await press(call.callSid, '+5215512700020', other(code));
    assert.match(saidIn(third.twiml), /^El código no es correcto y ya no es válido\. Para consultar su cuenta, pida el enlace por mensaje de texto\. Para recibir el enlace de pago/);
    assert.doesNotMatch(third.twiml, /numDigits="6"/);
    const late = await press(call.callSid, '+5215512700020', code);
    assert.doesNotMatch(saidIn(late.twiml), DEBT_WORDS, 'the void code says nothing about the debt');
    assert.match(saidIn((await press(call.callSid, '+5215512700020', '3')).twiml), /^El código ya no es válido\./, 'no second code on the call');
    assert.equal((await codesTo('+5215512700020')).length, 1);
  });

  it('counts a wrong code once however often Twilio retries its webhook', async () => {
    const { code, ...call } = await calledWithCode('+5215512700025');
    for (let i = 0; i < 3; i++) assert.match(saidIn((await press(call.callSid, '+5215512700025', other(code), 'retried-token')).twiml), /^El código no es correcto\. Márquelo de nuevo\./);
    assert.match(saidIn((await press(call.callSid, '+5215512700025', code)).twiml), /Su saldo pendiente es de \$1,500\.00/, 'the code is not void');
  });

  it('refuses a code typed after ten minutes', async () => {
    const { code, ...call } = await calledWithCode('+5215512700030');
    clock = new Date(morning.getTime() + 10 * 60_000 + 1000);
    try {
      const late = await press(call.callSid, '+5215512700030', code);
      assert.match(saidIn(late.twiml), /^El código ya no es válido\./);
      assert.doesNotMatch(saidIn(late.twiml), DEBT_WORDS);
    } finally {
      clock = morning;
    }
  });

  it('refuses another call\'s code: a code verifies only the call it was sent for', async () => {
    await aDebtor(db, org, { phone: '+5215512700040' }, ['sms']);
    const a = await callIn('+5215512700040');
    const b = await callIn('+5215512700040');
    await press(a.callSid, '+5215512700040', '3');
    const [codeA] = await codesTo('+5215512700040');
    await press(b.callSid, '+5215512700040', '3');
    const [, codeB] = await codesTo('+5215512700040');
    assert.ok(codeA && codeB && codeA !== codeB, 'each call has its own code');
    const wrongCall = await press(a.callSid, '+5215512700040', codeB);
    assert.match(saidIn(wrongCall.twiml), /^El código no es correcto\./);
    assert.doesNotMatch(saidIn(wrongCall.twiml), DEBT_WORDS);
    assert.match(saidIn((await press(b.callSid, '+5215512700040', codeB)).twiml), /Su saldo pendiente es de \$1,500\.00/);
    assert.match(saidIn((await say(a.callSid, '+5215512700040', 'cuánto debo')).twiml), /Por su seguridad/, 'call A is still not verified');
  });

  it('sends no code the gate would only let out later (a code that arrives after its ten minutes is no use)', async () => {
    await aDebtor(db, org, { phone: '+5215512700060' }, ['sms']);
    clock = new Date('2026-03-11T05:30:00Z'); // 23:30 in Mexico City: an SMS waits for the morning
    try {
      const call = await callIn('+5215512700060');
      const held = await press(call.callSid, '+5215512700060', '3');
      assert.match(saidIn(held.twiml), /^En este momento no podemos enviarle un código por mensaje de texto\./);
      assert.equal((await db.query('SELECT 1 FROM actions WHERE idempotency_key = $1', [`call-code:${call.callSid}`])).length, 0, 'no code kept');
    } finally {
      clock = morning;
    }
  });

  it('sends no code when the gate blocks an SMS, and says so', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512700050' }, ['sms']);
    const stopped = await suppress(db, org, 'test', d.customer.id, { scope: 'channel', channel: 'sms', reason: 'STOP by SMS', source: 'keyword' }, morning);
    assert.ok(stopped.ok);
    const call = await callIn('+5215512700050');
    const held = await press(call.callSid, '+5215512700050', '3');
    // not "right now": an opt-out never lets a code out later
    assert.match(saidIn(held.twiml), /^No podemos enviarle un código por mensaje de texto\. Para recibir el enlace de pago/);
    assert.doesNotMatch(held.twiml, /numDigits="6"/);
    assert.equal((await db.query('SELECT 1 FROM actions WHERE idempotency_key = $1', [`call-code:${call.callSid}`])).length, 0, 'no code kept');
    assert.equal((await codesTo('+5215512700050')).length, 0, 'no code sent');
  });
});
