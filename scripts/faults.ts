// npm run test:faults -- [--runs 100] [--seed N] [--db pglite|postgres] [--keep]: randomised fault runs against cobro's
// worker (see test/faults/). Each run prints its seed; `--runs 1 --seed N` replays one. Exits 1 when any run breaks an invariant.
import { faultSuite } from '../test/faults/suite.ts';
import { loadConfig } from '../src/config.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(arg('runs') ?? 100);
const seed = Number(arg('seed') ?? Math.floor(Math.random() * 1e9));
const kind = arg('db') ?? (loadConfig().databaseUrl ? 'postgres' : 'pglite');
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs: a whole number of runs, at least 1');
if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed: a whole number, 0 or more');
if (kind !== 'pglite' && kind !== 'postgres') throw new Error('--db: pglite or postgres');
const databaseUrl = kind === 'postgres' ? loadConfig().databaseUrl ?? 'postgres://root@127.0.0.1:5432/test' : undefined;

console.log(`fault suite: ${runs} runs from seed ${seed} on ${kind}`);
const r = await faultSuite({ runs, seed, ...(databaseUrl ? { databaseUrl } : {}), keep: process.argv.includes('--keep'), log: (l) => console.log(l) });
console.log(`${r.runs.length - r.failed.length} of ${r.runs.length} runs held every invariant in ${(r.ms / 1000).toFixed(0)} s; faults injected: ${JSON.stringify(r.faults)}`);
if (process.argv.includes('--keep')) console.log(`the database is kept: ${r.where}`);
if (r.failed.length) console.log(`failed seeds (replay with --runs 1 --seed N): ${r.failed.map((f) => f.seed).join(', ')}`);
process.exit(r.failed.length ? 1 : 0);
