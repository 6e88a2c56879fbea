// `cobro agent settings|decisions|handovers|correct|corrections`: turning the agent on or off and its threshold, what it
// decided, the queue of conversations handed to people, and correcting an understood intent (training data, as JSONL).
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../config.ts';
import {
  agentSettingsJson, correctIntent, correctionsJsonl, getAgentSettings, INTENTS, listCorrections, listDecisions, listHandovers, setAgentSettings,
} from '../agent/index.ts';
import { customerIdOf, withOrg } from './session.ts';
import { table } from './output.ts';
import { registerAgentClaims } from './agent-claims.ts';

const print = (v: unknown): void => { process.stdout.write(`${JSON.stringify(v, null, 2)}\n`); };
const say = (s: string): void => { process.stdout.write(`${s}\n`); };

function threshold(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('a confidence between 0 and 1, e.g. 0.5');
  return n;
}
function intent(v: string): string {
  if (!(INTENTS as readonly string[]).includes(v)) throw new InvalidArgumentError(`one of ${INTENTS.join(', ')}`);
  return v;
}

interface SettingsOpts { on?: boolean; off?: boolean; threshold?: number; llm?: boolean; claimHoldDays?: number; json?: boolean; org?: string }

function holdDays(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 30) throw new InvalidArgumentError('a whole number of business days from 0 to 30');
  return n;
}

export function registerAgentReview(agent: Command, config: Config): void {
  agent.command('settings').description('show the org\'s agent settings, or change them: on or off, the confidence threshold, the LLM')
    .option('--on', 'answer replies with the agent').option('--off', 'stop answering replies (they are still kept and read for STOP)')
    .option('--threshold <confidence>', 'below this confidence the agent hands over at once (0..1, default 0.5)', threshold)
    .option('--llm', 'let the configured LLM endpoint read replies (the text leaves cobro)').option('--no-llm', 'read replies with the built-in model only')
    .option('--claim-hold-days <days>', 'business days a claimed payment holds reminders while it is verified (default 5)', holdDays)
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: SettingsOpts, cmd: Command) => withOrg(config, o.org, async (db, org) => {
      if (o.on && o.off) throw new Error('--on or --off, not both');
      const llmGiven = cmd.getOptionValueSource('llm') === 'cli';
      const patch = { ...(o.on ? { enabled: true } : o.off ? { enabled: false } : {}), ...(o.threshold !== undefined ? { confidence_threshold: o.threshold } : {}),
        ...(llmGiven ? { use_llm: o.llm === true } : {}), ...(o.claimHoldDays !== undefined ? { claim_hold_days: o.claimHoldDays } : {}) };
      let s = await getAgentSettings(db, org.id);
      if (Object.keys(patch).length) {
        const r = await db.transaction((tx) => setAgentSettings(tx, org.id, 'cli', patch, new Date()));
        if (!r.ok) throw new Error(r.error.message);
        s = r.value;
      }
      if (o.json) return print(agentSettingsJson(s));
      say(`agent ${s.enabled ? 'on' : 'off'} · hands over below confidence ${s.confidenceThreshold} · LLM ${s.useLlm ? (config.llm ? `allowed (${config.llm.model})` : 'allowed, but none is configured') : 'not used'} · a claimed payment holds reminders ${s.claimHoldDays} business days`);
    }));

  registerAgentClaims(agent, config);

  agent.command('decisions').description('what the agent read and did, newest first')
    .option('--customer <id>', 'one customer').option('--limit <n>', 'how many', (v) => Number(v), 50).option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { customer?: string; limit: number; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const customerId = o.customer ? await customerIdOf(db, org.id, o.customer) : undefined;
      const rows = await listDecisions(db, org.id, { ...(customerId ? { customerId } : {}), limit: o.limit });
      if (o.json) return print(rows);
      say(table(rows.map((r) => ({ at: (r.decided_at ?? r.created_at).slice(0, 16).replace('T', ' '), customer: r.customer_id, reply: r.inbound_id, channel: r.channel,
        intent: r.intent ?? '', confidence: r.confidence === null ? '' : Number(r.confidence).toFixed(2), action: r.action ?? r.status, answer: r.reply_message_id ?? '' })),
      ['at', 'customer', 'reply', 'channel', 'intent', 'confidence', 'action', 'answer']));
    }));

  agent.command('handovers').description('the handover queue: conversations the agent gave to a person, open ones first by priority')
    .option('--all', 'done ones too, newest first').option('--customer <id>', 'one customer').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { all?: boolean; customer?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const customerId = o.customer ? await customerIdOf(db, org.id, o.customer) : undefined;
      const rows = await listHandovers(db, org.id, { status: o.all ? 'all' : 'open', ...(customerId ? { customerId } : {}) });
      if (o.json) return print(rows);
      if (rows.length === 0) return say('no handovers waiting');
      for (const h of rows) {
        say(`${h.id} · ${h.priority} · ${h.status} · ${h.customer_name} (${h.customer_id}) · task ${h.task_id} · ${h.created_at.slice(0, 16).replace('T', ' ')}`);
        say(`${h.summary.split('\n').map((l) => `  ${l}`).join('\n')}\n`);
      }
      say('Complete a handover\'s task with: cobro tasks --complete TASK_ID --outcome "..."');
    }));

  agent.command('correct').description('correct the intent understood of a stored reply; kept as training data')
    .argument('<reply>', 'the reply\'s id (inm_..., in the case timeline and `cobro agent decisions`)')
    .requiredOption('--intent <intent>', `the right intent: ${INTENTS.join(', ')}`, intent).option('--note <text>', 'why, for whoever folds it into the corpus')
    .option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((reply: string, o: { intent: string; note?: string; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const r = await db.transaction((tx) => correctIntent(tx, org.id, 'cli', reply, { intent: o.intent, ...(o.note ? { note: o.note } : {}) }, new Date()));
      if (!r.ok) throw new Error(`${r.error.field ? `${r.error.field}: ` : ''}${r.error.message}`);
      if (o.json) return print(r.value);
      say(`reply ${reply}: ${r.value.understood_intent ?? '?'} corrected to ${r.value.intent} (${r.value.language})`);
    }));

  agent.command('corrections').description('the corrections collectors made, as a table or as JSONL to fold into the corpus')
    .option('--jsonl', 'one {"text", "intent", "language", "understood"} per line').option('--json', 'print JSON').option('--org <id>', 'org to work in')
    .action((o: { jsonl?: boolean; json?: boolean; org?: string }) => withOrg(config, o.org, async (db, org) => {
      const rows = await listCorrections(db, org.id);
      if (o.jsonl) { process.stdout.write(correctionsJsonl(rows)); return; }
      if (o.json) return print(rows);
      say(table(rows.map((r) => ({ reply: r.inbound_id, language: r.language, understood: r.understood_intent ?? '', intent: r.intent,
        text: r.text.length > 60 ? `${r.text.slice(0, 59)}…` : r.text })), ['reply', 'language', 'understood', 'intent', 'text']));
    }));
}
