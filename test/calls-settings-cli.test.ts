// `cobro calls settings`: the org's call settings (the same as GET/PUT /v1/calls/settings), shown with
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
        'a call\'s one-time code: void after 3 wrong codes, typed within 10 minutes · a put-through rings 20 seconds, the person has 6 seconds to press 1, '
        + 'answering machine detection off · speech under 0.5 confidence is asked again');
      const changed = JSON.parse((await runCobro(['calls', 'settings', '--ring-seconds', '45', '--code-attempts', '1', '--json'], env)).stdout) as Record<string, number>;
      const rest = { screen_seconds: 6, speech_threshold: 0.5, machine_detection: false };
      assert.deepEqual(changed, { code_attempts: 1, code_minutes: 10, ring_seconds: 45, ...rest });
      assert.equal((await runCobro(['calls', 'settings', '--code-minutes', '15', '--screen-seconds', '10', '--speech-threshold', '0.65', '--machine-detection', 'on'], env))
        .stdout.trim(), 'a call\'s one-time code: void after 1 wrong code, typed within 15 minutes · a put-through rings 45 seconds, the person has 10 seconds to '
        + 'press 1, answering machine detection on · speech under 0.65 confidence is asked again');
      await assert.rejects(runCobro(['calls', 'settings', '--ring-seconds', '300'], env), /--ring-seconds.*a whole number from 5 to 120/s);
      await assert.rejects(runCobro(['calls', 'settings', '--screen-seconds', '2'], env), /--screen-seconds.*a whole number from 3 to 20/s);
      await assert.rejects(runCobro(['calls', 'settings', '--speech-threshold', '1.5'], env), /--speech-threshold.*a number from 0 to 1/s);
      await assert.rejects(runCobro(['calls', 'settings', '--machine-detection', 'yes'], env), /--machine-detection.*on or off/s);
      assert.deepEqual(JSON.parse((await runCobro(['calls', 'settings', '--json'], env)).stdout),
        { code_attempts: 1, code_minutes: 15, ring_seconds: 45, screen_seconds: 10, speech_threshold: 0.65, machine_detection: true });
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
