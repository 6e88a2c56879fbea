// Import and matching against the database: applied matches, the review queue, learning, returns and re-imports.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { getInvoice, getPayment, listPayments } from '../ledger/index.ts';
import { acceptProposal, changeProposal, getStatement, importStatement, listProposals, rejectProposal, updateSettings } from './index.ts';
import { mt940, type Mt940Entry } from './testing/mt940-builder.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });
const now = () => new Date('2026-03-15T12:00:00Z');

async function setup(invoices: { number: string; amount: number }[], name = 'Acme Industrial GmbH') {
  const org = await testOrg(db);
  const customer = await aCustomer(db, org, { name });
  const made = [];
  for (const i of invoices) made.push(await anInvoice(db, org, { customer_id: customer.id, currency: 'EUR', ...i }));
  return { org, customer, invoices: made };
}
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
const count = async (sql: string, org: string) => (await db.query<{ n: number }>(sql, [org]))[0]!.n;

describe('importing a statement', () => {
  it('pays the invoice a transfer names in messy text, as a bank payment keyed by the line fingerprint', async () => {
    const { org, invoices: [a, b] } = await setup([{ number: 'INV-2026-0042', amount: 12_500 }, { number: 'INV-2026-0043', amount: 12_500 }]);
    const r = await importEntries(org, [{ date: '260301', mark: 'C', amount: '125,00', text: 'pago fact 2O26 OO42 gracias', name: 'ACME' }]);
    assert.deepEqual([r.new_lines, r.reconciliation.matched, r.reconciliation.review], [1, 1, 0]);
    assert.equal((await inv(org, a!.id)).status, 'paid');
    assert.equal((await inv(org, b!.id)).status, 'open');
    const [payment] = (await listPayments(db, org, {})).data;
    assert.equal(payment?.source, 'bank');
    assert.match(payment?.external_id ?? '', /^bank:[0-9a-f]{40}$/);
  });

  it('pays several invoices with one transfer, a partial payment, an overpayment and a fee within tolerance', async () => {
    const { org, invoices: [a, b, c, d, e] } = await setup([{ number: 'F-1001', amount: 10_000 }, { number: 'F-1002', amount: 20_000 },
      { number: 'F-1003', amount: 50_000 }, { number: 'F-1004', amount: 7_000 }, { number: 'F-1005', amount: 40_000 }]);
    const r = await importEntries(org, [
      { date: '260301', mark: 'C', amount: '300,00', text: 'Rechnungen F-1001 F-1002', name: 'Acme Industrial' },
      { date: '260302', mark: 'C', amount: '200,00', text: 'F-1003 erste Rate', name: 'Acme Industrial' },
      { date: '260303', mark: 'C', amount: '75,00', text: 'F-1004', name: 'Acme Industrial' },
      { date: '260304', mark: 'C', amount: '396,50', text: 'F-1005', name: 'Acme Industrial' },
    ]);
    assert.equal(r.reconciliation.matched, 4);
    assert.deepEqual([(await inv(org, a!.id)).status, (await inv(org, b!.id)).status], ['paid', 'paid']);
    assert.deepEqual([(await inv(org, c!.id)).status, (await inv(org, c!.id)).balance], ['partially_paid', 30_000]);
    assert.equal((await inv(org, d!.id)).status, 'paid');
    const over = (await listPayments(db, org, {})).data.find((p) => p.amount === 7_500);
    assert.equal(over?.unapplied, 500, 'the overpayment stays as customer credit');
    assert.deepEqual([(await inv(org, e!.id)).status, (await inv(org, e!.id)).balance], ['paid', 0]);
    const [fee] = await db.query<{ kind: string; amount: number }>('SELECT kind, amount FROM adjustments WHERE invoice_id = $1', [e!.id]);
    assert.deepEqual(fee, { kind: 'discount', amount: -350 });
  });

  it('undoes a match when the transfer comes back', async () => {
    const { org, invoices: [a] } = await setup([{ number: 'F-77', amount: 9_900 }]);
    const first = await importEntries(org, [{ date: '260301', mark: 'C', amount: '99,00', text: 'F-77', eref: 'E2E-77', iban: 'DE89370400440532013000' }]);
    assert.equal(first.reconciliation.matched, 1);
    assert.equal((await inv(org, a!.id)).status, 'paid');
    const back = await importEntries(org, [{ date: '260305', mark: 'RC', amount: '99,00', text: 'RUECKLASTSCHRIFT', eref: 'E2E-77',
      iban: 'DE89370400440532013000' }], 'S2');
    assert.equal(back.reconciliation.reversed, 1);
    const invoice = await inv(org, a!.id);
    assert.deepEqual([invoice.status, invoice.balance], ['open', 9_900]);
    const [payment] = (await listPayments(db, org, {})).data;
    assert.ok(payment?.reversed_at);
    const stmt = await getStatement(db, org, first.statements[0]!.id);
    assert.ok(stmt.ok);
    assert.equal(stmt.value.lines[0]?.match_state, 'reversed');
  });

  it('R-6: adds nothing when the same file comes twice, and only the new lines of an overlapping file', async () => {
    const { org } = await setup([{ number: 'F-1001', amount: 10_000 }, { number: 'F-1003', amount: 30_000 }]);
    const day1 = { date: '260301', mark: 'C', amount: '100,00', text: 'F-1001' } as const;
    const coffee = { date: '260302', mark: 'D', amount: '3,50', text: 'coffee' } as const;
    const day3 = { date: '260303', mark: 'C', amount: '300,00', text: 'F-1003' } as const;
    const first = await importEntries(org, [day1, coffee, coffee]);
    assert.deepEqual([first.new_lines, first.reconciliation.matched, first.reconciliation.not_receivable], [3, 1, 2]);
    const again = await importEntries(org, [day1, coffee, coffee]);
    assert.deepEqual([again.new_lines, again.duplicates, again.statements.length, again.reconciliation.matched], [0, 3, 0, 0]);
    const overlap = await importEntries(org, [coffee, coffee, day3], 'S2');
    assert.deepEqual([overlap.new_lines, overlap.duplicates, overlap.reconciliation.matched], [1, 2, 1]);
    assert.equal(await count('SELECT count(*)::int AS n FROM statement_lines WHERE org_id = $1', org), 4);
    assert.equal(await count('SELECT count(*)::int AS n FROM payments WHERE org_id = $1', org), 2);
  });

  it('rejects a bad file, naming the line, and writes nothing', async () => {
    const { org } = await setup([]);
    const good = mt940([{ date: '260301', mark: 'C', amount: '100,00', text: 'x' }, { date: '260302', mark: 'C', amount: '5,00', text: 'y' }]);
    const bad = good.replace(':61:2603020302C5,00', ':61:2613020302C5,00');
    const r = await importStatement(db, org, Buffer.from(bad), { filename: 'bad.sta', now });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.error.code === 'IMPORT_REJECTED' && /bad\.sta: line 7: .*261302/.test(r.error.message), !r.ok ? r.error.message : '');
    assert.equal(await count('SELECT count(*)::int AS n FROM statements WHERE org_id = $1', org), 0);
    assert.equal(await count('SELECT count(*)::int AS n FROM statement_lines WHERE org_id = $1', org), 0);
  });
});

describe('the review queue', () => {
  it('learns a payer account from an accepted match so the next transfer from it applies by itself', async () => {
    const { org, invoices: [a, b] } = await setup([{ number: 'X-1', amount: 4_400 }, { number: 'X-2', amount: 6_600 }]);
    const payer = { name: 'J SMITH HOLDINGS', iban: 'NL91ABNA0417164300' };
    const first = await importEntries(org, [{ date: '260301', mark: 'C', amount: '44,00', text: 'thanks', ...payer }]);
    assert.equal(first.reconciliation.review, 1, 'only the amount matched: review');
    const [proposal] = (await listProposals(db, org, { status: 'proposed' })).data;
    assert.match(proposal?.reasons.join(' ') ?? '', /only the amount/);
    const accepted = await acceptProposal(db, org, 'user:ana', proposal!.id, now);
    assert.ok(accepted.ok);
    assert.deepEqual([accepted.value.status, (await inv(org, a!.id)).status], ['applied', 'paid']);
    const next = await importEntries(org, [{ date: '260401', mark: 'C', amount: '66,00', text: 'april', ...payer }], 'S2');
    assert.equal(next.reconciliation.matched, 1);
    assert.equal((await inv(org, b!.id)).status, 'paid');
  });

  it('routes by the org threshold: the same sure match goes to review above it and is applied below it', async () => {
    const { org, invoices: [a, b] } = await setup([{ number: 'T-1', amount: 1_000 }, { number: 'T-2', amount: 2_000 }]);
    await updateSettings(db, org, 'test', { auto_apply_threshold: 0.99 });
    const high = await importEntries(org, [{ date: '260301', mark: 'C', amount: '10,00', text: 'T-1' }]);
    assert.deepEqual([high.reconciliation.matched, high.reconciliation.review], [0, 1]);
    assert.equal((await inv(org, a!.id)).status, 'open');
    await updateSettings(db, org, 'test', { auto_apply_threshold: 0.5 });
    const low = await importEntries(org, [{ date: '260302', mark: 'C', amount: '20,00', text: 'T-2' }], 'S2');
    assert.deepEqual([low.reconciliation.matched, (await inv(org, b!.id)).status], [1, 'paid']);
  });

  it('changes a proposal to other invoices and amounts, and rejects another', async () => {
    const { org, invoices: [a, b] } = await setup([{ number: 'C-1', amount: 5_000 }, { number: 'C-2', amount: 8_000 }]);
    await importEntries(org, [{ date: '260301', mark: 'C', amount: '50,00', text: 'hello' },
      { date: '260302', mark: 'C', amount: '80,00', text: 'bye' }]);
    const queue = (await listProposals(db, org, { status: 'proposed' })).data;
    assert.equal(queue.length, 2);
    const first = queue.find((p) => p.line.amount === 5_000)!;
    const changed = await changeProposal(db, org, 'user:ana', first.id, { allocations: [{ invoice_id: 'C-2', amount: 5_000 }] }, now);
    assert.ok(changed.ok, changed.ok ? '' : changed.error.message);
    assert.deepEqual([(await inv(org, a!.id)).status, (await inv(org, b!.id)).balance], ['open', 3_000]);
    const second = queue.find((p) => p.line.amount === 8_000)!;
    const rejected = await rejectProposal(db, org, 'user:ana', second.id);
    assert.ok(rejected.ok);
    assert.deepEqual([rejected.value.status, rejected.value.line.match_state], ['rejected', 'unmatched']);
    const again = await acceptProposal(db, org, 'user:ana', second.id, now);
    assert.equal(again.ok ? '' : again.error.code, 'INVALID_STATE');
    const pay = changed.value.payment_id ? await getPayment(db, org, changed.value.payment_id) : null;
    assert.equal(pay?.ok && pay.value.source, 'bank');
  });
});

describe('lines matched in one batch', () => {
  it('looks at who may have paid a line once the lines before it took every invoice it names', async () => {
    const { org, invoices: [a, b] } = await setup([{ number: 'F-2001', amount: 10_000 }, { number: 'F-2002', amount: 5_000 }]);
    // both are 0.90 sure: the first (a bank fee short of F-2001, from someone else) is settled first and pays F-2001 off
    const r = await importEntries(org, [
      { date: '260301', mark: 'C', amount: '99,00', text: 'F-2001', name: 'Zeta Other' },
      { date: '260302', mark: 'C', amount: '50,00', text: 'F-2001 rest', name: 'Acme Industrial GmbH' },
    ]);
    assert.deepEqual([r.reconciliation.matched, r.reconciliation.review], [1, 1]);
    assert.equal((await inv(org, a!.id)).status, 'paid');
    const [proposal] = (await listProposals(db, org, { status: 'proposed' })).data;
    assert.deepEqual(proposal?.allocations.map((x) => x.invoice_id), [b!.id], 'the payer\'s other invoice, found by name');
  });
});
