// A PGlite data folder for a test that runs the cobro command on it, laid from the kept migrated image
// (src/db/pglite-image.ts): the first command then opens a migrated database instead of running initdb and every
// migration (about 7 s of CPU each time). test/cli.test.ts still starts from an empty folder, so that path stays tested.
import { PGlite } from '@electric-sql/pglite';
import { openDb } from '../../src/db/index.ts';
import { imageName, keptImage } from '../../src/db/pglite-image.ts';
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
  const pg = new PGlite({ dataDir: dir, loadDataDir: image });
  await pg.waitReady;
  await pg.close();
  return dir;
}
