// `cobro keys ...` as parsed from argv, in a test's database and org, returning what it printed.
import { Command } from 'commander';
import type { Db } from '../../src/db/index.ts';
import { loadConfig } from '../../src/config.ts';
import { getOrg } from '../../src/orgs/index.ts';
import { registerKeys } from '../../src/cli/keys.ts';

export async function keysCli(db: Db, orgId: string, ...args: string[]): Promise<string> {
  const out: string[] = [];
  const program = new Command('cobro').exitOverride();
  const o = (await getOrg(db, orgId))!;
  registerKeys(program, loadConfig({ COBRO_DEMO: '0' }), { out: (text) => { out.push(text); }, withOrg: (_id, fn) => fn(db, o), withDb: (fn) => fn(db) });
  await program.parseAsync(['node', 'cobro', 'keys', ...args]);
  return out.join('');
}
