// `cobro providers register-webhooks [provider]`: cobro sets its webhook URLs at a connected provider (or at every
// connected one it can) through the provider's API, and prints what each step did.
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { listCredentials } from '../vault/index.ts';
import { NO_PUBLIC_URL_NOTE } from '../api/webhook-urls.ts';
import { refusal, registerWebhooks, REGISTERED_BY_COBRO } from '../webhook-setup/register.ts';
import type { Registration } from '../webhook-setup/types.ts';
import { withOrg } from './session.ts';

function print(r: Registration): void {
  process.stdout.write(`${r.provider}: ${r.outcome}\n`);
  for (const s of r.steps) process.stdout.write(`  ${s.outcome.padEnd(10)} ${s.what}${s.id ? ` (${s.id})` : ''}${s.detail ? `: ${s.detail}` : ''}\n`);
}

export function registerWebhookRegistration(providers: Command, config: Config): void {
  providers.command('register-webhooks').description(`set cobro's webhook URLs at a connected provider through its API (${REGISTERED_BY_COBRO.join(', ')}), or at every connected one`)
    .argument('[provider]', REGISTERED_BY_COBRO.join(' | '))
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((provider: string | undefined, o: { json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      if (provider !== undefined) { const why = refusal(provider); if (why) throw new Error(why); }
      if (!config.publicUrl) throw new Error(NO_PUBLIC_URL_NOTE);
      const connected = new Set((await listCredentials(db, org.id)).map((c) => c.provider as string));
      const names = provider !== undefined ? [provider] : REGISTERED_BY_COBRO.filter((p) => connected.has(p));
      if (names.length === 0) throw new Error(`provider: none of ${REGISTERED_BY_COBRO.join(', ')} is connected (cobro providers set)`);
      const results: Registration[] = [];
      for (const name of names) {
        const r = await registerWebhooks({ db, secretKey: config.secretKey, egress: config.egress, publicUrl: config.publicUrl, now: new Date() }, org.id, 'cli', name);
        if (!r.ok) throw new Error(r.error.message);
        results.push(r.value);
      }
      if (o.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else results.forEach(print);
      if (results.some((r) => r.outcome === 'failed')) process.exitCode = 1;
    }));
}
