// The match pool: a preview matched by this thread and a pool thread side by side says, line for line and byte for byte,
// what this thread alone says, rejected proposals included; the threads end with the process.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import type { Db } from '../db/index.ts';
import { BenchData } from '../../bench/reconcileData.ts';
import { seedBenchOrg } from './testing/bench-org.ts';
import { previewMatches, type PreviewLine } from './preview.ts';
import { closeMatchPool, poolBatches, warmMatchPool } from './match-pool.ts';
import { signature } from './settle.ts';

let db: Db;
let org = '';
let ids: string[] = [];
const csv = (cells: (string | number | null)[]) => cells.map((c) => (c === null ? '' : `"${String(c).replace(/"/g, '""')}"`)).join(',');

before(async () => {
  db = await testDb();
  org = await testOrg(db, 'Pool');
  const data = new BenchData(4_000, 2_000);
  await seedBenchOrg(db, org, data);
  await db.query(`INSERT INTO statements (id, org_id, format, account, currency, file_sha256, line_count, new_lines)
    VALUES ('stm_pool', $1, 'camt.053', 'DE89370400440532013000', 'EUR', 'pool', $2, $2)`, [org, data.lines]);
  const lines = [...data.statement()];
  await db.copyCsv('statement_lines', ['id', 'org_id', 'statement_id', 'position', 'fingerprint', 'account', 'booking_date', 'amount',
    'currency', 'direction', 'counterparty_name', 'counterparty_account', 'remittance_text', 'structured_reference', 'match_state'],
  `${lines.map((l, i) => csv([l.id, org, 'stm_pool', i + 1, `fp-${l.id}`, 'DE89370400440532013000', l.date, l.amount, 'EUR', 'credit', l.name,
    l.account, l.text, l.structured, 'unmatched'])).join('\n')}\n`);
  ids = lines.map((l) => l.id);
});
after(async () => { await closeMatchPool(); await db.close(); });

async function preview(threads: number): Promise<PreviewLine[]> {
  const out: PreviewLine[] = [];
  const n = await previewMatches(db, org, ids, (p) => out.push(p), { batchSize: 100, threads });
  assert.equal(n, out.length);
  return out;
}

describe('matching a preview in a pool of threads', () => {
  it('gives every line the proposal and decision one thread gives, in the same order', async () => {
    assert.deepEqual(await warmMatchPool(db, org, 2), [true]);
    const alone = await preview(1);
    const before = poolBatches();
    const pooled = await preview(2);
    assert.ok(poolBatches() > before, 'the pool thread matched none of the batches');
    assert.equal(alone.length, 2_000);
    assert.ok(alone.filter((p) => p.would_apply).length > 1_000);
    assert.equal(JSON.stringify(pooled), JSON.stringify(alone));
  });

  it('proposes again what a person rejected in no thread', async () => {
    const alone = await preview(1);
    const rejected = alone.filter((p) => p.proposal).filter((_, i) => i % 5 === 0);
    for (const [i, r] of rejected.entries()) {
      const p = r.proposal!;
      await db.query(`INSERT INTO match_proposals (id, org_id, line_id, customer_id, currency, allocations, confidence, status)
        VALUES ($1, $2, $3, $4, $5, $6, $7, 'rejected')`, [`mp_pool${i}`, org, r.line_id, p.customerId, p.currency,
        JSON.stringify(p.allocations.map((a) => ({ invoice_id: a.invoiceId, amount: a.amount, fee: a.fee }))), p.confidence]);
    }
    const before = poolBatches();
    const pooled = await preview(2);
    assert.ok(poolBatches() > before);
    const byLine = new Map(pooled.map((p) => [p.line_id, p]));
    for (const r of rejected) {
      const again = byLine.get(r.line_id)?.proposal;
      assert.ok(!again || signature(again) !== signature(r.proposal!), `line ${r.line_id} was proposed what was rejected`);
    }
    assert.equal(JSON.stringify(pooled), JSON.stringify(await preview(1)));
  });
});
