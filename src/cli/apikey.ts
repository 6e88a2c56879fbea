// `cobro apikey create --role ROLE`: a new API key for the org; the secret is printed once.
import type { Config } from '../config.ts';
import { createApiKey, type Role } from '../orgs/index.ts';
import { recordAudit } from '../audit/index.ts';
import { withOrg } from './session.ts';

export async function apikeyCommand(config: Config, o: { role: Role; name: string; org?: string }): Promise<void> {
  await withOrg(config, o.org, async (db, org) => {
    const { key, secret } = await createApiKey(db, org.id, o.role, o.name);
    await recordAudit(db, { orgId: org.id, actor: 'cli', action: 'api_key.created', entity: 'api_key', entityId: key.id, data: { role: o.role } });
    process.stdout.write(`${secret}\n`);
    process.stderr.write(`created ${key.role} key ${key.id} for ${org.name}; the secret above is not stored and cannot be shown again\n`);
  });
}
