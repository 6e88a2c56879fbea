// R-6, a reported payout that did not arrive: Stripe's payout.failed / payout.canceled (or payout.updated to either), on
// the verified webhook path, keeps the payout's latest state; a line settled on that payout alone goes back to matching
// in the event's transaction (audited like a person's undo), a line settled by its own text stays, a debit giving the
// payout back is settled as its return; a repeated, late or older event changes nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { stripeSignature } from '../compliance/index.ts';
import { putCredentials, vaultKey } from '../vault/index.ts';
import { receiveGatewayWebhook } from '../payments/webhooks.ts';
import { importStatement, rerunMatching } from './index.ts';
import { mt940, type Mt940Entry } from './testing/mt940-builder.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });
const now = new Date('2026-03-15T12:00:00Z');
const SECRET = 'whsec_lost4242';
const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);

const payoutEvent = (evt: string, type: string, id: string, amount: number, created: string, status = type.slice(7)) => ({
  id: evt, object: 'event', type, created: at(created), data: { object: { id, object: 'payout', amount, currency: 'eur',
    arrival_date: at('2026-03-04T00:00:00Z'), status, statement_descriptor: null, ...(status === 'failed' ? { failure_code: 'account_closed' } : {}) } } });

async function deliver(org: string, event: unknown, secret = SECRET) {
  const body = Buffer.from(JSON.stringify(event));
  const t = Math.floor(now.getTime() / 1000);
  return receiveGatewayWebhook({ db }, 'stripe', org, { body, query: {}, headers: { 'stripe-signature': `t=${t},v1=${stripeSignature(secret, t, body)}` } }, now);
}

async function stripeOrg(): Promise<string> {
  const org = await testOrg(db);
  const r = await putCredentials(db, await vaultKey(db, undefined), org, 'test', 'stripe', { secrets: { secret_key: 'sk_test_lost', webhook_secret: SECRET } }, now);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return org;
}

async function load(org: string, entries: Mt940Entry[], id: string) {
  const r = await importStatement(db, org, Buffer.from(mt940(entries, { id })), { filename: `${id}.sta`, actor: 'test', now: () => now });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}

type LineState = { text: string; match_state: string; status: string | null; basis: string | null; payout_id: string | null };
const lines = (org: string) => db.query<LineState>(`SELECT l.remittance_text AS text, l.match_state, x.status, x.basis, x.payout_id
  FROM statement_lines l LEFT JOIN statement_line_payouts x ON x.org_id = l.org_id AND x.line_id = l.id WHERE l.org_id = $1 ORDER BY l.position, l.id`, [org]);
const line = async (org: string, text: string) => (await lines(org)).find((l) => l.text === text);
const payoutState = async (org: string, id: string) => (await db.query<{ status: string; failure_code: string | null }>(
  `SELECT status, failure_code FROM gateway_payouts WHERE org_id = $1 AND payout_id = $2`, [org, id]))[0];

describe('a reported payout that did not arrive', () => {
  it('sends a line settled on it alone back to matching, in the same transaction, and leaves one settled by its own text', async () => {
    const org = await stripeOrg();
    const c = await aCustomer(db, org, { name: 'Acme Industrial GmbH' });
    const inv = await anInvoice(db, org, { customer_id: c.id, currency: 'EUR', number: 'F-12', amount: 64_000 });
    await deliver(org, payoutEvent('evt_p1', 'payout.paid', 'po_1Lost', 64_000, '2026-03-04T06:00:00Z'));
    await deliver(org, payoutEvent('evt_p2', 'payout.paid', 'po_2Text', 30_000, '2026-03-04T06:00:00Z'));
    const imported = await load(org, [
      // Stripe's name, no payout wording: settled only because it equals the reported po_1Lost
      { date: '260305', mark: 'C', amount: '640,00', name: 'STRIPE TECHNOLOGY EUROPE', text: 'F-12' },
      // its own text says it is a Stripe payout
      { date: '260305', mark: 'C', amount: '300,00', name: 'STRIPE PAYMENTS EUROPE', text: 'STRIPE PAYOUT po_2Text' },
    ], 'L1');
    assert.equal(imported.reconciliation.payout, 2);
    assert.deepEqual(await line(org, 'F-12'), { text: 'F-12', match_state: 'payout', status: 'payout', basis: 'reported', payout_id: 'po_1Lost' });

    // an unsigned failure changes nothing
    assert.equal((await deliver(org, payoutEvent('evt_f1', 'payout.failed', 'po_1Lost', 64_000, '2026-03-06T09:00:00Z'), 'whsec_wrong')).status, 403);
    assert.equal((await payoutState(org, 'po_1Lost'))?.status, 'paid');
    assert.equal((await line(org, 'F-12'))?.match_state, 'payout');

    const failed = await deliver(org, payoutEvent('evt_f1', 'payout.failed', 'po_1Lost', 64_000, '2026-03-06T09:00:00Z'));
    assert.equal(failed.status, 200);
    assert.deepEqual(await payoutState(org, 'po_1Lost'), { status: 'failed', failure_code: 'account_closed' });
    const back = await line(org, 'F-12');
    assert.equal(back?.status, 'withdrawn', 'the settlement is kept, as withdrawn');
    assert.ok(back && ['review', 'matched'].includes(back.match_state), `matched again, not ${back?.match_state}`);
    const proposed = await db.query<{ invoice_id: string }>(`SELECT a->>'invoice_id' AS invoice_id FROM match_proposals p
      JOIN statement_lines l ON l.org_id = p.org_id AND l.id = p.line_id CROSS JOIN jsonb_array_elements(p.allocations) a
      WHERE p.org_id = $1 AND l.remittance_text = 'F-12' AND p.status <> 'superseded'`, [org]);
    assert.deepEqual(proposed.map((p) => p.invoice_id), [inv.id], 'proposed for its invoice');
    const audit = await db.query<{ actor: string; data: { payout_id: string } }>(`SELECT actor, data FROM audit_log
      WHERE org_id = $1 AND action = 'statement_line.not_payout'`, [org]);
    assert.deepEqual(audit.map((a) => [a.actor, a.data.payout_id]), [['gateway:stripe', 'po_1Lost']]);
    const [inbox] = await db.query<{ status: string; error: string }>(`SELECT status, error FROM inbox_events WHERE org_id = $1 AND event_id = $2`, [org, `${org}/evt_f1`]);
    assert.equal(inbox?.status, 'processed');
    assert.match(inbox?.error ?? '', /back to matching/);

    // the payout with its own text: failed too, but the line says it is a Stripe payout, and stays one
    await deliver(org, payoutEvent('evt_f2', 'payout.canceled', 'po_2Text', 30_000, '2026-03-06T09:00:00Z'));
    assert.equal((await payoutState(org, 'po_2Text'))?.status, 'canceled');
    assert.deepEqual(await line(org, 'STRIPE PAYOUT po_2Text'), { text: 'STRIPE PAYOUT po_2Text', match_state: 'payout', status: 'payout', basis: 'text', payout_id: 'po_2Text' });
  });

  it('keeps the latest state: a repeat, and a payout.paid delivered after payout.failed, change nothing', async () => {
    const org = await stripeOrg();
    await deliver(org, payoutEvent('evt_f', 'payout.failed', 'po_3Late', 25_000, '2026-03-06T09:00:00Z'));
    assert.deepEqual((await deliver(org, payoutEvent('evt_f', 'payout.failed', 'po_3Late', 25_000, '2026-03-06T09:00:00Z'))).body,
      { received: true, duplicate: true, event: 'evt_f' });
    // Stripe retries for days, in any order: the paid event (older, and again newer) does not bring the payout back
    await deliver(org, payoutEvent('evt_p', 'payout.paid', 'po_3Late', 25_000, '2026-03-04T06:00:00Z'));
    await deliver(org, payoutEvent('evt_p2', 'payout.paid', 'po_3Late', 25_000, '2026-03-07T06:00:00Z'));
    await deliver(org, payoutEvent('evt_u', 'payout.updated', 'po_3Late', 25_000, '2026-03-08T06:00:00Z', 'paid'));
    assert.equal((await payoutState(org, 'po_3Late'))?.status, 'failed');
    // so a credit of its amount naming Stripe is not taken for it: matched as before
    const r = await load(org, [{ date: '260305', mark: 'C', amount: '250,00', name: 'STRIPE TECHNOLOGY EUROPE', text: 'ST-9Q' }], 'L2');
    assert.equal(r.reconciliation.payout, 0);
    assert.equal((await line(org, 'ST-9Q'))?.match_state, 'unmatched');
    // payout.updated to a state still on its way is not read as anything
    await deliver(org, payoutEvent('evt_u2', 'payout.updated', 'po_4Way', 10_000, '2026-03-08T06:00:00Z', 'in_transit'));
    assert.equal(await payoutState(org, 'po_4Way'), undefined);
  });

  it('settles a debit giving the payout back as its return, whether the statement or the event comes first', async () => {
    const org = await stripeOrg();
    await deliver(org, payoutEvent('evt_p', 'payout.paid', 'po_5Back', 25_000, '2026-03-04T06:00:00Z'));
    await load(org, [
      { date: '260305', mark: 'C', amount: '250,00', name: 'STRIPE TECHNOLOGY EUROPE', text: 'ST-5B' },
      // the bank sends it back a few days later
      { date: '260309', mark: 'D', amount: '250,00', name: 'STRIPE TECHNOLOGY EUROPE', text: 'RETURN po_5Back' },
    ], 'L3');
    assert.equal((await line(org, 'RETURN po_5Back'))?.match_state, 'not_receivable', 'a debit, while the payout is paid');
    await deliver(org, payoutEvent('evt_u', 'payout.updated', 'po_5Back', 25_000, '2026-03-09T09:00:00Z', 'failed'));
    assert.deepEqual(await line(org, 'RETURN po_5Back'), { text: 'RETURN po_5Back', match_state: 'payout', status: 'payout', basis: 'return', payout_id: 'po_5Back' });
    // it arrived and went back: the credit stays settled on it
    assert.equal((await line(org, 'ST-5B'))?.match_state, 'payout');

    // the event first, then the statement: the return is settled at import, and a rerun keeps it
    await deliver(org, payoutEvent('evt_f6', 'payout.failed', 'po_6Back', 12_000, '2026-03-06T09:00:00Z'));
    const r = await load(org, [{ date: '260310', mark: 'D', amount: '120,00', name: 'SEPA RUECKUEBERWEISUNG', text: 'po_6Back' },
      { date: '260310', mark: 'D', amount: '120,00', name: 'OFFICE RENT', text: 'March' }], 'L4');
    assert.equal(r.reconciliation.payout, 1);
    assert.equal((await line(org, 'po_6Back'))?.basis, 'return');
    assert.equal((await line(org, 'March'))?.match_state, 'not_receivable', 'the same amount naming nothing is not taken');
    const again = await rerunMatching(db, org, { actor: 'test', now: () => now });
    assert.ok(again.ok);
    assert.equal((await line(org, 'po_6Back'))?.match_state, 'payout');
  });

  it('settles a credit sent back to matching as the payout again once a later statement shows the payout given back', async () => {
    const org = await stripeOrg();
    await deliver(org, payoutEvent('evt_p', 'payout.paid', 'po_7Late', 18_000, '2026-03-04T06:00:00Z'));
    await load(org, [{ date: '260305', mark: 'C', amount: '180,00', name: 'STRIPE TECHNOLOGY EUROPE', text: 'ST-7L' }], 'L5');
    await deliver(org, payoutEvent('evt_f', 'payout.failed', 'po_7Late', 18_000, '2026-03-06T09:00:00Z'));
    assert.deepEqual(await line(org, 'ST-7L'), { text: 'ST-7L', match_state: 'unmatched', status: 'withdrawn', basis: 'reported', payout_id: 'po_7Late' });
    const r = await load(org, [{ date: '260311', mark: 'D', amount: '180,00', name: 'STRIPE TECHNOLOGY EUROPE', text: 'RUECKGABE po_7Late' }], 'L6');
    assert.equal(r.reconciliation.payout, 1, 'the return, of this statement\'s lines');
    assert.equal((await line(org, 'RUECKGABE po_7Late'))?.basis, 'return');
    assert.deepEqual(await line(org, 'ST-7L'), { text: 'ST-7L', match_state: 'payout', status: 'payout', basis: 'reported', payout_id: 'po_7Late' });
  });
});
