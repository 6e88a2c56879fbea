// Gateway dispute evidence under a data subject's erasure: an open dispute's evidence (text and files) is kept under the
// legal-claims exemption and the erasure says which and why; a closed dispute's is emptied at the erasure; one that closes
// later is emptied by the retention purge (a dry run only counts); the access export lists the evidence and its files
// without their bytes. Through the API (POST /v1/customers/{id}/erasure, GET /v1/customers/{id}/export, POST /v1/compliance/purge).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer } from './support/factories.ts';

const NOW = new Date('2026-03-10T16:00:00Z');
const PDF = Buffer.from('%PDF-1.4\nLucía Pérez, lucia@cliente.example\n%%EOF\n');
let t: TestApi;
before(async () => { t = await testApi(() => NOW); });
after(async () => { await t.close(); });

const admin = () => bearer(t.keys.admin);
const post = (url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, payload, headers: admin() });

/** A customer (nothing owed) whose Stripe payment is disputed with `status`, with evidence text and a file saved. */
async function disputedWithEvidence(tag: string, status: string): Promise<{ customerId: string; dp: string }> {
  const { db, org } = t;
  const c = await aCustomer(db, org, { name: `Lucía Pérez ${tag}`, email: `lucia.${tag}@cliente.example` });
  const link = `plink_${tag}`, pi = `pi_${tag}`, dp = `dp_${tag}`;
  await db.query(`INSERT INTO payment_links (id, org_id, customer_id, provider, status, amount, currency, invoice_ids, content_hash, idempotency_key, source,
      actor, expires_at, created_at, updated_at) VALUES ($1, $2, $3, 'stripe', 'completed', 9000, 'MXN', '{}', 'h', $1, 'api', 'test', $4, $4, $4)`,
  [link, org, c.id, NOW]);
  await db.query(`INSERT INTO gateway_payments (org_id, provider, payment_ref, link_id, customer_id, currency, captured, disputes, kept, created_at, updated_at)
    VALUES ($1, 'stripe', $2, $3, $4, 'MXN', 9000, $5::jsonb, 0, $6, $6)`, [org, pi, link, c.id, JSON.stringify({ [dp]: { amount: 9000, status } }), NOW]);
  await db.query(`INSERT INTO gateway_dispute_evidence (org_id, provider, dispute_id, payment_ref, customer_id, fields, gateway_reply, created_at, updated_at, updated_by)
    VALUES ($1, 'stripe', $2, $3, $4, $5::jsonb, '{"customer_name": "Lucía Pérez"}', $6, $6, 'test')`,
  [org, dp, pi, c.id, JSON.stringify({ customer_name: `Lucía Pérez ${tag}`, customer_email_address: `lucia.${tag}@cliente.example` }), NOW]);
  await db.query(`INSERT INTO gateway_dispute_evidence_files (id, org_id, provider, dispute_id, slot, filename, content_type, size, data, created_at, created_by)
    VALUES ($1, $2, 'stripe', $3, 'customer_communication', 'history.pdf', 'application/pdf', $4, $5, $6, 'test')`, [`evf_${tag}`, org, dp, PDF.length, PDF, NOW]);
  return { customerId: c.id, dp };
}

async function evidence(dp: string) {
  const [e] = await t.db.query<{ fields: Record<string, string>; gateway_reply: unknown; files: number }>(
    `SELECT fields, gateway_reply, (SELECT count(*)::int FROM gateway_dispute_evidence_files f WHERE f.org_id = e.org_id AND f.dispute_id = e.dispute_id) AS files
     FROM gateway_dispute_evidence e WHERE org_id = $1 AND dispute_id = $2`, [t.org, dp]);
  return e!;
}

describe('gateway dispute evidence under erasure', () => {
  it('lists the evidence and its files in the access export, without the bytes', async () => {
    const d = await disputedWithEvidence('export', 'open');
    const res = await t.app.inject({ method: 'GET', url: `/v1/customers/${d.customerId}/export`, headers: admin() });
    assert.equal(res.statusCode, 200);
    const [e] = res.json().gateway_dispute_evidence;
    assert.equal(e.dispute_id, d.dp);
    assert.equal(e.fields.customer_email_address, 'lucia.export@cliente.example');
    assert.deepEqual(e.files.map((f: { filename: string; size: number }) => [f.filename, f.size]), [['history.pdf', PDF.length]]);
    assert.ok(!JSON.stringify(e).includes('%PDF'), 'no bytes in the export');
  });

  it('keeps an open dispute\'s evidence, says so, and the purge empties it once the dispute closes', async () => {
    const d = await disputedWithEvidence('open', 'open');
    const res = await post(`/v1/customers/${d.customerId}/erasure`);
    assert.equal(res.statusCode, 200);
    const out = res.json();
    assert.equal(out.outcome, 'erased');
    assert.equal(out.kept.length, 1);
    assert.equal(out.kept[0].dispute_id, d.dp);
    assert.equal(out.kept[0].files, 1);
    assert.match(out.kept[0].reason, /17\(3\)\(e\)/);
    assert.equal(out.counts.gateway_dispute_evidence, 0);
    const [req] = await t.db.query<{ outcome: { kept: unknown[] } }>(`SELECT outcome FROM data_requests WHERE org_id = $1 AND id = $2`, [t.org, out.request_id]);
    assert.equal(req!.outcome.kept.length, 1, 'the request\'s record says what was kept and why');
    assert.equal((await evidence(d.dp)).files, 1);
    assert.equal((await evidence(d.dp)).fields.customer_email_address, 'lucia.open@cliente.example');

    // still open: the purge leaves it
    let purge = (await post('/v1/compliance/purge', { dry_run: false })).json();
    assert.equal((await evidence(d.dp)).files, 1);
    // the dispute is lost at Stripe: a dry run counts it, the purge empties it
    await t.db.query(`UPDATE gateway_payments SET disputes = jsonb_set(disputes, ARRAY[$2], '{"amount": 9000, "status": "lost"}') WHERE org_id = $1 AND customer_id = $3`,
      [t.org, d.dp, d.customerId]);
    purge = (await post('/v1/compliance/purge', { dry_run: true })).json();
    assert.deepEqual(purge.dispute_evidence, { gateway_dispute_evidence: 1, gateway_dispute_evidence_files: 1 });
    assert.equal((await evidence(d.dp)).files, 1, 'a dry run changes nothing');
    purge = (await post('/v1/compliance/purge', { dry_run: false })).json();
    assert.deepEqual(purge.dispute_evidence, { gateway_dispute_evidence: 1, gateway_dispute_evidence_files: 1 });
    const after = await evidence(d.dp);
    assert.deepEqual([after.fields, after.gateway_reply, after.files], [{}, null, 0]);
    purge = (await post('/v1/compliance/purge', { dry_run: false })).json();
    assert.deepEqual(purge.dispute_evidence, { gateway_dispute_evidence: 0, gateway_dispute_evidence_files: 0 }, 'once');
  });

  it('empties a closed dispute\'s evidence at the erasure', async () => {
    const d = await disputedWithEvidence('closed', 'won');
    const out = (await post(`/v1/customers/${d.customerId}/erasure`)).json();
    assert.equal(out.outcome, 'erased');
    assert.equal(out.kept, undefined);
    assert.equal(out.counts.gateway_dispute_evidence, 1);
    assert.equal(out.counts.gateway_dispute_evidence_files, 1);
    const e = await evidence(d.dp);
    assert.deepEqual([e.fields, e.gateway_reply, e.files], [{}, null, 0]);
    const res = await t.app.inject({ method: 'GET', url: `/v1/customers/${d.customerId}/export`, headers: admin() });
    assert.ok(!JSON.stringify(res.json()).includes('lucia.closed'), 'nothing of the person left in the export');
  });
});
