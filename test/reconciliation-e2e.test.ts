// End to end on real bank files from ../shared/data/bank: invoices named by their lines end up paid, the rest untouched.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import type { Db } from '../src/db/index.ts';
import { getInvoice } from '../src/ledger/index.ts';
import { getStatement, importStatement } from '../src/reconciliation/index.ts';

const BANK = (p: string) => fileURLToPath(new URL(`../../shared/data/bank/${p}`, import.meta.url));
const now = () => new Date('2026-03-15T12:00:00Z');

let db: Db;
let org: string;
const ids: Record<string, string> = {};
before(async () => {
  db = await testDb();
  org = await testOrg(db);
  const make = async (customer: string, number: string, amount: number) => {
    const c = await aCustomer(db, org, { name: customer });
    ids[number] = (await anInvoice(db, org, { customer_id: c.id, number, amount, currency: 'EUR' })).id;
    return c;
  };
  await make('3rd Party Media', '4210773', 140_531);                  // camt.053: "#RD PARTY MEDIA CUSNO 90782 4210773"
  await make('Quentin Quast', '30030004', 15_455_193);                // MT940: "Strukturierter Verwendungszweck 30030004"
  const karl = await make('Karl Kaufmann', '50050004', 15_455_193);   // the same amount, another invoice number
  ids['50050005'] = (await anInvoice(db, org, { customer_id: karl.id, number: '50050005', amount: 10_000, currency: 'EUR' })).id;
  await make('Richter Renate', 'RR-5555', 99_999);                    // never named, no line has its amount
  await make('Customer NL', 'RE091202-3737', 1_045);                  // MT940 (ING): "RE091202-3737 /RFB/NL-FMI-021209"
});
after(async () => { await db.close(); });

async function statusOf(number: string) {
  const r = await getInvoice(db, org, ids[number]!);
  assert.ok(r.ok);
  return [r.value.status, r.value.balance];
}

describe('reconciling real bank statements', () => {
  it('pays the invoice a camt.053 credit names and leaves its debits and returns alone', async () => {
    const r = await importStatement(db, org, readFileSync(BANK('camt053/oca-bank-statement-import/test-camt053.xml')), { filename: 'test-camt053.xml', now });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.format, 'camt.053');
    assert.deepEqual([r.value.new_lines, r.value.reconciliation.matched], [4, 1]);
    assert.deepEqual(await statusOf('4210773'), ['paid', 0]);
    const detail = await getStatement(db, org, r.value.statements[0]!.id);
    assert.ok(detail.ok);
    assert.deepEqual(detail.value.lines.map((l) => l.match_state), ['not_receivable', 'unmatched', 'unmatched', 'matched']);
  });

  it('tells two MT940 credits of the same amount apart by the invoice each names', async () => {
    const r = await importStatement(db, org, readFileSync(BANK('mt940/wolph-mt940/betterplace/sepa_snippet.sta')), { filename: 'sepa_snippet.sta', now });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.equal(r.value.reconciliation.matched, 2);
    assert.deepEqual(await statusOf('30030004'), ['paid', 0]);
    assert.deepEqual(await statusOf('50050004'), ['paid', 0]);
    assert.deepEqual(await statusOf('50050005'), ['open', 10_000], "Karl's other credit names no invoice: review, not applied");
    assert.deepEqual(await statusOf('RR-5555'), ['open', 99_999]);
  });

  it('pays an invoice named inside an ING MT940 :86: and adds nothing when the files come again', async () => {
    const r = await importStatement(db, org, readFileSync(BANK('mt940/mt940-js/ing-1.mta')), { filename: 'ing-1.mta', now });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.deepEqual(await statusOf('RE091202-3737'), ['paid', 0]);
    for (const f of ['mt940/mt940-js/ing-1.mta', 'mt940/wolph-mt940/betterplace/sepa_snippet.sta', 'camt053/oca-bank-statement-import/test-camt053.xml']) {
      const again = await importStatement(db, org, readFileSync(BANK(f)), { filename: f, now });
      assert.ok(again.ok);
      assert.deepEqual([again.value.new_lines, again.value.reconciliation.matched], [0, 0]);
    }
    const [{ n } = { n: -1 }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM payments WHERE org_id = $1 AND source = 'bank'", [org]);
    assert.equal(n, 4);
  });
});
