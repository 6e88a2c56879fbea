// `cobro conversation CUSTOMER`: the customer's conversation oldest first, a page at a time (the newest page unless
// --before names a line): what cobro sent with its channel and state, the debtor's replies with what the agent read and
// the files sent with them, the agent's and people's answers, the portal chat's answers, and the handovers the replies opened.
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config.ts';
import type { ConversationEntry } from '../agent/index.ts';
import { getCustomer } from '../ledger/index.ts';
import { customerConversation, CONVERSATION_LIMIT_DEFAULT, CONVERSATION_LIMIT_MAX as LIMIT_MAX, type ConversationLineShown } from '../timeline/index.ts';
import { withOrg } from './session.ts';

const lines = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > LIMIT_MAX) throw new InvalidArgumentError(`a whole number from 1 to ${LIMIT_MAX}`);
  return n;
};

const who = (l: ConversationEntry): string =>
  l.by === 'debtor' ? 'debtor' : l.by === 'cobro' ? `cobro${l.template ? ` ${l.template}` : ''}` : l.by;

/** One line in a terminal: when, which way and on what, who, its state or what the agent read, the words, then its files. */
function lineText(l: ConversationLineShown): string {
  const read = l.intent ? ` · read as ${l.intent}${l.confidence !== null ? ` (${l.confidence.toFixed(2)})` : ''}${l.action ? ` → ${l.action}` : ''}` : '';
  const handover = l.handover_id ? ` · handover ${l.handover_id}` : '';
  const head = `${l.at}  ${l.direction === 'in' ? '<-' : '->'} ${l.channel}  ${who(l)}${l.status ? ` · ${l.status}` : ''}${read}${handover}  [${l.id}]`;
  const words = l.text.trim() ? l.text.trim().split('\n').map((w) => `    ${w}`) : [];
  const files = l.files.map((f) => `    file ${f.id}: ${f.name ?? '(no name)'} · ${f.type ?? 'type not known'} · `
    + `${f.size !== null ? `${f.size} bytes` : 'size not known'} · ${f.status}${f.error ? ` (${f.error})` : ''}`);
  return [head, ...words, ...files].join('\n');
}

interface Opts { limit: number; before?: string; json?: boolean; org?: string }

export function registerConversation(program: Command, config: Config): void {
  program.command('conversation').description('a customer\'s conversation, oldest first: messages sent, replies (what the agent read, files sent), answers, handovers')
    .argument('<customer>', 'customer id or external id')
    .option('--limit <n>', `lines a page, the newest first chosen (1..${LIMIT_MAX})`, lines, CONVERSATION_LIMIT_DEFAULT)
    .option('--before <line>', 'the lines before this one (a line\'s id: the `next_before` a page gives)')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((customer: string, o: Opts) => withOrg(config, o.org, async (db, org) => {
      const c = await getCustomer(db, org.id, customer);
      if (!c.ok) throw new Error(`CUSTOMER: ${c.error.message}`);
      const page = await customerConversation(db, org.id, c.value.id, { limit: o.limit, before: o.before });
      if (!page.ok) throw new Error(`--${page.error.message}`);
      if (o.json) {
        process.stdout.write(`${JSON.stringify(page.value, null, 2)}\n`);
        return;
      }
      const shown = page.value.data;
      const more = page.value.next_before ? `older lines: cobro conversation ${customer} --before ${page.value.next_before}\n` : '';
      process.stdout.write(shown.length === 0 ? `no conversation with ${c.value.name} (${c.value.id}) yet\n`
        : `conversation with ${c.value.name} (${c.value.id})\n${more}${shown.map(lineText).join('\n')}\n`);
    }));
}
