// `cobro providers list|set|delete`: the org's payment gateways and messaging providers; secrets are read from a file
// or the environment (never from the command line, where they would land in shell history) and sealed at rest.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { deleteCredentials, listCredentials, PROVIDER_NAMES, putCredentials, vaultKey } from '../vault/index.ts';
import { withOrg } from './session.ts';
import { registerWebhookSecrets } from './webhook-secrets.ts';
import { registerWebhookRegistration } from './providers-register.ts';
import { NO_PUBLIC_URL_NOTE, WEBHOOK_PATHS, webhookUrlsOf } from '../api/webhook-urls.ts';

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${what} ${file}: ${(e as Error).message}`);
  }
}

export function registerProviders(program: Command, config: Config): void {
  const p = program.command('providers').description(`connected providers (${PROVIDER_NAMES.join(', ')}); secrets are sealed at rest`);
  p.command('list').description('the connected providers with their settings and the last four characters of each secret')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const rows = await listCredentials(db, org.id);
      if (o.json) { process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`); return; }
      if (rows.length === 0) process.stdout.write('no providers connected: every channel goes to the sandbox and the portal offers no card payment\n');
      for (const r of rows) {
        process.stdout.write(`${r.provider.padEnd(14)} ${JSON.stringify(r.settings)} secrets ${Object.entries(r.hints).map(([k, v]) => `${k} ${v}`).join(', ')} (set ${r.updated_at} by ${r.updated_by})\n`);
      }
    }));
  p.command('set').description('connect a provider or replace its credentials')
    .argument('<provider>', PROVIDER_NAMES.join(' | '))
    .option('--settings <file>', 'JSON file with the settings (not secret)')
    .requiredOption('--secrets <file>', 'JSON file with the secrets (or - to read them from COBRO_PROVIDER_SECRETS)')
    .option('--org <id>', 'org to work in')
    .action((provider: string, o: { settings?: string; secrets: string; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const settings = o.settings ? readJson(o.settings, 'settings') : {};
      const secrets = o.secrets === '-' ? JSON.parse(config.providerSecrets ?? '{}') as unknown : readJson(o.secrets, 'secrets');
      const r = await putCredentials(db, await vaultKey(db, config.secretKey), org.id, 'cli', provider, { settings, secrets }, new Date(), config.egress);
      if (!r.ok) throw new Error(r.error.message);
      process.stdout.write(`${provider} connected for ${org.name}; secrets ${Object.entries(r.value.hints).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
    }));
  p.command('delete').description('disconnect a provider').argument('<provider>', PROVIDER_NAMES.join(' | ')).option('--org <id>', 'org to work in')
    .action((provider: string, o: { org?: string }) => withOrg(config, o.org, async (db, org) => {
      if (!(await deleteCredentials(db, org.id, 'cli', provider))) throw new Error(`no ${provider} credentials are stored`);
      process.stdout.write(`${provider} disconnected\n`);
    }));
  p.command('urls').description('the webhook URLs to register at each provider (or one), under COBRO_PUBLIC_URL')
    .argument('[provider]', Object.keys(WEBHOOK_PATHS).join(' | '))
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((provider: string | undefined, o: { json?: boolean; org?: string }) => withOrg(config, o.org, async (_db, org) => {
      if (provider !== undefined && !(provider in WEBHOOK_PATHS)) {
        throw new Error(`provider: ${provider} has no webhooks (one of ${Object.keys(WEBHOOK_PATHS).join(', ')})`);
      }
      if (!config.publicUrl) throw new Error(NO_PUBLIC_URL_NOTE);
      const names = provider === undefined ? Object.keys(WEBHOOK_PATHS) : [provider];
      const urls = Object.fromEntries(names.map((n) => [n, webhookUrlsOf(config.publicUrl, org.id, n) ?? []]));
      if (o.json) { process.stdout.write(`${JSON.stringify(urls, null, 2)}\n`); return; }
      for (const [n, list] of Object.entries(urls)) {
        for (const u of list) process.stdout.write(`${n.padEnd(14)} ${u.methods.join('/').padEnd(8)} ${u.url}  (${u.set_by === 'you' ? 'register it' : 'set by cobro'}: ${u.for})\n`);
      }
    }));
  registerWebhookSecrets(p, config);
  registerWebhookRegistration(p, config);
}
