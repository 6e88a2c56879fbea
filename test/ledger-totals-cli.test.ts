// `cobro totals check|repair` on a PGlite folder whose stored totals drifted (the commands are pinned to the folder, so
// the PostgreSQL lane does not run this file); the stored totals themselves, on either database, are
// test/ledger-totals.test.ts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { seedKpiPortfolio } from './support/kpi-portfolio.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { runCobro } from './support/cli.ts';

describe('cobro totals check|repair', () => {
  let dir = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-totals-'));
    const local = await openDb({ dataDir: await pgliteFolder(join(dir, 'data')) });
    const acme = (await createOrg(local, { name: 'Acme' })).id;
    await seedKpiPortfolio(local, acme);
    await local.query(`UPDATE invoiced_daily SET amount = amount + 7 WHERE org_id = $1 AND currency = 'EUR'`, [acme]);
    await local.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the drifted total and exits 1, repairs it, then reports agreement', async () => {
    const env = { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' };
    // the commands run in the file's kept cobro process (test/support/cli.ts), each with its own output and exit code
    const cobro = (...args: string[]) => runCobro(['totals', ...args], env);
    await assert.rejects(cobro('check', '--json'), (e: { code: number; stdout: string }) => {
      const out = JSON.parse(e.stdout) as { ok: boolean; differences: { table: string; key: { currency: string } }[] };
      return e.code === 1 && !out.ok && out.differences.length === 1 && out.differences[0]!.table === 'invoiced_daily' && out.differences[0]!.key.currency === 'EUR';
    });
    assert.match((await cobro('repair')).stdout, /1 row\(s\) differed/);
    assert.match((await cobro('check')).stdout, /agree with its invoices/);
  });
});
