// R-6, payouts the gateway reported: Stripe's payout.paid, received on the verified webhook path, is kept; a bank credit
// of that amount and currency near its arrival date that names the gateway (without payout wording), the payout's id or
// its descriptor is that payout. A customer's transfer of the same amount naming none of them, another amount, or the
// same amount weeks away, is matched as before; a bad signature keeps nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { stripeSignature } from '../compliance/index.ts';
import { putCredentials, vaultKey } from '../vault/index.ts';
import { receiveGatewayWebhook } from '../payments/webhooks.ts';
import { importStatement, listPayoutLines } from './index.ts';
import { mt940 } from './testing/mt940-builder.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });
const now = new Date('2026-03-15T12:00:00Z');
const SECRET = 'whsec_reported4242';

const payoutEvent = (id: string, amount: number, arrival: string) => ({ id: `evt_${id}`, object: 'event', type: 'payout.paid',
  created: Math.floor(now.getTime() / 1000), data: { object: { id, object: 'payout', amount, currency: 'eur',
    arrival_date: Math.floor(Date.parse(`${arrival}T00:00:00Z`) / 1000), status: 'paid', statement_descriptor: null } } });

async function deliver(org: string, event: unknown, secret = SECRET) {
  const body = Buffer.from(JSON.stringify(event));
  const t = Math.floor(now.getTime() / 1000);
  return receiveGatewayWebhook({ db }, 'stripe', org, { body, query: {},
    headers: { 'stripe-signature': `t=${t},v1=${stripeSignature(secret, t, body)}` } }, now);
}

describe('a payout Stripe reported', () => {
  it('is kept from payout.paid, and the bank credit of its amount is that payout though its text names no gateway', async () => {
    const org = await testOrg(db);
    const r = await putCredentials(db, await vaultKey(db, undefined), org, 'test', 'stripe', { secrets: { secret_key: 'sk_test_reported', webhook_secret: SECRET } }, now);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const c = await aCustomer(db, org, { name: 'Acme Industrial GmbH' });
    const open = await anInvoice(db, org, { customer_id: c.id, currency: 'EUR', number: 'F-9', amount: 64_000 });
    assert.equal((await deliver(org, payoutEvent('po_1Rep', 64_000, '2026-03-04'), 'whsec_wrong')).status, 403);
    assert.equal((await db.query('SELECT 1 FROM gateway_payouts WHERE org_id = $1', [org])).length, 0, 'an unsigned event keeps nothing');
    for (let i = 0; i < 2; i++) assert.equal((await deliver(org, payoutEvent('po_1Rep', 64_000, '2026-03-04'))).status, 200);
    assert.equal((await deliver(org, payoutEvent('po_2Far', 12_000, '2026-01-10'))).status, 200);
    assert.deepEqual((await db.query<{ payout_id: string; amount: string }>('SELECT payout_id, amount::text FROM gateway_payouts WHERE org_id = $1 ORDER BY payout_id', [org]))
      .map((p) => [p.payout_id, Number(p.amount)]), [['po_1Rep', 64_000], ['po_2Far', 12_000]]);
    await deliver(org, payoutEvent('po_3Ids', 30_000, '2026-03-05'));
    const imported = await importStatement(db, org, Buffer.from(mt940([
      // the amount and date of po_1Rep, but a customer's transfer naming its invoice and no gateway: matched as before
      { date: '260305', mark: 'C', amount: '640,00', name: 'SEPA CREDIT', text: 'F-9' },
      // the same amount and date, Stripe's name without payout wording: that payout
      { date: '260306', mark: 'C', amount: '640,00', name: 'STRIPE TECHNOLOGY EUROPE', text: 'ST-K2X9' },
      { date: '260305', mark: 'C', amount: '120,00', name: 'STRIPE TECHNOLOGY EUROPE', text: 'ST-M4Q1 in March' },
      // the payout's id in the text, no gateway named
      { date: '260306', mark: 'C', amount: '300,00', name: 'SEPA CREDIT', text: 'REF po_3Ids' },
    ])), { filename: 'r.sta', actor: 'test', now: () => now });
    assert.ok(imported.ok);
    assert.equal(imported.value.reconciliation.payout, 2, 'two payouts, a line each');
    const listed = (await listPayoutLines(db, org, {})).data;
    assert.deepEqual(listed.map((l) => [l.remittance_text, l.payout.gateway, l.payout.payout_id]).sort(),
      [['REF po_3Ids', 'stripe', 'po_3Ids'], ['ST-K2X9', 'stripe', 'po_1Rep']]);
    const rep = listed.find((l) => l.payout.payout_id === 'po_1Rep')!;
    assert.match(rep.payout.reasons.join(' '), /reported arriving 2026-03-04.*names Stripe/);
    // the customer's transfer naming F-9 goes through matching as before: proposed for F-9, to a person at this confidence
    const sepa = await db.query<{ match_state: string; invoice_id: string }>(
      `SELECT l.match_state, a->>'invoice_id' AS invoice_id FROM statement_lines l JOIN match_proposals p ON p.org_id = l.org_id AND p.line_id = l.id
       CROSS JOIN jsonb_array_elements(p.allocations) a WHERE l.org_id = $1 AND l.remittance_text = 'F-9'`, [org]);
    assert.deepEqual(sepa, [{ match_state: 'review', invoice_id: open.id }]);
  });
});
