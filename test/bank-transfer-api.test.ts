// Bank transfer details through the API (PGlite and PostgreSQL): read by every role, replaced by admins, refused with
// the field named, sealed under field encryption, and carried by a message to the debtor as {{bank_transfer}}.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { configureFieldKeys, runFieldJob, setFieldEncryption } from '../src/vault/index.ts';
import { messageContext } from '../src/worker/context.ts';
import { renderMessage } from '../src/messaging/index.ts';
import { orgPack } from '../src/messaging/org-text.ts';
import { packFor } from '../src/messaging/templates/index.ts';
import { transferNumbersSealed } from '../src/payments/transfer/index.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';

const NOW = new Date('2026-03-15T12:00:00Z');
let t: TestApi;
before(async () => { configureFieldKeys({ fieldKey: randomBytes(32).toString('hex') }); t = await testApi(() => NOW); });
after(async () => { await t.close(); configureFieldKeys({}); });

const call = (method: 'GET' | 'PUT' | 'POST', url: string, key: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: bearer(key), ...(payload !== undefined ? { payload: payload as object } : {}) });

const CLABE = { kind: 'mx_clabe', currency: 'MXN', beneficiary_name: 'Cobros del Norte SA de CV', bank_name: 'BBVA México', clabe: '032 180 00011835971 9' };
const SEPA = { kind: 'sepa', currency: 'EUR', beneficiary_name: 'Cobros Europa SL', iban: 'ES91 2100 0418 4502 0005 1332', bic: 'CAIXESBBXXX' };

describe('the bank transfer settings', () => {
  it('start empty, are read by every role and replaced by admins only', async () => {
    const empty = await call('GET', '/v1/bank-transfer', t.keys.viewer);
    assert.equal(empty.statusCode, 200);
    assert.deepEqual(empty.json().accounts, []);
    assert.equal(empty.json().reference, 'invoice_numbers');
    for (const key of [t.keys.viewer, t.keys.collector, t.keys.manager]) {
      assert.equal((await call('PUT', '/v1/bank-transfer', key, { accounts: [CLABE] })).statusCode, 403);
    }
  });

  it('refuse a wrong check digit or a currency the kind cannot take, naming the field, and keep what was there', async () => {
    const badClabe = await call('PUT', '/v1/bank-transfer', t.keys.admin, { accounts: [SEPA, { ...CLABE, clabe: '032180000118359718' }] });
    assert.equal(badClabe.statusCode, 400);
    assert.equal(badClabe.json().error.field, 'accounts.1.clabe');
    assert.match(badClabe.json().error.message, /check digit/);
    const badIban = await call('PUT', '/v1/bank-transfer', t.keys.admin, { accounts: [{ ...SEPA, iban: 'ES92 2100 0418 4502 0005 1332' }] });
    assert.deepEqual([badIban.statusCode, badIban.json().error.field], [400, 'accounts.0.iban']);
    const euroClabe = await call('PUT', '/v1/bank-transfer', t.keys.admin, { accounts: [{ ...CLABE, currency: 'EUR' }] });
    assert.deepEqual([euroClabe.statusCode, euroClabe.json().error.field], [400, 'accounts.0.currency']);
    assert.deepEqual((await call('GET', '/v1/bank-transfer', t.keys.admin)).json().accounts, []);
  });

  it('are stored compact, keep their ids, are audited without the numbers and are not another org\'s', async () => {
    const r = await call('PUT', '/v1/bank-transfer', t.keys.admin, { accounts: [CLABE, SEPA] });
    assert.equal(r.statusCode, 200, r.body);
    const [clabe, sepa] = r.json().accounts;
    assert.equal(clabe.clabe, '032180000118359719');
    assert.equal(sepa.iban, 'ES9121000418450200051332');
    assert.match(clabe.id, /^bta_/);
    const again = await call('PUT', '/v1/bank-transfer', t.keys.admin, { accounts: [clabe, sepa], reference: 'invoice_numbers' });
    assert.deepEqual(again.json().accounts.map((a: { id: string }) => a.id), [clabe.id, sepa.id]);
    const audit = await call('GET', '/v1/audit?action=bank_transfer.settings_changed', t.keys.admin);
    assert.equal(audit.statusCode, 200);
    assert.ok(audit.json().data.length >= 2);
    assert.ok(!audit.body.includes('032180000118359719') && !audit.body.includes('ES9121000418450200051332'), 'no account number in the audit log');
    assert.deepEqual((await call('GET', '/v1/bank-transfer', t.otherKey)).json().accounts, []);
  });

  it('are sealed in the database once the org has field encryption on, and read back opened', async () => {
    const on = await t.db.transaction((tx) => setFieldEncryption(tx, t.org, 'test', true, NOW));
    assert.ok(on.ok);
    const current = (await call('GET', '/v1/bank-transfer', t.keys.admin)).json();
    assert.equal(await transferNumbersSealed(t.db, t.org), false, 'written before: in the clear until the job seals them');
    await runFieldJob(t.db, t.org, { batchSize: 1 });
    assert.equal(await transferNumbersSealed(t.db, t.org), true, 'the encryption job seals them');
    assert.equal((await call('PUT', '/v1/bank-transfer', t.keys.admin, { accounts: current.accounts })).statusCode, 200);
    assert.equal(await transferNumbersSealed(t.db, t.org), true, 'saved again, sealed');
    const [row] = await t.db.query<{ accounts: unknown }>('SELECT accounts FROM bank_transfer_settings WHERE org_id = $1', [t.org]);
    assert.ok(!JSON.stringify(row!.accounts).includes('032180000118359719'), 'the CLABE is not stored in the clear');
    assert.deepEqual((await call('GET', '/v1/bank-transfer', t.keys.viewer)).json().accounts.map((a: { clabe?: string; iban?: string }) => a.clabe ?? a.iban),
      ['032180000118359719', 'ES9121000418450200051332']);
  });

  it('are opened back into the clear by the job when field encryption is turned off', async () => {
    const off = await t.db.transaction((tx) => setFieldEncryption(tx, t.org, 'test', false, NOW));
    assert.ok(off.ok);
    await runFieldJob(t.db, t.org, { batchSize: 3 });
    assert.equal(await transferNumbersSealed(t.db, t.org), false);
    const [row] = await t.db.query<{ accounts: unknown }>('SELECT accounts FROM bank_transfer_settings WHERE org_id = $1', [t.org]);
    assert.ok(JSON.stringify(row!.accounts).includes('032180000118359719'));
  });

  it('are described in the API document', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    assert.ok(doc.paths['/v1/bank-transfer']?.get && doc.paths['/v1/bank-transfer']?.put);
  });
});

describe('in a message to the debtor', () => {
  let customer = '';
  before(async () => {
    const c = await call('POST', '/v1/customers', t.keys.admin, { external_id: 'CLI-77', name: 'Abarrotes La Central', email: 'pagos@lacentral.example',
      country: 'MX', language: 'es', timezone: 'America/Mexico_City' });
    assert.equal(c.statusCode, 201, c.body);
    customer = c.json().id;
    for (const [number, due] of [['FAC-2026-0101', '2026-02-01'], ['FAC-2026-0102', '2026-03-01']]) {
      const i = await call('POST', '/v1/invoices', t.keys.admin, { customer_id: customer, number, currency: 'MXN', amount: 150_000, issue_date: '2026-01-10', due_date: due });
      assert.equal(i.statusCode, 201, i.body);
    }
  });

  it('a message to the customer carries them as {{bank_transfer}}', async () => {
    const row = { id: 'msg_bt', org_id: t.org, action_id: 'act_none', case_id: null, customer_id: customer, channel: 'email' as const, template: null,
      tone: null, address: null, attempts: 0 };
    const made = await messageContext(t.db, row, NOW, 'https://cobro.example', undefined, { preview: true });
    assert.ok(made);
    const pack = orgPack(packFor('es'), 'custom', 'sms', { body: '{{bank_transfer}}' });
    const r = renderMessage({ templateId: 'custom', channel: 'sms', tone: 'neutral', context: made.context, pack });
    assert.ok(r.ok && r.value.channel === 'sms', JSON.stringify(r));
    assert.match(r.value.text, /^Transferencia a la CLABE 032180000118359719, ref\. FAC-2026-0101 FAC-2026-0102/);
  });
});
