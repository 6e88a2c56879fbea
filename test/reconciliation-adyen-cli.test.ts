// `cobro reconcile adyen-settlement <file>`: Adyen's Settlement details report read from a file; the batch's payout
// is stored with what it carried and `payout-breakdown adyen:<merchant account>:<batch>` prints it balanced to the cent; the
// same file again adds nothing; a file with a row cobro cannot read exits non-zero naming the line and column.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { settlementCsv } from './support/adyen-settlement.ts';

const session: CliSession = await cobroSession();

describe('cobro reconcile adyen-settlement', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = (...args: string[]) => session.run(args, env());
  const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-adyen-')); await pgliteFolder(join(dir, 'data'));
    const db = await openDb({ dataDir: join(dir, 'data') });
    try { await createOrg(db, { name: 'Acme', country: 'NL', defaultCurrency: 'EUR', defaultTimezone: 'Europe/Amsterdam' }); } finally { await db.close(); }
  });
  after(async () => { await session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('stores the batch\'s payout, prints its breakdown, and reads the same file once', async () => {
    const report = file('settlement_detail_report_batch_31.csv', settlementCsv([
      { type: 'Settled', psp: '8815732051731001', ref: 'INV-31', grossCredit: '250.00', netCredit: '245.50', commission: '4.50', batch: 31 },
      { type: 'Refunded', psp: '8815732051731001', ref: 'INV-31', grossDebit: '50.00', netDebit: '50.25', commission: '0.25', batch: 31 },
      { type: 'DepositCorrection', modification: 'Deposit Correction', netDebit: '10.00', batch: 31 },
      { type: 'MerchantPayout', netDebit: '185.25', batch: 31, created: '2026-03-12 05:00:00' },
    ]));
    const r = await cobro('reconcile', 'adyen-settlement', report);
    assert.match(r.stdout, /adyr_\w+: 4 rows, 1 payouts \(AcmeShopEUR:31\), 4 lines, 0 bank lines settled/);
    // the sums agree; the card payment is no payment cobro recorded, so the payout is for review (exit 3)
    const b = await cobro('reconcile', 'payout-breakdown', 'adyen:AcmeShopEUR:31').then(() => assert.fail('a payout for review exits 3'),
      (e: { code: number; stdout: string }) => e);
    assert.equal(b.code, 3);
    assert.match(b.stdout, /check: review: gross 190\.00, fees 4\.75, net 185\.25, difference 0\.00/);
    assert.match(b.stdout, /UNKNOWN_CHARGE/);
    const again = await cobro('reconcile', 'adyen-settlement', report, '--json');
    assert.equal((JSON.parse(again.stdout) as { duplicate: boolean }).duplicate, true);
    const list = await cobro('reconcile', 'adyen-settlement', '--list', '--json');
    assert.deepEqual((JSON.parse(list.stdout) as { payout_ids: string[] }[]).map((x) => x.payout_ids), [['AcmeShopEUR:31']]);
  });

  it('refuses a file with a row it cannot read, naming the line and column', async () => {
    const bad = file('bad.csv', settlementCsv([{ type: 'Settled', psp: '8815732051732001', grossCredit: '5.00', netCredit: '4.90', batch: 32, zone: 'Mars' },
      { type: 'MerchantPayout', netDebit: '4.90', batch: 32 }]));
    const failed = await cobro('reconcile', 'adyen-settlement', bad).then(() => assert.fail('a file that cannot be read exits non-zero'),
      (e: { code: number; stdout: string; stderr: string }) => e);
    assert.notEqual(failed.code, 0);
    assert.match(failed.stderr, /line 2, column TimeZone: "Mars" is no time zone/);
    const list = await cobro('reconcile', 'adyen-settlement', '--list', '--json');
    assert.equal((JSON.parse(list.stdout) as unknown[]).length, 1);
  });
});
