// Worker processes for the fault suite: each a test/fault./fault-worker.ts started ahead of need (a spare is kept warm, so
// replacing a killed worker costs no start-up), spoken to one JSON line at a time, and killable with SIGKILL at any point.
// The script runs bundled (test/support/cli.ts's bundledScript), not through tsx, which spent seconds of CPU per start.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from './fault-worker.ts';
import { bundledScript, childNodeFlags } from '../support/cli.ts';

const CHILD = fileURLToPath(new URL('./fault-worker.ts', import.meta.url));

export type Answer = Record<string, unknown> & { error?: string };

export class Worker {
  readonly p: ChildProcess;
  private lines: string[] = [];
  private waiting: ((a: Answer | null) => void)[] = [];
  private buffer = '';
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
  stderr = '';
  killed = false;
  /** Called on each `@phase <name>` line the worker prints (opened with phases: true). */
  onPhase: ((name: string) => void) | undefined;
  constructor(script: string) {
    this.p = spawn(process.execPath, [...childNodeFlags, script], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.p.stdout!.on('data', (c: Buffer) => {
      this.buffer += c.toString();
      let i: number;
      while ((i = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, i);
        this.buffer = this.buffer.slice(i + 1);
        const w = this.waiting.shift();
        if (w) w(JSON.parse(line) as Answer); else this.lines.push(line);
      }
    });
    this.p.stderr!.on('data', (c: Buffer) => {
      const text = c.toString();
      for (const m of text.matchAll(/^@phase (\w+)$/gm)) this.onPhase?.(m[1]!);
      this.stderr = (this.stderr + text).slice(-4000);
    });
    this.exited = new Promise((resolve) => this.p.on('exit', (code, signal) => {
      for (const w of this.waiting.splice(0)) w(null);
      resolve({ code, signal });
    }));
  }
  /** The next answer, or null once the process is gone. */
  next(): Promise<Answer | null> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(JSON.parse(line) as Answer);
    if (this.p.exitCode !== null || this.p.signalCode !== null) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  async send(c: Command): Promise<Answer | null> {
    if (this.p.exitCode !== null || this.p.signalCode !== null) return null;
    this.p.stdin!.write(`${JSON.stringify(c)}\n`);
    return this.next();
  }
  kill(): void {
    this.killed = true;
    this.p.kill('SIGKILL');
  }
}

/** Keeps one started worker in reserve, and reuses a worker a run handed back (its database closed). */
export class WorkerPool {
  private spare: Promise<Worker> | undefined;
  private idle: Worker[] = [];
  private all = new Set<Worker>();
  private closed = false;
  private async start(): Promise<Worker> {
    const script = await bundledScript('fault-worker', CHILD);
    if (this.closed) throw new Error('the worker pool is closed');
    const w = new Worker(script);
    this.all.add(w);
    void w.exited.then(() => this.all.delete(w));
    return w.next().then(async (a) => {
      if (!a?.['ready']) throw new Error(`a fault worker did not start (${JSON.stringify(a ?? await w.exited)}): ${w.stderr}`);
      return w;
    });
  }
  give(w: Worker): void {
    if (w.p.exitCode === null && w.p.signalCode === null) this.idle.push(w);
  }
  async take(): Promise<Worker> {
    const reused = this.idle.pop();
    if (reused) return reused;
    const w = await (this.spare ?? this.start());
    this.spare = this.start();
    this.spare.catch(() => {}); // a spare cut down when the suite stops is no error; taking it later still throws
    return w;
  }
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.all) { w.p.stdin!.end(); }
    await Promise.all([...this.all].map((w) => Promise.race([w.exited, new Promise((r) => setTimeout(r, 3000))])));
    for (const w of this.all) w.p.kill('SIGKILL');
  }
}
