// One import bench run in its own process: generate the CSV, (PostgreSQL) time COPY as the baseline, time importCsv, report.
// Usage: node --import tsx bench/import.bench.ts --db postgres|pglite [--rows N] [--copy-rps X]
import { parseArgs } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { importCsv } from '../src/ledger/index.ts';
import { writeInvoiceCsv } from './invoiceCsv.ts';
import { copyIntoBareTable, copyIntoLedger } from './copyBaseline.ts';
import { timedDb } from './timedDb.ts';

export const GOALS = { ratio: 0.5, peakRssMb: 300 };
const DEFAULT_URL = 'postgres://root@127.0.0.1:5432/test';

export interface BenchResult {
  db: 'postgres' | 'pglite'; rows: number; seconds: number; rowsPerSecond: number;
  copyRowsPerSecond: number | null; ratio: number | null; peakRssMb: number;
}

const { values } = parseArgs({ options: { db: { type: 'string' }, rows: { type: 'string', default: '1000000' }, 'copy-rps': { type: 'string' },
  'data-dir': { type: 'string' }, prepare: { type: 'boolean' } } });

// PGlite's first open runs initdb, which alone peaks near 800 MB: run.ts does it in a process of its own first, so
// that the measured process opens an existing folder as `npm start` does on every start after the first.
if (values.prepare) {
  if (!values['data-dir']) throw new Error('--prepare needs --data-dir');
  await (await openDb({ dataDir: values['data-dir'] })).close();
  process.exit(0);
}
const kind = values.db;
if (kind !== 'postgres' && kind !== 'pglite') throw new Error('--db must be postgres or pglite');
const rows = Number(values.rows);
if (!Number.isSafeInteger(rows) || rows < 1) throw new Error('--rows must be a positive integer');

function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

const perSecond = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : String(Math.round(n)));

/** Times importCsv of `file` into a fresh org of `db`; throws unless every row was inserted. */
async function timeImport(raw: Db, file: string): Promise<number> {
  const org = await createOrg(raw, { name: 'bench' });
  const { db, times } = timedDb(raw);
  const openRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  const started = performance.now();
  const report = await importCsv(db, org.id, 'invoices', createReadStream(file));
  const seconds = (performance.now() - started) / 1000;
  if (report.status !== 'completed' || report.inserted !== rows) {
    throw new Error(`import ${report.status}: ${report.inserted} inserted, first errors ${JSON.stringify(report.errors.slice(0, 3))}`);
  }
  const jsMs = seconds * 1000 - times.copyMs - times.queryMs;
  console.log(`  breakdown ${kind}: stage COPY ${(times.copyMs / 1000).toFixed(1)} s in ${times.copies} batches; `
    + `SQL ${(times.queryMs / 1000).toFixed(1)} s in ${times.queries} statements; JS (read, parse, validate, encode) ${(jsMs / 1000).toFixed(1)} s`);
  for (const s of times.slowest) console.log(`    ${(s.ms / 1000).toFixed(2)} s  ${s.sql}`);
  console.log(`  memory: ${openRssMb} MB resident with the database open before the import (Node, modules${kind === 'pglite' ? ' and the embedded PostgreSQL' : ''}); peak ${peakRssMb()} MB after it`);
  return seconds;
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
}

async function benchPostgres(file: string, dir: string): Promise<{ seconds: number; copyRps: number }> {
  const url = loadConfig().databaseUrl ?? DEFAULT_URL;
  const base = `bench_${process.pid}_${Date.now()}`;
  const copySchema = `${base}_copy`;
  const importSchema = `${base}_import`;
  try {
    const copyDb = await openDb({ databaseUrl: url, schema: copySchema });
    await copyDb.close();
    const copy = await copyIntoLedger(url, copySchema, file, join(dir, 'invoices-as-stored.csv'));
    if (copy.rows !== rows) throw new Error(`COPY loaded ${copy.rows} rows, expected ${rows}`);
    const bare = await copyIntoBareTable(url, copySchema, file);
    console.log(`  COPY into cobro's invoices table: ${rows} rows in ${copy.seconds.toFixed(1)} s = ${perSecond(rows / copy.seconds)} rows/s`);
    console.log(`  COPY into a bare table with only a primary key (reference): ${bare.seconds.toFixed(1)} s = ${perSecond(rows / bare.seconds)} rows/s`);
    await dropSchema(url, copySchema);
    const db = await openDb({ databaseUrl: url, schema: importSchema });
    try {
      const seconds = await timeImport(db, file);
      console.log(`  against the bare-table COPY the ratio would be ${((rows / seconds) / (rows / bare.seconds)).toFixed(2)}`);
      return { seconds, copyRps: rows / copy.seconds };
    } finally {
      await db.close();
    }
  } finally {
    await dropSchema(url, copySchema);
    await dropSchema(url, importSchema);
  }
}

async function benchPglite(file: string, dir: string): Promise<number> {
  const db = await openDb({ dataDir: values['data-dir'] ?? join(dir, 'pglite') });
  try { return await timeImport(db, file); } finally { await db.close(); }
}

const dir = mkdtempSync(join(tmpdir(), 'cobro-bench-'));
try {
  const file = join(dir, 'invoices.csv');
  const bytes = await writeInvoiceCsv(file, rows);
  console.log(`  generated ${rows} invoices (${(bytes / 2 ** 20).toFixed(0)} MB) in ${file}`);
  let seconds: number;
  let copyRps: number | null = values['copy-rps'] ? Number(values['copy-rps']) : null;
  if (kind === 'postgres') ({ seconds, copyRps } = await benchPostgres(file, dir));
  else seconds = await benchPglite(file, dir);
  const rps = rows / seconds;
  const ratio = copyRps ? rps / copyRps : null;
  const result: BenchResult = { db: kind, rows, seconds, rowsPerSecond: rps, copyRowsPerSecond: copyRps, ratio, peakRssMb: peakRssMb() };
  const copyText = copyRps ? `COPY ${perSecond(copyRps)} rows/s${kind === 'pglite' ? ' (PostgreSQL)' : ''}; ratio ${ratio!.toFixed(2)}` : 'COPY n/a; ratio n/a';
  console.log(`import ${kind}: ${rows} rows in ${seconds.toFixed(1)} s = ${perSecond(rps)} rows/s; ${copyText} (goal >= ${GOALS.ratio}); `
    + `peak RSS ${result.peakRssMb} MB (goal < ${GOALS.peakRssMb})`);
  if (process.send) process.send(result, () => process.disconnect());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
