// `cobro outbox` lists messages with their state and reason (the sandbox's inbox), `cobro message` shows one with the wording it
// was built from; `cobro dispatch` sends what is due now;
// `cobro sandbox reply` plays a debtor's answer on a channel that goes through the sandbox.
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { dispatchOnce, getMessage, listMessages, playSandboxReply, sandboxAdapters, vaultAdapters, SANDBOX_REPLY_CHANNELS, type SandboxReply } from '../worker/index.ts';
import { customerIdOf, withOrg } from './session.ts';
import { table } from './output.ts';
import { describeMessage } from './message-show.ts';

function preview(content: Record<string, unknown>): string {
  const text = typeof content.subject === 'string' ? content.subject : typeof content.text === 'string' ? content.text
    : typeof content.preview === 'string' ? content.preview : typeof content.script === 'string' ? content.script : '';
  return text.replace(/\s+/g, ' ').slice(0, 60) + imagesOf(content);
}

/** An email's inline images, as " [+ epc-qr-bta_1.png 1534 B]": the sandbox's inbox shows that the message has them. */
export function imagesOf(content: Record<string, unknown>): string {
  const images = Array.isArray(content.images) ? content.images as { filename?: unknown; size?: unknown }[] : [];
  return images.map((i) => ` [+ ${String(i.filename)} ${String(i.size)} B]`).join('');
}

/** Which text was sent: "org v3 es" (the org's own, its version then; "any tone" when saved for every tone), "shipped es", or nothing yet. */
function textOf(m: { template_language: string | null; org_template_tone: string | null; org_template_version: number | null }): string {
  if (!m.template_language) return '';
  if (m.org_template_tone === null) return `shipped ${m.template_language}`;
  return `org${m.org_template_version !== null ? ` v${m.org_template_version}` : ''}${m.org_template_tone === 'any' ? ' any tone' : ''} ${m.template_language}`;
}

export function registerOutbox(program: Command, config: Config): void {
  program.command('outbox').description('messages, newest first: sent, deferred or blocked by the gate (with why), and what they said')
    .option('--channel <channel>', 'email, sms, whatsapp or voice').option('--status <status>', 'sent, deferred, blocked, failed ...')
    .option('--customer <id>', 'one customer (id or external id)').option('--limit <n>', 'how many', '50').option('--json', 'print JSON with the rendered content')
    .option('--org <id>', 'org to work in')
    .action(async (o: { channel?: string; status?: string; customer?: string; limit: string; json?: boolean; org?: string }) => {
      await withOrg(config, o.org, async (db, org) => {
        const customerId = o.customer ? await customerIdOf(db, org.id, o.customer) : undefined;
        const rows = await listMessages(db, org.id, { limit: Number(o.limit) || 50, ...(o.channel ? { channel: o.channel } : {}),
          ...(o.status ? { status: o.status } : {}), ...(customerId ? { customerId } : {}) });
        process.stdout.write(o.json ? `${JSON.stringify(rows, null, 2)}\n` : `${table(rows.map((m) => ({ id: m.id, channel: m.channel, to: m.address ?? '',
          status: m.status, template: m.template ?? '', text: textOf(m),
          says: m.status === 'sent' || m.status === 'delivered' ? preview(m.content) : (m.reason ?? '').slice(0, 60) })),
        ['id', 'channel', 'to', 'status', 'template', 'text', 'says'])}\n`);
      });
    });
  program.command('message').description('one message as it was sent, and the wording it was built from (the org\'s text as saved then, or cobro\'s)')
    .argument('<id>', 'the message id (msg_...)').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action(async (id: string, o: { json?: boolean; org?: string }) => {
      await withOrg(config, o.org, async (db, org) => {
        const m = await getMessage(db, org.id, id);
        if (!m) throw new Error(`no message ${id}`);
        process.stdout.write(o.json ? `${JSON.stringify(m, null, 2)}\n` : `${describeMessage(m)}\n`);
      });
    });
  program.command('dispatch').description('send what is due now through the compliance gate (to the sandbox unless providers are set up)')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action(async (o: { json?: boolean; org?: string }) => {
      await withOrg(config, o.org, async (db) => {
        const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
        const secretKey = config.secretKey ? { secretKey: config.secretKey } : {};
        // the org's own providers (cobro providers set ...), the sandbox for the channels it has not connected
        const adapters = vaultAdapters({ db, publicUrl, fallback: sandboxAdapters(), egress: config.egress, ...secretKey });
        const r = await dispatchOnce({ db, now: () => new Date(), adapters, publicUrl, egress: config.egress, ...secretKey }).finally(() => adapters.close());
        process.stdout.write(o.json ? `${JSON.stringify(r)}\n`
          : `queued ${r.enqueued}; sent ${r.sent}, deferred ${r.deferred}, blocked ${r.blocked}, failed ${r.failed}, cancelled ${r.cancelled}, retried ${r.retried}\n`);
      });
    });
  program.command('sandbox').description('the built-in sandbox provider').command('reply')
    .description('play what a debtor answers on a channel the org sends through the sandbox: read, and answered by the agent, at once')
    .argument('<customer>', 'customer id or external id').argument('<text...>', 'what they write')
    .option('--channel <channel>', `${SANDBOX_REPLY_CHANNELS.join(', ')}`, 'sms').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action(async (customer: string, words: string[], o: { channel: string; json?: boolean; org?: string }) => {
      if (!(SANDBOX_REPLY_CHANNELS as readonly string[]).includes(o.channel)) throw new Error(`--channel ${o.channel}: use ${SANDBOX_REPLY_CHANNELS.join(', ')}`);
      await withOrg(config, o.org, async (db, org) => {
        const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
        const adapters = vaultAdapters({ db, publicUrl, fallback: sandboxAdapters(), egress: config.egress, ...(config.secretKey ? { secretKey: config.secretKey } : {}) });
        const r = await playSandboxReply(db, org.id, 'cli', adapters, { customer, channel: o.channel as SandboxReply['channel'], text: words.join(' ') }, new Date())
          .finally(() => adapters.close());
        if (!r.ok) throw new Error(r.error.message);
        const v = r.value;
        process.stdout.write(o.json ? `${JSON.stringify(v)}\n` : `reply from ${v.from} ${v.status}${v.note ? ` (${v.note})` : ''}; `
          + `the agent queued ${v.answers} answer${v.answers === 1 ? '' : 's'} (\`cobro dispatch\` sends them through the gate; \`cobro outbox\` shows them)\n`);
      });
    });
}
