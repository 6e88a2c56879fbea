// One worker process of the scale bench: opens the database, builds its SMS adapter, says it is ready, dispatches
// everything due when told to go (claiming with SKIP LOCKED beside the other workers), and reports what it sent.
import { openDb } from '../src/db/index.ts';
import { twilioSmsAdapter } from '../src/channels/index.ts';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { timedDb } from './timedDb.ts';

/** What a worker reports when it is done: its sends, and its statements' wall time by kind. */
export interface ScaleWorkerDone { sent: number; transactions: number; statements: { sql: string; ms: number; n: number }[] }

export interface ScaleWorkerArgs { databaseUrl: string; schema: string; twilioUrl: string; accountSid: string; authToken: string; now: string; concurrency: number }

const args = JSON.parse(process.argv[2] ?? '{}') as ScaleWorkerArgs;
const opened = await openDb({ databaseUrl: args.databaseUrl, schema: args.schema });
// every statement's wall time (waits on locks and on the server included), reported with what the worker sent
const { db, times } = timedDb(opened);
const sms = twilioSmsAdapter({ accountSid: args.accountSid, authToken: args.authToken, baseUrl: args.twilioUrl, from: '+15005550006' });
const now = new Date(args.now);
await db.query('SELECT 1');
process.send?.({ ready: true });
process.once('message', async () => {
  // passes until one finds nothing: a pass ends when its claim comes back empty, which can happen while another worker
  // holds rows it has not yet turned into messages (the worker's next round picks those up in production)
  let sent = 0;
  for (;;) {
    const r = await dispatchOnce({ db, now: () => now, adapters: { ...sandboxAdapters(), sms }, publicUrl: 'https://cobro.example', concurrency: args.concurrency });
    sent += r.sent;
    if (r.enqueued === 0 && r.sent === 0) break;
  }
  process.send?.({ sent, transactions: times.transactions, statements: [...times.bySql].map(([sql, t]) => ({ sql, ...t })) });
  // the database stays open until the bench has read its backends' CPU
  process.once('message', async () => {
    await opened.close();
    process.disconnect?.();
  });
});
