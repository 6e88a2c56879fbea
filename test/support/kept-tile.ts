// The risk tile's kept totals (keptBandRows) checked against the full statement (bandRows) for currency filters and days.
import assert from 'node:assert/strict';
import type { Db } from '../../src/db/index.ts';
import { bandRows, keptBandRows, previousRun } from '../../src/scoring/band-balances.ts';
import { latestRun } from '../../src/scoring/store.ts';

/** The kept figures (read by correction, not whole) against the full statement's, for every currency filter and day. */
export async function keptSameAsFull(db: Db, org: string, what: string, currencies: (string | null)[], days: string[]): Promise<void> {
  const run = (await latestRun(db, org))!;
  const previous = await previousRun(db, org, run);
  for (const currency of currencies) {
    for (const day of days) {
      const kept = await keptBandRows(db, org, run.id, previous?.id ?? null, currency, day);
      assert.ok(kept, `${what}: the run kept its totals`);
      const full = await bandRows(db, org, run.id, previous?.id ?? null, currency, day);
      assert.deepEqual(kept, full, `${what}, currency ${currency ?? 'all'}, ${day}`);
    }
  }
}
