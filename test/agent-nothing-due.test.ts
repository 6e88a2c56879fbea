// The agent answers a debtor with nothing overdue (invoices not yet due, or everything paid, so no open case) as it answers
// one with a case, in their language, through the gate: the balance with the next due date, a claimed payment recorded
// for a person to verify, thanks when all is paid, a handover on asking for a person; STOP is applied and not answered.
// The answer is filed under the customer's case kept closed (made closed when they had none): no reminder is planned.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { recordConsent, setComplianceSettings } from '../src/compliance/index.ts';
import { dispatchOnce, processInbound } from '../src/worker/index.ts';
import { listHandovers, setAgentSettings } from '../src/agent/index.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';
import { smsReply } from './support/debtor-replies.ts';
import { aCustomer, aPayment, anInvoice } from './support/factories.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, connect, messagingServer, type MessagingServer } from './support/messaging.ts';

let db: Db;
let server: MessagingServer;
let twilio: FakeTwilio;
let org: string;
let clock = new Date('2026-03-10T17:00:00Z'); // Tuesday: 11:00 in Mexico City, 13:00 in New York, 14:00 in São Paulo
const tick = () => (clock = new Date(clock.getTime() + 2 * 60_000));

before(async () => {
  server = await messagingServer(() => clock, 'Ferretería Luna');
  ({ db, org } = server);
  twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN });
  await connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', api_base: twilio.url, rate_per_second: 500 }, { auth_token: TWILIO_TOKEN });
  assert.ok((await setAgentSettings(db, org, 'test', { enabled: true }, clock)).ok);
  // what every message to a Brazilian debtor shows of its supplier (BR-1)
  await setComplianceSettings(db, org, 'test', { company_address: 'Av. Paulista 1000, São Paulo - SP', company_tax_id: '12.345.678/0001-95' }, clock);
});
after(async () => { await twilio.callbacksDone(); await twilio.close(); await server.close(); });

const PLACES = {
  es: { country: 'MX', timezone: 'America/Mexico_City', currency: 'MXN' },
  en: { country: 'US', timezone: 'America/New_York', currency: 'USD' },
  'pt-BR': { country: 'BR', region: 'SP', timezone: 'America/Sao_Paulo', currency: 'BRL' },
} as const;

/** A customer who allowed SMS and owes one invoice due on `due` (after today: nothing overdue), with no case. */
async function notDue(language: keyof typeof PLACES, phone: string, due = '2026-03-20', amount = 150_000) {
  const p = PLACES[language];
  const c = await aCustomer(db, org, { country: p.country, ...('region' in p ? { region: p.region } : {}), timezone: p.timezone, language, phone });
  const invoice = await anInvoice(db, org, { customer_id: c.id, currency: p.currency, amount, due_date: due });
  await recordConsent(db, org, 'test', c.id, { kind: 'channel', channel: 'sms', source: 'test' }, new Date('2026-01-01T00:00:00Z'));
  return { customer: c, invoice };
}

/** The debtor's SMS, then the inbound round and a dispatch pass; the SMS bodies the fake Twilio got. */
async function say(phone: string, text: string): Promise<string[]> {
  await smsReply(twilio, `${server.publicUrl}/webhooks/twilio/${org}/messages`, phone, text);
  const at = tick();
  const before = twilio.accepted.length;
  await processInbound(db, org, at);
  await dispatchOnce({ db, now: () => at, adapters: server.adapters, publicUrl: server.publicUrl });
  return twilio.accepted.slice(before).map((m) => String(m['Body']));
}

const lastTurn = async (customerId: string) => (await db.query<{ intent: string; action: string; reply_message_id: string | null; detail: string }>(
  'SELECT intent, action, reply_message_id, detail FROM agent_turns WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1', [customerId]))[0];
const caseOf = async (customerId: string) => (await db.query<{ id: string; status: string; next_action_at: string | null }>(
  'SELECT id, status, next_action_at FROM cases WHERE customer_id = $1', [customerId]))[0];
const planned = async (customerId: string) => (await db.query(`SELECT 1 FROM actions WHERE customer_id = $1 AND status = 'planned'`, [customerId])).length;

describe('a debtor with nothing overdue writes to the agent', () => {
  it('is told the balance and the next due date in Spanish, and the invoice with its link on asking for it; the case stays closed', async () => {
    const d = await notDue('es', '+5215512600001');
    assert.equal(await caseOf(d.customer.id), undefined, 'no case before');
    const [told] = await say('+5215512600001', '¿cuánto debo?');
    assert.match(told ?? '', /^Hola, le escribe el asistente automatico de Ferreteria Luna\. Tiene \$1,500\.00 por pagar en 1 factura, nada vencido; la proxima vence el 20 mar\. Puede pagar aqui: https:\/\/\S+/);
    assert.deepEqual([(await lastTurn(d.customer.id))?.action, (await caseOf(d.customer.id))?.status], ['told_balance', 'closed']);
    const [invoice] = await say('+5215512600001', 'mándeme la factura');
    assert.match(invoice ?? '', /Tiene \$1,500\.00 por pagar.*Puede pagar aqui: https:\/\/\S+.*\(asistente automatico\)/);
    const c = await caseOf(d.customer.id);
    assert.deepEqual([c?.status, c?.next_action_at, await planned(d.customer.id)], ['closed', null, 0], 'nothing planned: no reminder before the due date');
    const sent = await db.query<{ case_id: string; status: string }>(`SELECT case_id, status FROM messages WHERE customer_id = $1 ORDER BY created_at`, [d.customer.id]);
    assert.deepEqual(sent.map((m) => [m.case_id, ['sent', 'delivered'].includes(m.status)]), [[c!.id, true], [c!.id, true]], 'the answers are filed under the closed case');
  });

  it('records a claimed payment on invoices not yet due in English: proof asked for, a task to verify it, the claim kept, the gate\'s cap kept', async () => {
    const d = await notDue('en', '+12125550101', '2026-03-25', 80_000);
    const [asked] = await say('+12125550101', 'I already paid it yesterday');
    assert.match(asked ?? '', /^Hi, this is the automated assistant of Ferreteria Luna\. Thank you\. Please reply with proof of the payment/);
    const c = await caseOf(d.customer.id);
    const [claim] = await db.query<{ case_id: string; invoice_ids: string[]; status: string }>(
      'SELECT case_id, invoice_ids, status FROM agent_claims WHERE customer_id = $1', [d.customer.id]);
    assert.deepEqual(claim, { case_id: c!.id, invoice_ids: [d.invoice.id], status: 'open' }, 'the claim names the invoice not yet due');
    const tasks = await db.query<{ note: string }>(`SELECT note FROM tasks WHERE customer_id = $1 AND status = 'open'`, [d.customer.id]);
    assert.equal(tasks.length, 1);
    assert.match(tasks[0]!.note, /Verify a payment the debtor says they made.*"I already paid it yesterday"/);
    // the proof is added to the task; its answer is weighed by the gate like any (one SMS a day in the US: it waits)
    assert.deepEqual(await say('+12125550101', 'the transfer reference is 99812'), []);
    assert.equal((await lastTurn(d.customer.id))?.action, 'proof_received');
    const [held] = await db.query<{ status: string; reason: string }>(`SELECT status, reason FROM messages WHERE customer_id = $1 AND status = 'deferred'`, [d.customer.id]);
    assert.match(held?.reason ?? '', /^DAILY_CAP/);
    assert.match((await db.query<{ note: string }>(`SELECT note FROM tasks WHERE customer_id = $1 AND status = 'open'`, [d.customer.id]))[0]!.note, /Proof sent on sms.*99812/);
    assert.equal((await caseOf(d.customer.id))?.status, 'closed');
  });

  it('thanks a debtor who says they paid when everything is paid, in Portuguese; hands one asking for a person to the team', async () => {
    const d = await notDue('pt-BR', '+5511955500101', '2026-03-05', 50_000);
    await aPayment(db, org, { customer_id: d.customer.id, amount: 50_000, currency: 'BRL', date: '2026-03-04', allocations: [{ invoice_id: d.invoice.id, amount: 50_000 }] });
    const [thanks] = await say('+5511955500101', 'já paguei');
    assert.match(thanks ?? '', /Obrigado! Seu pagamento esta registrado: sua conta nao tem saldo em aberto\./);
    assert.deepEqual([(await lastTurn(d.customer.id))?.action, (await listHandovers(db, org, { customerId: d.customer.id })).length], ['thanked_paid', 0]);
    // asking for a person: handed over; with everything paid the gate lets only confirmations go (DEBT_SETTLED)
    assert.deepEqual(await say('+5511955500101', 'quero falar com uma pessoa'), []);
    assert.deepEqual([(await listHandovers(db, org, { customerId: d.customer.id }))[0]?.reason, (await lastTurn(d.customer.id))?.detail.match(/DEBT_SETTLED/)?.[0]],
      ['talk_to_human', 'DEBT_SETTLED']);
    // one whose invoice is not yet due is told a person will answer
    const e = await notDue('pt-BR', '+5511955500102');
    const [passed] = await say('+5511955500102', 'quero falar com uma pessoa');
    assert.match(passed ?? '', /^Ola, aqui é o assistente automatico da Ferreteria Luna\. Encaminhei sua mensagem para uma pessoa da nossa equipe.*CNPJ\/CPF 12\.345\.678\/0001-95/);
    const [h] = await listHandovers(db, org, { customerId: e.customer.id });
    assert.equal(h?.reason, 'talk_to_human');
    assert.equal((await caseOf(e.customer.id))?.status, 'closed');
  });

  it('applies STOP and does not answer it, as for a debtor with a case', async () => {
    const d = await notDue('es', '+5215512600002');
    assert.deepEqual(await say('+5215512600002', 'STOP'), []);
    const stops = await db.query<{ channel: string }>('SELECT channel FROM suppressions WHERE customer_id = $1 AND lifted_at IS NULL', [d.customer.id]);
    assert.deepEqual(stops.map((s) => s.channel), ['sms']);
    assert.equal((await lastTurn(d.customer.id))?.reply_message_id ?? null, null);
    assert.deepEqual(await say('+5215512600002', '¿cuánto debo?'), [], 'the gate holds any answer after STOP');
  });
});
