// The running server's side of the CLI relay: a `cobro` command started while a server holds the embedded data folder
// is sent here over a Unix domain socket in that folder (mode 0600: only the folder's owner connects; no network), run
// in this process on the server's open database, its output and exit code streamed back. One command at a time in the
// process (process.exitCode is one per process); file arguments are read against the client's working folder.
import { createServer, type Server, type Socket } from 'node:net';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config.ts';
import { lendDatabase, type Db } from '../db/index.ts';
import { captured, CommandExited, type Sink } from './relay-capture.ts';
import { readLines, relayFrame, relayRequest, relaySocketPath, sendLine, type RelayRequest } from './relay-protocol.ts';

/** Commands that cannot run inside the server, with the reason the client is given. */
const REFUSED: Record<string, string> = {
  serve: 'starts a server of its own, and this data folder is already served',
};

export interface CliRelay { path: string; close(): Promise<void> }

/** Where a command's file arguments point: the client's folder, and "-" (where the command reads it as stdin) to what the client piped in. */
function pointFilesAt(cmd: Command, cwd: string, stdin: () => string): void {
  type Parse = ((value: string, previous: unknown) => unknown) | undefined;
  const wrap = (inner: Parse, readsStdin: boolean) => (value: string, previous: unknown) => {
    const at = value === '-' && readsStdin ? stdin() : resolve(cwd, value);
    return inner ? inner(at, previous) : at;
  };
  for (const o of cmd.options) {
    if (/[<[]file[>\]]/.test(o.flags)) o.parseArg = wrap(o.parseArg as Parse, /stdin/.test(o.description)) as typeof o.parseArg;
  }
  for (const a of cmd.registeredArguments) {
    if (a.name() === 'file') a.parseArg = wrap(a.parseArg as Parse, /stdin/.test(a.description)) as typeof a.parseArg;
  }
  for (const sub of cmd.commands) pointFilesAt(sub, cwd, stdin);
}

interface RunContext { dataDir: string; db: Db; config: Config; buildCli: (c: Config) => Command }

async function runRequest(ctx: RunContext, r: RelayRequest, sink: Sink): Promise<number> {
  const name = r.argv.find((a) => !a.startsWith('-'));
  if (name && REFUSED[name]) {
    sink.err(Buffer.from(`cobro ${name}: refused by the server running on ${ctx.dataDir} (process ${process.pid}): it ${REFUSED[name]}; `
      + 'stop that server first, or set COBRO_DATA_DIR to another folder\n'));
    return 1;
  }
  let piped: string | undefined;
  const stdin = () => {
    if (r.stdin === undefined) throw new InvalidArgumentError('"-" reads stdin, and none came');
    if (!piped) {
      piped = mkdtempSync(join(tmpdir(), 'cobro-stdin-')); // mode 0700
      writeFileSync(join(piped, 'stdin'), Buffer.from(r.stdin, 'base64'), { mode: 0o600 });
    }
    return join(piped, 'stdin');
  };
  const saved = process.exitCode;
  process.exitCode = undefined;
  try {
    await captured(sink, () => lendDatabase(ctx.dataDir, ctx.db, async () => {
      const program = ctx.buildCli(ctx.config);
      pointFilesAt(program, r.cwd, stdin);
      await program.parseAsync(['node', 'cobro', ...r.argv]);
      // what the command left to run (a write's callback) gets its turn, as before a process ends
      await new Promise((res) => setImmediate(res));
    }));
    return sink.exited ?? Number(process.exitCode ?? 0);
  } catch (e) {
    if (sink.exited !== undefined) return sink.exited;
    if (e instanceof CommandExited) return e.code;
    sink.err(Buffer.from(`cobro: ${(e as Error).message}\n`));
    return 1;
  } finally {
    process.exitCode = saved;
    if (piped) rmSync(piped, { recursive: true, force: true });
  }
}

/** Listens on dataDir/cobro.sock (a stale one from a process that died is replaced); close() stops and removes it. */
export async function startCliRelay(ctx: RunContext): Promise<CliRelay> {
  const path = relaySocketPath(resolve(ctx.dataDir));
  rmSync(path, { force: true }); // this process holds the folder's lock: a socket left there is a dead server's
  let queue: Promise<unknown> = Promise.resolve();
  const open = new Set<Socket>();
  let stopping = false;
  const server: Server = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
    let mine: Promise<unknown> = Promise.resolve();
    readLines(socket, (line) => {
      let parsed: ReturnType<typeof relayRequest.safeParse>;
      try { parsed = relayRequest.safeParse(JSON.parse(line)); } catch { parsed = relayRequest.safeParse(null); }
      const send = (f: unknown) => sendLine(socket, relayFrame.parse(f));
      const sink: Sink = { out: (b) => send({ t: 'out', d: b.toString('base64') }), err: (b) => send({ t: 'err', d: b.toString('base64') }) };
      // one command at a time on a connection, and in the process
      mine = mine.then(() => {
        const run = queue.then(() => {
          if (stopping) return (sink.err(Buffer.from('cobro: the server is stopping; run the command again once it has\n')), 1);
          if (!parsed.success) return (sink.err(Buffer.from('cobro: the relay request is not { argv, cwd, stdin? }\n')), 2);
          return runRequest(ctx, parsed.data, sink);
        });
        queue = run.catch(() => {});
        return run.then((code) => send({ t: 'exit', code }));
      });
    });
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    // created owner-only (umask) and set so again: no moment where another user could connect
    const mask = process.umask(0o177);
    try { server.listen(path, () => { server.off('error', rej); res(); }); } finally { process.umask(mask); }
  });
  chmodSync(path, 0o600);
  const remove = () => rmSync(path, { force: true });
  process.once('exit', remove);
  return {
    path,
    async close() {
      stopping = true;
      const closed = new Promise<void>((res) => server.close(() => res()));
      await queue; // the command running finishes on the open database
      for (const s of open) s.end();
      remove();
      await closed;
    },
  };
}
