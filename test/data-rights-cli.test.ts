// The data-rights and template commands: `cobro templates lint`, `cobro customers erase`, `cobro compliance purge --dry-run`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { listOrgs } from '../src/orgs/index.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

// each command runs in the file's kept cobro process (test/support/cli.ts), with its own command line, env, output and exit code

describe('data rights and template lints on the command line', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = (...args: string[]) => runCobro(args, env());
  before(async () => { dir = mkdtempSync(join(tmpdir(), 'cobro-rights-')); await pgliteFolder(join(dir, 'data')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lints the shipped templates clean, and fails a bad one naming template, language, channel and rule', async () => {
    const shipped = JSON.parse((await cobro('templates', 'lint', '--json')).stdout);
    assert.deepEqual(shipped, { ok: true, findings: [] });
    const file = join(dir, 'threat.json');
    writeFileSync(file, JSON.stringify({ template_id: 'threat', language: 'en',
      template: { email: { subject: 'Last notice', body: 'Pay {{total_due}} or we will sue.' } } }));
    await assert.rejects(cobro('templates', 'lint', file), (e: { code: number; stdout: string }) =>
      e.code !== 0 && /^threat \[en, email, friendly, debtor in US\] US-9: /m.test(e.stdout));
  });

  it('erases a customer and says what a purge would do', async () => {
    // the first command creates the database and the org; then a paid-up customer is put in directly
    await cobro('compliance', 'settings');
    const db = await openDb({ dataDir: join(dir, 'data') });
    const [org] = await listOrgs(db);
    const c = await aCustomer(db, org!.id, { name: 'Carla Nunes', email: 'carla@example.com', external_id: 'CARLA' });
    await anInvoice(db, org!.id, { customer_id: c.id, amount: 3_000 });
    await aPayment(db, org!.id, { customer_id: c.id, amount: 3_000 });
    await db.close();
    const erased = JSON.parse((await cobro('customers', 'erase', 'CARLA', '--json')).stdout);
    assert.deepEqual([erased.outcome, erased.customer_id], ['erased', c.id]);
    const exported = (await cobro('gdpr', 'export', c.id)).stdout;
    assert.ok(!exported.includes('Carla') && !exported.includes('carla@example.com'));
    const dry = JSON.parse((await cobro('compliance', 'purge', '--dry-run', '--json')).stdout);
    assert.deepEqual([dry.dry_run, dry.erased], [true, []]);
    const audit = await cobro('audit', 'verify');
    assert.match(audit.stdout, /chain intact/);
  });
});
