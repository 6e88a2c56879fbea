// `cobro providers set adyen` and `cobro links create` with Adyen: the account connected from JSON files (secrets shown
// by their last four characters), a payment link made at a fake Adyen through the Checkout API, a bad HMAC key refused
// naming the field.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { fakeAdyen, type FakeAdyen } from './support/providers/adyen.ts';

const session: CliSession = await cobroSession();
const HMAC = '00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF';

describe('cobro providers set adyen, then links create', () => {
  let dir = '';
  let adyen: FakeAdyen;
  const env = (allow = '127.0.0.1/32') => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '', COBRO_EGRESS_ALLOW: allow });
  const cobro = (...args: string[]) => session.run(args, env());
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-adyen-')); await pgliteFolder(join(dir, 'data'));
    adyen = await fakeAdyen({ apiKey: 'AQE_cli_test_key_12345678', merchantAccount: 'AcmeShopEUR', hmacKey: HMAC });
    writeFileSync(join(dir, 'inv.csv'), 'customer_external_id,customer_name,number,currency,amount,issue_date,due_date\n'
      + 'NOVA,Nova Textiles,NT-1,EUR,310.00,2026-02-01,2026-03-01\n');
    await cobro('import', 'invoices', join(dir, 'inv.csv'));
  });
  after(async () => { await session.close(); await adyen.close(); rmSync(dir, { recursive: true, force: true }); });

  it('refuses a key that is not hex and an api_base the egress policy does not allow, naming them; connects; and makes a Pay by Link link', async () => {
    writeFileSync(join(dir, 'adyen.json'), JSON.stringify({ merchant_account: 'AcmeShopEUR', api_base: adyen.url }));
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ api_key: 'AQE_cli_test_key_12345678', hmac_key: HMAC }));
    const guarded = await session.run(['providers', 'set', 'adyen', '--settings', join(dir, 'adyen.json'), '--secrets', join(dir, 'secrets.json')], env('10.0.0.0/8'))
      .catch((e: Error) => e);
    assert.match(String((guarded as { stderr?: string }).stderr ?? guarded), /settings\.api_base: 127\.0\.0\.1 is a loopback address/);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ api_key: 'AQE_cli_test_key_12345678', hmac_key: 'zz' }));
    const bad = await cobro('providers', 'set', 'adyen', '--settings', join(dir, 'adyen.json'), '--secrets', join(dir, 'bad.json')).catch((e: Error) => e);
    assert.match(String((bad as { stderr?: string }).stderr ?? bad), /hmac_key/);
    const set = await cobro('providers', 'set', 'adyen', '--settings', join(dir, 'adyen.json'), '--secrets', join(dir, 'secrets.json'));
    assert.match(set.stdout, /adyen connected .*api_key …5678, hmac_key …EEFF/);
    const link = JSON.parse((await cobro('links', 'create', '--customer', 'NOVA', '--json')).stdout) as { provider: string; url: string; amount: number };
    assert.equal(link.provider, 'adyen');
    assert.ok(link.url.startsWith(`${adyen.url}/PL`));
    assert.deepEqual([...adyen.links.values()].map((l) => l.amount), [{ currency: 'EUR', value: 31_000 }]);
  });
});
