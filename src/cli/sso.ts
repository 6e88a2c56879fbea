// `cobro sso set|show|disable`: the org's OpenID Connect provider. The client secret is read from a file or stdin (never
// from the command line, where it would land in shell history) and sealed at rest.
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { Org } from '../orgs/index.ts';
import { ROLES, type Role } from '../orgs/index.ts';
import { vaultKey } from '../vault/index.ts';
import { disableSso, putSso, showSso, type SsoSummary } from '../sso/index.ts';
import { withOrg } from './session.ts';

interface SetOptions {
  issuer: string; clientId: string; clientSecretFile?: string; domains: string; label?: string; defaultRole?: Role;
  roleClaim?: string; roleMap?: string; createUsers?: boolean; disabled?: boolean; org?: string;
}

/** "ops=manager,staff=collector" as a claim value -> role map. */
function roleMap(v: string | undefined): Record<string, string> {
  if (!v) return {};
  return Object.fromEntries(v.split(',').map((pair) => {
    const at = pair.lastIndexOf('=');
    if (at < 1) throw new Error(`--role-map: "${pair}" is not value=role`);
    return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
  }));
}

function describe(s: SsoSummary, callback: string): string {
  const role = s.role_claim ? `role from claim ${s.role_claim} (${Object.entries(s.role_map).map(([k, v]) => `${k}=${v}`).join(', ')}), else ${s.default_role ?? 'refused'}`
    : `role ${s.default_role ?? 'none (new users refused)'}`;
  return [`${s.label}: ${s.enabled ? 'enabled' : 'disabled'}`, `issuer        ${s.issuer}`, `client id     ${s.client_id} (secret ${s.client_secret_hint})`,
    `domains       ${s.allowed_domains.join(', ')}`, `new users     ${s.create_users ? `made on first sign-in, ${role}` : 'not made: only existing users sign in'}`,
    `redirect URI  ${callback} (register it at the provider)`, `updated       ${s.updated_at} by ${s.updated_by}`].join('\n') + '\n';
}

/** Where the commands print and how they reach the org's database (a test passes its own). */
export interface SsoCliIo {
  out(text: string): void;
  withOrg<T>(orgId: string | undefined, fn: (db: Db, org: Org) => Promise<T>): Promise<T>;
}

export function registerSso(program: Command, config: Config, io: SsoCliIo = {
  out: (text) => { process.stdout.write(text); }, withOrg: (orgId, fn) => withOrg(config, orgId, fn),
}): void {
  const out = (text: string) => io.out(text);
  const callback = `${(config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '')}/v1/sso/callback`;
  const sso = program.command('sso').description('single sign-on through an OpenID Connect provider (one per org)');
  sso.command('set').description('configure the provider (replaces the settings; the secret is kept when no file is given)')
    .requiredOption('--issuer <url>', 'the issuer URL (https)').requiredOption('--client-id <id>', 'the client id cobro is registered with')
    .option('--client-secret-file <file>', 'a file holding the client secret, or - for stdin')
    .requiredOption('--domains <list>', 'email domains allowed to sign in, separated by commas')
    .option('--label <text>', 'the button says "Sign in with <label>"', 'SSO')
    .addOption(new Option('--default-role <role>', 'role of users made on first sign-in').choices(ROLES))
    .option('--role-claim <claim>', 'an id_token claim mapped to roles with --role-map')
    .option('--role-map <pairs>', 'claim value=role pairs, e.g. cobro-admins=admin,staff=collector')
    .option('--create-users', 'make users on their first sign-in').option('--disabled', 'store the settings but keep the button off')
    .option('--org <id>', 'org to work in')
    .action((o: SetOptions) => io.withOrg(o.org, async (db, org) => {
      const secret = o.clientSecretFile ? readFileSync(o.clientSecretFile === '-' ? 0 : o.clientSecretFile, 'utf8').trim() : undefined;
      const r = await putSso(db, await vaultKey(db, config.secretKey), org.id, 'cli', {
        issuer: o.issuer, client_id: o.clientId, ...(secret !== undefined ? { client_secret: secret } : {}), label: o.label ?? 'SSO',
        allowed_domains: o.domains.split(',').map((d) => d.trim()).filter(Boolean), default_role: o.defaultRole ?? null,
        role_claim: o.roleClaim ?? null, role_map: roleMap(o.roleMap), create_users: Boolean(o.createUsers), enabled: !o.disabled,
      }, new Date());
      if (!r.ok) throw new Error(r.error.message);
      out(describe(r.value, callback));
    }));
  sso.command('show').description('the provider\'s settings (the secret only as its last four characters)')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { json?: boolean; org?: string }) => io.withOrg(o.org, async (db, org) => {
      const s = await showSso(db, org.id);
      if (o.json) { out(`${JSON.stringify(s ? { ...s, redirect_uri: callback } : null, null, 2)}\n`); return; }
      out(s ? describe(s, callback) : 'no SSO provider: people sign in with email and password\n');
    }));
  sso.command('disable').description('turn sign-in through the provider off, keeping its settings').option('--org <id>', 'org to work in')
    .action((o: { org?: string }) => io.withOrg(o.org, async (db, org) => {
      if (!(await disableSso(db, org.id, 'cli', new Date()))) throw new Error('no SSO provider is configured');
      out('SSO disabled: people sign in with email and password\n');
    }));
}
