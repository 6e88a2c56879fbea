// `cobro bank-transfer` on an embedded database: accounts added with their check digits verified (an error naming the
// field, nothing written), listed, the reference choice changed, replaced from a file and removed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

describe('the bank-transfer commands', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = (...args: string[]) => runCobro(args, env());
  /** A command expected to fail: its exit code and what it wrote to stderr. */
  const refused = (...args: string[]) => runCobro(args, env()).then(() => assert.fail(`${args.join(' ')} succeeded`),
    (e: { code: number; stderr: string }) => e);

  before(async () => { dir = mkdtempSync(join(tmpdir(), 'cobro-transfer-cli-')); await pgliteFolder(join(dir, 'data')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a CBU and a PIX key, refusing a wrong check digit by its field, and lists them in English', async () => {
    const bad = await refused('bank-transfer', 'add', '--kind', 'ar_cbu', '--currency', 'ARS', '--beneficiary', 'Cobros SRL', '--cbu', '2850590940090418135202');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /accounts\.0\.cbu: the CBU's second check digit \(account\) is wrong/);
    const cbu = await cobro('bank-transfer', 'add', '--kind', 'ar_cbu', '--currency', 'ars', '--beneficiary', 'Cobros SRL', '--cbu', '2850590940090418135201', '--alias', 'COBROS.SRL.PAGOS');
    assert.match(cbu.stdout, /Cobros SRL/);
    const pix = await cobro('bank-transfer', 'add', '--kind', 'br_pix', '--currency', 'BRL', '--beneficiary', 'Cobros Ltda', '--pix-key-type', 'email', '--pix-key', 'financeiro@cobros.example');
    assert.match(pix.stdout, /Cobros Ltda/);
    const shown = (await cobro('bank-transfer', 'show')).stdout;
    assert.match(shown, /ARS {2}ar_cbu\n {2}Beneficiary: Cobros SRL\n {2}CBU\/CVU: 2850590940090418135201\n {2}Alias: COBROS\.SRL\.PAGOS/);
    assert.match(shown, /PIX key \(e-mail\): financeiro@cobros\.example/);
    assert.match(shown, /reference debtors quote: invoice numbers/);
  });

  it('changes the reference choice, replaces the accounts from a file and removes one', async () => {
    assert.match((await cobro('bank-transfer', 'reference', 'customer_reference')).stdout, /reference debtors quote: customer reference/);
    const file = join(dir, 'accounts.json');
    writeFileSync(file, JSON.stringify({ accounts: [{ kind: 'us_ach', currency: 'USD', beneficiary_name: 'Cobros Inc', routing_number: '011000015', account_number: '123456789' },
      { kind: 'other', currency: 'CLP', beneficiary_name: 'Cobros SpA', bank_name: 'Banco de Chile', account_number: '00-123-45678-09' }] }));
    const set = JSON.parse((await cobro('bank-transfer', 'set', '--file', file, '--json')).stdout) as { accounts: { id: string; kind: string }[]; reference: string };
    assert.deepEqual(set.accounts.map((a) => a.kind), ['us_ach', 'other']);
    assert.equal(set.reference, 'invoice_numbers');
    const removed = JSON.parse((await cobro('bank-transfer', 'remove', set.accounts[0]!.id, '--json')).stdout) as { accounts: { kind: string }[] };
    assert.deepEqual(removed.accounts.map((a) => a.kind), ['other']);
    const missing = await refused('bank-transfer', 'remove', 'bta_nothere0000');
    assert.match(missing.stderr, /no bank transfer account bta_nothere0000/);
  });
});
