// `cobro compliance logo set FILE | show | remove`: the org's logo on the debtor's statement, beside the company address
// and tax id `cobro compliance settings` keeps (a PNG or JPEG of at most 512 KB, checked as the API checks it).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { getOrgLogoInfo, removeOrgLogo, setOrgLogo } from '../orgs/index.ts';
import { withOrg } from './session.ts';

export function registerOrgLogo(compliance: Command, config: Config): void {
  const logo = compliance.command('logo').description('the org\'s logo on the debtor\'s statement (PDF and HTML heading)');
  logo.command('set').description('set the logo from a PNG or JPEG file (at most 512 KB, 4096 pixels a side)').argument('<file>', 'the image file')
    .option('--org <id>', 'org to work in')
    .action((file: string, o: { org?: string }) => withOrg(config, o.org, async (db, org) => {
      const r = await db.transaction((tx) => setOrgLogo(tx, org.id, 'cli', readFileSync(file), new Date()));
      if (!r.ok) throw new Error(`${r.error.field ?? 'logo'}: ${r.error.message}`);
      process.stdout.write(`logo set: ${r.value.content_type} ${r.value.width}×${r.value.height}, ${r.value.size} bytes\n`);
    }));
  logo.command('show').description('what the logo is (type, pixel size, bytes), if any').option('--org <id>', 'org to work in')
    .action((o: { org?: string }) => withOrg(config, o.org, async (db, org) => {
      process.stdout.write(`${JSON.stringify(await getOrgLogoInfo(db, org.id), null, 2)}\n`);
    }));
  logo.command('remove').description('remove the logo').option('--org <id>', 'org to work in')
    .action((o: { org?: string }) => withOrg(config, o.org, async (db, org) => {
      const removed = await db.transaction((tx) => removeOrgLogo(tx, org.id, 'cli', new Date()));
      process.stdout.write(removed ? 'logo removed\n' : 'the org had no logo\n');
    }));
}
