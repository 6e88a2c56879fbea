// The reconciliation bench on PostgreSQL: 1,000,000 open invoices and 100,000 noisy statement lines loaded with COPY, then
// matched; precision of the applied matches, the automatic match rate, lines/s against a plain SQL hash join on exact reference.
// Usage: node --import tsx bench/reconcile.bench.ts [--invoices N] [--lines N] [--quick] [--batch N] [--match-only]
// (--match-only: the matching figures without booking, for a full-size run on a busy machine; --schema NAME: load into that
// schema and keep it, or reuse it as loaded when it holds the bench's statement, for timing matching again with --match-only)
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { syncCases } from '../src/engine/index.ts';
import { previewMatches, reconcileLines, referenceKeyFilter, syncMatchTables } from '../src/reconciliation/index.ts';
import { normaliseAccount } from '../src/reconciliation/match/text.ts';
import { matchSnapshot } from '../src/reconciliation/snapshot.ts';
import { timedDb, type DbTimes } from './timedDb.ts';
import { wallParts } from './cpu.ts';
import { BenchData, type BenchLine, type LineKind, type Truth } from './reconcileData.ts';

export const RECONCILE_GOALS = { precision: 0.995, ratio: 0.2 };
export interface ReconcileBenchResult {
  invoices: number; lines: number; indexSeconds: number; joinLinesPerSecond: number; joinMatched: number;
  previewLinesPerSecond: number; previewRatio: number; linesPerSecond: number; ratio: number;
  applied: number; precision: number; autoRate: number; review: number; peakRssMb: number;
  /** Reconciling minus matching only, per applied line: what booking (and queueing) costs. */
  bookingMsPerLine: number;
}

const { values } = parseArgs({ options: { invoices: { type: 'string' }, lines: { type: 'string' }, quick: { type: 'boolean' },
  batch: { type: 'string' }, 'match-only': { type: 'boolean' }, schema: { type: 'string' } } });
const invoices = Number(values.invoices ?? (values.quick ? 100_000 : 1_000_000));
const lineCount = Number(values.lines ?? Math.round(invoices / 10));
const peakRssMb = () => Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024);
const NOW = new Date('2026-03-02T12:00:00Z');
const seconds = (start: number) => (performance.now() - start) / 1000;
const csv = (cells: (string | number | null)[]) => cells.map((c) => (c === null ? '' : `"${String(c).replace(/"/g, '""')}"`)).join(',');

async function copyRows(db: Db, table: string, columns: string[], rows: Iterable<(string | number | null)[]>): Promise<number> {
  let chunk: string[] = [];
  let n = 0;
  for (const r of rows) {
    chunk.push(csv(r));
    if (chunk.length === 50_000) { await db.copyCsv(table, columns, `${chunk.join('\n')}\n`); n += chunk.length; chunk = []; }
  }
  if (chunk.length) await db.copyCsv(table, columns, `${chunk.join('\n')}\n`);
  return n + chunk.length;
}

/** Customers, invoices, learned payer accounts and one statement with its lines, all with COPY; returns the lines' truth. */
async function load(db: Db, org: string, data: BenchData): Promise<Map<string, BenchLine>> {
  await copyRows(db, 'customers', ['id', 'org_id', 'external_id', 'name'], (function* () {
    for (let i = 0; i < data.customers; i++) yield [`cus_b${i}`, org, `B${i}`, data.customerName(i)];
  })());
  await copyRows(db, 'invoices', ['id', 'org_id', 'customer_id', 'number', 'currency', 'amount', 'balance', 'issue_date', 'due_date'], (function* () {
    for (let k = 0; k < data.invoices; k++) {
      const v = data.invoice(k);
      yield [v.id, org, `cus_b${v.customer}`, v.number, 'EUR', v.amount, v.amount, '2025-01-01', v.due];
    }
  })());
  await copyRows(db, 'payer_aliases', ['org_id', 'kind', 'value', 'customer_id', 'matches'], (function* () {
    for (let i = 0; i < data.customers; i += 3) yield [org, 'account', normaliseAccount(data.account(i)), `cus_b${i}`, 1 + (i % 4)];
  })());
  await db.query(`INSERT INTO statements (id, org_id, format, account, currency, file_sha256, line_count, new_lines)
    VALUES ('stm_bench', $1, 'camt.053', 'DE89370400440532013000', 'EUR', 'bench', $2, $2)`, [org, data.lines]);
  const truth = new Map<string, BenchLine>();
  await copyRows(db, 'statement_lines', ['id', 'org_id', 'statement_id', 'position', 'fingerprint', 'account', 'booking_date', 'amount',
    'currency', 'direction', 'counterparty_name', 'counterparty_account', 'remittance_text', 'structured_reference', 'match_state'], (function* () {
    let p = 0;
    for (const l of data.statement()) {
      truth.set(l.id, l);
      yield [l.id, org, 'stm_bench', ++p, `fp-${l.id}`, 'DE89370400440532013000', l.date, l.amount, 'EUR', 'credit', l.name, l.account,
        l.text, l.structured, 'unmatched'];
    }
  })());
  await db.exec('ANALYZE customers; ANALYZE invoices; ANALYZE payer_aliases; ANALYZE statement_lines');
  return truth;
}

/** The yardstick: lines whose reference is exactly an invoice number, joined to the invoices by a hash join. */
async function hashJoin(db: Db, org: string): Promise<{ perSecond: number; matched: number }> {
  const times: number[] = [];
  let matched = 0;
  for (let run = 0; run < 3; run++) {
    const t = performance.now();
    const rows = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_nestloop = off');
      await tx.query('SET LOCAL enable_mergejoin = off');
      return tx.query<{ line: string; invoice: string }>(`SELECT l.id AS line, i.id AS invoice FROM statement_lines l
        JOIN invoices i ON i.org_id = l.org_id AND i.number = COALESCE(l.structured_reference, l.remittance_text)
        WHERE l.org_id = $1 AND l.statement_id = 'stm_bench' AND i.balance > 0`, [org]);
    });
    times.push(seconds(t));
    matched = rows.length;
  }
  times.sort((a, b) => a - b);
  return { perSecond: lineCount / times[1]!, matched };
}

/** Where a phase's time went: waiting on SQL (the heaviest statements by kind) and the rest in JS. */
function sqlShare(label: string, seconds: number, t: DbTimes): void {
  const top = [...t.bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, 5)
    .map(([sql, k]) => `${(k.ms / 1000).toFixed(1)} s in ${k.n} x "${sql.slice(0, 50)}"`);
  console.log(`  ${label}: ${(t.queryMs / 1000).toFixed(1)} of ${seconds.toFixed(1)} s waiting on ${t.queries} statements; ${top.join('; ')}`);
}

const same = (allocated: string[], t: Truth | null, customer: string | null) =>
  t !== null && customer === t.customer && allocated.length === t.invoices.length && allocated.every((id) => t.invoices.includes(id));

const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
const kept = values.schema;
const schema = kept ?? `bench_rec_${randomBytes(3).toString('hex')}`;
const db = await openDb({ databaseUrl, schema });
try {
  const [loaded] = kept ? await db.query<{ org_id: string }>(`SELECT org_id FROM statements WHERE id = 'stm_bench'`) : [];
  const org = loaded?.org_id ?? (await createOrg(db, { name: 'Reconciliation bench', country: 'DE' })).id;
  const data = new BenchData(invoices, lineCount);
  let t = performance.now();
  const truth = loaded ? new Map([...data.statement()].map((l) => [l.id, l])) : await load(db, org, data);
  console.log(`${loaded ? 'reused' : 'loaded'} ${data.customers} customers, ${invoices} open invoices and ${truth.size} statement lines in ${seconds(t).toFixed(1)} s`);
  const kinds = new Map<LineKind, number>();
  for (const l of truth.values()) kinds.set(l.kind, (kinds.get(l.kind) ?? 0) + 1);
  console.log(`  lines: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  // the org's cases exist before its statement comes, as the worker keeps them: a match re-plans a case, it does not open one
  t = performance.now();
  const cases = loaded ? 'kept' : await syncCases(db, org, NOW);
  if (!loaded) await db.exec('ANALYZE cases');
  console.log(`cases opened for the overdue customers in ${seconds(t).toFixed(1)} s: ${JSON.stringify(cases)}`);
  t = performance.now();
  const sync = await syncMatchTables(db, org);
  const syncSeconds = seconds(t);
  for (const table of ['invoice_match_keys', 'customer_match_words', 'customer_match_names']) await db.query(`VACUUM ANALYZE ${table}`);
  t = performance.now();
  // a process keeps the filter of reference keys once read (a server or worker reads it at its first statement); read
  // after ANALYZE, as on a live table (read before it, on the freshly loaded table, it took longer than building the tables)
  await referenceKeyFilter(db, org);
  const filterSeconds = seconds(t);
  // likewise the in-memory copy of open invoices, customers' names and payers: read at a process's first statement, caught up after
  t = performance.now();
  // up to SNAPSHOT_MAX_OPEN open invoices (a million: the whole-size org) the lookups are answered by the copy; over it, by SQL
  const snap = await matchSnapshot(db, org);
  const snapSeconds = seconds(t);
  const indexSeconds = syncSeconds + filterSeconds + snapSeconds;
  console.log(`lookup tables built once in ${syncSeconds.toFixed(1)} s: ${JSON.stringify(sync)}; filter of reference keys read in ${filterSeconds.toFixed(1)} s; `
    + `${snap ? `in-memory copy (${snap.invoices.size} open invoices, ${snap.customers.size} customers) read in` : 'no in-memory copy (over its limit of open invoices: lookups in SQL), checked in'}`
    + ` ${snapSeconds.toFixed(1)} s, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
  const join = await hashJoin(db, org);
  console.log(`plain SQL hash join on exact reference: ${Math.round(join.perSecond)} lines/s, ${join.matched} lines matched (${(100 * join.matched / lineCount).toFixed(1)}%)`);
  const ids = [...truth.keys()];
  const batchSize = values.batch ? Number(values.batch) : undefined;
  t = performance.now();
  let wouldApply = 0;
  let wouldRight = 0;
  const previewDb = timedDb(db);
  const wall = wallParts();
  await previewMatches(previewDb.db, org, ids, (p) => {
    if (!p.would_apply || !p.proposal) return;
    wouldApply += 1;
    if (same(p.proposal.allocations.map((a) => a.invoiceId), truth.get(p.line_id)?.truth ?? null, p.proposal.customerId)) wouldRight += 1;
  }, batchSize ? { batchSize } : {});
  const previewSeconds = seconds(t);
  const previewRps = lineCount / previewSeconds;
  console.log(`matching only (lookups and proposals, nothing written): ${previewSeconds.toFixed(1)} s = ${Math.round(previewRps)} lines/s; `
    + `ratio ${(previewRps / join.perSecond).toFixed(3)}; would apply ${wouldApply}, precision ${(wouldRight / Math.max(1, wouldApply)).toFixed(4)}`);
  sqlShare('matching', previewSeconds, previewDb.times);
  console.log(`  matching's wall time: ${await wall.stop(previewSeconds)}`);
  if (values['match-only']) {
    console.log(`reconcile (matching only): precision of would-apply ${(100 * wouldRight / Math.max(1, wouldApply)).toFixed(2)}%; would apply `
      + `${(100 * wouldApply / lineCount).toFixed(1)}% of all lines; ${Math.round(previewRps)} lines/s, ratio to the hash join `
      + `${(previewRps / join.perSecond).toFixed(3)} (goal >= ${RECONCILE_GOALS.ratio}); peak RSS ${peakRssMb()} MB`);
  } else {
    t = performance.now();
    const runDb = timedDb(db);
    const summary = await reconcileLines(runDb.db, org, ids, { actor: 'bench', now: () => NOW, ...(batchSize ? { batchSize } : {}) });
    const runSeconds = seconds(t);
    sqlShare('reconciling', runSeconds, runDb.times);
    const applied = await db.query<{ line_id: string; customer_id: string | null; allocations: { invoice_id: string }[] }>(
      `SELECT line_id, customer_id, allocations FROM match_proposals WHERE org_id = $1 AND status = 'applied'`, [org]);
    const wrong = new Map<LineKind, number>();
    let right = 0;
    for (const a of applied) {
      const line = truth.get(a.line_id);
      if (same(a.allocations.map((x) => x.invoice_id), line?.truth ?? null, a.customer_id)) right += 1;
      else if (line) wrong.set(line.kind, (wrong.get(line.kind) ?? 0) + 1);
    }
    const matchable = [...truth.values()].filter((l) => l.truth).length;
    const result: ReconcileBenchResult = {
      invoices, lines: lineCount, indexSeconds, joinLinesPerSecond: join.perSecond, joinMatched: join.matched,
      previewLinesPerSecond: previewRps, previewRatio: previewRps / join.perSecond, linesPerSecond: lineCount / runSeconds,
      ratio: lineCount / runSeconds / join.perSecond, applied: applied.length, precision: right / Math.max(1, applied.length),
      autoRate: applied.length / lineCount, review: summary.review, peakRssMb: peakRssMb(),
      bookingMsPerLine: (1000 * Math.max(0, runSeconds - previewSeconds)) / Math.max(1, applied.length),
    };
    console.log(`reconciled (matched, booked, queued): ${runSeconds.toFixed(1)} s = ${Math.round(result.linesPerSecond)} lines/s; ${JSON.stringify(summary)}`);
    console.log(`  applied ${applied.length}: ${right} right, wrong by kind ${JSON.stringify(Object.fromEntries(wrong))}; `
      + `${right} of ${matchable} payments for invoices found without review (${(100 * right / matchable).toFixed(1)}%)`);
    console.log(`reconcile: precision of applied matches ${(100 * result.precision).toFixed(2)}% (goal >= ${100 * RECONCILE_GOALS.precision}%); `
      + `automatic match rate ${(100 * result.autoRate).toFixed(1)}% of all lines; matching ${Math.round(previewRps)} lines/s, ratio to the hash join `
      + `${result.previewRatio.toFixed(3)} (goal >= ${RECONCILE_GOALS.ratio}); with booking ${Math.round(result.linesPerSecond)} lines/s, ratio `
      + `${result.ratio.toFixed(3)}; booking ${result.bookingMsPerLine.toFixed(2)} ms per applied line; peak RSS ${result.peakRssMb} MB`);
    process.send?.(result);
  }
} finally {
  if (!kept) await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
  await db.close();
}
