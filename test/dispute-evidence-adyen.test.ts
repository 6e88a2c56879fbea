// Defending an Adyen chargeback from cobro through Adyen's Disputes API (the fake's DisputeService v30: X-API-Key, JSON):
// the draft lists the defence reasons Adyen returns with the document types each takes and shows the defence deadline;
// a reason Adyen does not offer, a document in a type the reason does not take, and a Required type missing are refused
// naming the field, with nothing defended; then cobro's statement and communication history, as PDFs in the types the
// reason asks for, are supplied and the dispute defended, once.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildServer } from '../src/api/index.ts';
import { createApiKey, createOrg } from '../src/orgs/index.ts';
import { replanCase } from '../src/engine/index.ts';
import { testDb } from './support/db.ts';
import { bearer } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { fakeAdyen, type AdyenItem, type FakeAdyen } from './support/providers/adyen.ts';
import { withDisputesApi, type AdyenDisputesFake } from './support/providers/adyen-disputes-api.ts';

const HMAC = 'C1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F92';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const clock = new Date('2026-03-10T17:00:00Z');
let db: Db;
let app: FastifyInstance;
let adyen: FakeAdyen;
let api: AdyenDisputesFake;
let org = '';
let collector = '';
let manager = '';
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => clock });
  adyen = await fakeAdyen({ apiKey: 'AQEyhmfxKo3NaRFGw0m_evidence_key_01', merchantAccount: 'AcmeShopEUR', hmacKey: HMAC, now: () => clock });
  api = withDisputesApi(adyen, 'AcmeShopEUR');
  org = (await createOrg(db, { name: 'Adyen defence', country: 'ES', defaultCurrency: 'EUR', defaultTimezone: 'Europe/Madrid' })).id;
  await adyen.connect(db, org);
  collector = (await createApiKey(db, org, 'collector')).secret;
  manager = (await createApiKey(db, org, 'manager')).secret;
});
after(async () => { await adyen.close(); await app.close(); await db.close(); });

const deliver = async (...items: AdyenItem[]) => {
  const r = await app.inject({ method: 'POST', url: `/webhooks/adyen/${org}`, payload: adyen.notification(items), headers: { 'content-type': 'application/json' } });
  assert.equal(r.body, '[accepted]');
};

/** A customer who paid 70.00 EUR through an Adyen link, and the notification of chargeback on it. */
async function chargeback(): Promise<{ customerId: string; disputePsp: string }> {
  const c = await aCustomer(db, org, { email: 'defensa@cliente.example', country: 'ES', timezone: 'Europe/Madrid' });
  await anInvoice(db, org, { customer_id: c.id, currency: 'EUR', amount: 70_00, due_date: '2026-02-01' });
  await replanCase(db, org, c.id, clock);
  const r = await app.inject({ method: 'POST', url: '/v1/payment-links', headers: bearer(collector), payload: { customer_id: c.id } });
  assert.equal(r.statusCode, 201, r.body);
  const link = [...adyen.links.values()].find((l) => l.reference === (r.json() as { id: string }).id)!;
  const pay = adyen.pay(String(link.id));
  await deliver(pay);
  const disputePsp = `D${String(pay.pspReference)}`;
  await deliver(adyen.dispute(String(pay.pspReference), 'NOTIFICATION_OF_CHARGEBACK', 70_00, 'EUR', disputePsp));
  api.reasons.set(disputePsp, [
    { code: 'GoodsOrServicesProvided', types: [{ code: 'Invoice', requirement: 'Required' }, { code: 'CustomerCommunication', requirement: 'Optional' }] },
    { code: 'SupplyDefenseMaterial', types: [{ code: 'DefenseMaterial', requirement: 'Required' }] },
  ]);
  return { customerId: c.id, disputePsp };
}

describe('dispute evidence at Adyen', () => {
  it('chooses among the reasons Adyen returns, supplies the documents it asks for, defends once', async () => {
    const p = await chargeback();
    const url = `/v1/disputes/${p.disputePsp}/evidence`;
    const put = (payload: object) => app.inject({ method: 'PUT', url, headers: bearer(collector), payload });
    const submit = () => app.inject({ method: 'POST', url: `${url}/submit`, headers: bearer(manager), payload: {} });
    const r = await app.inject({ method: 'GET', url, headers: bearer(collector) });
    assert.equal(r.statusCode, 200, r.body);
    const v = r.json();
    assert.equal(v.dispute.provider, 'adyen');
    assert.deepEqual(v.defense_reasons.map((x: { code: string }) => x.code), ['GoodsOrServicesProvided', 'SupplyDefenseMaterial']);
    assert.deepEqual(v.defense_reasons[0].documentTypes, [{ code: 'Invoice', requirement: 'Required', available: false }, { code: 'CustomerCommunication', requirement: 'Optional', available: false }]);
    assert.ok(v.due_by, 'the defence deadline from defensePeriodEndsAt');
    assert.equal(v.reminder.status, 'open');
    assert.deepEqual(api.calls[0], { operation: 'retrieveApplicableDefenseReasons', body: { disputePspReference: p.disputePsp, merchantAccountCode: 'AcmeShopEUR' } });

    // a reason Adyen does not offer
    assert.equal((await put({ defense_reason: 'Made-up' })).statusCode, 200);
    const notOffered = await submit();
    assert.deepEqual([notOffered.statusCode, notOffered.json().error.field], [400, 'defense_reason']);
    assert.match(notOffered.json().error.message, /GoodsOrServicesProvided, SupplyDefenseMaterial/);
    // a Required type missing
    assert.equal((await put({ defense_reason: 'GoodsOrServicesProvided', documents: { history: 'CustomerCommunication' } })).statusCode, 200);
    const missing = await submit();
    assert.deepEqual([missing.statusCode, missing.json().error.field], [400, 'documents']);
    assert.match(missing.json().error.message, /needs Invoice/);
    // a document in a type the reason does not take
    const withFile = await put({ documents: { statement: 'Invoice' }, add_files: [{ slot: 'DefenseMaterial', filename: 'note.pdf', content_type: 'application/pdf', data_base64: PDF.toString('base64') }] });
    assert.equal(withFile.statusCode, 200, withFile.body);
    const stray = await submit();
    assert.deepEqual([stray.statusCode, stray.json().error.field], [400, 'documents']);
    assert.match(stray.json().error.message, /DefenseMaterial is not a document type GoodsOrServicesProvided takes/);
    assert.equal(api.supplied.length + api.defended.length, 0, 'nothing reached Adyen but the reads');
    assert.equal((await app.inject({ method: 'POST', url: `${url}/submit`, headers: bearer(manager), payload: { stage: true } })).json().error.field, 'stage');

    const removed = await put({ remove_files: [withFile.json().files[0].id] });
    assert.equal(removed.json().files.length, 0);
    const done = await submit();
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual([done.json().status, done.json().reminder.status, done.json().gateway_reply.defense_reason], ['submitted', 'done', 'GoodsOrServicesProvided']);
    assert.deepEqual(api.supplied.map((s) => [s.typeCode, s.contentType, s.data.subarray(0, 5).toString('latin1')]),
      [['Invoice', 'application/pdf', '%PDF-'], ['CustomerCommunication', 'application/pdf', '%PDF-']]);
    assert.deepEqual(api.defended, [{ dispute: p.disputePsp, reason: 'GoodsOrServicesProvided' }]);
    const defend = api.calls.find((c) => c.operation === 'defendDispute')!;
    assert.deepEqual(defend.body, { defenseReasonCode: 'GoodsOrServicesProvided', disputePspReference: p.disputePsp, merchantAccountCode: 'AcmeShopEUR' });

    const again = await submit();
    assert.equal(again.statusCode, 409);
    assert.match(again.json().error.message, /already submitted to Adyen/);
    assert.equal(api.defended.length, 1);
  });

  it('refuses a wrong API key at Adyen as the gateway\'s answer, the draft kept', async () => {
    const p = await chargeback();
    const wrong = await fakeAdyen({ apiKey: 'AQE_other_key', merchantAccount: 'AcmeShopEUR', hmacKey: HMAC, now: () => clock });
    try {
      withDisputesApi(wrong, 'AcmeShopEUR').reasons.set(p.disputePsp, [{ code: 'SupplyDefenseMaterial', types: [] }]);
      // the org's key stays the first fake's: pointing api_base at the second makes every call unauthorised
      await db.query(`UPDATE provider_credentials SET settings = jsonb_set(settings, '{api_base}', to_jsonb($2::text)) WHERE org_id = $1 AND provider = 'adyen'`, [org, wrong.url]);
      const r = await app.inject({ method: 'GET', url: `/v1/disputes/${p.disputePsp}/evidence`, headers: bearer(collector) });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().defense_reasons, null);
      assert.match(r.json().gateway_note, /Adyen answered 401/);
    } finally {
      await db.query(`UPDATE provider_credentials SET settings = jsonb_set(settings, '{api_base}', to_jsonb($2::text)) WHERE org_id = $1 AND provider = 'adyen'`, [org, adyen.url]);
      await wrong.close();
    }
  });
});
