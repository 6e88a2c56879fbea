// The fixed start of a matching run when nothing changed since the last one: the lookup tables' sync and the in-memory
// copy's catch-up (what a run does before its first line is matched), and a preview of a few lines, timed again and again
// on a schema the reconciliation bench loaded (nothing is written to it but the lookup tables' state).
// Usage: node --import tsx bench/reconcile-start.ts --schema NAME [--rounds N] [--lines N]
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/index.ts';
import { previewMatches, syncMatchTables } from '../src/reconciliation/index.ts';
import { matchSnapshot } from '../src/reconciliation/snapshot.ts';
import type { Db } from '../src/db/index.ts';
import { timedDb } from './timedDb.ts';

type Start = (db: Db, orgId: string) => Promise<unknown>;
// the start as a run makes it: one look first where this checkout has it, else the sync then the copy's catch-up (the
// checkout before it, for comparing the two)
const start: Start = await import('../src/reconciliation/match-start.ts').then((m: { startMatching: Start }) => m.startMatching)
  .catch(() => async (db: Db, orgId: string) => { await syncMatchTables(db, orgId); return matchSnapshot(db, orgId); });

const { values } = parseArgs({ options: { schema: { type: 'string' }, rounds: { type: 'string' }, lines: { type: 'string' } } });
const rounds = Number(values.rounds ?? 20);
const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
const db = await openDb({ databaseUrl, schema: values.schema! });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const ms = (xs: number[]) => `median ${median(xs).toFixed(1)} ms (${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)})`;
try {
  const [s] = await db.query<{ org_id: string }>(`SELECT org_id FROM statements WHERE id = 'stm_bench'`);
  const org = s!.org_id;
  const ids = (await db.query<{ id: string }>(`SELECT id FROM statement_lines WHERE statement_id = 'stm_bench' ORDER BY position LIMIT $1`,
    [Number(values.lines ?? 20)])).map((r) => r.id);
  // the copy read whole once (a process's first run), then every round is a later run's start
  await syncMatchTables(db, org);
  await matchSnapshot(db, org);
  await previewMatches(db, org, ids, () => {});
  const both: number[] = [];
  const preview: number[] = [];
  const timed = timedDb(db);
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    await start(timed.db, org);
    both.push(performance.now() - t);
    t = performance.now();
    await previewMatches(db, org, ids, () => {});
    preview.push(performance.now() - t);
  }
  console.log(`fixed start (lookup tables' sync and the copy's catch-up): ${ms(both)}; preview of ${ids.length} lines: ${ms(preview)}`);
  const top = [...timed.times.bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8)
    .map(([sql, k]) => `${(k.ms / k.n).toFixed(1)} ms x ${k.n / rounds} "${sql.slice(0, 60)}"`);
  console.log(`  per round: ${(timed.times.queries / rounds).toFixed(1)} statements; ${top.join('; ')}`);
} finally {
  await db.close();
}
