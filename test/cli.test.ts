import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../src/db/index.ts';
import { childNodeFlags, runCobro } from './support/cli.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/cobro.js', import.meta.url));
const IBM = fileURLToPath(new URL('../../shared/data/ar/ibm-late-payment/WA_Fn-UseC_-Accounts-Receivable.csv', import.meta.url));
const MAPPING = fileURLToPath(new URL('../examples/ibm/invoices.mapping.json', import.meta.url));

describe('the cobro command', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  // bin/cobro.js itself (through tsx) runs the first command, on an empty folder (initdb and every migration); the others,
  // --help too, run in the file's kept process of the bundled command (test/support/cli.ts): same code, same checks,
  // without some 4 s of CPU a command spent starting
  const bin = (...args: string[]) => run(process.execPath, [...childNodeFlags, BIN, ...args], { env: env() });
  const cobro = (...args: string[]) => runCobro(args, env());
  before(() => { dir = mkdtempSync(join(tmpdir(), 'cobro-cli-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a mapped CSV and prints a JSON summary', async () => {
    const { stdout } = await bin('import', 'invoices', IBM, '--mapping', MAPPING, '--json');
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

  it('dispatches, lists the outbox, reports on contact law and exports a customer\'s data', async () => {
    const d = JSON.parse((await cobro('dispatch', '--json')).stdout);
    assert.equal(typeof d.sent, 'number');
    assert.deepEqual(JSON.parse((await cobro('outbox', '--json')).stdout), []);
    const report = JSON.parse((await cobro('compliance', 'report', '--from', '2026-01-01', '--to', '2026-01-31', '--json')).stdout);
    assert.deepEqual(Object.keys(report), ['contacts', 'decisions']);
    const data = JSON.parse((await cobro('gdpr', 'export', '0379-NEVHP')).stdout);
    assert.equal(data.customer.external_id, '0379-NEVHP');
    assert.ok(data.invoices.length > 0);
  });

  it('plays a debtor\'s SMS reply through the sandbox, and names a channel the customer has no address on', async () => {
    const people = join(dir, 'people.csv');
    writeFileSync(people, 'external_id,name,phone,country\nSBX-CLI,Sandbox Cli,+5215511112222,MX\n');
    await cobro('import', 'customers', people);
    const played = JSON.parse((await cobro('sandbox', 'reply', 'SBX-CLI', 'quiero', 'hablar', 'con', 'alguien', '--json')).stdout);
    assert.deepEqual([played.status, played.from], ['processed', '+5215511112222']);
    assert.match((await cobro('sandbox', 'reply', 'SBX-CLI', 'STOP')).stdout, /reply from \+5215511112222 processed \(read as opt_out\)/);
    await assert.rejects(cobro('sandbox', 'reply', 'SBX-CLI', '--channel', 'email', 'hola'),
      (e: { code: number; stderr: string }) => e.code === 1 && /has no email address/.test(e.stderr));
  });

  it('verifies the audit chain, and names the entry after one is changed', async () => {
    const ok = JSON.parse((await cobro('audit', 'verify', '--json')).stdout);
    assert.equal(ok.ok, true);
    assert.ok(ok.entries > 0);
    const db = await openDb({ dataDir: join(dir, 'data') });
    await db.query(`UPDATE audit_log SET actor = 'someone else' WHERE seq = 1`);
    await db.close();
    await assert.rejects(cobro('audit', 'verify'), (e: { code: number; stdout: string }) => e.code === 1 && /BROKEN at entry 1/.test(e.stdout));
  });

  it('explains its commands with --help', async () => {
    const { stdout } = await cobro('--help');
    for (const c of ['serve', 'import', 'aging', 'customers', 'invoices', 'apikey']) assert.match(stdout, new RegExp(`\\b${c}\\b`));
  });
});
