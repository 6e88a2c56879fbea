// `cobro simulate --strategy ID --version N`: a stored draft version simulated in place of the active one, from the terminal;
// `--segments` runs only the customers the org's segments put on the strategy (the API's default run).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STRATEGIES } from '../src/strategy/defaults.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

// each command runs in the file's kept cobro process (test/support/cli.ts), with its own command line, env, output and exit code

describe('simulating a draft version from the CLI', () => {
  let dir = '';
  const cobro = (...args: string[]) =>
    runCobro(args, { ...process.env, COBRO_DATA_DIR: join(dir, 'db'), COBRO_DEMO: '0', DATABASE_URL: '' });
  before(async () => { dir = mkdtempSync(join(tmpdir(), 'cobro-drafts-cli-')); await pgliteFolder(join(dir, 'db')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the draft\'s new step where the active version has none', async () => {
    const invoices = join(dir, 'invoices.csv');
    writeFileSync(invoices, 'customer_external_id,customer_email,number,currency,amount,issue_date,due_date\nA-1,ap@a.example,F-1,USD,100.00,2026-02-01,2026-03-10\n');
    await cobro('import', 'invoices', invoices);
    const smb = DEFAULT_STRATEGIES.find((s) => s.id === 'smb-default')!;
    const steps = [...smb.steps];
    steps.splice(4, 0, { id: 'after-10', trigger: { on: 'days', days: 10 }, actions: [{ type: 'send', channels: ['email'], template: 'overdue-formal', tone: 'firm', paymentLink: false, fallback: [] }] });
    const file = join(dir, 'draft.json');
    writeFileSync(file, JSON.stringify({ id: smb.id, name: smb.name, steps }));
    await cobro('strategies', '--add', file);
    const sim = (version?: string) => cobro('simulate', '--from', '2026-03-05', '--to', '2026-03-31', '--strategy', 'smb-default', ...(version ? ['--version', version] : []), '--json')
      .then((r) => JSON.parse(r.stdout) as { actions: { date: string; step_id: string }[]; days: { date: string; by_channel: Record<string, number> }[] });
    const draft = await sim('2');
    const active = await sim();
    assert.deepEqual(draft.actions.filter((a) => a.step_id === 'after-10').map((a) => a.date), ['2026-03-20']);
    assert.equal(active.actions.filter((a) => a.step_id === 'after-10').length, 0);
    assert.equal(draft.days.find((d) => d.date === '2026-03-20')?.by_channel.email, 1);
  });

  it('with --segments plans only the customers the org\'s segments put on the strategy; without it, every customer', async () => {
    // A-1 has no paid history and no tags: the default segments send it to smb-default ("Everyone else"), not to gentle
    type Sim = { customers: { count: number; by_segment: Record<string, number>; by_band: Record<string, number>; bands_as_of: string | null }; actions: { step_id: string; strategy_id: string }[] };
    const sim = async (...args: string[]) => JSON.parse((await cobro('simulate', '--from', '2026-03-05', '--to', '2026-03-31', ...args, '--json')).stdout) as Sim;
    const gentleAll = await sim('--strategy', 'gentle');
    const gentleSegments = await sim('--strategy', 'gentle', '--segments');
    assert.ok(gentleAll.actions.some((a) => a.strategy_id === 'gentle' && a.step_id === 'after-1'), 'the old run puts A-1 on gentle');
    assert.deepEqual([gentleSegments.customers.count, gentleSegments.actions.length], [0, 0]);
    const { stdout } = await cobro('simulate', '--from', '2026-03-05', '--to', '2026-03-31', '--strategy', 'smb-default', '--segments');
    assert.match(stdout, /only the customers the org's segments put on smb-default: 1 \(everyone-else: 1\)/);
    assert.match(stdout, /; no risk scores \(no riskBand condition holds\): nothing is sent/, 'the bands the run used');
    assert.deepEqual([gentleAll.customers.by_band, gentleAll.customers.bands_as_of], [{ none: 1 }, null]);
    assert.match(stdout, /smb-default\/after-3/);
    await assert.rejects(cobro('simulate', '--from', '2026-03-05', '--to', '2026-03-31', '--segments'), /--segments needs --strategy/);
  });
});
