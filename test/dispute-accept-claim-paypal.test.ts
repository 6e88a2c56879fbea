// A PayPal claim accepted from cobro (POST /v1/disputes/{id}/accept-claim), against the fake PayPal's accept-claim
// (paypal-accept-claim.ts: bearer token, JSON with the note and only the keys PayPal names, an open dispute): managers and
// admins only, the note required; taken once, with the reminder completed and the acceptance audited, PayPal's
// resolution then recording the dispute lost; a second acceptance or an evidence submission after it refused, as is an
// acceptance after the evidence was submitted; PayPal's refusal kept as the draft's last error. PGlite and PostgreSQL.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from './support/api.ts';
import { payPalHarness } from './support/paypal-harness.ts';

const h = await payPalHarness({ clientId: 'AeA1QIZXiflr1_cobro_accept', clientSecret: 'EGnHDxD_qRPdaLdZz8iCr8N7_accept_test_secret',
  webhookId: '8PT597110X687430LKGACCPT', start: new Date('2026-03-10T17:00:00Z') });
const { t, paypal, deliver } = h;
after(() => h.close());

const disputed = (amount: number) => h.disputed(amount);
const accept = (id: string, payload: object, key = t.keys.manager) =>
  t.app.inject({ method: 'POST', url: `/v1/disputes/${id}/accept-claim`, headers: bearer(key), payload });
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: bearer(t.keys.collector) });

describe('accepting a PayPal claim from cobro', () => {
  it('accepts once, for managers, with the note; then PayPal\'s resolution records the dispute lost', async () => {
    const d = await disputed(60_00);
    assert.equal((await get(d.url)).json().reminder.status, 'open');
    assert.equal((await accept(d.id, { note: 'We refund the customer.' }, t.keys.collector)).statusCode, 403);
    const empty = await accept(d.id, { note: '  ' });
    assert.deepEqual([empty.statusCode, empty.json().error.field], [400, 'note']);
    assert.equal((await accept(d.id, { note: 'x'.repeat(2001) })).statusCode, 400);
    assert.equal(paypal.claimsAccepted.length, 0, 'nothing sent for a refused request');

    const done = await accept(d.id, { note: 'We refund the customer.' });
    assert.equal(done.statusCode, 200, done.body);
    const v = done.json();
    assert.deepEqual([v.status, v.answer, v.reminder.status], ['submitted', 'accept_claim', 'done']);
    assert.equal(v.gateway_reply.note, 'We refund the customer.');
    const [sent] = paypal.claimsAccepted;
    assert.deepEqual([sent!.dispute, sent!.body, sent!.requestId], [d.id, { note: 'We refund the customer.' }, `cobro-accept-claim-${d.id}`]);
    const [audit] = await t.db.query<{ actor: string; data: { dispute_id: string; note: string } }>(
      `SELECT actor, data FROM audit_log WHERE org_id = $1 AND action = 'gateway.dispute_claim_accepted'`, [t.org]);
    assert.deepEqual([audit!.data.dispute_id, audit!.data.note], [d.id, 'We refund the customer.']);

    const again = await accept(d.id, { note: 'Once more.' });
    assert.equal(again.statusCode, 409);
    assert.match(again.json().error.message, /the claim of dispute .* was already accepted at PayPal on .* by .*; a dispute is answered once/);
    const submit = await t.app.inject({ method: 'POST', url: `${d.url}/submit`, headers: bearer(t.keys.manager), payload: {} });
    assert.equal(submit.statusCode, 409);
    assert.match(submit.json().error.message, /already accepted at PayPal/);
    assert.deepEqual([paypal.claimsAccepted.length, paypal.evidence.length], [1, 0]);

    assert.equal((await deliver(paypal.resolveDispute(d.id, 'ACCEPTED'))).status, 200);
    assert.equal((await get(d.url)).json().dispute.status, 'lost');
  });

  it('is refused once the evidence was submitted, and keeps PayPal\'s refusal as the last error', async () => {
    const answered = await disputed(20_00);
    await deliver(paypal.updateDispute(answered.id, 'WAITING_FOR_SELLER_RESPONSE'));
    assert.equal((await get(answered.url)).statusCode, 200);
    const submitted = await t.app.inject({ method: 'POST', url: `${answered.url}/submit`, headers: bearer(t.keys.manager), payload: {} });
    assert.equal(submitted.statusCode, 200, submitted.body);
    const late = await accept(answered.id, { note: 'We refund the customer.' });
    assert.equal(late.statusCode, 409);
    assert.match(late.json().error.message, /evidence for dispute .* was already submitted to PayPal/);

    // PayPal resolved it before cobro heard: its 422 comes back and the draft stays open
    const closed = await disputed(25_00);
    paypal.disputes.get(closed.id)!.status = 'RESOLVED';
    const refused = await accept(closed.id, { note: 'We refund the customer.' }, t.keys.admin);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.match(refused.json().error.message, /PayPal answered 422: UNPROCESSABLE_ENTITY.*NOT_ELIGIBLE_TO_ACCEPT_CLAIM/);
    const kept = (await get(closed.url)).json();
    assert.deepEqual([kept.status, kept.answer], ['draft', null]);
    assert.match(kept.last_error, /NOT_ELIGIBLE_TO_ACCEPT_CLAIM/);
    assert.equal(paypal.claimsAccepted.filter((c) => c.dispute !== answered.id && c.dispute === closed.id).length, 0);
  });
});
