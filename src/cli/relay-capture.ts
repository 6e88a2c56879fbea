// What a command run inside the server writes, and its process.exit, kept to that command: process.stdout and
// process.stderr writes and process.exit calls made in the command's async context go to its sink, everything else the
// server does (its own output, a signal's exit) goes where it always did.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Sink { out(b: Buffer): void; err(b: Buffer): void; exited?: number }

/** Thrown by process.exit inside a captured command: the command stops there, as a process would. */
export class CommandExited extends Error {
  constructor(readonly code: number) { super(`process.exit(${code})`); }
}

const sinks = new AsyncLocalStorage<Sink>();
let installed = false;

function routeWrites(stream: NodeJS.WriteStream, to: 'out' | 'err'): void {
  const original = stream.write.bind(stream);
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const sink = sinks.getStore();
    if (!sink) return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    const encoding = typeof rest[0] === 'string' ? rest[0] as BufferEncoding : 'utf8';
    sink[to](typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk));
    const done = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
    if (done) process.nextTick(done);
    return true;
  }) as typeof stream.write;
}

function install(): void {
  if (installed) return;
  installed = true;
  routeWrites(process.stdout, 'out');
  routeWrites(process.stderr, 'err');
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => {
    const sink = sinks.getStore();
    if (!sink) return exit(code);
    sink.exited ??= Number(code ?? process.exitCode ?? 0);
    throw new CommandExited(sink.exited);
  }) as typeof process.exit;
}

/** Runs fn with its writes and exit going to sink. */
export function captured<T>(sink: Sink, fn: () => Promise<T>): Promise<T> {
  install();
  return sinks.run(sink, fn);
}
