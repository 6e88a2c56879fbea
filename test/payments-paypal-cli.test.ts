// `cobro providers set paypal` and `cobro links create` with PayPal: the REST app connected from JSON files (the secret
// shown by its last four characters), an api_base the egress policy refuses named, a webhook id not of PayPal's form
// named, a payment link made at a fake PayPal as an Orders v2 order, and `cobro gateways check` reading PayPal's
// Transaction Search.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { fakePayPal, type FakePayPal, type PayPalObject } from './support/providers/paypal.ts';

const session: CliSession = await cobroSession();
const SECRET = 'EGnHDxD_cli_test_secret_0427';

describe('cobro providers set paypal, then links create', () => {
  let dir = '';
  let paypal: FakePayPal;
  const env = (allow = '127.0.0.1/32') => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '', COBRO_EGRESS_ALLOW: allow });
  const cobro = (...args: string[]) => session.run(args, env());
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-paypal-')); await pgliteFolder(join(dir, 'data'));
    paypal = await fakePayPal({ clientId: 'AeA1QIZX_cli_client', clientSecret: SECRET, webhookId: '8PT597110X687430L' });
    writeFileSync(join(dir, 'inv.csv'), 'customer_external_id,customer_name,number,currency,amount,issue_date,due_date\n'
      + 'NOVA,Nova Textiles,NT-1,USD,310.00,2026-02-01,2026-03-01\n');
    await cobro('import', 'invoices', join(dir, 'inv.csv'));
  });
  after(async () => { await session.close(); await paypal.close(); rmSync(dir, { recursive: true, force: true }); });

  it('refuses an api_base the egress policy does not allow and a bad webhook id, naming them; connects; and makes an order', async () => {
    writeFileSync(join(dir, 'paypal.json'), JSON.stringify({ client_id: 'AeA1QIZX_cli_client', webhook_id: '8PT597110X687430L', api_base: paypal.url }));
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ client_secret: SECRET }));
    const guarded = await session.run(['providers', 'set', 'paypal', '--settings', join(dir, 'paypal.json'), '--secrets', join(dir, 'secrets.json')], env('10.0.0.0/8'))
      .catch((e: Error) => e);
    assert.match(String((guarded as { stderr?: string }).stderr ?? guarded), /settings\.api_base: 127\.0\.0\.1 is a loopback address/);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ client_id: 'AeA1QIZX_cli_client', webhook_id: 'no such id', api_base: paypal.url }));
    const bad = await cobro('providers', 'set', 'paypal', '--settings', join(dir, 'bad.json'), '--secrets', join(dir, 'secrets.json')).catch((e: Error) => e);
    assert.match(String((bad as { stderr?: string }).stderr ?? bad), /webhook_id/);
    const set = await cobro('providers', 'set', 'paypal', '--settings', join(dir, 'paypal.json'), '--secrets', join(dir, 'secrets.json'));
    assert.match(set.stdout, /paypal connected .*client_secret …0427/);
    const link = JSON.parse((await cobro('links', 'create', '--customer', 'NOVA', '--json')).stdout) as { provider: string; url: string };
    assert.equal(link.provider, 'paypal');
    assert.ok(link.url.startsWith(`${paypal.url}/checkoutnow?token=`));
    assert.deepEqual([...paypal.orders.values()].map((o) => ((o.purchase_units as PayPalObject[])[0]!).amount), [{ currency_code: 'USD', value: '310.00' }]);
  });

  it('gateways check names PayPal and records a capture cobro never heard of, from Transaction Search', async () => {
    const [order] = [...paypal.orders.values()];
    const { captureId } = paypal.payAtPayPal(String(order!.id));
    const out = await cobro('gateways', 'check');
    assert.match(out.stdout, /checked 1 paid payments on paypal since .*: 0 already in the ledger, 1 recovered, 0 adjusted, 0 unmatched/);
    assert.match(out.stdout, new RegExp(`recovered paypal ${captureId}: 310\\.00 USD`));
    assert.deepEqual(paypal.reporting.searched.map((q) => q.get('fields')), ['transaction_info']);
  });
});
