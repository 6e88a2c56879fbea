// The scale bench (issue 11): SMS due for N debtors dispatched to a loopback Twilio-shaped provider by one worker
// process, then another N by four worker processes at once against the same PostgreSQL, each run in a schema of its own
// seeded alike (the same warm-up sent before it, so both start on tables of one size, analysed as autovacuum would),
// timed from the moment every worker is ready until the last one is done. Goal: four workers at least 1.6 times one worker's throughput on this
// 2-core machine, with no message sent twice (the provider's requests counted per number, over all its processes).
// The provider runs in processes of its own (--providers, 2 by default; the same ones for both runs), answering on
// one port as a node:cluster: real providers do not share the worker's process. Each run prints where its CPU went, and the blocks
// it read per message by table and index.
// Each worker process first dispatches --warmup messages of its own (3,000 by default, the one worker as many as the
// four together; untimed, on an earlier day), as a
// long-running production worker is warmed up: cold, each process spent about 1.4 s of CPU compiling its hot code
// inside the timed run, which four processes pay four times (after 1,000 each, four workers still spent 0.75 ms of
// worker CPU per message against 0.56 after 3,000; one worker 0.41 and 0.39). --latency-ms makes the provider answer each request that
// long after it arrived (real providers take tens to hundreds of ms): a second figure, not the goal's. Where
// pg_stat_statements is installed in the database, each run also prints the server's time and blocks per statement.
// Each worker sends with the dispatcher's own senders (SEND_CONCURRENCY: 128 for SMS) unless --concurrency is given.
// Usage: node --import tsx bench/scale.bench.ts [--messages N] [--workers N] [--concurrency N] [--providers N]
//   [--warmup N] [--latency-ms MS] [--cpu-prof DIR]
import { fork, type ChildProcess } from 'node:child_process';
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { SEND_CONCURRENCY } from '../src/worker/index.ts';
import { seedDueMessages } from '../test/support/due-messages.ts';
import type { ScaleWorkerArgs, ScaleWorkerDone, ScaleWorkerReady } from './scale-worker.ts';
import type { ScaleProviderArgs, ScaleProviderReply } from './scale-provider.ts';
import { followBackends, machineCpu, processCpuSeconds } from './cpu.ts';
import { describeStatements, readStatements, resetStatements, statementsSchema, type ServerStatement } from './pgStatements.ts';
import { describeTableStats, tableStats } from './tableStats.ts';

export const SCALE_GOAL = 1.6;
export interface ScaleBenchResult {
  messages: number; workers: number; one: number; many: number; ratio: number; duplicates: number; uncertain: number;
  /** The provider's answer latency (0: at once), and the messages each worker was warmed up on before its run. */
  latencyMs: number; warmup: number;
  /** CPU milliseconds per message of each run, every process counted (workers, provider, bench, PostgreSQL backends). */
  cpuOne: number; cpuMany: number;
}

const { values } = parseArgs({ options: { messages: { type: 'string', default: '20000' }, workers: { type: 'string', default: '4' }, concurrency: { type: 'string' },
  providers: { type: 'string', default: '2' }, 'cpu-prof': { type: 'string' }, warmup: { type: 'string', default: '3000' }, 'latency-ms': { type: 'string', default: '0' } } });
const [messages, workers, providers, warmup, latencyMs] = [values.messages, values.workers, values.providers, values.warmup,
  values['latency-ms']].map(Number) as [number, number, number, number, number];
// the senders per worker: the dispatcher's own unless given (until 2026-12-05 the bench gave 32, which held one worker
// to 32 sends in flight: 400 a second at most with the provider answering in 80 ms)
const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
const databaseUrl = loadConfig().databaseUrl ?? 'postgres://root@127.0.0.1:5432/test';
// each run in a schema of its own, seeded alike: a run after another in the same tables found them grown and churned by
// it (one worker run twice: 155 blocks read per message the first time, 185 the second; four workers, second, 198)
const base = `bench_scale_${randomBytes(3).toString('hex')}`;
const twilio = { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
/** A run's schema and the bench's connection to it. */
interface Place { schema: string; db: Db }
const place = async (schema: string): Promise<Place> => ({ schema, db: await openDb({ databaseUrl, schema }) });
const [alone, together] = [await place(`${base}_1`), await place(`${base}_n`)];
const db = alone.db;
// the server's statement counts, where pg_stat_statements is installed (they count the whole database: other sessions too)
const statsSchema = await statementsSchema(db);
cluster.setupPrimary({ exec: fileURLToPath(new URL('./scale-provider.ts', import.meta.url)), execArgv: ['--import', 'tsx'], args: [JSON.stringify({ ...twilio, latencyMs } satisfies ScaleProviderArgs)] });
const fakes = Array.from({ length: providers }, () => cluster.fork());
/** The next message from a provider process. */
const reply = (p: (typeof fakes)[number]) => new Promise<ScaleProviderReply>((resolve) => p.once('message', resolve));
const urls = new Set((await Promise.all(fakes.map(reply))).map((r) => ('url' in r ? r.url : '')));
// cluster workers listening on port 0 share one port
if (urls.size !== 1) throw new Error(`the provider processes listen on ${[...urls].join(', ')}, not one address`);
const [fakeUrl = ''] = urls;
/** Every number the provider processes accepted a request for. */
async function accepted(): Promise<string[]> {
  return (await Promise.all(fakes.map((p) => { const r = reply(p); p.send('numbers'); return r; }))).flatMap((r) => ('numbers' in r ? r.numbers : []));
}
const cpuOf = (ps: readonly (ChildProcess | undefined)[]) => ps.reduce((a, p) => a + (p?.pid ? processCpuSeconds(p.pid) : 0), 0);
const workerFile = fileURLToPath(new URL('./scale-worker.ts', import.meta.url));

/** Where one run's time went: CPU seconds of the workers, of the provider's processes, of this one, of their PostgreSQL backends, and the machine's. */
interface RunProfile { seconds: number; sent: number; warmed: number; usage: ScaleWorkerDone['usage']; statements: Map<string, { ms: number; n: number }>; server: ServerStatement[]; workerCpu: number; providerCpu: number; parentCpu: number; pgCpu: number; backends: number; machineBusy: number; machineCores: number; tables: string }

/**
 * Starts n workers, waits until each is ready (each warmed up first on the messages due at `warm`, if given, untimed),
 * tells them all to go, and resolves with the seconds until the last ends.
 */
async function run(n: number, { schema, db }: Place, now: Date, warm: Date | null): Promise<RunProfile> {
  const application = `${schema}_${n}`;
  const args: ScaleWorkerArgs = { databaseUrl: `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}application_name=${application}`, schema,
    twilioUrl: fakeUrl, ...twilio, now: now.toISOString(), ...(concurrency ? { concurrency } : {}), ...(warm ? { warmup: warm.toISOString() } : {}) };
  const children = Array.from({ length: n }, (_, i) => fork(workerFile, [JSON.stringify({ ...args,
    // --cpu-prof DIR: each worker profiles its dispatch (from go to done) into DIR/<workers>-<worker>.cpuprofile
    ...(values['cpu-prof'] ? { profile: `${values['cpu-prof']}/${n}-${i + 1}.cpuprofile` } : {}) })], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const ready = await Promise.all(children.map((c) => new Promise<ScaleWorkerReady>((resolve, reject) => {
    c.once('message', (m) => resolve(m as ScaleWorkerReady));
    c.once('exit', (code) => reject(new Error(`a worker exited with ${code} before it was ready`)));
  })));
  // the planner's statistics as a running install's (autovacuum keeps them): the warm-up's sends grew the tables since the
  // seeding, and plans made for their seeded size read every contact event of the org for each gated batch (a run that
  // follows another paid for the tables it grew: 98 blocks of contact_events per message with four workers, 33 with one)
  for (const { t } of await db.query<{ t: string }>('SELECT tablename AS t FROM pg_tables WHERE schemaname = $1', [schema])) await db.exec(`ANALYZE "${t}"`);
  if (statsSchema) await resetStatements(db, statsSchema);
  // the workers' warm-up counts published (a busy backend publishes at most a second late)
  await new Promise((r) => setTimeout(r, 1100));
  const tables0 = await tableStats(db, schema);
  // the pools' connections opened during the warm-up are kept: only their CPU from here is counted
  const backends = followBackends(db, application, 200, { sinceStart: true });
  await backends.started;
  const cpu0 = { workers: children.map((c) => processCpuSeconds(c.pid!)), provider: cpuOf(fakes.map((f) => f.process)), parent: process.cpuUsage(), machine: machineCpu() };
  const t = performance.now();
  const done = await Promise.all(children.map((c) => new Promise<ScaleWorkerDone>((resolve, reject) => {
    c.removeAllListeners('exit');
    c.once('message', (m) => resolve(m as ScaleWorkerDone));
    c.once('exit', (code) => reject(new Error(`a worker exited with ${code}`)));
    c.send('go');
  })));
  const seconds = (performance.now() - t) / 1000;
  const workerCpu = children.reduce((a, c, i) => a + processCpuSeconds(c.pid!) - cpu0.workers[i]!, 0);
  const providerCpu = cpuOf(fakes.map((f) => f.process)) - cpu0.provider;
  const parent = process.cpuUsage(cpu0.parent);
  const machine = machineCpu();
  const pgCpu = await backends.stop();
  const server = statsSchema ? await readStatements(db, statsSchema, 25) : [];
  for (const c of children) c.send('close');
  await Promise.all(children.map((c) => new Promise<void>((r) => { if (c.exitCode !== null) r(); else c.once('exit', () => r()); })));
  // read once the workers' connections are closed: each publishes its counts as it ends
  await new Promise((r) => setTimeout(r, 200));
  const tables = describeTableStats(tables0, await tableStats(db, schema), done.reduce((a, d) => a + d.sent, 0));
  const statements = new Map<string, { ms: number; n: number }>();
  for (const s of done.flatMap((d) => d.statements)) {
    const t = statements.get(s.sql) ?? { ms: 0, n: 0 };
    statements.set(s.sql, { ms: t.ms + s.ms, n: t.n + s.n });
  }
  const usage = { user: 0, system: 0, voluntary: 0, involuntary: 0, passes: 0 };
  for (const d of done) for (const k of Object.keys(usage) as (keyof typeof usage)[]) usage[k] += d.usage[k];
  return { seconds, sent: done.reduce((a, d) => a + d.sent, 0), warmed: ready.reduce((a, r) => a + r.warmed, 0), usage, statements, server, workerCpu, providerCpu, parentCpu: (parent.user + parent.system) / 1e6, pgCpu, backends: backends.seen(),
    machineBusy: machine.busy - cpu0.machine.busy, machineCores: (machine.total - cpu0.machine.total) / seconds, tables };
}

/** One run's profile in a line: msg/s, then CPU milliseconds per message by process and how busy the machine was. */
function describe(label: string, r: RunProfile): string {
  const ms = (s: number) => (s * 1000 / r.sent).toFixed(2);
  return `${label}: ${Math.round(r.sent / r.seconds)} msg/s in ${r.seconds.toFixed(1)} s (${r.warmed} sent in the warm-up before); CPU ms per message: workers ${ms(r.workerCpu)}, `
    + `provider fake ${ms(r.providerCpu)}, bench ${ms(r.parentCpu)}, PostgreSQL backends ${ms(r.pgCpu)} (${r.backends} of them); machine busy ${(r.machineBusy / r.seconds).toFixed(2)} of ${r.machineCores.toFixed(1)} cores\n`
    + `  workers: user ${ms(r.usage.user)} + kernel ${ms(r.usage.system)} ms/msg, ${(r.usage.voluntary / r.sent).toFixed(2)} waits and `
    + `${(r.usage.involuntary / r.sent).toFixed(2)} preemptions per message, ${r.usage.passes} passes\n${r.tables}\n`
    + [...r.statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8)
      .map(([sql, t]) => `  ${(t.ms / r.sent).toFixed(2)} ms/msg wall, ${t.n} runs: ${sql}`).join('\n')
    + (r.server.length ? `\n${describeStatements(r.server, r.sent)}` : '');
}

try {
  // in each run's schema, two days in turn: the warm-up's (warmup messages per worker of the larger run, so both runs
  // start on tables of the same size) and the run's; the debtors numbered apart, as the provider counts sends per number
  const days = ['2026-03-10', '2026-03-11'];
  const at = (d: number) => new Date(`${days[d]}T17:00:00Z`);
  const counts = [warmup * workers, messages];
  let from = 1;
  for (const { db: q } of [alone, together]) {
    const org = (await createOrg(q, { name: 'Ferretería Luna' })).id;
    for (const [d, count] of counts.entries()) {
      if (count > 0) await seedDueMessages(q, org, { from, count, channel: 'sms', day: days[d]!, at: at(0) });
      from += count;
    }
    await q.exec('ANALYZE customers; ANALYZE invoices; ANALYZE actions; ANALYZE messages');
  }
  console.log(`seeded 2 x ${messages} SMS on postgres, each run in a schema of its own (and ${warmup * workers} to warm up on, untimed); ${concurrency ? `concurrency ${concurrency}` : `the dispatcher's senders (${SEND_CONCURRENCY.sms} for SMS)`} per worker`
    + `${latencyMs ? `; the provider answers each request ${latencyMs} ms after it arrived` : ''}`);
  const one = await run(1, alone, at(1), warmup ? at(0) : null);
  console.log(describe('1 worker', one));
  const many = await run(workers, together, at(1), warmup ? at(0) : null);
  console.log(describe(`${workers} workers`, many));
  const numbers = await accepted();
  const duplicates = numbers.length - new Set(numbers).size;
  // a reset on a reused keep-alive connection leaves a send uncertain (not retried: the provider may have it); counted
  // and a reset before the request was written defers the message to a later pass (retried: the provider cannot have it)
  const both = `(SELECT status, reason FROM ${alone.schema}.messages UNION ALL SELECT status, reason FROM ${together.schema}.messages) m`;
  const [{ uncertain, deferred } = { uncertain: 0, deferred: 0 }] = await db.query<{ uncertain: number; deferred: number }>(
    `SELECT count(*) FILTER (WHERE status = 'uncertain')::int AS uncertain, count(*) FILTER (WHERE status = 'deferred')::int AS deferred FROM ${both}`);
  if (uncertain + deferred > 0) {
    console.log(`not sent: ${(await db.query<{ status: string; reason: string; n: number }>(`SELECT status, reason, count(*)::int AS n FROM ${both}
      WHERE status IN ('uncertain', 'deferred') GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5`)).map((r) => `${r.n} ${r.status} (${r.reason})`).join('; ')}`);
  }
  const total = 2 * (messages + warmup * workers);
  if (one.sent + many.sent + one.warmed + many.warmed + uncertain + deferred !== total || numbers.length > total) {
    console.error(await db.query(`SELECT status, reason, count(*)::int AS n FROM ${both} WHERE status NOT IN ('sent', 'delivered') GROUP BY 1, 2`));
    throw new Error(`sent ${one.sent} + ${many.sent} (warm-ups ${one.warmed} + ${many.warmed}), ${uncertain} uncertain, the provider accepted ${numbers.length}, expected ${total}`);
  }
  const cpu = (r: RunProfile) => (r.workerCpu + r.providerCpu + r.parentCpu + r.pgCpu) * 1000 / r.sent;
  const result: ScaleBenchResult = { messages, workers, one: messages / one.seconds, many: messages / many.seconds, ratio: one.seconds / many.seconds, duplicates, uncertain,
    latencyMs, warmup, cpuOne: cpu(one), cpuMany: cpu(many) };
  console.log(`scale${latencyMs ? ` (provider latency ${latencyMs} ms)` : ''}: CPU ${result.cpuOne.toFixed(2)} ms per message with 1 worker, ${result.cpuMany.toFixed(2)} with ${workers}; 1 worker ${Math.round(result.one)} msg/s; ${workers} workers ${Math.round(result.many)} msg/s; ratio ${result.ratio.toFixed(2)} `
    + `(goal >= ${SCALE_GOAL}); ${duplicates} sent twice (goal 0); ${uncertain} uncertain, ${deferred} deferred to a later pass`);
  process.send?.(result);
} finally {
  for (const p of fakes) p.send('close');
  for (const p of [alone, together]) {
    await p.db.exec(`DROP SCHEMA ${p.schema} CASCADE`).catch(() => {});
    await p.db.close();
  }
}
