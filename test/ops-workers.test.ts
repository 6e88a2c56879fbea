// Several workers against one database plan every due case once and send every message once: on PostgreSQL two
// `--role worker` processes, on PGlite (one process per data folder) two worker loops on the one database.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Db } from '../src/db/index.ts';
import { loadConfig } from '../src/config.ts';
import { messageIdFor, smtpAdapter } from '../src/channels/index.ts';
import { syncCases } from '../src/engine/index.ts';
import { sandboxAdapters, startWorker } from '../src/worker/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { readMail, smtpSink, type SmtpSink } from './support/providers/smtp.ts';
import type { WorkerChildArgs } from './support/worker-child.ts';
import { bundledScript, childNodeFlags } from './support/cli.ts';

const CUSTOMERS = 60;
const NOW = new Date('2026-03-10T17:00:00Z'); // Tuesday, 11:00 in Mexico City
const CHILD = fileURLToPath(new URL('./support/worker-child.ts', import.meta.url));

let db: Db;
let org = '';
let sink: SmtpSink;
before(async () => {
  db = await testDb();
  org = await testOrg(db, 'Two workers');
  await db.query(
    `INSERT INTO customers (id, org_id, external_id, name, email, country, timezone, language)
     SELECT 'cus_w' || g, $1, 'W' || g, 'Cliente ' || g, 'cuentas' || g || '@cliente.example', 'MX', 'America/Mexico_City', 'es'
     FROM generate_series(1, $2::int) g`, [org, CUSTOMERS]);
  await db.query(
    `INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date)
     SELECT 'inv_w' || g, $1, 'cus_w' || g, 'F-' || g, 'MXN', 100000 + g, 100000 + g, '2026-02-05', '2026-03-07' FROM generate_series(1, $2::int) g`, [org, CUSTOMERS]);
  await syncCases(db, org, NOW);
  sink = await smtpSink({}, { headersOnly: true });
});
after(async () => { await sink.close(); await db.close(); });

/**
 * Waits until no case is due and no message is waiting or in flight, and the figures have held still for a second. It
 * fails when the figures (and the workers' start-up lines) stop moving for `stallMs` with work left (a stuck worker), not
 * when busy workers are merely slow: at load ~29 two worker processes still had 42 messages waiting after a fixed minute
 * (a verify run of 1e23863), and a worker process took over a minute from its start to its first planned case.
 */
async function settled(stallMs = 120_000, started: () => string = () => ''): Promise<void> {
  let movedAt = Date.now();
  let last = '';
  for (;;) {
    const [s] = await db.query<{ due: number; waiting: number; done: number }>(
      `SELECT (SELECT count(*)::int FROM cases WHERE org_id = $1 AND status = 'open' AND next_action_at <= $2) AS due,
         (SELECT count(*)::int FROM messages WHERE org_id = $1 AND (status = 'sending' OR (status IN ('queued', 'deferred') AND next_attempt_at <= $2))) AS waiting,
         (SELECT count(*)::int FROM messages WHERE org_id = $1) AS done`, [org, NOW]);
    const now = JSON.stringify([s, sink.messages.length, started()]);
    if (s && s.due === 0 && s.waiting === 0 && s.done > 0 && now === last) return;
    if (now !== last) movedAt = Date.now();
    else if (Date.now() - movedAt > stallMs) throw new Error(`the workers stopped with work left: ${now}`);
    last = now;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A worker process (the child script bundled, test/support/cli.ts, so its start-up is not tsx loading modules). */
function startChild(script: string, args: WorkerChildArgs): { p: ChildProcess; out: () => string; exit: Promise<number | null> } {
  const p = spawn(process.execPath, [...childNodeFlags, script, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  p.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  return { p, out: () => out, exit: new Promise((resolve) => p.on('exit', (code) => resolve(code))) };
}

async function twoWorkers(): Promise<string> {
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) {
    const email = smtpAdapter({ host: '127.0.0.1', port: sink.port, from: 'Cobranza <cobranza@luna.example>', maxConnections: 2 });
    const o = { db, now: () => NOW, intervalMs: 200, messaging: { adapters: { ...sandboxAdapters(), email }, publicUrl: 'https://cobro.example' },
      log: { info: () => {}, error: (e: object) => { throw Object.assign(new Error('worker step failed'), e); } } };
    const stops = [startWorker(o), startWorker(o)];
    try { await settled(); } finally { await Promise.all(stops.map((stop) => stop())); email.close(); }
    return 'two worker loops on one PGlite database';
  }
  const [{ schema } = { schema: '' }] = await db.query<{ schema: string }>('SELECT current_schema() AS schema');
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const script = await bundledScript('worker-child', CHILD);
  const children = [1, 2].map(() => startChild(script, { databaseUrl: url.toString(), smtpPort: sink.port, now: NOW.toISOString() }));
  try {
    await settled(undefined, () => children.map((c) => c.out().length).join());
  } catch (e) {
    // what the workers printed (a child that died at start-up leaves every case due)
    const said = children.map((c, i) => `worker ${i + 1} (exit ${c.p.exitCode}): ${c.out().slice(-1500)}`).join('\n');
    throw new Error(`${(e as Error).message}\n${said}`);
  } finally {
    for (const c of children) c.p.kill('SIGTERM');
  }
  const codes = await Promise.all(children.map((c) => c.exit));
  children.forEach((c, i) => {
    assert.equal(codes[i], 0, `worker ${i + 1} stopped cleanly on SIGTERM: ${c.out().slice(-2000)}`);
    assert.match(c.out(), /stopped/);
  });
  return 'two worker processes on one PostgreSQL schema';
}

it(`two workers plan each of ${CUSTOMERS} due cases once and send each message once`, { timeout: 600_000 }, async (t) => {
  const how = await twoWorkers();
  const actions = await db.query<{ case_id: string; n: number; keys: number }>(
    `SELECT case_id, count(*)::int AS n, count(DISTINCT idempotency_key)::int AS keys FROM actions WHERE org_id = $1 GROUP BY case_id`, [org]);
  assert.equal(actions.length, CUSTOMERS, 'every case was planned');
  const per = new Set(actions.map((a) => a.n));
  assert.equal(per.size, 1, `every case has the same actions, none twice: ${JSON.stringify([...per])}`);
  assert.ok(actions.every((a) => a.keys === a.n));
  const rows = await db.query<{ id: string; status: string; allowed: number }>(
    `SELECT m.id, m.status, (SELECT count(*)::int FROM gate_decisions g WHERE g.action_id = m.action_id AND g.channel = m.channel AND g.decision = 'allow') AS allowed
     FROM messages m WHERE m.org_id = $1 AND m.channel = 'email'`, [org]);
  const sent = rows.filter((r) => r.status === 'sent' || r.status === 'delivered');
  assert.ok(sent.length >= CUSTOMERS, `every customer got its email (${sent.length} of ${rows.length}: ${JSON.stringify(rows.filter((r) => !sent.includes(r)).slice(0, 3))})`);
  const received = new Map<string, number>();
  for (const m of sink.messages) {
    const id = readMail(m.raw).headers.get('message-id') ?? '';
    received.set(id, (received.get(id) ?? 0) + 1);
  }
  assert.deepEqual([...received].filter(([, n]) => n > 1), [], 'no email reached the sink twice');
  assert.equal(sink.messages.length, sent.length, 'the sink got exactly the emails recorded as sent');
  for (const r of sent) {
    assert.equal(received.get(messageIdFor(r.id, 'luna.example')), 1, `${r.id} reached the sink once`);
    assert.equal(r.allowed, 1, `${r.id} was allowed by the gate once`);
  }
  t.diagnostic(`${how}: ${actions.reduce((s, a) => s + a.n, 0)} actions, ${sent.length} emails sent once each`);
});
