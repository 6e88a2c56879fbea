// `cobro templates preview` and `cobro costs` on a PGlite folder (the commands are pinned to the folder, so the PostgreSQL
// lane does not run this file); the preview and the costs through the API, on either database, are
// test/messaging-preview-costs.test.ts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { aDebtor } from './support/debtor.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { cobroSession, type CliSession } from './support/cli.ts';

describe('the CLI', () => {
  // the commands run one after another in one kept process (test/support/cli.ts), each with its own command line, env,
  // output and exit code
  let session: CliSession;
  let dir = '';
  const cobro = (...args: string[]) => session.run(args, { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  before(async () => {
    session = await cobroSession();
    dir = mkdtempSync(join(tmpdir(), 'cobro-preview-'));
    const db = await openDb({ dataDir: await pgliteFolder(join(dir, 'data')) });
    const org = (await createOrg(db, { name: 'Luna', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
    await aDebtor(db, org, { external_id: 'NORTE-1', email: 'pagos@norte.example', phone: '+5215512399002' });
    await db.close();
  });
  after(async () => { await session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('previews a step for a customer (text and JSON) and prints the cost rates and report', async () => {
    const { stdout } = await cobro('templates', 'preview', 'after-7', '--customer', 'NORTE-1', '--channel', 'sms');
    assert.match(stdout, /step after-7 \(smb-default\): template overdue-late-fee-warning, firm, on sms to NORTE-1 <\+5215512399002>, in es/);
    assert.match(stdout, /not sent; the compliance gate was not asked/);
    assert.match(stdout, /\d+ segment\(s\), (GSM-7|UCS-2)/);
    const json = JSON.parse((await cobro('templates', 'preview', 'after-7', '--customer', 'NORTE-1', '--channel', 'email', '--json')).stdout);
    assert.equal(json.message.channel, 'email');
    assert.match(json.message.html, /<html/i);
    const rates = JSON.parse((await cobro('costs', 'rates', '--json')).stdout);
    assert.equal(rates.currency, 'USD');
    assert.deepEqual(JSON.parse((await cobro('costs', 'report', '--json')).stdout), []);
    assert.match((await cobro('costs', 'report')).stdout, /^0 message\(s\) at the provider's billed price, 0 at the estimate from the org's rates$/m);
    assert.match((await cobro('costs', 'rates')).stdout, /^voice_minute \* 60000, US 14000, CA 14000$/m);
  });
});
