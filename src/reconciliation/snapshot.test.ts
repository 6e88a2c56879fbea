// The in-memory copy of what matching looks up: a batch's candidates found in it are those the SQL lookups find (the same
// index, in the same order, and so the same proposals), and it follows the ledger between runs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { updateCustomer } from '../ledger/index.ts';
import { BenchData } from '../../bench/reconcileData.ts';
import { seedBenchOrg } from './testing/bench-org.ts';
import { candidateIndex, LOOKUP_LIMITS, takeFirstReads } from './candidates.ts';
import { payerEvidence, payerEvidenceOf, referencedInvoices, type PayerEvidence } from './match/evidence.ts';
import { proposeAndRead } from './match/reads.ts';
import { normaliseName } from './match/names.ts';
import { syncMatchTables } from './match-tables.ts';
import { proposeMatch } from './match/matcher.ts';
import { DEFAULT_SETTINGS, type MatchLine, type Proposal } from './match/types.ts';
import type { MatchIndex } from './match/match-index.ts';
import { forgetSnapshots, matchSnapshot, SNAPSHOT_MAX_ORGS } from './snapshot.ts';
import { matchCopyLimits, setMatchCopyLimits } from './copy-limits.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { forgetSnapshots(); await db.close(); });

const shape = (p: Proposal | null) => (p ? { customer: p.customerId, allocations: p.allocations, confidence: p.confidence, reasons: p.reasons } : null);
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
/** Lists the matcher looks things up in, whose order it does not depend on (a customer's invoices are sorted by due date,
 * and the SQL gives them in whatever order its plan reads them). */
const sorted = <T extends { id: string }>(m: Map<string, T[]>) => [...m].map(([k, v]) => [k, [...v].sort(byId)] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
/**
 * What the matcher reads of an index: the customers (with their name keys: the copy's index reads names from the copy, the
 * SQL one only those a proposal may name), common words, payers and reference keys in the order it reads them.
 */
const contents = (i: MatchIndex) => ({ invoices: [...i.byId.values()].sort(byId), customers: [...i.customers.values()].map((c) => [c.id, c.nameKey]),
  common: [...i.common], aliases: [...i.aliases], byKey: [...i.byKey], byCustomer: sorted(i.byCustomer), byBalance: sorted(i.byBalance) });
/** The customers filed under each name and word the SQL index holds, in its order, as the other index gives them. */
const nameLists = (i: MatchIndex, like: MatchIndex) => {
  const lists = (m: MatchIndex['nameWord'], keys: Iterable<string>) => [...keys].map((k) => [k, [...m.get(k) ?? []]]);
  return { words: lists(i.nameWord, (like.nameWord as Map<string, unknown>).keys()), names: lists(i.byNameKey, (like.byNameKey as Map<string, unknown>).keys()) };
};

describe('candidates from the in-memory copy', () => {
  const data = new BenchData(2_000, 300, 11);
  let org = '';
  let lines: MatchLine[] = [];
  before(async () => {
    org = await testOrg(db);
    lines = await seedBenchOrg(db, org, data);
  });

  for (const [label, limits] of [['default', LOOKUP_LIMITS], ['tight', { nameFanout: 1, amountWindowDays: 30, amountLimit: 1 }]] as const) {
    it(`build the index the SQL lookups build, line for line the same proposals (${label} bounds)`, async () => {
      const snap = await matchSnapshot(db, org);
      assert.ok(snap);
      let proposed = 0;
      for (let at = 0; at < lines.length; at += 100) {
        const batch = lines.slice(at, at + 100);
        const sql = await candidateIndex(db, org, batch, limits);
        const mem = await candidateIndex(db, org, batch, limits, snap);
        assert.deepEqual(contents(mem), contents(sql), `batch at ${at}`);
        assert.deepEqual(nameLists(mem, sql), nameLists(sql, sql), `batch at ${at}`);
        // the names the SQL index read are the copy's
        for (const c of sql.customers.values()) if (c.name) assert.equal(mem.customers.get(c.id)?.name, c.name);
        for (const [i, l] of batch.entries()) {
          const p = proposeMatch(l, mem, DEFAULT_SETTINGS);
          assert.deepEqual(shape(p), shape(proposeMatch(l, sql, DEFAULT_SETTINGS)), `line ${at + i}`);
          if (p) proposed += 1;
        }
      }
      assert.ok(proposed > lines.length / 2, `${proposed} of ${lines.length} proposed`);
    });
  }

  for (const [label, limits] of [['default', LOOKUP_LIMITS], ['tight', { nameFanout: 1, amountWindowDays: 30, amountLimit: 1 }]] as const) {
    it(`finds the customers alike a payer from the copy's lists as the index's candidates find them, in their order (${label} bounds)`, async () => {
      const snap = await matchSnapshot(db, org);
      let fast = 0;
      let several = 0;
      for (let at = 0; at < lines.length; at += 100) {
        const batch = lines.slice(at, at + 100);
        const [copy, general] = await Promise.all([0, 1].map(() => candidateIndex(db, org, batch, limits, snap)));
        assert.ok(copy!.alikeFrom);
        general!.alikeFrom = undefined;
        for (const [i, l] of batch.entries()) {
          const key = l.counterpartyName ? normaliseName(l.counterpartyName) : null;
          if (key && copy!.alikeFrom(l.counterpartyName!, key)) fast += 1;
          const evidence: [string, PayerEvidence][] = [...payerEvidence(l, copy!)];
          assert.deepEqual(evidence, [...payerEvidence(l, general!)], `line ${at + i}`);
          if (evidence.length > 1) several += 1;
        }
      }
      assert.ok(fast > lines.length / 2 && several > 0, `${fast} of ${lines.length} from the copy's lists, ${several} with several customers`);
    });
  }

  it('gives a customer the evidence that comparing the payer with everyone gives it, and the same proposals', async () => {
    const snap = await matchSnapshot(db, org);
    let named = 0;
    for (let at = 0; at < lines.length; at += 100) {
      const batch = lines.slice(at, at + 100);
      const [lazy, full, fresh] = await Promise.all([0, 1, 2].map(() => candidateIndex(db, org, batch, LOOKUP_LIMITS, snap)));
      // nothing compared before: each customer's likeness worked out for it alone
      fresh!.alike.clear();
      for (const [i, l] of batch.entries()) {
        const all = payerEvidence(l, full!);
        const refs = referencedInvoices(l, full!);
        const ids = new Set([...all.keys(), ...refs.map((r) => r.customerId), ...[...fresh!.customers.keys()].slice(i * 7, i * 7 + 7)]);
        const only = payerEvidenceOf(l, fresh!, ids);
        assert.deepEqual(only, new Map([...all].filter(([id]) => ids.has(id))), `line ${at + i}`);
        const { p } = proposeAndRead(l, lazy!, DEFAULT_SETTINGS, takeFirstReads(lazy!, l));
        assert.deepEqual(shape(p), shape(proposeMatch(l, full!, DEFAULT_SETTINGS)), `line ${at + i}`);
        if (refs.length) named += 1;
      }
    }
    assert.ok(named > lines.length / 3, `${named} of ${lines.length} lines name an invoice`);
  });
});

describe('customers alike a payer, read from the copy', () => {
  it('come in the order the batch found them, not the order the copy lists them', async () => {
    const org = await testOrg(db);
    const a = await aCustomer(db, org, { name: 'Nordic Timber' });
    const b = await aCustomer(db, org, { name: 'Nordic Timbers' });
    // the one listed second under their word is the one the batch finds first (a line paying under its exact name)
    const [second, first] = a.id < b.id ? [a, b] : [b, a];
    await syncMatchTables(db, org);
    const snap = await matchSnapshot(db, org);
    const line = (name: string): MatchLine => ({ amount: 1_000, currency: 'USD', date: '2026-02-01', counterpartyName: name,
      counterpartyAccount: null, remittanceText: null, structuredReference: null, endToEndId: null });
    const batch = [line(first.name), line('Nordic Timberz')];
    const [copy, general] = await Promise.all([0, 1].map(() => candidateIndex(db, org, batch, LOOKUP_LIMITS, snap)));
    general!.alikeFrom = undefined;
    const ids = (i: MatchIndex) => [...payerEvidence(batch[1]!, i).keys()];
    assert.deepEqual(ids(general!), [first.id, second.id]);
    assert.deepEqual(ids(copy!), [first.id, second.id]);
  });
});

describe('customers alike a payer, kept by the copy', () => {
  it('are compared again once a customer is renamed (what the copy kept for the payer\'s lists is dropped)', async () => {
    const org = await testOrg(db);
    const a = await aCustomer(db, org, { name: 'Heron Marine' });
    const b = await aCustomer(db, org, { name: 'Heron Logistics' });
    const line: MatchLine = { amount: 1_000, currency: 'USD', date: '2026-02-01', counterpartyName: 'Heron Marine',
      counterpartyAccount: null, remittanceText: null, structuredReference: null, endToEndId: null };
    const alike = async () => {
      await syncMatchTables(db, org);
      const snap = await matchSnapshot(db, org);
      return [...payerEvidence(line, await candidateIndex(db, org, [line], LOOKUP_LIMITS, snap)).keys()];
    };
    assert.deepEqual(await alike(), [a.id]);
    assert.ok((await matchSnapshot(db, org))!.alikeKept > 0, 'the copy kept what the payer was compared with');
    assert.ok((await updateCustomer(db, org, 'test', b.id, { name: 'Heron Marines' })).ok);
    assert.deepEqual(await alike(), [a.id, b.id]);
  });
});

describe('customers alike a payer whose every word is common, read from the copy', () => {
  it('include those with both longest words that no pair token files (names of more than six words)', async () => {
    const org = await testOrg(db);
    const exact = await aCustomer(db, org, { name: 'Alba Berta Cora Dina Elsa Faro Zorro Zuluzz' });
    // the pair of the payer's two longest words (zuluzz, berta) is not among the pairs of this name's first six words
    const wide = await aCustomer(db, org, { name: 'Alba Berta Cora Dina Elsa Faro Zorra Zuluzz' });
    await syncMatchTables(db, org);
    const snap = await matchSnapshot(db, org);
    const line = (name: string): MatchLine => ({ amount: 1_000, currency: 'USD', date: '2026-02-01', counterpartyName: name,
      counterpartyAccount: null, remittanceText: null, structuredReference: null, endToEndId: null });
    // the second line makes the batch find the other customer; every word a customer has is common (fanout 0)
    const batch = [line(exact.name), line(wide.name)];
    const limits = { ...LOOKUP_LIMITS, nameFanout: 0 };
    const [copy, general] = await Promise.all([0, 1].map(() => candidateIndex(db, org, batch, limits, snap)));
    general!.alikeFrom = undefined;
    assert.ok(copy!.alikeFrom!(exact.name, normaliseName(exact.name)!), 'the copy\'s way, not the general one');
    const ids = (i: MatchIndex) => [...payerEvidence(batch[0]!, i).keys()];
    assert.deepEqual(ids(general!), [exact.id, wide.id]);
    assert.deepEqual(ids(copy!), [exact.id, wide.id]);
  });
});

describe('the in-memory copy between runs', () => {
  it('reads again at a catch-up only the rows written since it last read, though every row changed within the overlap', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Kestrel Freight' });
    for (const n of ['KF-1', 'KF-2', 'KF-3']) await anInvoice(db, org, { customer_id: c.id, number: n, currency: 'EUR', amount: 100 });
    await syncMatchTables(db, org);
    const snap = (await matchSnapshot(db, org))!;
    assert.equal(snap.invoices.size, 3);
    // another session's transaction running at a read holds back what the next catch-up may skip: wait until none is
    const settled = async () => {
      for (let i = 0; i < 600; i++) {
        assert.equal(await matchSnapshot(db, org), snap, 'caught up, not read again');
        if (!snap.caughtUp.invoices && !snap.caughtUp.customers) return true;
        await new Promise((r) => setTimeout(r, 50));
      }
      return false;
    };
    assert.ok(await settled(), 'nothing written since the copy was read is read again');
    const later = await anInvoice(db, org, { customer_id: c.id, number: 'KF-4', currency: 'EUR', amount: 400 });
    await db.query(`UPDATE customers SET name = 'Kestrel Air Freight', updated_at = now() WHERE org_id = $1 AND id = $2`, [org, c.id]);
    await syncMatchTables(db, org);
    await matchSnapshot(db, org);
    assert.ok(snap.caughtUp.invoices >= 1 && snap.caughtUp.customers === 1, JSON.stringify(snap.caughtUp));
    assert.deepEqual(snap.withBalance('EUR', 400).map((i) => i.id), [later.id]);
    assert.deepEqual(snap.byToken.get('air')?.map((x) => x.id), [c.id]);
    assert.ok(await settled(), 'what was read at the last catch-up is not read again');
  });

  it('sees new and paid invoices, renamed customers, forgotten payers and what a late commit left out', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Borealis Trading S.L.' });
    const paid = await anInvoice(db, org, { customer_id: c.id, number: 'INV-2026-0042', currency: 'EUR', amount: 1_000 });
    await db.query(`INSERT INTO payer_aliases (org_id, kind, value, customer_id, matches) VALUES ($1, 'name', 'borealis trading', $2, 2)`, [org, c.id]);
    await syncMatchTables(db, org);
    const snap = (await matchSnapshot(db, org))!;
    assert.deepEqual(snap.byKey.get('a:INV20260042').map((i) => i.id), [paid.id]);
    assert.deepEqual(snap.byToken.get('borealis')?.map((x) => x.id), [c.id]);
    assert.equal(snap.aliases.get('name\u0001borealis trading')?.[0]?.matches, 2);

    const fresh = await anInvoice(db, org, { customer_id: c.id, number: 'F 0007731', currency: 'EUR', amount: 700 });
    await db.query(`UPDATE invoices SET balance = 0, status = 'paid', updated_at = now() WHERE org_id = $1 AND id = $2`, [org, paid.id]);
    assert.ok((await updateCustomer(db, org, 'test', c.id, { name: 'Boreal Logistics' })).ok);
    await db.query(`DELETE FROM payer_aliases WHERE org_id = $1`, [org]);
    await syncMatchTables(db, org);
    const again = (await matchSnapshot(db, org))!;
    assert.equal(again, snap, 'caught up, not read again');
    assert.equal(again.byKey.get('a:INV20260042').length, 0, 'a paid invoice is no candidate');
    assert.deepEqual(again.byKey.get('a:F7731').map((i) => i.id), [fresh.id]);
    assert.deepEqual(again.withBalance('EUR', 700).map((i) => i.id), [fresh.id]);
    assert.equal(again.byToken.get('borealis')?.length ?? 0, 0);
    assert.deepEqual(again.byToken.get('logistics')?.map((x) => x.id), [c.id]);
    assert.equal(again.aliases.size, 0, 'a forgotten payer is gone');

    // as if written by a transaction that began long before the last catch-up and committed after it
    await db.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date, created_at, updated_at)
      VALUES ('inv_late_snap', $1, $2, 'LC-1002', 'EUR', 500, 500, '2026-01-01', '2026-02-01', '2000-01-01', '2000-01-01')`, [org, c.id]);
    await syncMatchTables(db, org);
    const reread = (await matchSnapshot(db, org))!;
    assert.notEqual(reread, snap, 'the lookup tables were rebuilt: the copy is read whole again');
    assert.deepEqual(reread.byKey.get('a:LC1002').map((i) => i.id), ['inv_late_snap']);
  });

  it('is not made for an org over the limit of open invoices, and only the orgs matched last are kept', async () => {
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Grande S.A.' });
    for (const n of ['G-1', 'G-2', 'G-3']) await anInvoice(db, org, { customer_id: c.id, number: n, currency: 'EUR', amount: 100 });
    await syncMatchTables(db, org);
    assert.equal(await matchSnapshot(db, org, 2), null, 'three open invoices, a limit of two: lookups in SQL');
    const first = await matchSnapshot(db, org, 3);
    assert.equal(first?.invoices.size, 3);
    assert.equal(await matchSnapshot(db, org, 2), null, 'a kept copy over the limit is dropped');
    const kept = await matchSnapshot(db, org, 3);
    assert.notEqual(kept, first);
    for (let i = 0; i < SNAPSHOT_MAX_ORGS; i++) {
      const other = await testOrg(db);
      await syncMatchTables(db, other);
      assert.ok(await matchSnapshot(db, other));
    }
    assert.notEqual(await matchSnapshot(db, org, 3), kept, 'the least recently matched org\'s copy was dropped and is read again');
  });

  it('drops the copies of the orgs matched longest ago to keep the open invoices of all copies under the budget', async () => {
    forgetSnapshots();
    const orgs: string[] = [];
    for (const name of ['Uno S.A.', 'Dos S.A.', 'Tres S.A.']) {
      const org = await testOrg(db);
      const c = await aCustomer(db, org, { name });
      for (const n of ['B-1', 'B-2']) await anInvoice(db, org, { customer_id: c.id, number: n, currency: 'EUR', amount: 100 });
      await syncMatchTables(db, org);
      orgs.push(org);
    }
    const [a, b, c] = orgs as [string, string, string];
    const first = await matchSnapshot(db, a, 10, 4);
    assert.equal(await matchSnapshot(db, a, 10, 4), first, 'kept while within the budget');
    const second = await matchSnapshot(db, b, 10, 4);
    assert.equal(await matchSnapshot(db, b, 10, 4), second);
    // a third org's two invoices would make six: the copy matched longest ago (a's) makes way, b's stays
    await matchSnapshot(db, c, 10, 4);
    assert.equal(await matchSnapshot(db, b, 10, 6), second, 'the copy matched more recently is kept');
    assert.notEqual(await matchSnapshot(db, a, 10, 6), first, 'the copy matched longest ago was dropped and is read again');
  });
  it('follows the operator\'s limits (COBRO_MATCH_COPY_MAX_OPEN, 0 turning the copies off; no copy over COBRO_MATCH_COPY_BUDGET)', async () => {
    forgetSnapshots();
    const org = await testOrg(db);
    const c = await aCustomer(db, org, { name: 'Cuatro S.A.' });
    for (const n of ['L-1', 'L-2', 'L-3']) await anInvoice(db, org, { customer_id: c.id, number: n, currency: 'EUR', amount: 100 });
    await syncMatchTables(db, org);
    const defaults = matchCopyLimits();
    try {
      setMatchCopyLimits({ maxOpen: 2, maxTotal: defaults.maxTotal });
      assert.equal(await matchSnapshot(db, org), null, 'three open invoices are over a limit of two: lookups in SQL');
      setMatchCopyLimits({ maxOpen: 10, maxTotal: 2 });
      assert.equal(await matchSnapshot(db, org), null, 'nor over the whole budget');
      setMatchCopyLimits({ maxOpen: 3, maxTotal: defaults.maxTotal });
      assert.equal((await matchSnapshot(db, org))?.invoices.size, 3);
      setMatchCopyLimits({ maxOpen: 0, maxTotal: defaults.maxTotal });
      assert.equal(await matchSnapshot(db, org), null, 'a kept copy is not used past the limit either');
    } finally { setMatchCopyLimits(defaults); }
  });
});
