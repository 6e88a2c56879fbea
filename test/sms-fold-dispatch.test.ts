// SMS folded into GSM-7 from render to send: a Spanish reminder goes out through the gate and the sandbox folded, in fewer
// segments than with its accents, and is priced at the folded count, as the preview and its cost said; an org's
// `sms_fold: never` (API, validated, audited) keeps the accents in the preview, the send and the cost. A staff promise's
// confirmation carries the org's bank transfer details (email, and the SMS line when it fits). PGlite and PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySandboxStore, sandboxAdapter } from '../src/channels/index.ts';
import { syncCases } from '../src/engine/index.ts';
import { foldToGsm, smsAsSent } from '../src/messaging/index.ts';
import { dispatchOnce } from '../src/worker/index.ts';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { aDebtor, aSend, messagesOf } from './support/messaging.ts';

// Tuesday 10 March 2026, 17:00 UTC: 11:00 in Mexico City
const now = new Date('2026-03-10T17:00:00Z');
const RATE = 30_000;
let t: TestApi;
const store = new MemorySandboxStore();
const adapters = { email: sandboxAdapter({ channel: 'email', store }), sms: sandboxAdapter({ channel: 'sms', store }),
  whatsapp: sandboxAdapter({ channel: 'whatsapp', store }), voice: sandboxAdapter({ channel: 'voice', store }) };
before(async () => {
  t = await testApi(() => now);
  const r = await t.app.inject({ method: 'PUT', url: '/v1/message-costs/rates', headers: bearer(t.keys.manager), payload: { rates: { sms: { MX: RATE } } } });
  assert.equal(r.statusCode, 200, r.body);
});
after(async () => { await t.close(); });

const call = (method: 'GET' | 'PUT' | 'POST', url: string, key: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });
const dispatch = () => dispatchOnce({ db: t.db, now: () => now, adapters, publicUrl: 'https://cobro.example' });

interface Sms { text: string; segments: { encoding: string; units: number; segments: number } }
let made = 0;
/** A Mexican debtor reading Spanish who allowed SMS, the step's SMS previewed for them, then sent through the sandbox. */
async function previewThenSend() {
  made += 1;
  const phone = `+52155123990${made}`;
  const d = await aDebtor(t.db, t.org, { name: `Abarrotes ${made}`, phone }, ['sms']);
  const preview = (await call('POST', '/v1/templates/preview', t.keys.collector, { customer_id: d.customer.id, step: 'after-7', channel: 'sms' })).json();
  const action = await aSend(t.db, t.org, d, ['sms']);
  await dispatch();
  const [m, ...more] = await messagesOf(t.db, action);
  assert.equal(more.length, 0);
  assert.equal(m!.status === 'delivered' ? 'sent' : m!.status, 'sent', JSON.stringify(m));
  const [row] = await t.db.query<{ content: Sms }>('SELECT content FROM messages WHERE id = $1', [m!.id]);
  const [sent] = await store.list({ channel: 'sms', to: phone });
  assert.ok(sent && sent.rendered.channel === 'sms');
  // the preview shows a placeholder where the send has the portal link it makes (src/worker/context.ts): the rest is the same
  const link = /https:\/\/\S+\/p\/\S+/;
  assert.equal(sent.rendered.text.replace(link, '<link>'), (preview as { message: Sms }).message.text.replace(link, '<link>'), 'the sandbox got what the preview showed');
  return { preview: preview as { message: Sms; cost: { micros: number; units: number } }, sent: sent.rendered, content: row!.content, cost: m!.cost_micros };
}

describe('SMS folded into GSM-7', () => {
  let folded: Awaited<ReturnType<typeof previewThenSend>>;
  let kept: Awaited<ReturnType<typeof previewThenSend>>;

  it('reads sms_fold auto by default, and refuses a bad value or a viewer\'s change, naming the field', async () => {
    assert.deepEqual((await call('GET', '/v1/sms/settings', t.keys.viewer)).json(), { sms_fold: 'auto', defaults: { sms_fold: 'auto' } });
    const bad = await call('PUT', '/v1/sms/settings', t.keys.manager, { sms_fold: 'sometimes' });
    assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'sms_fold']);
    const unknown = await call('PUT', '/v1/sms/settings', t.keys.manager, { fold: 'never' });
    assert.equal(unknown.statusCode, 400);
    assert.equal((await call('PUT', '/v1/sms/settings', t.keys.viewer, { sms_fold: 'never' })).statusCode, 403);
    assert.equal((await call('PUT', '/v1/sms/settings', t.keys.collector, { sms_fold: 'never' })).statusCode, 403);
  });

  it('sends a Spanish reminder folded, as previewed, and prices it at the folded count', async () => {
    folded = await previewThenSend();
    assert.equal(folded.content.text, folded.sent.text, 'the outbox keeps what was sent');
    assert.equal(folded.sent.segments.encoding, 'GSM-7');
    assert.doesNotMatch(folded.sent.text, /[áíóúç]/);
    assert.deepEqual(folded.content.segments, folded.sent.segments);
    assert.deepEqual(folded.preview.message.segments, smsAsSent(folded.preview.message.text).segments);
    assert.equal(folded.preview.message.segments.encoding, 'GSM-7');
    assert.deepEqual(folded.preview.cost, { micros: RATE * folded.preview.message.segments.segments, currency: 'USD', units: folded.preview.message.segments.segments },
      'the preview\'s cost at the folded count');
    assert.equal(folded.cost, RATE * folded.sent.segments.segments, 'cost_micros at the folded segments');
  });

  it('keeps every accent once the org says never (audited), at the UCS-2 count and cost', async () => {
    const put = await call('PUT', '/v1/sms/settings', t.keys.manager, { sms_fold: 'never' });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().sms_fold, 'never');
    const [audit] = await t.db.query<{ data: unknown }>(`SELECT data FROM audit_log WHERE org_id = $1 AND action = 'sms.settings_changed' ORDER BY seq DESC LIMIT 1`, [t.org]);
    assert.deepEqual(audit!.data, { before: { sms_fold: 'auto' }, after: { sms_fold: 'never' } });
    kept = await previewThenSend();
    assert.equal(kept.sent.segments.encoding, 'UCS-2');
    assert.equal(kept.preview.message.segments.encoding, 'UCS-2');
    assert.match(kept.sent.text, /[áíóú]/);
    assert.equal(kept.cost, RATE * kept.sent.segments.segments);
    assert.equal(kept.preview.cost.micros, RATE * kept.preview.message.segments.segments);
    assert.ok(folded.preview.cost.micros < kept.preview.cost.micros, 'the preview prices the folded text lower too');
    // the same words: the folded one is this text with its accents left out, in fewer segments, for less
    assert.equal(foldToGsm(kept.sent.text)?.replace(/\/p\/\S+/, ''), folded.sent.text.replace(/\/p\/\S+/, ''));
    assert.ok(folded.sent.segments.segments < kept.sent.segments.segments, `${folded.sent.segments.segments} < ${kept.sent.segments.segments}`);
    assert.ok(folded.cost! < kept.cost!);
    assert.equal((await call('PUT', '/v1/sms/settings', t.keys.admin, { sms_fold: 'auto' })).statusCode, 200);
  });
});

describe('a confirmation with the org\'s bank transfer details', () => {
  it('gives the CLABE and the reference in the email, and the SMS line folded within three segments', async () => {
    const clabe = { kind: 'mx_clabe', currency: 'MXN', beneficiary_name: 'Cobros del Norte SA de CV', clabe: '032180000118359719' };
    assert.equal((await call('PUT', '/v1/bank-transfer', t.keys.admin, { accounts: [clabe] })).statusCode, 200);
    const texts: Record<string, Sms & { subject?: string }> = {};
    for (const channel of ['email', 'sms'] as const) {
      const c = await aCustomer(t.db, t.org, { name: `Confirma ${channel}`, language: 'es', country: 'MX', timezone: 'America/Mexico_City',
        ...(channel === 'email' ? { email: 'confirma@example.com' } : { phone: '+5215512399099' }) });
      const inv = await anInvoice(t.db, t.org, { customer_id: c.id, number: `TR-${channel}`, currency: 'MXN', amount: 90_000, issue_date: '2026-02-01', due_date: '2026-03-01' });
      await syncCases(t.db, t.org, now);
      const r = await call('POST', '/v1/promises', t.keys.collector, { customer_id: c.id, amount: 90_000, currency: 'MXN', due_date: '2026-03-20',
        source: 'collector', channel: 'phone' });
      assert.equal(r.statusCode, 201, r.body);
      assert.ok(r.json().confirmation.message_id, JSON.stringify(r.json().confirmation));
      await dispatch();
      const [m] = await t.db.query<{ status: string; channel: string; content: Sms }>(
        `SELECT status, channel, content FROM messages WHERE org_id = $1 AND customer_id = $2 AND template = 'portal-promise-confirmed'`, [t.org, c.id]);
      assert.deepEqual([m!.channel, m!.status === 'delivered' ? 'sent' : m!.status], [channel, 'sent']);
      assert.ok(inv.number);
      texts[channel] = m!.content;
    }
    assert.match(texts.email!.text, /Para pagar por transferencia bancaria, indique la referencia que aparece abajo[^\n]*\n\nPagar por transferencia bancaria \(MXN\):\nBeneficiario: Cobros del Norte SA de CV\nCLABE: 032180000118359719\nReferencia a indicar: TR-email\n/);
    assert.match(texts.sms!.text, / Transferencia a la CLABE 032180000118359719, ref\. TR-sms\. Responda BAJA para no recibir mas\.$/);
    assert.equal(texts.sms!.segments.encoding, 'GSM-7');
    assert.ok(texts.sms!.segments.segments <= 3);
  });
});
