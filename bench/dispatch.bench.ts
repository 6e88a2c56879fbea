// The dispatcher bench: 20,000 emails to a loopback SMTP server and 20,000 SMS to a loopback Twilio-shaped HTTP provider,
// each through the whole dispatcher (claim, gate, render, send, record), against plain nodemailer (pooled) and plain
// keep-alive HTTP POSTs to the same servers in the same run. Goal: at least 0.5 of each.
// The SMS provider runs in processes of its own (--providers, 2 by default, a node:cluster on one port, as the scale
// bench runs it), the same ones for the dispatcher and the plain POSTs: a real provider does not take the sender's CPU.
// On PostgreSQL each run also prints the blocks its statements touched and the rows updated (HOT among them) per message,
// table by table (BENCH_TABLES=N of them, 8 by default). BENCH_PROFILE=file.cpuprofile writes a CPU profile of the SMS
// dispatcher run (this process only: the dispatcher, not the provider's processes). The process's CPU is also given for
// its main thread alone (the JavaScript; the rest is V8's compiler and GC threads): a fresh process spends much of a
// run's CPU compiling the SMS path, so --warm N (3,000 by default, as the scale bench warms its workers; 0: cold) first
// dispatches N SMS of a day before, unmeasured, as a worker that has been running a while would have, and the plain run
// sends N POSTs of its own, unmeasured, before it is timed: both sides are timed warm.
// Usage: node --import tsx bench/dispatch.bench.ts [--emails N] [--sms N] [--warm N] [--db postgres|pglite] [--concurrency N] [--batch N] [--providers N]
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { smtpAdapter, twilioSmsAdapter } from '../src/channels/index.ts';
import { dispatchOnce, sandboxAdapters, SEND_CONCURRENCY, type AdapterSet } from '../src/worker/index.ts';
import { smtpSink } from '../test/support/providers/smtp.ts';
import type { ScaleProviderReply } from './scale-provider.ts';
import { seedDueMessages } from '../test/support/due-messages.ts';
import { timedDb, type DbTimes } from './timedDb.ts';
import { followBackends, gcPauses, mainThreadCpuSeconds, processCpuSeconds } from './cpu.ts';
import { describeTableStats, tableStats } from './tableStats.ts';
import { profiled } from './profile.ts';

export const DISPATCH_GOAL = 0.5;
export interface ChannelFigures {
  messages: number; seconds: number; perSecond: number; plainPerSecond: number; ratio: number; dbShare: number;
  /** SQL statements the dispatcher ran per message sent, and its transactions per message (each also a BEGIN and a COMMIT). */
  statementsPerMessage: number; transactionsPerMessage: number; top: string[];
  /** CPU milliseconds per message of this process (the provider fake included) and of its PostgreSQL backends, for the dispatcher and the plain run. */
  cpu: { processMs: number; mainThreadMs: number; gcMs: number; databaseMs: number; plainProcessMs: number; providerMs: number; plainProviderMs: number };
}
export interface DispatchBenchResult { db: 'postgres' | 'pglite'; concurrency: number | Record<string, number>; email: ChannelFigures; sms: ChannelFigures }

const { values } = parseArgs({ options: { emails: { type: 'string', default: '20000' }, sms: { type: 'string', default: '20000' }, warm: { type: 'string', default: '3000' },
  db: { type: 'string', default: 'postgres' }, concurrency: { type: 'string' }, batch: { type: 'string', default: '500' }, providers: { type: 'string', default: '2' } } });
const [emails, smsCount, batchSize, warm] = [values.emails, values.sms, values.batch, values.warm].map(Number) as [number, number, number, number];
// without --concurrency, the dispatcher's own per channel (SEND_CONCURRENCY)
const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
const kind = values.db === 'pglite' ? 'pglite' : 'postgres';
const NOW = new Date('2026-03-10T17:00:00Z'); // Tuesday, 11:00 in Mexico City
const seconds = (start: number) => (performance.now() - start) / 1000;

/** Calls fn for 0..n-1 with at most `inFlight` pending. */
async function pump(n: number, inFlight: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => { while (next < n) await fn(next++); }));
}

/**
 * The dispatcher over everything due, with its database time split by statement. On PostgreSQL it runs on a pool of its
 * own, named `run`, so the CPU counted is its backends' alone (not the seeding's or an earlier run's on the same backends).
 */
async function dispatch(db: Db, adapters: AdapterSet, run: string): Promise<{ seconds: number; sent: number; times: DbTimes; cpuMs: number; mainCpuMs: number; gcMs: number; dbCpuMs: number }> {
  const own = kind === 'postgres' ? await openDb({ databaseUrl: withApplication(databaseUrl, `${application}_${run}`), schema }) : db;
  // read once the seeding's counts are published (a backend publishes them at most a second after its transaction)
  const tables = kind === 'postgres' ? await sleep(1000).then(() => tableStats(db, schema)) : undefined;
  let result: Awaited<ReturnType<typeof dispatchOn>>;
  try {
    result = await dispatchOn(own, adapters, `${application}_${run}`);
  } finally {
    if (own !== db) await own.close();
  }
  // the row versions and blocks of the run (its backends publish their counts as they close)
  if (tables) {
    await sleep(1000);
    console.log(`${run}:\n${describeTableStats(tables, await tableStats(db, schema), result.sent, Number(process.env.BENCH_TABLES ?? 8))}`);
  }
  return result;
}

async function dispatchOn(db: Db, adapters: AdapterSet, application: string): Promise<{ seconds: number; sent: number; times: DbTimes; cpuMs: number; mainCpuMs: number; gcMs: number; dbCpuMs: number }> {
  const timed = timedDb(db);
  const backends = kind === 'postgres' ? followBackends(db, application) : undefined;
  const cpu = process.cpuUsage();
  const main = mainThreadCpuSeconds();
  const gc = gcPauses();
  const t = performance.now();
  const r = await dispatchOnce({ db: timed.db, now: () => NOW, adapters, publicUrl: 'https://cobro.example', ...(concurrency ? { concurrency } : {}), batchSize });
  if (r.sent < r.enqueued) {
    const why = await db.query(`SELECT status, reason, count(*)::int AS n FROM messages WHERE status NOT IN ('sent', 'delivered') GROUP BY 1, 2`);
    // a stray refusal (a template lint) is reported; more than one in a thousand means the run measured something else
    if (r.sent < r.enqueued * 0.999) throw new Error(`the dispatcher did not send everything: ${JSON.stringify(r)} ${JSON.stringify(why)}`);
    console.log(`  not sent: ${JSON.stringify(why)}`);
  }
  const wall = seconds(t);
  const used = process.cpuUsage(cpu);
  const mainCpuMs = (mainThreadCpuSeconds() - main) * 1000;
  const gcMs = await gc.stop();
  const dbCpuMs = ((await backends?.stop()) ?? 0) * 1000;
  return { seconds: wall, sent: r.sent, times: timed.times, cpuMs: (used.user + used.system) / 1000, mainCpuMs, gcMs, dbCpuMs };
}

/** Process CPU milliseconds spent by fn. */
async function cpuOf(fn: () => Promise<void>): Promise<number> {
  const cpu = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000;
}

function figures(messages: number, run: { seconds: number; times: DbTimes; cpuMs: number; mainCpuMs: number; gcMs: number; dbCpuMs: number }, plainPerSecond: number, plainCpuMs: number, plainMessages: number,
  provider = { ms: 0, plainMs: 0 }): ChannelFigures {
  const perSecond = messages / run.seconds;
  const top = [...run.times.bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(process.env.BENCH_TOP ?? 6))
    .map(([sql, v]) => `${(v.ms / messages).toFixed(2)} ms/msg, ${(v.n / messages).toFixed(3)} per msg: ${sql}`);
  return { messages, seconds: run.seconds, perSecond, plainPerSecond, ratio: perSecond / plainPerSecond, dbShare: run.times.queryMs / 1000 / run.seconds,
    statementsPerMessage: run.times.queries / messages, transactionsPerMessage: run.times.transactions / messages, top,
    cpu: { processMs: run.cpuMs / messages, mainThreadMs: run.mainCpuMs / messages, gcMs: run.gcMs / messages, databaseMs: run.dbCpuMs / messages, plainProcessMs: plainCpuMs / plainMessages,
      providerMs: provider.ms / messages, plainProviderMs: provider.plainMs / plainMessages } };
}

/**
 * The SMS ratio the CPU allows: with the two cores busy, messages per second follow the CPU each costs (this process,
 * its PostgreSQL backends and the provider's processes, against the plain client's and the provider's), so the ratio
 * tends to plain / dispatched CPU; and what PostgreSQL's share per SMS may be for the goal with the rest as measured.
 */
function cpuBudget(c: ChannelFigures['cpu']): string {
  const plain = c.plainProcessMs + c.plainProviderMs;
  const sms = c.processMs + c.databaseMs + c.providerMs;
  const forGoal = plain / DISPATCH_GOAL - c.processMs - c.providerMs;
  return `CPU per SMS ${sms.toFixed(2)} ms against a plain POST's ${plain.toFixed(2)}: ratio bound by CPU ${(plain / sms).toFixed(2)}; for ${DISPATCH_GOAL} an SMS `
    + `may cost ${(plain / DISPATCH_GOAL).toFixed(2)} ms in all: ${forGoal > 0 ? `PostgreSQL's share at most ${forGoal.toFixed(2)} ms (now ${c.databaseMs.toFixed(2)})`
      : `less than this process and the provider take already, so no share of PostgreSQL fits (now ${c.databaseMs.toFixed(2)} ms)`}`;
}

const config = loadConfig();
const withApplication = (url: string, name = application) => `${url}${url.includes('?') ? '&' : '?'}application_name=${name}`;
const databaseUrl = config.databaseUrl ?? 'postgres://root@127.0.0.1:5432/test';
// BENCH_SCHEMA_PREFIX names the throwaway schema (bench_<who>_... where several people bench on one database)
const schema = `${process.env.BENCH_SCHEMA_PREFIX ?? 'bench_dispatch'}_${randomBytes(3).toString('hex')}`;
// the dispatcher's PostgreSQL backends are found by this name (and the run's), to read their CPU
const application = schema;
const dataDir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'cobro-bench-dispatch-')) : undefined;
const db = await openDb(kind === 'postgres' ? { databaseUrl: withApplication(databaseUrl), schema } : { dataDir: dataDir! });
const sink = await smtpSink({}, { headersOnly: true });
const twilio = { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
cluster.setupPrimary({ exec: fileURLToPath(new URL('./scale-provider.ts', import.meta.url)), execArgv: ['--import', 'tsx'], args: [JSON.stringify(twilio)] });
const fakes = Array.from({ length: Math.max(1, Number(values.providers)) }, () => cluster.fork());
/** The next message from a provider process. */
const reply = (p: (typeof fakes)[number]) => new Promise<ScaleProviderReply>((resolve) => p.once('message', resolve));
const urls = new Set((await Promise.all(fakes.map(reply))).map((r) => ('url' in r ? r.url : '')));
// cluster workers listening on port 0 share one port
if (urls.size !== 1) throw new Error(`the provider processes listen on ${[...urls].join(', ')}, not one address`);
const fake = { url: [...urls][0]! };
/** How many requests the provider processes accepted, and for how many distinct numbers. */
async function accepted(): Promise<{ requests: number; numbers: number }> {
  const all = (await Promise.all(fakes.map((p) => { const r = reply(p); p.send('numbers'); return r; }))).flatMap((r) => ('numbers' in r ? r.numbers : []));
  return { requests: all.length, numbers: new Set(all).size };
}
/** CPU milliseconds the provider processes have used. */
const providerCpuMs = () => fakes.reduce((a, p) => a + (p.process.pid ? processCpuSeconds(p.process.pid) : 0), 0) * 1000;
const smtp = smtpAdapter({ host: '127.0.0.1', port: sink.port, from: 'Cobranza <cobranza@luna.example>' });
const adapters: AdapterSet = { ...sandboxAdapters(), email: smtp, sms: twilioSmsAdapter({ ...twilio, baseUrl: fake.url, from: '+15005550006' }) };
try {
  const org = (await createOrg(db, { name: 'Ferretería Luna' })).id;
  let t = performance.now();
  await seedDueMessages(db, org, { from: 1, count: emails, channel: 'email', day: '2026-03-10', at: NOW });
  await seedDueMessages(db, org, { from: emails + 1, count: smsCount, channel: 'sms', day: '2026-03-10', at: NOW });
  await db.query(`UPDATE actions SET scheduled_for = $2 WHERE org_id = $1 AND 'sms' = ANY (channels)`, [org, warm > 0 ? '2026-03-12' : '2026-03-11']);
  // --warm: SMS a day before the measured ones, dispatched first and not measured
  if (warm > 0) {
    await seedDueMessages(db, org, { from: emails + smsCount + 1, count: warm, channel: 'sms', day: '2026-03-10', at: NOW });
    await db.query(`UPDATE actions SET scheduled_for = '2026-03-11' WHERE org_id = $1 AND 'sms' = ANY (channels) AND scheduled_for = '2026-03-10'`, [org]);
  }
  // the planner's statistics, as a live database has them (fresh bulk-loaded tables look empty to it)
  await db.exec('ANALYZE customers; ANALYZE invoices; ANALYZE actions; ANALYZE messages');
  console.log(`seeded ${emails} email and ${smsCount} SMS actions on ${kind} in ${seconds(t).toFixed(1)} s; concurrency ${JSON.stringify(concurrency ?? SEND_CONCURRENCY)}, batch ${batchSize}`);

  // emails: the dispatcher, then nodemailer alone with the same pool sending the same message to the same server
  const mail = await dispatch(db, adapters, 'email');
  const [sample] = await db.query<{ content: { subject: string; text: string; html: string; headers: Record<string, string> } }>(
    `SELECT content FROM messages WHERE org_id = $1 AND channel = 'email' LIMIT 1`, [org]);
  const transport = nodemailer.createTransport({ pool: true, host: '127.0.0.1', port: sink.port, secure: false, maxConnections: 5, maxMessages: Infinity });
  t = performance.now();
  const plainMailCpu = await cpuOf(() => pump(emails, 50, async (i) => {
    await transport.sendMail({ from: 'Cobranza <cobranza@luna.example>', to: `p${i}@example.mx`, subject: sample!.content.subject, text: sample!.content.text,
      html: sample!.content.html, headers: sample!.content.headers, messageId: `<plain-${i}@luna.example>` });
  }));
  const plainMail = emails / seconds(t);
  transport.close();
  if (sink.messages.length !== mail.sent + emails) throw new Error(`the SMTP server got ${sink.messages.length} messages, not ${mail.sent + emails}`);

  // BENCH_NO_ROLLUP_TRIGGERS=1 (PostgreSQL): the SMS run without the rollups' trigger on messages' updates (086, for 048
  // and 051; their figures are then wrong in this throwaway schema), to see what it costs a send
  if (process.env.BENCH_NO_ROLLUP_TRIGGERS && kind === 'postgres') await db.exec('ALTER TABLE messages DISABLE TRIGGER messages_rollups_update');
  // BENCH_DROP_INDEX=name,... (PostgreSQL): the SMS run without those indexes of the throwaway schema (their readers are
  // then slower or wrong there), to see what writing their entries costs a send (audit_log_text: the audit search's trigrams)
  for (const name of kind === 'postgres' ? (process.env.BENCH_DROP_INDEX ?? '').split(',').filter(Boolean) : []) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DROP_INDEX: not an index name: ${name}`);
    await db.exec(`DROP INDEX ${name}`);
  }
  // SMS: the dispatcher a day later (their day), then keep-alive POSTs of the same form to the same provider
  NOW.setTime(NOW.getTime() + 86_400_000);
  if (warm > 0) {
    const w = await dispatchOnce({ db, now: () => NOW, adapters, publicUrl: 'https://cobro.example', ...(concurrency ? { concurrency } : {}), batchSize });
    console.log(`warmed up: ${w.sent} SMS dispatched unmeasured`);
    NOW.setTime(NOW.getTime() + 86_400_000);
  }
  await db.exec('ANALYZE messages');
  let providerMs = providerCpuMs();
  // BENCH_PROFILE=file.cpuprofile: a CPU profile of this process over the SMS dispatcher run alone
  const texts = await profiled(process.env.BENCH_PROFILE, () => dispatch(db, adapters, 'sms'));
  const dispatchProviderMs = providerCpuMs() - providerMs;
  const [one] = await db.query<{ content: { text: string } }>(`SELECT content FROM messages WHERE org_id = $1 AND channel = 'sms' LIMIT 1`, [org]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const url = new URL(`${fake.url}/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`);
  const auth = `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`;
  // one plain POST of the same form; `prefix` keeps each run's numbers distinct from the others'
  const post = (prefix: string, i: number) => new Promise<void>((resolve, reject) => {
    const body = new URLSearchParams({ To: `${prefix}${String(i).padStart(8, '0')}`, From: '+15005550006', Body: one!.content.text }).toString();
    const req = http.request(url, { method: 'POST', agent, headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
      (res) => { res.resume(); res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)))); });
    req.on('error', reject);
    req.end(body);
  });
  // the plain run warmed like the dispatcher: the same number of POSTs first, unmeasured
  if (warm > 0) await pump(warm, 32, (i) => post('+5257', i));
  providerMs = providerCpuMs();
  t = performance.now();
  // 32 POSTs in flight whatever the dispatcher's senders (the baseline of every earlier run)
  const plainHttpCpu = await cpuOf(() => pump(smsCount, 32, (i) => post('+5256', i)));
  const plainHttp = smsCount / seconds(t);
  const plainProviderMs = providerCpuMs() - providerMs;
  agent.destroy();
  // the dispatcher's numbers (+5255...) and the plain run's (+5256...) are distinct: none may go twice
  const got = await accepted();
  const posted = texts.sent + smsCount + 2 * warm;
  if (got.requests !== posted || got.numbers !== got.requests) throw new Error(`the provider accepted ${JSON.stringify(got)}, not ${posted} distinct`);

  const result: DispatchBenchResult = { db: kind, concurrency: concurrency ?? { ...SEND_CONCURRENCY }, email: figures(mail.sent, mail, plainMail, plainMailCpu, emails), sms: figures(texts.sent, texts, plainHttp, plainHttpCpu, smsCount,
    { ms: dispatchProviderMs, plainMs: plainProviderMs }) };
  for (const [name, f, plain] of [['email', result.email, 'nodemailer pooled'], ['sms', result.sms, 'keep-alive HTTP POSTs']] as const) {
    console.log(`${name}: ${f.messages} in ${f.seconds.toFixed(1)} s = ${Math.round(f.perSecond)} msg/s; ${plain} ${Math.round(f.plainPerSecond)} msg/s; `
      + `ratio ${f.ratio.toFixed(2)} (goal >= ${DISPATCH_GOAL}); database ${(f.dbShare * 100).toFixed(0)}% of the wall time (summed over connections); `
      + `${f.statementsPerMessage.toFixed(3)} statements and ${f.transactionsPerMessage.toFixed(3)} transactions per message`);
    console.log(`  CPU per message: this process ${f.cpu.processMs.toFixed(2)} ms (its main thread ${f.cpu.mainThreadMs.toFixed(2)}, GC pauses (wall) ${f.cpu.gcMs.toFixed(3)}; plain ${f.cpu.plainProcessMs.toFixed(2)} ms), `
      + `its PostgreSQL backends ${f.cpu.databaseMs.toFixed(2)} ms${name === 'sms' ? `, the provider's processes ${f.cpu.providerMs.toFixed(2)} ms (plain ${f.cpu.plainProviderMs.toFixed(2)} ms)` : ''}`);
    if (name === 'sms') console.log(`  ${cpuBudget(f.cpu)}`);
    for (const line of f.top) console.log(`  ${line}`);
  }
  process.send?.(result);
} finally {
  smtp.close();
  await Promise.all(fakes.map((p) => new Promise<void>((resolve) => { p.once('exit', () => resolve()); p.send('close'); })));
  await sink.close();
  if (kind === 'postgres') await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
  await db.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
