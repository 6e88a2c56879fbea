// `cobro providers webhook-secrets list|add|retire <provider>`: rotating the secret a provider signs its webhooks with (WH-5).
// The new secret is read from a file or standard input (never the command line, where it would land in shell history).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { addWebhookSecret, COUNTED_PROVIDERS, DEFAULT_KEEP_HOURS, listWebhookSecrets, MAX_KEEP_HOURS, retireWebhookSecret, ROTATING_PROVIDERS, vaultKey, type WebhookSecretsList } from '../vault/index.ts';
import type { Result } from '../domain/index.ts';
import { withOrg } from './session.ts';

function readSecret(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8').trim();
  } catch (e) {
    throw new Error(`--secret ${file}: ${(e as Error).message}`);
  }
}

function print(r: Result<WebhookSecretsList>, json: boolean | undefined): void {
  if (!r.ok) throw new Error(r.error.message);
  if (json) { process.stdout.write(`${JSON.stringify(r.value, null, 2)}\n`); return; }
  for (const s of r.value.secrets) {
    const used = s.verified_count > 0 ? `verified ${s.verified_count}, last ${s.last_verified_at}` : s.id === null && s.role === 'previous' && r.value.provider !== 'sendgrid' ? 'use not counted' : 'not used yet';
    const until = s.state === 'active' && s.expires_at ? ` until ${s.expires_at}` : '';
    process.stdout.write(`${s.role.padEnd(8)} ${s.hint} ${s.state}${until} ${s.id ?? `(${s.field})`}: ${used}\n`);
  }
}

export function registerWebhookSecrets(providers: Command, config: Config): void {
  const w = providers.command('webhook-secrets').description(`rotate the secret a provider signs its webhooks with (${ROTATING_PROVIDERS.join(', ')}): two are accepted while one is replaced`);
  w.command('list').description('the secret in force and any it replaced, with the deliveries each verified (sendgrid: its verification keys)')
    .argument('<provider>', COUNTED_PROVIDERS.join(' | '))
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((provider: string, o: { json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      print(await listWebhookSecrets(db, org.id, provider, new Date()), o.json);
    }));
  w.command('add').description('put a new secret in force; the one it replaces stays accepted until retired or for --keep-hours')
    .argument('<provider>', ROTATING_PROVIDERS.join(' | '))
    .requiredOption('--secret <file>', 'a file holding the new secret (- for standard input)')
    .option('--keep-hours <hours>', `how long the replaced secret stays accepted (1 to ${MAX_KEEP_HOURS}; ${DEFAULT_KEEP_HOURS} when not given)`)
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((provider: string, o: { secret: string; keepHours?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const keep = o.keepHours === undefined ? undefined : /^\d+$/.test(o.keepHours) ? Number(o.keepHours) : NaN;
      if (Number.isNaN(keep)) throw new Error(`--keep-hours: a whole number of hours from 1 to ${MAX_KEEP_HOURS}`);
      const secret = readSecret(o.secret);
      print(await addWebhookSecret(db, await vaultKey(db, config.secretKey), org.id, 'cli', provider,
        { secret, ...(keep !== undefined ? { keepHours: keep } : {}) }, new Date()), o.json);
    }));
  w.command('retire').description('stop accepting a replaced secret (--id, or every replaced one); it is erased')
    .argument('<provider>', ROTATING_PROVIDERS.join(' | ')).option('--id <id>', 'the replaced secret (whs_…)')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((provider: string, o: { id?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      print(await retireWebhookSecret(db, org.id, 'cli', provider, o.id, new Date()), o.json);
    }));
}
