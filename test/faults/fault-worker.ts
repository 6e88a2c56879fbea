// A cobro worker for the fault suite: cobro's own worker round (workOnce) driven over stdin, one JSON command a line:
// {"op":"open",...} opens the run's database and provider adapters, {"op":"round","now":...} runs one worker round at that
// instant, {"op":"close"} closes them. It answers each command with one JSON line. The driver may SIGKILL it at any point.
import { createInterface } from 'node:readline';
import { openDb, type Db, type Queryable } from '../../src/db/index.ts';
import { smtpAdapter, twilioSmsAdapter, type SmtpAdapter } from '../../src/channels/index.ts';
import { receiveMessagingWebhook, sandboxAdapters, workOnce, type AdapterSet } from '../../src/worker/index.ts';
import { recordPayment, type NewPayment } from '../../src/ledger/index.ts';

export interface OpenCommand {
  op: 'open';
  databaseUrl?: string;
  schema?: string;
  dataDir?: string;
  smtpPort: number;
  twilioUrl: string;
  twilioSid: string;
  twilioToken: string;
  smsFrom: string;
  statusCallbackUrl: string;
  publicUrl: string;
  /** The HTTP timeout of a Twilio call (a slow provider is one slower than this). */
  timeoutMs: number;
  /** Print `@phase tick` / `@phase dispatch` on stderr when a round starts claiming cases or marking messages sending. */
  phases?: boolean;
}
/** The driver's own work between rounds, done here on PGlite (whose folder one process holds): SQL, a webhook, a payment. */
export type DriverCommand =
  | { op: 'query'; sql: string; params: unknown[] }
  | { op: 'webhook'; org: string; now: string; path: string; headers: Record<string, string>; body: string }
  | { op: 'pay'; org: string; payment: NewPayment };
export type Command = OpenCommand | { op: 'round'; now: string } | { op: 'close' } | DriverCommand;

let db: Db | undefined;
let email: SmtpAdapter | undefined;
let adapters: AdapterSet | undefined;
let publicUrl = '';

const need = (d: Db | undefined): Db => { if (!d) throw new Error('no database open'); return d; };
const answer = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function handle(c: Command): Promise<object> {
  if (c.op === 'open') {
    db = await openDb(c.databaseUrl ? { databaseUrl: c.databaseUrl, ...(c.schema ? { schema: c.schema } : {}) } : { ...(c.dataDir ? { dataDir: c.dataDir } : {}) });
    if (c.phases) db = phaseMarked(db);
    email = smtpAdapter({ host: '127.0.0.1', port: c.smtpPort, from: 'Cobranza <cobranza@faults.example>', maxConnections: 2 });
    const sms = twilioSmsAdapter({ accountSid: c.twilioSid, authToken: c.twilioToken, baseUrl: c.twilioUrl, from: c.smsFrom,
      statusCallbackUrl: c.statusCallbackUrl, timeoutMs: c.timeoutMs });
    adapters = { ...sandboxAdapters(), email, sms };
    publicUrl = c.publicUrl;
    return { opened: true };
  }
  if (c.op === 'round') {
    if (!db || !adapters) throw new Error('round before open');
    const now = new Date(c.now);
    const errors: string[] = [];
    const started = performance.now();
    await workOnce({ db, now: () => now, messaging: { adapters, publicUrl },
      log: { info: () => {}, error: (o: object, msg: string) => { errors.push(`${msg}: ${String((o as { err?: unknown }).err ?? JSON.stringify(o)).slice(0, 300)}`); } } });
    return { round: true, ms: Math.round(performance.now() - started), errors };
  }
  if (c.op === 'query') return { rows: await need(db).query(c.sql, c.params) };
  if (c.op === 'webhook') {
    const a = await receiveMessagingWebhook({ db: need(db), now: () => new Date(c.now), publicUrl }, 'twilio', 'messages', c.org,
      { method: 'POST', path: c.path, headers: c.headers, body: Buffer.from(c.body, 'base64') });
    return { status: a.status, body: a.body };
  }
  if (c.op === 'pay') {
    const r = await need(db).transaction((tx) => recordPayment(tx, c.org, 'faults', c.payment));
    return r.ok ? { paid: r.value.id } : { refused: r.error.message };
  }
  email?.close();
  await db?.close();
  db = undefined;
  adapters = undefined;
  return { closed: true };
}

// the statements that open the tick's claim of due cases and the dispatcher's hand-over of a batch (src/engine/load.ts,
// src/worker/queue.ts): the driver restarts PostgreSQL on seeing one, so the cut lands mid-tick or mid-dispatch
const PHASES: [RegExp, string][] = [[/FOR UPDATE OF c SKIP LOCKED/, 'tick'], [/SET status = 'sending'/, 'dispatch']];
function phaseMarked(d: Db): Db {
  const mark = (sql: string) => { for (const [re, name] of PHASES) if (re.test(sql)) process.stderr.write(`@phase ${name}\n`); };
  const q = (x: Queryable): Queryable => ({ query: (sql, params) => { mark(sql); return x.query(sql, params); }, copyCsv: (t, cols, csv) => x.copyCsv(t, cols, csv) });
  return { ...d, ...q(d), transaction: (fn) => d.transaction((tx) => fn(q(tx))), exec: (sql) => d.exec(sql), close: () => d.close() };
}

const lines = createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    try { answer(await handle(JSON.parse(line) as Command)); } catch (e) { answer({ error: e instanceof Error ? e.stack ?? e.message : String(e) }); }
  });
});
lines.on('close', () => { void queue.then(() => process.exit(0)); });
answer({ ready: true });
