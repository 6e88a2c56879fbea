// A PGlite data folder for a test that runs the cobro command on it, laid from the kept migrated image
// (src/db/pglite-image.ts): the first command then opens a migrated database instead of running initdb and every
// migration (about 7 s of CPU each time). test/cli.test.ts still starts from an empty folder, so that path stays tested.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../../src/db/index.ts';
import { imageEntries, imageName, keptImage } from '../../src/db/pglite-image.ts';
import { readMigrations } from '../../src/db/migrate.ts';

/** Lays a migrated database in dir (which must not hold one yet) and returns dir. */
export async function pgliteFolder(dir: string): Promise<string> {
  const name = imageName(readMigrations());
  let image = keptImage(name);
  if (!image) {
    await (await openDb({})).close(); // an in-memory database migrates once and keeps the image
    image = keptImage(name);
  }
  if (!image) return dir; // a temp folder that cannot keep it: the first command migrates, as without this
  // The image's files written where PGlite's NodeFS mounts the folder (as its data folder), as PGlite's loadDataDir
  // writes them; the first open starts the server on them. Laying them through PGlite (new PGlite({ dataDir, loadDataDir })
  // then close) started and stopped a database for nothing: about 2.5 s of CPU a folder.
  const tar = new Uint8Array(await image.arrayBuffer());
  mkdirSync(dir, { recursive: true });
  for (const { path, data } of imageEntries(tar)) {
    const at = join(dir, path);
    if (!data) { mkdirSync(at, { recursive: true }); continue; }
    mkdirSync(join(at, '..'), { recursive: true });
    writeFileSync(at, data);
  }
  return dir;
}
