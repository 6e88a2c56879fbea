// A migrated empty database kept as a file in the temp folder, so that an in-memory PGlite (the tests open hundreds)
// starts from it in under a second instead of running every migration again. The file's name holds a hash of PGlite's
// version and of every migration's name and text: a changed or added migration makes a new image, never a stale one.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Migration } from './migrate.ts';

const PREFIX = 'cobro-pglite-';

/** PGlite's version, from the package.json above its entry file (the package does not export that file). */
function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite') return String(pkg.version);
    } catch { /* not here: one folder up */ }
    if (dirname(dir) === dir) return 'unknown';
    dir = dirname(dir);
  }
}

/** The image's file name for a PGlite version and the migrations as [name, text] pairs. */
export function imageNameFor(version: string, migrations: Migration[]): string {
  const h = createHash('sha256');
  h.update(version);
  for (const [name, text] of migrations) h.update(`\0${name}\0${text}`);
  return `${PREFIX}${h.digest('hex').slice(0, 20)}.tar`;
}

/**
 * The image's name for these migrations (read once by the caller, who migrates from the same list: a migration added
 * while a database migrates must not give the image a name it does not hold).
 */
export const imageName = (migrations: Migration[]) => imageNameFor(pgliteVersion(), migrations);

/** The image kept under this name, else undefined. */
export function keptImage(name: string): Blob | undefined {
  try {
    return new Blob([readFileSync(join(tmpdir(), name))]);
  } catch {
    return undefined;
  }
}

/** Keeps a migrated database's files as the image (written aside, then renamed, so a reader never sees half a file). */
export async function keepImage(pg: PGlite, name: string): Promise<void> {
  const bytes = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
  const aside = join(tmpdir(), `${name}.${randomBytes(4).toString('hex')}.part`);
  try {
    writeFileSync(aside, bytes);
    renameSync(aside, join(tmpdir(), name));
    // images of older migrations are of no further use
    for (const f of readdirSync(tmpdir())) if (f.startsWith(PREFIX) && f.endsWith('.tar') && f !== name) rmSync(join(tmpdir(), f), { force: true });
  } catch {
    rmSync(aside, { force: true }); // a full or read-only temp folder only costs the next opener the migrations
  }
}
