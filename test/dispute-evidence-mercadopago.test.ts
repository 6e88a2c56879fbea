// A Mercado Pago chargeback answered from cobro, against the fake Mercado Pago's Chargebacks API
// (support/providers/mercadopago-chargebacks.ts, which checks the bearer token, that every part is a `files[]` file of a
// type Mercado Pago takes whose bytes match, 10 MB in all, the documentation still pending and in time): the chargebacks
// notification (its id past 2^53 as a JSON number, signed as Mercado Pago signs) links the chargeback's id and
// date_documentation_deadline to the dispute cobro opened for the payment; the draft is found by either id, with the
// deadline and the reminder; one documentation call carries cobro's PDFs and the staff's file; Mercado Pago's refusal is
// kept as the draft's last error; a second send is refused; documentation Mercado Pago already has, or a deadline passed,
// is refused before anything is sent. PGlite and PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createApiKey, createOrg } from '../src/orgs/index.ts';
import { createPaymentLink } from '../src/payments/index.ts';
import { replanCase } from '../src/engine/index.ts';
import { sandboxAdapters } from '../src/worker/index.ts';
import { documentationProblem, parseWithBigIds } from '../src/payments/gateways/mercadopago-chargebacks.ts';
import { describeEvidence } from '../src/cli/dispute-evidence.ts';
import { testDb } from './support/db.ts';
import { bearer } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { fakeMercadoPago, type FakeMercadoPago } from './support/providers/mercadopago.ts';

let db: Db;
let app: FastifyInstance;
let mp: FakeMercadoPago;
let clock = new Date('2026-03-10T17:00:00Z');
const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
let org = '';
const keys: Record<string, string> = {};
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('signed delivery note')]);

before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock, messaging });
  messaging.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  mp = await fakeMercadoPago({ accessToken: 'APP_USR-evidence-123456', webhookSecret: 'mp-evidence-secret', now: () => clock });
  org = (await createOrg(db, { name: 'Contracargos', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
  await mp.connect(db, org);
  for (const role of ['collector', 'manager'] as const) keys[role] = (await createApiKey(db, org, role)).secret;
});
after(async () => { await mp.close(); await app.close(); await db.close(); });

/** A customer who paid a Mercado Pago link and charged it back: the payment's id and the chargeback's. */
async function chargedBack(amount: number, o: { notify?: boolean } = {}): Promise<{ payment: number; chargeback: string; customer: string }> {
  const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City', email: 'pagos@cliente.example' });
  await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount, due_date: '2026-02-01' });
  await replanCase(db, org, c.id, clock);
  const link = await createPaymentLink({ db, publicUrl: messaging.publicUrl }, org, 'test', { customerId: c.id, source: 'api' }, clock);
  if (!link.ok) throw new Error(link.error.message);
  const pref = [...mp.preferences.values()].find((x) => x.external_reference === link.value.id)!;
  const payment = (await mp.pay(pref.id as string)).payment.id as number;
  const chargeback = mp.cb.open(payment, { days: 7 });
  if (o.notify !== false) assert.equal(await mp.notifyChargeback(chargeback), 200);
  return { payment, chargeback, customer: c.id };
}

const url = (id: string) => `/v1/disputes/${encodeURIComponent(id)}/evidence`;
const get = (id: string) => app.inject({ method: 'GET', url: `${url(id)}?provider=mercadopago`, headers: bearer(keys.collector!) });
const put = (id: string, payload: object) => app.inject({ method: 'PUT', url: url(id), headers: bearer(keys.collector!), payload });
const submit = (id: string) => app.inject({ method: 'POST', url: `${url(id)}/submit`, headers: bearer(keys.manager!), payload: {} });

describe('dispute evidence at Mercado Pago', () => {
  it('links the chargeback from its notification, then sends the documentation once', async () => {
    const { payment, chargeback } = await chargedBack(500_00);
    assert.ok(BigInt(chargeback) > BigInt(Number.MAX_SAFE_INTEGER), 'an id past 2^53');
    const byOurs = (await get(`chargeback:${payment}`)).json();
    assert.equal(byOurs.dispute.dispute_id, `chargeback:${payment}`);
    assert.equal(byOurs.dispute.case_id, chargeback, 'the chargeback id kept whole');
    const deadline = new Date(clock.getTime() + 7 * 86_400_000).toISOString();
    assert.deepEqual([byOurs.dispute.respond_by, byOurs.due_by], [deadline, deadline]);
    assert.deepEqual([byOurs.reminder.status, byOurs.reminder.due_date], ['open', '2026-03-15']);
    assert.deepEqual(byOurs.documents, { statement: 'documentation', history: 'documentation', summary: 'documentation' });
    assert.deepEqual([byOurs.file_slots, byOurs.text_fields], [['documentation'], ['explanation']]);
    assert.match(describeEvidence(byOurs), new RegExp(`^dispute chargeback:${payment} at mercadopago on payment ${payment}: .*; chargeback ${chargeback}\n.*due by ${deadline}`));
    const byTheirs = await app.inject({ method: 'GET', url: url(chargeback), headers: bearer(keys.collector!) });
    assert.equal(byTheirs.json().dispute.dispute_id, `chargeback:${payment}`, 'found by Mercado Pago\'s id too');

    const id = `chargeback:${payment}`;
    const wrong = await put(id, { add_files: [{ slot: 'receipt', filename: 'a.png', content_type: 'image/png', data_base64: PNG.toString('base64') }] });
    assert.deepEqual([wrong.statusCode, wrong.json().error.field], [400, 'add_files[0].slot']);
    const saved = await put(id, { text: { explanation: 'El cliente firmó la nota de entrega.' },
      add_files: [{ slot: 'documentation', filename: 'entrega.png', content_type: 'image/png', data_base64: PNG.toString('base64') }] });
    assert.equal(saved.statusCode, 200, saved.body);

    mp.cb.fault.next = { status: 400, message: 'bad_request: documentation could not be processed' };
    const refused = await submit(id);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.match(refused.json().error.message, /Mercado Pago: Mercado Pago answered 400: bad_request: documentation could not be processed/);
    const kept = (await get(id)).json();
    assert.deepEqual([kept.status, kept.text.explanation], ['draft', 'El cliente firmó la nota de entrega.']);
    assert.match(kept.last_error, /answered 400/);
    assert.equal(mp.cb.documentation.length, 0);

    const done = await submit(id);
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual([done.json().status, done.json().reminder.status, done.json().last_error], ['submitted', 'done', null]);
    const [sent, ...more] = mp.cb.documentation;
    assert.equal(more.length, 0);
    assert.equal(sent!.chargeback, chargeback);
    const safe = `chargeback-${payment}`;
    assert.deepEqual(sent!.files.map((f) => [f.name, f.type, f.data.subarray(0, 4).toString('latin1')]), [
      [`1-statement-${safe}.pdf`, 'application/pdf', '%PDF'], [`2-history-${safe}.pdf`, 'application/pdf', '%PDF'],
      [`3-summary-${safe}.pdf`, 'application/pdf', '%PDF'], ['4-entrega.png', 'image/png', '\x89PNG']]);
    assert.ok(sent!.files[3]!.data.equals(PNG), 'the staff\'s file as saved');
    assert.deepEqual(done.json().gateway_reply, { chargeback_id: chargeback, files: sent!.files.map((f) => f.name), due_by: deadline, documentation_status: 'review_pending' });

    const again = await submit(id);
    assert.equal(again.statusCode, 409);
    assert.match(again.json().error.message, /already submitted to Mercado Pago on .* by .*; a dispute is answered once/);
    assert.equal(mp.cb.documentation.length, 1);
  });

  it('refuses before sending when Mercado Pago has the documentation already or its deadline passed', async () => {
    const a = await chargedBack(120_00);
    mp.cb.chargebacks.get(a.chargeback)!.documentation_status = 'review_pending';
    const had = await submit(`chargeback:${a.payment}`);
    assert.equal(had.statusCode, 409, had.body);
    assert.match(had.json().error.message, new RegExp(`chargeback ${a.chargeback} takes no documentation now \\(documentation_status review_pending\\)`));
    assert.match((await get(`chargeback:${a.payment}`)).json().last_error, /review_pending/);

    const b = await chargedBack(80_00);
    const saved = clock;
    clock = new Date(clock.getTime() + 8 * 86_400_000);
    try {
      const late = await submit(`chargeback:${b.payment}`);
      assert.match(late.json().error.message, /deadline for chargeback .* documentation passed/);
    } finally { clock = saved; }
    assert.equal(mp.cb.documentation.filter((d) => d.chargeback === a.chargeback || d.chargeback === b.chargeback).length, 0, 'nothing sent');
  });

  it('waits for the payment to show the chargeback, and says when no chargeback id is known yet', async () => {
    const c = await chargedBack(60_00, { notify: false });
    const p = mp.payments.get(c.payment)!;
    Object.assign(p, { status: 'approved', status_detail: 'accredited' });
    assert.equal(await mp.notifyChargeback(c.chargeback), 200);
    const [ev] = await db.query<{ status: string; error: string }>(
      `SELECT status, error FROM inbox_events WHERE org_id = $1 AND body LIKE $2`, [org, `%"id":${c.chargeback},%`]);
    assert.equal(ev!.status, 'failed');
    assert.match(ev!.error, new RegExp(`payment ${c.payment} does not show chargeback ${c.chargeback} yet`));
    // the payment's own notification opens the dispute; the chargeback's id is not known until its notification is read
    Object.assign(p, { status: 'charged_back', status_detail: 'in_process' });
    await mp.notify(c.payment);
    const early = await submit(`chargeback:${c.payment}`);
    assert.equal(early.statusCode, 409, early.body);
    assert.match(early.json().error.message, /has not told cobro the id of payment .* chargeback yet/);
  });

  it('reads big ids as text and names what Mercado Pago would refuse', () => {
    const body = parseWithBigIds('{"data":{"id":233000061680860001,"payment_id":81968653106},"id":114411153595,"note":"\\"id\\":12345678901234567"}') as
      { data: { id: unknown; payment_id: unknown }; note: string };
    assert.deepEqual([body.data.id, body.data.payment_id, body.note], ['233000061680860001', 81968653106, '"id":12345678901234567']);
    const pdf = (mb: number) => ({ filename: 'a.pdf', contentType: 'application/pdf', data: Buffer.alloc(mb * 1024 * 1024) });
    assert.match(documentationProblem([pdf(6), pdf(5)]) ?? '', /at most 10 MB/);
    assert.equal(documentationProblem([pdf(6), pdf(4)]), null);
    assert.match(documentationProblem([{ filename: 'a.gif', contentType: 'image/gif', data: Buffer.from('GIF8') }]) ?? '', /JPG, PNG or PDF/);
  });
});
