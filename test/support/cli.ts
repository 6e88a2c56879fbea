// The `cobro` command for CLI tests: bin/cobro.js's two lines (import src/cli/main.ts, run main) bundled by esbuild into
// one JavaScript file, so that each of the hundreds of commands the tests run starts in about 1.2 s of CPU instead of the
// 4 s that tsx spends loading some 580 modules one by one. Packages stay outside the bundle (node_modules as installed),
// and every source file keeps its own import.meta.url, so the migrations, web assets and eval sets are found where they
// are. The bundle is kept in node_modules/.cache under a hash of every file in src/ and of package-lock.json: a changed
// source makes a new bundle, never a stale one. test/cli.test.ts runs its first command (on an empty folder) and --help
// through bin/cobro.js itself.
// cobroSession and runCobro go further: the commands of a test file run one after another in one kept process of a
// second bundle (test/support/cli-host.ts), each with its own command line, env, output and exit code; a command then
// costs about 1.3 s of CPU instead of 4 (no module loading, PGlite's WebAssembly already compiled).
import { build } from 'esbuild';
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// spelt in two pieces: scripts/test.mjs bundles this file with the same rewrite, which would otherwise turn the text
// searched for into this file's own URL, and the command's bundle would keep a bundle-relative import.meta.url
const META_URL = ['import', 'meta', 'url'].join('.');
const CACHE = join(ROOT, 'node_modules', '.cache', 'cobro-test-cli');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else out.push(p);
  }
  return out;
}

const HOST = fileURLToPath(new URL('./cli-host.ts', import.meta.url));

function bundleName(kind: string, own: string[]): string {
  const h = createHash('sha256');
  for (const f of [...sourceFiles(join(ROOT, 'src')), join(ROOT, 'package-lock.json'), fileURLToPath(import.meta.url), HOST, ...own]) {
    h.update(`\0${f.slice(ROOT.length)}\0`);
    h.update(readFileSync(f));
  }
  return `${kind}-${h.digest('hex').slice(0, 20)}.mjs`;
}

const built = new Map<string, Promise<string>>();

/** The path of the bundled command (built on first use, then kept), to run as `node <path> args...`. */
export function cobroCli(): Promise<string> {
  return bundled('cli', "import { main } from './src/cli/main.ts';\nawait main();\n");
}

/**
 * A test's child process script (one that imports nothing of test/ but itself and src/, as test/faults/fault-worker.ts)
 * bundled the same way, to run as `node <path>` instead of through tsx; the script's own text is in the bundle's name.
 */
export function bundledScript(kind: string, script: string): Promise<string> {
  return bundled(kind, `import ${JSON.stringify(script)};\n`, [script]);
}

function bundled(kind: string, contents: string, own: string[] = []): Promise<string> {
  if (!built.has(kind)) built.set(kind, (async () => {
    const out = join(CACHE, bundleName(kind, own));
    if (existsSync(out)) return out;
    mkdirSync(CACHE, { recursive: true });
    // written aside, then renamed: a test file building at the same moment never runs half a bundle
    const aside = `${out}.${randomBytes(4).toString('hex')}.part`;
    await build({
      stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: `cobro-${kind}.ts` },
      bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: aside, logLevel: 'error',
      plugins: [{
        name: 'own-import-meta-url',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, async (a) => ({
            contents: (await readFile(a.path, 'utf8')).replaceAll(META_URL, JSON.stringify(pathToFileURL(a.path).href)),
            loader: 'ts', resolveDir: dirname(a.path),
          }));
        },
      }],
    });
    renameSync(aside, out);
    // bundles of older sources go after a day (not at once: a test file started before a source changed may still be
    // running its commands from one)
    for (const f of readdirSync(CACHE)) {
      const p = join(CACHE, f);
      if (p !== out && Date.now() - statSync(p).mtimeMs > 86_400_000) rmSync(p, { force: true });
    }
    return out;
  })());
  return built.get(kind)!;
}

/**
 * The V8 flags scripts/test.mjs gives the test processes that their own child processes should run with too (PGlite's
 * WebAssembly on the baseline compiler only: see there); none when the test file was started otherwise.
 */
export const childNodeFlags = process.execArgv.filter((a) => a === '--liftoff-only');

/** What a command printed; a failed one rejects with an error carrying code, stdout and stderr, as execFile's does. */
export interface CliResult { stdout: string; stderr: string }
export interface CliSession {
  run(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult>;
  close(): Promise<void>;
}

/**
 * Runs `cobro` commands one after another in one kept node process (test/support/cli-host.ts) instead of a process
 * each: every command still parses its own command line, reads its configuration from the env given, opens and closes
 * the database, and ends with the exit code and output a process of its own would. A test that needs a real process
 * (signals, a server, stdin) keeps spawning cobroCli(). close() ends the process.
 */
export async function cobroSession(): Promise<CliSession> {
  const host = await bundled('host', `import { main } from './src/cli/main.ts';\nimport { serveCommands } from ${JSON.stringify(HOST)};\nserveCommands(main);\n`);
  let child: ChildProcess | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve: (a: { code: number; stdout: string; stderr: string }) => void; reject: (e: Error) => void }>();
  let chain: Promise<unknown> = Promise.resolve();
  const start = (env: NodeJS.ProcessEnv) => {
    const c = fork(host, [], { env, execArgv: childNodeFlags, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    c.on('message', (a: { id: number; code: number; stdout: string; stderr: string }) => { waiting.get(a.id)?.resolve(a); waiting.delete(a.id); });
    c.on('exit', (code, signal) => {
      for (const w of waiting.values()) w.reject(new Error(`the cobro session process ended (${signal ?? code}) mid-command`));
      waiting.clear();
      if (child === c) child = undefined;
    });
    return c;
  };
  const runOne = async (args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> => {
    const c = child ??= start(env);
    // held while a command runs; idle, the process does not keep the test's own alive (it ends when the test's does)
    c.ref(); c.channel?.ref();
    const id = next++;
    const answer = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      c.send({ id, args, env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) });
    }).finally(() => { c.unref(); c.channel?.unref(); });
    if (answer.code !== 0) {
      throw Object.assign(new Error(`Command failed: cobro ${args.join(' ')}\n${answer.stderr}`), answer);
    }
    return { stdout: answer.stdout, stderr: answer.stderr };
  };
  return {
    run(args, env) {
      const p = chain.then(() => runOne(args, env));
      chain = p.catch(() => {});
      return p;
    },
    async close() {
      await chain;
      const c = child;
      if (!c) return;
      // held again (idle it was not): the test's process waits for this one to end
      c.ref();
      await new Promise<void>((res) => { c.once('exit', () => res()); c.disconnect(); });
    },
  };
}

let shared: Promise<CliSession> | undefined;

/**
 * Runs one `cobro` command in the test file's shared session (started on first use, ended with the test process):
 * what `execFile(node, [cobroCli(), ...args], { env })` gives, without a process per command.
 */
export async function runCobro(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  if (!shared) {
    shared = cobroSession();
    // when the test file has nothing left to do, the session's process is ended and waited for (not left to end alone)
    const s = shared;
    process.once('beforeExit', () => { void s.then((x) => x.close()); });
  }
  return (await shared).run(args, env);
}
