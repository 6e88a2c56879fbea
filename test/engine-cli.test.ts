// The engine's commands: simulate over the IBM history, run a tick, and list strategies, segments, cases and tasks.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

const IBM = fileURLToPath(new URL('../../shared/data/ar/ibm-late-payment/WA_Fn-UseC_-Accounts-Receivable.csv', import.meta.url));
const mapping = (kind: string) => fileURLToPath(new URL(`../examples/ibm/${kind}.mapping.json`, import.meta.url));

describe('the engine commands', () => {
  let dir = '';
  // each command runs in the file's kept cobro process (test/support/cli.ts), with its own command line, env, output and exit code
  const cobro = (data: string, ...args: string[]) =>
    runCobro(args, { ...process.env, COBRO_DATA_DIR: join(dir, data), COBRO_DEMO: '0', DATABASE_URL: '' });
  // both folders start from the migrated image (test/cli.test.ts keeps the path from an empty folder)
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-engine-cli-'));
    await pgliteFolder(join(dir, 'ibm'));
    await pgliteFolder(join(dir, 'small'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('simulates the IBM history without planning anything for a settled invoice', async () => {
    await cobro('ibm', 'import', 'invoices', IBM, '--mapping', mapping('invoices'));
    await cobro('ibm', 'import', 'payments', IBM, '--mapping', mapping('payments'));
    const { stdout } = await cobro('ibm', 'simulate', '--from', '2013-02-01', '--to', '2013-02-28', '--strategy', 'smb-default', '--json');
    const sim = JSON.parse(stdout) as { days: unknown[]; actions: { date: string; kind: string }[] };
    assert.equal(sim.days.length, 28);
    // the history has no contacts: messages are skipped for want of a channel, call tasks remain
    assert.ok(sim.actions.length > 0 && sim.actions.every((a) => a.kind === 'task' && a.date >= '2013-02-01'));
    const text = (await cobro('ibm', 'simulate', '--from', '2013-02-01', '--to', '2013-02-03')).stdout;
    assert.match(text, /Per day/);
    // --segments-file: a list not saved (everyone on gentle) assigns the run's customers, nothing is stored; a bad list is
    // refused naming the segment's field as POST /v1/simulations does
    const unsaved = join(dir, 'unsaved-segments.json');
    writeFileSync(unsaved, JSON.stringify([{ id: 'all', name: 'All', strategyId: 'gentle', when: {} }]));
    const given = JSON.parse((await cobro('ibm', 'simulate', '--from', '2013-02-01', '--to', '2013-02-28', '--strategy', 'smb-default', '--segments',
      '--segments-file', unsaved, '--json')).stdout) as { customers: { count: number; reason: string } };
    assert.equal(given.customers.count, 0);
    assert.match(given.customers.reason, /no segment given sends customers to smb-default/);
    assert.doesNotMatch((await cobro('ibm', 'segments')).stdout, /\ball\b.*gentle/, 'the list was not saved');
    writeFileSync(unsaved, JSON.stringify([{ id: 'all', name: 'All', strategyId: 'no-such', when: {} }]));
    await assert.rejects(cobro('ibm', 'simulate', '--from', '2013-02-01', '--to', '2013-02-03', '--segments-file', unsaved),
      (e: { stderr: string }) => /segments\.0\.strategyId: no active strategy no-such/.test(e.stderr));
  });

  it('runs a tick that opens a case and plans its step, then lists cases, strategies, segments and tasks', async () => {
    const file = join(dir, 'invoices.csv');
    writeFileSync(file, 'customer_external_id,customer_email,number,currency,amount,issue_date,due_date\nA-1,ap@a.example,F-1,USD,100.00,2026-02-01,2026-03-02\n');
    await cobro('small', 'import', 'invoices', file);
    const tick = JSON.parse((await cobro('small', 'run', '--as-of', '2026-03-05T15:00:00Z', '--json')).stdout);
    assert.deepEqual([tick.sync.opened, tick.cases, tick.planned, tick.actions[0].stepId], [1, 1, 1, 'after-3']);
    const dry = JSON.parse((await cobro('small', 'run', '--as-of', '2026-03-17', '--dry-run', '--json')).stdout);
    assert.deepEqual([dry.dryRun, dry.actions.map((a: { stepId: string }) => a.stepId)], [true, ['after-15']]);
    const cases = JSON.parse((await cobro('small', 'cases', '--json')).stdout);
    assert.deepEqual(cases.data.map((c: { status: string; current_step_id: string }) => [c.status, c.current_step_id]), [['open', 'after-3']]);
    assert.match((await cobro('small', 'strategies')).stdout, /smb-default\s+1\s+yes/);
    assert.match((await cobro('small', 'segments')).stdout, /everyone-else/);
    assert.equal(JSON.parse((await cobro('small', 'tasks', '--json')).stdout).data.length, 0, 'the dry run created no task');
  });
});
