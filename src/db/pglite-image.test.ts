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

  it('is named for the migrations\' text and PGlite\'s version, so a changed migration never opens a stale image', () => {
    const base: [string, string][] = [['001_a.sql', 'CREATE TABLE a (id int);'], ['002_b.sql', 'CREATE TABLE b (id int);']];
    const name = imageNameFor('0.5.16', base);
    assert.equal(imageNameFor('0.5.16', base.map(([n, t]) => [n, t])), name);
    assert.notEqual(imageNameFor('0.5.16', [base[0]!, ['002_b.sql', 'CREATE TABLE b (id bigint);']]), name);
    assert.notEqual(imageNameFor('0.5.16', [...base, ['003_c.sql', '']]), name);
    assert.notEqual(imageNameFor('0.5.17', base), name);
  });
});
