// The dispatcher sends a reminder email with the payment QR code of the org's account in the invoice's currency (the
// sandbox, then the outbox as the API and `cobro outbox` read it: the image's name, size and Content-ID, not its bytes);
// an SMS of the same step, and an email in a currency with no such account, go without one.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { newId } from '../src/domain/ids.ts';
import { recordConsent, setContactProfile } from '../src/compliance/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { epcPayload, getTransferSettings, pixPayload, setTransferSettings } from '../src/payments/transfer/index.ts';
import type { RenderedMessage } from '../src/messaging/index.ts';
import { dispatchOnce, getMessage, listMessages, sandboxAdapters, type AdapterSet } from '../src/worker/index.ts';
import { describeMessage } from '../src/cli/message-show.ts';
import { imagesOf } from '../src/cli/outbox.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { testDb } from './support/db.ts';
import { readPng } from './support/qr-read.ts';
import { aSend } from './support/messaging.ts';

let db: Db;
let org = '';
const now = new Date('2026-03-10T15:00:00Z');

before(async () => {
  db = await testDb();
  org = (await createOrg(db, { name: 'Cobros Sur', country: 'ES', defaultCurrency: 'EUR', defaultTimezone: 'Europe/Madrid' })).id;
  const set = await setTransferSettings(db, org, 'test', { reference: 'invoice_numbers', accounts: [
    { kind: 'sepa', currency: 'EUR', beneficiary_name: 'Cobros Sur SL', iban: 'ES9121000418450200051332' },
    { kind: 'br_pix', currency: 'BRL', beneficiary_name: 'Cobros Sul Ltda', pix_key_type: 'random', pix_key: '123e4567-e12b-12d1-a456-426655440000', city: 'Porto Alegre' },
  ] }, now);
  assert.ok(set.ok, set.ok ? '' : set.error.message);
});
after(async () => { await db.close(); });

/** A business debtor owing one overdue invoice of 1,500.00 in `currency`, with an open case, a lawful basis and consent to email and SMS. */
async function debtor(country: string, timezone: string, language: string, currency: string, n: number) {
  const customer = await aCustomer(db, org, { country, timezone, language, email: `deudor${n}@cliente.example`, phone: `+3461100000${n}` });
  await setContactProfile(db, org, 'test', customer.id, { debtor_type: 'business', lawful_basis: 'contract' }, new Date('2026-01-01T00:00:00Z'));
  const invoice = await anInvoice(db, org, { customer_id: customer.id, currency, amount: 150_000, due_date: '2026-02-01' });
  const caseId = newId('case');
  await db.query(`INSERT INTO cases (id, org_id, customer_id, status, strategy_id, strategy_version, cycle, opened_at) VALUES ($1, $2, $3, 'open', 'smb-default', 1, 1, $4)`,
    [caseId, org, customer.id, new Date('2026-02-02T00:00:00Z')]);
  for (const channel of ['email', 'sms'] as const) await recordConsent(db, org, 'test', customer.id, { kind: 'channel', channel, source: 'test' }, new Date('2026-01-01T00:00:00Z'));
  return { customer, invoice, caseId };
}

async function sent(actionId: string) {
  const rows = (await listMessages(db, org, { limit: 100 })).filter((m) => m.action_id === actionId);
  assert.ok(rows.length > 0 && rows.every((m) => m.status === 'delivered'), JSON.stringify(rows.map((m) => [m.channel, m.status, m.reason])));
  return rows;
}

/** The sandbox, with what its email adapter was handed kept (the image's bytes are not kept in the outbox). */
function sandbox() {
  const base = sandboxAdapters();
  const emails: RenderedMessage[] = [];
  const adapters: AdapterSet = { ...base, email: { ...base.email, send: (m, o) => { emails.push(m.rendered); return base.email.send(m, o); } } };
  return { adapters, emails };
}

const accountId = async (kind: string) => (await getTransferSettings(db, org)).accounts.find((a) => a.kind === kind)!.id;

describe('the payment QR code through the dispatcher', () => {
  it('sends the EPC code inline with a euro reminder, and the outbox shows its name, size and Content-ID, not its bytes', async () => {
    const d = await debtor('ES', 'Europe/Madrid', 'es', 'EUR', 1);
    const action = await aSend(db, org, d, ['email', 'sms'], { template: 'overdue-late-fee-warning' });
    const { adapters, emails } = sandbox();
    await dispatchOnce({ db, now: () => now, adapters, publicUrl: 'https://cobro.example' });
    const rows = await sent(action);
    const id = await accountId('sepa');
    const email = rows.find((m) => m.channel === 'email')!;
    assert.deepEqual(email.content['images'], [{ cid: `epc-qr-${id}@cobro`, filename: `epc-qr-${id}.png`, contentType: 'image/png',
      alt: 'Código QR para pagar por transferencia SEPA: escanéalo con la app de tu banco', size: emails[0]?.channel === 'email' ? emails[0].images?.[0]?.size : -1,
      code: epcPayload({ name: 'Cobros Sur SL', iban: 'ES9121000418450200051332', amount: 150_000, reference: d.invoice.number }) }]);
    assert.ok(String(email.content['html']).includes(`src="cid:epc-qr-${id}@cobro"`));
    assert.match(describeMessage((await getMessage(db, org, email.id))!), new RegExp(`inline image epc-qr-${id}\\.png \\(\\d{3,} bytes, cid:epc-qr-${id}@cobro\\)`));
    assert.match(imagesOf(email.content), new RegExp(`^ \\[\\+ epc-qr-${id}\\.png \\d{3,} B\\]$`), '`cobro outbox` lists it after the subject');
    // the provider got the image, which reads back as the EPC code for what the invoice owes, quoting its number
    const image = emails.length === 1 && emails[0]!.channel === 'email' ? emails[0]!.images?.[0] : undefined;
    assert.ok(image);
    assert.equal(readPng(Buffer.from(image.content, 'base64')),
      epcPayload({ name: 'Cobros Sur SL', iban: 'ES9121000418450200051332', amount: 150_000, reference: d.invoice.number }));
    const sms = rows.find((m) => m.channel === 'sms')!;
    assert.doesNotMatch(JSON.stringify(sms.content), /images|cid:|BCD/);
  });

  it('sends the PIX code with its copia e cola to a debtor owing reais (in Portugal: Brazil\'s own rules ask more of the org)', async () => {
    const d = await debtor('PT', 'Europe/Lisbon', 'pt-BR', 'BRL', 2);
    const action = await aSend(db, org, d, ['email'], { template: 'overdue-formal' });
    const { adapters, emails } = sandbox();
    await dispatchOnce({ db, now: () => now, adapters, publicUrl: 'https://cobro.example' });
    const [email] = await sent(action);
    const code = pixPayload({ key: '123e4567-e12b-12d1-a456-426655440000', name: 'Cobros Sul Ltda', city: 'Porto Alegre', amount: 150_000,
      txid: d.invoice.number, description: d.invoice.number });
    assert.ok(String(email!.content['text']).includes(`Pix copia e cola (cole no app do seu banco): ${code}`));
    const image = emails[0]?.channel === 'email' ? emails[0].images?.[0] : undefined;
    assert.equal(image?.cid, `pix-qr-${await accountId('br_pix')}@cobro`);
    assert.equal(readPng(Buffer.from(image!.content, 'base64')), code);
  });

  it('sends no image to a debtor owing in a currency without such an account', async () => {
    const d = await debtor('MX', 'America/Mexico_City', 'es', 'MXN', 3);
    const action = await aSend(db, org, d, ['email'], { template: 'overdue-formal' });
    const { adapters, emails } = sandbox();
    await dispatchOnce({ db, now: () => now, adapters, publicUrl: 'https://cobro.example' });
    const [email] = await sent(action);
    assert.equal(email!.content['images'], undefined);
    assert.ok(emails.length === 1 && emails[0]!.channel === 'email' && emails[0]!.images === undefined);
  });
});
