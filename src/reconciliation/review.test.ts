// The review queue's further tools: matching waiting lines again after invoices arrive, changing a proposal with a bank
// fee, and listing and forgetting learned payer accounts and names.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { getInvoice } from '../ledger/index.ts';
import { acceptProposal, changeProposal, forgetPayerAliases, importStatement, listPayerAliases, listProposals, rejectProposal,
  rerunMatching } from './index.ts';
import { mt940, type Mt940Entry } from './testing/mt940-builder.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });
const now = () => new Date('2026-03-15T12:00:00Z');

async function importEntries(org: string, entries: Mt940Entry[], id = 'S1') {
  const r = await importStatement(db, org, Buffer.from(mt940(entries, { id })), { filename: `${id}.sta`, actor: 'test', now });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}
async function inv(org: string, id: string) {
  const r = await getInvoice(db, org, id);
  assert.ok(r.ok);
  return r.value;
}
const statuses = async (org: string) => (await db.query<{ status: string }>(
  'SELECT status FROM match_proposals WHERE org_id = $1 ORDER BY created_at, id', [org])).map((r) => r.status);

describe('rerun', () => {
  it('applies a line that names an invoice imported after the statement, and says first what it would do', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Nova Textiles' });
    const first = await importEntries(org, [{ date: '260305', mark: 'C', amount: '310,00', text: 'Factura NT-40001' }]);
    assert.equal(first.reconciliation.unmatched, 1, 'no such invoice yet');
    const invoice = await anInvoice(db, org, { customer_id: c.id, number: 'NT-40001', currency: 'EUR', amount: 31_000 });
    const dry = await rerunMatching(db, org, { actor: 'test', now, dryRun: true });
    assert.ok(dry.ok);
    assert.deepEqual([dry.value.lines, dry.value.matched, dry.value.dry_run, (await inv(org, invoice.id)).status], [1, 1, true, 'open']);
    const r = await rerunMatching(db, org, { actor: 'test', now });
    assert.ok(r.ok);
    assert.deepEqual([r.value.lines, r.value.matched, (await inv(org, invoice.id)).status], [1, 1, 'paid']);
    const again = await rerunMatching(db, org, { actor: 'test', now });
    assert.deepEqual(again.ok && [again.value.lines, again.value.matched], [0, 0], 'a matched line is not matched twice');
  });

  it('supersedes a proposal in review when a better match appears, and keeps one nothing changed', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Lumen Logistics' });
    await anInvoice(db, org, { customer_id: c.id, number: 'LL-1', currency: 'EUR', amount: 5_000 });
    await importEntries(org, [{ date: '260305', mark: 'C', amount: '50,00', text: 'thanks' },
      { date: '260306', mark: 'C', amount: '70,00', text: 'LL-77 march' }]);
    assert.deepEqual(await statuses(org), ['proposed'], 'only the amount matched the first; nothing the second');
    const named = await anInvoice(db, org, { customer_id: c.id, number: 'LL-77', currency: 'EUR', amount: 7_000 });
    const kept = await rerunMatching(db, org, { actor: 'test', now, includeReview: true });
    assert.ok(kept.ok);
    assert.deepEqual([kept.value.lines, kept.value.matched, kept.value.review], [2, 1, 1]);
    assert.deepEqual(await statuses(org), ['proposed', 'applied'], 'the pending proposal is the same: kept');
    assert.equal((await inv(org, named.id)).status, 'paid');
    const other = await anInvoice(db, org, { customer_id: c.id, number: 'LL-88', currency: 'EUR', amount: 2_000 });
    // the first line now names nothing new, but the amount still fits LL-1 alone: a proposal just like the pending one
    await rerunMatching(db, org, { actor: 'test', now });
    assert.deepEqual(await statuses(org), ['proposed', 'applied']);
    assert.equal((await inv(org, other.id)).status, 'open');
  });

  it('does not propose again what a person rejected, and the unmatched-only run leaves review alone', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Quentin Quast' });
    await anInvoice(db, org, { customer_id: c.id, number: 'Q-1', currency: 'EUR', amount: 9_900 });
    await importEntries(org, [{ date: '260305', mark: 'C', amount: '99,00', text: 'hello' }]);
    const [p] = (await listProposals(db, org, { status: 'proposed' })).data;
    assert.ok(p && (await rejectProposal(db, org, 'user:ana', p.id)).ok);
    const r = await rerunMatching(db, org, { actor: 'test', now, includeReview: false });
    assert.deepEqual(r.ok && [r.value.lines, r.value.review, r.value.unmatched], [1, 0, 1]);
    assert.deepEqual(await statuses(org), ['rejected']);
  });

  it('answers NOT_FOUND for a statement of another org', async () => {
    const org = await testOrg(db);
    const r = await rerunMatching(db, org, { actor: 'test', now, statementId: 'stm_nope' });
    assert.equal(r.ok ? '' : r.error.code, 'NOT_FOUND');
  });
});

describe('changing a proposal with a bank fee', () => {
  it('pays the invoice, writes the fee off it and keeps the rest as credit', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Ribera Cafés' });
    const a = await anInvoice(db, org, { customer_id: c.id, number: 'RC-1', currency: 'EUR', amount: 50_000 });
    await importEntries(org, [{ date: '260305', mark: 'C', amount: '460,00', text: 'transfer', name: 'RIBERA CAFES' }]);
    const [p] = (await listProposals(db, org, { status: 'proposed' })).data;
    assert.ok(p);
    const tooMuch = await changeProposal(db, org, 'user:ana', p.id, { allocations: [{ invoice_id: 'RC-1', amount: 46_000, fee: 4_001 }] }, now);
    assert.deepEqual(tooMuch.ok ? null : [tooMuch.error.code, tooMuch.error.field], ['VALIDATION_FAILED', 'allocations[0].fee']);
    const changed = await changeProposal(db, org, 'user:ana', p.id, { allocations: [{ invoice_id: 'RC-1', amount: 46_000, fee: 4_000 }] }, now);
    assert.ok(changed.ok, changed.ok ? '' : changed.error.message);
    assert.deepEqual([changed.value.status, changed.value.fee, changed.value.credit], ['applied', 4_000, 0]);
    assert.match(changed.value.reasons.join(' '), /bank fee of 40\.00 EUR/);
    assert.deepEqual([(await inv(org, a.id)).status, (await inv(org, a.id)).balance], ['paid', 0]);
    const [fee] = await db.query<{ kind: string; amount: number }>('SELECT kind, amount FROM adjustments WHERE invoice_id = $1', [a.id]);
    assert.deepEqual(fee, { kind: 'discount', amount: -4_000 });
  });
});

describe('learned payer aliases', () => {
  it('lists what accepting taught, and forgetting the account stops the next transfer from applying by itself', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'J Smith Holdings' });
    const [x1, x2] = [await anInvoice(db, org, { customer_id: c.id, number: 'X-1', currency: 'EUR', amount: 4_400 }),
      await anInvoice(db, org, { customer_id: c.id, number: 'X-2', currency: 'EUR', amount: 6_600 })];
    const payer = { name: 'SHARED FAMILY ACCOUNT', iban: 'NL91ABNA0417164300' };
    await importEntries(org, [{ date: '260301', mark: 'C', amount: '44,00', text: 'thanks', ...payer }]);
    const [p] = (await listProposals(db, org, { status: 'proposed' })).data;
    assert.ok(p && (await acceptProposal(db, org, 'user:ana', p.id, now)).ok);
    const page = await listPayerAliases(db, org, { customer_id: c.id });
    assert.deepEqual(page.data.map((a) => [a.kind, a.value, a.matches]), [['account', 'NL91ABNA0417164300', 1], ['name', 'account family shared', 1]]);
    const byValue = await listPayerAliases(db, org, { value: 'nl91 abna 0417 1643 00' });
    assert.deepEqual(byValue.data.map((a) => a.kind), ['account']);
    const first = await listPayerAliases(db, org, { limit: 1 });
    const rest = await listPayerAliases(db, org, { limit: 1, cursor: first.next_cursor! });
    assert.deepEqual([first.has_more, rest.data[0]?.kind, rest.has_more], [true, 'name', false]);
    const nameAlias = page.data[1]!;
    const byId = await forgetPayerAliases(db, org, 'user:ana', { id: nameAlias.id });
    assert.deepEqual(byId.ok && byId.value, { forgotten: 1 });
    const byAccount = await forgetPayerAliases(db, org, 'user:ana', { kind: 'account', value: 'NL91 ABNA 0417 1643 00' });
    assert.deepEqual(byAccount.ok && byAccount.value, { forgotten: 1 });
    assert.equal((await listPayerAliases(db, org, {})).data.length, 0);
    const again = await forgetPayerAliases(db, org, 'user:ana', { kind: 'account', value: 'NL91ABNA0417164300' });
    assert.equal(again.ok ? '' : again.error.code, 'NOT_FOUND');
    const bad = await forgetPayerAliases(db, org, 'user:ana', { id: 'pal_garbage' });
    assert.equal(bad.ok ? '' : bad.error.field, 'id');
    const next = await importEntries(org, [{ date: '260401', mark: 'C', amount: '66,00', text: 'april', ...payer }], 'S2');
    assert.deepEqual([next.reconciliation.matched, (await inv(org, x2.id)).status, (await inv(org, x1.id)).status], [0, 'open', 'paid']);
    const [audit] = await db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM audit_log WHERE org_id = $1 AND action = 'payer_alias.forgotten' ORDER BY seq LIMIT 1`, [org]);
    assert.ok(audit && !JSON.stringify(audit.data).includes('NL91'), 'the audit log keeps no account number');
  });
});
