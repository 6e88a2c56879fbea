import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openPglite } from './pglite.ts';
import { keptImage } from './pglite-image.ts';
import { migrationFiles } from './migrate.ts';

describe('the migrated PGlite image', () => {
  it('is kept after a first in-memory open, and a database opened from it has every migration and none of the first one\'s rows', async () => {
    const first = await openPglite();
    await first.query(`INSERT INTO orgs (id, name) VALUES ('org_image_test', 'Only in the first')`);
    assert.ok(keptImage(), 'an image is kept in the temp folder');
    const second = await openPglite();
    const applied = (await second.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name);
    assert.deepEqual(applied, migrationFiles());
    assert.equal((await second.query(`SELECT 1 FROM orgs WHERE id = 'org_image_test'`)).length, 0);
    await Promise.all([first.close(), second.close()]);
  });

  it('is not used when COBRO_PGLITE_IMAGE is off', () => {
    process.env.COBRO_PGLITE_IMAGE = 'off';
    try {
      assert.equal(keptImage(), undefined);
    } finally {
      delete process.env.COBRO_PGLITE_IMAGE;
    }
  });
});
