// A Mercado Pago payout read again on demand: POST /v1/reconciliation/reported-payouts/mercadopago:{id}/refetch asks
// Mercado Pago for a new release report from the payout before it to a day after it (Mercado Pago lists nothing by
// payout), and the payout is replaced once the report is read; it is never recorded as a failed Stripe-style read. The
// Stripe-only rounds leave Mercado Pago payouts alone: the worker's transaction fetch, a direct fetch, and a
// reconciliation status reaching completed. Mercado Pago not connected: 409 naming the field provider.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiCalls, testApi, type TestApi } from './support/api.ts';
import { fetchDuePayoutTransactions, fetchPayoutTransactions, requestReleaseReport, type ReleaseReport } from '../src/payments/index.ts';
import { recordGatewayPayout } from '../src/payments/gateway-payouts.ts';
import { fakeReleases, type ReleaseFake } from './support/providers/mercadopago-release.ts';

interface Refetched {
  id: string; amount: number;
  breakdown: { fetch: { state: string; attempts: number; error: string | null; transactions: number };
    check: { result: string; issues: { code: string }[] }; transactions: { txn_id: string; type: string; net: number }[] };
  release_report?: ReleaseReport;
}

const now = new Date('2026-03-15T12:00:00Z');
const TOKEN = 'APP_USR-refetch-123456';
let t: TestApi;
let release: ReleaseFake;
const { get, post } = apiCalls(() => t);
const at = (s: string) => new Date(s);
const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const access = () => ({ db: t.db, sleep: async () => {} });
const refetch = (id: string) => post(`/v1/reconciliation/reported-payouts/mercadopago:${id}/refetch`, {}, t.keys.collector);
const held = async (id: string) => (await t.db.query<{ txn_state: string; txn_attempts: number; txn_error: string | null }>(
  `SELECT txn_state, txn_attempts, txn_error FROM gateway_payouts WHERE org_id = $1 AND gateway = 'mercadopago' AND payout_id = $2`, [t.org, id]))[0];
let first = '';
let second = '';

before(async () => {
  t = await testApi(() => now);
  release = await fakeReleases({ accessToken: TOKEN, webhookSecret: 'mp-refetch-secret' });
  await release.connect(t.db, t.org);
  release.payment('7001', 500_00, 20_00, at('2026-03-02T15:00:00Z'));
  first = release.payout(at('2026-03-03T14:00:00Z')).sourceId;
  release.payment('7002', 300_00, 12_00, at('2026-03-05T15:00:00Z'));
  release.payment('7003', 200_00, 8_00, at('2026-03-06T15:00:00Z'));
  second = release.payout(at('2026-03-07T14:00:00Z')).sourceId;
  release.generatingPolls = 0;
  const read = await requestReleaseReport(access(), t.org, { begin: at('2026-03-01T00:00:00Z'), end: at('2026-03-15T00:00:00Z') }, now, 'api');
  assert.ok(read.ok && read.value.state === 'stored' && read.value.payouts === 2, JSON.stringify(read));
});
after(async () => { await release.close(); await t.close(); });

describe('reading a Mercado Pago payout again', () => {
  it('asks for a release report from the payout before it to a day after it, and the payout is replaced from it', async () => {
    const before = await get<Refetched>(`/v1/reconciliation/reported-payouts/mercadopago:${second}`);
    assert.deepEqual([before.amount, before.breakdown.fetch.transactions, before.breakdown.check.result], [480_00, 3, 'review']);
    // Mercado Pago refunds part of a payment the payout carried, written in its report after cobro read it
    release.reversal('refund', '7003', 10_00, at('2026-03-06T18:00:00Z'));
    const creates = release.creates.length;
    const r = await refetch(second);
    assert.equal(r.statusCode, 200, r.body);
    const b = r.json() as Refetched;
    assert.deepEqual(release.creates.slice(creates), [{ begin_date: utc(Date.parse('2026-03-03T13:59:59Z')), end_date: utc(Date.parse('2026-03-08T14:00:00Z')) }]);
    assert.deepEqual([b.release_report?.state, b.release_report?.trigger, b.release_report?.payouts], ['stored', 'api', 1], 'the payout before it is kept as it was (the report holds only part of it)');
    assert.deepEqual([b.breakdown.fetch.state, b.breakdown.fetch.attempts, b.breakdown.fetch.error], ['fetched', 0, null]);
    assert.deepEqual(b.breakdown.transactions.map((x) => x.type), ['payment', 'payment', 'refund', 'payout']);
    assert.ok(b.breakdown.check.issues.some((i) => i.code === 'NET_MISMATCH'), 'the refund taken after the payout was sent shows');
  });

  it('a report still being generated is left to the worker: the payout keeps what it had, no failed read recorded', async () => {
    release.generatingPolls = 1;
    const r = await refetch(first);
    assert.equal(r.statusCode, 200, r.body);
    const b = r.json() as Refetched;
    assert.equal(b.release_report?.state, 'requested');
    assert.match(b.release_report?.error ?? '', /still generating/);
    // no Mercado Pago payout before it: 30 days back
    assert.deepEqual(release.creates.at(-1), { begin_date: '2026-02-01T14:00:00Z', end_date: '2026-03-04T14:00:00Z' });
    assert.deepEqual([b.breakdown.fetch.state, b.breakdown.fetch.attempts, b.breakdown.fetch.error], ['fetched', 0, null]);
    assert.doesNotMatch(JSON.stringify(b), /lists no payout transactions/);
  });

  it('the Stripe rounds leave Mercado Pago payouts alone', async () => {
    await t.db.query(`UPDATE gateway_payouts SET txn_state = 'pending' WHERE org_id = $1 AND gateway = 'mercadopago' AND payout_id = $2`, [t.org, first]);
    assert.deepEqual(await fetchDuePayoutTransactions({ db: t.db }, t.org, now), { tried: 0, fetched: 0, failed: 0 });
    const direct = await fetchPayoutTransactions({ db: t.db }, t.org, 'mercadopago', first, now);
    assert.deepEqual(direct.ok ? null : [direct.error.code, direct.error.field], ['INVALID_STATE', 'id']);
    assert.deepEqual(await held(first), { txn_state: 'pending', txn_attempts: 0, txn_error: null });
    // a reconciliation status is Stripe's: it does not send a Mercado Pago payout back to be read by the Stripe round
    await recordGatewayPayout(t.db, t.org, { provider: 'mercadopago', payoutId: second, amount: 480_00, currency: 'MXN', arrivalDate: '2026-03-07',
      descriptor: null, status: 'paid', reportedAt: null, failureCode: null, reconciliationStatus: 'completed' }, now);
    assert.deepEqual(await held(second), { txn_state: 'fetched', txn_attempts: 0, txn_error: null });
  });

  it('Mercado Pago not connected: 409 naming the field provider, nothing recorded on the payout', async () => {
    await t.db.query(`DELETE FROM provider_credentials WHERE org_id = $1 AND provider = 'mercadopago'`, [t.org]);
    const r = await refetch(second);
    assert.equal(r.statusCode, 409, r.body);
    const e = (r.json() as { error: { code: string; field: string; message: string } }).error;
    assert.deepEqual([e.code, e.field], ['INVALID_STATE', 'provider']);
    assert.match(e.message, /Mercado Pago is not connected/);
    assert.deepEqual(await held(second), { txn_state: 'fetched', txn_attempts: 0, txn_error: null });
  });
});
