// A gateway dispute put before a collector: a Stripe chargeback (charge.dispute.created, signed as Stripe signs) opens one
// high-priority review task on the worklist (GET /v1/tasks) naming the gateway, payment, amount held, reason and
// evidence deadline, due the day it opens in the org's zone; a retried event, the nightly check and the dispute's later stages
// open no second one; the dispute closed completes it with the outcome; the case timeline and the audit log say both.
// Mercado Pago's in_mediation likewise (no deadline: due today), closed by charged_back settled (lost).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createApiKey, createOrg } from '../src/orgs/index.ts';
import { checkGateways, createPaymentLink } from '../src/payments/index.ts';
import { replanCase } from '../src/engine/index.ts';
import { sandboxAdapters } from '../src/worker/index.ts';
import { testDb } from './support/db.ts';
import { bearer } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { paidAtStripe } from './support/stripe-paid.ts';
import { fakeStripe, type FakeStripe } from './support/providers/stripe.ts';
import { fakeMercadoPago, type FakeMercadoPago } from './support/providers/mercadopago.ts';

let db: Db;
let app: FastifyInstance;
let stripe: FakeStripe;
let mp: FakeMercadoPago;
let clock = new Date('2026-03-10T17:00:00Z');
const later = (days: number) => { clock = new Date(clock.getTime() + days * 86_400_000); };
const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
let org = '';
let mpOrg = '';
const collectors: Record<string, string> = {};
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock, messaging });
  messaging.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  stripe = await fakeStripe({ secretKey: 'sk_test_chargeback4242', webhookSecret: 'whsec_chargeback4242', now: () => clock });
  mp = await fakeMercadoPago({ accessToken: 'APP_USR-chargeback-123456', webhookSecret: 'mp-chargeback-secret', now: () => clock });
  org = (await createOrg(db, { name: 'Chargeback tasks', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
  await stripe.connect(db, org);
  stripe.webhookUrl = `${messaging.publicUrl}/webhooks/stripe/${org}`;
  // one gateway per org: Mercado Pago's on an org of its own
  mpOrg = (await createOrg(db, { name: 'Chargeback tasks MP', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
  await mp.connect(db, mpOrg);
  for (const o of [org, mpOrg]) collectors[o] = (await createApiKey(db, o, 'collector')).secret;
});
after(async () => { await stripe.close(); await mp.close(); await app.close(); await db.close(); });

interface TaskView { id: string; kind: string; priority: string; status: string; note: string; due_date: string; outcome: string | null }

/** The customer's chargeback tasks as a collector reads the worklist over the API (the strategy's own tasks left out). */
async function tasks(customerId: string, within = org): Promise<TaskView[]> {
  const r = await app.inject({ method: 'GET', url: `/v1/tasks?customer_id=${customerId}&kind=review`, headers: bearer(collectors[within]!) });
  assert.equal(r.statusCode, 200, r.body);
  return (r.json() as { data: TaskView[] }).data.filter((t) => t.note.startsWith('Chargeback at '));
}
const timeline = async (customerId: string) => {
  const r = await app.inject({ method: 'GET', url: `/v1/cases/${customerId}`, headers: bearer(collectors[org]!) });
  assert.equal(r.statusCode, 200, r.body);
  return (r.json() as { timeline: { kind: string; reason: string }[] }).timeline;
};
const audits = async (action: string, customerId: string, within = org) => db.query<{ data: Record<string, unknown> }>(
  'SELECT data FROM audit_log WHERE org_id = $1 AND action = $2 AND entity_id = $3 ORDER BY at', [within, action, customerId]);
const nightly = () => checkGateways({ db, publicUrl: messaging.publicUrl }, org, new Date(clock.getTime() - 3 * 86_400_000), clock, 'worker');

describe('a Stripe chargeback on the worklist', () => {
  it('opens one review task on today\'s worklist naming the evidence deadline, however often the dispute is told; closed won, the task is done', async () => {
    const p = await paidAtStripe(db, stripe, messaging.publicUrl, org, 120_00, clock);
    assert.deepEqual(await stripe.deliver(p.completed), [200]);
    assert.deepEqual(await tasks(p.customerId), [], 'paid: nothing to do');
    const event = stripe.dispute(p.pi);
    assert.deepEqual(await stripe.deliver(event), [200]);
    const [task, ...more] = await tasks(p.customerId);
    assert.equal(more.length, 0);
    assert.deepEqual([task!.kind, task!.priority, task!.status], ['review', 'high', 'open']);
    // on today's worklist; the fake's evidence is due 7 days after 2026-03-10T17:00Z, which the note says
    assert.equal(task!.due_date, '2026-03-10');
    assert.match(task!.note, /Evidence due at Stripe by 2026-03-17T17:00:00/);
    assert.match(task!.note, /Stripe/);
    assert.match(task!.note, new RegExp(`${p.pi} \\(120.00 MXN\\)`));
    assert.match(task!.note, /120.00 MXN held/);
    assert.match(task!.note, /Reason: fraudulent/);
    assert.match(task!.note, /due at Stripe by 2026-03-17T17:00:00.000Z/);

    // the same event retried, several at once, then the nightly check and a later stage: still one task
    assert.deepEqual(await stripe.deliver(event, { times: 3 }), [200, 200, 200]);
    const disputeId = `dp_${String(stripe.charges.get(p.pi)!.id).slice(3)}`;
    stripe.disputes.get(disputeId)!.status = 'under_review';
    await nightly();
    assert.equal((await tasks(p.customerId)).length, 1);
    assert.equal((await audits('gateway.dispute_opened', p.customerId)).length, 1);

    later(5);
    assert.deepEqual(await stripe.deliver(stripe.dispute(p.pi, 'won')), [200]);
    const [done] = await tasks(p.customerId);
    assert.equal(done!.id, task!.id);
    assert.equal(done!.status, 'done');
    assert.match(done!.outcome!, /^won at Stripe: the money held on payment pi_/);
    const story = await timeline(p.customerId);
    assert.ok(story.some((e) => e.kind === 'payment_dispute_opened' && e.reason.includes('Reason: fraudulent')), JSON.stringify(story));
    assert.ok(story.some((e) => e.kind === 'payment_dispute_closed' && e.reason.includes(`review task ${task!.id} done`)), JSON.stringify(story));
    const [closed] = await audits('gateway.dispute_closed', p.customerId);
    assert.deepEqual([closed!.data.task_id, closed!.data.status, closed!.data.dispute_id], [task!.id, 'won', disputeId]);
  });

  it('opens the task from the nightly check when the webhook was lost; a lost dispute completes it saying the money stays reversed', async () => {
    const p = await paidAtStripe(db, stripe, messaging.publicUrl, org, 80_00, clock);
    assert.deepEqual(await stripe.deliver(p.completed), [200]);
    stripe.dispute(p.pi);
    const report = await nightly();
    assert.equal(report.adjusted.length >= 1, true, JSON.stringify(report));
    const [task] = await tasks(p.customerId);
    assert.equal(task?.status, 'open');
    assert.match(task!.note, /80.00 MXN held/);
    later(2);
    assert.deepEqual(await stripe.deliver(stripe.dispute(p.pi, 'lost')), [200]);
    const [done, ...more] = await tasks(p.customerId);
    assert.equal(more.length, 0);
    assert.deepEqual([done!.status, done!.outcome], ['done', `lost at Stripe: 80.00 MXN on payment ${p.pi} stays reversed`]);
  });

  it('opens no task when the dispute is first seen already won (inquiries: payments-dispute-inquiries.test.ts)', async () => {
    const p = await paidAtStripe(db, stripe, messaging.publicUrl, org, 30_00, clock);
    assert.deepEqual(await stripe.deliver(p.completed), [200]);
    assert.deepEqual(await stripe.deliver(stripe.dispute(p.pi, 'won')), [200]);
    assert.deepEqual(await tasks(p.customerId), []);
  });
});

describe('a Mercado Pago mediation on the worklist', () => {
  it('opens one task due today (no deadline stated) on in_mediation, repeats change nothing, charged_back settled completes it lost', async () => {
    const c = await aCustomer(db, mpOrg, { country: 'MX', timezone: 'America/Mexico_City', email: 'mediacion@cliente.example' });
    await anInvoice(db, mpOrg, { customer_id: c.id, currency: 'MXN', amount: 500_00, due_date: '2026-02-01' });
    await replanCase(db, mpOrg, c.id, clock);
    const link = await createPaymentLink({ db, publicUrl: messaging.publicUrl }, mpOrg, 'test', { customerId: c.id, source: 'api' }, clock);
    if (!link.ok) throw new Error(link.error.message);
    const pref = [...mp.preferences.values()].find((x) => x.external_reference === link.value.id)!;
    const { payment } = await mp.pay(pref.id as string);
    const id = payment.id as number;
    Object.assign(mp.payments.get(id)!, { status: 'in_mediation', status_detail: 'in_process' });
    assert.deepEqual(await mp.notify(id), [200]);
    assert.deepEqual(await mp.notify(id), [200]);
    const [task, ...more] = await tasks(c.id, mpOrg);
    assert.equal(more.length, 0);
    // today in Mexico City (the clock stands at 17:00Z, 11:00 there)
    assert.deepEqual([task!.priority, task!.status, task!.due_date], ['high', 'open', clock.toISOString().slice(0, 10)]);
    assert.match(task!.note, new RegExp(`Chargeback at Mercado Pago, dispute chargeback:${id}: 500.00 MXN held`));
    assert.match(task!.note, /Reason: none given by the gateway/);
    assert.match(task!.note, /Mercado Pago states no evidence deadline/);
    later(1);
    Object.assign(mp.payments.get(id)!, { status: 'charged_back', status_detail: 'settled' });
    await mp.notify(id);
    await mp.notify(id);
    const [done] = await tasks(c.id, mpOrg);
    assert.deepEqual([done!.status, done!.outcome], ['done', `lost at Mercado Pago: 500.00 MXN on payment ${id} stays reversed`]);
    assert.equal((await audits('gateway.dispute_closed', c.id, mpOrg)).length, 1);
  });
});
