// `cobro reconcile reported-payouts`: Stripe reports a payout paid (its signed webhook, delivered in process to the
// command's PGlite folder), the statement imported through the CLI settles its credit as that payout; Stripe then reports
// it failed, and the listing shows the payout failed with its failure code and the line sent back to matching.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { putCredentials, vaultKey } from '../src/vault/index.ts';
import { deliverStripeToFolder } from './support/stripe-folder.ts';
import { mt940 } from '../src/reconciliation/testing/mt940-builder.ts';
import { cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

const session: CliSession = await cobroSession();
const now = new Date('2026-03-15T12:00:00Z');
const SECRET = 'whsec_reported_cli';
const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);

describe('cobro reconcile reported-payouts', () => {
  let dir = '';
  let org = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = async (...args: string[]) => (await session.run(args, env())).stdout;

  /** Delivers Stripe's signed payout event to the folder's database, as the webhook route would. */
  const stripeSays = (type: string, created: string) => deliverStripeToFolder(join(dir, 'data'), org, SECRET, { id: `evt_${type}`, object: 'event', type,
    created: at(created), data: { object: { id: 'po_1Cli', object: 'payout', amount: 31_000, currency: 'eur', arrival_date: at('2026-03-04T00:00:00Z'),
      status: type.slice(7), statement_descriptor: 'NOVA SHOP', failure_code: type === 'payout.failed' ? 'account_frozen' : null } } }, now);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-reported-')); await pgliteFolder(join(dir, 'data'));
    const db = await openDb({ dataDir: join(dir, 'data') });
    try {
      org = (await createOrg(db, { name: 'Nova', country: 'DE', defaultCurrency: 'EUR', defaultTimezone: 'Europe/Berlin' })).id;
      const r = await putCredentials(db, await vaultKey(db, undefined), org, 'test', 'stripe', { secrets: { secret_key: 'sk_test_cli', webhook_secret: SECRET } }, now);
      assert.ok(r.ok);
    } finally { await db.close(); }
    await stripeSays('payout.paid', '2026-03-04T06:00:00Z');
    writeFileSync(join(dir, 'march.sta'), mt940([{ date: '260305', mark: 'C', amount: '310,00', text: 'NOVA SHOP 0304', name: 'SEPA GUTSCHRIFT' }]));
  });
  after(async () => { await session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('lists the payout paid with its line, then failed with the line sent back to matching', async () => {
    assert.match(await cobro('reconcile', 'import', join(dir, 'march.sta')), /1 gateway payouts/);
    assert.match(await cobro('reconcile', 'reported-payouts'), /stripe\s+po_1Cli\s+2026-03-04\s+310\.00\s+EUR\s+paid\s+stl_\S+ payout/);
    await stripeSays('payout.failed', '2026-03-06T09:00:00Z');
    assert.match(await cobro('reconcile', 'reported-payouts', '--status', 'failed'), /po_1Cli.*failed \(account_frozen\)\s+stl_\S+ withdrawn/);
    assert.match(await cobro('reconcile', 'reported-payouts', '--status', 'paid'), /no reported payouts/);
    const listed = JSON.parse(await cobro('reconcile', 'reported-payouts', '--json')).data as { status: string; lines: { status: string; match_state: string }[] }[];
    assert.deepEqual(listed.map((p) => [p.status, p.lines.map((l) => [l.status, l.match_state])]), [['failed', [['withdrawn', 'unmatched']]]]);
    assert.match(await cobro('reconcile', 'payouts'), /no payouts/);
  });
});
