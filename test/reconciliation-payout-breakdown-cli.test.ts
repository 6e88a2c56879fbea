// `cobro reconcile payout-breakdown`: a customer pays through cobro's Stripe link and Stripe pays it out (signed
// webhooks delivered in process to the command's PGlite folder); the command reads the payout's balance transactions from
// a loopback Stripe through the operator's egress allowance and prints the fees, the cobro payment of the charge and the
// check; a payout carrying a charge cobro never saw is flagged for review (exit code 3).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { replanCase } from '../src/engine/index.ts';
import { createPaymentLink } from '../src/payments/index.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { cobroSession, type CliSession } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';
import { deliverStripeToFolder } from './support/stripe-folder.ts';
import { fakeStripe, type FakeStripe, type StripeObject } from './support/providers/stripe.ts';
import { withBalance, type BalanceFake } from './support/providers/stripe-balance.ts';

const session: CliSession = await cobroSession();
const now = new Date('2026-03-15T12:00:00Z');
const SECRET = 'whsec_breakdown_cli';

describe('cobro reconcile payout-breakdown', () => {
  let dir = '';
  let org = '';
  let stripe: FakeStripe;
  let balance: BalanceFake;
  let pi = '';
  const kronur: string[] = [];
  const env = (allow = '127.0.0.1') => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '', COBRO_EGRESS_ALLOW: allow });
  const cobro = async (...args: string[]) => (await session.run(args, env())).stdout;

  const deliver = (event: StripeObject) => deliverStripeToFolder(join(dir, 'data'), org, SECRET, { ...event, created: Math.floor(now.getTime() / 1000) }, now);
  const paid = (payout: StripeObject): StripeObject => ({ id: `evt_${String(payout.id)}`, object: 'event', type: 'payout.paid', data: { object: payout } });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cobro-breakdown-')); await pgliteFolder(join(dir, 'data'));
    stripe = await fakeStripe({ secretKey: 'sk_test_breakdown_cli', webhookSecret: SECRET, now: () => now });
    balance = withBalance(stripe);
    const db = await openDb({ dataDir: join(dir, 'data') });
    let event: StripeObject;
    const isk: StripeObject[] = [];
    try {
      org = (await createOrg(db, { name: 'Nova', country: 'DE', defaultCurrency: 'EUR', defaultTimezone: 'Europe/Berlin' })).id;
      await stripe.connect(db, org);
      const paying = async (currency: string, amount: number) => {
        const c = await aCustomer(db, org, { country: 'DE', timezone: 'Europe/Berlin' });
        await anInvoice(db, org, { customer_id: c.id, currency, amount, due_date: '2026-02-01' });
        await replanCase(db, org, c.id, now);
        const link = await createPaymentLink({ db, publicUrl: 'https://cobro.example' }, org, 'test', { customerId: c.id, source: 'api' }, now);
        assert.ok(link.ok);
        return stripe.complete([...stripe.sessions.values()].find((s) => s.client_reference_id === link.value.id)!.id as string);
      };
      event = await paying('EUR', 250_00);
      pi = (event.data as { object: { payment_intent: string } }).object.payment_intent;
      // ISK 1,500 and 31: Stripe's fees 43.80 and 1.20
      isk.push(await paying('ISK', 1_500), await paying('ISK', 31));
    } finally { await db.close(); }
    for (const e of [event, ...isk]) await deliver(e);
    kronur.push(...isk.map((e) => (e.data as { object: { payment_intent: string } }).object.payment_intent));
  });
  after(async () => { await stripe.close(); await session.close(); rmSync(dir, { recursive: true, force: true }); });

  it('reads a paid payout\'s transactions on demand and prints its fees and the charge\'s payment; balanced', async () => {
    const payout = balance.payout([pi]);
    await deliver(paid(payout));
    assert.match(await cobro('reconcile', 'payout-breakdown', `stripe:${String(payout.id)}`), /transactions: pending, 0 kept\nnot checked/);
    const out = await cobro('reconcile', 'payout-breakdown', `stripe:${String(payout.id)}`, '--refetch');
    // 2.9% + 0.30 of 250.00
    assert.match(out, /242\.45 EUR arriving .*\(paid\)/);
    assert.match(out, /check: balanced: gross 250\.00, fees 7\.55, net 242\.45, difference 0\.00/);
    assert.match(out, new RegExp(`pay_\\S+\\s+${pi}\\s+cus_\\S+\\s+250\\.00\\s+7\\.55\\s+242\\.45`));
    assert.equal(balance.queries.at(-1)?.get('payout'), payout.id);
    const json = JSON.parse(await cobro('reconcile', 'payout-breakdown', `stripe:${String(payout.id)}`, '--json')) as { breakdown: { check: { result: string } } };
    assert.equal(json.breakdown.check.result, 'balanced');
  });

  it('flags a payout carrying a charge cobro never saw, exit code 3; refuses a loopback Stripe the operator did not allow', async () => {
    const payout = balance.payout([pi], { extra: [balance.foreignCharge(10_00, 'eur')] });
    await deliver(paid(payout));
    await assert.rejects(session.run(['reconcile', 'payout-breakdown', `stripe:${String(payout.id)}`, '--refetch'], env()),
      (e: { code: number; stdout: string }) => e.code === 3 && /REVIEW UNKNOWN_CHARGE \(payment_intent\): charge pi_/.test(e.stdout));
    const asked = balance.queries.length;
    await assert.rejects(session.run(['reconcile', 'payout-breakdown', `stripe:${String(payout.id)}`, '--refetch'], env('')),
      (e: { code: number; stdout: string }) => e.code === 3 && /last read failed: .*refused/i.test(e.stdout));
    assert.equal(balance.queries.length, asked);
    await assert.rejects(cobro('reconcile', 'payout-breakdown', 'po_nogateway'), /id: use gateway:payout_id/);
  });

  it('prints an ISK payout in whole kronur, with Stripe\'s two-decimal fee beside the rounded one; balanced', async () => {
    const payout = balance.payout(kronur);
    await deliver(paid(payout));
    const out = await cobro('reconcile', 'payout-breakdown', `stripe:${String(payout.id)}`, '--refetch');
    assert.match(out, /check: balanced: gross 1531, fees 45, net 1486, difference 0/);
    assert.match(out, /charge .* 1500 +44 \(43\.80\) +1456 \(1456\.20\)/);
  });

  it('shows a manual payout for review (exit code 3) without asking Stripe for its transactions, and settles it by hand with --settle', async () => {
    const payout = balance.payout([pi], { manual: true });
    await deliver(paid(payout));
    const asked = balance.queries.length;
    const id = `stripe:${String(payout.id)}`;
    await assert.rejects(session.run(['reconcile', 'payout-breakdown', id, '--refetch'], env()),
      (e: { code: number; stdout: string }) => e.code === 3 && /transactions: not listed \(a manual payout/.test(e.stdout)
        && /REVIEW MANUAL_PAYOUT \(automatic\): .* is a manual payout/.test(e.stdout));
    assert.equal(balance.queries.length, asked);
    const out = await cobro('reconcile', 'payout-breakdown', id, '--settle', 'checked against the balance report');
    assert.match(out, /check: settled: .*\nsettled by hand by cli at .*: checked against the balance report/);
    await assert.rejects(session.run(['reconcile', 'payout-breakdown', id, '--settle', 'again'], env()), /only a payout for review is settled by hand/);
  });
});
