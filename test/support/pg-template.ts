// PostgreSQL test schemas laid from a migrated template instead of running every migration in each (2 to 3 s each, the
// tests open hundreds). Once per set of migrations a schema is migrated, dumped by pg_dump (tables, functions, triggers,
// policies, grants and schema_migrations' rows) and the dump kept in the temp folder under a name holding a hash of the
// server's version, the user and every migration's name and text, as src/db/pglite-image.ts keys PGlite's image: a
// changed or added migration makes a new dump, never a stale one. A test schema is then the dump run with the template's
// name replaced, in one round trip and one transaction; openDb's migrate() finds every migration applied and adds nothing.
// Without pg_dump (or when it fails) laySchema returns false and the caller migrates as before.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { openDb } from '../../src/db/index.ts';
import { migrationFiles, migrationText } from '../../src/db/migrate.ts';

const run = promisify(execFile);
const PLACEHOLDER = '__cobro_template_schema__';

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {});
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}

/** The hash naming the template: the server's version and user, and every migration's name and text. */
function templateKey(server: string): string {
  const h = createHash('sha256');
  h.update(server);
  for (const f of migrationFiles()) h.update(`\0${f}\0${migrationText(f)}`);
  return h.digest('hex').slice(0, 16);
}

/** Migrates a schema of its own, dumps it with its name replaced by the placeholder, drops it, and returns the dump. */
async function makeDump(url: string, key: string, rls: boolean): Promise<string> {
  const schema = `tpl_${key}_${randomBytes(3).toString('hex')}`;
  const db = await openDb({ databaseUrl: url, schema, rls, ownerOutsideScopes: true });
  try {
    const { stdout } = await run('pg_dump', ['--dbname', url, '--schema', schema, '--inserts', '--no-owner'], { maxBuffer: 64 << 20 });
    if (!stdout.includes(`CREATE SCHEMA ${schema};`)) throw new Error('pg_dump gave no schema');
    // recent pg_dumps open and close with psql's \restrict and \unrestrict, meta-commands the server does not take
    return stdout.replace(/^\\.*$/gm, '').replaceAll(schema, PLACEHOLDER);
  } finally {
    await db.exec(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
    await db.close();
  }
}

/** The kept dump for today's migrations, made (once across processes, under an advisory lock) when missing. */
async function templateDump(url: string, rls: boolean): Promise<string> {
  return withClient(url, async (c) => {
    // the dump names the user it was made as (its default privileges), so the user is in the key beside the version
    const [row] = (await c.query<{ v: string; u: string }>("SELECT current_setting('server_version_num') AS v, current_user AS u")).rows;
    const key = templateKey(`${row?.v ?? ''}\0${row?.u ?? ''}`);
    const file = join(tmpdir(), `cobro-pg-template-${key}.sql`);
    const kept = () => { try { return readFileSync(file, 'utf8'); } catch { return undefined; } };
    const first = kept();
    if (first) return first;
    // the processes of a run race to make it: one does, the others wait and read it
    await c.query('SELECT pg_advisory_lock(4242002)');
    try {
      const again = kept();
      if (again) return again;
      const dump = await makeDump(url, key, rls);
      // a migration added or changed while the template migrated: the dump may hold it, so it is not kept under this key
      if (templateKey(`${row?.v ?? ''}\0${row?.u ?? ''}`) !== key) return dump;
      const aside = `${file}.${randomBytes(4).toString('hex')}.part`;
      writeFileSync(aside, dump);
      renameSync(aside, file);
      return dump;
    } finally {
      await c.query('SELECT pg_advisory_unlock(4242002)');
    }
  });
}

let dump: Promise<string | undefined> | undefined;

/** Lays a new schema from the migrated template; false when there is no template to lay it from (migrate instead). */
export async function laySchema(url: string, schema: string, rls: boolean): Promise<boolean> {
  dump ??= templateDump(url, rls).catch((e: unknown) => {
    console.error(`(no PostgreSQL template schema, each test schema migrates: ${e instanceof Error ? e.message : String(e)})`);
    return undefined;
  });
  const text = await dump;
  if (!text) return false;
  try {
    await withClient(url, (c) => c.query(text.replaceAll(PLACEHOLDER, schema)));
    return true;
  } catch (e) {
    console.error(`(laying test schema ${schema} from the template failed, it migrates: ${e instanceof Error ? e.message : String(e)})`);
    await withClient(url, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).catch(() => {});
    return false;
  }
}

