// One worker process of the scale bench: opens the database, builds its SMS adapter, says it is ready, dispatches
// everything due when told to go (claiming with SKIP LOCKED beside the other workers), and reports what it sent.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { openDb } from '../src/db/index.ts';
import { twilioSmsAdapter } from '../src/channels/index.ts';
import { dispatchOnce, sandboxAdapters } from '../src/worker/index.ts';
import { timedDb } from './timedDb.ts';

/** What a worker reports when it is done: its sends, and its statements' wall time by kind. */
export interface ScaleWorkerDone {
  sent: number; transactions: number; statements: { sql: string; ms: number; n: number }[];
  /** From go to done: CPU seconds in user and kernel mode, context switches (waits, preemptions), dispatch passes. */
  usage: { user: number; system: number; voluntary: number; involuntary: number; passes: number };
}

export interface ScaleWorkerArgs {
  databaseUrl: string; schema: string; twilioUrl: string; accountSid: string; authToken: string; now: string;
  /** Sends in flight at once per channel; the dispatcher's own (SEND_CONCURRENCY) when absent. */
  concurrency?: number;
  /** Where to write a V8 CPU profile of the dispatch alone (from go to done), if anywhere. */
  profile?: string;
  /** A clock to dispatch at before saying ready (untimed), so the run measures a warmed-up process as production runs one. */
  warmup?: string;
}

/** What a worker says once ready: how many messages it sent while warming up. */
export interface ScaleWorkerReady { ready: true; warmed: number }

const args = JSON.parse(process.argv[2] ?? '{}') as ScaleWorkerArgs;
const opened = await openDb({ databaseUrl: args.databaseUrl, schema: args.schema });
// every statement's wall time (waits on locks and on the server included), reported with what the worker sent
const { db, times } = timedDb(opened);
const sms = twilioSmsAdapter({ accountSid: args.accountSid, authToken: args.authToken, baseUrl: args.twilioUrl, from: '+15005550006' });
const now = new Date(args.now);
const adapters = { ...sandboxAdapters(), sms };
/** Dispatch passes at `at` until one finds nothing; what they sent, and how many passes. */
async function dispatchAll(at: Date): Promise<{ sent: number; passes: number }> {
  // a pass ends when its claim comes back empty, which can happen while another worker holds rows it has not yet turned
  // into messages (the worker's next round picks those up in production)
  let sent = 0;
  let passes = 0;
  for (;;) {
    const r = await dispatchOnce({ db, now: () => at, adapters, publicUrl: 'https://cobro.example', ...(args.concurrency ? { concurrency: args.concurrency } : {}) });
    sent += r.sent;
    passes++;
    if (r.enqueued === 0 && r.sent === 0) return { sent, passes };
  }
}
await db.query('SELECT 1');
// the warm-up's statements are not the run's
const warmed = args.warmup ? (await dispatchAll(new Date(args.warmup))).sent : 0;
times.bySql.clear();
times.transactions = 0;
const inspector = args.profile ? new Session() : null;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
}
process.send?.({ ready: true, warmed } satisfies ScaleWorkerReady);
process.once('message', async () => {
  await inspector?.post('Profiler.start');
  const r0 = process.resourceUsage();
  const { sent, passes } = await dispatchAll(now);
  const r1 = process.resourceUsage();
  const usage = { user: (r1.userCPUTime - r0.userCPUTime) / 1e6, system: (r1.systemCPUTime - r0.systemCPUTime) / 1e6,
    voluntary: r1.voluntaryContextSwitches - r0.voluntaryContextSwitches, involuntary: r1.involuntaryContextSwitches - r0.involuntaryContextSwitches, passes };
  if (inspector && args.profile) await writeFile(args.profile, JSON.stringify((await inspector.post('Profiler.stop')).profile));
  process.send?.({ sent, transactions: times.transactions, statements: [...times.bySql].map(([sql, t]) => ({ sql, ...t })), usage } satisfies ScaleWorkerDone);
  // the database stays open until the bench has read its backends' CPU
  process.once('message', async () => {
    await opened.close();
    process.disconnect?.();
  });
});
