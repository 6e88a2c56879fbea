// Runs every *.test.ts under src/ and test/ with node's test runner through tsx (Node 20 does not expand globs itself).
//
// Which files run where. On embedded PGlite (no DATABASE_URL) every file runs, except test/pg-*.test.ts, which need
// PostgreSQL itself (row-level security cannot bite on PGlite's one superuser). With DATABASE_URL set (the PostgreSQL
// run that .ci/run makes after the PGlite one) only the files that can reach that database run: a file whose body (or a
// test/support module it imports, followed through their own imports) calls testDb, testApi, openDb or loadConfig, or
// names DATABASE_URL or databaseUrl. The others would run exactly as they did in the PGlite run: pure unit tests, the
// parser fuzzing, the provider contracts, and the CLI tests, which pin their child processes to a PGlite folder
// (DATABASE_URL: '' and openDb({ dataDir })); those patterns, import lines and loadConfig({ ...explicit env }) do not
// count. When in doubt a file counts as reaching the database (a wasted run, never a lost one).
// `node scripts/test.mjs --list [paths]` prints the files the run would take, and runs none.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { spawnSync } from 'node:child_process';

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
const PINNED = /DATABASE_URL: ''|openDb\(\{ dataDir|loadConfig\(\{/g;
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

const listOnly = process.argv.includes('--list');
const args = process.argv.slice(2).filter((a) => a !== '--list');
const roots = args.length ? args : ['src', 'test'];
const onPostgres = Boolean(process.env.DATABASE_URL);
const files = roots.flatMap((r) => (statSync(r).isDirectory() ? find(r) : [r]))
  .filter((f) => !f.includes('test/browser/'))
  .filter((f) => (onPostgres ? reachesDb(resolve(f)) : !/(^|\/)test\/pg-[^/]*\.test\.ts$/.test(f))).sort();
if (listOnly) { console.log(files.join('\n')); process.exit(0); }
// node --test with no file would search the whole tree for tests of its own
if (files.length === 0) { console.log('0 passed, 0 failed (no test file here reaches this database)'); process.exit(0); }
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
