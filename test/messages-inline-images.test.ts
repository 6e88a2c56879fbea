// GET /v1/messages/{id}/images/{content_id}: a sent reminder email's inline payment QR code for the message view, the same PNG
// the provider was handed (drawn again from the code's text the outbox keeps), as image/png with nosniff and no other
// type; a key is needed, another org's message, a Content-ID the email does not name, and an SMS are not found.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { newId } from '../src/domain/ids.ts';
import { buildServer } from '../src/api/index.ts';
import { recordConsent, setContactProfile } from '../src/compliance/index.ts';
import { createApiKey, createOrg } from '../src/orgs/index.ts';
import { epcPayload, setTransferSettings } from '../src/payments/transfer/index.ts';
import type { RenderedMessage } from '../src/messaging/index.ts';
import { dispatchOnce, listMessages, sandboxAdapters, type AdapterSet } from '../src/worker/index.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { testDb } from './support/db.ts';
import { bearer } from './support/api.ts';
import { readPng } from './support/qr-read.ts';
import { aSend } from './support/messaging.ts';

const now = new Date('2026-03-10T15:00:00Z');
let db: Db;
let app: FastifyInstance;
let org = '';
let viewer = '';
let stranger = '';
before(async () => {
  db = await testDb();
  app = await buildServer({ db, now: () => now });
  org = (await createOrg(db, { name: 'Cobros Sur', country: 'ES', defaultCurrency: 'EUR', defaultTimezone: 'Europe/Madrid' })).id;
  const set = await setTransferSettings(db, org, 'test', { reference: 'invoice_numbers', accounts: [
    { kind: 'sepa', currency: 'EUR', beneficiary_name: 'Cobros Sur SL', iban: 'ES9121000418450200051332' }] }, now);
  assert.ok(set.ok);
  viewer = (await createApiKey(db, org, 'viewer')).secret;
  const other = (await createOrg(db, { name: 'Otra', country: 'ES', defaultCurrency: 'EUR', defaultTimezone: 'Europe/Madrid' })).id;
  stranger = (await createApiKey(db, other, 'admin')).secret;
});
after(async () => { await app.close(); await db.close(); });

/** A reminder by email and SMS to a debtor owing 1,500.00 EUR, sent through the sandbox (what the email adapter was handed kept). */
async function sendReminder() {
  const customer = await aCustomer(db, org, { country: 'ES', timezone: 'Europe/Madrid', language: 'es', email: 'qr@cliente.example', phone: '+34611000009' });
  await setContactProfile(db, org, 'test', customer.id, { debtor_type: 'business', lawful_basis: 'contract' }, new Date('2026-01-01T00:00:00Z'));
  const invoice = await anInvoice(db, org, { customer_id: customer.id, currency: 'EUR', amount: 150_000, due_date: '2026-02-01' });
  const caseId = newId('case');
  await db.query(`INSERT INTO cases (id, org_id, customer_id, status, strategy_id, strategy_version, cycle, opened_at) VALUES ($1, $2, $3, 'open', 'smb-default', 1, 1, $4)`,
    [caseId, org, customer.id, new Date('2026-02-02T00:00:00Z')]);
  for (const channel of ['email', 'sms'] as const) await recordConsent(db, org, 'test', customer.id, { kind: 'channel', channel, source: 'test' }, new Date('2026-01-01T00:00:00Z'));
  const action = await aSend(db, org, { customer, invoice, caseId }, ['email', 'sms'], { template: 'overdue-late-fee-warning' });
  const base = sandboxAdapters();
  const handed: RenderedMessage[] = [];
  const adapters: AdapterSet = { ...base, email: { ...base.email, send: (m, o) => { handed.push(m.rendered); return base.email.send(m, o); } } };
  await dispatchOnce({ db, now: () => now, adapters, publicUrl: 'https://cobro.example' });
  const rows = (await listMessages(db, org, { limit: 100 })).filter((m) => m.action_id === action);
  const sent = handed[0];
  assert.ok(sent?.channel === 'email' && sent.images?.length === 1);
  return { email: rows.find((m) => m.channel === 'email')!, sms: rows.find((m) => m.channel === 'sms')!, image: sent.images[0]!, invoice };
}

describe('an email\'s inline image through the API', () => {
  it('serves the QR code the email carried, by its Content-ID, as the same PNG, to any role that reads messages', async () => {
    const { email, image, invoice } = await sendReminder();
    const url = `/v1/messages/${email.id}/images/${encodeURIComponent(image.cid)}`;
    const r = await app.inject({ method: 'GET', url, headers: bearer(viewer) });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['content-type'], 'image/png');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['content-security-policy'], "default-src 'none'");
    assert.match(String(r.headers['cache-control']), /^private/);
    assert.ok(r.rawPayload.equals(Buffer.from(image.content, 'base64')), 'byte for byte what the provider was handed');
    assert.equal(readPng(r.rawPayload), epcPayload({ name: 'Cobros Sur SL', iban: 'ES9121000418450200051332', amount: 150_000, reference: invoice.number }));
  });

  it('needs a key, and finds nothing for another org, another Content-ID, an SMS, or an image kept without its code', async () => {
    const { email, sms, image } = await sendReminder();
    const url = (id: string, cid: string) => `/v1/messages/${id}/images/${encodeURIComponent(cid)}`;
    assert.equal((await app.inject({ method: 'GET', url: url(email.id, image.cid) })).statusCode, 401);
    const missing = async (id: string, cid: string, key = viewer) => {
      const r = await app.inject({ method: 'GET', url: url(id, cid), headers: bearer(key) });
      assert.equal(r.statusCode, 404, `${id} ${cid}: ${r.body}`);
      assert.match(String(r.headers['content-type']), /^application\/json/);
    };
    await missing(email.id, image.cid, stranger);
    await missing(email.id, 'other@cobro');
    await missing(email.id, '<script>alert(1)</script>');
    await missing(sms.id, image.cid);
    // sent before the code's text was kept: its name and size only
    const content = { ...email.content, images: (email.content['images'] as Record<string, unknown>[]).map(({ code: _, ...i }) => i) };
    await db.query('UPDATE messages SET content = $3 WHERE org_id = $1 AND id = $2', [org, email.id, JSON.stringify(content)]);
    await missing(email.id, image.cid);
  });
});
