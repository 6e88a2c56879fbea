// Conversations with the agent end to end, over WhatsApp (Meta's Cloud API) and SMS (Twilio) through the loopback
// provider fakes: a debtor's signed reply comes in, the inbound round applies it and runs the agent, the dispatcher gates
// and sends the answer to the fake, whose request is read back. A promise is recorded then kept by a payment; a plan is
// proposed within the limits and refused outside them; STOP in the same second stops every answer; a handover carries a
// summary and silences the agent; outside WhatsApp's 24-hour window the answer goes as the approved template.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { caseStory } from '../src/timeline/index.ts';
import { dispatchOnce, processInbound } from '../src/worker/index.ts';
import { evaluateArrangements } from '../src/payments/index.ts';
import { listHandovers, setAgentSettings } from '../src/agent/index.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';
import { fakeMeta, type FakeMeta } from './support/providers/meta.ts';
import { smsReply, whatsappReply } from './support/debtor-replies.ts';
import { aPayment, anInvoice } from './support/factories.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, aDebtor, connect, messagingServer, type MessagingServer } from './support/messaging.ts';

let db: Db;
let server: MessagingServer;
let twilio: FakeTwilio;
let meta: FakeMeta;
let org: string;
let seq = 0;
const morning = new Date('2026-03-10T17:00:00Z'); // Tuesday 11:00 in Mexico City
// the clock only moves forward (send slots and contact history live in the database): each round is two minutes later
let clock = morning;
const tick = (minutes = 2) => (clock = new Date(clock.getTime() + minutes * 60_000));
const metaHook = () => `${server.publicUrl}/webhooks/meta/${org}/whatsapp`;

before(async () => {
  server = await messagingServer(() => clock, 'Ferretería Luna');
  ({ db, org } = server);
  twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN });
  meta = await fakeMeta({ phoneNumberId: '1098765432', accessToken: 'meta-access-token', appSecret: 'meta-app-secret' });
  await connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', api_base: twilio.url, rate_per_second: 500 }, { auth_token: TWILIO_TOKEN });
  await connect(db, org, 'meta_whatsapp', { phone_number_id: '1098765432', api_base: meta.url }, { access_token: 'meta-access-token', app_secret: 'meta-app-secret',
    verify_token: 'verify-me-please' });
  const on = await setAgentSettings(db, org, 'test', { enabled: true }, morning);
  assert.ok(on.ok);
});
after(async () => { await twilio.callbacksDone(); await meta.callbacksDone(); await twilio.close(); await meta.close(); await server.close(); });

/** A WhatsApp message from the debtor, signed as Meta signs it, sent at `at` (Meta's own timestamp). */
async function whatsappIn(from: string, text: string, at: Date): Promise<void> {
  await whatsappReply(metaHook(), from, text, at, `wamid.test${++seq}`);
}

async function smsIn(from: string, text: string): Promise<void> {
  await smsReply(twilio, `${server.publicUrl}/webhooks/twilio/${org}/messages`, from, text);
}

/** The inbound round (replies applied, the agent's turns run) and a dispatch pass, now; returns what the fakes got. */
async function round(at = clock): Promise<{ whatsapp: Record<string, unknown>[]; sms: Record<string, string | string[]>[] }> {
  const [w, s] = [meta.accepted.length, twilio.accepted.length];
  await processInbound(db, org, at);
  await dispatchOnce({ db, now: () => at, adapters: server.adapters, publicUrl: server.publicUrl });
  return { whatsapp: meta.accepted.slice(w), sms: twilio.accepted.slice(s) };
}

const textOf = (p: Record<string, unknown> | undefined) => String((p?.['text'] as { body?: string } | undefined)?.body ?? '');
const turnsOf = (customerId: string) => db.query<{ intent: string; action: string; reply_message_id: string | null; detail: string }>(
  'SELECT intent, action, reply_message_id, detail FROM agent_turns WHERE customer_id = $1 ORDER BY created_at, id', [customerId]);

describe('the agent in conversation', () => {
  it('records a promise from a WhatsApp reply, confirms it in Spanish as the automated assistant, and sees it kept when the payment arrives', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512400001', whatsapp: '+5215512400001' }, ['whatsapp']);
    await whatsappIn('+5215512400001', 'te pago 1500 el viernes', tick());
    const got = await round();
    assert.equal(got.whatsapp.length, 1, 'one answer');
    const answer = got.whatsapp[0]!;
    assert.deepEqual([answer['to'], answer['type']], ['+5215512400001', 'text'], 'free text inside the 24-hour window');
    assert.match(textOf(answer), /^Hola, le escribe el asistente automático de Ferretería Luna\./);
    assert.match(textOf(answer), /registré su compromiso de pagar \$1,500\.00 a más tardar el viernes, 13 de marzo/);
    const [promise] = await db.query<{ amount: number; currency: string; due_date: string; source: string; channel: string; status: string }>(
      'SELECT amount, currency, due_date, source, channel, status FROM promises WHERE customer_id = $1', [d.customer.id]);
    assert.deepEqual(promise, { amount: 150_000, currency: 'MXN', due_date: '2026-03-13', source: 'agent', channel: 'whatsapp', status: 'pending' });
    const [turn] = await turnsOf(d.customer.id);
    assert.deepEqual([turn?.intent, turn?.action], ['promise_to_pay', 'promise_recorded']);
    const story = await caseStory(db, org, d.caseId);
    assert.ok(story.ok);
    assert.ok(story.value.timeline.some((e) => e.kind === 'agent_decision' && /promise_to_pay \(0\.\d\d\): promise_recorded/.test(e.reason)
      && (e.data as { reply_message_id?: string }).reply_message_id === turn?.reply_message_id), 'the decision is in the case timeline');
    const contacts = await db.query<{ direction: string; solicited: boolean }>(
      `SELECT direction, solicited FROM contact_events WHERE customer_id = $1 AND channel = 'whatsapp' ORDER BY at, direction DESC`, [d.customer.id]);
    assert.deepEqual(contacts.filter((c) => c.direction === 'outbound').map((c) => c.solicited), [true], 'the answer is a solicited contact');

    await aPayment(db, org, { customer_id: d.customer.id, amount: 150_000, currency: 'MXN', date: '2026-03-12',
      allocations: [{ invoice_id: d.invoice.id, amount: 150_000 }] });
    await evaluateArrangements(db, org, new Date('2026-03-15T17:00:00Z'));
    const [kept] = await db.query<{ status: string; paid: number }>('SELECT status, paid FROM promises WHERE customer_id = $1', [d.customer.id]);
    assert.deepEqual(kept, { status: 'kept', paid: 150_000 });
  });

  it('asks for what a promise is missing, then records it from the answer', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512400002' }, ['sms']);
    await smsIn('+5215512400002', 'te pago el viernes');
    const first = await round(tick());
    assert.match(String(first.sms[0]?.['Body']), /¿Cuanto va a pagar el 13 mar\? Su saldo es de \$1,500\.00/, 'short dates, and accents GSM-7 lacks left out');
    await smsIn('+5215512400002', 'todo');
    const second = await round(tick());
    assert.match(String(second.sms[0]?.['Body']), /registré su compromiso de pagar \$1,500\.00.*\(asistente automatico\)/);
    assert.doesNotMatch(String(second.sms[0]?.['Body']), /le escribe el asistente/, 'the introduction is made once');
    const promises = await db.query<{ amount: number; due_date: string }>('SELECT amount, due_date FROM promises WHERE customer_id = $1', [d.customer.id]);
    assert.deepEqual(promises, [{ amount: 150_000, due_date: '2026-03-13' }]);
  });

  it('proposes a plan within the org\'s limits over SMS and sets it up on yes; refuses one outside them and names what it can do', async () => {
    const inside = await aDebtor(db, org, { phone: '+5215512400003' }, ['sms']);
    await anInvoice(db, org, { customer_id: inside.customer.id, currency: 'MXN', amount: 450_000, due_date: '2026-02-15' });
    await smsIn('+5215512400003', '¿puedo pagar en 3 cuotas?');
    const offer = await round(tick());
    assert.match(String(offer.sms[0]?.['Body']), /Puedo darle 3 pagos mensuales de \$1,800\.00 después de un pago inicial de \$600\.00 hoy, del 10 abr al 10 jun\. Responda SI para confirmarlo/);
    assert.equal((await db.query('SELECT 1 FROM plans WHERE customer_id = $1', [inside.customer.id])).length, 0, 'nothing agreed yet');
    await smsIn('+5215512400003', 'sí');
    const done = await round(tick());
    // the plan's own reminder of the down payment due today may go in the same pass; the agent's answer is among what went
    assert.match(done.sms.map((m) => String(m['Body'])).join('\n'), /su plan quedo registrado: 3 pagos mensuales.*Puede pagar aqui: https:\/\/\S+\/p\//);
    const [plan] = await db.query<{ instalment_count: number; down_payment: number; source: string; status: string }>(
      'SELECT instalment_count, down_payment, source, status FROM plans WHERE customer_id = $1', [inside.customer.id]);
    assert.deepEqual(plan, { instalment_count: 3, down_payment: 60_000, source: 'agent', status: 'active' });

    const outside = await aDebtor(db, org, { phone: '+5215512400004' }, ['sms']);
    await anInvoice(db, org, { customer_id: outside.customer.id, currency: 'MXN', amount: 450_000, due_date: '2026-02-15' });
    await smsIn('+5215512400004', 'necesito pagarlo en 12 cuotas');
    const refused = await round(tick());
    assert.match(String(refused.sms[0]?.['Body']), /No puedo darle 12 pagos; lo maximo es 6 pagos mensuales de \$900\.00 después de un pago inicial de \$600\.00/);
    assert.equal((await db.query('SELECT 1 FROM plans WHERE customer_id = $1', [outside.customer.id])).length, 0, 'no plan outside the limits');
    assert.deepEqual((await turnsOf(outside.customer.id)).map((t) => t.action), ['plan_refused']);
  });

  it('honours STOP sent in the same second: no answer goes out after it, whether the answer was queued before or not', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512400005' }, ['sms']);
    // both arrive in the same second and are applied in one round
    await smsIn('+5215512400005', 'mándame el link para pagar');
    await smsIn('+5215512400005', 'PARE');
    const same = await round(tick());
    assert.equal(same.sms.length, 0, 'nothing sent after STOP');
    // stored in the same second, the two may be applied in either order; the agent runs after both are applied
    const turns = await turnsOf(d.customer.id);
    assert.deepEqual(turns.map((t) => [t.intent, t.action, t.reply_message_id]).sort(), [['opt_out', 'keyword_applied', null], ['request_link', 'sent_link', null]]);
    assert.match(turns.find((t) => t.intent === 'request_link')!.detail, /gate blocks it \(OPTED_OUT\)/);

    // the answer already queued when STOP arrives, in the same second, is blocked by the gate at send time
    const e = await aDebtor(db, org, { phone: '+5215512400006' }, ['sms']);
    await smsIn('+5215512400006', 'mándame el link para pagar');
    await processInbound(db, org, tick());
    const [queued] = await turnsOf(e.customer.id);
    assert.ok(queued?.reply_message_id, 'the answer was queued');
    await smsIn('+5215512400006', 'STOP');
    const after = await round();
    assert.equal(after.sms.length, 0, 'the queued answer did not go');
    const [m] = await db.query<{ status: string; reason: string }>('SELECT status, reason FROM messages WHERE id = $1', [queued.reply_message_id]);
    assert.equal(m?.status, 'blocked');
    assert.match(m?.reason ?? '', /OPTED_OUT/);
  });

  it('hands a conversation over with a plain summary, and answers nothing more while a person has it', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512400007', whatsapp: '+5215512400007' }, ['whatsapp']);
    await whatsappIn('+5215512400007', 'quiero hablar con una persona por favor', tick());
    const got = await round();
    assert.match(textOf(got.whatsapp[0]), /Pasé su mensaje a una persona de nuestro equipo/);
    const [h] = await listHandovers(db, org, { customerId: d.customer.id });
    assert.equal(h?.reason, 'talk_to_human');
    assert.match(h!.summary, /^Asked to talk to a person/);
    assert.match(h!.summary, /wrote on whatsapp in es: "quiero hablar con una persona por favor" \(read as talk_to_human/);
    assert.match(h!.summary, /Owes 1500\.00 MXN on 1 open invoice, the oldest due 2026-02-01/);
    const [task] = await db.query<{ kind: string; priority: string; status: string; note: string }>('SELECT kind, priority, status, note FROM tasks WHERE id = $1', [h!.task_id]);
    assert.deepEqual([task?.kind, task?.priority, task?.status], ['call', 'high', 'open']);
    assert.match(task!.note, /Agent handover\. Asked to talk to a person/);

    await whatsappIn('+5215512400007', 'hola? me pasan el link', tick());
    const quiet = await round();
    assert.equal(quiet.whatsapp.length, 0, 'a person has the conversation');
    assert.deepEqual((await turnsOf(d.customer.id)).map((t) => t.action), ['handed_over', 'held_for_person']);
  });

  it('hands over at once on a legal threat, and after a second message it does not understand', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512400008' }, ['sms']);
    await smsIn('+5215512400008', 'si me siguen escribiendo los voy a demandar con mi abogado');
    await round(tick());
    const [legal] = await listHandovers(db, org, { customerId: d.customer.id });
    assert.equal(legal?.reason, 'legal_threat');
    assert.equal(legal?.priority, 'urgent');

    const e = await aDebtor(db, org, { phone: '+5215512400009' }, ['sms']);
    await smsIn('+5215512400009', 'y entonces?');
    const once = await round(tick());
    assert.match(String(once.sms[0]?.['Body']), /Disculpe, no le entendi/);
    await smsIn('+5215512400009', 'qué onda con eso');
    const twice = await round(tick());
    assert.match(String(twice.sms[0]?.['Body']), /Pasé su mensaje a una persona/);
    const [h] = await listHandovers(db, org, { customerId: e.customer.id });
    assert.equal(h?.reason, 'misunderstood');
    assert.deepEqual((await turnsOf(e.customer.id)).map((t) => t.action), ['clarified', 'handed_over']);
    assert.equal((await db.query('SELECT 1 FROM disputes WHERE customer_id = $1', [e.customer.id])).length, 0, 'no dispute opened on a guess');
  });

  it('answers outside WhatsApp\'s 24-hour window with the approved template, not free text', async () => {
    await aDebtor(db, org, { phone: '+5215512400010', whatsapp: '+5215512400010' }, ['whatsapp']);
    await whatsappIn('+5215512400010', 'me pasa el link de pago por favor', tick());
    await processInbound(db, org, clock);
    const got = await round(tick(25 * 60));
    assert.equal(got.whatsapp.length, 1);
    const sent = got.whatsapp[0]!;
    assert.equal(sent['type'], 'template');
    const template = sent['template'] as { name: string; language: { code: string }; components: { parameters: { text: string }[] }[] };
    assert.equal(template.name, 'cobro_agent_reply');
    assert.equal(template.language.code, 'es');
    const [company, words] = template.components[0]!.parameters.map((p) => p.text);
    assert.equal(company, 'Ferretería Luna');
    assert.match(words ?? '', /Puede pagar \$1,500\.00 aquí: http/);
  });
});
