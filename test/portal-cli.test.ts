// `cobro portal` on an embedded database: a link that opens its customer's portal, the customer's links, withdrawing one,
// the statement written to a file, and the org's portal settings.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { openPortalToken } from '../src/portal/index.ts';
import { readPdf } from './support/pdf.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

// each command runs in the file's kept cobro process (test/support/cli.ts), with its own command line, env, output and exit code

describe('the portal commands', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '', COBRO_PUBLIC_URL: 'https://pay.example.com' });
  const cobro = async (...args: string[]) => (await runCobro(args, env())).stdout;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-portal-cli-')); await pgliteFolder(join(dir, 'data'));
    const csv = join(dir, 'c.csv');
    writeFileSync(csv, 'external_id,name,email\nC-1,Portal SA,p@example.com\n');
    await cobro('import', 'customers', csv);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a portal URL that opens the customer, with the command that withdraws it, and withdraws it', async () => {
    const out = await cobro('portal', 'link', 'C-1', '--days', '3');
    const [url, note] = out.trim().split('\n');
    assert.match(url!, /^https:\/\/pay\.example\.com\/p\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    const id = /cobro portal revoke (ptl_\w+)/.exec(note!)?.[1];
    assert.ok(id, note);
    const links = JSON.parse(await cobro('portal', 'links', 'C-1', '--json')) as { id: string; revoked_at: string | null; source: string }[];
    assert.deepEqual(links.map((l) => [l.id, l.source, l.revoked_at]), [[id, 'cli', null]]);
    let db = await openDb({ dataDir: join(dir, 'data') });
    try {
      const opened = await openPortalToken(db, url!.split('/p/')[1]!, new Date());
      assert.ok(opened.ok && opened.value.linkId === id);
    } finally { await db.close(); }
    assert.match(await cobro('portal', 'revoke', id!), /withdrawn/);
    db = await openDb({ dataDir: join(dir, 'data') });
    try {
      const refused = await openPortalToken(db, url!.split('/p/')[1]!, new Date());
      assert.ok(!refused.ok && refused.error.details === 'revoked');
    } finally { await db.close(); }
    await assert.rejects(cobro('portal', 'link', 'C-404'), /no customer C-404/);
  });

  it('writes the customer\'s statement as a PDF, or as HTML', async () => {
    const invoices = join(dir, 'i.csv');
    writeFileSync(invoices, 'customer_external_id,number,currency,amount,issue_date,due_date\nC-1,FAC-77,USD,1250.00,2026-01-01,2026-02-01\n');
    await cobro('import', 'invoices', invoices);
    const out = join(dir, 'statement.pdf');
    assert.match(await cobro('portal', 'statement', 'C-1', '--out', out), /statement of 1 open invoices/);
    const pdf = readPdf(readFileSync(out));
    assert.equal(pdf.pages, 1);
    for (const part of ['Portal SA', 'FAC-77', 'Total owed: $1,250.00']) assert.ok(pdf.text.includes(part), `"${part}" in ${pdf.text}`);
    await cobro('portal', 'statement', 'C-1', '--out', join(dir, 'statement.html'), '--html');
    assert.match(readFileSync(join(dir, 'statement.html'), 'utf8'), /^<!doctype html>[^]*FAC-77/);
    await assert.rejects(cobro('portal', 'statement', 'C-404', '--out', out), /no customer C-404/);
  });

  it('shows and changes the portal settings', async () => {
    assert.match(await cobro('portal', 'settings'), /second_factor: none\nlink_days: 30/);
    const changed = JSON.parse(await cobro('portal', 'settings', '--second-factor', 'tax_id_last4', '--link-days', '14', '--json'));
    assert.deepEqual([changed.second_factor, changed.link_days, changed.factor_max_failures], ['tax_id_last4', 14, 5]);
    await assert.rejects(cobro('portal', 'settings', '--second-factor', 'birthday'), /--second-factor: one of none, tax_id_last4, postcode/);
    assert.equal(JSON.parse(await cobro('portal', 'settings', '--plan-cancel', 'no', '--json')).debtor_cancels_plan, false);
    assert.equal(JSON.parse(await cobro('portal', 'settings', '--plan-cancel', 'yes', '--json')).debtor_cancels_plan, true);
    await assert.rejects(cobro('portal', 'settings', '--plan-cancel', 'maybe'), /--plan-cancel: yes or no/);
    assert.equal(JSON.parse(await cobro('portal', 'settings', '--confirmations', 'no', '--json')).confirmations, false);
    assert.equal(JSON.parse(await cobro('portal', 'settings', '--confirmations', 'yes', '--json')).confirmations, true);
    await assert.rejects(cobro('portal', 'settings', '--confirmations', 'sometimes'), /--confirmations: yes or no/);
  });
});
