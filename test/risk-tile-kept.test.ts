// The risk tile's totals kept by the score run (migration 123) and corrected at read time for what changed since: on a
// ledger of three currencies, banded, unscored and erased customers, the figures keptBandRows gives equal those of the
// full statement (bandRows, kept here as the reference) for every currency filter and several days, after payments,
// new invoices, a write-off, a cancellation, an invoice moved to another customer and a new score run (PGlite, and
// PostgreSQL with DATABASE_URL).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, apiCalls, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { applyAdjustment, cancelInvoice } from '../src/ledger/index.ts';
import { requestErasure } from '../src/compliance/rights/index.ts';
import { bandRows, keepBandTotals, keptBandRows, previousRun } from '../src/scoring/band-balances.ts';
import { latestRun } from '../src/scoring/store.ts';
import { runScoring } from '../src/scoring/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { keptSameAsFull } from './support/kept-tile.ts';

const clock = new Date('2026-03-17T12:00:00Z');
let t: TestApi;
const { get } = apiCalls(() => t);
before(async () => { t = await testApi(() => clock); });
after(async () => { await t.close(); });

const CURRENCIES = [null, 'MXN', 'USD', 'EUR', 'GBP'];
const DAYS = ['2026-03-16', '2026-03-17', '2026-03-25', '2026-03-05'];

async function addRun(id: string, asOf: string, hour: number) {
  await t.db.query(`INSERT INTO score_runs (id, org_id, model_id, as_of, status, invoices, started_at, finished_at)
    VALUES ($1, $2, $3, $4, 'done', 0, $4::date + make_time($5, 0, 0), $4::date + make_time($5, 5, 0))`, [id, t.org, `scm_${t.org}`, asOf, hour]);
}
async function band(runId: string, customerId: string, b: string) {
  await t.db.query('INSERT INTO score_run_bands (run_id, org_id, customer_id, band) VALUES ($1, $2, $3, $4)', [runId, t.org, customerId, b]);
}
async function score(runId: string, inv: { id: string; customer_id: string; currency: string }, balance: number, recovery: number) {
  await t.db.query(`INSERT INTO scores (run_id, org_id, invoice_id, customer_id, currency, balance, probability_late, expected_days_late, expected_recovery, reasons)
    VALUES ($1, $2, $3, $4, $5, $6, 0.5, 10, $7, '[]')`, [runId, t.org, inv.id, inv.customer_id, inv.currency, balance, recovery]);
}
const invoice = (customerId: string, currency: string, amount: number, issue = '2026-01-10') =>
  anInvoice(t.db, t.org, { customer_id: customerId, currency, amount, issue_date: issue, due_date: issue < '2026-02-10' ? '2026-02-10' : '2026-04-16' });

const sameAsFull = (what: string) => keptSameAsFull(t.db, t.org, what, CURRENCIES, DAYS);

const ids = {} as Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H', string>;
const inv: Record<string, { id: string; customer_id: string; currency: string }> = {};

describe('the risk tile from the totals the run kept', () => {
  before(async () => {
    await t.db.query(`INSERT INTO score_models (id, org_id, version, kind, trained_as_of, trained_at, model, evaluation, active)
      VALUES ($1, $2, 1, 'scorecard', '2026-03-01', '2026-03-01T00:00:00Z', '{}', '{}', true)`, [`scm_${t.org}`, t.org]);
    await addRun('scr_k1', '2026-03-09', 1);
    await addRun('scr_k2', '2026-03-16', 1);
    for (const k of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const) ids[k] = (await aCustomer(t.db, t.org, { name: `Kept ${k}` })).id;
    const { A, B, C, D, E, F, G, H } = ids;
    // A: medium then high, owing in two currencies, one invoice scored at a zero balance (not counted as scored)
    inv.a1 = await invoice(A, 'MXN', 100_000); await score('scr_k2', inv.a1, 100_000, 60_001);
    inv.a2 = await invoice(A, 'USD', 20_000); await score('scr_k2', inv.a2, 20_000, 10_003);
    inv.a3 = await invoice(A, 'MXN', 3_333); await score('scr_k2', inv.a3, 0, 0);
    await band('scr_k1', A, 'medium'); await band('scr_k2', A, 'high');
    // B: high both times, two MXN invoices, recoveries that do not divide evenly
    inv.b1 = await invoice(B, 'MXN', 70_001); await score('scr_k2', inv.b1, 70_001, 33_333);
    inv.b2 = await invoice(B, 'MXN', 9_999); await score('scr_k2', inv.b2, 9_999, 7_777);
    await band('scr_k1', B, 'high'); await band('scr_k2', B, 'high');
    // C: high then medium, an invoice issued after the run's day (counted from its issue day on, never scored)
    inv.c1 = await invoice(C, 'EUR', 30_000); await score('scr_k2', inv.c1, 30_000, 27_000);
    inv.c2 = await invoice(C, 'EUR', 10_000, '2026-03-17');
    await band('scr_k1', C, 'high'); await band('scr_k2', C, 'medium');
    // D: new and low
    inv.d1 = await invoice(D, 'USD', 80_000); await score('scr_k2', inv.d1, 80_000, 76_000);
    await band('scr_k2', D, 'low');
    // E: unscored, three currencies, one invoice not yet issued
    inv.e1 = await invoice(E, 'MXN', 25_000);
    inv.e2 = await invoice(E, 'USD', 5_000);
    inv.e3 = await invoice(E, 'EUR', 7_000, '2026-03-20');
    // F: low both times, to be paid in full; G: low, to be erased after paying; H: medium, to be restricted (open debt)
    inv.f1 = await invoice(F, 'MXN', 10_000); await score('scr_k2', inv.f1, 10_000, 9_000);
    await band('scr_k1', F, 'low'); await band('scr_k2', F, 'low');
    inv.g1 = await invoice(G, 'USD', 4_000); await score('scr_k2', inv.g1, 4_000, 3_900);
    await band('scr_k2', G, 'low');
    inv.h1 = await invoice(H, 'EUR', 12_345); await score('scr_k2', inv.h1, 12_345, 11_111);
    await band('scr_k1', H, 'low'); await band('scr_k2', H, 'medium');
    await keepBandTotals(t.db, t.org, (await latestRun(t.db, t.org))!);
  });

  it('equals the full statement as the run kept it', async () => {
    await sameAsFull('as kept');
  });

  it('equals it after payments, new invoices, a write-off, a cancellation and erasure', async () => {
    const { A, B, E, F, G, H } = ids;
    await aPayment(t.db, t.org, { customer_id: B, amount: 10_001, currency: 'MXN', date: '2026-03-17', allocations: [{ invoice_id: inv.b1!.id, amount: 10_001 }] });
    await aPayment(t.db, t.org, { customer_id: F, amount: 10_000, currency: 'MXN', date: '2026-03-17', allocations: [{ invoice_id: inv.f1!.id, amount: 10_000 }] });
    await aPayment(t.db, t.org, { customer_id: G, amount: 4_000, currency: 'USD', date: '2026-03-17', allocations: [{ invoice_id: inv.g1!.id, amount: 4_000 }] });
    await sameAsFull('after payments');
    await invoice(A, 'GBP', 4_400, '2026-03-17');
    await invoice(F, 'MXN', 1_234, '2026-03-16');
    await invoice(E, 'USD', 999, '2026-03-24');
    const w = await applyAdjustment(t.db, t.org, 'test', { invoice_id: inv.a2!.id, kind: 'write_off', amount: 20_000, date: '2026-03-17' });
    assert.ok(w.ok);
    const p = await applyAdjustment(t.db, t.org, 'test', { invoice_id: inv.d1!.id, kind: 'write_off', amount: 1_111, date: '2026-03-17' });
    assert.ok(p.ok);
    assert.ok((await cancelInvoice(t.db, t.org, 'test', inv.e2!.id)).ok);
    await sameAsFull('after new invoices, write-offs and a cancellation');
    const erased = await requestErasure(t.db, t.org, 'test', G, clock);
    assert.ok(erased.ok && erased.value.outcome === 'erased', JSON.stringify(erased));
    const restricted = await requestErasure(t.db, t.org, 'test', H, clock);
    assert.ok(restricted.ok && restricted.value.outcome === 'restricted');
    await sameAsFull('after erasure');
  });

  it('equals it after an invoice moves to another customer, and through the API', async () => {
    // H's only invoice, untouched since the run: only the kept move says H changed
    await t.db.query('UPDATE invoices SET customer_id = $3, updated_at = now() WHERE org_id = $1 AND id = $2', [t.org, inv.h1!.id, ids.D]);
    const [moved] = await t.db.query<{ customer_id: string }>('SELECT customer_id FROM invoice_customer_moves WHERE org_id = $1 AND invoice_id = $2', [t.org, inv.h1!.id]);
    assert.equal(moved?.customer_id, ids.H, 'the move is kept with the customer left');
    await sameAsFull('after a move');
    const run = (await latestRun(t.db, t.org))!;
    const previous = await previousRun(t.db, t.org, run);
    for (const currency of [null, 'MXN']) {
      const full = await bandRows(t.db, t.org, run.id, previous?.id ?? null, currency, '2026-03-17');
      const body = await get<{ bands: { band: string; customers: number; movement: unknown; balances: { currency: string; amount: number; scored: number; expected_recovery: number | null }[] }[] }>(`/v1/dashboard/risk${currency ? `?currency=${currency}` : ''}`);
      for (const row of full) {
        const b = body.bands.find((x) => x.band === row.band)!;
        if (row.currency === null) {
          assert.equal(b.customers, row.customers, `${row.band} customers`);
          if (row.band !== 'unscored') assert.deepEqual(b.movement, { up: row.up, down: row.down, same: row.same, new: row.new });
        } else {
          const bal = b.balances.find((x) => x.currency === row.currency)!;
          assert.equal(bal.amount, Number(row.amount));
          assert.equal(bal.scored, Number(row.scored));
          if (row.band !== 'unscored') assert.equal(bal.expected_recovery, row.expected_recovery === null ? 0 : Number(row.expected_recovery));
        }
      }
    }
  });

  it('changes made in the overlap before the totals were taken are read again', async () => {
    // a payment committed late: its invoice's change time is before the totals were taken
    const { A } = ids;
    const [{ taken } = { taken: '' }] = await t.db.query<{ taken: string }>('SELECT taken_at::text AS taken FROM score_run_band_snapshots WHERE org_id = $1', [t.org]);
    await aPayment(t.db, t.org, { customer_id: A, amount: 1_000, currency: 'MXN', date: '2026-03-17', allocations: [{ invoice_id: inv.a1!.id, amount: 1_000 }] });
    await t.db.query(`UPDATE invoices SET updated_at = $3::timestamptz - interval '1 minute' WHERE org_id = $1 AND id = $2`, [t.org, inv.a1!.id, taken]);
    await sameAsFull('a late commit');
  });

  it('is kept anew by a new run, and read whole when the run before is no longer the one counted against', async () => {
    await addRun('scr_k3', '2026-03-17', 2);
    const { A, B, C, D, F } = ids;
    for (const [c, b] of [[A, 'high'], [B, 'medium'], [C, 'medium'], [D, 'high'], [F, 'low']] as const) await band('scr_k3', c, b);
    await score('scr_k3', inv.a1!, 99_000, 50_000);
    await score('scr_k3', inv.c1!, 30_000, 1);
    await keepBandTotals(t.db, t.org, (await latestRun(t.db, t.org))!);
    const kept = await t.db.query<{ run_id: string }>('SELECT DISTINCT run_id FROM score_run_band_totals WHERE org_id = $1', [t.org]);
    assert.deepEqual(kept.map((r) => r.run_id), ['scr_k3'], 'only the latest run\'s totals are kept');
    await sameAsFull('a new run');
    await invoice(C, 'MXN', 5_000, '2026-03-17');
    await sameAsFull('a new run, then a new invoice');
    // the run before loses its bands: the moves would be counted against another run
    await t.db.query(`DELETE FROM score_run_bands WHERE org_id = $1 AND run_id = 'scr_k2'`, [t.org]);
    const run = (await latestRun(t.db, t.org))!;
    const previous = await previousRun(t.db, t.org, run);
    assert.equal(await keptBandRows(t.db, t.org, run.id, previous?.id ?? null, null, '2026-03-17'), null);
  });
});

describe('a score run keeps the tile\'s totals', () => {
  it('keeps them as it finishes, and the tile reads them as the full statement counts', async () => {
    const org = (await createOrg(t.db, { name: 'Kept by a run' })).id;
    for (let k = 0; k < 4; k++) {
      const c = (await aCustomer(t.db, org, { name: `Run ${k}` })).id;
      await anInvoice(t.db, org, { customer_id: c, currency: k % 2 ? 'USD' : 'MXN', amount: 10_000 + k, issue_date: '2026-01-10', due_date: '2026-02-10' });
      await anInvoice(t.db, org, { customer_id: c, currency: 'MXN', amount: 5_000 + k, issue_date: '2026-03-01', due_date: '2026-03-31' });
    }
    for (const asOf of ['2026-03-09', '2026-03-16']) await runScoring(t.db, org, asOf, new Date(`${asOf}T01:00:00Z`));
    const run = (await latestRun(t.db, org))!;
    const previous = await previousRun(t.db, org, run);
    assert.ok(previous, 'the run before is there to count moves against');
    const kept = await keptBandRows(t.db, org, run.id, previous.id, null, '2026-03-17');
    assert.ok(kept, 'the run kept its totals');
    assert.deepEqual(kept, await bandRows(t.db, org, run.id, previous.id, null, '2026-03-17'));
    assert.ok(kept.length > 0);
  });

  it('reads the whole statement once more invoices changed than the limits allow', async () => {
    const org = (await createOrg(t.db, { name: 'Changed a lot' })).id;
    const customers: string[] = [];
    for (let k = 0; k < 4; k++) {
      const c = (await aCustomer(t.db, org, { name: `Many ${k}` })).id;
      customers.push(c);
      await anInvoice(t.db, org, { customer_id: c, currency: 'MXN', amount: 10_000 + k, issue_date: '2026-01-10', due_date: '2026-02-10' });
    }
    await runScoring(t.db, org, '2026-03-16', new Date('2026-03-16T01:00:00Z'));
    const run = (await latestRun(t.db, org))!;
    const previous = await previousRun(t.db, org, run);
    const rows = (limits: { floor: number; share: number }) => keptBandRows(t.db, org, run.id, previous?.id ?? null, null, '2026-03-17', limits);
    // what was written before the run is not read again: the totals taken one overlap (5 minutes) later
    await t.db.query(`UPDATE score_run_band_snapshots SET taken_at = now() + interval '5 minutes' WHERE org_id = $1`, [org]);
    assert.ok(await rows({ floor: 0, share: 0 }), 'nothing changed yet');
    // one of four open invoices changed: within a half, over a fifth
    await aPayment(t.db, org, { customer_id: customers[0]!, currency: 'MXN', amount: 1_000, date: '2026-03-17' });
    assert.deepEqual(await rows({ floor: 0, share: 0.5 }), await bandRows(t.db, org, run.id, previous?.id ?? null, null, '2026-03-17'));
    assert.equal(await rows({ floor: 0, share: 0.2 }), null, 'a quarter of the open invoices changed: past a fifth');
    assert.ok(await rows({ floor: 1, share: 0.2 }), 'one changed invoice is within a floor of one');
  });
});
