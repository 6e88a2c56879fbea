// Answering a Stripe chargeback from cobro (GET/PUT /v1/disputes/{id}/evidence, POST .../submit) against the fake Stripe:
// the draft made on first reading with what cobro knows (the customer, the invoices paid, the messages and replies, the
// promise agreed, the service date) and a task two days before Stripe's due_by; the staff's text and a file saved (each
// field and slot checked, a stale revision refused, viewers refused); staged with submit=false; a 500 leaves the draft;
// submitted once: files uploaded multipart with purpose dispute_evidence, evidence[...] with submit=true, evidence_details
// read back, the task done, audited; a second submit refused with 409.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createApiKey, createOrg } from '../src/orgs/index.ts';
import { sandboxAdapters } from '../src/worker/index.ts';
import { checkGateways } from '../src/payments/index.ts';
import { testDb } from './support/db.ts';
import { bearer } from './support/api.ts';
import { paidAtStripe } from './support/stripe-paid.ts';
import { fakeStripe, type FakeStripe } from './support/providers/stripe.ts';
import { withEvidence, type StripeEvidenceFake } from './support/providers/stripe-evidence.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let db: Db;
let app: FastifyInstance;
let stripe: FakeStripe;
let files: StripeEvidenceFake;
const clock = new Date('2026-03-10T17:00:00Z');
const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
let org = '';
const keys: Record<string, string> = {};
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock, messaging });
  messaging.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  stripe = await fakeStripe({ secretKey: 'sk_test_evidence4242', webhookSecret: 'whsec_evidence4242', now: () => clock });
  files = withEvidence(stripe);
  org = (await createOrg(db, { name: 'Evidence at Stripe', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
  await stripe.connect(db, org);
  stripe.webhookUrl = `${messaging.publicUrl}/webhooks/stripe/${org}`;
  for (const role of ['viewer', 'collector', 'manager'] as const) keys[role] = (await createApiKey(db, org, role)).secret;
});
after(async () => { await stripe.close(); await app.close(); await db.close(); });

const call = async (role: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: bearer(keys[role]!), ...(payload ? { payload } : {}) });

/** A customer who paid 90.00 MXN at Stripe, with a message, a reply and a promise on record, and the payment disputed. */
async function disputed(): Promise<{ customerId: string; pi: string; dp: string }> {
  const p = await paidAtStripe(db, stripe, messaging.publicUrl, org, 90_00, clock);
  await db.query(`UPDATE customers SET name = 'Lucía Pérez', email = 'lucia@cliente.example' WHERE org_id = $1 AND id = $2`, [org, p.customerId]);
  await db.query(`UPDATE invoices SET metadata = '{"service_date": "2026-01-15"}' WHERE org_id = $1 AND customer_id = $2`, [org, p.customerId]);
  await db.query(`INSERT INTO messages (id, org_id, action_id, customer_id, channel, status, next_attempt_at, content, created_at, updated_at, sent_at)
    VALUES ($1, $2, $3, $4, 'email', 'delivered', $5, '{"subject": "Your invoice is due", "text": "Please pay invoice INV by Friday."}', $5, $5, $5)`,
  [`msg_ev_${p.customerId}`, org, `act_ev_${p.customerId}`, p.customerId, '2026-02-20T10:00:00Z']);
  // a message about another invoice (its planned action names only that one) is not part of this dispute's history
  await db.query(`INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, scheduled_for,
    status, reason, invoice_ids, created_at, updated_at) VALUES ($1, $2, 'case_x', $3, $1, 'str_x', 1, 'step', 0, 'message', '2026-02-10', 'sent', 'test', '{inv_other}', $4, $4)`,
  [`act_other_${p.customerId}`, org, p.customerId, '2026-02-10T10:00:00Z']);
  await db.query(`INSERT INTO messages (id, org_id, action_id, customer_id, channel, status, next_attempt_at, content, created_at, updated_at, sent_at)
    VALUES ($1, $2, $3, $4, 'email', 'delivered', $5, '{"subject": "Another invoice", "text": "About another invoice."}', $5, $5, $5)`,
  [`msg_other_${p.customerId}`, org, `act_other_${p.customerId}`, p.customerId, '2026-02-10T10:00:00Z']);
  await db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, from_address, text, received_at, created_at)
    VALUES ($1, $2, $3, 'email', 'sandbox', 'lucia@cliente.example', 'I will pay it on Monday, thanks.', $4, $4)`,
  [`inm_ev_${p.customerId}`, org, p.customerId, '2026-02-21T09:00:00Z']);
  await db.query(`INSERT INTO promises (id, org_id, customer_id, amount, currency, made_on, due_date, grace_days, source, actor, status, created_at)
    VALUES ($1, $2, $3, 9000, 'MXN', '2026-02-21', '2026-02-23', 2, 'collector', 'test', 'kept', $4)`, [`prm_ev_${p.customerId}`, org, p.customerId, '2026-02-21T09:05:00Z']);
  assert.deepEqual(await stripe.deliver(p.completed), [200]);
  const opened = stripe.dispute(p.pi, 'needs_response');
  assert.deepEqual(await stripe.deliver(opened), [200]);
  return { ...p, dp: (opened.data as { object: { id: string } }).object.id };
}

describe('dispute evidence at Stripe', () => {
  it('drafts with what cobro knows, saves staff text and files, stages, submits once', async () => {
    const p = await disputed();
    const url = `/v1/disputes/${p.dp}/evidence`;
    const first = await call('collector', 'GET', url);
    assert.equal(first.statusCode, 200, first.body);
    const v = first.json();
    assert.deepEqual([v.status, v.revision, v.dispute.provider, v.dispute.amount, v.dispute.currency], ['draft', 0, 'stripe', 90_00, 'MXN']);
    assert.deepEqual(v.auto.customer, { id: p.customerId, name: 'Lucía Pérez', email: 'lucia@cliente.example' });
    assert.equal(v.auto.invoices.length, 1);
    assert.equal(v.auto.service_date, '2026-01-15');
    assert.deepEqual(v.auto.communications.map((m: { direction: string; text: string }) => [m.direction, m.text]),
      [['sent', 'Please pay invoice INV by Friday.'], ['received', 'I will pay it on Monday, thanks.']]);
    assert.deepEqual(v.auto.arrangements.map((a: { kind: string; status: string }) => [a.kind, a.status]), [['promise', 'kept']]);
    assert.equal(v.due_by, '2026-03-17T17:00:00.000Z');
    assert.deepEqual(v.documents, { statement: 'receipt', history: 'customer_communication', summary: null });
    // the task two days before Stripe's deadline, in the org's zone
    assert.deepEqual([v.reminder.due_date, v.reminder.status], ['2026-03-15', 'open']);

    // each field and slot checked, naming it
    const badField = await call('collector', 'PUT', url, { text: { favourite_colour: 'blue' } });
    assert.deepEqual([badField.statusCode, badField.json().error.field], [400, 'text.favourite_colour']);
    const taken = await call('collector', 'PUT', url, { add_files: [{ slot: 'receipt', filename: 'r.pdf', content_type: 'application/pdf', data_base64: PDF.toString('base64') }] });
    assert.deepEqual([taken.statusCode, taken.json().error.field], [400, 'add_files[0].slot']);
    const notPdf = await call('collector', 'PUT', url, { add_files: [{ slot: 'uncategorized_file', filename: 'x.pdf', content_type: 'application/pdf', data_base64: Buffer.from('hello').toString('base64') }] });
    assert.equal(notPdf.statusCode, 400, notPdf.body);
    assert.equal((await call('viewer', 'PUT', url, { text: { explanation: 'no' } })).statusCode, 403);

    const saved = await call('collector', 'PUT', url, { revision: 0, text: { explanation: 'The customer agreed the amount and paid it after our reminder.', product_description: 'Monthly maintenance' },
      add_files: [{ slot: 'service_documentation', filename: 'work-order.pdf', content_type: 'application/pdf', data_base64: PDF.toString('base64') }] });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().revision, 1);
    assert.deepEqual(saved.json().files.map((f: { slot: string; filename: string }) => [f.slot, f.filename]), [['service_documentation', 'work-order.pdf']]);
    const stale = await call('collector', 'PUT', url, { revision: 0, text: { explanation: 'older' } });
    assert.deepEqual([stale.statusCode, stale.json().error.field], [409, 'revision']);

    // submitting is for managers; staging sends submit=false and keeps the draft
    assert.equal((await call('collector', 'POST', `${url}/submit`, {})).statusCode, 403);
    const staged = await call('manager', 'POST', `${url}/submit`, { stage: true });
    assert.equal(staged.statusCode, 200, staged.body);
    assert.deepEqual([staged.json().status, staged.json().gateway_reply.has_evidence, staged.json().gateway_reply.submission_count], ['draft', true, 0]);
    assert.equal(files.updates.at(-1)!.form.submit, 'false');

    // Stripe fails once: the draft stays, with Stripe's words
    files.failUpdates = 1;
    const failed = await call('manager', 'POST', `${url}/submit`, {});
    assert.deepEqual([failed.statusCode, failed.json().error.field], [503, 'gateway']);
    assert.equal((await call('collector', 'GET', url)).json().status, 'draft');

    const uploadsBefore = files.files.size;
    const done = await call('manager', 'POST', `${url}/submit`, {});
    assert.equal(done.statusCode, 200, done.body);
    const s = done.json();
    assert.deepEqual([s.status, s.gateway_reply.submission_count, s.gateway_reply.status, s.reminder.status], ['submitted', 1, 'under_review', 'done']);
    // the statement and the history made again; the staff's file not uploaded twice
    assert.equal(files.files.size, uploadsBefore + 2);
    const form = files.updates.at(-1)!.form;
    assert.equal(form.submit, 'true');
    assert.equal(form['evidence[customer_name]'], 'Lucía Pérez');
    assert.equal(form['evidence[customer_email_address]'], 'lucia@cliente.example');
    assert.equal(form['evidence[service_date]'], '2026-01-15');
    assert.equal(form['evidence[product_description]'], 'Monthly maintenance');
    assert.match(form['evidence[uncategorized_text]']!, /promise to pay made 2026-02-21: 90\.00 MXN by 2026-02-23 \(kept\)/);
    assert.match(form['evidence[uncategorized_text]']!, /The customer agreed the amount and paid it after our reminder\./);
    for (const [field, name] of [['receipt', /^statement-/], ['customer_communication', /^history-/], ['service_documentation', /^work-order\.pdf$/]] as const) {
      const f = files.files.get(form[`evidence[${field}]`]!);
      assert.ok(f, `evidence[${field}] names an uploaded file`);
      assert.match(f.filename, name);
      assert.equal(f.data.subarray(0, 5).toString('latin1'), '%PDF-');
    }
    assert.match(files.files.get(form['evidence[customer_communication]']!)!.data.toString('latin1'), /PDF/);

    // once
    const again = await call('manager', 'POST', `${url}/submit`, {});
    assert.equal(again.statusCode, 409);
    assert.match(again.json().error.message, /already submitted to Stripe on .* a dispute is answered once/);
    assert.equal((await call('collector', 'PUT', url, { text: { explanation: 'more' } })).statusCode, 409);
    const audits = await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE org_id = $1 AND action LIKE 'gateway.dispute_evidence%' AND data->>'dispute_id' = $2 ORDER BY at, seq`, [org, p.dp]);
    assert.deepEqual(audits.map((a) => a.action), ['gateway.dispute_evidence_saved', 'gateway.dispute_evidence_staged', 'gateway.dispute_evidence_refused', 'gateway.dispute_evidence_submitted']);
  });

  it('completes the reminder when Stripe closes the dispute first, and then has nothing to submit', async () => {
    const p = await disputed();
    const url = `/v1/disputes/${p.dp}/evidence`;
    const v = (await call('collector', 'GET', url)).json();
    assert.equal(v.reminder.status, 'open');
    assert.deepEqual(await stripe.deliver(stripe.dispute(p.pi, 'won')), [200]);
    const [task] = await db.query<{ status: string; outcome: string }>('SELECT status, outcome FROM tasks WHERE org_id = $1 AND id = $2', [org, v.reminder.task_id]);
    assert.equal(task!.status, 'done');
    assert.match(task!.outcome, /won at Stripe/);
    const late = await call('manager', 'POST', `${url}/submit`, {});
    assert.equal(late.statusCode, 409);
    assert.match(late.json().error.message, /is won at Stripe: there is nothing to answer/);
  });

  it('has the nightly check open the reminder once the deadline is near and nobody drafted the evidence', async () => {
    const p = await disputed();
    const key = `gateway-dispute-evidence:stripe:${p.dp}`;
    const reminders = () => db.query<{ status: string; due_date: string }>('SELECT status, due_date::text AS due_date FROM tasks WHERE org_id = $1 AND idempotency_key = $2', [org, key]);
    await checkGateways({ db, publicUrl: messaging.publicUrl }, org, new Date(clock.getTime() - 86_400_000), clock, 'worker');
    assert.deepEqual(await reminders(), [], 'seven days ahead: no reminder yet');
    const near = new Date('2026-03-14T12:00:00Z');
    await checkGateways({ db, publicUrl: messaging.publicUrl }, org, new Date(near.getTime() - 86_400_000), near, 'worker');
    await checkGateways({ db, publicUrl: messaging.publicUrl }, org, new Date(near.getTime() - 86_400_000), near, 'worker');
    assert.deepEqual(await reminders(), [{ status: 'open', due_date: '2026-03-15' }]);
  });

  it('refuses an unknown dispute and answers 404 naming the id', async () => {
    const r = await call('collector', 'GET', '/v1/disputes/dp_unknown0000/evidence');
    assert.deepEqual([r.statusCode, r.json().error.field], [404, 'id']);
  });
});
