// `cobro consents list CUSTOMER | add CUSTOMER --kind --source | revoke CONSENT_ID`: the consents the gate asks for (a US
// debtor's mobile called by cobro needs a live automated_calls consent), recorded and revoked as the API does it.
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { listConsents, recordConsent, revokeConsent, type ConsentKind } from '../compliance/index.ts';
import type { LedgerChannel } from '../compliance/store/channels.ts';
import { customerIdOf, withOrg } from './session.ts';
import { table } from './output.ts';

const KINDS: readonly ConsentKind[] = ['channel', 'automated_calls', 'whatsapp_opt_in', 'employer_email'];
const CHANNELS: readonly LedgerChannel[] = ['email', 'sms', 'whatsapp', 'voice'];
/** The channel a kind is about when none is named (a consent to contact names its own). */
const CHANNEL_OF: Partial<Record<ConsentKind, LedgerChannel>> = { automated_calls: 'voice', whatsapp_opt_in: 'whatsapp', employer_email: 'email' };

type Row = { id: string; kind: string; channel: string | null; address: string | null; source: string; granted_at: string | Date; revoked_at: string | Date | null };
const line = (c: Row) => ({ id: c.id, kind: c.kind, channel: c.channel ?? '', address: c.address ?? '', source: c.source,
  granted_at: new Date(c.granted_at).toISOString(), revoked_at: c.revoked_at ? new Date(c.revoked_at).toISOString() : '' });

export function registerConsents(program: Command, config: Config): void {
  const consents = program.command('consents').description('consents to contact, to automated calls, to WhatsApp and to an employer\'s email');
  consents.command('list').description('a customer\'s consents, live and revoked').argument('<customer>', 'customer id or external id')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((customer: string, o: { json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const rows = await listConsents(db, org.id, await customerIdOf(db, org.id, customer));
      if (o.json) { process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`); return; }
      process.stdout.write(rows.length ? `${table(rows.map(line), ['id', 'kind', 'channel', 'address', 'source', 'granted_at', 'revoked_at'])}\n` : 'no consents recorded\n');
    }));
  consents.command('add').description('record a consent with where it came from')
    .argument('<customer>', 'customer id or external id')
    .requiredOption('--kind <kind>', KINDS.join(', '))
    .option('--channel <channel>', `${CHANNELS.join(', ')} (by default the kind's own: voice for automated_calls)`)
    .option('--address <address>', 'the number or address the consent covers (every one on the channel when left out)')
    .requiredOption('--source <text>', 'how it was given, e.g. "given on the phone 2026-12-06 by agent Ana"')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((customer: string, o: { kind: string; channel?: string; address?: string; source: string; json?: boolean; org?: string }) => {
      const kind = KINDS.find((k) => k === o.kind);
      if (!kind) throw new Error(`--kind takes one of ${KINDS.join(', ')}`);
      const channel = o.channel === undefined ? CHANNEL_OF[kind] : CHANNELS.find((c) => c === o.channel);
      if (o.channel !== undefined && !channel) throw new Error(`--channel takes one of ${CHANNELS.join(', ')}`);
      if (kind === 'channel' && !channel) throw new Error('a consent to contact names its --channel');
      const source = o.source.trim();
      if (!source || source.length > 200) throw new Error('--source says how the consent was given, in at most 200 characters');
      return withOrg(config, o.org, async (db, org) => {
        const id = await customerIdOf(db, org.id, customer);
        const r = await db.transaction((tx) => recordConsent(tx, org.id, 'cli', id, { kind, channel: channel ?? null, address: o.address ?? null, source }, new Date()));
        if (!r.ok) throw new Error(`${r.error.field ?? 'consent'}: ${r.error.message}`);
        process.stdout.write(o.json ? `${JSON.stringify(r.value, null, 2)}\n` : `consent recorded: ${r.value.id} (${kind}${channel ? ` on ${channel}` : ''})\n`);
      });
    });
  consents.command('revoke').description('revoke a live consent').argument('<consent>', 'the consent\'s id (cobro consents list)')
    .option('--org <id>', 'org to work in')
    .action((consent: string, o: { org?: string }) => withOrg(config, o.org, async (db, org) => {
      const r = await db.transaction((tx) => revokeConsent(tx, org.id, 'cli', consent, new Date()));
      if (!r.ok) throw new Error(r.error.message);
      process.stdout.write(`consent revoked: ${r.value.id} (${r.value.kind})\n`);
    }));
}
