// `cobro sms settings`: the org's sms_fold (the same as GET/PUT /v1/sms/settings), shown, changed with --fold, a bad value
// refused naming the option; `cobro templates preview` then shows the Spanish SMS folded into GSM-7 (auto) or with its
// accents in UCS-2 (never). The commands are pinned to a PGlite folder, so the PostgreSQL lane does not run this file.
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

describe('cobro sms settings', () => {
  let session: CliSession;
  let dir = '';
  const cobro = (...args: string[]) => session.run(args, { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  before(async () => {
    session = await cobroSession();
    dir = mkdtempSync(join(tmpdir(), 'cobro-sms-settings-'));
    const db = await openDb({ dataDir: await pgliteFolder(join(dir, 'data')) });
    const org = (await createOrg(db, { name: 'Ferretería Peñón', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
    await aDebtor(db, org, { external_id: 'NORTE-1', phone: '+5215512399002' });
    await db.close();
  });
  after(async () => { await session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('shows auto, changes it to never, refuses anything else, and the preview follows it', async () => {
    assert.match((await cobro('sms', 'settings')).stdout, /^sms_fold auto: an SMS goes folded into GSM-7/);
    const folded = JSON.parse((await cobro('templates', 'preview', 'after-7', '--customer', 'NORTE-1', '--channel', 'sms', '--json')).stdout);
    assert.equal(folded.message.segments.encoding, 'GSM-7');
    assert.match(folded.message.text, /^Ferreteria Peñon: /);
    assert.deepEqual(JSON.parse((await cobro('sms', 'settings', '--fold', 'never', '--json')).stdout), { sms_fold: 'never' });
    await assert.rejects(cobro('sms', 'settings', '--fold', 'sometimes'), /--fold.*auto or never/s);
    assert.match((await cobro('sms', 'settings')).stdout, /^sms_fold never: every SMS keeps its accents/);
    const kept = JSON.parse((await cobro('templates', 'preview', 'after-7', '--customer', 'NORTE-1', '--channel', 'sms', '--json')).stdout);
    assert.equal(kept.message.segments.encoding, 'UCS-2');
    assert.match(kept.message.text, /^Ferretería Peñón: /);
    assert.ok(folded.message.segments.segments < kept.message.segments.segments);
    assert.ok(folded.cost.micros < kept.cost.micros, 'priced at the folded count');
  });
});
