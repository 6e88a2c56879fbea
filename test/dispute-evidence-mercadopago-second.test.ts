// A second Mercado Pago chargeback on one payment is its own dispute, against the fake Mercado Pago
// (support/providers/mercadopago.ts and its Chargebacks API): the first chargeback, answered from the API and decided for
// the seller, stays as it was (`chargeback:<payment>`, won, its evidence submitted, its tasks done) when a second is
// charged back; the second opens `chargeback:<payment>:<chargeback>` with its own deadline, review task, reminder and
// draft, holds the money again, and is answered once through the CLI's calls with its own documentation to its own
// chargeback id; repeated notifications of either change nothing. The first is kept exactly as cobro kept a Mercado Pago
// dispute before (`chargeback:<payment>` with the chargeback's id as `caseId`), so disputes recorded then are found as
// they were. An unanswered chargeback decided completes its reminder. PGlite and PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createApiKey, createOrg } from '../src/orgs/index.ts';
import { createPaymentLink } from '../src/payments/index.ts';
import { replanCase } from '../src/engine/index.ts';
import { sandboxAdapters } from '../src/worker/index.ts';
import { getEvidence } from '../src/payments/dispute-evidence.ts';
import { submitEvidence } from '../src/payments/dispute-evidence-submit.ts';
import { describeEvidence } from '../src/cli/dispute-evidence.ts';
import { testDb } from './support/db.ts';
import { bearer } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { fakeMercadoPago, type FakeMercadoPago } from './support/providers/mercadopago.ts';

let db: Db;
let app: FastifyInstance;
let mp: FakeMercadoPago;
let clock = new Date('2026-03-10T17:00:00Z');
const later = (days: number) => { clock = new Date(clock.getTime() + days * 86_400_000); };
const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
let org = '';
const keys: Record<string, string> = {};

before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock, messaging });
  messaging.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  mp = await fakeMercadoPago({ accessToken: 'APP_USR-second-123456', webhookSecret: 'mp-second-secret', now: () => clock });
  org = (await createOrg(db, { name: 'Segundo contracargo', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
  await mp.connect(db, org);
  for (const role of ['collector', 'manager'] as const) keys[role] = (await createApiKey(db, org, role)).secret;
});
after(async () => { await mp.close(); await app.close(); await db.close(); });

const url = (id: string) => `/v1/disputes/${encodeURIComponent(id)}/evidence`;
const get = async (id: string) => (await app.inject({ method: 'GET', url: url(id), headers: bearer(keys.collector!) })).json();
const submit = (id: string) => app.inject({ method: 'POST', url: `${url(id)}/submit`, headers: bearer(keys.manager!), payload: {} });
const deadline = (days: number) => new Date(clock.getTime() + days * 86_400_000).toISOString();

interface TaskView { status: string; note: string; due_date: string; outcome: string | null }
/** The customer's review tasks on the worklist (GET /v1/tasks), open and done. */
async function reviewTasks(customerId: string): Promise<TaskView[]> {
  const out: TaskView[] = [];
  for (const status of ['open', 'done']) {
    const r = await app.inject({ method: 'GET', url: `/v1/tasks?customer_id=${customerId}&kind=review&status=${status}`, headers: bearer(keys.collector!) });
    assert.equal(r.statusCode, 200, r.body);
    out.push(...(r.json() as { data: TaskView[] }).data);
  }
  return out;
}
/** What cobro holds of the payment: what it keeps, and each dispute's status and chargeback. */
async function held(payment: number): Promise<{ kept: number; disputes: Record<string, { status: string; caseId?: string; respondBy?: string }> }> {
  const [row] = await db.query<{ kept: string; disputes: Record<string, { status: string; caseId?: string; respondBy?: string }> }>(
    `SELECT kept::text, disputes FROM gateway_payments WHERE org_id = $1 AND provider = 'mercadopago' AND payment_ref = $2`, [org, String(payment)]);
  return { kept: Number(row!.kept), disputes: row!.disputes };
}
const records = async (customerId: string) => ({
  opened: (await db.query('SELECT 1 FROM audit_log WHERE org_id = $1 AND entity_id = $2 AND action = $3', [org, customerId, 'gateway.dispute_opened'])).length,
  closed: (await db.query('SELECT 1 FROM audit_log WHERE org_id = $1 AND entity_id = $2 AND action = $3', [org, customerId, 'gateway.dispute_closed'])).length,
  tasks: (await db.query('SELECT 1 FROM tasks WHERE org_id = $1 AND customer_id = $2', [org, customerId])).length,
});

/** A customer who paid a Mercado Pago link for one invoice: the customer and the payment's id. */
async function paid(email: string, amount: number): Promise<{ c: { id: string }; payment: number }> {
  const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City', email });
  await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount, due_date: '2026-02-01' });
  await replanCase(db, org, c.id, clock);
  const link = await createPaymentLink({ db, publicUrl: messaging.publicUrl }, org, 'test', { customerId: c.id, source: 'api' }, clock);
  if (!link.ok) throw new Error(link.error.message);
  const pref = [...mp.preferences.values()].find((x) => x.external_reference === link.value.id)!;
  return { c, payment: (await mp.pay(pref.id as string)).payment.id as number };
}

describe('a second Mercado Pago chargeback on the same payment', () => {
  it('is its own dispute, answered on its own, while the first stays as it was', async () => {
    const { c, payment } = await paid('pagos@segundo.example', 700_00);
    const first = `chargeback:${payment}`;

    // the first chargeback, as before: its payment's notification opens the dispute, its own gives it the chargeback's id
    const cb1 = mp.cb.open(payment, { days: 7 });
    const due1 = deadline(7);
    await mp.notify(payment);
    assert.equal(await mp.notifyChargeback(cb1), 200);
    assert.deepEqual([(await held(payment)).kept, (await get(cb1)).dispute.dispute_id], [0, first]);
    const answered = await submit(first);
    assert.equal(answered.statusCode, 200, answered.body);
    assert.deepEqual(mp.cb.documentation.map((d) => d.chargeback), [cb1]);
    later(3);
    Object.assign(mp.payments.get(payment)!, { status: 'charged_back', status_detail: 'reimbursed' });
    await mp.notify(payment);
    assert.deepEqual([(await held(payment)).kept, (await held(payment)).disputes[first]?.status], [700_00, 'won']);

    // a second chargeback: the payment's notification alone cannot tell it (the first is decided), its own opens it
    later(10);
    const cb2 = mp.cb.open(payment, { days: 5 });
    const due2 = deadline(5);
    await mp.notify(payment);
    assert.equal((await records(c.id)).opened, 1, 'the payment\'s status alone opens no second dispute');
    assert.equal(await mp.notifyChargeback(cb2), 200);
    const second = `${first}:${cb2}`;
    const after = await held(payment);
    assert.equal(after.kept, 0, 'the money held again');
    assert.deepEqual(Object.keys(after.disputes).sort(), [first, second], 'the first under the key every Mercado Pago dispute had before');
    const [owed] = await db.query<{ balance: string }>('SELECT balance::text FROM invoices WHERE org_id = $1 AND customer_id = $2', [org, c.id]);
    assert.equal(Number(owed!.balance), 700_00, 'the payment reversed again: the invoice owes, as at the first chargeback');
    assert.deepEqual(after.disputes[first], { ...after.disputes[first], status: 'won', caseId: cb1, respondBy: due1 }, 'the first as it was');
    assert.deepEqual([after.disputes[second]?.status, after.disputes[second]?.caseId, after.disputes[second]?.respondBy], ['open', cb2, due2]);

    // its own review task and timeline entry (linking its own evidence page), beside the first's, done
    const tasks = await reviewTasks(c.id);
    const [task2, ...more2] = tasks.filter((t) => t.note.includes(`dispute ${second}: `));
    assert.equal(more2.length, 0);
    assert.equal(task2!.status, 'open');
    assert.deepEqual(tasks.filter((t) => t.note.includes(`dispute ${first}: `)).map((t) => t.status), ['done']);
    const caseView = (await app.inject({ method: 'GET', url: `/v1/cases/${c.id}`, headers: bearer(keys.collector!) })).json() as
      { timeline: { kind: string; data: { dispute_id?: string } }[] };
    assert.deepEqual(caseView.timeline.filter((e) => e.kind === 'payment_dispute_opened').map((e) => e.data.dispute_id).sort(), [first, second].sort());

    // repeated notifications of either chargeback, and of the payment, change nothing
    const before = { held: await held(payment), records: await records(c.id) };
    assert.equal(await mp.notifyChargeback(cb2), 200);
    assert.equal(await mp.notifyChargeback(cb1), 200);
    await mp.notify(payment);
    assert.deepEqual({ held: await held(payment), records: await records(c.id) }, before);

    // its own draft, found by either id, with its own deadline and reminder; the first's submitted evidence kept
    const access = { db };
    const shown = await getEvidence(access, org, 'cli', second, 'mercadopago', clock);
    assert.ok(shown.ok);
    assert.deepEqual([shown.value.status, shown.value.dispute.case_id, shown.value.due_by, shown.value.reminder?.status], ['draft', cb2, due2, 'open']);
    assert.match(describeEvidence(shown.value), new RegExp(`^dispute ${second} at mercadopago on payment ${payment}: .* chargeback open; chargeback ${cb2}\n`));
    assert.equal((await get(cb2)).dispute.dispute_id, second, 'found by Mercado Pago\'s id');
    const old = await get(first);
    assert.deepEqual([old.status, old.dispute.status, old.dispute.case_id, old.gateway_reply.chargeback_id], ['submitted', 'won', cb1, cb1]);
    assert.equal((await get(cb1)).dispute.dispute_id, first);

    // answered as the CLI does: once, to the second chargeback
    const done = await submitEvidence(access, org, 'cli', cb2, 'mercadopago', {}, clock);
    assert.ok(done.ok, done.ok ? '' : done.error.message);
    assert.deepEqual(mp.cb.documentation.map((d) => d.chargeback), [cb1, cb2]);
    assert.ok(mp.cb.documentation[1]!.files.every((f) => f.name.includes(`chargeback-${payment}-${cb2}`) || !f.name.includes('chargeback-')));
    const again = await submit(second);
    assert.equal(again.statusCode, 409);
    assert.deepEqual(mp.cb.documentation.length, 2);
    const answeredSecond = await get(second);
    assert.deepEqual([answeredSecond.status, answeredSecond.reminder.status, answeredSecond.gateway_reply.chargeback_id], ['submitted', 'done', cb2]);

    // decided against the seller: the second closes lost, the first stays won
    later(2);
    Object.assign(mp.payments.get(payment)!, { status: 'charged_back', status_detail: 'settled' });
    await mp.notify(payment);
    const end = await held(payment);
    assert.deepEqual([end.kept, end.disputes[first]?.status, end.disputes[second]?.status], [0, 'won', 'lost']);
    assert.deepEqual((await reviewTasks(c.id)).filter((t) => t.note.startsWith('Chargeback at ')).map((t) => t.status), ['done', 'done']);
    assert.equal((await records(c.id)).closed, 2);
  });

  it('completes an unanswered chargeback\'s reminder when Mercado Pago decides it', async () => {
    const { payment } = await paid('pagos@recordatorio.example', 90_00);
    const cb = mp.cb.open(payment, { days: 7 });
    assert.equal(await mp.notifyChargeback(cb), 200);
    assert.equal((await get(cb)).reminder.status, 'open');
    Object.assign(mp.payments.get(payment)!, { status: 'charged_back', status_detail: 'reimbursed' });
    await mp.notify(payment);
    const decided = await get(cb);
    assert.deepEqual([decided.dispute.status, decided.reminder.status], ['won', 'done']);
  });
});
