// CPU seconds spent by processes on this machine (Linux /proc), so a bench can say where its time went: its own
// process, the processes it started, and the PostgreSQL backends serving a given application_name.
import { readFileSync } from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { setImmediate as tick } from 'node:timers/promises';
import type { Queryable } from '../src/db/index.ts';

/** User plus system CPU seconds of a process so far (0 once it is gone). */
export function processCpuSeconds(pid: number): number {
  return ticksSeconds(`/proc/${pid}/stat`);
}

/** utime plus stime of a /proc stat file (a process's or a thread's) in seconds; 0 once it is gone. */
function ticksSeconds(file: string): number {
  try {
    // the fields after the command name, which is in parentheses and may hold spaces
    const stat = readFileSync(file, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/**
 * User plus system CPU seconds of this process's main thread so far: the JavaScript itself, without what V8's compiler
 * and garbage collector threads and libuv's pool spend beside it (process.cpuUsage() counts every thread).
 */
export function mainThreadCpuSeconds(): number {
  return ticksSeconds(`/proc/${process.pid}/task/${process.pid}/stat`);
}

/**
 * Follows the PostgreSQL backends of connections named `application` (their CPU is read from /proc, so the server must
 * run on this machine): sampled every `everyMs` while running, as backends come and go with the pools. `stop` returns
 * their CPU seconds in total (with `sinceStart`, only what they spent after the first sample).
 */
export function followBackends(q: Queryable, application: string, everyMs = 200, o: { sinceStart?: boolean } = {}): { started: Promise<void>; stop(): Promise<number>; seen(): number } {
  const seen = new Map<number, number>();
  // with sinceStart, the CPU backends already had at the first sample (a pool kept from earlier work) is not counted
  const before = new Map<number, number>();
  const sample = async () => {
    const rows = await q.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [application]);
    for (const { pid } of rows) seen.set(pid, Math.max(seen.get(pid) ?? 0, processCpuSeconds(pid)));
  };
  const started = sample().then(() => { if (o.sinceStart) for (const [pid, cpu] of seen) before.set(pid, cpu); });
  let busy: Promise<void> = started;
  const timer = setInterval(() => { busy = busy.then(sample, sample); }, everyMs);
  return {
    /** Once the first sample is taken (with sinceStart, what is counted starts there). */
    started,
    async stop() {
      clearInterval(timer);
      await busy.catch(() => undefined);
      await sample().catch(() => undefined);
      return [...seen].reduce((a, [pid, cpu]) => a + cpu - (before.get(pid) ?? 0), 0);
    },
    /** How many backends were seen. */
    seen: () => seen.size,
  };
}

/** The whole machine's busy and total CPU seconds so far (every core, every process: the other load included). */
export function machineCpu(): { busy: number; total: number } {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const t = (cpu ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = t.reduce((a, b) => a + b, 0) / 100;
  const idle = ((t[3] ?? 0) + (t[4] ?? 0)) / 100; // idle, iowait
  return { busy: total - idle, total };
}

/** Milliseconds this process's main thread spent paused in garbage collection from now until `stop` (Node's gc entries). */
export function gcPauses(): { stop(): Promise<number> } {
  let ms = 0;
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) ms += e.duration; });
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop() {
      // entries are delivered after the collection, in a later turn
      await tick();
      observer.disconnect();
      return ms;
    },
  };
}

/**
 * Where a phase's wall time went, from now until `stop`: the event loop idle (waiting on I/O, PostgreSQL here, with
 * nothing to run), the main thread's CPU (its GC pauses included), and the rest, when the thread could run but did not
 * (the machine's other load, or GC helper threads waited for); beside it, the CPU of the process's other threads (V8's
 * compiler and GC helpers, libuv's pool), which a free core runs alongside.
 */
export function wallParts(): { stop(wallSeconds: number): Promise<string> } {
  const gc = gcPauses();
  const loop = performance.eventLoopUtilization();
  const main = mainThreadCpuSeconds();
  const cpu = process.cpuUsage();
  return {
    async stop(wallSeconds) {
      const idle = performance.eventLoopUtilization(loop).idle / 1000;
      const mainCpu = mainThreadCpuSeconds() - main;
      const used = process.cpuUsage(cpu);
      const others = Math.max(0, (used.user + used.system) / 1e6 - mainCpu);
      const paused = (await gc.stop()) / 1000;
      return `loop idle ${idle.toFixed(2)} s, main-thread CPU ${mainCpu.toFixed(2)} s (GC pauses ${paused.toFixed(2)} s of wall), `
        + `not running ${Math.max(0, wallSeconds - idle - mainCpu).toFixed(2)} s; other threads' CPU ${others.toFixed(2)} s`;
    },
  };
}
