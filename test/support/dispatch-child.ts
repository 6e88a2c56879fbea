// A worker process for the crash test: opens the database (PostgreSQL schema or PGlite folder), recovers what a killed
// worker left, then dispatches everything due to the SMTP sink; prints its recovery and report as JSON when it ends.
import { openDb } from '../../src/db/index.ts';
import { smtpAdapter } from '../../src/channels/index.ts';
import { dispatchOnce, recoverStale, sandboxAdapters } from '../../src/worker/index.ts';

export interface ChildArgs { databaseUrl?: string; schema?: string; dataDir?: string; smtpPort: number; now: string; concurrency: number }

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
const db = await openDb(args.databaseUrl ? { databaseUrl: args.databaseUrl, ...(args.schema ? { schema: args.schema } : {}) } : { ...(args.dataDir ? { dataDir: args.dataDir } : {}) });
const email = smtpAdapter({ host: '127.0.0.1', port: args.smtpPort, from: 'Cobranza <cobranza@luna.example>', maxConnections: 4 });
const now = new Date(args.now);
const deps = { db, now: () => now, adapters: { ...sandboxAdapters(), email }, publicUrl: 'https://cobro.example', concurrency: args.concurrency };
const recovered = await recoverStale(deps, now);
process.stdout.write(`${JSON.stringify({ recovered })}\n`);
const report = await dispatchOnce(deps);
process.stdout.write(`${JSON.stringify({ report })}\n`);
email.close();
await db.close();
