import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/cobro.js', import.meta.url));
const IBM = fileURLToPath(new URL('../../shared/data/ar/ibm-late-payment/WA_Fn-UseC_-Accounts-Receivable.csv', import.meta.url));
const MAPPING = fileURLToPath(new URL('../examples/ibm/invoices.mapping.json', import.meta.url));

describe('the cobro command', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = (...args: string[]) => run(process.execPath, [BIN, ...args], { env: env() });
  before(() => { dir = mkdtempSync(join(tmpdir(), 'cobro-cli-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a mapped CSV and prints a JSON summary', async () => {
    const { stdout } = await cobro('import', 'invoices', IBM, '--mapping', MAPPING, '--json');
    const report = JSON.parse(stdout);
    assert.deepEqual([report.status, report.inserted, report.customers_created], ['completed', 2466, 100]);
  });

  it('prints the aging as of a date as JSON', async () => {
    const { stdout } = await cobro('aging', '--as-of', '2013-01-31', '--json', '--top', '2');
    const aging = JSON.parse(stdout);
    assert.equal(aging.as_of, '2013-01-31');
    assert.equal(aging.totals[0].currency, 'USD');
    assert.equal(aging.customers.length, 2);
  });

  it('rejects a bad file with the line and column, and exits non-zero', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'customer_external_id,number,currency,amount,issue_date,due_date\nX,1,USD,12.5,2026-02-30,2026-03-01\n');
    await assert.rejects(cobro('import', 'invoices', bad), (e: { code: number; stdout: string }) =>
      e.code === 1 && /line 2, issue_date: "2026-02-30" is not a date/.test(e.stdout));
  });

  it('creates an API key and lists invoices', async () => {
    const { stdout } = await cobro('apikey', 'create', '--role', 'viewer');
    assert.match(stdout.trim(), /^cobro_sk_/);
    const list = JSON.parse((await cobro('invoices', '--limit', '3', '--json')).stdout);
    assert.equal(list.data.length, 3);
  });

  it('explains its commands with --help', async () => {
    const { stdout } = await cobro('--help');
    for (const c of ['serve', 'import', 'aging', 'customers', 'invoices', 'apikey']) assert.match(stdout, new RegExp(`\\b${c}\\b`));
  });
});
