// `cobro disputes evidence accept-claim` on a PayPal dispute, against the fake PayPal on loopback (the operator allowing it
// with COBRO_EGRESS_ALLOW): the note required, the claim accepted once at PayPal with the note, `show` saying so, a second
// acceptance refused. The commands are pinned to a PGlite folder, so the PostgreSQL lane does not run this file.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { aCustomer } from './support/factories.ts';
import { cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { fakePayPal, type FakePayPal } from './support/providers/paypal.ts';

const session: CliSession = await cobroSession();
const now = new Date();
const DISPUTE = 'PP-D-91215';
let dir = '';
let paypal: FakePayPal;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cobro-accept-claim-'));
  await pgliteFolder(join(dir, 'data'));
  paypal = await fakePayPal({ clientId: 'AeA1QIZXiflr1_cobro_accept_cli', clientSecret: 'EGnHDxD_accept_cli_secret', webhookId: '8PT597110X687430LKGCLI01', now: () => now });
  const db = await openDb({ dataDir: join(dir, 'data') });
  try {
    const org = (await createOrg(db, { name: 'Accept CLI', country: 'US', defaultCurrency: 'USD', defaultTimezone: 'America/New_York' })).id;
    await paypal.connect(db, org);
    const c = await aCustomer(db, org, { name: 'Ann Lee', email: 'ann@client.example' });
    await db.query(`INSERT INTO payment_links (id, org_id, customer_id, provider, status, amount, currency, invoice_ids, content_hash, idempotency_key, source,
        actor, expires_at, created_at, updated_at) VALUES ('plink_cli', $1, $2, 'paypal', 'completed', 4000, 'USD', '{}', 'h', 'plink_cli', 'api', 'test', $3, $3, $3)`,
    [org, c.id, now]);
    await db.query(`INSERT INTO gateway_payments (org_id, provider, payment_ref, link_id, customer_id, currency, captured, disputes, kept, created_at, updated_at)
      VALUES ($1, 'paypal', '3C679366HH908993F', 'plink_cli', $2, 'USD', 4000, $3::jsonb, 0, $4, $4)`, [org, c.id, JSON.stringify({ [DISPUTE]: { amount: 4000, status: 'open' } }), now]);
    paypal.disputes.set(DISPUTE, { dispute_id: DISPUTE, status: 'WAITING_FOR_SELLER_RESPONSE' });
  } finally { await db.close(); }
});
after(async () => { await paypal.close(); rmSync(dir, { recursive: true, force: true }); });

const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '', COBRO_EGRESS_ALLOW: '127.0.0.1/32' });
const cobro = async (...args: string[]) => (await session.run(args, env())).stdout;

describe('cobro disputes evidence accept-claim', () => {
  it('accepts a PayPal claim once, with its note', async () => {
    await assert.rejects(session.run(['disputes', 'evidence', 'accept-claim', DISPUTE], env()), /--note/);
    await assert.rejects(session.run(['disputes', 'evidence', 'accept-claim', DISPUTE, '--note', ' '], env()), /note: PayPal takes a note of 1 to 2000 characters/);
    assert.equal(paypal.claimsAccepted.length, 0);
    const done = JSON.parse(await cobro('disputes', 'evidence', 'accept-claim', DISPUTE, '--note', 'Refund the customer in full.', '--json')) as { status: string; answer: string };
    assert.deepEqual([done.status, done.answer], ['submitted', 'accept_claim']);
    assert.deepEqual(paypal.claimsAccepted.map((c) => [c.dispute, c.body]), [[DISPUTE, { note: 'Refund the customer in full.' }]]);
    assert.match(await cobro('disputes', 'evidence', 'show', DISPUTE), /claim accepted .* by cli/);
    await assert.rejects(session.run(['disputes', 'evidence', 'accept-claim', DISPUTE, '--note', 'again'], env()), /already accepted at PayPal/);
    assert.equal(paypal.claimsAccepted.length, 1);
  });
});
