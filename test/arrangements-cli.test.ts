// The arrangement commands of `cobro` on an embedded database: limits, promises, plans, disputes, extensions, discounts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../src/domain/index.ts';
import { cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

// the commands run one after another in one kept process (test/support/cli.ts), each with its own command line, env,
// output and exit code
const session: CliSession = await cobroSession();
// the CLI runs on the real clock: dates are counted from today (UTC, the org's default zone)
const today = new Date().toISOString().slice(0, 10);

describe('the arrangement commands', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = async (...args: string[]) => (await session.run(args, env())).stdout;
  const json = async (...args: string[]) => JSON.parse(await cobro(...args, '--json'));
  const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-arrangements-cli-')); await pgliteFolder(join(dir, 'data'));
    await cobro('import', 'customers', file('c.csv', 'external_id,name,email\nP-1,Promesas SA,p@example.com\nL-1,Plazos SA,l@example.com\nD-1,Disputas SA,d@example.com\n'));
    await cobro('import', 'invoices', file('i.csv', `customer_external_id,number,currency,amount,issue_date,due_date
P-1,P-100,USD,1000.00,${addDays(today, -40)},${addDays(today, -10)}
L-1,L-100,USD,3000.00,${addDays(today, -40)},${addDays(today, -10)}
D-1,D-100,USD,500.00,${addDays(today, -40)},${addDays(today, -10)}
D-1,D-101,USD,700.00,${addDays(today, -40)},${addDays(today, -10)}
`));
  });
  after(async () => { await session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('prints and changes the negotiation limits', async () => {
    const limits = JSON.parse(await cobro('limits'));
    assert.deepEqual([limits.promiseMaxDays, limits.planMaxInstalments], [14, 6]);
    const changed = JSON.parse(await cobro('limits', '--set', file('limits.json', '{"promiseMaxDays": 21}')));
    assert.equal(changed.promiseMaxDays, 21);
    await assert.rejects(cobro('limits', '--set', file('bad.json', '{"promiseMaxDays": -1}')), (e: { code: number; stderr: string }) =>
      e.code === 1 && /promiseMaxDays/.test(e.stderr));
  });

  it('adds, lists and reports promises, amounts in major units', async () => {
    const p = await json('promises', 'add', '--customer', 'P-1', '--amount', '400.00', '--date', addDays(today, 20), '--channel', 'phone');
    assert.deepEqual([p.amount, p.currency, p.status, p.due_date], [40_000, 'USD', 'pending', addDays(today, 20)]);
    await assert.rejects(cobro('promises', 'add', '--customer', 'P-1', '--amount', '100.00', '--date', addDays(today, 5)),
      (e: { stderr: string }) => /amount: a promise must cover at least 25000/.test(e.stderr));
    assert.match(await cobro('promises', 'list'), /P-1|pending/);
    const report = await json('promises', 'report', '--from', today, '--to', addDays(today, 30));
    assert.deepEqual([report.total.pending, report.by_channel[0].channel], [1, 'phone']);
  });

  it('previews, creates, lists and cancels a plan', async () => {
    const preview = await json('plans', 'preview', '--customer', 'L-1', '--instalments', '3', '--down', '600.00');
    assert.deepEqual(preview.instalments.map((i: { amount: number }) => i.amount), [60_000, 80_000, 80_000, 80_000]);
    assert.match(await cobro('plans', 'preview', '--customer', 'L-1', '--instalments', '3'), /down/);
    const plan = await json('plans', 'create', '--customer', 'L-1', '--instalments', '3', '--frequency', 'biweekly');
    assert.deepEqual([plan.status, plan.total, plan.frequency], ['active', 300_000, 'biweekly']);
    const list = await json('plans', 'list', '--customer', 'L-1');
    assert.deepEqual(list.map((x: { id: string }) => x.id), [plan.id]);
    assert.match(await cobro('plans', 'cancel', plan.id, '--reason', 'test'), /cancelled/);
  });

  it('opens a dispute with an attachment, lists and resolves it; gives an extension and offers a discount', async () => {
    const d = await json('disputes', 'open', '--customer', 'D-1', '--invoices', 'D-100', '--reason', 'already_paid', '--text', 'paid by transfer',
      '--attachment', file('proof.txt', 'transfer 2026-02-28, reference D-100'));
    assert.deepEqual([d.status, d.attachment.content_type, d.invoice_ids.length], ['open', 'text/plain', 1]);
    const open = await json('disputes', 'list', '--status', 'open');
    assert.deepEqual(open.map((x: { id: string }) => x.id), [d.id]);
    assert.match(await cobro('disputes', 'resolve', d.id, '--outcome', 'invalid', '--note', 'no such transfer'), /resolved invalid/);
    const x = await json('extensions', 'add', '--customer', 'D-1', '--days', '5');
    assert.equal(x.new_due_date, addDays(today, 5));
    assert.match(await cobro('discounts', 'offer', '--customer', 'D-1', '--percent', '2', '--pay-by', addDays(today, 3)),
      new RegExp(`^discount dso_\\w+: 24.00 off if 1176.00 USD is paid by ${addDays(today, 3)}`));
    const evaluated = JSON.parse(await cobro('arrangements', 'evaluate'));
    assert.deepEqual(Object.keys(evaluated), ['promises', 'plans', 'discounts', 'replanned']);
  });

  it('applies the discount a CSV import of payments earns, in the import', async () => {
    assert.match(await cobro('import', 'payments', file('p.csv', `customer_external_id,amount,currency,date\nD-1,1176.00,USD,${today}\n`)), /1 new/);
    const [offer] = JSON.parse(await cobro('discounts', 'list', '--customer', 'D-1'));
    assert.deepEqual([offer.status, offer.applied_amount], ['applied', 2_400]);
    const evaluated = JSON.parse(await cobro('arrangements', 'evaluate'));
    assert.deepEqual(evaluated.discounts, {}, 'the round finds nothing left to apply');
  });
  it('confirms what staff record as the org\'s setting says, unless the command says otherwise', async () => {
    assert.deepEqual(JSON.parse(await cobro('confirmations', 'settings')), { staff_arrangements: true });
    const told = await json('promises', 'add', '--customer', 'P-1', '--amount', '450.00', '--date', addDays(today, 10), '--confirm', 'no');
    assert.deepEqual(told.confirmation, { message_id: null, skipped: 'the request asked for no confirmation' });
    assert.deepEqual(JSON.parse(await cobro('confirmations', 'settings', '--staff', 'no')), { staff_arrangements: false });
    const off = await json('promises', 'add', '--customer', 'P-1', '--amount', '500.00', '--date', addDays(today, 10));
    assert.deepEqual(off.confirmation, { message_id: null, skipped: 'the org has confirmations of staff arrangements turned off' });
    assert.match(await cobro('promises', 'add', '--customer', 'P-1', '--amount', '550.00', '--date', addDays(today, 10), '--confirm', 'yes'),
      /^promise \S+: 550\.00 USD by .*; (confirmation msg_\S+ queued|no confirmation: the customer has no case)$/m);
    await assert.rejects(cobro('promises', 'add', '--customer', 'P-1', '--amount', '600.00', '--date', addDays(today, 10), '--confirm', 'maybe'),
      (e: { stderr: string }) => /--confirm: yes or no/.test(e.stderr));
    assert.deepEqual(JSON.parse(await cobro('confirmations', 'settings', '--staff', 'yes')), { staff_arrangements: true });
  });
  it('cancels a promise and a plan, confirmed to the customer in staff\'s wording unless --confirm no', async () => {
    const p = await json('promises', 'add', '--customer', 'L-1', '--amount', '800.00', '--date', addDays(today, 7), '--confirm', 'no');
    const quiet = await json('promises', 'cancel', p.id, '--reason', 'entered by mistake', '--confirm', 'no');
    assert.deepEqual([quiet.status, quiet.confirmation], ['cancelled', { message_id: null, skipped: 'the request asked for no confirmation' }]);
    await assert.rejects(cobro('promises', 'cancel', p.id), (e: { stderr: string }) => /id: promise \S+ is already cancelled/.test(e.stderr));
    const plan = await json('plans', 'create', '--customer', 'L-1', '--instalments', '2', '--confirm', 'no');
    await assert.rejects(cobro('plans', 'cancel', plan.id, '--confirm', 'maybe'), (e: { stderr: string }) => /--confirm: yes or no/.test(e.stderr));
    assert.match(await cobro('plans', 'cancel', plan.id), /^plan \S+ cancelled; confirmation msg_\S+ queued$/m);
    assert.match(await cobro('outbox'), /portal-plan-cancelled-by-staff/);
  });
});
