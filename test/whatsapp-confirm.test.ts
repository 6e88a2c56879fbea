// Confirmations on WhatsApp for a debtor who prefers it and opted in to it: inside the 24-hour window after their last
// WhatsApp message, free text; outside it, the approved template's reference with its parameters in order; without the
// opt-in, the email as before. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { syncCases } from '../src/engine/index.ts';
import { recordConsent, recordContact } from '../src/compliance/index.ts';
import { newId } from '../src/domain/index.ts';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';

// Tuesday 17 March 2026, 16:00 UTC: 10:00 in Mexico City
const now = new Date('2026-03-17T16:00:00Z');
let t: TestApi;
const adapters = sandboxAdapters();
before(async () => { t = await testApi(() => now); });
after(async () => { await t.close(); });

let made = 0;
/** A Mexican debtor who prefers WhatsApp (opted in to it unless said), owing MXN 900.00. */
async function aDebtor(optIn = true): Promise<{ id: string; phone: string }> {
  made += 1;
  const phone = `+52551234${String(1000 + made)}`;
  const c = await aCustomer(t.db, t.org, { name: `WhatsApp confirm ${made}`, email: `wa${made}@example.com`, phone, language: 'es', country: 'MX',
    timezone: 'America/Mexico_City', preferred_channel: 'whatsapp' });
  if (optIn) await recordConsent(t.db, t.org, 'test', c.id, { kind: 'whatsapp_opt_in', channel: 'whatsapp', source: 'opted in at checkout' }, new Date('2026-01-01T00:00:00Z'));
  await anInvoice(t.db, t.org, { customer_id: c.id, number: `WA-${made}`, currency: 'MXN', amount: 90_000, issue_date: '2026-02-01', due_date: '2026-03-01' });
  await syncCases(t.db, t.org, now);
  return { id: c.id, phone };
}

/** The debtor wrote on WhatsApp at `at`: the message stored and the contact the gate reads. */
async function wrote(d: { id: string; phone: string }, at: Date): Promise<void> {
  const id = newId('inboundMessage', at.getTime());
  await t.db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, received_at, created_at)
    VALUES ($1, $2, $3, 'whatsapp', 'meta', $1, $4, 'le pago el 27', $5, $5)`, [id, t.org, d.id, d.phone, at]);
  await recordContact(t.db, t.org, { customerId: d.id, at, channel: 'whatsapp', direction: 'inbound', outcome: 'conversation', address: d.phone });
}

const promise = (customerId: string) => t.app.inject({ method: 'POST', url: '/v1/promises', headers: bearer(t.keys.collector),
  payload: { customer_id: customerId, amount: 90_000, currency: 'MXN', due_date: '2026-03-27', source: 'collector', channel: 'whatsapp' } });

interface Message { channel: string; template: string; status: string; reason: string | null; content: Record<string, unknown> }
async function theOneSent(customerId: string): Promise<Message> {
  await dispatchOnce({ db: t.db, now: () => now, adapters, publicUrl: 'https://cobro.example' });
  const ms = await t.db.query<Message>(`SELECT channel, template, status, reason, content FROM messages WHERE org_id = $1 AND customer_id = $2 AND template LIKE 'portal-%'`,
    [t.org, customerId]);
  assert.equal(ms.length, 1);
  assert.ok(ms[0]!.status === 'sent' || ms[0]!.status === 'delivered', `${ms[0]!.status}: ${ms[0]!.reason ?? ''}`);
  return ms[0]!;
}

describe('confirmations on WhatsApp', () => {
  it('go as the approved template with ordered parameters outside the 24-hour window', async () => {
    const d = await aDebtor();
    await wrote(d, new Date(now.getTime() - 25 * 3_600_000));
    assert.equal((await promise(d.id)).statusCode, 201);
    const m = await theOneSent(d.id);
    assert.equal(m.channel, 'whatsapp');
    assert.equal(m.content.mode, 'template');
    const template = m.content.template as { name: string; language: string; parameters: string[] };
    assert.match(template.name, /^cobro_portal_promise_confirmed_[a-z]+$/);
    assert.equal(template.language, 'es');
    const [company, amount, date, link, ...rest] = template.parameters;
    assert.deepEqual([amount, date, rest], ['$900.00', '27 mar 2026', []]);
    assert.ok(company && company.length > 0);
    assert.match(link!, /^https:\/\/cobro\.example\/p\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    assert.match(String(m.content.preview), /le confirmamos su promesa de pagar \$900\.00 a más tardar el 27 mar 2026\./);
  });

  it('go as free text inside the window', async () => {
    const d = await aDebtor();
    await wrote(d, new Date(now.getTime() - 2 * 3_600_000));
    assert.equal((await promise(d.id)).statusCode, 201);
    const m = await theOneSent(d.id);
    assert.deepEqual([m.channel, m.content.mode], ['whatsapp', 'text']);
    assert.match(String(m.content.text), /le confirmamos su promesa de pagar \$900\.00 a más tardar el 27 mar 2026\. Hasta esa fecha no le enviaremos recordatorios/);
  });

  it('of staff\'s cancellation go as their own approved template, parameters in order: company, amount, what is owed, portal link', async () => {
    const d = await aDebtor();
    await wrote(d, new Date(now.getTime() - 30 * 3_600_000));
    const p = await t.app.inject({ method: 'POST', url: '/v1/promises', headers: bearer(t.keys.collector),
      payload: { customer_id: d.id, amount: 90_000, currency: 'MXN', due_date: '2026-03-27', source: 'collector', confirm: false } });
    assert.equal(p.statusCode, 201, p.body);
    const r = await t.app.inject({ method: 'POST', url: `/v1/promises/${p.json().id}/cancel`, headers: bearer(t.keys.collector), payload: {} });
    assert.equal(r.statusCode, 200, r.body);
    const m = await theOneSent(d.id);
    assert.deepEqual([m.channel, m.template, m.content.mode], ['whatsapp', 'portal-promise-cancelled-by-staff', 'template']);
    const template = m.content.template as { name: string; language: string; parameters: string[] };
    assert.match(template.name, /^cobro_portal_promise_cancelled_by_staff_[a-z]+$/);
    const [company, amount, owed, link, ...rest] = template.parameters;
    assert.deepEqual([amount, owed, rest], ['$900.00', '$900.00', []]);
    assert.ok(company && company.length > 0);
    assert.match(link!, /^https:\/\/cobro\.example\/p\//);
    assert.match(String(m.content.preview), /cancelamos su promesa de pagar \$900\.00\. Lo que ya pagó sigue acreditado; el saldo de \$900\.00 queda pendiente y volveremos a enviarle recordatorios\./);
  });

  it('go by email to a debtor who prefers WhatsApp but never opted in to it', async () => {
    const d = await aDebtor(false);
    assert.equal((await promise(d.id)).statusCode, 201);
    assert.equal((await theOneSent(d.id)).channel, 'email');
  });
});
