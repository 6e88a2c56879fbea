// Must hold: replaying the IBM late-payment history through the simulation with the default SMB strategy plans
// no action for any invoice on or after the day it was settled.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testDb, testOrg } from './support/db.ts';
import type { Db } from '../src/db/index.ts';
import { importCsv, parseMapping, type Mapping } from '../src/ledger/index.ts';
import { parseDate } from '../src/domain/dates.ts';
import { simulate } from '../src/engine/index.ts';

const IBM = fileURLToPath(new URL('../../shared/data/ar/ibm-late-payment/WA_Fn-UseC_-Accounts-Receivable.csv', import.meta.url));
const mapping = (name: string): Mapping => {
  const r = parseMapping(JSON.parse(readFileSync(new URL(`../examples/ibm/${name}.mapping.json`, import.meta.url), 'utf8')));
  assert.ok(r.ok);
  return r.mapping;
};

/** Invoice number -> the date the history says it was settled, read straight from the CSV. */
function settledOn(): Map<string, string> {
  const lines = readFileSync(IBM, 'utf8').trim().split(/\r?\n/).slice(1);
  return new Map(lines.map((line) => {
    const c = line.split(',');
    return [c[3]!, parseDate(c[8]!, 'M/D/YYYY')!];
  }));
}

describe('the IBM late-payment history replayed through the simulation', () => {
  let db: Db;
  let org = '';
  before(async () => {
    db = await testDb();
    org = await testOrg(db, 'IBM replay');
    for (const kind of ['invoices', 'payments'] as const) {
      const r = await importCsv(db, org, kind, createReadStream(IBM), { mapping: mapping(kind) });
      assert.equal(r.status, 'completed');
    }
    // the history has no contact details; with none, every message step would be skipped for want of a channel
    await db.query(`UPDATE customers SET email = lower(replace(external_id, '-', '')) || '@example.com' WHERE org_id = $1`, [org]);
  });
  after(async () => { await db.close(); });

  it('plans reminders only for invoices still unpaid on the day, and writes nothing', async () => {
    const r = await simulate(db, org, { from: '2013-01-01', to: '2013-04-30', strategyId: 'smb-default' });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
    const { actions, days } = r.value;
    assert.equal(days.length, 120);
    assert.ok(actions.length > 150, `the replay plans real work (${actions.length} actions)`);
    const steps = new Set(actions.map((a) => a.step_id));
    for (const s of ['before-3', 'due-day', 'after-3', 'after-7', 'after-15']) assert.ok(steps.has(s), `step ${s} is planned`);
    const settled = settledOn();
    let listed = 0;
    for (const a of actions) {
      for (const number of a.invoices) {
        const paid = settled.get(number);
        assert.ok(paid, `invoice ${number} is in the history`);
        assert.ok(a.date < paid, `${a.step_id} on ${a.date} lists invoice ${number}, settled ${paid}`);
        listed += 1;
      }
    }
    assert.ok(listed >= actions.length, 'every action lists its invoices');
    assert.equal(days.reduce((s, d) => s + d.actions, 0), actions.length);
    const [written] = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM cases WHERE org_id = $1) + (SELECT count(*) FROM actions WHERE org_id = $1)
         + (SELECT count(*) FROM strategies WHERE org_id = $1) + (SELECT count(*) FROM case_events WHERE org_id = $1) AS n`, [org]);
    assert.equal(Number(written?.n), 0);
  });
});
