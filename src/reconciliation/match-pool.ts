// Threads that match batches beside the main thread (matching is CPU in one thread: a second one nearly doubles what a
// preview gets through on two cores). Each thread keeps its own in-memory copy of the org (snapshot.ts), read and caught
// up with statements the main thread runs for it on the caller's database (and org scope), so a thread needs no
// connection of its own. Started on first use and left unreferenced while idle: they never keep a process from ending.
import { availableParallelism } from 'node:os';
import { AsyncResource } from 'node:async_hooks';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/index.ts';
import { masterKeyId } from '../vault/index.ts';
import { matchCopyLimits, type MatchCopyLimits } from './copy-limits.ts';
import type { MatchSettings } from './match/types.ts';
import type { MatchLineRow } from './lines.ts';
import type { PreviewLine } from './preview-batch.ts';

/** A batch for a thread: its lines, and per line the signatures of the proposals rejected for it. */
export interface PoolBatch { orgId: string; settings: MatchSettings; lines: MatchLineRow[]; rejected: [string, string[]][] }

/** What the main thread sends a thread. */
export type ToThread =
  | { kind: 'prepare'; run: number; orgId: string; limits: MatchCopyLimits }
  | { kind: 'batch'; run: number; id: number; batch: PoolBatch }
  | { kind: 'rows'; qid: number; rows?: unknown[]; error?: string }
  | { kind: 'end'; run: number };

/** What a thread sends back. */
export type FromThread =
  | { kind: 'ready'; masterKeyId: string | null }
  | { kind: 'prepared'; run: number; ok: boolean }
  | { kind: 'query'; run: number; qid: number; sql: string; params: unknown[] }
  | { kind: 'done'; id: number; out?: PreviewLine[]; error?: string };

/** Threads that match, the main thread included (COBRO_MATCH_THREADS; 1: the main thread alone). */
let threads = Math.min(2, availableParallelism());

/** Sets the number of matching threads (start-up, from the configuration). */
export function setMatchThreads(n: number): void { threads = Math.max(1, Math.floor(n)); }
export const matchThreads = (): number => threads;

type Ask = (sql: string, params: unknown[]) => Promise<unknown[]>;
/** Run id -> how its threads' statements are run (on the run's database, in its org scope). */
const runs = new Map<number, Ask>();
let runSeq = 0;

/**
 * The thread's first lines: it loads the TypeScript sources itself, as bin/cobro.js does (a thread does not inherit the
 * loader hooks); worked out when the first thread starts, not when the command loads this module.
 */
const boot = () => `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((t) => { t.register(); `
  + `return import(${JSON.stringify(new URL('./match-worker.ts', import.meta.url).href)}); })`;

class MatchThread {
  readonly worker = new Worker(boot(), { eval: true, execArgv: [] });
  /** The thread's master key for field encryption (it read the configuration itself), once it has started. */
  readonly ready: Promise<string | null>;
  dead = false;
  private seq = 0;
  private inFlight = 0;
  private readonly batches = new Map<number, { resolve: (out: PreviewLine[]) => void; reject: (e: Error) => void }>();
  private readonly prepares = new Map<number, (ok: boolean) => void>();

  constructor() {
    let started: (id: string | null) => void = () => {};
    this.ready = new Promise((r) => { started = r; });
    this.worker.on('message', (m: FromThread) => {
      if (m.kind === 'ready') started(m.masterKeyId);
      else if (m.kind === 'prepared') { this.prepares.get(m.run)?.(m.ok); this.prepares.delete(m.run); }
      else if (m.kind === 'query') this.answer(m);
      else this.settle(m.id, m.out, m.error);
    });
    const fail = (e: Error) => {
      this.dead = true;
      started(null);
      for (const p of this.prepares.values()) p(false);
      this.prepares.clear();
      for (const id of [...this.batches.keys()]) this.settle(id, undefined, e.message);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`match thread exited (${code})`)));
    // after the listeners: adding one refers the thread again
    this.worker.unref();
  }

  private answer(m: Extract<FromThread, { kind: 'query' }>): void {
    const ask = runs.get(m.run);
    const reply = (r: { rows?: unknown[]; error?: string }) => { if (!this.dead) this.worker.postMessage({ kind: 'rows', qid: m.qid, ...r } satisfies ToThread); };
    if (!ask) { reply({ error: 'the match run has ended' }); return; }
    ask(m.sql, m.params).then((rows) => reply({ rows }), (e: Error) => reply({ error: e.message }));
  }

  private settle(id: number, out: PreviewLine[] | undefined, error: string | undefined): void {
    const b = this.batches.get(id);
    if (!b) return;
    this.batches.delete(id);
    if (--this.inFlight === 0 && !this.dead) this.worker.unref();
    if (out) { answered += 1; b.resolve(out); } else b.reject(new Error(error ?? 'match thread failed'));
  }

  /** Catches the thread's copy of the org up for a run; false when it has none to match with (or failed). */
  prepare(run: number, orgId: string, limits: MatchCopyLimits): Promise<boolean> {
    if (this.dead) return Promise.resolve(false);
    const done = new Promise<boolean>((r) => this.prepares.set(run, r));
    this.worker.postMessage({ kind: 'prepare', run, orgId, limits } satisfies ToThread);
    return done;
  }

  preview(run: number, batch: PoolBatch): Promise<PreviewLine[]> {
    if (this.dead) return Promise.reject(new Error('match thread is gone'));
    const id = ++this.seq;
    // a batch in flight keeps the process alive until its answer comes
    if (this.inFlight++ === 0) this.worker.ref();
    const out = new Promise<PreviewLine[]>((resolve, reject) => this.batches.set(id, { resolve, reject }));
    this.worker.postMessage({ kind: 'batch', run, id, batch } satisfies ToThread);
    return out;
  }

  end(run: number): void { if (!this.dead) this.worker.postMessage({ kind: 'end', run } satisfies ToThread); }
}

const pool: MatchThread[] = [];
let answered = 0;

/** Batches the pool's threads have matched in this process (tests). */
export const poolBatches = (): number => answered;

/** A thread ready to match one run's batches (its copy caught up), or not (false: the main thread does them). */
export interface Helper { prepared: Promise<boolean>; preview(batch: PoolBatch): Promise<PreviewLine[]> }

/**
 * Threads beside the main thread for one run over the org (`threads` in all, the main thread included), each told to
 * catch its copy up now; `end` when the run is over. The statements they need run on `db` in the caller's scope.
 */
export function openRun(db: Db, orgId: string, n: number): { helpers: Helper[]; end: () => void } {
  for (let i = pool.length - 1; i >= 0; i--) if (pool[i]!.dead) pool.splice(i, 1);
  try {
    while (pool.length < n - 1) pool.push(new MatchThread());
  } catch {
    // a thread that cannot start (its loader not found) leaves the matching to this one
  }
  const run = ++runSeq;
  runs.set(run, AsyncResource.bind((sql: string, params: unknown[]) => db.query(sql, params)));
  const key = masterKeyId();
  const used = pool.slice(0, Math.max(0, n - 1));
  const helpers = used.map((t) => ({
    // a thread that read another master key than this process holds now (a test that set its own) is not used
    prepared: t.ready.then((id) => id === key && t.prepare(run, orgId, matchCopyLimits())),
    preview: (batch: PoolBatch) => t.preview(run, batch),
  }));
  return {
    helpers,
    // a thread still catching up (the run ended before it was ready) gets its statements answered until it is done
    end: () => { void Promise.all(helpers.map((h) => h.prepared)).then(() => { runs.delete(run); for (const t of used) t.end(run); }); },
  };
}

/** Stops the threads (each is started again when next needed). */
export async function closeMatchPool(): Promise<void> {
  const all = pool.splice(0);
  await Promise.all(all.map((t) => t.worker.terminate()));
}

/** Starts the pool's threads and reads (or catches up) their copies of the org, as a first preview would (benches, warm-up). */
export async function warmMatchPool(db: Db, orgId: string, n = matchThreads()): Promise<boolean[]> {
  const run = openRun(db, orgId, n);
  try {
    return await Promise.all(run.helpers.map((h) => h.prepared));
  } finally {
    run.end();
  }
}
