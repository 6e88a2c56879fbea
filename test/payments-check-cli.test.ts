// `cobro links` and `cobro gateways` on a PGlite folder against the fake Stripe: a part-payment link in major units, listed,
// the gateway checked, an amount over what is owed refused (the commands are pinned to the folder, so the PostgreSQL lane
// does not run this file; the nightly check itself, on either database, is test/payments-check.test.ts).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { fakeStripe, type FakeStripe } from './support/providers/stripe.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { cobroSession, type CliSession } from './support/cli.ts';

describe('cobro links and cobro gateways on the command line', () => {
  // the commands run one after another in one kept process (test/support/cli.ts), each with its own command line, env,
  // output and exit code
  let session: CliSession;
  let dir = '';
  let live: FakeStripe;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-links-'));
    live = await fakeStripe({ secretKey: 'sk_test_cli4242', webhookSecret: 'whsec_cli4242' });
    session = await cobroSession();
  });
  after(async () => { await session.close(); await live.close(); rmSync(dir, { recursive: true, force: true }); });
  const secretKey = 'a-test-vault-key-of-enough-length';
  // the fake Stripe listens on 127.0.0.1, which the CLI's egress policy refuses for an org's api_base: allowed as an operator would
  const cobro = (...args: string[]) => session.run(args,
    { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '', COBRO_SECRET_KEY: secretKey, COBRO_EGRESS_ALLOW: '127.0.0.1/32' });

  it('creates a part-payment link in major units, lists it, and checks the gateway', async () => {
    const local = await openDb({ dataDir: await pgliteFolder(join(dir, 'data')) });
    const org = (await createOrg(local, { name: 'CLI org' })).id;
    await live.connect(local, org, secretKey);
    const c = await aCustomer(local, org, { external_id: 'CLI-1' });
    const inv = await anInvoice(local, org, { customer_id: c.id, currency: 'USD', amount: 50_00 });
    await local.close();
    const created = JSON.parse((await cobro('links', 'create', '--customer', 'CLI-1', '--invoice', inv.number, '--amount', '12.34', '--json')).stdout);
    assert.deepEqual([created.amount, created.currency, created.provider, created.status], [12_34, 'USD', 'stripe', 'open']);
    assert.equal(live.created.at(-1)!.form['line_items[0][price_data][unit_amount]'], '1234');
    const listed = JSON.parse((await cobro('links', 'list', '--customer', 'CLI-1', '--json')).stdout);
    assert.deepEqual(listed.map((l: { id: string }) => l.id), [created.id]);
    const text = (await cobro('links', 'list')).stdout;
    assert.match(text, new RegExp(`${created.id}.*stripe.*open.*12\\.34`));
    const check = JSON.parse((await cobro('gateways', 'check', '--since', '2026-01-01', '--json')).stdout);
    assert.deepEqual([check.providers, check.checked], [['stripe'], 0]);
    await assert.rejects(cobro('links', 'create', '--customer', 'CLI-1', '--amount', '99.00'), (e: { code: number; stderr: string }) =>
      e.code === 1 && /exceeds what the invoices owe/.test(e.stderr));
  });
});
