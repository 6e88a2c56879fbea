import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testDb, testOrg } from './support/db.ts';
import type { Db } from '../src/db/index.ts';
import { importCsv, parseMapping, agingReport, bucketFor, type Mapping } from '../src/ledger/index.ts';
import { dayNumber, parseDate } from '../src/domain/dates.ts';

const IBM = fileURLToPath(new URL('../../shared/data/ar/ibm-late-payment/WA_Fn-UseC_-Accounts-Receivable.csv', import.meta.url));
const mapping = (name: string): Mapping => {
  const r = parseMapping(JSON.parse(readFileSync(new URL(`../examples/ibm/${name}.mapping.json`, import.meta.url), 'utf8')));
  assert.ok(r.ok);
  return r.mapping;
};

/** The aging computed straight from the CSV, with no cobro code but date parsing: cents per bucket. */
function independentAging(asOf: string): Record<string, number> {
  const lines = readFileSync(IBM, 'utf8').trim().split(/\r?\n/).slice(1);
  const out: Record<string, number> = {};
  const day = dayNumber(asOf);
  for (const line of lines) {
    const c = line.split(',');
    const [whole, frac = ''] = c[6]!.split('.');
    const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
    const issued = dayNumber(parseDate(c[4]!, 'M/D/YYYY')!);
    const settled = dayNumber(parseDate(c[8]!, 'M/D/YYYY')!);
    if (issued > day || settled <= day) continue;
    const bucket = bucketFor(day - dayNumber(parseDate(c[5]!, 'M/D/YYYY')!));
    out[bucket] = (out[bucket] ?? 0) + cents;
  }
  return out;
}

describe('the IBM late-payment history', () => {
  let db: Db;
  let org: string;
  before(async () => { db = await testDb(); org = await testOrg(db, 'IBM sample'); });
  after(async () => { await db.close(); });

  it('imports 2,466 invoices for 100 customers, keeping leading zeros', async () => {
    const r = await importCsv(db, org, 'invoices', createReadStream(IBM), { mapping: mapping('invoices') });
    assert.equal(r.status, 'completed', JSON.stringify(r.errors.slice(0, 3)));
    assert.equal(r.inserted, 2466);
    assert.equal(r.customers_created, 100);
    const [counts] = await db.query<{ n: number; c: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT customer_id)::int AS c FROM invoices WHERE org_id = $1', [org]);
    assert.deepEqual(counts, { n: 2466, c: 100 });
    const [inv] = await db.query<{ amount: number }>('SELECT amount FROM invoices WHERE org_id = $1 AND number = $2', [org, '0000611365']);
    assert.equal(inv?.amount, 5594);
  });

  it('changes nothing when the same file is imported again', async () => {
    const r = await importCsv(db, org, 'invoices', createReadStream(IBM), { mapping: mapping('invoices') });
    assert.deepEqual([r.status, r.inserted, r.updated, r.unchanged], ['completed', 0, 0, 2466]);
  });

  it('ages the portfolio as the raw history says, to the cent, before the settlements', async () => {
    const aging = await agingReport(db, org, '2013-06-30');
    const t = aging.totals[0]!;
    const indep = independentAging('2013-06-30');
    // before payments are imported every invoice issued by then is open
    assert.ok(t.total > Object.values(indep).reduce((s, v) => s + v, 0));
  });

  it('leaves every invoice paid once the settlements are imported as payments', async () => {
    const r = await importCsv(db, org, 'payments', createReadStream(IBM), { mapping: mapping('payments') });
    assert.equal(r.status, 'completed', JSON.stringify(r.errors.slice(0, 3)));
    assert.equal(r.inserted, 2466);
    const statuses = await db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM invoices WHERE org_id = $1 GROUP BY status', [org]);
    assert.deepEqual(statuses, [{ status: 'paid', n: 2466 }]);
    const again = await importCsv(db, org, 'payments', createReadStream(IBM), { mapping: mapping('payments') });
    assert.deepEqual([again.inserted, again.unchanged], [0, 2466]);
  });

  for (const asOf of ['2012-03-15', '2012-12-31', '2013-06-30', '2013-11-01']) {
    it(`matches an independent aging to the cent as of ${asOf}`, async () => {
      const aging = await agingReport(db, org, asOf);
      const t = aging.totals[0];
      const expected = independentAging(asOf);
      assert.ok(Object.values(expected).some((v) => v > 0), 'the history has open invoices then');
      for (const b of ['current', 'd1_30', 'd31_60', 'd61_90', 'd91_120', 'over_120'] as const) {
        assert.equal(t?.[b] ?? 0, expected[b] ?? 0, `${b} as of ${asOf}`);
      }
      const perCustomer = aging.customers.reduce((s, c) => s + c.total, 0);
      assert.equal(perCustomer, t?.total ?? 0);
    });
  }
});
