// A separate process running one tick against a PostgreSQL schema, for the two-processes test; prints its result as JSON.
import { openDb } from '../../src/db/index.ts';
import { runTick } from '../../src/engine/index.ts';

const [url, schema, orgId, now, startAt, batch] = process.argv.slice(2);
if (!url || !schema || !orgId || !now || !startAt) throw new Error('usage: tick-child URL SCHEMA ORG NOW START_AT_MS [BATCH]');
const db = await openDb({ databaseUrl: url, schema });
// both processes start their tick at the same instant, so their batches overlap
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const r = await runTick(db, { orgId, now: new Date(now), batchSize: Number(batch ?? 20) });
process.stdout.write(JSON.stringify({ cases: r.cases, planned: r.planned, batches: r.batches }));
await db.close();
