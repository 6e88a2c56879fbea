// A PayPal dispute answered from cobro, against the fake PayPal's provide-evidence (paypal-evidence.ts, which checks the
// bearer token, the multipart parts, the input's evidences and each file): the draft made from cobro's records with the
// reminder due two days before seller_response_due_date, slots checked against PayPal's evidence types, PayPal's refusal
// while the dispute is not waiting for the seller kept as the draft's last error, then one submission carrying the
// statement and the history as OTHER evidence with the account of the debt as its notes and the staff's file in its
// own evidence type; a second submit refused; a file PayPal would refuse named before anything is sent. PGlite and
// PostgreSQL.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from './support/api.ts';
import { payPalHarness } from './support/paypal-harness.ts';
import { evidenceProblem } from '../src/payments/gateways/paypal-evidence.ts';
import { paypalEvidences } from '../src/payments/dispute-evidence-submit.ts';
import { provideEvidenceBody } from '../src/payments/gateways/paypal-evidence.ts';

const h = await payPalHarness({ clientId: 'AeA1QIZXiflr1_cobro_evidence', clientSecret: 'EGnHDxD_qRPdaLdZz8iCr8N7_evidence_test_secret',
  webhookId: '8PT597110X687430LKGEVIDN', start: new Date('2026-03-10T17:00:00Z') });
const { t, paypal, deliver } = h;
after(() => h.close());
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('signed delivery note')]);

const disputed = (amount: number) => h.disputed(amount);

describe('dispute evidence at PayPal', () => {
  it('drafts from cobro\'s records, is refused while PayPal does not wait for the seller, then answers once', async () => {
    const d = await disputed(120_00);
    const get = () => t.app.inject({ method: 'GET', url: d.url, headers: bearer(t.keys.collector) });
    const put = (payload: object) => t.app.inject({ method: 'PUT', url: d.url, headers: bearer(t.keys.collector), payload });
    const submit = () => t.app.inject({ method: 'POST', url: `${d.url}/submit`, headers: bearer(t.keys.manager), payload: {} });
    const v = (await get()).json();
    assert.equal(v.dispute.provider, 'paypal');
    assert.equal(v.due_by, new Date(Date.parse('2026-03-10T17:00:00Z') + 10 * 86_400_000).toISOString(), 'seller_response_due_date');
    assert.deepEqual([v.reminder.status, v.reminder.due_date], ['open', '2026-03-18']);
    assert.deepEqual(v.documents, { statement: 'OTHER', history: 'OTHER', summary: null });
    assert.ok(v.file_slots.includes('PROOF_OF_RECEIPT_COPY') && !v.file_slots.includes('PROOF_OF_FULFILLMENT'));
    assert.deepEqual(v.text_fields, ['explanation']);

    const wrongSlot = await put({ documents: { history: 'PROOF_OF_FULFILLMENT' } });
    assert.deepEqual([wrongSlot.statusCode, wrongSlot.json().error.field], [400, 'documents.history']);
    const saved = await put({ text: { explanation: 'The customer signed the delivery note.' },
      add_files: [{ slot: 'PROOF_OF_RECEIPT_COPY', filename: 'delivery.png', content_type: 'image/png', data_base64: PNG.toString('base64') }] });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal((await t.app.inject({ method: 'POST', url: `${d.url}/submit`, headers: bearer(t.keys.manager), payload: { stage: true } })).json().error.field, 'stage');

    // PayPal takes evidence only while the dispute waits for the seller
    const early = await submit();
    assert.equal(early.statusCode, 409, early.body);
    assert.match(early.json().error.message, /PayPal answered 422: UNPROCESSABLE_ENTITY.*NOT_ELIGIBLE_TO_PROVIDE_EVIDENCE/);
    const kept = (await get()).json();
    assert.deepEqual([kept.status, kept.text.explanation], ['draft', 'The customer signed the delivery note.']);
    assert.match(kept.last_error, /NOT_ELIGIBLE/);
    assert.equal(paypal.evidence.length, 0);

    await deliver(paypal.updateDispute(d.id, 'WAITING_FOR_SELLER_RESPONSE'));
    const done = await submit();
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual([done.json().status, done.json().reminder.status], ['submitted', 'done']);
    const [sent] = paypal.evidence;
    assert.equal(sent!.dispute, d.id);
    const evidences = sent!.input.evidences as { evidence_type: string; notes?: string; documents?: { name: string }[] }[];
    assert.deepEqual(evidences.map((e) => [e.evidence_type, e.documents?.map((x) => x.name)]),
      [['OTHER', [`1-statement-${d.id}.pdf`, `2-history-${d.id}.pdf`]], ['PROOF_OF_RECEIPT_COPY', ['3-delivery.png']]]);
    assert.match(evidences[0]!.notes!, /^Payment [A-Z0-9]{17} \(120\.00 USD disputed\) by Customer \d+ <ap@client\.example> paid these invoices:\n- invoice INV-\d+/);
    assert.match(evidences[0]!.notes!, /The customer signed the delivery note\.$/);
    assert.deepEqual(sent!.files.map((f) => [f.name, f.type, f.data.subarray(0, 4).toString('latin1')]),
      [[`1-statement-${d.id}.pdf`, 'application/pdf', '%PDF'], [`2-history-${d.id}.pdf`, 'application/pdf', '%PDF'], ['3-delivery.png', 'image/png', '\x89PNG']]);
    assert.ok(sent!.files[2]!.data.equals(PNG), 'the staff\'s file as saved');
    assert.equal(paypal.disputes.get(d.id)!.status, 'UNDER_REVIEW');
    assert.deepEqual(done.json().gateway_reply.evidences.map((e: { evidence_type: string }) => e.evidence_type), ['OTHER', 'PROOF_OF_RECEIPT_COPY']);

    const again = await submit();
    assert.equal(again.statusCode, 409);
    assert.match(again.json().error.message, /already submitted to PayPal on .* by .*; a dispute is answered once/);
    assert.equal(paypal.evidence.length, 1);
  });

  it('names what PayPal would refuse before anything is sent', () => {
    const pdf = (n: number) => ({ slot: 'OTHER', filename: `f${n}.pdf`, contentType: 'application/pdf', data: Buffer.alloc(6 * 1024 * 1024) });
    const big = paypalEvidences(Array.from({ length: 9 }, (_, i) => pdf(i)), 'notes');
    assert.match(evidenceProblem(big)?.message ?? '', /at most 50 MB/);
    const long = paypalEvidences([], 'x'.repeat(5000));
    assert.equal(long[0]!.notes!.length, 2000, 'the account of the debt cut to PayPal\'s 2,000 characters');
    assert.equal(evidenceProblem(long), null);
    assert.match(evidenceProblem([{ evidence_type: 'PROOF_OF_FULFILLMENT', documents: [] }])?.message ?? '', /not an evidence type cobro sends/);
  });

  it('is refused by the fake PayPal without the token, as JSON, or with a document and its file apart', async () => {
    const d = await disputed(30_00);
    await deliver(paypal.updateDispute(d.id, 'WAITING_FOR_SELLER_RESPONSE'));
    const basic = Buffer.from('AeA1QIZXiflr1_cobro_evidence:EGnHDxD_qRPdaLdZz8iCr8N7_evidence_test_secret').toString('base64');
    const token = (await (await fetch(`${paypal.url}/v1/oauth2/token`, { method: 'POST', body: 'grant_type=client_credentials',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' } })).json() as { access_token: string }).access_token;
    const send = (headers: Record<string, string>, body: Buffer | string) =>
      fetch(`${paypal.url}/v1/customer/disputes/${d.id}/provide-evidence`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
    const pdf = { name: 'a.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 a') };
    const multipart = (evidences: Parameters<typeof provideEvidenceBody>[0]) => ({ 'content-type': 'multipart/form-data; boundary=b0und', authorization: `Bearer ${token}`,
      body: provideEvidenceBody(evidences, 'b0und') });
    const refused = async (o: { body: Buffer } & Record<string, unknown>) => {
      const { body, ...headers } = o;
      const r = await send(headers as Record<string, string>, body);
      return [r.status, ((await r.json()) as { message: string }).message];
    };
    const good = multipart([{ evidence_type: 'OTHER', notes: 'n', documents: [pdf] }]);
    assert.equal((await refused({ ...good, authorization: 'Bearer forged' }))[0], 401);
    assert.equal((await send({ authorization: `Bearer ${token}`, 'content-type': 'application/json' }, JSON.stringify({ evidences: [] }))).status, 415);
    const orphan = multipart([{ evidence_type: 'OTHER', documents: [pdf] }]);
    orphan.body = Buffer.from(orphan.body.toString('latin1').replace('"documents":[{"name":"a.pdf"}]', '"notes":"no documents"'), 'latin1');
    assert.deepEqual(await refused(orphan), [400, 'UNREFERENCED_FILE: a.pdf']);
    assert.deepEqual(await refused(multipart([{ evidence_type: 'PROOF_OF_FULFILLMENT', documents: [pdf] }])), [400, 'MISSING_REQUIRED_PARAMETER: evidences[0].evidence_info']);
    assert.deepEqual(await refused(multipart([{ evidence_type: 'OTHER', documents: [{ ...pdf, data: Buffer.from('not a pdf') }] }])), [400, 'INVALID_FILE_TYPE: a.pdf']);
    assert.equal(paypal.evidence.filter((e) => e.dispute === d.id).length, 0, 'nothing taken');
    assert.equal((await refused(good))[0], 200, 'the same request, well formed, is taken');
  });
});
