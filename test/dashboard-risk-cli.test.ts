// `cobro dashboard risk`: no score run said in words, then the open balance by band after real score runs (in the kept
// cobro process of test/support/cli.ts), as a table and as the API's JSON, the moves told once a second run has been made.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../src/domain/dates.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

interface Risk { run: { as_of: string } | null; previous_run: { as_of: string } | null; note: string | null;
  totals: { currency: string; customers: number; amount: number }[];
  bands: { band: string; customers: number; movement: { up: number; down: number; same: number; new: number } | null;
    balances: { currency: string; amount: number; scored: number; expected_recovery: number | null }[] }[] }

/** Six customers, eight monthly invoices each paid (the odd ones 20 days late, the even ones a week early), one more open each: (100 + c).00 EUR. */
function files(dir: string): { invoices: string; payments: string } {
  const inv = ['customer_external_id,customer_name,number,currency,amount,issue_date,due_date'];
  const pay = ['customer_external_id,invoice_number,currency,amount,date'];
  for (let c = 1; c <= 6; c++) {
    for (let k = 0; k < 9; k++) {
      const issue = addDays('2025-01-05', 30 * k + c);
      inv.push(`K${c},Customer ${c},F-${c}-${k},EUR,${100 + c}.00,${issue},${addDays(issue, 30)}`);
      if (k < 8) pay.push(`K${c},F-${c}-${k},EUR,${100 + c}.00,${addDays(issue, c % 2 ? 50 : 23)}`);
    }
  }
  // a customer in reais with nothing paid before: scored from the org's record alone
  inv.push('K7,Customer 7,G-1,BRL,75.50,2025-09-01,2025-10-01');
  writeFileSync(join(dir, 'invoices.csv'), `${inv.join('\n')}\n`);
  writeFileSync(join(dir, 'payments.csv'), `${pay.join('\n')}\n`);
  return { invoices: join(dir, 'invoices.csv'), payments: join(dir, 'payments.csv') };
}

describe('cobro dashboard risk', () => {
  let dir = '';
  const cobro = (...args: string[]) => runCobro(args, { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const json = async (...args: string[]) => JSON.parse((await cobro('dashboard', 'risk', '--json', ...args)).stdout) as Risk;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-risk-')); await pgliteFolder(join(dir, 'data'));
    const f = files(dir);
    await cobro('import', 'invoices', f.invoices);
    await cobro('import', 'payments', f.payments);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('says there is no score run yet, with the open balance, rather than bands of zeros', async () => {
    const text = (await cobro('dashboard', 'risk')).stdout;
    assert.match(text, /^No score run yet: risk bands and expected recovery appear after the first one/);
    // 101 + ... + 106 = 621.00 EUR among six customers; 75.50 BRL
    assert.match(text, /Open balance today \(\d{4}-\d{2}-\d{2}\): BRL 75\.50 \(1 customer\); EUR 621\.00 \(6 customers\)/);
    assert.doesNotMatch(text, /high|medium|low/);
    const r = await json();
    assert.deepEqual([r.run, r.bands], [null, []]);
  });

  it('puts every open euro in a band after a run, with the scores\' expected recovery, and tells the moves after a second', async () => {
    await cobro('score', 'run', '--as-of', '2025-10-01');
    const r = await json('--currency', 'EUR');
    assert.equal(r.run?.as_of, '2025-10-01');
    assert.equal(r.previous_run, null);
    const sum = (f: (b: Risk['bands'][number]['balances'][number]) => number | null) => r.bands.reduce((n, b) => n + (f(b.balances[0]!) ?? 0), 0);
    // nothing paid since the run: each invoice's expected recovery is the score's own, summed
    const scores = JSON.parse((await cobro('score', 'list', '--limit', '100', '--json')).stdout) as { data: { currency: string; expected_recovery: number }[] };
    const expected = scores.data.filter((s) => s.currency === 'EUR').reduce((n, s) => n + s.expected_recovery, 0);
    assert.ok(expected > 0);
    assert.deepEqual([sum((x) => x.amount), sum((x) => x.scored), sum((x) => x.expected_recovery)], [62_100, 62_100, expected]);
    assert.deepEqual([r.bands.reduce((n, b) => n + b.customers, 0), r.bands.find((b) => b.band === 'unscored')?.customers], [6, 0]);
    assert.ok(r.bands.every((b) => b.movement === null));
    // the odd customers always paid late, the even ones early: the late payers are the riskier band
    const high = r.bands.find((b) => b.band === 'high')!;
    const low = r.bands.find((b) => b.band === 'low')!;
    assert.deepEqual([high.customers, low.customers], [3, 3]);
    assert.equal(high.balances[0]!.amount, 10_100 + 10_300 + 10_500);

    await cobro('score', 'run', '--as-of', '2025-10-02');
    const again = await json();
    assert.equal(again.previous_run?.as_of, '2025-10-01');
    for (const b of again.bands.filter((x) => x.band !== 'unscored')) {
      const m = b.movement!;
      assert.equal(m.up + m.down + m.same + m.new, b.customers, b.band);
      assert.equal(m.new, 0, b.band);
    }
    const text = (await cobro('dashboard', 'risk')).stdout;
    assert.match(text, /Open balance by risk band, today \S+, bands of the score run as of 2025-10-02 \(high from 0\.6, medium from 0\.3/);
    assert.match(text, /band\s+customers\s+currency\s+balance\s+share\s+scored\s+expected recovery/);
    const highEur = again.bands.find((b) => b.band === 'high')!.balances.find((x) => x.currency === 'EUR')!;
    assert.match(text, new RegExp(`high\\s+3\\s+EUR\\s+309\\.00\\s+49\\.8%\\s+309\\.00\\s+${(highEur.expected_recovery! / 100).toFixed(2).replace('.', '\\.')}`));
    assert.match(text, /Since the run as of 2025-10-01: high \d+ up, \d+ down, 3 same, 0 new/);
  });

  it('refuses a currency that is not one, naming the option', async () => {
    await assert.rejects(cobro('dashboard', 'risk', '--currency', 'EUROS'), (e: { stderr: string }) => /--currency: /.test(e.stderr));
  });
});
