// The worker's planner statistics on embedded PGlite (no autovacuum there): the tables whose rows moved enough are analysed.
import { asSystem, gatherStatistics, type Db } from '../db/index.ts';

export interface StatisticsDeps {
  db: Db;
  log: { info(o: object, msg: string): void; error(o: object, msg: string): void };
}

/**
 * A check at most this often, the full one (which also reads table sizes) once a day, by the machine's elapsed time: the
 * worker's business clock can run by hours a round (by it, the contact-law simulation checked at each of its 393 rounds
 * and made the full check each simulated day: 29.5 s for the file alone, 26.3 s by elapsed time), while what the
 * statistics follow is how much was written, which real time bounds.
 */
const CHECK_MS = 10 * 60_000;
const FULL_MS = 24 * 3_600_000;

// when this process last checked each database (its `database` object, or the handle); another process checking too only
// analyses again what moved
const checked = new WeakMap<object, { at: number; fullAt: number }>();

/**
 * At the end of a round, when due: ANALYZE of the tables autovacuum would have analysed (see gatherStatistics), logged
 * with its duration. Nothing on PostgreSQL, whose autovacuum does it; failures are logged and the worker goes on.
 */
export async function statisticsRound(o: StatisticsDeps, elapsedMs: number): Promise<void> {
  if (o.db.kind !== 'pglite') return;
  const key = o.db.database ?? o.db;
  const last = checked.get(key);
  const t = elapsedMs;
  // a clock set back (a test's) counts as due
  if (last && t >= last.at && t - last.at < CHECK_MS) return;
  const full = !last || t < last.fullAt || t - last.fullAt >= FULL_MS;
  checked.set(key, { at: t, fullAt: full ? t : last.fullAt });
  const r = await asSystem('the planner statistics cover every org\'s tables', () => gatherStatistics(o.db, { full }))
    .catch((err: unknown) => { o.log.error({ err }, 'gathering planner statistics failed'); return null; });
  if (r?.tables.length) o.log.info({ statistics: { tables: r.tables, ms: r.ms } }, 'planner statistics gathered (ANALYZE)');
}
