// `cobro worklist` and `cobro case` on an embedded database: the day's tasks with their reasons, a call with a promise, a pause.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../src/domain/index.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

// each command runs in the file's kept cobro process (test/support/cli.ts), with its own command line, env, output and exit code
// the CLI runs on the real clock: dates count from today (UTC, the org's default zone)
const today = new Date().toISOString().slice(0, 10);
// the tick plans nothing on a day off (a weekend: the next round is the next business day), so it runs as of the next
// Wednesday, and the worklist looks a week past that (a holiday on that Wednesday moves the call a day or two)
const wednesday = addDays(today, ((3 - new Date(`${today}T12:00:00Z`).getUTCDay() + 7) % 7) || 7);

describe('the worklist commands', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = async (...args: string[]) => (await runCobro(args, env())).stdout;
  const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-worklist-cli-')); await pgliteFolder(join(dir, 'data'));
    await cobro('import', 'customers', file('c.csv', 'external_id,name,email,phone\nW-1,Llamadas SA,w@example.com,+15555550100\n'));
    await cobro('import', 'invoices', file('i.csv', `customer_external_id,number,currency,amount,issue_date,due_date\nW-1,W-100,USD,1000.00,${addDays(today, -60)},${addDays(today, -40)}\n`));
    await cobro('run', '--as-of', wednesday);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the open tasks up to a day with the reason each is there, then logs a call with a promise and pauses the case', async () => {
    const w = JSON.parse(await cobro('worklist', '--date', addDays(wednesday, 7), '--json'));
    assert.equal(w.scored_as_of, null);
    assert.ok(w.data.length >= 1, JSON.stringify(w));
    const item = w.data[0];
    assert.deepEqual([item.customer_name, item.overdue_amount, item.currency], ['Llamadas SA', 100_000, 'USD']);
    assert.match(item.reason, /1000\.00 USD past due on 1 invoice.*no risk score yet/);
    assert.equal(item.value_of_acting.source, 'days_past_due');
    const lifted = JSON.parse(await cobro('priorities', '--lift', 'call=0.5', '--minute-cost', 'usd=1.00', '--json'));
    assert.deepEqual([lifted.lift.call, lifted.minute_cost.USD], [0.5, 100]);
    const again = JSON.parse(await cobro('worklist', '--date', addDays(wednesday, 7), '--json')).data.find((x: { id: string }) => x.id === item.id);
    assert.deepEqual([again.value_of_acting.lift, again.value_of_acting.minute_cost], [0.5, 100]);
    await assert.rejects(cobro('priorities', '--lift', 'call=2'), /lift\.call: Too big/);
    const call = await cobro('case', 'call', item.case_id, '--outcome', 'promise', '--amount', '400.00', '--currency', 'USD', '--by', addDays(today, 3));
    assert.match(call, new RegExp(`call logged on ${item.case_id}: promise \\(conversation\\); promise prm_\\w+ of 400\\.00 USD by ${addDays(today, 3)}`));
    const paused = await cobro('case', 'pause', item.customer_id, '--until', addDays(today, 2), '--note', 'waiting for the bank');
    assert.match(paused, new RegExp(`case ${item.case_id} paused until ${addDays(today, 2)}`));
  });
});
