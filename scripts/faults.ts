// npm run test:faults -- [--runs 100] [--seed N] [--db pglite|postgres] [--keep] [--restart-runs 3]: randomised fault runs
// against cobro's worker (see test/faults/), then runs with PostgreSQL restarted mid-tick and mid-dispatch on a throwaway
// cluster started here (test/faults/pg-restart.ts; --restart-runs 0 leaves them out). Each run prints its seed; `--runs 1
// --seed N` replays one. Exits 1 when any run breaks an invariant or the throwaway cluster cannot be started.
import { faultSuite, type SuiteResult } from '../test/faults/suite.ts';
import { restartSuite } from '../test/faults/pg-restart.ts';
import { loadConfig } from '../src/config.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(arg('runs') ?? 100);
const restartRuns = Number(arg('restart-runs') ?? 3);
const seed = Number(arg('seed') ?? Math.floor(Math.random() * 1e9));
const kind = arg('db') ?? (loadConfig().databaseUrl ? 'postgres' : 'pglite');
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs: a whole number of runs, at least 1');
if (!Number.isInteger(restartRuns) || restartRuns < 0) throw new Error('--restart-runs: a whole number of runs, 0 or more');
if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed: a whole number, 0 or more');
if (kind !== 'pglite' && kind !== 'postgres') throw new Error('--db: pglite or postgres');
const databaseUrl = kind === 'postgres' ? loadConfig().databaseUrl ?? 'postgres://root@127.0.0.1:5432/test' : undefined;

console.log(`fault suite: ${runs} runs from seed ${seed} on ${kind}`);
const r = await faultSuite({ runs, seed, ...(databaseUrl ? { databaseUrl } : {}), keep: process.argv.includes('--keep'), log: (l) => console.log(l) });
const summary = (s: SuiteResult, replay: string) => {
  console.log(`${s.runs.length - s.failed.length} of ${s.runs.length} runs held every invariant in ${(s.ms / 1000).toFixed(0)} s; faults injected: ${JSON.stringify(s.faults)}`);
  if (s.failed.length) console.log(`failed seeds (replay with ${replay}): ${s.failed.map((f) => f.seed).join(', ')}`);
};
summary(r, '--runs 1 --seed N');
if (process.argv.includes('--keep')) console.log(`the database is kept: ${r.where}`);
let failed = r.failed.length > 0;
if (restartRuns === 0) console.log('PostgreSQL restart runs left out (--restart-runs 0)');
else {
  console.log(`PostgreSQL restart runs: ${restartRuns} from seed ${seed} on a throwaway cluster`);
  try {
    const rs = await restartSuite({ runs: restartRuns, seed, log: (l) => console.log(l) });
    summary(rs, '--runs 1 --restart-runs 1 --seed N');
    failed ||= rs.failed.length > 0;
  } catch (e) {
    console.log(`PostgreSQL restart runs could not run: ${e instanceof Error ? e.message : String(e)}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
