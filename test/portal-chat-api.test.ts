// The portal chat's API: a debtor writes to the agent from their portal link and gets its answer in their language, with
// the same understanding, policy and actions as on SMS or WhatsApp (a promise dated in their own time zone, a dispute,
// a stop applied at once, a handover a person then answers in the chat); another debtor's link never reaches the
// conversation; bad input is refused naming the field.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkContact } from '../src/compliance/index.ts';
import { handoverDetail, listHandovers, replyToHandover, setAgentSettings } from '../src/agent/index.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';

// Friday 03:00 UTC is still Thursday 22:00 in Chicago: "el viernes" is tomorrow there, next week in UTC
const start = new Date('2026-03-20T03:00:00Z');
let clock = start;
let t: TestApi;
before(async () => {
  t = await testApi(() => clock);
  const on = await setAgentSettings(t.db, t.org, 'test', { enabled: true }, start);
  assert.ok(on.ok);
});
after(async () => { await t.close(); });

const staff = (method: 'POST' | 'GET', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: bearer(t.keys.admin), ...(payload !== undefined ? { payload: payload as object } : {}) });
const chat = (token: string, payload?: unknown) => t.app.inject({ method: payload === undefined ? 'GET' : 'POST', url: '/portal/api/chat',
  headers: { 'x-portal-token': token }, ...(payload !== undefined ? { payload: payload as object } : {}) });

interface Line { id: string; author: string; text: string; pay: boolean }
let n = 0;
/** A Spanish-speaking debtor in Chicago owing USD 1,200.00, with a portal link. */
async function debtor() {
  n += 1;
  const c = await staff('POST', '/v1/customers', { name: `Cliente Chat ${n}`, email: `chat${n}@example.com`, phone: `+1312555${String(1000 + n)}`, country: 'US',
    region: 'IL', timezone: 'America/Chicago', language: 'es' });
  assert.equal(c.statusCode, 201, c.body);
  const id = c.json().id as string;
  const inv = await staff('POST', '/v1/invoices', { customer_id: id, number: `CH-${n}`, currency: 'USD', amount: 120_000, issue_date: '2026-01-15', due_date: '2026-03-01' });
  assert.equal(inv.statusCode, 201, inv.body);
  const link = await staff('POST', `/v1/customers/${id}/portal-link`, {});
  assert.equal(link.statusCode, 201, link.body);
  return { id, token: link.json().token as string };
}

/** Posts a message and returns the agent's answer (the one answer), failing with the body when there is none. */
async function say(token: string, text: string): Promise<{ answer: Line; body: Record<string, unknown> }> {
  const r = await chat(token, { text });
  assert.equal(r.statusCode, 201, r.body);
  const body = r.json();
  assert.equal(body.message.text, text.trim());
  assert.equal(body.answers.length, 1, r.body);
  return { answer: body.answers[0] as Line, body };
}

describe('the portal chat', () => {
  it('records a promise from "pago el viernes" dated in the debtor\'s zone, answers in Spanish as the automated assistant, and offers the pay button', async () => {
    const d = await debtor();
    const asked = await say(d.token, 'pago el viernes');
    assert.equal(asked.answer.author, 'agent');
    assert.match(asked.answer.text, /^Hola, le escribe el asistente automático de /, 'the first answer discloses the automated assistant');
    assert.match(asked.answer.text, /¿Cuánto va a pagar el viernes, 20 de marzo\?/, 'the Friday of Chicago, not of UTC');
    clock = new Date(clock.getTime() + 60_000);
    const { answer } = await say(d.token, 'todo');
    assert.match(answer.text, /registré su compromiso de pagar \$1,200\.00 a más tardar el viernes, 20 de marzo/);
    assert.equal(answer.pay, true, 'the link becomes the page\'s pay button');
    assert.ok(!answer.text.includes('{{'), 'no placeholder left');
    const [promise] = await t.db.query<{ amount: number; due_date: string; source: string; channel: string }>(
      'SELECT amount::int AS amount, due_date::text AS due_date, source, channel FROM promises WHERE customer_id = $1', [d.id]);
    assert.deepEqual(promise, { amount: 120_000, due_date: '2026-03-20', source: 'agent', channel: 'portal' });
    const sent = await t.db.query('SELECT id FROM messages WHERE customer_id = $1', [d.id]);
    assert.deepEqual(sent, [], 'the answers are shown on the page: nothing goes out on another channel');
    const account = await t.app.inject({ method: 'GET', url: '/portal/api/account', headers: { 'x-portal-token': d.token } });
    assert.equal(account.json().promise?.due_date, '2026-03-20', 'the promise shows on the portal');
    const [turn] = await t.db.query<{ channel: string; intent: string; action: string }>(
      'SELECT channel, intent, action FROM agent_turns WHERE customer_id = $1 ORDER BY created_at, id', [d.id]);
    assert.deepEqual(turn, { channel: 'portal', intent: 'promise_to_pay', action: 'asked_promise_amount' });
    // the second answer is signed as automated, not introduced again; the list holds both turns, newest last
    clock = new Date(clock.getTime() + 60_000);
    const again = await say(d.token, 'quiero el link de pago');
    assert.doesNotMatch(again.answer.text, /^Hola, le escribe/);
    assert.match(again.answer.text, /\(asistente automático\)/);
    const list = await chat(d.token);
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(list.json().data.map((l: Line) => l.author), ['debtor', 'agent', 'debtor', 'agent', 'debtor', 'agent']);
    assert.deepEqual(list.json().data.filter((l: Line) => l.author === 'debtor').map((l: Line) => l.text), ['pago el viernes', 'todo', 'quiero el link de pago']);
  });

  it('opens a dispute from "Esta no es mi factura" with its reference in the answer', async () => {
    const d = await debtor();
    const { answer } = await say(d.token, 'Esta no es mi factura');
    const [dispute] = await t.db.query<{ id: string; source: string }>('SELECT id, source FROM disputes WHERE customer_id = $1', [d.id]);
    assert.ok(dispute, 'a dispute is open');
    assert.equal(dispute.source, 'agent');
    assert.ok(answer.text.includes(dispute.id), answer.text);
  });

  it('proposes a plan within the org\'s limits, refuses one beyond them, and sets it up on "sí"', async () => {
    const d = await debtor();
    const limits = await t.app.inject({ method: 'PUT', url: '/v1/negotiation-limits', headers: bearer(t.keys.admin), payload: { planMaxInstalments: 4 } });
    assert.equal(limits.statusCode, 200, limits.body);
    const asked = await say(d.token, 'no puedo pagar todo, ¿me da 48 cuotas mensuales?');
    assert.match(asked.answer.text, /No puedo darle 48 pagos; lo máximo es 4 pagos mensuales de \$270\.00 después de un pago inicial de \$120\.00 hoy/, asked.answer.text);
    clock = new Date(clock.getTime() + 60_000);
    const { answer } = await say(d.token, 'sí');
    assert.match(answer.text, /su plan quedó registrado/);
    const plans = await t.db.query<{ source: string; status: string }>('SELECT source, status FROM plans WHERE customer_id = $1', [d.id]);
    assert.deepEqual(plans, [{ source: 'agent', status: 'active' }]);
  });

  for (const word of ['STOP', 'PARE']) {
    it(`applies "${word}" at once: every channel stopped before the next send, and the chat says so`, async () => {
      const d = await debtor();
      const { answer, body } = await say(d.token, word);
      assert.deepEqual([...(body['stopped'] as string[])].sort(), ['email', 'sms', 'voice', 'whatsapp']);
      assert.match(answer.text, /no le enviaremos más recordatorios|will not send you any more reminders/);
      for (const channel of ['sms', 'email'] as const) {
        const gate = await checkContact(t.db, t.org, { customerId: d.id, channel, purpose: { kind: 'collection', tags: [] } }, clock);
        assert.ok(gate.ok);
        assert.equal(gate.value.kind, 'block', `${channel} is blocked`);
      }
      const contact = await t.app.inject({ method: 'GET', url: '/portal/api/contact', headers: { 'x-portal-token': d.token } });
      assert.ok(contact.json().channels.every((c: { stopped: boolean; can_resume: boolean }) => c.stopped && c.can_resume),
        'the portal\'s contact panel shows each channel stopped, and lets the debtor allow it again');
    });
  }

  it('hands "quiero hablar con alguien" to a person with a summary; the person\'s answer shows in the chat', async () => {
    const d = await debtor();
    const { answer, body } = await say(d.token, 'quiero hablar con alguien');
    assert.match(answer.text, /Pasé su mensaje a una persona/);
    assert.equal(body['with_person'], true);
    const handover = (await listHandovers(t.db, t.org, { status: 'open' })).find((h) => h.customer_id === d.id);
    assert.ok(handover, 'a handover is open');
    assert.equal(handover.reason, 'talk_to_human');
    assert.match(handover.summary, /quiero hablar con alguien|person/i);
    // the agent stays quiet while a person has it
    clock = new Date(clock.getTime() + 60_000);
    const quiet = await chat(d.token, { text: '¿hola?' });
    assert.equal(quiet.statusCode, 201);
    assert.deepEqual(quiet.json().answers, []);
    const answered = await replyToHandover(t.db, t.org, 'user:ana', handover.id, 'Hola, soy Ana. ¿En qué le ayudo?', clock);
    assert.ok(answered.ok, JSON.stringify(answered));
    const list = (await chat(d.token)).json().data as Line[];
    assert.deepEqual(list.at(-1), { ...list.at(-1)!, author: 'person', text: 'Hola, soy Ana. ¿En qué le ayudo?' });
    const detail = await handoverDetail(t.db, t.org, handover.id);
    assert.ok(detail.ok);
    assert.deepEqual(detail.value.conversation.map((l) => [l.by, l.channel]),
      [['debtor', 'portal'], ['agent', 'portal'], ['debtor', 'portal'], ['person', 'portal']], 'the handover screen reads the chat');
  });

  it('keeps each debtor to their own conversation', async () => {
    const a = await debtor();
    const b = await debtor();
    await say(a.token, 'pago el viernes');
    const seen = await chat(b.token);
    assert.equal(seen.statusCode, 200);
    assert.deepEqual(seen.json().data, [], 'b sees nothing of a');
    await say(b.token, 'hola');
    const aList = (await chat(a.token)).json().data as Line[];
    assert.ok(!aList.some((l) => l.text === 'hola'), 'b\'s message is not in a\'s chat');
    const [bTurn] = await t.db.query<{ customer_id: string }>(`SELECT customer_id FROM inbound_messages WHERE channel = 'portal' AND text = 'hola'`);
    assert.equal(bTurn?.customer_id, b.id);
    const noToken = await t.app.inject({ method: 'POST', url: '/portal/api/chat', payload: { text: 'hola' } });
    assert.deepEqual([noToken.statusCode, noToken.json().error.field], [401, 'token']);
  });

  it('keeps the messages when the org has the agent off, answering nothing, and a stop still applies', async () => {
    const d = await debtor();
    assert.ok((await setAgentSettings(t.db, t.org, 'test', { enabled: false }, clock)).ok);
    try {
      const hello = await chat(d.token, { text: 'hola, quiero pagar' });
      assert.equal(hello.statusCode, 201, hello.body);
      assert.deepEqual([hello.json().answers, hello.json().agent, hello.json().pending], [[], false, false]);
      const stop = await chat(d.token, { text: 'PARE' });
      assert.equal(stop.json().stopped.length, 4);
      assert.deepEqual((await t.db.query('SELECT id FROM agent_turns WHERE customer_id = $1', [d.id])), [], 'no turn is queued');
      assert.deepEqual((await chat(d.token)).json().data.map((l: Line) => l.text), ['hola, quiero pagar', 'PARE']);
    } finally {
      assert.ok((await setAgentSettings(t.db, t.org, 'test', { enabled: true }, clock)).ok);
    }
  });

  it('refuses bad input naming the field, and removes card numbers before storing', async () => {
    const d = await debtor();
    for (const payload of [{}, { text: '' }, { text: '   ' }, { text: 'x'.repeat(1001) }, { text: 42 }]) {
      const r = await chat(d.token, payload);
      assert.deepEqual([r.statusCode, r.json().error.code, r.json().error.field], [400, 'VALIDATION_FAILED', 'text'], JSON.stringify(payload));
    }
    const extra = await chat(d.token, { text: 'hola', to: 'someone' });
    assert.equal(extra.statusCode, 400);
    assert.deepEqual((await chat(d.token)).json().data, [], 'nothing was recorded');
    const r = await chat(d.token, { text: 'mi tarjeta es 4111 1111 1111 1111' });
    assert.equal(r.statusCode, 201, r.body);
    const stored = await t.db.query<{ text: string }>('SELECT text FROM inbound_messages WHERE customer_id = $1', [d.id]);
    assert.equal(stored.length, 1);
    assert.ok(!stored[0]!.text.includes('4111 1111 1111 1111') && !stored[0]!.text.includes('4111111111111111'), stored[0]!.text);
    assert.ok(!r.body.includes('4111 1111 1111 1111'));
  });
});
