// Set-based booking against the ledger's own commands: a mixed batch gives the same balances, allocations, fees, events and
// cases as booking its lines one by one with recordPayment and applyAdjustment, a line is never booked twice, and a
// failure in the middle of a batch leaves nothing of it written.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../test/support/factories.ts';
import type { Db, Queryable } from '../db/index.ts';
import { applyAdjustment, recordPayment } from '../ledger/index.ts';
import { replanCase, syncCases } from '../engine/index.ts';
import { importStatement, reconcileLines } from './index.ts';
import { mt940, type Mt940Entry } from './testing/mt940-builder.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });
const now = () => new Date('2026-03-15T12:00:00Z');

// five customers, each paying in its own way: exact, partial, over, two invoices at once, short by a bank fee
const CUSTOMERS = ['Acme Industrial GmbH', 'Borde Textiles SL', 'Cobalt Foods BV', 'Delta Motors AG', 'Ebro Pharma SA'];
const INVOICES = [
  { customer: 0, number: 'F-1001', amount: 10_000 }, { customer: 1, number: 'F-1002', amount: 50_000 },
  { customer: 2, number: 'F-1003', amount: 7_000 }, { customer: 3, number: 'F-1004', amount: 10_000 },
  { customer: 3, number: 'F-1005', amount: 20_000 }, { customer: 4, number: 'F-1006', amount: 40_000 },
  { customer: 4, number: 'F-1007', amount: 9_000 },
];
const LINES: Mt940Entry[] = [
  { date: '260301', mark: 'C', amount: '100,00', text: 'Rechnung F-1001', name: CUSTOMERS[0] },
  { date: '260302', mark: 'C', amount: '200,00', text: 'F-1002 erste Rate', name: CUSTOMERS[1] },
  { date: '260303', mark: 'C', amount: '75,00', text: 'F-1003', name: CUSTOMERS[2] },
  { date: '260304', mark: 'C', amount: '300,00', text: 'F-1004 F-1005', name: CUSTOMERS[3] },
  { date: '260305', mark: 'C', amount: '396,50', text: 'F-1006', name: CUSTOMERS[4] },
  { date: '260306', mark: 'C', amount: '12,34', text: 'rent deposit return', name: 'Nobody Known' },
];

/** An org with the customers and invoices above; cases open as the worker keeps them. */
async function anOrg(name: string): Promise<string> {
  const org = await testOrg(db, name);
  const ids: string[] = [];
  for (const [i, c] of CUSTOMERS.entries()) ids.push((await aCustomer(db, org, { name: c, external_id: `K${i}` })).id);
  for (const v of INVOICES) {
    await anInvoice(db, org, { customer_id: ids[v.customer]!, number: v.number, amount: v.amount, currency: 'EUR', due_date: '2026-02-01' });
  }
  await syncCases(db, org, now());
  return org;
}

const file = Buffer.from(mt940(LINES, { id: 'S1', currency: 'EUR' }));
const importFile = async (q: Db, org: string) => {
  const r = await importStatement(q, org, file, { filename: 'S1.sta', actor: 'test', now });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};

interface Decided { external_id: string; customer: string; amount: number; currency: string; date: string; reference: string | null;
  allocations: { number: string; amount: number; fee: number }[]; line_id: string }

/** What the set-based run applied, in the order it decided (the audit chain's order). */
async function decisionsOf(org: string): Promise<Decided[]> {
  return db.query<Decided>(`SELECT p.external_id, c.external_id AS customer, p.amount::int AS amount, p.currency,
      to_char(p.date, 'YYYY-MM-DD') AS date, p.reference, l.id AS line_id,
      (SELECT jsonb_agg(jsonb_build_object('number', i.number, 'amount', (x->>'amount')::int, 'fee', (x->>'fee')::int))
       FROM jsonb_array_elements(m.allocations) x JOIN invoices i ON i.id = x->>'invoice_id') AS allocations
    FROM audit_log a JOIN statement_lines l ON l.id = a.entity_id JOIN payments p ON p.id = l.payment_id
    JOIN match_proposals m ON m.line_id = l.id AND m.status = 'applied' JOIN customers c ON c.id = p.customer_id
    WHERE a.org_id = $1 AND a.action = 'statement_line.matched' ORDER BY a.seq`, [org]);
}

/** The reference: the same decisions booked line by line with the ledger's commands, one transaction per line. */
async function bookOneByOne(org: string, decided: Decided[]): Promise<void> {
  for (const d of decided) {
    await db.transaction(async (tx) => {
      const [cus] = await tx.query<{ id: string }>('SELECT id FROM customers WHERE org_id = $1 AND external_id = $2', [org, d.customer]);
      const inv = async (number: string) => (await tx.query<{ id: string }>('SELECT id FROM invoices WHERE org_id = $1 AND number = $2',
        [org, number]))[0]!.id;
      const allocations = [];
      for (const a of d.allocations.filter((x) => x.amount > 0)) allocations.push({ invoice_id: await inv(a.number), amount: a.amount });
      const paid = await recordPayment(tx, org, 'test', { customer_id: cus!.id, amount: d.amount, currency: d.currency, date: d.date,
        method: 'bank_transfer', reference: d.reference, source: 'bank', external_id: d.external_id, allocations });
      assert.ok(paid.ok, paid.ok ? '' : paid.error.message);
      for (const a of d.allocations.filter((x) => x.fee > 0)) {
        const adj = await applyAdjustment(tx, org, 'test', { invoice_id: await inv(a.number), kind: 'discount', amount: a.fee, date: d.date,
          reason: `bank fee deducted from the transfer on statement line ${d.line_id}` });
        assert.ok(adj.ok, adj.ok ? '' : adj.error.message);
      }
      await replanCase(tx, org, cus!.id, now());
    });
  }
}

/** The org's ledger with its own ids replaced by numbers and external ids, so two orgs can be compared. */
async function ledgerOf(org: string, q: Queryable = db) {
  const rows = (sql: string) => q.query(sql, [org]);
  return {
    invoices: await rows(`SELECT number, balance::int, status FROM invoices WHERE org_id = $1 ORDER BY number`),
    payments: await rows(`SELECT p.external_id, c.external_id AS customer, p.amount::int, p.unapplied::int, p.source, p.method
      FROM payments p JOIN customers c ON c.id = p.customer_id WHERE p.org_id = $1 ORDER BY p.external_id`),
    allocations: await rows(`SELECT p.external_id, i.number, a.amount::int, a.reversed_at IS NULL AS live FROM allocations a
      JOIN payments p ON p.id = a.payment_id JOIN invoices i ON i.id = a.invoice_id WHERE a.org_id = $1 ORDER BY 1, 2`),
    adjustments: await rows(`SELECT i.number, a.kind, a.amount::int, a.currency, to_char(a.date, 'YYYY-MM-DD') AS date, a.reason
      FROM adjustments a JOIN invoices i ON i.id = a.invoice_id WHERE a.org_id = $1 ORDER BY 1`),
    events: await rows(`SELECT e.type, COALESCE(i.number, e.data->>'external_id', c.external_id) AS about, e.data->'allocations' IS NOT NULL AS allocs,
      (e.data->>'unapplied')::int AS unapplied FROM events e LEFT JOIN invoices i ON i.id = e.subject LEFT JOIN customers c ON c.id = e.customer_id
      WHERE e.org_id = $1 AND e.type IN ('payment.received', 'invoice.paid', 'case.closed') ORDER BY 1, 2`),
    cases: await rows(`SELECT cu.external_id, c.status, c.stop_code FROM cases c JOIN customers cu ON cu.id = c.customer_id
      WHERE c.org_id = $1 ORDER BY 1`),
    actions: await rows(`SELECT cu.external_id, a.status, count(*)::int AS n FROM actions a JOIN cases c ON c.id = a.case_id
      JOIN customers cu ON cu.id = c.customer_id WHERE a.org_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`),
    audit: await rows(`SELECT action, count(*)::int AS n FROM audit_log WHERE org_id = $1
      AND action IN ('payment.recorded', 'adjustment.applied') GROUP BY 1 ORDER BY 1`),
  };
}

/** A Db whose statements matching `pattern` fail, inside transactions too: a crash in the middle of a batch. */
function failingOn(real: Db, pattern: RegExp): Db {
  const wrap = (q: Queryable): Queryable => ({
    query: <T>(sql: string, params?: unknown[]) => (pattern.test(sql) ? Promise.reject(new Error('injected failure')) : q.query<T>(sql, params)),
    copyCsv: (t, c, csv) => q.copyCsv(t, c, csv),
  });
  return { kind: real.kind, ...wrap(real), transaction: (fn) => real.transaction((tx) => fn(wrap(tx))), exec: (s) => real.exec(s),
    close: () => real.close() };
}

describe('set-based booking', () => {
  it('books a mixed batch exactly as the ledger commands do line by line', async () => {
    const batch = await anOrg('Batch');
    const report = await importFile(db, batch);
    assert.deepEqual([report.reconciliation.matched, report.reconciliation.unmatched], [5, 1]);
    const decided = await decisionsOf(batch);
    assert.equal(decided.length, 5);
    const single = await anOrg('Single');
    await bookOneByOne(single, decided);
    const [a, b] = [await ledgerOf(batch), await ledgerOf(single)];
    assert.deepEqual(a, b);
    // and the money is where it should be, to the unit
    const inv = Object.fromEntries(a.invoices.map((r) => [r.number, [r.balance, r.status]]));
    assert.deepEqual(inv, { 'F-1001': [0, 'paid'], 'F-1002': [30_000, 'partially_paid'], 'F-1003': [0, 'paid'], 'F-1004': [0, 'paid'],
      'F-1005': [0, 'paid'], 'F-1006': [0, 'paid'], 'F-1007': [9_000, 'open'] });
    assert.deepEqual(a.payments.map((p) => p.unapplied).sort(), [0, 0, 0, 0, 500]);
    assert.deepEqual(a.adjustments.map((r) => [r.number, r.kind, r.amount]), [['F-1006', 'discount', -350]]);
    assert.deepEqual(a.cases.filter((c) => c.status === 'closed').map((c) => c.external_id), ['K0', 'K2', 'K3']);
  });

  it('never books a line twice: a re-imported file adds nothing, and a line run again is refused by its payment key', async () => {
    const org = await anOrg('Twice');
    await importFile(db, org);
    const before = await ledgerOf(org);
    const again = await importFile(db, org);
    assert.deepEqual([again.new_lines, again.reconciliation.matched], [0, 0]);
    // a line put back to unmatched (as a crash between two systems might leave it) is matched again but not booked again
    const [line] = await db.query<{ id: string }>(`UPDATE statement_lines SET match_state = 'unmatched' WHERE org_id = $1
      AND remittance_text LIKE '%F-1002%' RETURNING id`, [org]);
    const rerun = await reconcileLines(db, org, [line!.id], { actor: 'test', now });
    assert.deepEqual([rerun.matched, rerun.review], [0, 1]);
    const [queued] = await db.query<{ reasons: string[] }>(`SELECT reasons FROM match_proposals WHERE line_id = $1 AND status = 'proposed'`, [line!.id]);
    assert.match(queued!.reasons.at(-1)!, /could not be applied: a payment with external_id "bank:[0-9a-f]+" exists/);
    const after = await ledgerOf(org);
    assert.deepEqual([after.payments, after.allocations, after.invoices, after.events], [before.payments, before.allocations, before.invoices, before.events]);
  });

  it('leaves nothing half-written when a statement fails in the middle of a batch, and books it all when run again', async () => {
    const org = await anOrg('Crash');
    const untouched = await ledgerOf(org);
    const matchedAudit = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1
      AND action IN ('statement_line.matched', 'payment.recorded', 'adjustment.applied')`, [org]))[0]!.n;
    // the first failure comes during the import's own matching; the lines stay stored and waiting
    await assert.rejects(importFile(failingOn(db, /INSERT INTO allocations/), org), /injected failure/);
    const ids = (await db.query<{ id: string }>('SELECT id FROM statement_lines WHERE org_id = $1', [org])).map((r) => r.id);
    assert.equal(ids.length, LINES.length);
    for (const pattern of [/INSERT INTO allocations/, /INSERT INTO adjustments/, /UPDATE statement_lines l SET match_state = 'matched'/,
      /INSERT INTO audit_log/, /INSERT INTO events/]) {
      if (pattern.source !== 'INSERT INTO allocations') {
        await assert.rejects(reconcileLines(failingOn(db, pattern), org, ids, { actor: 'test', now }), /injected failure/);
      }
      assert.deepEqual(await ledgerOf(org), untouched, `nothing booked when ${pattern} fails`);
      const states = await db.query<{ match_state: string }>('SELECT DISTINCT match_state FROM statement_lines WHERE org_id = $1', [org]);
      assert.deepEqual(states.map((s) => s.match_state), ['unmatched']);
      assert.equal((await db.query('SELECT 1 FROM match_proposals WHERE org_id = $1', [org])).length, 0);
      assert.equal(await matchedAudit(), 0);
    }
    const done = await reconcileLines(db, org, ids, { actor: 'test', now });
    assert.deepEqual([done.matched, done.unmatched], [5, 1]);
    const booked = await ledgerOf(org);
    assert.deepEqual(booked.invoices.map((r) => r.status), ['paid', 'partially_paid', 'paid', 'paid', 'paid', 'paid', 'open']);
    assert.equal(await matchedAudit(), 5 + 5 + 1);
  });
});
