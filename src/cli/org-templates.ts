// `cobro templates list|set|remove|versions`: the org's own template texts, saved after the template lints pass, and the wordings each has had.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { LANGUAGES, type Channel, type Language, type OrgText } from '../messaging/index.ts';
import { listOrgTemplates, orgTemplateVersions, OrgToneSchema, removeOrgTemplate, saveOrgTemplate, type OrgTemplateKey } from '../org-templates/index.ts';
import { inTransaction } from '../db/index.ts';
import { withOrg } from './session.ts';
import { table } from './output.ts';

const CHANNELS: readonly Channel[] = ['email', 'sms', 'whatsapp', 'voice'];

interface KeyOptions { channel: string; tone: string; language: string }

function keyOf(template: string, o: KeyOptions): OrgTemplateKey {
  if (!CHANNELS.includes(o.channel as Channel)) throw new Error(`--channel: one of ${CHANNELS.join(', ')}`);
  const tone = OrgToneSchema.safeParse(o.tone);
  if (!tone.success) throw new Error(`--tone: one of ${OrgToneSchema.options.join(', ')}`);
  if (!(LANGUAGES as readonly string[]).includes(o.language)) throw new Error(`--language: one of ${LANGUAGES.join(', ')}`);
  return { template, channel: o.channel as Channel, tone: tone.data, language: o.language as Language };
}

const keyOptions = (c: Command) => c.requiredOption('--channel <channel>', CHANNELS.join(', ')).requiredOption('--language <lang>', LANGUAGES.join(', '))
  .option('--tone <tone>', `${OrgToneSchema.options.join(', ')} (any: every tone without a text of its own)`, 'neutral').option('--org <id>', 'org to work in');

export function registerOrgTemplates(t: Command, config: Config): void {
  t.command('list').description('the org\'s own template texts (each used instead of the shipped one for its template, channel, tone and language)')
    .option('--template <id>', 'one template').option('--channel <channel>', CHANNELS.join(', ')).option('--language <lang>', LANGUAGES.join(', '))
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { template?: string; channel?: string; language?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const rows = await listOrgTemplates(db, org.id, { ...(o.template ? { template: o.template } : {}), ...(o.channel ? { channel: o.channel } : {}),
        ...(o.language ? { language: o.language } : {}) });
      process.stdout.write(o.json ? `${JSON.stringify(rows, null, 2)}\n` : rows.length === 0 ? 'no texts of the org\'s own: the shipped templates are used\n'
        : `${table(rows.map((r) => ({ template: r.template, channel: r.channel, tone: r.tone, language: r.language, version: r.version,
          updated_at: r.updated_at, updated_by: r.updated_by, text: (r.subject ?? r.body).slice(0, 40) })),
        ['template', 'channel', 'tone', 'language', 'version', 'updated_at', 'updated_by', 'text'])}\n`);
    }));
  keyOptions(t.command('set').description('save the org\'s own text of a shipped template; refused (exit 3) when the template lints find a problem')
    .argument('<template>', 'the template id a step sends (overdue-late-fee-warning, due-today ...)')
    .option('--subject <text>', 'email subject').option('--body <text>', 'the text').option('--body-file <file>', 'the text, read from a file')
    .option('--whatsapp-name <name>', 'WhatsApp: the name Meta approved the body under').option('--json', 'print JSON'))
    .action((template: string, o: KeyOptions & { subject?: string; body?: string; bodyFile?: string; whatsappName?: string; json?: boolean; org?: string }) =>
      withOrg(config, o.org, async (db, org) => {
        const body = o.bodyFile ? readFileSync(o.bodyFile, 'utf8') : o.body;
        if (!body) throw new Error('--body or --body-file: the text to save');
        const text: OrgText = { body, ...(o.subject !== undefined ? { subject: o.subject } : {}), ...(o.whatsappName !== undefined ? { whatsappName: o.whatsappName } : {}) };
        const r = await inTransaction(db, (tx) => saveOrgTemplate(tx, org.id, 'cli', keyOf(template, o), text, new Date()));
        if (!r.ok) {
          process.stderr.write(`${r.error.field ?? 'template'}: ${r.error.message}\n`);
          process.exitCode = 3;
          return;
        }
        process.stdout.write(o.json ? `${JSON.stringify(r.value, null, 2)}\n`
          : `saved ${template} (${r.value.channel}, ${r.value.tone}, ${r.value.language}), version ${r.value.version}\n${r.value.warnings.map((w) => `warning: ${w}\n`).join('')}`);
      }));
  keyOptions(t.command('versions').description('every wording the org\'s text has had, newest first, kept unchanged (a removed text\'s too)')
    .argument('<template>', 'the template id').option('--json', 'print JSON'))
    .action((template: string, o: KeyOptions & { json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const rows = await orgTemplateVersions(db, org.id, keyOf(template, o));
      process.stdout.write(o.json ? `${JSON.stringify(rows, null, 2)}\n` : rows.length === 0 ? 'no wording of the org\'s own kept for this text\n'
        : `${rows.map((r) => [`version ${r.version} (${r.id}), saved ${r.saved_at} by ${r.saved_by}, sha256 ${r.sha256}`,
          ...(r.subject !== null ? [`subject: ${r.subject}`] : []), ...(r.whatsapp_name !== null ? [`whatsapp name: ${r.whatsapp_name}`] : []), r.body].join('\n')).join('\n\n')}\n`);
    }));
  keyOptions(t.command('remove').description('remove the org\'s own text: the shipped one is used again').argument('<template>', 'the template id'))
    .action((template: string, o: KeyOptions & { org?: string }) => withOrg(config, o.org, async (db, org) => {
      const r = await inTransaction(db, (tx) => removeOrgTemplate(tx, org.id, 'cli', keyOf(template, o), new Date()));
      if (!r.ok) {
        process.stderr.write(`${r.error.field ?? 'template'}: ${r.error.message}\n`);
        process.exitCode = 3;
        return;
      }
      process.stdout.write(`removed ${template} (${r.value.channel}, ${r.value.tone}, ${r.value.language}): the shipped text is used again\n`);
    }));
}
