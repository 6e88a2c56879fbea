// Many fault runs in a row with one set of providers and workers: seeds from a first seed on, a line per run, a summary.
import { startProviders } from './providers.ts';
import { WorkerPool } from './workers.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/db/index.ts';
import { faultRun, type FaultKind, type Place, type RunOptions, type RunResult } from './run.ts';

export interface SuiteOptions {
  runs: number;
  seed: number;
  /** PostgreSQL (a schema made for the suite); PGlite in a temporary folder without it. */
  databaseUrl?: string;
  /** Keep the database after the suite (the last run's state), to look at a replayed seed. */
  keep?: boolean;
  log?: (line: string) => void;
  size?: { customers: number; rounds: number };
  /** Restart the server mid-tick and mid-dispatch in each run (a throwaway cluster's; see pg-restart.ts). */
  restart?: RunOptions['restart'];
}
export interface SuiteResult { runs: RunResult[]; failed: RunResult[]; faults: Partial<Record<FaultKind, number>>; ms: number; where: string }

export async function faultSuite(o: SuiteOptions): Promise<SuiteResult> {
  const started = performance.now();
  const providers = await startProviders();
  const pool = new WorkerPool();
  const runs: RunResult[] = [];
  const place: Place = o.databaseUrl ? { databaseUrl: o.databaseUrl, schema: `faults_${Date.now().toString(36)}` } : { dataDir: mkdtempSync(join(tmpdir(), 'cobro-faults-')) };
  const migrated = await openDb(place);
  await migrated.close();
  const where = place.schema ? `schema ${place.schema}` : `folder ${place.dataDir}`;
  const faults: Partial<Record<FaultKind, number>> = {};
  try {
    for (let i = 0; i < o.runs; i++) {
      const seed = (o.seed + i) >>> 0;
      const r = await faultRun({ seed, providers, pool, place, ...(o.size ? { size: o.size } : {}), ...(o.restart ? { restart: o.restart } : {}) });
      runs.push(r);
      for (const [k, n] of Object.entries(r.faults)) faults[k as FaultKind] = (faults[k as FaultKind] ?? 0) + n;
      o.log?.(`run ${i + 1}/${o.runs} seed ${seed}: ${r.violations.length ? 'FAILED' : 'ok'} in ${(r.ms / 1000).toFixed(1)} s; `
        + `${r.customers} customers, ${r.rounds} rounds, received ${r.received.email} emails ${r.received.sms} SMS; faults ${JSON.stringify(r.faults)}`);
      for (const x of r.restarts) o.log?.(`  restart ${x.mode} at the ${x.phase} of round ${x.round}: server back in ${x.ms} ms, the round's errors ${x.roundErrors}, worker ${x.workerPid}`);
      for (const v of r.violations) o.log?.(`  ${v.invariant}: ${v.detail}`);
      for (const e of [...new Set(r.workerErrors)].slice(0, 5)) o.log?.(`  worker: ${e}`);
    }
  } finally {
    await pool.close();
    await providers.close();
    if (!o.keep) {
      if (place.schema) {
        const db = await openDb(place);
        await db.exec(`DROP SCHEMA ${place.schema} CASCADE`);
        await db.close();
      }
      if (place.dataDir) rmSync(place.dataDir, { recursive: true, force: true });
    }
  }
  return { runs, failed: runs.filter((r) => r.violations.length > 0), faults, ms: Math.round(performance.now() - started), where };
}
