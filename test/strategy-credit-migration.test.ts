// Migration 105 on a ledger written before it: the allocations already there are credited to the version their payment's
// customer's case is on when it runs (what the dashboard credited them to until then, so its figures do not change), a
// customer with no case on a version to none; what is allocated after it takes the version of that moment.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { migrate, type Db } from '../src/db/index.ts';
import { migrationFiles, migrationText, splitStatements } from '../src/db/migrate.ts';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { checkLedgerTotals } from '../src/ledger/index.ts';
import { strategyPerformance } from '../src/dashboard/strategies.ts';

const ORG = 'org_before_105';

async function before105(db: Db): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const file of migrationFiles().filter((f) => f < '105')) {
    await db.transaction(async (tx) => {
      for (const s of splitStatements(migrationText(file))) await tx.query(s);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
    });
  }
}

/** A customer with an invoice, a case on `version` of str_m (null: no case) and payments of `amounts` allocated to it. */
async function customerPaid(db: Db, n: number, version: number | null, amounts: number[], reversed = false): Promise<void> {
  const c = `cus_${n}`;
  await db.query(`INSERT INTO customers (id, org_id, external_id, name) VALUES ($1, $2, $1, $1)`, [c, ORG]);
  await db.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date)
    VALUES ($1, $2, $3, $1, 'USD', 100000, 100000, '2026-01-01', '2026-02-01')`, [`inv_${n}`, ORG, c]);
  if (version !== null) {
    await db.query(`INSERT INTO cases (id, org_id, customer_id, status, strategy_id, strategy_version, opened_at)
      VALUES ($1, $2, $3, 'open', 'str_m', $4, '2026-01-01T00:00:00Z')`, [`case_${n}`, ORG, c, version]);
  }
  for (const [k, amount] of amounts.entries()) {
    await db.query(`INSERT INTO payments (id, org_id, customer_id, external_id, amount, currency, date, reversed_at)
      VALUES ($1, $2, $3, $1, $4, 'USD', $5, $6)`, [`pay_${n}_${k}`, ORG, c, amount, `2026-03-0${k + 1}`, reversed && k === 0 ? '2026-03-09T00:00:00Z' : null]);
    await db.query(`INSERT INTO allocations (id, org_id, payment_id, invoice_id, amount) VALUES ($1, $2, $1, $3, $4)`,
      [`pay_${n}_${k}`, ORG, `inv_${n}`, amount]);
  }
}

const collected = async (db: Db) => (await strategyPerformance(db, ORG, '2026-03-01', '2026-03-31', 'UTC', null))
  .map((r) => [r.version, r.cases, r.collected.map((c) => [c.currency, c.amount])]);

describe('migration 105 on allocations written before it', () => {
  it('credits them to the version their customer\'s case is on, and later ones to the version of their moment', { timeout: 300_000 }, async () => {
    const { databaseUrl } = loadConfig();
    const schema = `t_credit_${randomBytes(3).toString('hex')}`;
    const db = databaseUrl ? await openPostgres(databaseUrl, schema) : await openPglite(undefined, { empty: true });
    try {
      await before105(db);
      await db.query(`INSERT INTO orgs (id, name) VALUES ($1, 'Antes')`, [ORG]);
      await customerPaid(db, 1, 1, [10_000, 2_000]);
      await customerPaid(db, 2, 2, [3_000, 500], true);
      await customerPaid(db, 3, null, [7_000]);
      // customer 1's case moved to version 2 before the migration: until then the dashboard credited version 2 with all of it
      await db.query(`UPDATE cases SET strategy_version = 2 WHERE id = 'case_1'`);

      assert.ok((await migrate(db)).includes('105_strategy_collected_by_version.sql'));
      const stamped = await db.query<{ id: string; strategy_version: number | null }>('SELECT id, strategy_version FROM allocations ORDER BY id');
      assert.deepEqual(stamped.map((s) => [s.id, s.strategy_version]),
        [['pay_1_0', 2], ['pay_1_1', 2], ['pay_2_0', 2], ['pay_2_1', 2], ['pay_3_0', null]]);
      assert.deepEqual(await collected(db), [[2, 2, [['USD', 12_500]]]]);
      assert.deepEqual(await checkLedgerTotals(db, ORG), []);

      // after it: customer 1's case goes back to version 1 and pays again; what it paid before stays with version 2
      await db.query(`UPDATE cases SET strategy_version = 1 WHERE id = 'case_1'`);
      await db.query(`INSERT INTO payments (id, org_id, customer_id, external_id, amount, currency, date) VALUES ('pay_1_9', $1, 'cus_1', 'pay_1_9', 900, 'USD', '2026-03-20')`, [ORG]);
      await db.query(`INSERT INTO allocations (id, org_id, payment_id, invoice_id, amount) VALUES ('pay_1_9', $1, 'pay_1_9', 'inv_1', 900)`, [ORG]);
      assert.deepEqual(await collected(db), [[2, 1, [['USD', 12_500]]], [1, 1, [['USD', 900]]]]);
      assert.deepEqual(await checkLedgerTotals(db, ORG), []);
    } finally {
      if (databaseUrl) await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    }
  });
});
