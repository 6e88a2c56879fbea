// Graceful shutdown: SIGTERM stops every role with exit 0 and its database closed; a worker stops claiming and finishes
// the sends it holds; the API finishes the requests in flight and takes no new one. The roles run as `cobro serve` would:
// the command's bundle (test/support/cli.ts; bin/cobro.js is its two lines through tsx, run by test/cli.test.ts) on a
// PGlite folder laid migrated (test/support/pglite-folder.ts), so a start-up is not tsx loading modules nor migrations.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../src/db/index.ts';
import { loadConfig } from '../src/config.ts';
import { buildServer } from '../src/api/index.ts';
import { syncCases } from '../src/engine/index.ts';
import { sandboxAdapters, startWorker } from '../src/worker/index.ts';
import type { ChannelAdapter } from '../src/channels/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { childNodeFlags, cobroCli } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

const NOW = new Date('2026-03-10T17:00:00Z'); // Tuesday, 11:00 in Mexico City
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let db: Db;
let org = '';
before(async () => { db = await testDb(); org = await testOrg(db, 'Shutdown'); });
after(async () => { await db.close(); });

async function dueCustomers(prefix: string, n: number): Promise<void> {
  await db.query(`INSERT INTO customers (id, org_id, external_id, name, email, country, timezone, language)
    SELECT 'cus_${prefix}' || g, $1, '${prefix}' || g, 'Cliente ' || g, '${prefix}' || g || '@cliente.example', 'MX', 'America/Mexico_City', 'es'
    FROM generate_series(1, $2::int) g`, [org, n]);
  await db.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date)
    SELECT 'inv_${prefix}' || g, $1, 'cus_${prefix}' || g, '${prefix}-' || g, 'MXN', 50000, 50000, '2026-02-05', '2026-03-07' FROM generate_series(1, $2::int) g`, [org, n]);
  await syncCases(db, org, NOW);
}

describe('a worker told to stop', () => {
  it('finishes the sends it holds, records them, and claims no further batch', { timeout: 60_000 }, async () => {
    await dueCustomers('sd', 700);
    const base = sandboxAdapters();
    let started = 0;
    let finished = 0;
    const email: ChannelAdapter = Object.assign(Object.create(base.email) as ChannelAdapter, {
      send: async (...args: Parameters<ChannelAdapter['send']>) => { started++; await sleep(300); const r = await base.email.send(...args); finished++; return r; },
    });
    const stop = startWorker({ db, now: () => NOW, intervalMs: 100, messaging: { adapters: { ...base, email }, publicUrl: 'https://cobro.example' },
      log: { info: () => {}, error: (e: object) => { throw Object.assign(new Error('worker step failed'), e); } } });
    for (let i = 0; i < 600 && started === 0; i++) await sleep(50);
    assert.ok(started > 0, 'a send began');
    await stop();
    assert.equal(finished, started, `every send begun was finished before stop returned (${finished} of ${started})`);
    const states = await db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM messages WHERE org_id = $1 AND channel = 'email' GROUP BY status`, [org]);
    assert.ok(!states.some((s) => s.status === 'sending'), `nothing is left half-sent: ${JSON.stringify(states)}`);
    assert.equal(states.find((s) => s.status === 'sent' || s.status === 'delivered')?.n, finished, 'each finished send is recorded');
    assert.ok((states.find((s) => s.status === 'queued')?.n ?? 0) > 0, `it stopped claiming before the backlog was done: ${JSON.stringify(states)}`);
    const before = started;
    await dueCustomers('sl', 3);
    await sleep(1500);
    assert.equal(started, before, 'a stopped worker starts no new round');
  });
});

describe('the API told to stop', () => {
  it('answers the request in flight, then takes no new connection', { timeout: 30_000 }, async () => {
    const app = await buildServer({ db, now: () => NOW });
    let entered: () => void = () => {};
    const inHandler = new Promise<void>((resolve) => { entered = resolve; });
    app.get('/test/slow', { config: { public: true } }, async () => { entered(); await sleep(400); return { done: true }; });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`${address}/test/slow`);
    await inHandler;
    const closing = app.close();
    const r = await inFlight;
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { done: true });
    await closing;
    const port = Number(new URL(address).port);
    const refused = await new Promise<string>((resolve) => {
      const sock = connect(port, '127.0.0.1', () => { sock.destroy(); resolve('connected'); });
      sock.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    assert.equal(refused, 'ECONNREFUSED', 'no new connection after close');
  });
});

interface Running { code: Promise<number | null>; out: () => string; kill(): void }

function serve(bin: string, role: string, env: Record<string, string>): Running {
  const p = spawn(process.execPath, [...childNodeFlags, bin, 'serve', '--role', role, '--port', '0'], {
    env: { ...process.env, COBRO_DEMO: '0', LOG_LEVEL: 'warn', COBRO_WORKER_INTERVAL: '1', COBRO_OPS_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  p.stderr.on('data', (c: Buffer) => { out += c.toString(); });
  return { code: new Promise((resolve) => p.on('exit', (c) => resolve(c))), out: () => out, kill: () => p.kill('SIGTERM') };
}

async function waitFor(r: Running, re: RegExp, ms = 120_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = re.exec(r.out());
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`no ${re} in: ${r.out().slice(-2000)}`);
    await sleep(100);
  }
}

describe('cobro serve --role api|worker|all, on SIGTERM', () => {
  it('each role answers /health, then stops with exit 0 and its database closed', { timeout: 240_000 }, async () => {
    const { databaseUrl } = loadConfig();
    const [{ schema } = { schema: '' }] = await db.query<{ schema: string }>('SELECT current_schema() AS schema');
    // one data folder (or schema) for the three in turn: each must have released it for the next to open it
    const dir = databaseUrl ? null : await pgliteFolder(mkdtempSync(join(tmpdir(), 'cobro-serve-')));
    const bin = await cobroCli();
    const env: Record<string, string> = dir ? { DATABASE_URL: '', COBRO_DATA_DIR: dir } : (() => {
      const url = new URL(databaseUrl!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return { DATABASE_URL: url.toString() };
    })();
    try {
      for (const role of ['api', 'worker', 'all'] as const) {
        const r = serve(bin, role, env);
        const url = role === 'worker' ? (await waitFor(r, /metrics: (http:\/\/\S+)\/health/))[1] : (await waitFor(r, /cobro is running at (http:\/\/\S+)/))[1];
        assert.equal((await fetch(`${url}/health`, { headers: { connection: 'close' } })).status, 200, `${role} is healthy`);
        if (role === 'worker') {
          assert.equal((await fetch(`${url}/metrics`, { headers: { connection: 'close' } })).status, 200, 'the worker serves its metrics on the ops port');
          assert.doesNotMatch(r.out(), /cobro is running at/, 'the worker serves no API');
        }
        if (role === 'api') assert.match(r.out(), /API only/);
        r.kill();
        assert.equal(await r.code, 0, `${role} exits 0: ${r.out().slice(-2000)}`);
        assert.match(r.out(), /SIGTERM: stopping/);
        if (dir) assert.equal(existsSync(join(dir, 'cobro.lock')), false, `${role} released its data folder`);
      }
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });
});
