// `cobro kpi` on the hand-worked portfolio of test/kpi.test.ts, seeded in a PGlite folder (the command is pinned to the
// folder, so the PostgreSQL lane does not run this file); `GET /v1/kpi`, the same figures on either database, is
// test/kpi-api-cli.test.ts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedKpiPortfolio } from './support/kpi-portfolio.ts';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

// each command runs in the file's kept cobro process (test/support/cli.ts), with its own command line, env, output and exit code

describe('cobro kpi', () => {
  let dir = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-kpi-')); await pgliteFolder(join(dir, 'data'));
    const db = await openDb({ dataDir: join(dir, 'data') });
    await seedKpiPortfolio(db, (await createOrg(db, { name: 'Acme' })).id);
    await db.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the figures as tables and as JSON, and names a bad option', async () => {
    const env = { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' };
    const cobro = (...args: string[]) => runCobro(['kpi', ...args], env);
    const json = JSON.parse((await cobro('--from', '2026-03-01', '--to', '2026-03-31', '--json')).stdout);
    assert.deepEqual(json.receivables.map((r: { currency: string; count_back_dso: number }) => [r.currency, r.count_back_dso]), [['EUR', 48.5], ['USD', 62.1]]);
    const { stdout } = await cobro('--from', '2026-03-01', '--to', '2026-03-31');
    // the USD line: opening 1,700.00, net sales 2,025.00, credit notes 300.00, collected 900.00, written off 100.00, closing 2,725.00
    assert.match(stdout, /USD\s+1700\.00\s+2025\.00\s+300\.00\s+900\.00\s+100\.00\s+2725\.00\s+41\.72\s+62\.10\s+32\.15\s+9\.57\s+55\.38%/);
    assert.match(stdout, /accounts attempted 4, reached 3 \(contact rate 75\.00%\), right party 2 \(50\.00%\)/);
    assert.match(stdout, /kept rate 33\.33%/);
    // both credits named: A's 300.00 of 10 March to the SMS of 9 March (last touch), shared with the email of 8 March
    assert.match(stdout, /recovered \(last touch\)\s+recovered \(shared\)/);
    assert.match(stdout, /\nsms\s+3\s.*USD 300\.00\s+USD 150\.00\n/);
    assert.match(stdout, /keypresses 0; contacts 8 \(2\.00 per account; "call" is calls logged by people\)/);
    await assert.rejects(cobro('--from', '2026-03-31', '--to', '2026-03-01'), (e: { code: number; stderr: string }) =>
      e.code === 1 && /--to: is before from/.test(e.stderr));
  });
});
