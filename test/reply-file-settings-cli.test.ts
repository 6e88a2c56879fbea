// `cobro replies file-settings`: the org's limits on files sent with replies (the same as GET/PUT
// /v1/replies/file-settings), shown with cobro's defaults, changed only where an option is given, and a value out of range
// refused naming the option. The command is pinned to a PGlite folder, so the PostgreSQL lane does not run this file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

describe('cobro replies file-settings', () => {
  it('shows the defaults, changes what is given, keeps the rest, and refuses a value out of range', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cobro-reply-files-'));
    try {
      await pgliteFolder(join(dir, 'data'));
      const env = { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' };
      assert.equal((await runCobro(['replies', 'file-settings'], env)).stdout.trim(),
        'files sent with replies: kept up to 10 MB each (larger ones refused) · one fetch from WhatsApp or Twilio may take 15 seconds');
      assert.deepEqual(JSON.parse((await runCobro(['replies', 'file-settings', '--max-file-mb', '4', '--json'], env)).stdout),
        { max_file_mb: 4, fetch_timeout_seconds: 15 });
      await assert.rejects(runCobro(['replies', 'file-settings', '--max-file-mb', '40'], env), /--max-file-mb.*a whole number from 1 to 25/s);
      await assert.rejects(runCobro(['replies', 'file-settings', '--fetch-timeout-seconds', '1'], env), /--fetch-timeout-seconds.*a whole number from 5 to 60/s);
      assert.equal((await runCobro(['replies', 'file-settings', '--fetch-timeout-seconds', '40'], env)).stdout.trim(),
        'files sent with replies: kept up to 4 MB each (larger ones refused) · one fetch from WhatsApp or Twilio may take 40 seconds');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
