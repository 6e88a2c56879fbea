// Reported payouts over HTTP: Stripe's signed payout events posted to /webhooks/stripe/<org>; a payout that failed
// is listed by GET /v1/reconciliation/reported-payouts with its state and the line sent back to matching (matched to
// its invoice at once, off the payouts list); a debit giving a payout back is listed as its return, and undone it is read as
// no receivable again. Another org sees none.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiCalls, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { stripeSignature } from '../src/compliance/index.ts';
import { putCredentials, vaultKey } from '../src/vault/index.ts';
import { importStatement } from '../src/reconciliation/index.ts';
import { mt940 } from '../src/reconciliation/testing/mt940-builder.ts';

interface Reported { id: string; payout_id: string; amount: number; status: string; failure_code: string | null; lines: { line_id: string; status: string; basis: string; match_state: string }[] }
interface PayoutLine { id: string; remittance_text: string; payout: { payout_id: string | null; basis: string } }

const now = new Date('2026-03-15T12:00:00Z');
const SECRET = 'whsec_reportedapi';
let t: TestApi;
let statementId = '';
const { get, post } = apiCalls(() => t);
const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function webhook(type: string, id: string, amount: number, created: string, status = type.slice(7)) {
  const body = JSON.stringify({ id: `evt_${type}_${id}`, object: 'event', type, created: at(created), data: { object: { id, object: 'payout', amount,
    currency: 'eur', arrival_date: at('2026-03-04T00:00:00Z'), status, statement_descriptor: null, failure_code: status === 'failed' ? 'no_account' : null } } });
  const ts = Math.floor(now.getTime() / 1000);
  return t.app.inject({ method: 'POST', url: `/webhooks/stripe/${t.org}`, payload: body,
    headers: { 'content-type': 'application/json', 'stripe-signature': `t=${ts},v1=${stripeSignature(SECRET, ts, Buffer.from(body))}` } });
}

before(async () => {
  t = await testApi(() => now);
  const r = await putCredentials(t.db, await vaultKey(t.db, undefined), t.org, 'test', 'stripe', { secrets: { secret_key: 'sk_test_rep', webhook_secret: SECRET } }, now);
  assert.ok(r.ok);
  const c = await aCustomer(t.db, t.org, { name: 'Acme Industrial GmbH' });
  await anInvoice(t.db, t.org, { customer_id: c.id, currency: 'EUR', number: 'F-12', amount: 64_000 });
  for (const [id, amount] of [['po_1Api', 64_000], ['po_2Api', 25_000]] as const) {
    assert.equal((await webhook('payout.paid', id, amount, '2026-03-04T06:00:00Z')).statusCode, 200);
  }
  const imported = await importStatement(t.db, t.org, Buffer.from(mt940([
    { date: '260305', mark: 'C', amount: '640,00', name: 'STRIPE TECHNOLOGY EUROPE', text: 'F-12' },
    { date: '260305', mark: 'C', amount: '250,00', name: 'STRIPE TECHNOLOGY EUROPE', text: 'ST-2A' },
    { date: '260309', mark: 'D', amount: '250,00', name: 'STRIPE TECHNOLOGY EUROPE', text: 'RETURN po_2Api' },
  ])), { filename: 'm.sta', actor: 'test', now: () => now });
  assert.ok(imported.ok);
  statementId = imported.value.statements[0]!.id;
});
after(async () => { await t.close(); });

describe('reported payouts over the API', () => {
  it('lists a failed payout with the line it sent back to matching, matched again at once', async () => {
    const before = await get<{ data: PayoutLine[] }>('/v1/reconciliation/payouts');
    assert.deepEqual(before.data.map((l) => [l.remittance_text, l.payout.basis]), [['F-12', 'reported'], ['ST-2A', 'reported']]);
    assert.equal((await webhook('payout.failed', 'po_1Api', 64_000, '2026-03-06T09:00:00Z')).statusCode, 200);
    const failed = await get<{ data: Reported[] }>('/v1/reconciliation/reported-payouts?status=failed');
    assert.deepEqual(failed.data.map((p) => [p.id, p.amount, p.status, p.failure_code, p.lines.map((l) => [l.status, l.basis, l.match_state])]),
      [['stripe:po_1Api', 64_000, 'failed', 'no_account', [['withdrawn', 'reported', 'matched']]]]);
    // matched again: the line names F-12 and its amount is F-12's balance, so it pays F-12
    const invoices = await get<{ data: { number: string; balance: number }[] }>('/v1/invoices?limit=10');
    assert.deepEqual(invoices.data.map((i) => [i.number, i.balance]), [['F-12', 0]]);
    assert.deepEqual((await get<{ data: PayoutLine[] }>('/v1/reconciliation/payouts')).data.map((l) => l.remittance_text), ['ST-2A']);
    assert.deepEqual((await get<{ data: Reported[] }>('/v1/reconciliation/reported-payouts?status=paid')).data.map((p) => p.payout_id), ['po_2Api']);
    assert.equal((await get<{ data: Reported[] }>('/v1/reconciliation/reported-payouts', t.otherKey)).data.length, 0);
  });

  it('lists a debit giving a payout back as its return; undone, the debit is no receivable again', async () => {
    assert.equal((await webhook('payout.updated', 'po_2Api', 25_000, '2026-03-09T09:00:00Z', 'failed')).statusCode, 200);
    const [p] = (await get<{ data: Reported[] }>('/v1/reconciliation/reported-payouts?status=failed')).data.filter((r) => r.payout_id === 'po_2Api');
    assert.deepEqual(p?.lines.map((l) => [l.status, l.basis]).sort(), [['payout', 'reported'], ['payout', 'return']]);
    const ret = (await get<{ data: PayoutLine[] }>('/v1/reconciliation/payouts')).data.find((l) => l.payout.basis === 'return')!;
    assert.equal(ret.remittance_text, 'RETURN po_2Api');
    const undone = await post(`/v1/reconciliation/lines/${ret.id}/not-payout`, {}, t.keys.collector);
    assert.equal(undone.statusCode, 200, undone.body);
    const statement = await get<{ lines: { id: string; match_state: string }[] }>(`/v1/statements/${statementId}`);
    assert.equal(statement.lines.find((l) => l.id === ret.id)?.match_state, 'not_receivable');
  });
});
