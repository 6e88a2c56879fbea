// `cobro reconcile`: import a statement, list the review queue, accept, reject and change proposals, match again, learned aliases.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mt940 } from '../src/reconciliation/testing/mt940-builder.ts';
import { cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

// the commands run one after another in one kept process (test/support/cli.ts), each with its own command line, env,
// output and exit code
const session: CliSession = await cobroSession();

describe('cobro reconcile', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = (...args: string[]) => session.run(args, env());
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-rec-')); await pgliteFolder(join(dir, 'data'));
    writeFileSync(join(dir, 'inv.csv'), 'customer_external_id,customer_name,number,currency,amount,issue_date,due_date\n'
      + 'NOVA,Nova Textiles,NT-40001,EUR,310.00,2026-02-01,2026-03-01\nNOVA,Nova Textiles,NT-40002,EUR,77.70,2026-02-01,2026-03-01\n'
      + 'NOVA,Nova Textiles,NT-40003,EUR,12.00,2026-02-01,2026-03-01\n');
    await cobro('import', 'invoices', join(dir, 'inv.csv'));
    writeFileSync(join(dir, 'march.sta'), mt940([
      { date: '260305', mark: 'C', amount: '310,00', text: 'NT 40001', name: 'NOVA TEXTILES' },
      { date: '260306', mark: 'C', amount: '77,70', text: 'march', name: 'Nova Textile' },
      { date: '260307', mark: 'C', amount: '12,00', text: 'x', name: 'Other Person' },
    ]));
  });
  after(async () => { await session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('imports a statement, prints the queue, accepts one proposal and rejects another', async () => {
    const report = JSON.parse((await cobro('reconcile', 'import', join(dir, 'march.sta'), '--format', 'auto', '--json')).stdout);
    assert.deepEqual([report.new_lines, report.reconciliation.matched, report.reconciliation.review], [3, 1, 2]);
    const again = (await cobro('reconcile', 'import', join(dir, 'march.sta'))).stdout;
    assert.match(again, /3 lines, 0 new, 3 already imported/);
    const queue = JSON.parse((await cobro('reconcile', 'review', '--json')).stdout).data as { id: string; line: { amount: number } }[];
    assert.equal(queue.length, 2);
    const text = (await cobro('reconcile', 'review')).stdout;
    assert.match(text, /confidence/);
    const byName = queue.find((p) => p.line.amount === 7_770)!;
    const other = queue.find((p) => p.line.amount === 1_200)!;
    assert.match((await cobro('reconcile', 'accept', byName.id)).stdout, new RegExp(`${byName.id} applied: payment pay_`));
    assert.match((await cobro('reconcile', 'reject', other.id)).stdout, new RegExp(`${other.id} rejected`));
    const invoices = JSON.parse((await cobro('invoices', '--json')).stdout).data as { number: string; status: string }[];
    assert.deepEqual(invoices.map((i) => [i.number, i.status]).sort(), [['NT-40001', 'paid'], ['NT-40002', 'paid'], ['NT-40003', 'open']]);
    await assert.rejects(cobro('reconcile', 'accept', other.id), (e: { code: number; stderr: string }) => e.code === 1 && /rejected/.test(e.stderr));
  });

  it('lists and forgets learned names, changes a proposal with a bank fee and matches again after new invoices', async () => {
    const aliases = JSON.parse((await cobro('reconcile', 'aliases', '--kind', 'name', '--json')).stdout).data as { value: string }[];
    assert.deepEqual(aliases.map((a) => a.value), ['nova textile', 'nova textiles']);
    assert.match((await cobro('reconcile', 'aliases')).stdout, /nova textiles/);
    assert.match((await cobro('reconcile', 'forget-alias', '--name', 'NOVA TEXTILE')).stdout, /forgot 1 learned payer alias\n/);
    writeFileSync(join(dir, 'more.csv'), 'customer_external_id,customer_name,number,currency,amount,issue_date,due_date\n'
      + 'NOVA,Nova Textiles,NT-40009,EUR,55.00,2026-03-01,2026-04-01\n');
    await cobro('import', 'invoices', join(dir, 'more.csv'));
    writeFileSync(join(dir, 'april.sta'), mt940([{ date: '260402', mark: 'C', amount: '50,00', text: 'NT 40009', name: 'A Friend' },
      { date: '260403', mark: 'C', amount: '64,00', text: 'NT 40010', name: 'A Friend' }], { id: 'APR' }));
    const report = JSON.parse((await cobro('reconcile', 'import', join(dir, 'april.sta'), '--json')).stdout);
    assert.deepEqual([report.reconciliation.review, report.reconciliation.unmatched], [1, 1]);
    const [p] = JSON.parse((await cobro('reconcile', 'review', '--json')).stdout).data as { id: string }[];
    const changed = (await cobro('reconcile', 'change', p!.id, '--pay', 'NT-40009=50.00', '--fee', 'NT-40009=5.00')).stdout;
    assert.match(changed, new RegExp(`${p!.id} applied: payment pay_\\w+, bank fee 500`));
    writeFileSync(join(dir, 'late.csv'), 'customer_external_id,customer_name,number,currency,amount,issue_date,due_date\n'
      + 'NOVA,Nova Textiles,NT-40010,EUR,64.00,2026-03-01,2026-04-01\n');
    await cobro('import', 'invoices', join(dir, 'late.csv'));
    assert.match((await cobro('reconcile', 'rerun', '--dry-run')).stdout,
      /2 waiting lines matched again \(dry run: nothing booked or queued\): 1 would be applied, 0 would be in review, 1 still unmatched/);
    assert.match((await cobro('reconcile', 'rerun')).stdout, /2 waiting lines matched again: 1 applied, 0 in review, 1 still unmatched/);
    const invoices = JSON.parse((await cobro('invoices', '--json')).stdout).data as { number: string; status: string }[];
    assert.deepEqual(invoices.filter((i) => i.number >= 'NT-40009').map((i) => [i.number, i.status]).sort(), [['NT-40009', 'paid'], ['NT-40010', 'paid']]);
    await assert.rejects(cobro('reconcile', 'release', 'stl_nope'), (e: { code: number; stderr: string }) => e.code === 1 && /no statement line/.test(e.stderr));
  });

  it('lists waiting lines, marks one not ours, puts it back and applies it to an invoice chosen by hand', async () => {
    const waiting = JSON.parse((await cobro('reconcile', 'lines', '--json')).stdout).data as { id: string; amount: number; match_state: string }[];
    const line = waiting.find((l) => l.amount === 1_200);
    assert.ok(line, JSON.stringify(waiting));
    assert.match((await cobro('reconcile', 'lines')).stdout, new RegExp(`${line.id} .* unmatched`));
    assert.equal((await cobro('reconcile', 'not-ours', line.id, '--note', 'looked like a refund')).stdout, `${line.id}: not_receivable\n`);
    const dismissed = JSON.parse((await cobro('reconcile', 'lines', '--state', 'not_receivable', '--json')).stdout).data as { id: string }[];
    assert.deepEqual(dismissed.map((l) => l.id), [line.id]);
    assert.equal((await cobro('reconcile', 'restore', line.id)).stdout, `${line.id}: unmatched\n`);
    await assert.rejects(cobro('reconcile', 'restore', line.id), (e: { code: number; stderr: string }) => e.code === 1 && /not marked not ours/.test(e.stderr));
    await assert.rejects(cobro('reconcile', 'assign', line.id, '--pay', 'NT-40003'), (e: { code: number; stderr: string }) => e.code === 1 && /INVOICE=AMOUNT/.test(e.stderr));
    assert.match((await cobro('reconcile', 'assign', line.id, '--pay', 'NT-40003=12.00')).stdout, new RegExp(`${line.id} applied \\(\\w+\\): payment pay_`));
    const invoices = JSON.parse((await cobro('invoices', '--json')).stdout).data as { number: string; status: string }[];
    assert.equal(invoices.find((i) => i.number === 'NT-40003')?.status, 'paid');
  });

  it('rejects a bad file naming the line, and exits non-zero', async () => {
    const bad = join(dir, 'bad.sta');
    writeFileSync(bad, ':20:X\r\n:25:A\r\n:60F:C260101EUR0,00\r\n:61:261399C5,00NTRF\r\n-\r\n');
    await assert.rejects(cobro('reconcile', 'import', bad), (e: { code: number; stdout: string }) => e.code === 1 && /line 4/.test(e.stdout));
  });
});
