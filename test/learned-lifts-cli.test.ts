// `cobro priorities learn` on a database holding the history of test/support/learned-lifts-seed.ts (its day d0 14 days
// before today, the CLI running on the real clock): the table, --json, --apply, and a bad option named. Embedded PGlite
// in a folder; with DATABASE_URL set, a PostgreSQL database of its own on that server instead (made and dropped here).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDb } from '../src/db/index.ts';
import { addDays } from '../src/domain/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { seedLiftHistory } from './support/learned-lifts-seed.ts';

const session: CliSession = await cobroSession();
const today = new Date().toISOString().slice(0, 10);
const d0 = addDays(today, -14);

describe('cobro priorities learn', () => {
  let dir = '';
  let org = '';
  const server = process.env.DATABASE_URL;
  const name = `cobro_learned_${randomBytes(4).toString('hex')}`;
  const url = server ? Object.assign(new URL(server), { pathname: `/${name}` }).toString() : '';
  const admin = async (sql: string) => { const c = new pg.Client({ connectionString: server }); await c.connect(); try { await c.query(sql); } finally { await c.end(); } };
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: url });
  const cobro = async (...args: string[]) => (await session.run(args, env())).stdout;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-learned-lifts-'));
    if (server) await admin(`CREATE DATABASE ${name}`);
    else await pgliteFolder(join(dir, 'data'));
    const db = await openDb(server ? { databaseUrl: url } : { dataDir: join(dir, 'data') });
    try {
      org = (await createOrg(db, { name: 'Main' })).id;
      await seedLiftHistory(db, org, (await createOrg(db, { name: 'Other' })).id, d0);
    } finally { await db.close(); }
  });
  after(async () => {
    await session.close(); rmSync(dir, { recursive: true, force: true });
    if (server) await admin(`DROP DATABASE IF EXISTS ${name}`);
  });

  it('prints each action\'s learned lift beside the one set, and says it is observational', async () => {
    const text = await cobro('priorities', 'learn', '--since', d0, '--org', org);
    assert.match(text, /call\s+\|?\s*10%\s+\|?\s*25%\s+\|?\s*\d+(\.\d)?%-\d+(\.\d)?%\s+\|?\s*40%\s+\|?\s*20%\s+\|?\s*40\s+\|?\s*40\s+\|?\s*60/);
    assert.match(text, /negotiate\s+\|?\s*25%\s+\|?\s*not enough data/);
    assert.match(text, /observational, not randomised/);
    const json = JSON.parse(await cobro('priorities', 'learn', '--since', d0, '--org', org, '--json'));
    assert.deepEqual([json.until, json.lifts[0].action, json.lifts[0].lift, json.lifts[0].current], [d0, 'call', 0.25, 0.1]);
  });

  it('names a bad option', async () => {
    await assert.rejects(cobro('priorities', 'learn', '--share', '2', '--org', org), (e: { stderr: string }) => /--share: a number from 0.01 to 1/.test(e.stderr));
    await assert.rejects(cobro('priorities', 'learn', '--since', today, '--org', org), (e: { stderr: string }) => /--since: since must be on or before/.test(e.stderr));
  });

  it('sets the lifts with enough data with --apply; `cobro priorities` shows them', async () => {
    assert.match(await cobro('priorities', 'learn', '--since', d0, '--apply', '--org', org), /set: call 25%/);
    const s = JSON.parse(await cobro('priorities', '--json', '--org', org));
    assert.deepEqual([s.lift.call, s.lift.negotiate], [0.25, 0.25]);
  });
});
