// Runs every *.test.ts under src/ and test/ (test/browser/ apart: `--browser` runs those alone, in groups, below) with
// node's test runner, two processes at a time (Node 20 does not expand globs itself; COBRO_TEST_CONCURRENCY=N runs N at a
// time), most of the slowest files each in a process of its own (some CLI ones two to a process) and the others eight to a
// process (COBRO_TEST_GROUP, below).
//
// Which files run where. On embedded PGlite (no DATABASE_URL) every file runs, except test/pg-*.test.ts, which need
// PostgreSQL itself (row-level security cannot bite on PGlite's one superuser). With DATABASE_URL set (the PostgreSQL
// run that .ci/run makes beside the PGlite one) only the files that can reach that database run: a file whose body (or a
// test/support module it imports, followed through their own imports) calls testDb, testApi, openDb or loadConfig, or
// names DATABASE_URL or databaseUrl. The others would run exactly as they did in the PGlite run: pure unit tests, the
// parser fuzzing, the provider contracts, and the CLI tests, which pin their child processes to a PGlite folder
// (DATABASE_URL: '' and openDb({ dataDir }), the folder laid by test/support/pglite-folder.ts from an in-memory
// openDb({})); those patterns, import lines and loadConfig({ ...explicit env }) do not count. When in doubt a file
// counts as reaching the database (a wasted run, never a lost one).
// `node scripts/test.mjs --list [paths]` prints the files the run would take, and runs none; `--groups` the processes.
//
// When the run ends it prints the slowest files with their wall times (COBRO_TEST_SLOWEST=N of them, 15 by default, 0 for
// none); COBRO_TEST_DURATIONS=path also writes every file's time there (ms, tab, result, tab, path; slowest first).
//
// The test files are not run through tsx: esbuild first bundles them all at once (packages left outside, shared code in
// common chunks, every source keeping its own import.meta.url, .dirname and .filename) into a folder under
// node_modules/.cache that the run removes at its end, and node runs the JavaScript. tsx spent 1 to 2.5 s of CPU in every
// test file's process loading some 600 modules one by one through its loader; the bundling takes a few seconds once.
// Stack traces then point into the bundles (each module's code follows a `// path/file.ts` comment; set
// NODE_OPTIONS=--enable-source-maps to map them back); COBRO_TEST_TSX=1 runs the sources through tsx as before, and so does
// a run whose bundling fails (a file that does not compile then fails alone, as it would through tsx).
import { readdirSync, readFileSync, statSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const REACHES_DB = /\b(testDb|testApi|openDb|loadConfig|databaseUrl|DATABASE_URL)\b/;
const PINNED = /DATABASE_URL: ''|openDb\(\{ dataDir|openDb\(\{\}\)|loadConfig\(\{/g;
const reaches = new Map();
/** Whether a test file, or a test/support module it imports, can open the database DATABASE_URL names. */
function reachesDb(file) {
  if (reaches.has(file)) return reaches.get(file);
  reaches.set(file, false); // an import cycle adds nothing
  const text = readFileSync(file, 'utf8');
  let r = REACHES_DB.test(text.replace(/^import .*$/gm, '').replace(PINNED, ''));
  for (const m of text.matchAll(/from '(\.[^']+)'/g)) {
    if (r) break;
    const p = resolve(dirname(file), m[1]);
    if (p.includes(`${sep}test${sep}`) && existsSync(p)) r = reachesDb(p);
  }
  reaches.set(file, r);
  return r;
}

// The files that took longest in CI's last runs (either lane), slowest first, so that they start first, two (or
// COBRO_TEST_CONCURRENCY) at a time, and a long file does not begin when the others are nearly done. Node 20's --test
// sorts the paths it is given (the order given here was lost, and the files ran alphabetically), so each bundle is
// written under a folder named for its place, 00/ for the first of these up to the rest's NN/ (bundleOf); through tsx
// the files still run alphabetically. The rest follow in alphabetical order. A file missing here only starts later.
// (PGlite lane of the run on 1ac027f: contact-law-simulation 135 s, faults-smoke 71, ops-shutdown 58, engine-cli 52, cli 50,
// dispatch-crash 49, kpi-messages 46, mail-egress 40; the last five, by CPU in the lanes on e17f1e4: agent-claims 18.5 s,
// agent-api 16.2, money.property 15.6, audit lanes 16.4, demo seed 15.2.)
const SLOW_FIRST = ['test/contact-law-simulation.test.ts', 'test/faults-smoke.test.ts', 'test/ops-shutdown.test.ts', 'test/engine-cli.test.ts',
  'test/cli.test.ts', 'test/dispatch-crash.test.ts', 'test/kpi-messages.test.ts', 'test/mail-egress.test.ts', 'src/ledger/import/import-stream.test.ts',
  'test/arrangements-cli.test.ts', 'test/reconciliation-cli.test.ts', 'test/agent-review-cli.test.ts', 'test/payments-check.test.ts',
  'test/messaging-preview-costs-cli.test.ts', 'test/ibm-simulate.test.ts', 'test/ibm-import.test.ts', 'test/agent-claims.test.ts',
  'test/agent-api.test.ts', 'src/ledger/money.property.test.ts', 'src/audit/lanes.test.ts', 'src/demo/seed.test.ts',
  // its worker processes must finish within a 60 s wait: in a group at load 18-20 it ran out twice, alone it passed
  'test/ops-workers.test.ts'];
// Of those, these run two to a process (like the other groups: test/support/test-groups.ts), each pair where its first
// file stands in the order: CLI tests, whose commands then run in one kept command process for both files
// (test/support/cli.ts) and whose process opens PGlite once. ops-shutdown, dispatch-crash and ops-workers, which stop and
// kill processes on a clock, stay alone, as do the others (no CLI; alone, and first, for their length).
const SLOW_PAIRS = [['test/engine-cli.test.ts', 'test/messaging-preview-costs-cli.test.ts'], ['test/cli.test.ts', 'test/payments-check.test.ts'],
  ['test/mail-egress.test.ts', 'test/agent-review-cli.test.ts'], ['test/arrangements-cli.test.ts', 'test/reconciliation-cli.test.ts']];
const slowRank = (f) => { const i = SLOW_FIRST.findIndex((s) => f.endsWith(s)); return i < 0 ? SLOW_FIRST.length : i; };
/** A test file's bundle, relative to the bundles' folder: under its place in the running order (node sorts the paths). */
const bundleOf = (f) => join(String(slowRank(f)).padStart(2, '0'), f.replace(/\.ts$/, ''));

const listOnly = process.argv.includes('--list');
// --browser (npm run test:browser): test/browser/*.test.ts, in groups sharing a Chromium (browserGroups, below)
const browser = process.argv.includes('--browser');
// the browser files of one run share the seeded database the first of them keeps (test/browser/support.ts), named for
// this run: a later run, even of the same code on the same day, seeds afresh at its own time
if (browser) process.env.COBRO_BROWSER_RUN ??= `${Date.now().toString(36)}-${process.pid}`;
const args = process.argv.slice(2).filter((a) => a !== '--list' && a !== '--browser' && a !== '--groups');
const roots = args.length ? args : browser ? ['test/browser'] : ['src', 'test'];
const onPostgres = Boolean(process.env.DATABASE_URL) && !browser;
// COBRO_TEST_SPLIT=1 (.ci/run, which runs this command twice side by side, on PGlite and on PostgreSQL): the files that
// cannot reach the database run once, half of them in each run (where they run exactly as on the other: see above),
// picked by the parity of their path's bytes, so both runs take the same halves; the files that can reach it run in
// both. Without it (the README's `npm test`) the PGlite run takes every file.
const split = process.env.COBRO_TEST_SPLIT === '1' && !browser;
const isPgOnly = (f) => /(^|\/)test\/pg-[^/]*\.test\.ts$/.test(f);
const half = (f) => Buffer.from(f.split(sep).join('/')).reduce((a, b) => a + b, 0) % 2;
const takes = (f) => (onPostgres ? reachesDb(resolve(f)) || (split && half(f) === 1)
  : !isPgOnly(f) && (!split || reachesDb(resolve(f)) || half(f) === 0));
const files = roots.flatMap((r) => (statSync(r).isDirectory() ? find(r) : [r]))
  .filter((f) => f.includes('test/browser/') === browser)
  .filter(takes).sort()
  .sort((a, b) => slowRank(a) - slowRank(b));
if (listOnly) { console.log(files.join('\n')); process.exit(0); }
// node --test with no file would search the whole tree for tests of its own
if (files.length === 0) { console.log('0 passed, 0 failed (no test file here reaches this database)'); process.exit(0); }

// Test files in groups (not through tsx, not the browser tests): the files of SLOW_FIRST run each in a process of its
// own as before, the rest COBRO_TEST_GROUP (8 by default; 1: every file alone) to a process, in the order above. Each
// group's bundle loads its files one after another, then runs each file's tests inside a describe named for its path
// (test/support/test-groups.ts, which the bundles take as node:test), so a file's top-level hooks stay around its own
// tests and its failures are reported under its path; the slowest-files report gives each file's own time.
// A test file's process costs about 0.2 s of CPU with nothing in it, and one opening PGlite about 2.2 s for the first open
// (node, the bundle's modules, PGlite's WebAssembly compiled) against 0.6-0.8 s for each further open in the process.
const SHIM = resolve('test/support/test-groups.ts');

// The browser files can run in groups too (COBRO_BROWSER_GROUP=N files to a process; 1, the default for now: each alone),
// N groups at a time (COBRO_BROWSER_CONCURRENCY=N; 1 by default). Both stay at 1 until a whole lane has passed with, say,
// COBRO_BROWSER_GROUP=5 COBRO_BROWSER_CONCURRENCY=2 (2026-12-07, at load 25-40, the first files of such a run passed,
// three of them in one process one after another; the run did not end in time). The files of a group share the process's node, bundle and Chromium
// (test/browser/support.ts: one browser, a context of its own per file); each file still lays its own copy of the seeded
// database and starts its own server on a port of its own. Every copy holds the same org (same id), so what the code keeps
// per org id for the process could carry from one file's database into the next file's: the reconciliation files (the
// match snapshot, src/reconciliation/snapshot.ts, kept per org id) each go to a different group. Groups are filled slowest
// file first into the group with the least time so far (the seconds below: the slowest files' wall times alone in CI's
// lane on 9a96156; a file not named counts 20 s), and the group with most time starts first.
const BROWSER_SECONDS = { 'dashboard-risk.test.ts': 39, 'portal.test.ts': 38, 'company-logo.test.ts': 37 };
const BROWSER_APART = /\/reconciliation[^/]*\.test\.ts$/;
function browserGroups(list) {
  const n = Math.ceil(list.length / groupSize);
  const gs = Array.from({ length: n }, () => ({ files: [], seconds: 0, apart: false }));
  const secs = (f) => BROWSER_SECONDS[f.replace(/^.*test\/browser\//, '')] ?? 20;
  for (const f of [...list].sort((a, b) => secs(b) - secs(a))) {
    const apart = BROWSER_APART.test(f);
    const open = gs.filter((g) => g.files.length < groupSize && !(apart && g.apart));
    const g = (open.length ? open : gs.filter((x) => x.files.length < groupSize)).reduce((a, b) => (b.seconds < a.seconds ? b : a));
    g.files.push(f);
    g.seconds += secs(f);
    g.apart ||= apart;
  }
  return gs.filter((g) => g.files.length).sort((a, b) => b.seconds - a.seconds).map((g) => g.files);
}
const groupSize = process.env.COBRO_TEST_TSX === '1' ? 1
  : Math.max(1, Math.floor(Number((browser ? process.env.COBRO_BROWSER_GROUP : undefined) ?? process.env.COBRO_TEST_GROUP ?? (browser ? 1 : 8))) || 1);
// Every other file runs in a group, the CLI tests (test/support/cli.ts) and the files that read server secrets included:
// src/db/secrets.ts keeps each secret per database (Queryable.database, one per openDb), not per process, so a file of a
// group, or a command of the CLI tests' kept command process (one per test process, shared by the group's files), reads
// its own database's. (Kept per process by name, they had to run alone: src/worker/links.test.ts's link sealed with a
// known secret read back as null after another file had read its database's `links` secret, and portal-cli and the
// Mercado Pago and payout-breakdown CLI tests failed in groups.)
const paired = (f) => SLOW_PAIRS.some((p) => p.some((s) => f.endsWith(s)));
const alone = files.filter((f) => groupSize === 1 || (!browser && slowRank(f) < SLOW_FIRST.length && !paired(f)));
const grouped = files.filter((f) => !alone.includes(f));
const slowPairs = groupSize === 1 ? [] : SLOW_PAIRS.map((p) => grouped.filter((f) => p.some((s) => f.endsWith(s)))).filter((g) => g.length);
const rest = grouped.filter((f) => !paired(f));
const groups = browser ? browserGroups(rest) : [...slowPairs];
if (!browser) for (let i = 0; i < rest.length; i += groupSize) groups.push(rest.slice(i, i + groupSize));
const ownProcess = new Set(alone.map((f) => resolve(f)));
// `--groups` prints the processes the run would start, one a line (its files), and runs none
if (process.argv.includes('--groups')) { for (const g of [...alone.map((f) => [f]), ...groups]) console.log(g.join(' ')); process.exit(0); }
/** A group's bundle, relative to the bundles' folder: under the place in the running order of its first slow file, else after them all (node sorts the paths). */
const groupOf = (i) => join(String(Math.min(...groups[i].map(slowRank))).padStart(2, '0'), `group-${String(i).padStart(3, '0')}`);

/** Bundles the test files into a new folder under node_modules/.cache (where node finds the packages from) and returns it. */
async function bundle(entries) {
  const root = join('node_modules', '.cache');
  mkdirSync(root, { recursive: true });
  const out = mkdtempSync(join(root, 'cobro-tests-'));
  // each group's entry: its files' loaders, in order, handed to runGroup
  mkdirSync(join(out, 'groups'));
  const groupEntries = groups.map((g, i) => {
    const path = resolve(out, 'groups', `group-${i}.ts`);
    const loads = g.map((f) => `  [${JSON.stringify(f)}, () => import(${JSON.stringify(resolve(f))})],`).join('\n');
    writeFileSync(path, `import { runGroup } from ${JSON.stringify(SHIM)};\nawait runGroup([\n${loads}\n]);\n`);
    return { in: path, out: groupOf(i) };
  });
  const own = (path, text) => text
    .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href))
    .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
    .replaceAll('import.meta.filename', JSON.stringify(path));
  try {
    await build({
      entryPoints: [...entries.map((f) => ({ in: f, out: bundleOf(f) })), ...groupEntries], outdir: out, outExtension: { '.js': '.mjs' },
      bundle: true, splitting: true, chunkNames: 'chunks/[name]-[hash]', platform: 'node', format: 'esm', target: 'node20',
      packages: 'external', sourcemap: 'linked', logLevel: 'error',
      plugins: [{
        name: 'own-import-meta',
        setup(b) {
          // (a file that runs alone keeps node:test itself: node reports each test's file from where it was declared)
          b.onResolve({ filter: /^node:test$/ }, (a) => (a.importer === SHIM || ownProcess.has(a.importer) ? undefined : { path: SHIM }));
          b.onLoad({ filter: /\.[cm]?ts$/ }, async (a) => ({ contents: own(a.path, await readFile(a.path, 'utf8')), loader: 'ts', resolveDir: dirname(a.path) }));
        },
      }],
    });
  } catch {
    // esbuild has printed what it could not compile: through tsx that file fails on its own and the others still run
    rmSync(out, { recursive: true, force: true });
    console.log('(bundling the test files failed: running them through tsx)');
    return undefined;
  }
  return out;
}

const out = process.env.COBRO_TEST_TSX === '1' ? undefined : await bundle(alone);
const viaTsx = !out;
// the durations reporter writes beside the bundles (or, through tsx, into a folder of its own)
if (!out) mkdirSync(join('node_modules', '.cache'), { recursive: true });
const timesDir = out ?? mkdtempSync(join('node_modules', '.cache', 'cobro-test-times-'));
const timesFile = join(timesDir, 'durations.tsv');
const cleanUp = () => rmSync(timesDir, { recursive: true, force: true });
const runs = out ? [...alone.map((f) => join(out, `${bundleOf(f)}.mjs`)), ...groups.map((g, i) => join(out, `${groupOf(i)}.mjs`))] : files;
// node's own reporter as it would pick it (spec on a terminal, tap otherwise) beside the durations one
const reporters = [
  `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`, '--test-reporter-destination=stdout',
  `--test-reporter=${pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'test-durations.mjs')).href}`, `--test-reporter-destination=${timesFile}`,
];
const started = Date.now();
const concurrency = Math.max(1, Math.floor(Number(browser ? process.env.COBRO_BROWSER_CONCURRENCY : process.env.COBRO_TEST_CONCURRENCY)) || (browser ? 1 : 2));
// PGlite's WebAssembly runs on V8's baseline compiler only (--liftoff-only; node's test runner gives the flag to every
// file's process, and test/support/cli.ts's childNodeFlags to the processes the tests start): by default V8 also compiles
// the functions PostgreSQL's start-up runs hot with its optimizing compiler, about 0.4 s of CPU at every PGlite open
// (in-memory or folder) that the test processes, hundreds of them, did not win back: the contact-law simulation, the
// suite's heaviest database work, took the same CPU either way. The code run is the same; only how V8 compiles it differs.
const WASM_FLAGS = ['--liftoff-only'];
const child = spawn(process.execPath, [...WASM_FLAGS, ...(viaTsx ? ['--import', 'tsx'] : []), '--test', `--test-concurrency=${concurrency}`, ...reporters, ...runs], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));

/** Prints the slowest files of the run (and writes them all where COBRO_TEST_DURATIONS says). */
function reportDurations() {
  let lines = [];
  try { lines = readFileSync(timesFile, 'utf8').split('\n').filter(Boolean); } catch { return; }
  const source = (p) => {
    const rel = out && p.startsWith(resolve(out) + sep) ? p.slice(resolve(out).length + 1).replace(/^\d+[/\\]/, '').replace(/\.mjs$/, '.ts') : p;
    return rel.startsWith(process.cwd() + sep) ? rel.slice(process.cwd().length + 1) : rel;
  };
  const rows = lines.map((l) => { const [ms, result, p] = l.split('\t'); return { ms: Number(ms), result, file: source(p) }; })
    .sort((a, b) => b.ms - a.ms);
  if (process.env.COBRO_TEST_DURATIONS) writeFileSync(process.env.COBRO_TEST_DURATIONS, rows.map((r) => `${r.ms}\t${r.result}\t${r.file}\n`).join(''));
  const n = Number(process.env.COBRO_TEST_SLOWEST ?? 15);
  if (!(n > 0) || rows.length === 0) return;
  const total = rows.reduce((s, r) => s + r.ms, 0);
  console.log(`# slowest ${Math.min(n, rows.length)} of ${rows.length} files (wall ${((Date.now() - started) / 1000).toFixed(0)} s, files' times summed ${(total / 1000).toFixed(0)} s):`);
  for (const r of rows.slice(0, n)) console.log(`# ${(r.ms / 1000).toFixed(1).padStart(7)} s  ${r.result === 'ok' ? '' : 'FAILED '}${r.file}`);
}
child.on('exit', (code, signal) => { reportDurations(); cleanUp(); process.exit(code ?? (signal ? 1 : 0)); });
