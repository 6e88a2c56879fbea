// A match pool thread (match-pool.ts): keeps its own copy of each org it matches for, caught up at each run's start with
// statements the main thread runs for it, and previews the batches it is sent with the main thread's code (preview-batch.ts).
import { parentPort } from 'node:worker_threads';
import { loadConfig } from '../config.ts';
import type { Queryable } from '../db/index.ts';
import { configureFieldKeys, masterKeyId } from '../vault/index.ts';
import { matchSnapshot, type MatchSnapshot } from './snapshot.ts';
import { previewBatch } from './preview-batch.ts';
import type { FromThread, ToThread } from './match-pool.ts';

const port = parentPort!;
const send = (m: FromThread) => port.postMessage(m);

// the blind index of learned payer accounts needs the master key, read from the configuration as the process did
configureFieldKeys(loadConfig());

const asked = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();
let qid = 0;

/** A run's database: each statement sent to the main thread, which runs it. */
const runDb = (run: number): Queryable => ({
  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const id = ++qid;
    const rows = new Promise<T[]>((resolve, reject) => asked.set(id, { resolve: resolve as (rows: unknown[]) => void, reject }));
    send({ kind: 'query', run, qid: id, sql, params });
    return rows;
  },
  copyCsv: () => Promise.reject(new Error('a match thread writes nothing')),
});

/** Run -> the copy its batches match with (null: none, the main thread matches them). */
const copies = new Map<number, Promise<MatchSnapshot | null>>();

port.on('message', (m: ToThread) => {
  if (m.kind === 'rows') {
    const a = asked.get(m.qid);
    asked.delete(m.qid);
    if (m.rows) a?.resolve(m.rows); else a?.reject(new Error(m.error ?? 'statement failed'));
  } else if (m.kind === 'prepare') {
    const copy = matchSnapshot(runDb(m.run), m.orgId, m.limits.maxOpen, m.limits.maxTotal);
    copies.set(m.run, copy.catch(() => null));
    copy.then((snap) => send({ kind: 'prepared', run: m.run, ok: snap !== null }), () => send({ kind: 'prepared', run: m.run, ok: false }));
  } else if (m.kind === 'end') {
    copies.delete(m.run);
  } else {
    const { orgId, settings, lines, rejected } = m.batch;
    void (async () => {
      const snap = await copies.get(m.run);
      if (!snap) throw new Error('no copy prepared for this run');
      return previewBatch(runDb(m.run), orgId, lines, new Map(rejected.map(([id, s]) => [id, new Set(s)])), settings, snap);
    })().then((out) => send({ kind: 'done', id: m.id, out }), (e: Error) => send({ kind: 'done', id: m.id, error: e.message }));
  }
});

send({ kind: 'ready', masterKeyId: masterKeyId() });
