// The stored totals behind strategy performance (strategy_cases, migration 045, and strategy_collected_daily, 105) on a
// randomised portfolio: payments dated anywhere in four months (earlier than what is there as often as later), payments
// and single allocations reversed, a payment's date, currency or customer corrected, cases opened, closed, reopened, moved
// to another strategy or version, taken off any strategy and deleted. After each round the dashboard's strategy
// performance equals the same figures worked out here from the raw rows and the version each payment's customer's case
// was on when the payment was written (noted here as it is written); `cobro totals check` finds nothing, and
// `repair` puts back rows damaged by hand.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { checkLedgerTotals, rebuildLedgerTotals, refreshInvoices, reversePayment } from '../src/ledger/index.ts';
import { strategyPerformance, type StrategyPerformance } from '../src/dashboard/strategies.ts';
import type { CalendarDate } from '../src/domain/dates.ts';
import type { Db } from '../src/db/index.ts';
import { dice } from './support/random-ledger.ts';

let db: Db;
let org: string;
const SEED = Number(process.env.STRATEGY_SEED ?? 20260316);

const { rnd, int, pick, day } = dice(SEED);
const VERSIONS = [['str_a', 1], ['str_a', 2], ['str_b', 1], [null, null], ['str_b', null]] as const;

/** Each allocation's strategy version as its customer's case was when it was written (null: none), noted by writes(). */
const credited = new Map<string, { id: string; version: number } | null>();

/** Cases and collected per version from the raw rows: a payment's live allocations go to the version noted as they were written. */
async function performanceFromRows(from: CalendarDate, to: CalendarDate, currency: string | null) {
  const cases = await db.query<{ customer_id: string; status: string; strategy_id: string | null; strategy_version: number | null }>(
    'SELECT customer_id, status, strategy_id, strategy_version FROM cases WHERE org_id = $1', [org]);
  const payments = await db.query<{ id: string; customer_id: string; currency: string; date: string; reversed: boolean }>(
    'SELECT id, customer_id, currency, date::text, reversed_at IS NOT NULL AS reversed FROM payments WHERE org_id = $1', [org]);
  const allocations = await db.query<{ id: string; payment_id: string; amount: number; reversed: boolean }>(
    'SELECT id, payment_id, amount::int, reversed_at IS NOT NULL AS reversed FROM allocations WHERE org_id = $1', [org]);
  const names = await db.query<{ id: string; version: number; name: string; active: boolean }>('SELECT id, version, name, active FROM strategies WHERE org_id = $1', [org]);
  const out = new Map<string, StrategyPerformance>();
  const row = (id: string, version: number) => {
    const key = `${id} ${version}`;
    const meta = names.find((n) => n.id === id && n.version === version);
    if (!out.has(key)) out.set(key, { strategy_id: id, version, name: meta?.name ?? id, active: meta?.active ?? false,
      cases: 0, open_cases: 0, contacts: 0, customers_contacted: 0, collected: [] });
    return out.get(key)!;
  };
  for (const c of cases) {
    if (c.strategy_id === null || c.strategy_version === null) continue;
    const r = row(c.strategy_id, c.strategy_version);
    r.cases += 1;
    if (c.status === 'open') r.open_cases += 1;
  }
  for (const p of payments) {
    if (p.reversed || p.date < from || p.date > to || (currency && p.currency !== currency)) continue;
    for (const l of allocations.filter((x) => x.payment_id === p.id && !x.reversed)) {
      const v = credited.get(l.id);
      if (v === undefined) throw new Error(`allocation ${l.id} written unnoted`);
      if (v === null) continue;
      const r = row(v.id, v.version);
      const line = r.collected.find((x) => x.currency === p.currency) ?? (r.collected.push({ currency: p.currency, amount: 0 }), r.collected.at(-1)!);
      line.amount += l.amount;
    }
  }
  for (const r of out.values()) r.collected.sort((a, b) => a.currency.localeCompare(b.currency));
  return [...out.values()].sort((a, b) => a.strategy_id.localeCompare(b.strategy_id) || b.version - a.version);
}

async function assertAgree(round: string) {
  for (const [from, to] of [['2026-01-01', '2026-05-31'], ['2026-02-14', '2026-03-15'], ['2026-03-10', '2026-03-10'], ['2026-04-01', '2026-04-30']] as const) {
    for (const currency of [null, 'USD', 'EUR']) {
      assert.deepEqual(await strategyPerformance(db, org, from, to, 'UTC', currency), await performanceFromRows(from, to, currency),
        `seed ${SEED}, ${round}: strategy performance ${from}..${to}, currency ${currency ?? 'all'}`);
    }
  }
  assert.deepEqual(await checkLedgerTotals(db, org), [], `seed ${SEED}, ${round}: stored totals`);
}

const customers: string[] = [];
const invoices: { id: string; customer: string; currency: string }[] = [];
const paymentIds: string[] = [];

before(async () => {
  db = await testDb();
  org = await testOrg(db);
  for (const [id, version] of [['str_a', 1], ['str_a', 2], ['str_b', 1]] as const) {
    await db.query(`INSERT INTO strategies (org_id, id, version, name, definition, active) VALUES ($1, $2, $3, $4, '{}', $5)`,
      [org, id, version, id.toUpperCase(), version === 2 || id === 'str_b']);
  }
  for (let k = 0; k < 8; k++) customers.push((await aCustomer(db, org)).id);
  for (let k = 0; k < 30; k++) {
    const customer = pick(customers);
    const currency = pick(['USD', 'EUR'] as const);
    const issued = int(0, 60);
    const inv = await anInvoice(db, org, { customer_id: customer, currency, amount: int(5, 80) * 1000, issue_date: day(issued), due_date: day(issued + 30) });
    invoices.push({ id: inv.id, customer, currency });
  }
  // six of the eight customers start with a case
  for (const [k, customer] of customers.slice(0, 6).entries()) {
    const [id, version] = VERSIONS[k % 3]!;
    await db.query(`INSERT INTO cases (id, org_id, customer_id, status, strategy_id, strategy_version, opened_at) VALUES ($1, $2, $3, 'open', $4, $5, '2026-01-01T00:00:00Z')`,
      [`case_${customer}`, org, customer, id, version]);
  }
});
after(async () => { await db.close(); });

async function writes(n: number) {
  for (let k = 0; k < n; k++) {
    const what = int(0, 11);
    if (what <= 3) {
      // a payment on one or two invoices of a customer in a currency, dated anywhere in four months
      const inv = pick(invoices);
      const open = await db.query<{ id: string; balance: number }>(
        `SELECT id, balance::int FROM invoices WHERE org_id = $1 AND customer_id = $2 AND currency = $3 AND balance > 0 AND NOT cancelled ORDER BY id LIMIT 2`,
        [org, inv.customer, inv.currency]);
      if (open.length === 0) continue;
      const allocations = open.map((o) => ({ invoice_id: o.id, amount: int(1, Math.min(o.balance, 5_000)) }));
      const [c] = await db.query<{ strategy_id: string | null; strategy_version: number | null }>(
        'SELECT strategy_id, strategy_version FROM cases WHERE org_id = $1 AND customer_id = $2', [org, inv.customer]);
      const version = c && c.strategy_id !== null && c.strategy_version !== null ? { id: c.strategy_id, version: c.strategy_version } : null;
      const p = await aPayment(db, org, { customer_id: inv.customer, currency: inv.currency, date: day(int(0, 120)),
        amount: allocations.reduce((s, a) => s + a.amount, 0) + int(0, 1) * 500, allocations });
      paymentIds.push(p.id);
      for (const l of await db.query<{ id: string }>('SELECT id FROM allocations WHERE payment_id = $1', [p.id])) credited.set(l.id, version);
    } else if (what === 4 && paymentIds.length > 0) {
      const id = pick(paymentIds);
      const r = await reversePayment(db, org, 'test', id, 'returned');
      if (r.ok) await db.query(`UPDATE payments SET reversed_at = $2::timestamptz WHERE id = $1`, [id, `${day(int(0, 150))}T10:00:00Z`]);
    } else if (what === 5 && paymentIds.length > 0) {
      // one allocation reversed on its own (the payment stays)
      const undone = await db.query<{ invoice_id: string }>(
        `UPDATE allocations SET reversed_at = now() WHERE id = (SELECT id FROM allocations WHERE payment_id = $1 AND reversed_at IS NULL ORDER BY id LIMIT 1)
         RETURNING invoice_id`, [pick(paymentIds)]);
      await refreshInvoices(db, org, undone.map((u) => u.invoice_id));
    } else if (what === 6 && paymentIds.length > 0) {
      await db.query(`UPDATE payments SET date = $2 WHERE id = $1`, [pick(paymentIds), day(int(0, 150))]);
    } else if (what === 7 && paymentIds.length > 0) {
      // a payment booked to the wrong customer or currency, corrected (its allocations stay where they are)
      if (rnd() < 0.5) await db.query(`UPDATE payments SET customer_id = $2 WHERE id = $1`, [pick(paymentIds), pick(customers)]);
      else await db.query(`UPDATE payments SET currency = CASE currency WHEN 'USD' THEN 'EUR' ELSE 'USD' END WHERE id = $1`, [pick(paymentIds)]);
    } else if (what === 8) {
      // a case moved to another strategy or version, or off any; or the next action moved (counts nothing)
      const [id, version] = pick(VERSIONS);
      if (rnd() < 0.3) await db.query(`UPDATE cases SET next_action_at = now() WHERE org_id = $1`, [org]);
      else await db.query(`UPDATE cases SET strategy_id = $3, strategy_version = $4 WHERE org_id = $1 AND customer_id = $2`, [org, pick(customers), id, version]);
    } else if (what === 9) {
      await db.query(`UPDATE cases SET status = CASE status WHEN 'open' THEN 'closed' ELSE 'open' END WHERE org_id = $1 AND customer_id = $2`, [org, pick(customers)]);
    } else if (what === 10) {
      // a case opened for a customer with none (their past payments stay with no version), or all of one version's closed at once
      const [id, version] = pick(VERSIONS);
      const customer = pick(customers);
      if (rnd() < 0.7) {
        await db.query(`INSERT INTO cases (id, org_id, customer_id, status, strategy_id, strategy_version, opened_at) VALUES ($1, $2, $3, 'open', $4, $5, now())
          ON CONFLICT (org_id, customer_id) DO NOTHING`, [`case_${customer}_${k}_${int(0, 1e6)}`, org, customer, id, version]);
      } else {
        await db.query(`UPDATE cases SET status = 'closed' WHERE org_id = $1 AND strategy_id = 'str_a' AND strategy_version = 2`, [org]);
      }
    } else if (what === 11 && rnd() < 0.5) {
      await db.query(`DELETE FROM cases WHERE org_id = $1 AND customer_id = $2`, [org, pick(customers)]);
    }
  }
}

describe('the stored totals of strategy performance', () => {
  it('give each version the cases and collected of the raw rows after each round of writes, backdated ones included', async () => {
    await assertAgree('as opened');
    for (let round = 1; round <= 4; round++) {
      await writes(40);
      await assertAgree(`round ${round}`);
    }
    const [n] = await db.query<{ rows: number; versions: number }>(
      `SELECT (SELECT count(*)::int FROM strategy_collected_daily WHERE org_id = $1) AS rows,
              (SELECT count(DISTINCT (strategy_id, strategy_version))::int FROM strategy_cases WHERE org_id = $1) AS versions`, [org]);
    assert.ok(n!.rows > 10 && n!.versions >= 2, `payments and cases were written (${JSON.stringify(n)})`);
    const moved = await performanceFromRows('2026-01-01', '2026-05-31', null);
    assert.ok(moved.some((v) => v.collected.length > 0), 'some version collected');
  });

  it('are found by `totals check` when damaged, and rebuilt by `totals repair`', async () => {
    await db.query(`UPDATE strategy_cases SET cases = cases + 1 WHERE org_id = $1 AND ctid = (SELECT min(ctid) FROM strategy_cases WHERE org_id = $1)`, [org]);
    const [gone] = await db.query<{ date: string }>(`DELETE FROM strategy_collected_daily WHERE org_id = $1
      AND ctid = (SELECT min(ctid) FROM strategy_collected_daily WHERE org_id = $1) RETURNING date::text`, [org]);
    const diff = await checkLedgerTotals(db, org);
    assert.ok(diff.some((d) => d.table === 'strategy_cases'), 'strategy_cases named');
    assert.ok(diff.some((d) => d.table === 'strategy_collected_daily' && d.key.date === gone!.date), 'the day that went');
    const r = await rebuildLedgerTotals(db, org);
    assert.equal(r.fixed, diff.length);
    await assertAgree('repaired');
  });
});
