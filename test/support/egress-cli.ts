// A throwaway PGlite folder for CLI tests of the egress policy, and the environment a command runs in there with
// COBRO_EGRESS_ALLOW set as given, or unset (the operator's default: public addresses only).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgliteFolder } from './pglite-folder.ts';

export interface EgressCliFolder { dir: string; env(allow: string | undefined): NodeJS.ProcessEnv; remove(): void }

export async function egressCliFolder(prefix: string): Promise<EgressCliFolder> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  await pgliteFolder(join(dir, 'data'));
  return {
    dir,
    env: (allow) => {
      const e: NodeJS.ProcessEnv = { ...process.env, COBRO_DATA_DIR: join(dir, 'data'), COBRO_DEMO: '0', DATABASE_URL: '' };
      if (allow === undefined) delete e['COBRO_EGRESS_ALLOW']; else e['COBRO_EGRESS_ALLOW'] = allow;
      return e;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
