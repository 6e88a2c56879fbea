import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../src/domain/dates.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

// each command runs in the file's kept cobro process (test/support/cli.ts), with its own command line, env, output and exit code

/** Ten customers, eight monthly invoices each, the odd ones paid 20 days late and the even ones a week early; and one open invoice each. */
function files(dir: string): { invoices: string; payments: string } {
  const inv = ['customer_external_id,customer_name,number,currency,amount,issue_date,due_date'];
  const pay = ['customer_external_id,invoice_number,currency,amount,date'];
  for (let c = 1; c <= 10; c++) {
    for (let k = 0; k < 9; k++) {
      const issue = addDays('2025-01-05', 30 * k + c);
      const number = `F-${c}-${k}`;
      inv.push(`K${c},Customer ${c},${number},EUR,${100 + c}.00,${issue},${addDays(issue, 30)}`);
      if (k < 8) pay.push(`K${c},${number},EUR,${100 + c}.00,${addDays(issue, c % 2 ? 50 : 23)}`);
    }
  }
  const invoices = join(dir, 'invoices.csv');
  const payments = join(dir, 'payments.csv');
  writeFileSync(invoices, `${inv.join('\n')}\n`);
  writeFileSync(payments, `${pay.join('\n')}\n`);
  return { invoices, payments };
}

describe('cobro score', () => {
  let dir = '';
  const cobro = (...args: string[]) => runCobro(args, { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-score-')); await pgliteFolder(join(dir, 'data'));
    const f = files(dir);
    await cobro('import', 'invoices', f.invoices);
    await cobro('import', 'payments', f.payments);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('backtests as of a day, printing AUC, Brier, calibration and the baseline, and writing the predictions', async () => {
    const out = join(dir, 'predictions.csv');
    const { stdout } = await cobro('score', 'backtest', '--as-of', '2025-06-01', '--out', out);
    assert.match(stdout, /Backtest as of 2025-06-01: scorecard trained on \d+ invoices/);
    assert.match(stdout, /customer's past late share\s+0\.\d{4}\s+0\.\d{4}/);
    assert.match(stdout, /Calibration by decile/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'invoice_id,number,customer,issue_date,due_date,probability_late,expected_days_late,baseline_late_share,late,days_late,still_open,reasons');
    const json = JSON.parse((await cobro('score', 'backtest', '--as-of', '2025-06-01', '--json')).stdout);
    assert.equal(lines.length - 1, json.scored);
    // the last invoice of each customer is still open past its due date: late, though the even customers always paid early
    assert.equal(lines.filter((l) => /,true,\d+,true,/.test(l)).length, 10);
    assert.equal(json.scored, 40);
    assert.ok(json.auc >= 0.75 && json.auc === json.baseline.auc, `${json.auc} ${json.baseline.auc}`);
    assert.equal(json.calibration.length, 10);
    assert.equal(typeof json.brier, 'number');
  });

  it('runs scoring on the open invoices, lists them with reasons and shows the model versions', async () => {
    const r = JSON.parse((await cobro('score', 'run', '--as-of', '2025-10-01', '--json')).stdout);
    assert.equal(r.invoices, 10);
    const list = JSON.parse((await cobro('score', 'list', '--customer', 'K1', '--json')).stdout);
    assert.equal(list.data.length, 1);
    assert.match(list.data[0].reasons[0].text, /paid 8 of 8 past invoices late/);
    const text = (await cobro('score', 'list', '--limit', '3')).stdout;
    assert.match(text, /Scores as of 2025-10-01/);
    const again = JSON.parse((await cobro('score', 'train', '--as-of', '2025-10-03', '--if-older-than', '7', '--json')).stdout);
    assert.equal(again.trained, false);
    const models = JSON.parse((await cobro('score', 'models', '--json')).stdout);
    assert.deepEqual(models.map((m: { version: number; kind: string }) => [m.version, m.kind]), [[1, 'scorecard']]);
  });

  it('shows and changes the risk band thresholds, refusing a bad one with the option named', async () => {
    assert.deepEqual(JSON.parse((await cobro('score', 'bands', '--json')).stdout), { medium_from: 0.3, high_from: 0.6 });
    assert.match((await cobro('score', 'bands', '--high-from', '0.75')).stdout, /medium from 0.3, high from 0.75/);
    await assert.rejects(cobro('score', 'bands', '--medium-from', '0.9'), (e: { stderr: string }) => /--medium-from: medium_from must not exceed high_from/.test(e.stderr));
    assert.deepEqual(JSON.parse((await cobro('score', 'bands', '--json')).stdout), { medium_from: 0.3, high_from: 0.75 });
  });

  it('rejects a bad day with the option named', async () => {
    await assert.rejects(cobro('score', 'backtest', '--as-of', '2025-13-01'), (e: { stderr: string }) => /--as-of.*YYYY-MM-DD/.test(e.stderr));
  });
});
