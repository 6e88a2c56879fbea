// A manual Stripe payout (automatic: false) over HTTP: Stripe lists balance transactions by payout only for
// automatic payouts, so cobro reads the payout itself (GET /v1/payouts/{id}) before its first read, never asks the list
// for a manual one, and shows it for review with MANUAL_PAYOUT on the field automatic; a manager settles it by hand
// (POST .../settle with a note, audited), after which its check reads settled. Only a payout for review is settled.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stripePayouts, type BreakdownView, type StripePayouts } from './support/stripe-payouts.ts';

let s: StripePayouts;
let pi = '';
before(async () => {
  s = await stripePayouts('payout_manual');
  pi = await s.pay('EUR', 120_00);
});
after(async () => { await s.close(); });

describe('a manual Stripe payout', () => {
  let id = '';

  it('is read from Stripe as manual, its transactions never asked for, and shown for review with MANUAL_PAYOUT', async () => {
    const payout = s.balance.payout([pi], { manual: true });
    id = payout.id as string;
    await s.deliver(s.paid(payout));
    const listed = s.balance.queries.length;
    assert.deepEqual(await s.round(), { tried: 1, fetched: 1, failed: 0 });
    assert.deepEqual(s.balance.payoutReads, [id]);
    assert.equal(s.balance.queries.length, listed, 'the balance transaction list is not asked for a manual payout');
    const b = await s.show(id);
    assert.deepEqual([b.breakdown.fetch.state, b.breakdown.fetch.automatic, b.breakdown.fetch.error, b.breakdown.check.result],
      ['not_listed', false, null, 'review']);
    assert.deepEqual(b.breakdown.check.issues.map((i) => [i.code, i.field, i.txn_id]), [['MANUAL_PAYOUT', 'automatic', null]]);
    assert.match(b.breakdown.check.issues[0]!.message, /manual payout \(automatic: false\).*only for automatic payouts.*settle it by hand/);
    assert.deepEqual(await s.round(), { tried: 0, fetched: 0, failed: 0 }, 'not read again by the worker');
    const again = await s.post(`/v1/reconciliation/reported-payouts/stripe:${id}/refetch`, {}, s.t.keys.collector);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal((again.json() as BreakdownView).breakdown.check.issues[0]?.code, 'MANUAL_PAYOUT');
    assert.equal(s.balance.queries.length, listed, 'nor on a refetch');
  });

  it('is settled by hand by a manager with a note, audited; the check then reads settled, its issue still listed', async () => {
    const url = `/v1/reconciliation/reported-payouts/stripe:${id}/settle`;
    assert.equal((await s.post(url, { note: 'checked' }, s.t.keys.collector)).statusCode, 403);
    const empty = await s.post(url, { note: ' ' }, s.t.keys.manager);
    assert.equal(empty.statusCode, 400);
    const r = await s.post(url, { note: 'matches the Stripe balance report of 2026-03-14' }, s.t.keys.manager);
    assert.equal(r.statusCode, 200, r.body);
    const b = r.json() as BreakdownView;
    assert.deepEqual([b.breakdown.check.result, b.breakdown.check.settlement?.note, b.breakdown.check.issues.map((i) => i.code)],
      ['settled', 'matches the Stripe balance report of 2026-03-14', ['MANUAL_PAYOUT']]);
    assert.match(b.breakdown.check.settlement?.by ?? '', /\S/);
    assert.equal((await s.show(id)).breakdown.check.result, 'settled');
    const [entry] = await s.t.db.query<{ entity_id: string; data: { note: string; issues: string[] } }>(
      `SELECT entity_id, data FROM audit_log WHERE org_id = $1 AND action = 'gateway_payout.settled'`, [s.t.org]);
    assert.deepEqual([entry?.entity_id, entry?.data.issues], [`stripe:${id}`, ['MANUAL_PAYOUT']]);
    const twice = await s.post(url, { note: 'again' }, s.t.keys.admin);
    assert.deepEqual([twice.statusCode, twice.json().error.field], [409, 'id']);
  });

  it('settles only a payout for review, and is in the OpenAPI document', async () => {
    const payout = s.balance.payout([pi]);
    await s.deliver(s.paid(payout));
    await s.round();
    assert.equal((await s.show(payout.id as string)).breakdown.check.result, 'balanced');
    const r = await s.post(`/v1/reconciliation/reported-payouts/stripe:${String(payout.id)}/settle`, { note: 'x' }, s.t.keys.admin);
    assert.deepEqual([r.statusCode, r.json().error.field], [409, 'id']);
    const missing = await s.post('/v1/reconciliation/reported-payouts/stripe:po_missing/settle', { note: 'x' }, s.t.keys.admin);
    assert.equal(missing.statusCode, 404);
    const doc = (await s.t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    assert.ok(doc.paths['/v1/reconciliation/reported-payouts/{id}/settle']?.post);
    assert.ok(doc.components.schemas.ReportedPayoutBreakdown.properties.breakdown.properties.check.properties.settlement);
  });
});
