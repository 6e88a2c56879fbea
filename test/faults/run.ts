// One randomised fault run, reproducible from its seed: a small portfolio in three countries, cobro's worker rounds in
// worker processes, and between and during the rounds a random mix of faults (a worker killed, a provider down, storming,
// rate limiting or slow, webhooks duplicated and reordered, STOP replies, payments, the clock jumping both ways, and on
// PostgreSQL the worker's connections terminated). Then a clean drain and the invariants of check.ts.
import { openDb, type Db } from '../../src/db/index.ts';
import { createOrg } from '../../src/orgs/index.ts';
import { recordPayment, type NewPayment } from '../../src/ledger/index.ts';
import { syncCases } from '../../src/engine/index.ts';
import { receiveMessagingWebhook } from '../../src/worker/index.ts';
import { random } from '../../src/domain/random.ts';
import { connect } from '../support/messaging.ts';
import { checkRun, createFaultTables, type Violation } from './check.ts';
import { SMS_FROM, TWILIO_SID, TWILIO_TOKEN, type Callback, type Providers, type SmtpMode, type TwilioMode } from './providers.ts';
import type { Worker, WorkerPool } from './workers.ts';
import type { DriverCommand } from './fault-worker.ts';

export type FaultKind = 'kill' | 'smtp_refused' | 'smtp_storm' | 'sms_refused' | 'sms_5xx' | 'sms_429' | 'sms_slow' | 'webhook_duplicated'
  | 'webhook_held_back' | 'stop_reply' | 'payment_full' | 'payment_part' | 'clock_forward' | 'clock_back' | 'pg_terminate'
  | 'pg_restart_tick' | 'pg_restart_dispatch';

export type RestartMode = 'fast' | 'immediate';
/** A PostgreSQL restart the run made: in which round, at which phase of the worker's round, how, and what the worker saw. */
export interface Restart { round: number; phase: 'tick' | 'dispatch'; mode: RestartMode; ms: number; workerPid: number; roundErrors: number }

/** The suite's database, migrated once: a PostgreSQL schema or a PGlite folder (one process at a time), emptied before each run. */
export interface Place { databaseUrl?: string; schema?: string; dataDir?: string }

export interface RunOptions {
  seed: number;
  place: Place;
  providers: Providers;
  pool: WorkerPool;
  /** Smaller runs for `npm test`: fewer customers and fault rounds than the suite's 30-45 and 5-7. */
  size?: { customers: number; rounds: number };
  /** Restarts the run's PostgreSQL server (a throwaway cluster's pg_ctl restart): given, the first four rounds each restart it
   * when the worker reaches the tick's claim or the dispatcher's hand-over (tick fast, dispatch fast, tick immediate,
   * dispatch immediate), and no worker is killed, so the one worker process must reconnect by itself. */
  restart?: (mode: RestartMode) => Promise<{ ms: number }>;
}

export interface RunResult {
  seed: number;
  violations: Violation[];
  faults: Partial<Record<FaultKind, number>>;
  customers: number;
  rounds: number;
  received: { email: number; sms: number };
  statuses: Record<string, number>;
  workerErrors: string[];
  ms: number;
  where: string;
  restarts: Restart[];
  /** The worker processes that ran the rounds (one when none died or was killed), and the errors of the last (drain) round. */
  workerPids: number[];
  lastRoundErrors: string[];
}

const COUNTRIES = [
  { country: 'MX', timezone: 'America/Mexico_City', currency: 'MXN', language: 'es', phone: '+5255' },
  { country: 'CO', timezone: 'America/Bogota', currency: 'COP', language: 'es', phone: '+57300' },
  { country: 'PE', timezone: 'America/Lima', currency: 'PEN', language: 'es', phone: '+51900' },
] as const;
const START = Date.parse('2026-03-10T17:00:00Z'); // a Tuesday, late morning in all three

export async function faultRun(o: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const rnd = random(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const faults: Partial<Record<FaultKind, number>> = {};
  const count = (k: FaultKind) => { faults[k] = (faults[k] ?? 0) + 1; };
  const P = o.providers;
  P.receipts.length = 0;
  P.callbacks.length = 0;
  await P.setSmtp('ok');
  await P.setTwilio('ok');

  const pg = o.place.databaseUrl;
  const { schema, dataDir } = o.place;
  const app = `cobro_faults_${o.seed.toString(36)}`;
  const where = pg ? `schema ${schema}` : `folder ${dataDir}`;
  const open = () => openDb(o.place);
  let db: Db | undefined = await open();
  let clock = START;
  let maxClock = START;
  let round = 0;
  let org = '';
  const workerErrors: string[] = [];
  let worker: Worker | undefined;
  let violations: Violation[] = [];
  const restarts: Restart[] = [];
  const workerPids = new Set<number>();
  let lastRoundErrors: string[] = [];
  const customers = o.size?.customers ?? 30 + Math.floor(rnd() * 16);
  try {
    await emptyDatabase(db);
    await createFaultTables(db);
    org = (await createOrg(db, { name: 'Distribuidora Falla', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
    await connect(db, org, 'twilio', { account_sid: TWILIO_SID, sms_from: SMS_FROM }, { auth_token: TWILIO_TOKEN });
    const people = Array.from({ length: customers }, (_, i) => ({ i: i + 1, c: pick(COUNTRIES), invoices: 1 + Math.floor(rnd() * 2) }));
    const invoices = people.flatMap(({ i, c, invoices: n }) => Array.from({ length: n }, (_, k) => ({
      id: `inv_f${i}_${k + 1}`, customer: `cus_f${i}`, number: `F-${i}-${k + 1}`, currency: c.currency,
      amount: 50_000 + Math.floor(rnd() * 450_000), due: new Date(START - (Math.floor(rnd() * 13) - 2) * 86_400_000).toISOString().slice(0, 10) })));
    await db.query(`INSERT INTO customers (id, org_id, external_id, name, email, phone, country, timezone, language)
      SELECT 'cus_f' || i, $1, 'F' || i, 'Cliente ' || i, 'c' || i || '@deudor.example', phone, country, timezone, 'es'
      FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS t(i, phone, country, timezone)`,
      [org, people.map((p) => p.i), people.map((p) => `${p.c.phone}${String(p.i).padStart(7, '0')}`), people.map((p) => p.c.country), people.map((p) => p.c.timezone)]);
    await db.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date)
      SELECT id, $1, customer, number, currency, amount, amount, '2026-01-15', due
      FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::date[]) AS t(id, customer, number, currency, amount, due)`,
      [org, invoices.map((x) => x.id), invoices.map((x) => x.customer), invoices.map((x) => x.number), invoices.map((x) => x.currency),
        invoices.map((x) => x.amount), invoices.map((x) => x.due)]);
    await syncCases(db, org, new Date(clock));

    const held: Callback[] = [];
    const callbackPath = `/webhooks/twilio/${encodeURIComponent(org)}/messages`;
    const deliver = async (q: DriverDb, cb: Callback) => {
      const a = await q.deliver(org, clock, cb);
      if (a.status !== 200) workerErrors.push(`webhook refused: ${JSON.stringify(a.body)}`);
    };
    /** Between rounds: webhooks replayed (some twice, some held back for a later round), STOP replies and payments. */
    const between = async (q: DriverDb, last: boolean) => {
      await P.twilio.callbacksDone();
      const batch = [...held.splice(0), ...P.callbacks.splice(0)];
      for (let i = batch.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [batch[i], batch[j]] = [batch[j]!, batch[i]!]; }
      for (const cb of batch) {
        if (!last && chance(0.2)) { held.push(cb); count('webhook_held_back'); continue; }
        await deliver(q, cb);
        if (chance(0.25)) { await deliver(q, cb); count('webhook_duplicated'); }
      }
      if (last) return;
      // STOP from someone Twilio has texted: applied now, so no SMS may reach them from the next round on
      const texted = [...new Set(P.receipts.filter((r) => r.channel === 'sms').map((r) => r.address))];
      if (texted.length && chance(0.5)) {
        const phone = pick(texted);
        const [c] = await q.query<{ id: string }>('SELECT id FROM customers WHERE phone = $1', [phone]);
        await P.twilio.sendIncoming(`${P.publicUrl}${callbackPath}`, { From: phone, To: SMS_FROM, Body: pick(['STOP', 'Stop', 'BAJA']) });
        for (const cb of P.callbacks.splice(0)) { await deliver(q, cb); if (chance(0.3)) await deliver(q, cb); }
        await q.query(`INSERT INTO fault_events (round, kind, customer_id, channel) VALUES ($1, 'opt_out', $2, 'sms')`, [round + 1, c!.id]);
        count('stop_reply');
      }
      // payments arriving: some pay everything they owe, some half
      for (let n = Math.floor(rnd() * 4); n > 0; n--) {
        const [c] = await q.query<{ customer_id: string; currency: string; owed: number }>(
          `SELECT customer_id, min(currency) AS currency, sum(balance)::float8 AS owed FROM invoices WHERE balance > 0
           GROUP BY customer_id ORDER BY customer_id OFFSET $1 LIMIT 1`, [Math.floor(rnd() * customers / 2)]);
        if (!c) break;
        const full = chance(0.6);
        const amount = full ? c.owed : Math.max(1, Math.floor(c.owed / 2));
        const refused = await q.pay(org, { customer_id: c.customer_id, amount, currency: c.currency,
          date: new Date(clock).toISOString().slice(0, 10), reference: `fault ${o.seed}/${round}` });
        if (refused) throw new Error(`payment: ${refused}`);
        await q.query(`INSERT INTO fault_events (round, kind, customer_id, amount) VALUES ($1, $2, $3, $4)`,
          [round + 1, full ? 'paid_in_full' : 'paid_part', c.customer_id, amount]);
        count(full ? 'payment_full' : 'payment_part');
      }
    };

    /** Driver work on the database: its own connection on PostgreSQL; on PGlite (one process per folder) through the worker. */
    const withDb = async (fn: (q: DriverDb) => Promise<void>) => fn(pg ? directDb(db!, P.publicUrl) : workerDb(worker!));
    const url = pg ? (() => { const u = new URL(pg); u.searchParams.set('application_name', app); return u.toString(); })() : undefined;
    const openCommand = () => ({ op: 'open' as const, ...(pg ? { databaseUrl: url!, schema: schema! } : { dataDir: dataDir! }), smtpPort: P.smtpPort,
      twilioUrl: P.twilioUrl, twilioSid: TWILIO_SID, twilioToken: TWILIO_TOKEN, smsFrom: SMS_FROM,
      statusCallbackUrl: `${P.publicUrl}${callbackPath}`, publicUrl: P.publicUrl, timeoutMs: 250, ...(o.restart ? { phases: true } : {}) });
    // the killed worker dies at a random point of its round: in the tick, the gate, mid-send or while recording
    const fresh = async () => { worker = await o.pool.take(); await expect(worker.send(openCommand()), 'opened'); };
    if (!pg) { await db.close(); db = undefined; }
    await fresh();

    const rounds = o.size?.rounds ?? 5 + Math.floor(rnd() * 3);
    for (let r = 1; r <= rounds + 2; r++) {
      const draining = r > rounds;
      if (r > 1) await withDb((q) => between(q, draining));
      round = r;
      P.round = r;
      // the clock: mostly minutes to hours on, sometimes a day (the next steps fall due), sometimes back an hour or three
      if (draining) clock = r === rounds + 1 ? maxClock + 86_400_000 : clock + 10 * 60_000;
      else if (r > 1) {
        const x = rnd();
        if (x < 0.15) { clock -= (1 + Math.floor(rnd() * 3)) * 3_600_000; count('clock_back'); }
        else if (x < 0.35) { clock += 86_400_000; count('clock_forward'); }
        else clock += (5 + Math.floor(rnd() * 120)) * 60_000;
      }
      maxClock = Math.max(maxClock, clock);
      const smtp: SmtpMode = draining ? 'ok' : chance(0.3) ? pick(['refuse', 'storm'] as const) : 'ok';
      const sms: TwilioMode = draining ? 'ok' : chance(0.45) ? pick(['refuse', '5xx', '429', 'slow'] as const) : 'ok';
      await P.setSmtp(smtp);
      await P.setTwilio(sms, 1 + Math.floor(rnd() * 30));
      if (smtp !== 'ok') count(smtp === 'refuse' ? 'smtp_refused' : 'smtp_storm');
      if (sms !== 'ok') count(({ refuse: 'sms_refused', '5xx': 'sms_5xx', '429': 'sms_429', slow: 'sms_slow' } as const)[sms]);
      const w = worker!;
      workerPids.add(w.p.pid!);
      const timers: NodeJS.Timeout[] = [];
      // a restart of the server when the worker reaches this round's phase; no other cut and no kill in that run
      const plan = o.restart && r <= 4 ? { phase: r % 2 === 1 ? 'tick' as const : 'dispatch' as const, mode: r <= 2 ? 'fast' as const : 'immediate' as const } : undefined;
      let restarting: Promise<void> | undefined;
      w.onPhase = (phase) => {
        if (!plan || restarting || phase !== plan.phase) return;
        count(plan.phase === 'tick' ? 'pg_restart_tick' : 'pg_restart_dispatch');
        restarting = o.restart!(plan.mode).then(({ ms }) => { restarts.push({ round: r, ...plan, ms, workerPid: w.p.pid!, roundErrors: 0 }); });
      };
      if (!draining && !o.restart && chance(0.35)) timers.push(setTimeout(() => { w.kill(); count('kill'); }, 5 + Math.floor(rnd() * 2500)));
      if (!draining && pg && !o.restart && chance(0.25)) {
        timers.push(setTimeout(() => {
          void db!.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [app]).then(() => count('pg_terminate'), () => {});
        }, 5 + Math.floor(rnd() * 2000)));
      }
      const a = await w.send({ op: 'round', now: new Date(clock).toISOString() });
      for (const t of timers) clearTimeout(t);
      await restarting;
      w.onPhase = undefined;
      if (a?.error) throw new Error(`worker round: ${a.error}`);
      lastRoundErrors = (a?.['errors'] as string[] | undefined) ?? [];
      if (restarting) restarts[restarts.length - 1]!.roundErrors = lastRoundErrors.length;
      if (a) workerErrors.push(...lastRoundErrors);
      if (!a) {
        const exit = await w.exited;
        if (!w.killed) workerErrors.push(`worker died (${exit.code ?? exit.signal}): ${w.stderr.slice(-600)}`);
        await new Promise((res) => setTimeout(res, 30));
        await fresh();
      }
    }
    await withDb((q) => between(q, true));
    await expect(worker!.send({ op: 'close' }), 'closed');
    o.pool.give(worker!);
    worker = undefined;

    if (!pg) db = await open();
    const q = db!;
    for (const r of P.receipts) {
      await q.query('INSERT INTO fault_receipts (round, channel, key, address) VALUES ($1, $2, $3, $4)', [r.round, r.channel, r.key, r.address]);
    }
    violations = [...await checkRun(q, org, new Date(clock)), ...(o.restart ? recovery(restarts, [...workerPids], lastRoundErrors, P.receipts) : [])];

    const statuses = Object.fromEntries((await q.query<{ k: string; n: number }>(
      `SELECT channel || ' ' || status AS k, count(*)::int AS n FROM messages GROUP BY 1 ORDER BY 1`)).map((x) => [x.k, x.n]));
    return {
      seed: o.seed, violations, faults, customers, rounds: round, statuses, workerErrors, restarts, workerPids: [...workerPids], lastRoundErrors,
      received: { email: P.receipts.filter((x) => x.channel === 'email').length, sms: P.receipts.filter((x) => x.channel === 'sms').length },
      ms: Math.round(performance.now() - started), where,
    };
  } finally {
    if (worker) worker.kill();
    if (db) await db.close();
  }
}

/** After restarts of the server: the one worker process carried on (reconnecting by itself), its last round had no error,
 * and providers received messages it sent after the first restart. */
function recovery(restarts: Restart[], pids: number[], lastErrors: string[], receipts: { round: number }[]): Violation[] {
  const out: Violation[] = [];
  if (restarts.length === 0) out.push({ invariant: 'no restart made', detail: 'the worker reached neither the tick nor the dispatch in the restart rounds' });
  if (pids.length !== 1) out.push({ invariant: 'worker replaced after a restart', detail: `${pids.length} worker processes ran the rounds` });
  for (const e of lastErrors.slice(0, 3)) out.push({ invariant: 'errors after the restarts', detail: e });
  const first = restarts[0]?.round ?? Infinity;
  if (restarts.length && !receipts.some((r) => r.round > first)) out.push({ invariant: 'nothing sent after a restart', detail: `no message received after round ${first}` });
  return out;
}

/** What the driver does to the database between rounds. */
interface DriverDb {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  deliver(org: string, now: number, cb: Callback): Promise<{ status: number; body: unknown }>;
  /** Records a payment; the refusal's message, or null. */
  pay(org: string, p: NewPayment): Promise<string | null>;
}

function directDb(db: Db, publicUrl: string): DriverDb {
  return {
    query: (sql, params = []) => db.query(sql, params),
    deliver: (org, now, cb) => receiveMessagingWebhook({ db, now: () => new Date(now), publicUrl }, 'twilio', 'messages', org,
      { method: 'POST', path: cb.path, headers: cb.headers, body: cb.body }),
    pay: async (org, p) => { const r = await db.transaction((tx) => recordPayment(tx, org, 'faults', p)); return r.ok ? null : r.error.message; },
  };
}

function workerDb(w: Worker): DriverDb {
  const ask = async (c: DriverCommand) => {
    const a = await w.send(c);
    if (!a || a.error) throw new Error(`the worker did not do ${c.op}: ${a?.error ?? 'it is gone'}`);
    return a;
  };
  return {
    query: async <T>(sql: string, params: unknown[] = []) => (await ask({ op: 'query', sql, params })).rows as T[],
    deliver: async (org, now, cb) => {
      const a = await ask({ op: 'webhook', org, now: new Date(now).toISOString(), path: cb.path, headers: cb.headers, body: cb.body.toString('base64') });
      return { status: a['status'] as number, body: a['body'] };
    },
    pay: async (org, payment) => { const a = await ask({ op: 'pay', org, payment }); return a['paid'] ? null : String(a['refused']); },
  };
}

/** Every table emptied but the record of migrations and the installation's secrets (processes cache them, as a real
 * installation keeps them): a fresh database without running the migrations again (rows deleted with triggers and
 * foreign keys off, far quicker than TRUNCATE on a busy machine). */
export async function emptyDatabase(db: Db): Promise<void> {
  const tables = await db.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema()
    AND tablename NOT IN ('schema_migrations', 'secrets')`);
  await db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    for (const { t } of tables) await tx.query(`DELETE FROM "${t}"`);
  });
}

async function expect(p: Promise<Record<string, unknown> | null>, key: string): Promise<void> {
  const a = await p;
  if (!a || !a[key]) throw new Error(`the worker did not answer ${key}: ${JSON.stringify(a)}`);
}
