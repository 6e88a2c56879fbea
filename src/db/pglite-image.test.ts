import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openPglite } from './pglite.ts';
import { imageName, imageNameFor, keptImage } from './pglite-image.ts';
import { migrationFiles, readMigrations } from './migrate.ts';

describe('the migrated PGlite image', () => {
  it('is kept after a first in-memory open, and a database opened from it has every migration and none of the first one\'s rows', async () => {
    const first = await openPglite();
    await first.query(`INSERT INTO orgs (id, name) VALUES ('org_image_test', 'Only in the first')`);
    assert.ok(keptImage(imageName(readMigrations())), 'an image is kept in the temp folder');
    const second = await openPglite();
    const applied = (await second.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name);
    assert.deepEqual(applied, migrationFiles());
    assert.equal((await second.query(`SELECT 1 FROM orgs WHERE id = 'org_image_test'`)).length, 0);
    await Promise.all([first.close(), second.close()]);
  });

  it('is never written by a database opened from it: rows one wrote and checkpointed into its files are not in the next', async () => {
    await (await openPglite()).close(); // the image kept, if it was not
    const first = await openPglite();
    await first.query(`INSERT INTO orgs (id, name) SELECT 'org_cow_' || g, 'Written ' || g FROM generate_series(1, 2000) g`);
    await first.exec('CHECKPOINT'); // every page written out to the in-memory files, the orgs table's and the commit log's
    const second = await openPglite();
    try {
      assert.equal((await second.query(`SELECT 1 FROM orgs WHERE id LIKE 'org_cow_%'`)).length, 0);
      assert.equal((await first.query(`SELECT 1 FROM orgs WHERE id LIKE 'org_cow_%'`)).length, 2000);
      await second.query(`INSERT INTO orgs (id, name) VALUES ('org_cow_second', 'Second')`);
      assert.deepEqual(await second.query(`SELECT count(*)::int AS n FROM orgs WHERE id LIKE 'org_cow_%'`), [{ n: 1 }]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('is named for the migrations\' text and PGlite\'s version, so a changed migration never opens a stale image', () => {
    const base: [string, string][] = [['001_a.sql', 'CREATE TABLE a (id int);'], ['002_b.sql', 'CREATE TABLE b (id int);']];
    const name = imageNameFor('0.5.16', base);
    assert.equal(imageNameFor('0.5.16', base.map(([n, t]) => [n, t])), name);
    assert.notEqual(imageNameFor('0.5.16', [base[0]!, ['002_b.sql', 'CREATE TABLE b (id bigint);']]), name);
    assert.notEqual(imageNameFor('0.5.16', [...base, ['003_c.sql', '']]), name);
    assert.notEqual(imageNameFor('0.5.17', base), name);
  });
});
