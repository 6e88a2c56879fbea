// `cobro compliance times CUSTOMER`: the times a debtor stated that hold, then those a newer reply replaced, with when and
// by what ("call me after 6pm" then "mornings only please": mornings hold, the evening one is shown replaced).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { listOrgs } from '../src/orgs/index.ts';
import { applyReplyText } from '../src/compliance/index.ts';
import { aCustomer } from './support/factories.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

describe('stated contact times on the command line', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = (...args: string[]) => runCobro(args, env());
  before(async () => { dir = mkdtempSync(join(tmpdir(), 'cobro-times-')); await pgliteFolder(join(dir, 'data')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the times that hold, then those replaced with when and by what', async () => {
    await cobro('compliance', 'settings'); // creates the database and the org
    /** Works on the data folder while no command holds it. */
    const withDb = async (fn: (db: Awaited<ReturnType<typeof openDb>>, org: string) => Promise<void>) => {
      const db = await openDb({ dataDir: join(dir, 'data') });
      try { await fn(db, (await listOrgs(db))[0]!.id); } finally { await db.close(); }
    };
    let customerId = '';
    await withDb(async (db, org) => {
      customerId = (await aCustomer(db, org, { name: 'Lee Park', external_id: 'LEE', phone: '+13125550142', country: 'US', region: 'IL',
        timezone: 'America/Chicago' })).id;
    });
    assert.match((await cobro('compliance', 'times', 'LEE')).stdout, /^no contact times stated$/m);
    const received = { channel: 'sms' as const, address: '+13125550142' };
    await withDb(async (db, org) => {
      await applyReplyText(db, org, 'test', customerId, 'call me after 6pm', received, new Date('2026-03-10T14:00:00Z'));
      await applyReplyText(db, org, 'test', customerId, 'mornings only please', received, new Date('2026-03-11T14:00:00Z'));
    });
    const lines = (await cobro('compliance', 'times', 'LEE')).stdout.trim().split('\n');
    assert.match(lines[0]!, /^state\s+days\s+hours\s+channels\s+replaced_at\s+replaced_by$/);
    assert.match(lines[2]!, /^holds\s+every day\s+12:00-00:00\s+all$/);
    assert.match(lines[3]!, /^replaced\s+every day\s+00:00-18:00\s+voice\s+2026-03-11T14:00:00.000Z\s+said "mornings only"$/);
    assert.equal(lines.length, 4);
    const json = JSON.parse((await cobro('compliance', 'times', 'LEE', '--json')).stdout) as { inconvenient_times: unknown[]; replaced_times: unknown[] };
    assert.deepEqual([json.inconvenient_times.length, json.replaced_times.length], [1, 1]);
  });
});
