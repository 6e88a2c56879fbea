// `cobro users create --email --role [--name]`: a user of the workspace with a one-time password printed once.
import { Option, type Command } from 'commander';
import type { Config } from '../config.ts';
import { createUser, ROLES, type Role } from '../orgs/index.ts';
import { recordAudit } from '../audit/index.ts';
import { withOrg } from './session.ts';

export async function usersCreateCommand(config: Config, o: { email: string; role: Role; name?: string; org?: string }): Promise<void> {
  await withOrg(config, o.org, async (db, org) => {
    const r = await createUser(db, org.id, { email: o.email, role: o.role, ...(o.name ? { name: o.name } : {}) });
    if (!r.ok) throw new Error(r.error.message);
    const { user, password } = r.value;
    await recordAudit(db, { orgId: org.id, actor: 'cli', action: 'user.created', entity: 'user', entityId: user.id, data: { role: user.role } });
    process.stdout.write(`${password}\n`);
    process.stderr.write(`created ${user.role} user ${user.email} (${user.id}) in ${org.name}; the one-time password above is shown once `
      + 'and must be changed after the first sign-in\n');
  });
}

/** Adds `cobro users create` to the program. */
export function registerUsersCommand(program: Command, config: Config): void {
  const users = program.command('users').description('users who sign in to the workspace');
  users.command('create').description('create a user and print a one-time password (shown once)')
    .requiredOption('--email <email>', 'the email they sign in with')
    .addOption(new Option('--role <role>', 'their role').choices(ROLES).makeOptionMandatory())
    .option('--name <name>', 'their name').addOption(new Option('--org <id>', 'org to work in'))
    .action((o: { email: string; role: Role; name?: string; org?: string }) => usersCreateCommand(config, o));
}
