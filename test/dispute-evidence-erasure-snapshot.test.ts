// What cobro fills a dispute's evidence in with, kept through an erasure (migration 145): a customer with an open Stripe
// dispute is erased, and the evidence submitted afterwards still carries the customer's name and email and the same
// communication history and statement of account PDFs the staging before the erasure sent (read from the copy kept at the erasure, sealed when the
// org has field encryption on, opened back and sealed again by the keys job); once the dispute is lost the purge empties the
// copy with the rest. PGlite and PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { newId } from '../src/domain/ids.ts';
import { createApiKey } from '../src/orgs/index.ts';
import { configureFieldKeys, fieldEncryptionStatus, runFieldJob, setFieldEncryption } from '../src/vault/index.ts';
import { bearer } from './support/api.ts';
import { stripeEvidenceServer, type StripeEvidenceServer } from './support/stripe-evidence-server.ts';
import { seedStripeDispute } from './support/stripe-dispute-seed.ts';

const clock = new Date('2026-03-10T17:00:00Z');
const REMINDER = 'Recordatorio: la factura vence el 1 de febrero';
let s: StripeEvidenceServer;
let admin = '';
before(async () => {
  configureFieldKeys({ fieldKey: randomBytes(32).toString('hex') });
  s = await stripeEvidenceServer(clock, 'snapshot');
  admin = (await createApiKey(s.db, s.org, 'admin')).secret;
});
after(async () => { await s.close(); configureFieldKeys({}); });

const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
  s.app.inject({ method, url, headers: bearer(admin), ...(payload ? { payload } : {}) });

/** A paid-up customer with an open Stripe dispute and a reminder sent: what the staging sends before any erasure. */
async function disputed(n: number) {
  const who = { name: `Rosa Quintero ${n}`, email: `rosa${n}@cliente.example` };
  const d = await seedStripeDispute(s.db, s.stripe, s.org, who, 120_00, clock);
  await s.db.query('UPDATE invoices SET balance = 0 WHERE org_id = $1 AND customer_id = $2', [s.org, d.customerId]);
  await s.db.query(`INSERT INTO messages (id, org_id, action_id, customer_id, channel, address, template, status, next_attempt_at, content, created_at, updated_at, sent_at)
    VALUES ($1, $2, $3, $4, 'email', $5, 'due-today', 'sent', $6, $7, $6, $6, $6)`,
  [newId('message'), s.org, newId('action'), d.customerId, who.email, new Date('2026-02-01T09:00:00Z'), JSON.stringify({ subject: 'Aviso', text: REMINDER })]);
  const url = `/v1/disputes/${d.dp}/evidence`;
  assert.equal((await call('GET', url)).statusCode, 200);
  const staged = await call('POST', `${url}/submit`, { stage: true });
  assert.equal(staged.statusCode, 200, staged.body);
  const before = sent(d.dp);
  assert.deepEqual([before.name, before.email], [who.name, who.email], 'the email opened when sealed');
  return { ...d, who, url, before };
}

/** The last update of the dispute at the fake Stripe: its name and email, and the history and statement PDFs it names. */
function sent(dp: string) {
  const form = s.files.updates.filter((u) => u.dispute === dp).at(-1)!.form;
  const history = s.files.files.get(form['evidence[customer_communication]']!)!;
  const statement = s.files.files.get(form['evidence[receipt]']!)!;
  return { name: form['evidence[customer_name]'], email: form['evidence[customer_email_address]'], history: history.data, statement: statement.data };
}

async function snapshot(dp: string) {
  const [r] = await s.db.query<{ auto_snapshot: { customer: { name: string } } | null; auto_snapshot_sealed: string | null }>(
    'SELECT auto_snapshot, auto_snapshot_sealed FROM gateway_dispute_evidence WHERE org_id = $1 AND dispute_id = $2', [s.org, dp]);
  return r!;
}

async function eraseAndSubmit(d: Awaited<ReturnType<typeof disputed>>) {
  const erased = await call('POST', `/v1/customers/${d.customerId}/erasure`);
  assert.equal(erased.statusCode, 200, erased.body);
  assert.equal(erased.json().outcome, 'erased');
  assert.equal(erased.json().kept.length, 1);
  const [c] = await s.db.query<{ name: string; email: string | null }>('SELECT name, email FROM customers WHERE id = $1', [d.customerId]);
  assert.deepEqual([c!.name, c!.email], ['Erased customer', null], 'the records are erased');
  const view = (await call('GET', d.url)).json();
  assert.deepEqual([view.auto.customer.name, view.auto.customer.email], [d.who.name, d.who.email], 'the draft view reads the copy');
  assert.equal(view.auto.communications[0].text, REMINDER);
  const done = await call('POST', `${d.url}/submit`, {});
  assert.equal(done.statusCode, 200, done.body);
  const after = sent(d.dp);
  assert.deepEqual([after.name, after.email], [d.who.name, d.who.email]);
  assert.ok(after.history.equals(d.before.history), 'the same communication history PDF as before the erasure');
  assert.ok(after.statement.equals(d.before.statement), 'the same statement of account, addressed to the customer by name, as before the erasure');
}

async function closeAndPurge(dp: string) {
  assert.ok((await snapshot(dp)).auto_snapshot || (await snapshot(dp)).auto_snapshot_sealed);
  assert.ok((await call('POST', '/v1/compliance/purge', { dry_run: false })).statusCode === 200);
  assert.ok((await snapshot(dp)).auto_snapshot || (await snapshot(dp)).auto_snapshot_sealed, 'kept while the dispute is open');
  await s.db.query(`UPDATE gateway_payments SET disputes = jsonb_set(disputes, ARRAY[$1], '{"amount": 12000, "status": "lost"}') WHERE org_id = $2 AND disputes ? $1`, [dp, s.org]);
  const purge = (await call('POST', '/v1/compliance/purge', { dry_run: false })).json();
  assert.equal(purge.dispute_evidence.gateway_dispute_evidence, 1);
  assert.deepEqual(await snapshot(dp), { auto_snapshot: null, auto_snapshot_sealed: null });
}

describe('what cobro fills in, kept through an erasure', () => {
  it('is submitted to Stripe as before the erasure, and purged once the dispute closes', async () => {
    const d = await disputed(1);
    await eraseAndSubmit(d);
    assert.equal((await snapshot(d.dp)).auto_snapshot?.customer.name, d.who.name);
    await closeAndPurge(d.dp);
  });

  it('is kept sealed when the org has field encryption on', async () => {
    assert.ok((await s.db.transaction((tx) => setFieldEncryption(tx, s.org, 'test', true, clock))).ok);
    const d = await disputed(2);
    await eraseAndSubmit(d);
    const kept = await snapshot(d.dp);
    assert.equal(kept.auto_snapshot, null);
    assert.match(kept.auto_snapshot_sealed ?? '', /^enc:v2:/);
    assert.ok(!kept.auto_snapshot_sealed!.includes('Rosa'), 'nothing in the clear');
    await closeAndPurge(d.dp);
  });

  it('is opened back by the keys job when encryption is turned off, counted in the clear, and sealed again', async () => {
    const d = await disputed(3);
    await eraseAndSubmit(d);
    const clear = async () => (await fieldEncryptionStatus(s.db, s.org)).plaintext_copies['gateway_dispute_evidence.auto_snapshot'];
    assert.equal(await clear(), 0);
    const turn = async (on: boolean) => {
      assert.ok((await s.db.transaction((tx) => setFieldEncryption(tx, s.org, 'test', on, clock))).ok);
      await runFieldJob(s.db, s.org, { batchSize: 30 });
    };
    await turn(false);
    assert.equal((await snapshot(d.dp)).auto_snapshot?.customer.name, d.who.name);
    assert.equal(await clear(), 1);
    await turn(true);
    assert.equal((await snapshot(d.dp)).auto_snapshot, null);
    assert.equal(await clear(), 0);
    assert.equal((await call('GET', d.url)).json().auto.customer.email, d.who.email);
  });

  it('is kept for an open dispute whose evidence was never opened before the erasure', async () => {
    const who = { name: 'Rosa Quintero 4', email: 'rosa4@cliente.example' };
    const d = await seedStripeDispute(s.db, s.stripe, s.org, who, 120_00, clock);
    await s.db.query('UPDATE invoices SET balance = 0 WHERE org_id = $1 AND customer_id = $2', [s.org, d.customerId]);
    const erased = (await call('POST', `/v1/customers/${d.customerId}/erasure`)).json();
    assert.deepEqual([erased.outcome, erased.kept?.map((k: { dispute_id: string }) => k.dispute_id)], ['erased', [d.dp]]);
    const view = (await call('GET', `/v1/disputes/${d.dp}/evidence`)).json();
    assert.deepEqual([view.auto.customer.name, view.auto.customer.email], [who.name, who.email]);
  });
});
