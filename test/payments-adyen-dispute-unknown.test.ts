// Adyen dispute notifications on a payment cobro does not know (made outside its links, or not recorded yet) whose
// references name nothing of the org: the task opens at once all the same (the defence period is running), on the
// customer when a shopperReference names them or the ledger holds a payment under the disputed pspReference, otherwise as
// an org-level task ("a dispute at Adyen on a payment cobro does not know": amount, psp reference, defence deadline); once
// the customer is known (a later notification, or the payment recorded) that same task joins their case, never a second.
// Through the real webhook route against the fake Adyen, signed as Adyen signs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createApiKey, createOrg, createUser } from '../src/orgs/index.ts';
import { recordPayment } from '../src/ledger/index.ts';
import { replanCase } from '../src/engine/index.ts';
import { testDb } from './support/db.ts';
import { bearer, TEST_PASSWORD_COST } from './support/api.ts';
import { keptPayments, reviewTasks } from './support/dispute-views.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { fakeAdyen, signItem, type AdyenDisputeEvent, type AdyenItem, type FakeAdyen } from './support/providers/adyen.ts';

const HMAC = 'A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F77';
let clock = new Date('2026-04-06T09:00:00Z');
const later = (minutes: number) => { clock = new Date(clock.getTime() + minutes * 60_000); };
let db: Db;
let app: FastifyInstance;
let adyen: FakeAdyen;
let org = '';
let key = '';
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock });
  adyen = await fakeAdyen({ apiKey: 'AQEyhmfxKo3NaRFGw0m_unknown_key_1', merchantAccount: 'AcmeShopEUR', hmacKey: HMAC, now: () => clock });
  org = (await createOrg(db, { name: 'Adyen unknown payments', country: 'ES', defaultCurrency: 'EUR', defaultTimezone: 'Europe/Madrid' })).id;
  await adyen.connect(db, org);
  key = (await createApiKey(db, org, 'admin')).secret;
});
after(async () => { await adyen.close(); await app.close(); await db.close(); });

const deliver = async (...items: AdyenItem[]) => {
  const r = await app.inject({ method: 'POST', url: `/webhooks/adyen/${org}`, payload: adyen.notification(items), headers: { 'content-type': 'application/json' } });
  assert.equal(r.body, '[accepted]');
};
/** The notification as sent for a payment made outside cobro's links: its merchantReference is the shop's own order. */
const foreign = (item: AdyenItem) => signItem({ ...item, merchantReference: 'shop-order-4711' }, HMAC);

/** A customer owing 70.00 EUR with an Adyen link, the payment made at Adyen but not delivered, and its dispute's notifications. */
async function unpaid(email: string) {
  const c = await aCustomer(db, org, { email, country: 'ES', timezone: 'Europe/Madrid' });
  await anInvoice(db, org, { customer_id: c.id, currency: 'EUR', amount: 70_00, due_date: '2026-03-01' });
  await replanCase(db, org, c.id, clock);
  const r = await app.inject({ method: 'POST', url: '/v1/payment-links', headers: bearer(key), payload: { customer_id: c.id } });
  assert.equal(r.statusCode, 201, r.body);
  const link = [...adyen.links.values()].find((l) => l.reference === (r.json() as { id: string }).id)!;
  const pay = adyen.pay(String(link.id));
  const psp = String(pay.pspReference);
  return { customer: c, pay, psp, disputePsp: `D${psp}`,
    event: (code: AdyenDisputeEvent, extra?: Record<string, string>) => foreign(adyen.dispute(psp, code, 70_00, 'EUR', `D${psp}`, extra)) };
}

interface TaskRow { id: string; customer_id: string; case_id: string; status: string; note: string }
const tasksOf = (disputePsp: string) => db.query<TaskRow>(
  `SELECT id, customer_id, case_id, status, note FROM tasks WHERE org_id = $1 AND idempotency_key = $2`, [org, `gateway-dispute:adyen:${disputePsp}`]);
const disputeEntries = async (customerId: string) => (await db.query<{ kind: string }>(
  `SELECT e.kind FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.org_id = $1 AND c.customer_id = $2 AND e.kind LIKE 'payment_dispute_%' ORDER BY e.at, e.id`,
  [org, customerId])).map((e) => e.kind);

describe('an Adyen dispute on a payment cobro does not know', () => {
  it('opens an org-level task at once, listed over the API, that joins the customer\'s case when the payment is recorded', async () => {
    const p = await unpaid('fuera@cliente.example');
    await deliver(p.event('NOTIFICATION_OF_CHARGEBACK'));
    const [task, ...more] = await tasksOf(p.disputePsp);
    assert.equal(more.length, 0);
    assert.deepEqual([task!.customer_id, task!.case_id, task!.status], ['', '', 'open'], 'the org\'s own task, no customer yet');
    const ends = new Date(clock.getTime() + 20 * 86_400_000).toISOString();
    assert.match(task!.note, new RegExp(`^A dispute at Adyen on a payment cobro does not know .*: Chargeback at Adyen, dispute ${p.disputePsp}: 70.00 EUR in dispute on payment ${p.psp} .*Evidence due at Adyen by ${ends.replace(/\./g, '\\.')}`));
    const listed = await app.inject({ method: 'GET', url: '/v1/tasks?kind=review&status=open', headers: bearer(key) });
    assert.ok((listed.json() as { data: { id: string }[] }).data.some((t) => t.id === task!.id), 'GET /v1/tasks lists it');
    const [audit] = await db.query<{ entity: string; data: Record<string, unknown> }>(
      `SELECT entity, data FROM audit_log WHERE org_id = $1 AND action = 'gateway.dispute_opened' AND data ->> 'dispute_id' = $2`, [org, p.disputePsp]);
    assert.deepEqual([audit?.entity, audit?.data.org_level], ['org', true]);
    later(5);
    await deliver(p.pay);
    assert.equal(await keptPayments(db, org, p.customer.id), 70_00, 'recorded, nothing taken yet');
    const [joined, ...others] = await tasksOf(p.disputePsp);
    assert.equal(others.length, 0, 'never two tasks');
    assert.equal(joined!.id, task!.id, 'the same task');
    assert.equal(joined!.customer_id, p.customer.id);
    assert.notEqual(joined!.case_id, '', 'on the customer\'s case');
    assert.match(joined!.note, /^Chargeback at Adyen/);
    assert.deepEqual((await reviewTasks(app, key, p.customer.id)).map((t) => t.id), [task!.id]);
    assert.deepEqual(await disputeEntries(p.customer.id), ['payment_dispute_opened']);
    later(5);
    await deliver(p.event('CHARGEBACK'));
    assert.equal(await keptPayments(db, org, p.customer.id), 0, 'the chargeback debits the payment');
    assert.equal((await tasksOf(p.disputePsp)).length, 1);
    assert.deepEqual(await disputeEntries(p.customer.id), ['payment_dispute_opened', 'payment_dispute_escalated']);
  });

  it('puts the task on the customer a shopperReference names (the org\'s customer id), or whose ledger payment carries the pspReference', async () => {
    const shopper = await unpaid('comprador@cliente.example');
    await deliver(shopper.event('NOTIFICATION_OF_CHARGEBACK', { shopperReference: shopper.customer.external_id }));
    assert.deepEqual((await tasksOf(shopper.disputePsp)).map((t) => [t.customer_id, t.status]), [[shopper.customer.id, 'open']]);
    assert.deepEqual(await disputeEntries(shopper.customer.id), ['payment_dispute_opened']);

    const booked = await unpaid('banco@cliente.example');
    const paid = await recordPayment(db, org, 'test', { customer_id: booked.customer.id, amount: 70_00, currency: 'EUR', date: '2026-04-01',
      reference: booked.psp, source: 'bank', external_id: `bank-${booked.psp}` });
    assert.ok(paid.ok);
    await deliver(booked.event('REQUEST_FOR_INFORMATION'));
    const [t] = await tasksOf(booked.disputePsp);
    assert.deepEqual([t?.customer_id, t?.status], [booked.customer.id, 'open']);
    assert.match(t!.note, /^Inquiry at Adyen/);
  });

  it('moves the org-level task onto the customer a later notification names, before the payment', async () => {
    const p = await unpaid('luego@cliente.example');
    await deliver(p.event('NOTIFICATION_OF_CHARGEBACK'));
    const [first] = await tasksOf(p.disputePsp);
    assert.equal(first?.customer_id, '');
    later(5);
    await deliver(p.event('CHARGEBACK', { modificationMerchantReferences: p.customer.external_id }));
    const rows = await tasksOf(p.disputePsp);
    assert.deepEqual(rows.map((t) => [t.id, t.customer_id, t.status]), [[first!.id, p.customer.id, 'open']]);
    assert.match(rows[0]!.note, /^Chargeback at Adyen, dispute .*: 70.00 EUR held/);
    assert.deepEqual(await disputeEntries(p.customer.id), ['payment_dispute_opened']);
  });

  it('lets a person complete the org-level task over the API: the audit log keeps it, no case has it', async () => {
    const p = await unpaid('manual@cliente.example');
    await deliver(p.event('REQUEST_FOR_INFORMATION'));
    const [task] = await tasksOf(p.disputePsp);
    const r = await app.inject({ method: 'POST', url: `/v1/tasks/${task!.id}/complete`, headers: bearer(key), payload: { outcome: 'answered at Adyen' } });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual([(r.json() as { status: string }).status, (r.json() as { customer_name: string }).customer_name], ['done', '']);
    const [audit] = await db.query<{ data: Record<string, unknown> }>(`SELECT data FROM audit_log WHERE org_id = $1 AND action = 'task.completed' AND entity_id = $2`, [org, task!.id]);
    assert.equal(audit?.data.note, 'answered at Adyen');
    assert.equal((await db.query(`SELECT 1 FROM case_events WHERE org_id = $1 AND case_id = ''`, [org])).length, 0);
  });

  it('puts the org-level task on the day\'s worklist (no customer, no case), filtered by level and kind, assigned and completed there', async () => {
    const p = await unpaid('lista@cliente.example');
    await deliver(p.event('REQUEST_FOR_INFORMATION'));
    const [task] = await tasksOf(p.disputePsp);
    assert.equal(task?.customer_id, '');
    interface Item { id: string; case_id: string | null; customer_id: string | null; customer_name: string; case_status: string | null; note: string; kind: string; priority: string; overdue: unknown[]; action: string; rank: number }
    const list = async (query: string) => {
      const r = await app.inject({ method: 'GET', url: `/v1/worklist?${query}`, headers: bearer(key) });
      assert.equal(r.statusCode, 200, r.body);
      return (r.json() as { data: Item[] }).data;
    };
    const all = await list('scope=all');
    const item = all.find((i) => i.id === task!.id);
    assert.ok(item, 'on the day\'s worklist');
    assert.deepEqual([item.case_id, item.customer_id, item.customer_name, item.case_status, item.kind, item.priority, item.overdue, item.action],
      [null, null, '', null, 'review', 'high', [], 'review']);
    assert.match(item.note, /^A dispute at Adyen on a payment cobro does not know/);
    assert.deepEqual(all.map((i) => i.rank), all.map((_, n) => n + 1), 'ranked with the others');
    assert.ok(all.some((i) => i.case_id !== null), 'the case tasks are there too');
    const orgOnly = await list('scope=all&level=org');
    assert.ok(orgOnly.some((i) => i.id === task!.id) && orgOnly.every((i) => i.case_id === null && i.customer_id === null), 'level=org: the org\'s own tasks only');
    const ofCases = await list('scope=all&level=customer');
    assert.ok(ofCases.length > 0 && ofCases.every((i) => i.case_id !== null), 'level=customer: none of them');
    assert.ok((await list('scope=all&kind=review')).some((i) => i.id === task!.id), 'a kind filter includes it');
    assert.ok(!(await list('scope=all&kind=call')).some((i) => i.id === task!.id));
    const u = await createUser(db, org, { email: 'gestora@adyen.example', role: 'manager', password: 'correct horse battery', passwordCost: TEST_PASSWORD_COST });
    assert.ok(u.ok);
    const a = await app.inject({ method: 'POST', url: `/v1/tasks/${task!.id}/assign`, headers: bearer(key), payload: { user_id: u.value.user.id } });
    assert.equal(a.statusCode, 200, a.body);
    assert.ok((await list(`assignee=${u.value.user.id}`)).some((i) => i.id === task!.id), 'on the assignee\'s worklist');
    assert.ok(!(await list('scope=unassigned')).some((i) => i.id === task!.id));
    const r = await app.inject({ method: 'POST', url: `/v1/tasks/${task!.id}/complete`, headers: bearer(key), payload: { outcome: 'documents sent at Adyen' } });
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(!(await list('scope=all')).some((i) => i.id === task!.id), 'done: off the worklist');
  });

  it('completes the org-level task when the dispute ends before the payment; the payment then moves it, done, and adds no record', async () => {
    const p = await unpaid('ganada@cliente.example');
    await deliver(p.event('NOTIFICATION_OF_CHARGEBACK'));
    later(5);
    await deliver(p.event('ISSUER_RESPONSE_TIMEFRAME_EXPIRED'));
    const [done] = await tasksOf(p.disputePsp);
    assert.deepEqual([done?.customer_id, done?.status], ['', 'done']);
    later(5);
    await deliver(p.pay);
    const rows = await tasksOf(p.disputePsp);
    assert.deepEqual(rows.map((t) => [t.id, t.customer_id, t.status]), [[done!.id, p.customer.id, 'done']]);
    assert.equal(await keptPayments(db, org, p.customer.id), 70_00, 'nothing debited');
    assert.deepEqual(await disputeEntries(p.customer.id), [], 'the dispute had ended before the customer was known: its records are the org\'s');
    const closed = await db.query(`SELECT 1 FROM audit_log WHERE org_id = $1 AND action = 'gateway.dispute_closed' AND data ->> 'dispute_id' = $2`, [org, p.disputePsp]);
    assert.equal(closed.length, 1, 'closed once');
  });
});
