// PayPal dispute evidence under a data subject's erasure, through the fake PayPal's webhooks and provide-evidence: an open
// dispute's draft (text and the staff's file) is kept under the legal-claims exemption, named in the erasure's outcome,
// still submitted to PayPal as saved, and emptied by the retention purge once PayPal resolves the dispute; a dispute
// PayPal resolved before the erasure has its evidence emptied at the erasure. PGlite and PostgreSQL.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from './support/api.ts';
import { payPalHarness } from './support/paypal-harness.ts';

const h = await payPalHarness({ clientId: 'AeA1QIZXiflr1_cobro_erasure', clientSecret: 'EGnHDxD_qRPdaLdZz8iCr8N7_erasure_test_secret',
  webhookId: '8PT597110X687430LKGERASE', start: new Date('2026-03-10T17:00:00Z') });
const { t, paypal, deliver } = h;
after(() => h.close());
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('signed delivery note')]);
const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(t.keys.admin), ...(payload ? { payload } : {}) });

/**
 * A customer who paid through a PayPal link and disputed it at PayPal, then settled what the dispute held back by bank
 * transfer (nothing owed, so the erasure is not only a restriction), with an explanation and a file saved in the draft.
 */
async function disputedWithEvidence(amount: number) {
  const o = await h.disputed(amount);
  const { id, url } = o;
  const held = await h.balance(o.invoice);
  if (held > 0) {
    const paid = await call('POST', '/v1/payments', { customer_id: o.customer, amount: held, currency: 'USD', date: '2026-03-10' });
    assert.equal(paid.statusCode, 201, paid.body);
  }
  assert.equal(await h.balance(o.invoice), 0);
  const saved = await call('PUT', url, { text: { explanation: 'The customer signed the delivery note.' },
    add_files: [{ slot: 'PROOF_OF_RECEIPT_COPY', filename: 'delivery.png', content_type: 'image/png', data_base64: PNG.toString('base64') }] });
  assert.equal(saved.statusCode, 200, saved.body);
  return { customer: o.customer, id, url };
}

async function evidence(id: string) {
  const [e] = await t.db.query<{ provider: string; holds: boolean; replied: boolean; files: number }>(
    `SELECT provider, (fields <> '{}'::jsonb OR fields_sealed IS NOT NULL OR auto_snapshot IS NOT NULL OR auto_snapshot_sealed IS NOT NULL) AS holds,
       (gateway_reply IS NOT NULL OR gateway_reply_sealed IS NOT NULL OR last_error IS NOT NULL) AS replied,
       (SELECT count(*)::int FROM gateway_dispute_evidence_files f WHERE f.org_id = e.org_id AND f.provider = e.provider AND f.dispute_id = e.dispute_id) AS files
     FROM gateway_dispute_evidence e WHERE org_id = $1 AND dispute_id = $2`, [t.org, id]);
  return e!;
}

describe('PayPal dispute evidence under erasure', () => {
  it('keeps an open dispute\'s evidence, still submits it, and the purge empties it once PayPal resolves the dispute', async () => {
    const d = await disputedWithEvidence(80_00);
    const erased = await call('POST', `/v1/customers/${d.customer}/erasure`);
    assert.equal(erased.statusCode, 200, erased.body);
    const out = erased.json();
    assert.equal(out.outcome, 'erased');
    assert.deepEqual(out.kept.map((k: { provider: string; dispute_id: string; files: number }) => [k.provider, k.dispute_id, k.files]), [['paypal', d.id, 1]]);
    assert.match(out.kept[0].reason, /17\(3\)\(e\)/);
    assert.equal(out.counts.gateway_dispute_evidence, 0);
    assert.deepEqual([(await evidence(d.id)).holds, (await evidence(d.id)).files], [true, 1], 'kept');

    // still answered at PayPal with what was saved
    await deliver(paypal.updateDispute(d.id, 'WAITING_FOR_SELLER_RESPONSE'));
    const view = (await call('GET', d.url)).json();
    assert.equal(view.text.explanation, 'The customer signed the delivery note.');
    const done = await call('POST', `${d.url}/submit`, {});
    assert.equal(done.statusCode, 200, done.body);
    const sent = paypal.evidence.find((e) => e.dispute === d.id)!;
    assert.ok(sent.files.some((f) => f.name.endsWith('delivery.png') && f.data.equals(PNG)), 'the staff\'s file as saved');

    // still open: the purge leaves it
    let purge = (await call('POST', '/v1/compliance/purge', { dry_run: false })).json();
    assert.equal((await evidence(d.id)).files, 1);
    // PayPal resolves it for the buyer: a dry run counts it, the purge empties it, once
    assert.equal((await deliver(paypal.resolveDispute(d.id, 'RESOLVED_BUYER_FAVOUR'))).status, 200);
    purge = (await call('POST', '/v1/compliance/purge', { dry_run: true })).json();
    assert.deepEqual(purge.dispute_evidence, { gateway_dispute_evidence: 1, gateway_dispute_evidence_files: 1 });
    assert.equal((await evidence(d.id)).files, 1, 'a dry run changes nothing');
    purge = (await call('POST', '/v1/compliance/purge', { dry_run: false })).json();
    assert.deepEqual(purge.dispute_evidence, { gateway_dispute_evidence: 1, gateway_dispute_evidence_files: 1 });
    const emptied = await evidence(d.id);
    assert.deepEqual([emptied.provider, emptied.holds, emptied.replied, emptied.files], ['paypal', false, false, 0]);
    purge = (await call('POST', '/v1/compliance/purge', { dry_run: false })).json();
    assert.deepEqual(purge.dispute_evidence, { gateway_dispute_evidence: 0, gateway_dispute_evidence_files: 0 }, 'once');
  });

  it('empties the evidence of a dispute PayPal resolved before the erasure', async () => {
    const d = await disputedWithEvidence(45_00);
    assert.equal((await deliver(paypal.resolveDispute(d.id, 'RESOLVED_SELLER_FAVOUR'))).status, 200);
    const out = (await call('POST', `/v1/customers/${d.customer}/erasure`)).json();
    assert.equal(out.outcome, 'erased');
    assert.equal(out.kept, undefined);
    assert.deepEqual([out.counts.gateway_dispute_evidence, out.counts.gateway_dispute_evidence_files], [1, 1]);
    const e = await evidence(d.id);
    assert.deepEqual([e.holds, e.replied, e.files], [false, false, 0]);
  });
});
