// Disputes on a real database: contact pauses on the disputed amount (the case stops when everything is disputed), a review
// task goes on the worklist, and the resolution either credits the disputed amount or resumes the case; attachments checked.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction, type Db } from '../src/db/index.ts';
import { getCase, listTasks, runTick, syncCases } from '../src/engine/index.ts';
import { arrangementTimeline, disputeAttachment, listDisputes, openDispute, resolveDispute, type DisputeRequest } from '../src/payments/index.ts';
import { getInvoice, listAdjustments } from '../src/ledger/index.ts';
import { worklist } from '../src/tasks/index.ts';
import { engineText } from '../web/src/cases/engineText.ts';
import { translator } from '../web/src/i18n/translate.ts';
import { es } from '../web/src/i18n/es.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';

const NY = (local: string) => new Date(`${local}-05:00`);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a tiny picture of a receipt')]);
let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

/** A New York customer with two invoices due 2026-03-02 and the due-day message planned for both. */
async function twoInvoices() {
  const org = await testOrg(db);
  const c = await aCustomer(db, org, { email: 'ap@example.com', whatsapp: '+12125550100', country: 'US', timezone: 'America/New_York' });
  const a = await anInvoice(db, org, { customer_id: c.id, number: `A-${c.id}`, issue_date: '2026-02-01', due_date: '2026-03-02', amount: 40_000 });
  const b = await anInvoice(db, org, { customer_id: c.id, number: `B-${c.id}`, issue_date: '2026-02-01', due_date: '2026-03-02', amount: 60_000 });
  await syncCases(db, org, NY('2026-03-02T08:00'));
  assert.equal((await runTick(db, { orgId: org, now: NY('2026-03-02T08:00') })).planned, 1);
  return { org, customerId: c.id, a, b };
}

const open = (org: string, customerId: string, over: Partial<DisputeRequest> = {}) =>
  inTransaction(db, (tx) => openDispute(tx, org, 'debtor:portal', { customerId, invoiceIds: [], reason: 'wrong_amount', text: 'We were charged twice', source: 'portal', ...over },
    NY('2026-03-02T11:00')));
const resolve = (org: string, id: string, outcome: 'valid' | 'invalid', now = NY('2026-03-04T10:00')) =>
  inTransaction(db, (tx) => resolveDispute(tx, org, 'user:usr_manager', id, { outcome, note: 'checked the delivery notes' }, now));

describe('disputes', () => {
  it('pauses contact on the disputed invoice only, and puts a review task on the worklist', async () => {
    const { org, customerId, a, b } = await twoInvoices();
    const d = await open(org, customerId, { invoiceIds: [a.number] });
    assert.ok(d.ok, JSON.stringify(d));
    assert.deepEqual([d.value.status, d.value.amount, d.value.invoice_ids], ['open', 40_000, [a.id]]);
    const inv = await getInvoice(db, org, a.id);
    assert.equal(inv.ok && inv.value.status, 'disputed');
    const tasks = await listTasks(db, org, { customer_id: customerId, status: 'open' });
    assert.deepEqual(tasks.data.map((t) => [t.id, t.kind, t.priority]), [[d.value.task_id, 'review', 'high']]);
    assert.match(tasks.data[0]?.note ?? '', /wrong_amount.*We were charged twice/);
    const detail = await getCase(db, org, customerId);
    assert.ok(detail.ok);
    assert.equal(detail.value.stop_code, null, 'the other invoice still runs the strategy');
    const tick = await runTick(db, { orgId: org, now: NY('2026-03-05T09:00'), collect: true });
    assert.deepEqual(tick.actions.map((x) => [x.stepId, x.invoices.map((i) => i.id)]), [['after-3', [b.id]]], 'the message lists the undisputed invoice only');
  });

  it('opens the customer\'s case for a dispute on invoices not yet near their due date: the task is in the case view and on the worklist, the case stopped', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { email: 'early@example.com', country: 'US', timezone: 'America/New_York' });
    const far = await anInvoice(db, org, { customer_id: c.id, number: `F-${c.id}`, issue_date: '2026-03-01', due_date: '2026-05-30', amount: 25_000 });
    await syncCases(db, org, NY('2026-03-02T08:00'));
    assert.equal((await getCase(db, org, c.id)).ok, false, 'no case yet: the invoice is due in three months');
    const d = await open(org, c.id, { invoiceIds: [far.number] });
    assert.ok(d.ok, JSON.stringify(d));
    const detail = await getCase(db, org, c.id);
    assert.ok(detail.ok, 'the dispute opened the case');
    assert.deepEqual([detail.value.status, detail.value.stop_code], ['open', 'disputed'], JSON.stringify(detail.value.timeline.map((e) => [e.kind, e.reason])));
    assert.ok(detail.value.timeline.some((e) => e.kind === 'stopped' && (e.data as { code?: string } | null)?.code === 'disputed'), 'the stop is on the timeline');
    const inCase = await listTasks(db, org, { case_id: detail.value.id, status: 'open' });
    assert.deepEqual(inCase.data.map((t) => t.id), [d.value.task_id], 'the case view lists the dispute\'s task');
    const list = await worklist(db, org, { role: 'admin', userId: null }, { date: '2026-03-02' }, NY('2026-03-02T11:00'));
    assert.ok(list.ok);
    assert.deepEqual(list.value.data.filter((w) => w.customer_id === c.id).map((w) => [w.id, w.case_id]), [[d.value.task_id, detail.value.id]], 'on the worklist, with its case');
    const inv = await getInvoice(db, org, far.id);
    assert.equal(inv.ok && inv.value.status, 'disputed', 'contact on the invoice is held as for any dispute');
    const tick = await runTick(db, { orgId: org, now: NY('2026-05-30T09:00'), collect: true });
    assert.deepEqual(tick.actions.filter((x) => x.invoices.some((i) => i.id === far.id)), [], 'nothing sent for it while the dispute is open, even once due');
  });

  it('closes the case a dispute opened once it is found invalid before the invoice nears its due date, saying so, and opens it again when it does', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { email: 'early2@example.com', country: 'US', timezone: 'America/New_York' });
    const far = await anInvoice(db, org, { customer_id: c.id, number: `G-${c.id}`, issue_date: '2026-03-01', due_date: '2026-05-30', amount: 25_000 });
    const d = await open(org, c.id, { invoiceIds: [far.number] });
    assert.ok(d.ok);
    assert.ok((await resolve(org, d.value.id, 'invalid')).ok);
    const closed = await getCase(db, org, c.id);
    assert.ok(closed.ok);
    assert.deepEqual([closed.value.status, closed.value.stop_code], ['closed', 'not_due'], 'its own stop code, not paid');
    const entry = closed.value.timeline.filter((e) => e.kind === 'case_closed').at(-1)!;
    assert.deepEqual(entry.data, { code: 'not_due', not_due: true });
    const said = await db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM events WHERE org_id = $1 AND type = 'case.closed' AND subject = $2`, [org, closed.value.id]);
    assert.deepEqual(said.map((e) => [e.data.stop_code, e.data.reason]), [['not_due', 'nothing owed is due yet']], 'integrators hear it too');
    assert.equal(translator(es)('stop.not_due'), 'nada vencido aún', 'the web\'s stop badge');
    assert.match(entry.reason, /^nothing owed is due before 2026-\d\d-\d\d: the case closes until an invoice comes near its due date$/);
    assert.equal(engineText(entry, translator(es), 'es-MX'), 'nada de lo adeudado vence todavía: el caso se cierra hasta que una factura se acerque a su vencimiento');
    await syncCases(db, org, NY('2026-05-28T08:00'));
    const again = await getCase(db, org, c.id);
    assert.ok(again.ok);
    assert.equal(again.value.status, 'open', 'open again as the invoice nears its due date');
    assert.notEqual(again.value.stop_code, 'not_due');
  });

  it('stops the case when every invoice is disputed, and a valid resolution credits the disputed amount', async () => {
    const { org, customerId, a, b } = await twoInvoices();
    const d = await open(org, customerId);
    assert.ok(d.ok);
    assert.deepEqual([d.value.amount, [...d.value.invoice_ids].sort()], [100_000, [a.id, b.id].sort()]);
    const detail = await getCase(db, org, customerId);
    assert.ok(detail.ok);
    assert.equal(detail.value.stop_code, 'disputed');
    assert.deepEqual(detail.value.actions.filter((x) => x.status !== 'skipped').map((x) => [x.step_id, x.status]), [['due-day', 'cancelled']]);
    assert.match(detail.value.actions[0]?.reason ?? '', new RegExp(`^disputed: dispute ${d.value.id} is open`));
    const r = await resolve(org, d.value.id, 'valid');
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual([r.value.status, r.value.credit_note_ids.length, r.value.resolved_by], ['valid', 2, 'user:usr_manager']);
    const credits = await listAdjustments(db, org, a.id);
    assert.deepEqual(credits.map((x) => [x.kind, x.amount]), [['credit_note', -40_000]]);
    const paid = await getInvoice(db, org, b.id);
    assert.equal(paid.ok && paid.value.status, 'paid');
    const closed = await getCase(db, org, customerId);
    assert.equal(closed.ok && closed.value.status, 'closed');
    const task = await listTasks(db, org, { customer_id: customerId });
    assert.deepEqual(task.data.map((t) => [t.status, t.outcome]), [['done', 'dispute resolved valid: checked the delivery notes']]);
    const again = await resolve(org, d.value.id, 'invalid');
    assert.equal(!again.ok && again.error.code, 'INVALID_STATE');
  });

  it('resumes the case when the dispute is found invalid', async () => {
    const { org, customerId, a } = await twoInvoices();
    const d = await open(org, customerId);
    assert.ok(d.ok);
    const r = await resolve(org, d.value.id, 'invalid');
    assert.ok(r.ok);
    assert.deepEqual([r.value.status, r.value.credit_note_ids], ['invalid', []]);
    const inv = await getInvoice(db, org, a.id);
    assert.deepEqual(inv.ok && [inv.value.status, inv.value.balance], ['open', 40_000]);
    const detail = await getCase(db, org, customerId);
    assert.ok(detail.ok);
    assert.deepEqual([detail.value.status, detail.value.stop_code], ['open', null]);
    const tick = await runTick(db, { orgId: org, now: NY('2026-03-05T09:00') });
    assert.equal(tick.planned, 1, 'the sequence runs again');
    const timeline = await arrangementTimeline(db, org, customerId);
    assert.deepEqual(timeline.map((e) => e.kind), ['dispute_opened', 'dispute_resolved']);
    assert.match(timeline[1]!.reason, /found invalid: contact resumes/);
  });

  it('stores an attachment whose bytes match its type, and refuses others', async () => {
    const { org, customerId, a, b } = await twoInvoices();
    const d = await open(org, customerId, { invoiceIds: [a.id], attachment: { filename: '../../receipt "1".png', contentType: 'image/png', data: PNG } });
    assert.ok(d.ok, JSON.stringify(d));
    assert.deepEqual([d.value.attachment?.filename, d.value.attachment?.size], ['receipt _1_.png', PNG.length]);
    const back = await disputeAttachment(db, org, d.value.id);
    assert.ok(back.ok);
    assert.ok(back.value.data.equals(PNG));
    assert.equal(back.value.contentType, 'image/png');
    const lying = await open(org, customerId, { invoiceIds: [b.id], attachment: { filename: 'x.pdf', contentType: 'application/pdf', data: PNG } });
    assert.deepEqual(!lying.ok && [lying.error.field, lying.error.message], ['attachment.content_type', 'the attachment\'s bytes are not application/pdf']);
    const exe = await open(org, customerId, { invoiceIds: [b.id], attachment: { filename: 'x.exe', contentType: 'application/x-msdownload', data: PNG } });
    assert.equal(!exe.ok && exe.error.field, 'attachment.content_type');
    const big = await open(org, customerId, { invoiceIds: [b.id], attachment: { filename: 'x.txt', contentType: 'text/plain', data: Buffer.alloc(5 * 1024 * 1024 + 1, 'a') } });
    assert.equal(!big.ok && big.error.field, 'attachment.data');
    const twice = await open(org, customerId, { invoiceIds: [a.id] });
    assert.equal(!twice.ok && twice.error.code, 'CONFLICT');
    assert.equal((await listDisputes(db, org, { status: 'open' })).length, 1, 'refused disputes leave nothing behind');
  });
});
