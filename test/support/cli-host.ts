// The child side of cobroSession (test/support/cli.ts): one node process that runs many `cobro` commands, one after
// another, each as `node cobro.js args...` would run it: a fresh command line (main() builds its commander program and
// reads its configuration from the environment each time), the environment the test gives, stdout and stderr kept apart,
// and the exit code a process would end with: the first process.exit() (nothing the command does after it is printed,
// as nothing would be after a real exit), else process.exitCode, else 0. What it saves is the 1.5-2.5 s of CPU a new
// process spends loading the code and compiling PGlite's WebAssembly for every command. A command that throws past main
// (none should) is reported as a process would crash: exit 1 and the error on stderr.
// Requests come over the IPC channel of child_process.fork: { id, args, env }; each answer is { id, code, stdout, stderr }.

export interface HostRequest { id: number; args: string[]; env: Record<string, string> }
export interface HostAnswer { id: number; code: number; stdout: string; stderr: string }

class Exited extends Error {}

export function serveCommands(main: (argv: string[]) => Promise<void>): void {
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const exit = process.exit.bind(process);
  let queue = Promise.resolve();
  let crash: unknown;
  // a rejection nobody handles would end a real process with code 1
  process.on('unhandledRejection', (e) => { crash ??= e; });

  async function runOne(r: HostRequest): Promise<HostAnswer> {
    for (const k of Object.keys(process.env)) if (!(k in r.env)) delete process.env[k];
    Object.assign(process.env, r.env);
    process.exitCode = undefined;
    crash = undefined;
    let stdout = '';
    let stderr = '';
    let exited: number | undefined;
    const capture = (into: 'out' | 'err') => ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      if (exited === undefined) {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        if (into === 'out') stdout += text; else stderr += text;
      }
      const done = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
    process.stdout.write = capture('out');
    process.stderr.write = capture('err');
    process.exit = ((code?: number | string | null) => {
      exited ??= Number(code ?? process.exitCode ?? 0);
      throw new Exited(`process.exit(${exited})`);
    }) as typeof process.exit;
    try {
      await main(['node', 'cobro', ...r.args]);
      // what the command left running (a write callback, a close) gets its turn, as before a real process ends
      await new Promise((res) => setImmediate(res));
    } catch (e) {
      if (!(e instanceof Exited) && exited === undefined) {
        stderr += `${e instanceof Error ? e.stack : String(e)}\n`;
        exited = 1;
      }
    } finally {
      process.stdout.write = write.out as typeof process.stdout.write;
      process.stderr.write = write.err as typeof process.stderr.write;
      process.exit = exit;
    }
    if (exited === undefined && crash !== undefined) {
      stderr += `${crash instanceof Error ? crash.stack : String(crash)}\n`;
      exited = 1;
    }
    const code = exited ?? Number(process.exitCode ?? 0);
    process.exitCode = undefined;
    return { id: r.id, code, stdout, stderr };
  }

  process.on('message', (r: HostRequest) => {
    queue = queue.then(async () => { process.send!(await runOne(r)); });
  });
  process.on('disconnect', () => exit(0));
}
