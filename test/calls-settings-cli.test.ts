// `cobro calls settings`: the settings of calls the debtor makes (the same as GET/PUT /v1/calls/settings), shown with
// cobro's defaults, changed only where an option is given, and a value out of range refused naming the option. The
// command is pinned to a PGlite folder, so the PostgreSQL lane does not run this file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCobro } from './support/cli.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

describe('cobro calls settings', () => {
  it('shows the defaults, changes what is given, keeps the rest, and refuses a value out of range', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cobro-call-settings-'));
    try {
      await pgliteFolder(join(dir, 'data'));
      const env = { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' };
      assert.equal((await runCobro(['calls', 'settings'], env)).stdout.trim(),
        'a call\'s one-time code: void after 3 wrong codes, typed within 10 minutes · a put-through rings 20 seconds');
      const changed = JSON.parse((await runCobro(['calls', 'settings', '--ring-seconds', '45', '--code-attempts', '1', '--json'], env)).stdout) as Record<string, number>;
      assert.deepEqual(changed, { code_attempts: 1, code_minutes: 10, ring_seconds: 45 });
      assert.equal((await runCobro(['calls', 'settings', '--code-minutes', '15'], env)).stdout.trim(),
        'a call\'s one-time code: void after 1 wrong code, typed within 15 minutes · a put-through rings 45 seconds');
      await assert.rejects(runCobro(['calls', 'settings', '--ring-seconds', '300'], env), /--ring-seconds.*a whole number from 5 to 120/s);
      assert.deepEqual(JSON.parse((await runCobro(['calls', 'settings', '--json'], env)).stdout), { code_attempts: 1, code_minutes: 15, ring_seconds: 45 });
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
