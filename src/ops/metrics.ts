// /metrics: the process's own counters and histograms, a few process gauges, and the database's figures at scrape time.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import { processMetrics } from '../domain/metrics.ts';
import { databaseGauges, type GaugeOptions } from './gauges.ts';
import { expose, gauge } from './exposition.ts';

export type ProcessRole = 'api' | 'worker' | 'all';

export interface MetricsOptions extends GaugeOptions {
  /** Which loops this process runs, shown as a label of cobro_process_info. */
  role: ProcessRole;
}

/** A scrape function: call it with the clock's now for each request of /metrics. */
export function metricsScraper(db: Queryable, o: MetricsOptions): (now: Date) => Promise<string> {
  const fromDb = databaseGauges(o);
  const started = Date.now() / 1000 - process.uptime();
  return async (now) => {
    const mem = process.memoryUsage();
    const own = [
      gauge('cobro_process_info', 'This process: the loops it runs (role) and its Node version', [{ labels: { role: o.role, node: process.version }, value: 1 }]),
      gauge('process_start_time_seconds', 'Start time of the process since the Unix epoch in seconds', [{ labels: {}, value: Math.round(started) }]),
      gauge('process_resident_memory_bytes', 'Resident memory size in bytes', [{ labels: {}, value: mem.rss }]),
      gauge('nodejs_heap_used_bytes', 'V8 heap in use in bytes', [{ labels: {}, value: mem.heapUsed }]),
    ];
    return expose([...own, ...processMetrics(), ...await fromDb(db, now)]);
  };
}

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function metricsTokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1]!), digest(token));
}
