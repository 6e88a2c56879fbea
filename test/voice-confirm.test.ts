// Confirmations by phone call for a debtor who prefers calls, when the org has a voice provider: the call goes through
// Twilio's Calls API (the request checked by the fake Twilio) and speaks the confirmation in the debtor's language with
// money and dates in words, then offers its details by SMS (1, through the gate) or a person (2); out of the debtor's hours
// the gate defers the call; the portal offers calls as the preferred channel only when the org makes them. Runs on
// PGlite, and on PostgreSQL with DATABASE_URL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { syncCases } from '../src/engine/index.ts';
import { recordConsent, twilioSignature } from '../src/compliance/index.ts';
import { createPortalLink } from '../src/portal/index.ts';
import { spokenSchedule } from '../src/messaging/spoken-schedule.ts';
import { dispatchOnce, processInbound, sandboxAdapters, vaultAdapters, type Adapters } from '../src/worker/index.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, connect } from './support/messaging.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';

// Tuesday 17 March 2026, 16:00 UTC: 10:00 in Mexico City, 12:00 in New York, 13:00 in São Paulo
let now = new Date('2026-03-17T16:00:00Z');
let t: TestApi;
let twilio: FakeTwilio;
let adapters: ReturnType<typeof vaultAdapters>;
const messaging: { adapters: Adapters; publicUrl: string } = { adapters: sandboxAdapters(), publicUrl: '' };
const VOICE_FROM = '+15550002222';

before(async () => {
  t = await testApi(() => now, { messaging });
  const publicUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  adapters = vaultAdapters({ db: t.db, publicUrl, fallback: sandboxAdapters() });
  Object.assign(messaging, { adapters, publicUrl });
  twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN });
  await connect(t.db, t.org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', voice_from: VOICE_FROM, api_base: twilio.url, rate_per_second: 500 },
    { auth_token: TWILIO_TOKEN });
});
after(async () => { await twilio.callbacksDone(); await twilio.close(); adapters.close(); await t.close(); });

const hook = (kind: string) => `${messaging.publicUrl}/webhooks/twilio/${t.org}/${kind}`;
const dispatch = () => dispatchOnce({ db: t.db, now: () => now, adapters, publicUrl: messaging.publicUrl });
const asStaff = (method: 'POST', url: string, payload: object) => t.app.inject({ method, url, headers: bearer(t.keys.collector), payload });
const asDebtor = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { 'x-portal-token': token }, ...(payload ? { payload } : {}) });

let made = 0;
interface Debtor { id: string; phone: string; token: string }
/** A debtor who prefers calls (unless said), owing one overdue invoice, with their portal link's token. */
async function aDebtor(org: string, over: { language: string; country: string; region?: string; timezone: string; currency: string; amount: number; preferred_channel?: string }): Promise<Debtor> {
  made += 1;
  const phone = `+52551230${String(1000 + made)}`;
  const { currency, amount, ...rest } = over;
  const c = await aCustomer(t.db, org, { name: `Voz ${made}`, email: `voice${made}@example.com`, phone, preferred_channel: 'voice', ...rest } as Parameters<typeof aCustomer>[2]);
  await anInvoice(t.db, org, { customer_id: c.id, number: `VC-${made}`, currency, amount, issue_date: '2026-02-01', due_date: '2026-03-01' });
  const link = await createPortalLink(t.db, org, 'test', c.id, 'staff', now);
  assert.ok(link.ok);
  await syncCases(t.db, org, now);
  return { id: c.id, phone, token: link.value.token };
}
const mexican = (org = t.org, over: { preferred_channel?: string } = {}) =>
  aDebtor(org, { language: 'es', country: 'MX', timezone: 'America/Mexico_City', currency: 'MXN', amount: 90_000, ...over });

interface Message { id: string; channel: string; template: string; status: string; reason: string | null; next_attempt_at: string | null; provider_message_id: string | null }
const confirmations = (customerId: string) => t.db.query<Message>(
  `SELECT id, channel, template, status, reason, next_attempt_at, provider_message_id FROM messages WHERE org_id = $1 AND customer_id = $2 AND template LIKE 'portal-%'
   ORDER BY created_at, channel`, [t.org, customerId]);

/** A confirmation's call offers its details by SMS (a reminder's call, the payment link). */
const CONFIRMS = /these details|estos datos|estes dados/;

/** Dispatches, and gives the one confirmation call Twilio accepted for the debtor (their reminder may be called too): its request's fields. */
async function theCall(d: Debtor): Promise<Record<string, string | string[]>> {
  const before = twilio.accepted.length;
  await dispatch();
  const calls = twilio.accepted.slice(before).filter((f) => f['To'] === d.phone && CONFIRMS.test(String(f['Twiml'])));
  assert.equal(calls.length, 1, JSON.stringify([await confirmations(d.id), calls]));
  return calls[0]!;
}

/** What the call says, in order: each <Say>'s language, voice and words. */
const said = (twiml: string) => [...twiml.matchAll(/<Say language="([^"]+)" voice="([^"]+)">([^<]*)<\/Say>/g)].map((m) => ({ language: m[1], voice: m[2], text: m[3] }));

describe('voice confirmations', () => {
  it('call a Mexican debtor who prefers calls, speaking staff\'s promise in Spanish with the amount and date in words', async () => {
    const d = await mexican();
    const r = await asStaff('POST', '/v1/promises', { customer_id: d.id, amount: 90_000, currency: 'MXN', due_date: '2026-03-27', source: 'collector' });
    assert.equal(r.statusCode, 201, r.body);
    const call = await theCall(d);
    // the request as Twilio documents it: To, From, inline TwiML, status callbacks
    assert.deepEqual([call['To'], call['From'], call['StatusCallback'], call['StatusCallbackMethod'], call['StatusCallbackEvent']],
      [d.phone, VOICE_FROM, hook('voice'), 'POST', ['initiated', 'ringing', 'answered', 'completed']]);
    const twiml = String(call['Twiml']);
    const gather = hook('gather').replace(/^http:/, 'https:');
    assert.ok(twiml.includes(`<Gather input="dtmf speech" numDigits="1" timeout="8" language="es-MX" speechTimeout="auto" speechModel="phone_call" action="${gather}" method="POST">`), twiml);
    const [confirmation, menu, goodbye] = said(twiml);
    assert.deepEqual([confirmation?.language, confirmation?.voice], ['es-MX', 'Polly.Mia']);
    assert.equal(confirmation?.text, `Hola, esta es una llamada automática de Main para Voz ${made}, para confirmarle la promesa de pago que acordó con nosotros: ` +
      'pagará novecientos pesos a más tardar el viernes veintisiete de marzo. Hasta esa fecha no le enviaremos recordatorios. ' +
      'Si para entonces no se ha pagado, los recordatorios se reanudan.');
    assert.match(menu?.text ?? '', /^Para recibir estos datos por mensaje de texto, marque 1\. Para hablar con una persona, marque 2\./);
    assert.match(goodbye?.text ?? '', /^No recibimos ninguna opción/);
    // (the spoken texts only: the TwiML's URLs carry the org's random id, which may hold "900")
    assert.doesNotMatch(said(twiml).map((x) => x.text).join(' '), /\$|900|27\/03|2026/, 'no symbol, figures or written date is read out');
    const [m] = await confirmations(d.id);
    assert.deepEqual([m?.channel, m?.template, m?.status], ['voice', 'portal-promise-confirmed', 'sent']);
  });

  it('sends the confirmation\'s details by SMS, through the gate, when 1 is pressed', async () => {
    const d = await mexican();
    assert.equal((await asStaff('POST', '/v1/extensions', { customer_id: d.id, days: 10 })).statusCode, 201);
    await theCall(d);
    await twilio.callbacksDone();
    await processInbound(t.db, t.org, now);
    const [call] = await confirmations(d.id);
    assert.equal(call?.status, 'delivered');
    const press = await twilio.gathered(hook('gather'), { CallSid: call!.provider_message_id!, Digits: '1', To: d.phone, From: VOICE_FROM });
    assert.equal(press.status, 200);
    assert.deepEqual(said(press.twiml).map((s) => s.text), ['Gracias. Le enviamos ahora estos datos por mensaje de texto. Hasta luego.']);
    await processInbound(t.db, t.org, now);
    const queued = (await confirmations(d.id)).find((m) => m.channel === 'sms');
    assert.deepEqual([queued?.template, queued?.status, queued?.reason], ['portal-extension-confirmed', 'queued', 'asked for the confirmation\'s details by SMS during the call']);
    const before = twilio.accepted.length;
    await dispatch();
    const sms = twilio.accepted.slice(before).find((f) => f['To'] === d.phone);
    assert.match(String(sms?.['Body']), /^Main: nuevo plazo\. \$900\.00 vence el 27 mar 2026;/, 'the written confirmation, with money and dates as written');
  });

  it('speak English and Portuguese with their own money and dates: a plan chosen in the portal, a cancellation by staff', async () => {
    const us = await aDebtor(t.org, { language: 'en', country: 'US', timezone: 'America/New_York', currency: 'USD', amount: 123_450 });
    await recordConsent(t.db, t.org, 'test', us.id, { kind: 'automated_calls', channel: 'voice', address: us.phone, source: 'signed form' }, new Date('2026-01-01T00:00:00Z'));
    const options = (await asDebtor(us.token, 'GET', '/portal/api/plans/options')).json().data as { count: number; frequency: string }[];
    assert.ok(options.some((o) => o.count === 3 && o.frequency === 'monthly'), JSON.stringify(options));
    assert.equal((await asDebtor(us.token, 'POST', '/portal/api/plans', { instalments: 3, frequency: 'monthly' })).statusCode, 201);
    const en = said(String((await theCall(us))['Twiml']));
    assert.deepEqual([en[0]?.language, en[0]?.voice], ['en-US', 'Polly.Joanna']);
    // the schedule read payment by payment, each amount and date in words
    assert.match(en[0]?.text ?? '', /to confirm your payment plan: one thousand two hundred thirty-four dollars and fifty cents in four payments\. You will pay [a-z -]+ dollars( and [a-z -]+ cents)? on Tuesday, March seventeenth; [^;]+; [^;]+; and [a-z -]+ dollars( and [a-z -]+ cents)? on Wednesday, June seventeenth\. We will remind you/);
    assert.doesNotMatch((en[0]?.text ?? '').replace(/^.* for Voz \d+,/, ''), /\d/, 'no figures');
    assert.match(en.map((s) => s.text).join(' '), /This is a communication from a debt collector|debt collector/i, 'the US notice is said on the call too');
    assert.match(en[1]?.text ?? '', /^To receive these details by text message, press 1\./);

    const br = await aDebtor(t.org, { language: 'pt-BR', country: 'BR', region: 'SP', timezone: 'America/Sao_Paulo', currency: 'BRL', amount: 123_400 });
    const p = await asStaff('POST', '/v1/promises', { customer_id: br.id, amount: 123_400, currency: 'BRL', due_date: '2026-03-27', source: 'collector', confirm: false });
    assert.equal(p.statusCode, 201, p.body);
    assert.equal((await asStaff('POST', `/v1/promises/${p.json().id as string}/cancel`, {})).statusCode, 200);
    const pt = said(String((await theCall(br))['Twiml']));
    assert.deepEqual([pt[0]?.language, pt[0]?.voice], ['pt-BR', 'Polly.Camila']);
    assert.match(pt[0]?.text ?? '', /Cancelamos a sua promessa de pagamento de mil duzentos e trinta e quatro reais\. O que você já pagou continua creditado\. O saldo de mil duzentos e trinta e quatro reais fica em aberto/);
    assert.match(pt[1]?.text ?? '', /^Para receber estes dados por SMS, digite 1\./);
  });

  it('read a long plan\'s first five payments in Spanish, then how many more and the last date, within Twilio\'s 4,000 TwiML characters', async () => {
    const limits = (body: object) => t.app.inject({ method: 'PUT', url: '/v1/negotiation-limits', headers: bearer(t.keys.manager), payload: body });
    assert.equal((await limits({ planMaxInstalments: 12, planMaxDays: 400 })).statusCode, 200);
    try {
      const d = await aDebtor(t.org, { language: 'es', country: 'MX', timezone: 'America/Mexico_City', currency: 'MXN', amount: 1_200_000 });
      const r = await asStaff('POST', '/v1/plans', { customer_id: d.id, instalments: 12, frequency: 'monthly', source: 'collector' });
      assert.equal(r.statusCode, 201, r.body);
      const plan = r.json() as { currency: string; instalments: { due_date: string; amount: number }[] };
      const rows = plan.instalments.map((i) => ({ amount: { amount: i.amount, currency: plan.currency }, dueDate: i.due_date }));
      assert.equal(rows.length, 13, 'a down payment and twelve monthly payments');
      const twiml = String((await theCall(d))['Twiml']);
      assert.ok(twiml.length < 4_000, `${twiml.length} characters`);
      const [confirmation] = said(twiml);
      const text = confirmation?.text ?? '';
      assert.ok(text.includes(`en trece pagos. Pagará ${spokenSchedule(rows, 'es', '2026-03-17')}. Le recordaremos`), text);
      const schedule = text.slice(text.indexOf('Pagará'));
      assert.match(schedule, /^Pagará [^;]+; [^;]+; [^;]+; [^;]+; [^;]+; y ocho pagos más, el último el [a-zé]+ [a-z ]+ de [a-z]+ de dos mil veintisiete\./);
      assert.doesNotMatch(schedule, /\d/, 'no figures');
    } finally {
      assert.equal((await limits({ planMaxInstalments: 6, planMaxDays: 186 })).statusCode, 200);
    }
  });

  it('are offered in the portal\'s choice of channel only when the org makes calls, and go as the debtor chose there', async () => {
    const d = await mexican(t.org, { preferred_channel: 'email' });
    const contact = (await asDebtor(d.token, 'GET', '/portal/api/contact')).json() as { preferable: string[]; preferred_channel: string };
    assert.deepEqual([contact.preferable, contact.preferred_channel], [['email', 'sms', 'whatsapp', 'voice'], 'email']);
    const chose = await asDebtor(d.token, 'PUT', '/portal/api/contact', { preferred_channel: 'voice' });
    assert.equal(chose.statusCode, 200, chose.body);
    assert.equal((await asDebtor(d.token, 'POST', '/portal/api/promises', { amount: 90_000, currency: 'MXN', due_date: '2026-03-27' })).statusCode, 201);
    const spoken = said(String((await theCall(d))['Twiml']));
    assert.match(spoken[0]?.text ?? '', /la promesa de pago que hizo en su página de cuenta: pagará novecientos pesos/);

    // the other org has no voice provider: calls are neither offered nor taken as the preferred channel
    const other = await mexican(t.otherOrg, { preferred_channel: 'email' });
    const theirs = (await asDebtor(other.token, 'GET', '/portal/api/contact')).json() as { preferable: string[]; channels: { channel: string }[] };
    assert.deepEqual(theirs.preferable, ['email', 'sms', 'whatsapp']);
    assert.ok(theirs.channels.some((c) => c.channel === 'voice'), 'calls can still be stopped');
    const refused = await asDebtor(other.token, 'PUT', '/portal/api/contact', { preferred_channel: 'voice' });
    assert.deepEqual([refused.statusCode, refused.json().error.field], [400, 'preferred_channel']);
  });

  it('go in writing when the gate blocks the call for want of consent to automated calls (US)', async () => {
    const us = await aDebtor(t.org, { language: 'en', country: 'US', timezone: 'America/New_York', currency: 'USD', amount: 50_000 });
    assert.equal((await asStaff('POST', '/v1/promises', { customer_id: us.id, amount: 50_000, currency: 'USD', due_date: '2026-03-27', source: 'collector' })).statusCode, 201);
    const before = twilio.accepted.length;
    await dispatch();
    await dispatch();
    assert.equal(twilio.accepted.slice(before).filter((f) => f['To'] === us.phone && CONFIRMS.test(String(f['Twiml']))).length, 0, 'no call');
    const ms = await confirmations(us.id);
    assert.deepEqual(ms.map((m) => [m.channel, m.status === 'delivered' ? 'sent' : m.status]), [['email', 'sent'], ['voice', 'blocked']], JSON.stringify(ms));
    assert.match(ms[0]?.reason ?? '', /^fallback after voice: CONSENT_MISSING/);
    assert.match(ms.find((m) => m.channel === 'voice')?.reason ?? '', /CONSENT_MISSING/);
  });
  // (last: the send slots it takes are the next morning's)
  it('waits for the debtor\'s hours: at 23:00 in Mexico City the gate defers the call to 07:00, and nothing is dialled before', async () => {
    const at = now;
    try {
      now = new Date('2026-03-18T05:00:00Z');
      const d = await mexican();
      assert.equal((await asStaff('POST', '/v1/promises', { customer_id: d.id, amount: 90_000, currency: 'MXN', due_date: '2026-03-27', source: 'collector' })).statusCode, 201);
      const before = twilio.accepted.length;
      await dispatch();
      assert.equal(twilio.accepted.slice(before).filter((f) => f['To'] === d.phone).length, 0, 'no call at night');
      const [m, ...rest] = await confirmations(d.id);
      assert.deepEqual([m?.channel, m?.status, rest.length], ['voice', 'deferred', 0]);
      assert.equal(m?.next_attempt_at ? new Date(m.next_attempt_at).toISOString() : null, '2026-03-18T13:00:00.000Z', m?.reason ?? '');
      now = new Date('2026-03-18T13:00:00Z');
      await theCall(d);
    } finally { now = at; }
  });
});
