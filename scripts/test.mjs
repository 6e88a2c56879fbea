// Runs every *.test.ts under src/ and test/ with node's test runner through tsx (Node 20 does not expand globs itself).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['src', 'test'];
// test/pg-*.test.ts need PostgreSQL itself (row-level security cannot bite on PGlite's one superuser): they belong to
// the PostgreSQL run (DATABASE_URL set), as the browser tests belong to theirs.
const onPostgres = Boolean(process.env.DATABASE_URL);
const files = roots.flatMap((r) => (statSync(r).isDirectory() ? find(r) : [r]))
  .filter((f) => !f.includes('test/browser/') && (onPostgres || !/(^|\/)test\/pg-[^/]*\.test\.ts$/.test(f))).sort();
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
