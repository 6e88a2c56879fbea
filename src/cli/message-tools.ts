// `cobro templates preview STEP --customer ID --channel email` shows exactly what would be sent (nothing is sent, the gate is
// not asked); `cobro costs report` and `cobro costs rates` price messages per channel and country, per customer.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { LANGUAGES, type Language, type RenderedMessage } from '../messaging/index.ts';
import { ToneSchema, type Tone } from '../strategy/index.ts';
import { costReport, getCostRates, previewMessage, setCostRates, type MessageChannel, type MessagePreview } from '../worker/index.ts';
import { customerIdOf, withOrg } from './session.ts';
import { table } from './output.ts';
import { registerOrgTemplates } from './org-templates.ts';

const CHANNELS: readonly MessageChannel[] = ['email', 'sms', 'whatsapp', 'voice'];

function body(m: RenderedMessage): string[] {
  switch (m.channel) {
    case 'email':
      return [`subject: ${m.subject}`, ...Object.entries(m.headers).map(([k, v]) => `${k}: ${v}`), '--- text ---', m.text, '--- html ---', m.html];
    case 'sms':
      return [m.text, '---', `${m.segments.segments} segment(s), ${m.segments.encoding}, ${m.segments.units} units`, ...m.warnings.map((w) => `warning: ${w}`)];
    case 'whatsapp':
      return m.mode === 'template'
        ? [`template ${m.template.name} (${m.template.language})`, ...m.template.parameters.map((p, i) => `{{${i + 1}}} ${p}`), '--- as the debtor reads it ---', m.preview]
        : ['free text (inside the 24-hour window)', m.text];
    default:
      return [m.script, '--- TwiML ---', m.twiml];
  }
}

export function describePreview(p: MessagePreview, customerLabel: string): string {
  const micros = p.cost.micros;
  return [
    `${p.step ? `step ${p.step} (${p.strategy_id}): ` : ''}template ${p.template}, ${p.tone}, on ${p.channel} to ${customerLabel}${p.address ? ` <${p.address}>` : ' (no address on file)'}, in ${p.message.language}`,
    p.source.kind === 'org' ? `the org's own text${p.source.tone === 'any' ? ' for any tone' : ''}, version ${p.source.version} (saved ${p.source.updated_at} by ${p.source.updated_by})` : 'the shipped text',
    `not sent; the compliance gate was not asked (a preview is not a contact)${p.action_id ? `; invoices of action ${p.action_id}` : '; every open invoice'}`,
    '',
    ...body(p.message),
    '',
    ...p.problems.map((x) => `would be blocked: ${x.rule}: ${x.message}`),
    `cost: ${p.cost.currency} ${(micros / 1_000_000).toFixed(6)}${p.cost.units > 1 ? ` (${p.cost.units} segments)` : ''}`,
  ].join('\n');
}

export function registerMessageTools(program: Command, config: Config): void {
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const links = { publicUrl, ...(config.secretKey ? { secretKey: config.secretKey } : {}) };
  // `templates` may already be registered (template lints): preview joins it
  const t = program.commands.find((c) => c.name() === 'templates') ?? program.command('templates').description('message templates');
  registerOrgTemplates(t, config);
  t.command('preview').description('render a step (or a template) for a customer exactly as it would be sent now, without sending it')
    .argument('<step>', 'a step id of the customer\'s strategy (after-3, due-day ...) or a template id')
    .requiredOption('--customer <id>', 'the customer (id or external id)').requiredOption('--channel <channel>', CHANNELS.join(', '))
    .option('--language <lang>', LANGUAGES.join(', ')).option('--tone <tone>', ToneSchema.options.join(', '))
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((step: string, o: { customer: string; channel: string; language?: string; tone?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      if (!CHANNELS.includes(o.channel as MessageChannel)) throw new Error(`--channel: one of ${CHANNELS.join(', ')}`);
      if (o.language && !(LANGUAGES as readonly string[]).includes(o.language)) throw new Error(`--language: one of ${LANGUAGES.join(', ')}`);
      if (o.tone && !ToneSchema.safeParse(o.tone).success) throw new Error(`--tone: one of ${ToneSchema.options.join(', ')}`);
      const r = await previewMessage(db, org.id, { step, customer: o.customer, channel: o.channel as MessageChannel,
        ...(o.language ? { language: o.language as Language } : {}), ...(o.tone ? { tone: o.tone as Tone } : {}) }, new Date(), links);
      if (!r.ok) throw new Error(r.error.message);
      process.stdout.write(o.json ? `${JSON.stringify(r.value, null, 2)}\n` : `${describePreview(r.value, o.customer)}\n`);
    }));

  const c = program.command('costs').description('what messages cost at the providers');
  c.command('report').description('cost of messages per customer (and currency), most expensive first')
    .option('--customer <id>', 'one customer (id or external id)').option('--from <date>', 'sent on or after (YYYY-MM-DD)').option('--to <date>', 'sent on or before (YYYY-MM-DD)')
    .option('--limit <n>', 'how many customers', '50').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { customer?: string; from?: string; to?: string; limit: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const customerId = o.customer ? await customerIdOf(db, org.id, o.customer) : undefined;
      const rows = await costReport(db, org.id, { ...(customerId ? { customerId } : {}), ...(o.from ? { from: new Date(`${o.from}T00:00:00Z`) } : {}),
        ...(o.to ? { to: new Date(Date.parse(`${o.to}T00:00:00Z`) + 86_400_000) } : {}), limit: Number(o.limit) || 50 });
      if (o.json) { process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`); return; }
      process.stdout.write(`${table(rows.map((r) => ({ customer: r.customer_id, name: r.customer_name, messages: r.messages, billed: r.billed, estimated: r.estimated,
        cost: `${r.currency} ${(r.cost_micros / 1_000_000).toFixed(4)}`, 'by channel': Object.entries(r.by_channel).map(([k, v]) => `${k} ${(v / 1_000_000).toFixed(4)}`).join(', ') })),
      ['customer', 'name', 'messages', 'billed', 'estimated', 'cost', 'by channel'])}\n`);
      const billed = rows.reduce((n, r) => n + r.billed, 0);
      const estimated = rows.reduce((n, r) => n + r.estimated, 0);
      process.stdout.write(`${billed} message(s) at the provider's billed price, ${estimated} at the estimate from the org's rates\n`);
    }));
  c.command('rates').description('the cost rates messages are priced with (micro-units per message by country, * for the rest; SMS per segment, voice per attempt, voice_minute per started minute of a call)')
    .option('--set <file>', 'change rates from a JSON file: {"currency":"USD","rates":{"sms":{"MX":45000}}}').option('--replace', 'start again from the defaults')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { set?: string; replace?: boolean; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      let rates = await getCostRates(db, org.id);
      if (o.set || o.replace) {
        const input: unknown = o.set ? JSON.parse(readFileSync(o.set, 'utf8')) : {};
        const r = await db.transaction((tx) => setCostRates(tx, org.id, 'cli', input, new Date(), o.replace === true));
        if (!r.ok) throw new Error(r.error.message);
        rates = r.value;
      }
      if (o.json) { process.stdout.write(`${JSON.stringify(rates, null, 2)}\n`); return; }
      process.stdout.write(`currency ${rates.currency} (micro-units: millionths of one ${rates.currency})\n`);
      for (const [channel, byCountry] of Object.entries(rates.rates)) {
        process.stdout.write(`${channel.padEnd(9)} ${Object.entries(byCountry).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
      }
    }));
}
