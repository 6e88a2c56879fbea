// `cobro forecast` and `cobro experiments` on a small embedded database.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { createStrategyVersion, getStrategy } from '../src/strategy/index.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

// each command runs in the file's kept cobro process (test/support/cli.ts), with its own command line, env, output and exit code

describe('cobro forecast and cobro experiments', () => {
  let dir = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-forecast-')); await pgliteFolder(join(dir, 'data'));
    const db = await openDb({ dataDir: join(dir, 'data') });
    const org = (await createOrg(db, { name: 'Acme' })).id;
    const c = await aCustomer(db, org, { external_id: 'CLI-1' });
    await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-10', amount: 50_000 });
    const v1 = await getStrategy(db, org, 'smb-default');
    if (!v1.ok) throw new Error(v1.error.message);
    await createStrategyVersion(db, org, { ...v1.value.definition, name: 'challenger' });
    await db.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('forecasts with the heuristic when nothing is scored, saying so, stores one only when asked, and compares it', async () => {
    const env = { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' };
    const cobro = (...args: string[]) => runCobro(args, env);
    const shown = JSON.parse((await cobro('forecast', '--as-of', '2026-03-01', '--json')).stdout);
    assert.equal(shown.stored, false);
    await assert.rejects(cobro('forecast', '--compare', '2026-03-01'), /no forecast stored as of 2026-03-01/, 'showing a forecast stores nothing');
    const f = JSON.parse((await cobro('forecast', '--as-of', '2026-03-01', '--store', '--json')).stdout);
    assert.deepEqual([f.method, f.stored], ['heuristic', true]);
    // not yet due: 90% of 500.00 on 10 March, in week 2 (9-15 March)
    assert.deepEqual(f.currencies[0].weeks.slice(0, 2).map((w: { expected: number }) => w.expected), [0, 45_000]);
    const text = (await cobro('forecast', '--as-of', '2026-03-01')).stdout;
    assert.match(text, /not stored; method heuristic/);
    assert.match(text, /note: 1 open invoice\(s\) had no risk score/);
    assert.match(text, /USD: expected 450\.00 over 13 weeks/);
    const compared = (await cobro('forecast', '--compare', '2026-03-01')).stdout;
    assert.match(compared, new RegExp(`Forecast ${f.id} as of 2026-03-01`), 'the first forecast stored for the day');
    await assert.rejects(cobro('forecast', '--compare', '2020-01-01'), /no forecast stored as of 2020-01-01/);
    // how often the worker stores one: shown, set, and a bad value refused naming the option
    assert.match((await cobro('forecast', '--schedule')).stdout, /stores a forecast weekly, as of each Sunday \(the default\); the unscored heuristic was not learned yet/);
    assert.match((await cobro('forecast', '--schedule', 'daily')).stdout, /stores a forecast daily, as of each yesterday;/);
    assert.equal(JSON.parse((await cobro('forecast', '--schedule', '--json')).stdout).schedule, 'daily');
    await assert.rejects(cobro('forecast', '--schedule', 'hourly'), /--schedule must be one of off, daily, weekly/);
  });

  it('says which unscored heuristic it used, and learns it on demand with --learn', async () => {
    const env = { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' };
    const cobro = (...args: string[]) => runCobro(args, env);
    assert.match((await cobro('forecast', '--as-of', '2026-03-01')).stdout, /; unscored heuristic fixed: not learned yet\)/);
    await assert.rejects(cobro('forecast', '--learn', '--as-of', '2999-01-01'), /--as-of must not be after today/);
    // one invoice is too little history: learned as of yesterday, every bucket fixed
    const learned = (await cobro('forecast', '--learn')).stdout;
    assert.match(learned, /^Unscored heuristic fixed: too little history as of \d{4}-\d{2}-\d{2}, learned at \S+ \(30 invoices a bucket\): not yet due 90% \(fixed\)/);
    assert.equal(JSON.parse((await cobro('forecast', '--learn', '--as-of', '2026-03-01', '--json')).stdout).as_of, '2026-03-01');
    assert.match((await cobro('forecast', '--as-of', '2026-03-01')).stdout, /; unscored heuristic fixed: too little history as of 2026-03-01\)/);
    assert.match((await cobro('forecast', '--schedule')).stdout, /the unscored heuristic was last learned as of 2026-03-01/);
  });

  it('creates, lists and reports an experiment, with not enough data yet', async () => {
    const env = { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' };
    const cobro = (...args: string[]) => runCobro(['experiments', ...args], env);
    await assert.rejects(cobro('create', '--strategy', 'smb-default', '--champion', '1', '--challenger', '2', '--share', '1.5'), /share above 0 and below 1/);
    const e = JSON.parse((await cobro('create', '--strategy', 'smb-default', '--champion', '1', '--challenger', '2', '--share', '0.2', '--json')).stdout);
    assert.deepEqual([e.strategy_id, e.champion_version, e.challenger_version, e.status], ['smb-default', 1, 2, 'running']);
    assert.match((await cobro('list')).stdout, new RegExp(`${e.id}.*smb-default.*20\\.0%.*running`));
    const r = (await cobro('results', e.id)).stdout;
    assert.match(r, /not enough data yet: 0 customer\(s\) on the champion and 0 on the challenger; each arm needs at least 30/);
  });
});
