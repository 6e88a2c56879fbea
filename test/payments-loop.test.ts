// The whole loop, in one test: an overdue invoice, the worker's tick and dispatcher send a reminder, a payment link for
// the case, the debtor pays on Stripe's page, the signed checkout.session.completed (five copies at once) records one
// payment allocated to the invoice, the case closes, and the next reminder, already queued, is cancelled and never sent.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { getCase } from '../src/engine/index.ts';
import { getInvoice, listPayments } from '../src/ledger/index.ts';
import { createPaymentLink, getPaymentLink } from '../src/payments/index.ts';
import { dispatchOnce, listMessages, sandboxAdapters, workOnce } from '../src/worker/index.ts';
import { testDb } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { fakeStripe, type FakeStripe } from './support/providers/stripe.ts';

let db: Db;
let app: FastifyInstance;
let stripe: FakeStripe;
let clock = new Date('2026-03-10T17:00:00Z');
const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock, messaging });
  messaging.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  stripe = await fakeStripe({ secretKey: 'sk_test_loop4242', webhookSecret: 'whsec_loop4242', now: () => clock });
});
after(async () => { await stripe.close(); await app.close(); await db.close(); });

const silent = { info: () => {}, error: (o: object) => { throw Object.assign(new Error('worker round failed'), o); } };
const round = () => workOnce({ db, now: () => clock, messaging, log: silent });

describe('from an overdue invoice to a paid case', () => {
  it('reminds, takes the payment through a link, records it once, closes the case and cancels the reminder already queued', async () => {
    const org = (await createOrg(db, { name: 'Distribuidora Norte', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
    await stripe.connect(db, org);
    stripe.webhookUrl = `${messaging.publicUrl}/webhooks/stripe/${org}`;
    const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City', email: 'pagos@norte.example', language: 'es' });
    const inv = await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 250_000, issue_date: '2026-02-05', due_date: '2026-03-07' });

    // Tuesday 11:00 in Mexico City, three days late: the tick plans the step and the dispatcher sends it (to the sandbox)
    await round();
    const first = await listMessages(db, org, { customerId: c.id });
    assert.ok(first.length >= 1 && first.every((m) => m.status === 'delivered'), JSON.stringify(first.map((m) => [m.status, m.reason])));
    // the reminder carries a Stripe checkout for the invoice, created for the message
    const [session] = [...stripe.sessions.values()];
    assert.ok(session && typeof session.url === 'string', 'the message made a checkout session');
    const [sent] = await db.query<{ content: string }>('SELECT content::text AS content FROM messages WHERE org_id = $1 AND status = $2', [org, 'delivered']);
    assert.ok(sent?.content.includes(session.url as string), 'the message holds the checkout link');

    // the next step falls on Tuesday 17 (the 14th is a Saturday, the 16th a holiday): at 06:30 it is planned and queued,
    // and the gate holds it until 07:00
    clock = new Date('2026-03-17T12:30:00Z');
    await round();
    const queued = (await listMessages(db, org, { customerId: c.id })).filter((m) => m.status === 'deferred' || m.status === 'queued');
    assert.ok(queued.length >= 1, 'a reminder is waiting to be sent');
    const [next] = await db.query<{ id: string; status: string }>('SELECT id, status FROM actions WHERE org_id = $1 AND id = $2', [org, queued[0]!.action_id]);
    assert.equal(next?.status, 'planned');

    // a payment link for the case; the debtor pays on Stripe's page and Stripe posts the event, five copies at once
    const link = await createPaymentLink({ db, publicUrl: messaging.publicUrl }, org, 'collector:test', { customerId: c.id, source: 'message' }, clock);
    assert.ok(link.ok, JSON.stringify(link));
    assert.deepEqual([link.value.amount, link.value.invoice_ids], [250_000, [inv.id]]);
    assert.notEqual(link.value.url, session.url, 'a week on, the message\'s checkout has expired and a new one is made');
    const sessionId = [...stripe.sessions.values()].find((s) => s.client_reference_id === link.value.id)!.id as string;
    const event = stripe.complete(sessionId);
    const statuses = await stripe.deliver(event, { times: 5 });
    assert.deepEqual(statuses, [200, 200, 200, 200, 200]);

    const payments = await listPayments(db, org, { customer_id: c.id });
    assert.equal(payments.data.length, 1, 'one payment for five deliveries');
    const p = payments.data[0]!;
    assert.deepEqual([p.amount, p.currency, p.source, p.external_id, p.unapplied], [250_000, 'MXN', 'stripe', `stripe:${(event.data as { object: { payment_intent: string } }).object.payment_intent}`, 0]);
    assert.deepEqual(p.allocations.map((a) => [a.invoice_id, a.amount]), [[inv.id, 250_000]]);
    const paidInvoice = await getInvoice(db, org, inv.id);
    assert.ok(paidInvoice.ok && paidInvoice.value.status === 'paid' && paidInvoice.value.balance === 0);
    const [caseRow] = await db.query<{ id: string }>('SELECT id FROM cases WHERE org_id = $1 AND customer_id = $2', [org, c.id]);
    const kase = await getCase(db, org, caseRow!.id);
    assert.ok(kase.ok);
    assert.equal(kase.value.status, 'closed');
    const [cancelled] = await db.query<{ status: string; reason: string }>('SELECT status, reason FROM actions WHERE org_id = $1 AND id = $2', [org, next!.id]);
    assert.equal(cancelled?.status, 'cancelled');
    const done = await getPaymentLink(db, org, link.value.id, clock);
    assert.ok(done.ok && done.value.status === 'completed');
    const inbox = await db.query<{ status: string }>(`SELECT status FROM inbox_events WHERE org_id = $1 AND provider = 'stripe'`, [org]);
    assert.deepEqual(inbox.map((r) => r.status), ['processed'], 'the raw event stored once');

    // 10:00: the dispatcher finds the queued reminder's action cancelled and sends nothing
    clock = new Date('2026-03-17T16:00:00Z');
    const report = await dispatchOnce({ db, now: () => clock, ...messaging });
    assert.equal(report.sent, 0);
    const after = await listMessages(db, org, { customerId: c.id });
    const held = after.find((m) => m.id === queued[0]!.id)!;
    assert.deepEqual([held.status, held.reason], ['cancelled', 'the action was cancelled']);
    assert.equal(after.filter((m) => m.status === 'delivered').length, first.length, 'nothing more was sent');
  });
});
