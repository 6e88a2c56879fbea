// `cobro reconcile payouts|not-payout|payout`: an org with Stripe connected imports a statement holding Stripe's
// payout; the payout is listed and not on the queue, undone it is matched as before, marked again it leaves the queue.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mt940 } from '../src/reconciliation/testing/mt940-builder.ts';
import { cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

const session: CliSession = await cobroSession();

describe('cobro reconcile payouts', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = (...args: string[]) => session.run(args, env());
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-payouts-')); await pgliteFolder(join(dir, 'data'));
    writeFileSync(join(dir, 'inv.csv'), 'customer_external_id,customer_name,number,currency,amount,issue_date,due_date\n'
      + 'NOVA,Nova Textiles,NT-1,EUR,310.00,2026-02-01,2026-03-01\nNOVA,Nova Textiles,NT-2,EUR,250.00,2026-02-01,2026-03-01\n');
    await cobro('import', 'invoices', join(dir, 'inv.csv'));
    writeFileSync(join(dir, 'stripe.json'), JSON.stringify({ secret_key: 'sk_test_payouts', webhook_secret: 'whsec_payouts' }));
    await cobro('providers', 'set', 'stripe', '--secrets', join(dir, 'stripe.json'));
    writeFileSync(join(dir, 'march.sta'), mt940([
      { date: '260305', mark: 'C', amount: '310,00', text: 'NT-1', name: 'NOVA TEXTILES' },
      { date: '260306', mark: 'C', amount: '250,00', text: 'STRIPE PAYOUT po_1MarchX', name: 'STRIPE PAYMENTS EUROPE LTD' },
    ]));
  });
  after(async () => { await session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('lists the payout apart from the queue, undoes it (matched as before) and marks it again', async () => {
    const imported = (await cobro('reconcile', 'import', join(dir, 'march.sta'))).stdout;
    assert.match(imported, /1 matched, 0 to review, 0 unmatched.*, 1 gateway payouts/);
    const payouts = JSON.parse((await cobro('reconcile', 'payouts', '--json')).stdout).data as { id: string; amount: number; payout: { gateway: string; payout_id: string } }[];
    assert.deepEqual(payouts.map((p) => [p.amount, p.payout.gateway, p.payout.payout_id]), [[25_000, 'stripe', 'po_1MarchX']]);
    assert.match((await cobro('reconcile', 'payouts')).stdout, /stripe\s+po_1MarchX\s+cobro/);
    assert.equal(JSON.parse((await cobro('reconcile', 'lines', '--json')).stdout).data.length, 0);
    const line = payouts[0]!.id;
    const undone = JSON.parse((await cobro('reconcile', 'not-payout', line, '--note', 'a customer paid through a Stripe link', '--json')).stdout);
    assert.deepEqual([undone.line.match_state, undone.reconciliation.payout], ['review', 0]);
    assert.match((await cobro('reconcile', 'payouts')).stdout, /no payouts/);
    assert.deepEqual(JSON.parse((await cobro('reconcile', 'lines', '--json')).stdout).data.map((l: { id: string }) => l.id), [line]);
    assert.match((await cobro('reconcile', 'payout', line, '--gateway', 'stripe', '--payout-id', 'po_1MarchX')).stdout, new RegExp(`${line}: payout`));
    assert.match((await cobro('reconcile', 'payouts')).stdout, /stripe\s+po_1MarchX\s+cli/);
    await assert.rejects(cobro('reconcile', 'payout', line, '--gateway', 'stripe'), (e: { code: number; stderr: string }) => e.code === 1 && /not waiting/.test(e.stderr));
  });
});
