// `cobro keys status` (and the status the API shows) counts the org's own bank transfer account numbers among the copies
// in the clear, per number (bank_transfer_settings.clabe ...): all of them before encryption is on, none once the job
// has sealed them, all again once it is turned off and the job has opened them. On PGlite or PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Db } from '../src/db/index.ts';
import { configureFieldKeys, fieldEncryptionStatus } from '../src/vault/index.ts';
import { setTransferSettings, transferNumbersSealed } from '../src/payments/transfer/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { keysCli } from './support/keys-cli.ts';

const NOW = new Date('2026-03-15T12:00:00Z');
let db: Db;
let org: string;
let other: string;

const ACCOUNTS = [
  { kind: 'mx_clabe', currency: 'MXN', beneficiary_name: 'Cobros del Norte SA de CV', clabe: '032180000118359719' },
  { kind: 'sepa', currency: 'EUR', beneficiary_name: 'Cobros Europa SL', iban: 'ES9121000418450200051332' },
  { kind: 'us_ach', currency: 'USD', beneficiary_name: 'Cobros USA Inc', routing_number: '011000015', account_number: '000123456789' },
  { kind: 'br_pix', currency: 'BRL', beneficiary_name: 'Cobros Brasil Ltda', pix_key_type: 'cnpj', pix_key: '11222333000181' },
];
const ALL_PLAIN = {
  'bank_transfer_settings.iban': 1, 'bank_transfer_settings.routing_number': 1, 'bank_transfer_settings.account_number': 1,
  'bank_transfer_settings.clabe': 1, 'bank_transfer_settings.cbu': 0, 'bank_transfer_settings.pix_key': 1,
};

const cobro = (...args: string[]) => keysCli(db, org, ...args);

async function transferCopies(orgId: string): Promise<Record<string, number>> {
  const copies = (await fieldEncryptionStatus(db, orgId)).plaintext_copies;
  return Object.fromEntries(Object.entries(copies).filter(([f]) => f.startsWith('bank_transfer_settings.')));
}

before(async () => {
  configureFieldKeys({ fieldKey: randomBytes(32).toString('hex') });
  db = await testDb();
  org = await testOrg(db);
  other = await testOrg(db, 'Other');
  for (const o of [org, other]) {
    const r = await db.transaction((tx) => setTransferSettings(tx, o, 'test', { accounts: ACCOUNTS }, NOW));
    assert.ok(r.ok, r.ok ? '' : r.error.message);
  }
});
after(async () => { await db.close(); configureFieldKeys({}); });

describe('cobro keys status and the org\'s transfer account numbers', () => {
  it('counts each number in the clear while encryption is off', async () => {
    assert.deepEqual(await transferCopies(org), ALL_PLAIN);
    const out = await cobro('status');
    assert.match(out, /copies in clear: .*bank_transfer_settings\.iban 1, bank_transfer_settings\.routing_number 1, bank_transfer_settings\.account_number 1, bank_transfer_settings\.clabe 1, bank_transfer_settings\.pix_key 1/);
    assert.doesNotMatch(out, /bank_transfer_settings\.cbu/);
  });

  it('counts none once the job has sealed them, and the other org\'s still in the clear', async () => {
    const on = await cobro('enable', '--batch', '2');
    assert.equal(await transferNumbersSealed(db, org), true);
    assert.doesNotMatch(on, /bank_transfer_settings/);
    assert.match(on, /copies in clear: +none/);
    assert.deepEqual(Object.values(await transferCopies(org)), [0, 0, 0, 0, 0, 0]);
    assert.deepEqual(await transferCopies(other), ALL_PLAIN);
  });

  it('counts them again once turned off and opened', async () => {
    const off = await cobro('disable');
    assert.equal(await transferNumbersSealed(db, org), false);
    assert.match(off, /bank_transfer_settings\.clabe 1/);
    assert.deepEqual(await transferCopies(org), ALL_PLAIN);
  });
});
