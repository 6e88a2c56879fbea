// Each event for integrators comes from where its fact is written (ledger, engine, payments, dispatcher, contact law),
// once, with a delivery queued for every endpoint subscribed to it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction, type Db } from '../src/db/index.ts';
import { newId } from '../src/domain/index.ts';
import { getCase, replanCase, runTick, syncCases } from '../src/engine/index.ts';
import { createPlan, createPromise, evaluateArrangements, openDispute, resolveDispute } from '../src/payments/index.ts';
import { applyReplyText } from '../src/compliance/index.ts';
import { smtpAdapter, type SmtpAdapter } from '../src/channels/index.ts';
import { createEndpoint, listEvents, type EventRow } from '../src/events/index.ts';
import { vaultKey } from '../src/vault/index.ts';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { smtpSink, type SmtpSink } from './support/providers/smtp.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';

const NY = (local: string) => new Date(`${local}-05:00`);
let db: Db;
let sink: SmtpSink;
let smtp: SmtpAdapter;
before(async () => {
  db = await testDb();
  sink = await smtpSink({ 'gone@example.mx': 550 });
  smtp = smtpAdapter({ host: '127.0.0.1', port: sink.port, from: 'Cobranza <cobranza@luna.example>' });
});
after(async () => { smtp.close(); await sink.close(); await db.close(); });

/** A new org with an endpoint taking every event. */
async function watchedOrg(): Promise<string> {
  const org = await testOrg(db);
  const r = await createEndpoint(db, await vaultKey(db, undefined), org, 'test', { url: 'https://hooks.example/cobro', event_types: ['*'] }, new Date());
  assert.ok(r.ok);
  return org;
}

async function events(org: string, type: string): Promise<EventRow[]> {
  const list = (await listEvents(db, org, { type, limit: 500 })).data;
  for (const e of list) {
    const [d] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE event_id = $1 AND status = 'pending'`, [e.id]);
    assert.equal(d?.n, 1, `${type} has its delivery queued`);
  }
  return list;
}

async function dueToday(org: string, amount = 100_000, tags: string[] = []) {
  const c = await aCustomer(db, org, { email: 'ap@example.com', whatsapp: '+12125550100', country: 'US', timezone: 'America/New_York', tags });
  const inv = await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount });
  await syncCases(db, org, NY('2026-03-02T08:00'));
  await runTick(db, { orgId: org, now: NY('2026-03-02T08:00') });
  return { customerId: c.id, invoiceId: inv.id };
}

describe('events from their sources', () => {
  it('payment.received for every payment, invoice.paid once the balance reaches zero, case.closed once the case has nothing left', async () => {
    const org = await watchedOrg();
    const { customerId, invoiceId } = await dueToday(org);
    const first = await aPayment(db, org, { customer_id: customerId, amount: 40_000, date: '2026-03-03' });
    assert.deepEqual((await events(org, 'payment.received')).map((e) => [e.subject, e.data.amount, e.data.customer_id]), [[first.id, 40_000, customerId]]);
    assert.equal((await events(org, 'invoice.paid')).length, 0, 'a partial payment does not pay the invoice');
    await aPayment(db, org, { customer_id: customerId, amount: 60_000, date: '2026-03-04' });
    const paid = await events(org, 'invoice.paid');
    assert.deepEqual(paid.map((e) => [e.subject, e.data.amount]), [[invoiceId, 100_000]]);
    await syncCases(db, org, NY('2026-03-04T10:00'));
    await replanCase(db, org, customerId, NY('2026-03-04T11:00'));
    const closed = await events(org, 'case.closed');
    assert.equal(closed.length, 1);
    assert.equal(closed[0]!.customer_id, customerId);
    const detail = await getCase(db, org, customerId);
    assert.ok(detail.ok && detail.value.status === 'closed');
    assert.equal(closed[0]!.data.case_id, detail.value.id);
  });

  it('promise.created when made; promise.kept or promise.broken when judged', async () => {
    const org = await watchedOrg();
    const kept = await dueToday(org);
    const broken = await dueToday(org);
    for (const c of [kept, broken]) {
      const p = await inTransaction(db, (tx) => createPromise(tx, org, 'user:usr_collector', { customerId: c.customerId, amount: 100_000, currency: 'USD',
        dueDate: '2026-03-06', source: 'collector', channel: 'phone' }, NY('2026-03-02T11:00')));
      assert.ok(p.ok, JSON.stringify(p));
    }
    assert.equal((await events(org, 'promise.created')).length, 2);
    await aPayment(db, org, { customer_id: kept.customerId, amount: 100_000, date: '2026-03-05' });
    await evaluateArrangements(db, org, NY('2026-03-12T12:00'));
    assert.deepEqual((await events(org, 'promise.kept')).map((e) => e.customer_id), [kept.customerId]);
    const b = await events(org, 'promise.broken');
    assert.deepEqual(b.map((e) => [e.customer_id, e.data.status, e.data.paid]), [[broken.customerId, 'broken', 0]]);
  });

  it('plan.created when agreed, plan.broken after a missed instalment and its grace', async () => {
    const org = await watchedOrg();
    const { customerId } = await dueToday(org);
    const p = await inTransaction(db, (tx) => createPlan(tx, org, 'user:usr_collector', { customerId, instalments: 3, source: 'collector' }, NY('2026-03-02T11:00')));
    assert.ok(p.ok, JSON.stringify(p));
    assert.deepEqual((await events(org, 'plan.created')).map((e) => [e.subject, e.data.total, e.data.instalments]), [[p.value.id, 100_000, 3]]);
    await evaluateArrangements(db, org, NY('2026-03-04T12:00'));
    assert.equal((await events(org, 'plan.broken')).length, 0, 'within grace');
    await evaluateArrangements(db, org, NY('2026-03-07T12:00'));
    assert.deepEqual((await events(org, 'plan.broken')).map((e) => [e.subject, e.data.missed_instalment]), [[p.value.id, 0]]);
  });

  it('dispute.opened and dispute.resolved', async () => {
    const org = await watchedOrg();
    const { customerId, invoiceId } = await dueToday(org);
    const d = await inTransaction(db, (tx) => openDispute(tx, org, 'debtor:portal', { customerId, invoiceIds: [], reason: 'wrong_amount', source: 'portal' }, NY('2026-03-03T10:00')));
    assert.ok(d.ok, JSON.stringify(d));
    assert.deepEqual((await events(org, 'dispute.opened')).map((e) => [e.subject, e.data.invoice_ids]), [[d.value.id, [invoiceId]]]);
    const r = await inTransaction(db, (tx) => resolveDispute(tx, org, 'user:usr_manager', d.value.id, { outcome: 'invalid' }, NY('2026-03-04T10:00')));
    assert.ok(r.ok);
    assert.deepEqual((await events(org, 'dispute.resolved')).map((e) => [e.subject, e.data.outcome]), [[d.value.id, 'invalid']]);
  });

  it('case.escalated when the tick hands a case over', async () => {
    const org = await watchedOrg();
    const c = await aCustomer(db, org, { email: 'late@example.com', phone: '+12125550101', country: 'US', timezone: 'America/New_York', tags: ['consumer'] });
    await anInvoice(db, org, { customer_id: c.id, issue_date: '2025-12-01', due_date: '2026-01-02', amount: 50_000 });
    await syncCases(db, org, NY('2026-03-05T08:00'));
    await runTick(db, { orgId: org, now: NY('2026-03-05T08:00') });
    const detail = await getCase(db, org, c.id);
    assert.ok(detail.ok && detail.value.escalated, 'escalated at +60');
    assert.deepEqual((await events(org, 'case.escalated')).map((e) => [e.customer_id, e.data.case_id]), [[c.id, detail.value.id]]);
    await replanCase(db, org, c.id, NY('2026-03-06T08:00'));
    assert.equal((await events(org, 'case.escalated')).length, 1, 'once');
  });

  it('message.delivered, message.failed and customer.opted_out from the dispatcher; customer.opted_out from a STOP reply', async () => {
    const org = await watchedOrg();
    const morning = new Date('2026-03-10T17:00:00Z'); // 11:00 in Mexico City
    const planned = async (email: string) => {
      const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City', email, phone: '+525512345678', language: 'es' });
      const inv = await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 150_000, due_date: '2026-02-01' });
      const id = newId('action');
      await db.query(
        `INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
           template, tone, scheduled_for, status, reason, invoice_ids, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,'smb-default',1,'after-3',1,'send','{email}','overdue-formal','formal','2026-03-10','planned','test',$6,$7,$7)`,
        [id, org, `case_${id}`, c.id, `k/${id}`, [inv.id], morning]);
      return c.id;
    };
    const ok = await planned('ana@example.mx');
    await dispatchOnce({ db, now: () => morning, adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' });
    assert.deepEqual((await events(org, 'message.delivered')).map((e) => [e.customer_id, e.data.channel, e.data.provider]), [[ok, 'email', 'sandbox']]);
    const gone = await planned('gone@example.mx');
    await dispatchOnce({ db, now: () => morning, adapters: { ...sandboxAdapters(), email: smtp }, publicUrl: 'https://cobro.example' });
    const failed = await events(org, 'message.failed');
    assert.deepEqual(failed.map((e) => [e.customer_id, e.data.status]), [[gone, 'failed']]);
    assert.match(String(failed[0]!.data.reason), /HARD_BOUNCE/);
    assert.deepEqual((await events(org, 'customer.opted_out')).map((e) => [e.customer_id, e.data.source, e.data.scope]), [[gone, 'provider', 'address']]);
    await applyReplyText(db, org, 'debtor', ok, 'STOP', { channel: 'sms', address: '+525512345678' }, morning);
    const outs = await events(org, 'customer.opted_out');
    assert.equal(outs.length, 2);
    assert.deepEqual([outs[0]!.customer_id, outs[0]!.data.channel], [ok, 'sms'], 'newest first');
  });
});
