// `cobro bank-transfer qr` on an embedded database: the EPC payload for what a customer owes in euros, the PIX copia e
// cola for an invoice once the key has its city (added with --city), the SVG on request, and errors naming the option.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc16 } from '../src/payments/transfer/index.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { readSvg } from './support/qr-read.ts';

describe('cobro bank-transfer qr', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = async (...args: string[]) => (await runCobro(args, env())).stdout;
  const refused = (...args: string[]) => runCobro(args, env()).then(() => assert.fail(`${args.join(' ')} succeeded`),
    (e: { code: number; stderr: string }) => e);
  const file = (name: string, text: string) => { const at = join(dir, name); writeFileSync(at, text); return at; };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-transfer-qr-'));
    await pgliteFolder(join(dir, 'data'));
    await cobro('import', 'customers', file('c.csv', 'external_id,name,email\nQ-1,Papelería Sur,pagos@sur.example\n'));
    await cobro('import', 'invoices', file('i.csv', 'customer_external_id,number,currency,amount,issue_date,due_date\n'
      + 'Q-1,E-101,EUR,450.00,2026-01-05,2026-02-05\nQ-1,E-102,EUR,50.25,2026-01-20,2026-02-20\nQ-1,B-201,BRL,1200.00,2026-01-10,2026-02-10\n'));
    await cobro('bank-transfer', 'add', '--kind', 'sepa', '--currency', 'EUR', '--beneficiary', 'Cobros Sur SL', '--iban', 'ES9121000418450200051332');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the EPC payload for the euros the customer owes, and its SVG that reads back as it', async () => {
    const payload = 'BCD\n002\n1\nSCT\n\nCobros Sur SL\nES9121000418450200051332\nEUR500.25\n\n\nE-101 E-102';
    assert.equal(await cobro('bank-transfer', 'qr', '--customer', 'Q-1', '--currency', 'eur'), `${payload}\n`);
    assert.equal(readSvg(await cobro('bank-transfer', 'qr', '--customer', 'Q-1', '--currency', 'EUR', '--svg')), payload);
  });

  it('names the option at fault', async () => {
    assert.match((await refused('bank-transfer', 'qr', '--customer', 'Q-1')).stderr, /--currency: the customer owes in (EUR and BRL|BRL and EUR); name one/);
    assert.match((await refused('bank-transfer', 'qr', '--customer', 'Q-1', '--currency', 'BRL')).stderr, /--currency: no bank transfer account in BRL carries a QR code/);
    assert.match((await refused('bank-transfer', 'qr', '--invoice', 'NOPE-1')).stderr, /--invoice: no invoice NOPE-1/);
    assert.match((await refused('bank-transfer', 'qr')).stderr, /--customer or --invoice/);
  });

  it('prints the PIX copia e cola for an invoice once the key has its city', async () => {
    await cobro('bank-transfer', 'add', '--kind', 'br_pix', '--currency', 'BRL', '--beneficiary', 'Cobros Sul Ltda', '--pix-key-type', 'random',
      '--pix-key', '123e4567-e12b-12d1-a456-426655440000', '--city', 'Porto Alegre');
    const code = (await cobro('bank-transfer', 'qr', '--invoice', 'B-201')).trim();
    assert.match(code, /^00020126670014br\.gov\.bcb\.pix0136123e4567-e12b-12d1-a456-4266554400000205B-20152040000530398654071200\.005802BR5915Cobros Sul Ltda6012Porto Alegre62080504B2016304[0-9A-F]{4}$/);
    assert.equal(code.slice(-4), crc16(code.slice(0, -4)));
  });
});
