// Matching at scale against the database: the lookup tables follow the ledger (new invoices, renamed and erased customers,
// a late commit), a batch loads only its candidates, and what it proposes is what an index of the whole ledger proposes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { listCustomerNames, listOpenReceivables, updateCustomer } from '../ledger/index.ts';
import { requestErasure } from '../compliance/index.ts';
import { BenchData } from '../../bench/reconcileData.ts';
import { seedBenchOrg } from './testing/bench-org.ts';
import { candidateIndex } from './candidates.ts';
import { syncMatchTables } from './match-tables.ts';
import { buildIndex } from './match/match-index.ts';
import { proposeMatch } from './match/matcher.ts';
import { DEFAULT_SETTINGS, type MatchLine, type Proposal } from './match/types.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

const keysOf = async (org: string, invoiceId: string) =>
  (await db.query<{ key: string }>('SELECT key FROM invoice_match_keys WHERE org_id = $1 AND invoice_id = $2 ORDER BY key', [org, invoiceId])).map((r) => r.key);
const wordsOf = async (org: string, customerId: string) =>
  (await db.query<{ word: string }>('SELECT word FROM customer_match_words WHERE org_id = $1 AND customer_id = $2 ORDER BY word', [org, customerId])).map((r) => r.word);

describe('the lookup tables', () => {
  it('index every invoice once, then only what is new, renamed or erased', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Borealis Trading S.L.' });
    const first = await anInvoice(db, org, { customer_id: c.id, number: 'INV-2026-0042', currency: 'EUR' });
    assert.deepEqual((await syncMatchTables(db, org)).invoices.mode, 'rebuilt');
    assert.deepEqual(await keysOf(org, first.id), ['a:INV20260042', 'd:20260042', 'n:INV-2026-0042']);
    assert.deepEqual((await syncMatchTables(db, org)).invoices, { indexed: 1, mode: 'unchanged', read: 0 });
    const second = await anInvoice(db, org, { customer_id: c.id, number: 'F 0007731', currency: 'EUR' });
    // (the invoices read again: the new one, and on a shared PostgreSQL maybe the first: see match-tables.test.ts)
    const { read, ...sync } = (await syncMatchTables(db, org)).invoices;
    assert.ok(sync.mode === 'incremental' && sync.indexed === 2 && read >= 1, JSON.stringify({ read, ...sync }));
    assert.deepEqual(await keysOf(org, second.id), ['a:F7731', 'd:7731', 'n:F0007731']);
    assert.deepEqual(await wordsOf(org, c.id), ['borealis', 'borealis+trading', 'trading']);
    assert.ok((await updateCustomer(db, org, 'test', c.id, { name: 'Boreal Logistics' })).ok);
    await syncMatchTables(db, org);
    assert.deepEqual(await wordsOf(org, c.id), ['boreal', 'boreal+logistics', 'logistics']);
    const gone = await aCustomer(db, org, { name: 'Nova Textiles' });
    await syncMatchTables(db, org);
    assert.deepEqual(await wordsOf(org, gone.id), ['nova', 'nova+textiles', 'textiles']);
    const erased = await requestErasure(db, org, 'test', gone.id, new Date());
    assert.ok(erased.ok && erased.value.outcome === 'erased', JSON.stringify(erased));
    assert.deepEqual(await wordsOf(org, gone.id), [], 'erasure empties the index at once');
    await syncMatchTables(db, org);
    assert.deepEqual(await wordsOf(org, gone.id), [], 'and an erased customer is not indexed again');
  });

  it('repair what a transaction that committed late left out', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Late Commit GmbH' });
    await anInvoice(db, org, { customer_id: c.id, number: 'LC-1001', currency: 'EUR' });
    await syncMatchTables(db, org);
    // as if written by a transaction that began long before the last sync and committed after it
    await db.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date, created_at, updated_at)
      VALUES ('inv_late', $1, $2, 'LC-1002', 'EUR', 500, 500, '2026-01-01', '2026-02-01', '2000-01-01', '2000-01-01')`, [org, c.id]);
    assert.deepEqual((await syncMatchTables(db, org)).invoices, { indexed: 2, mode: 'rebuilt', read: 2 });
    assert.deepEqual(await keysOf(org, 'inv_late'), ['a:LC1002', 'd:1002', 'n:LC-1002']);
  });
});

describe('customers by name', () => {
  it('finds a payer whose every name word is common by the pair of its two longest words', async () => {
    const org = await testOrg(db);
    const names = ['Maria Barez', 'Maria Lopez', 'Jose Barez', 'Maria Barez Solana'];
    const [wanted, , , longer] = await Promise.all(names.map((name) => aCustomer(db, org, { name })));
    await syncMatchTables(db, org);
    const line: MatchLine = { amount: 100, currency: 'EUR', date: null, counterpartyName: 'BAREZ, MARIA', counterpartyAccount: null,
      remittanceText: null, structuredReference: null, endToEndId: null };
    const index = await candidateIndex(db, org, [line], { nameFanout: 2, amountWindowDays: 30, amountLimit: 1 });
    assert.deepEqual([...index.common].sort(), ['barez', 'maria']);
    assert.deepEqual([...index.customers.keys()].sort(), [wanted!.id, longer!.id].sort(), 'those with both words, no one else');
  });
});

describe('candidates of a batch', () => {
  const data = new BenchData(2_000, 300, 11);
  let org = '';
  let lines: MatchLine[] = [];
  before(async () => {
    org = await testOrg(db);
    lines = await seedBenchOrg(db, org, data);
  });

  async function wholeLedger() {
    const invoices = (await listOpenReceivables(db, org, ['EUR'])).map((i) => ({ id: i.id, number: i.number, customerId: i.customer_id,
      currency: i.currency, balance: i.balance, dueDate: i.due_date }));
    const aliases = (await db.query<{ value: string; customer_id: string; matches: number }>(
      `SELECT value, customer_id, matches FROM payer_aliases WHERE org_id = $1`, [org])).map((a) => ({ kind: 'account' as const, value: a.value,
      customerId: a.customer_id, matches: a.matches }));
    return buildIndex(invoices, await listCustomerNames(db, org), aliases);
  }
  const shape = (p: Proposal | null) => (p ? { customer: p.customerId, allocations: p.allocations, confidence: p.confidence, reasons: p.reasons } : null);

  it('load only the invoices the lines can match, a small share of the ledger', async () => {
    const index = await candidateIndex(db, org, lines.slice(0, 50));
    assert.ok(index.byId.size > 0 && index.byId.size < data.invoices / 10, `${index.byId.size} invoices loaded for 50 lines`);
  });

  it('propose what an index of the whole ledger proposes, line for line, when nothing bounds the lookups', async () => {
    const whole = await wholeLedger();
    const wide = { nameFanout: 100_000, amountWindowDays: 100_000, amountLimit: 100_000 };
    for (let at = 0; at < lines.length; at += 100) {
      const batch = lines.slice(at, at + 100);
      const index = await candidateIndex(db, org, batch, wide);
      for (const [i, l] of batch.entries()) {
        assert.deepEqual(shape(proposeMatch(l, index, DEFAULT_SETTINGS)), shape(proposeMatch(l, whole, DEFAULT_SETTINGS)), `line ${at + i}`);
      }
    }
  });

  it('with the default bounds, apply exactly what the whole ledger would apply', async () => {
    const whole = await wholeLedger();
    const sure = (p: Proposal | null) => (p && p.confidence >= DEFAULT_SETTINGS.autoApplyThreshold ? shape(p) : null);
    let applied = 0;
    for (let at = 0; at < lines.length; at += 100) {
      const batch = lines.slice(at, at + 100);
      const index = await candidateIndex(db, org, batch);
      for (const [i, l] of batch.entries()) {
        const mine = sure(proposeMatch(l, index, DEFAULT_SETTINGS));
        assert.deepEqual(mine, sure(proposeMatch(l, whole, DEFAULT_SETTINGS)), `line ${at + i}`);
        if (mine) applied += 1;
      }
    }
    assert.ok(applied > lines.length / 2, `${applied} of ${lines.length} would be applied`);
  });

  it('never applies what the whole ledger would not, even when most name words count as common', async () => {
    const whole = await wholeLedger();
    const sure = (p: Proposal | null) => (p && p.confidence >= DEFAULT_SETTINGS.autoApplyThreshold ? shape(p) : null);
    const tight = { nameFanout: 1, amountWindowDays: 30, amountLimit: 1 };
    for (let at = 0; at < lines.length; at += 100) {
      const batch = lines.slice(at, at + 100);
      const index = await candidateIndex(db, org, batch, tight);
      assert.ok(index.common.size > 0, 'some words are common at this fan-out');
      for (const [i, l] of batch.entries()) {
        const mine = sure(proposeMatch(l, index, DEFAULT_SETTINGS));
        if (mine) assert.deepEqual(mine, sure(proposeMatch(l, whole, DEFAULT_SETTINGS)), `line ${at + i}`);
      }
    }
  });
});
