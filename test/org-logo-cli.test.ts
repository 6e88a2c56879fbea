// `cobro compliance logo set FILE | show | remove`: a PNG is set with its pixel size, a GIF is refused naming the field,
// the statement the CLI writes then carries the image, and removal takes it off.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GIF, png } from './support/images.ts';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

describe('the logo commands', () => {
  let dir = '';
  const env = () => ({ ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' });
  const cobro = async (...args: string[]) => (await runCobro(args, env())).stdout;
  before(async () => { dir = mkdtempSync(join(tmpdir(), 'cobro-logo-cli-')); await pgliteFolder(join(dir, 'data')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  it('sets, shows and removes the logo, refusing a GIF', async () => {
    writeFileSync(join(dir, 'logo.png'), png(200, 50));
    writeFileSync(join(dir, 'logo.gif'), GIF);
    await assert.rejects(runCobro(['compliance', 'logo', 'set', join(dir, 'logo.gif')], env()), /logo: the logo must be a PNG or JPEG image/);
    assert.match(await cobro('compliance', 'logo', 'set', join(dir, 'logo.png')), /^logo set: image\/png 200×50, \d+ bytes/);
    assert.deepEqual((JSON.parse(await cobro('compliance', 'logo', 'show')) as { width: number; height: number }).width, 200);
    const csv = join(dir, 'c.csv');
    writeFileSync(csv, 'external_id,name,email\nC-1,Logo SA,l@example.com\n');
    await cobro('import', 'customers', csv);
    await cobro('portal', 'statement', 'C-1', '--out', join(dir, 's.pdf'));
    assert.match(readFileSync(join(dir, 's.pdf')).toString('latin1'), /\/Subtype \/Image\s*\/BitsPerComponent 8\s*\/Width 200\s*\/Height 50/);
    assert.equal(await cobro('compliance', 'logo', 'remove'), 'logo removed\n');
    assert.equal(await cobro('compliance', 'logo', 'show'), 'null\n');
  });
});
