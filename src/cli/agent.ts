// `cobro agent understand`: a debtor's message (or a JSONL file of them) read into intent, language and entities; and the
// review commands (src/cli/agent-review.ts).
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { z } from 'zod';
import {
  AGENT_LANGUAGES, debtorToday, defaultModels, describeUnderstanding, understand, understandingJson, understandWithLlm, type AgentLanguage, type UnderstandOptions,
} from '../agent/index.ts';
import type { Config } from '../config.ts';
import { registerAgentReview } from './agent-review.ts';
import { isCurrency, isTimeZone } from '../domain/index.ts';

const language = z.enum(AGENT_LANGUAGES);
const zone = z.string().refine(isTimeZone, 'an IANA time zone such as America/Mexico_City');
const currency = z.string().refine(isCurrency, 'an ISO 4217 currency cobro knows');
/** A line of the batch file: the text, and any of the options for that message alone. */
const BatchLine = z.object({
  text: z.string().min(1).max(5000), language: language.optional(), lang: language.optional(), timeZone: zone.optional(), tz: zone.optional(),
  now: z.string().datetime({ offset: true }).optional(), currency: currency.optional(),
}).loose();

interface Flags { lang?: AgentLanguage; tz: string; now?: string; currency?: string; json?: boolean; file?: string }

function parseLanguage(v: string): AgentLanguage {
  const l = v === 'pt' ? 'pt-BR' : v;
  if (!language.safeParse(l).success) throw new InvalidArgumentError(`one of ${AGENT_LANGUAGES.join(', ')}`);
  return l as AgentLanguage;
}
function parseZone(v: string): string {
  if (!isTimeZone(v)) throw new InvalidArgumentError('an IANA time zone such as America/Mexico_City');
  return v;
}
function parseInstant(v: string): string {
  if (Number.isNaN(Date.parse(v)) || !/^\d{4}-\d\d-\d\dT/.test(v)) throw new InvalidArgumentError('an ISO instant such as 2026-03-11T15:00:00Z');
  return v;
}
function parseCurrency(v: string): string {
  const c = v.toUpperCase();
  if (!isCurrency(c)) throw new InvalidArgumentError('an ISO 4217 currency such as MXN');
  return c;
}

function options(flags: Flags, line: Partial<z.infer<typeof BatchLine>> = {}): UnderstandOptions {
  const lang = line.language ?? line.lang ?? flags.lang;
  const cur = line.currency ?? flags.currency;
  return {
    now: new Date(line.now ?? flags.now ?? Date.now()), timeZone: line.timeZone ?? line.tz ?? flags.tz,
    ...(lang ? { language: lang } : {}), ...(cur ? { currency: cur } : {}),
  };
}

/** Reads the file line by line; a bad line prints an error object in its place, so output lines match input lines. */
function understandFile(file: string, flags: Flags): void {
  const models = defaultModels();
  let bad = 0;
  readFileSync(file, 'utf8').split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let parsed: z.ZodSafeParseResult<z.infer<typeof BatchLine>>;
    try {
      parsed = BatchLine.safeParse(JSON.parse(raw));
    } catch {
      bad++;
      process.stdout.write(`${JSON.stringify({ line: i + 1, error: { code: 'VALIDATION_FAILED', message: 'not JSON' } })}\n`);
      return;
    }
    if (!parsed.success) {
      bad++;
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'line';
      process.stdout.write(`${JSON.stringify({ line: i + 1, error: { code: 'VALIDATION_FAILED', message: `${field}: ${issue?.message ?? 'is not valid'}`, field } })}\n`);
      return;
    }
    process.stdout.write(`${JSON.stringify(understandingJson(understand(parsed.data.text, options(flags, parsed.data), models)))}\n`);
  });
  if (bad > 0) process.exitCode = 1;
}

export function registerAgent(program: Command, config?: Config): void {
  const agent = program.command('agent').description('the collections agent: understanding debtors\' replies, its decisions, handovers and corrections');
  agent.command('understand').description('read a message (or a JSONL file of {"text": ...} lines) into intent, confidence, language and entities')
    .argument('[text]', 'the message as the debtor wrote it')
    .addOption(new Option('--lang <language>', 'the customer\'s language, used when the text is too short to tell (en, es, pt-BR)').argParser(parseLanguage))
    .option('--tz <zone>', 'the debtor\'s time zone, where dates are resolved', parseZone, 'UTC')
    .option('--now <instant>', 'the instant the message arrived (ISO), now by default', parseInstant)
    .option('--currency <code>', 'the case\'s currency, for "$" and amounts written without one', parseCurrency)
    .option('--file <file>', 'a JSONL file: one {"text": ...} per line (optional language, timeZone, now, currency); one JSON result per line')
    .option('--json', 'print JSON')
    .option('--llm', 'ask the configured LLM endpoint (COBRO_LLM_BASE_URL, COBRO_LLM_MODEL) to read it; the built-in reading when it fails')
    .action(async (text: string | undefined, flags: Flags & { llm?: boolean }) => {
      if (flags.file) return understandFile(flags.file, flags);
      if (!text) throw new InvalidArgumentError('give the message, or --file with a JSONL file');
      if (flags.llm && !config?.llm) throw new Error('no LLM is configured: set COBRO_LLM_BASE_URL and COBRO_LLM_MODEL (and COBRO_LLM_API_KEY when it needs one)');
      const o = options(flags);
      let u = understand(text, o);
      if (flags.llm && config?.llm) {
        const r = await understandWithLlm(config.llm, u, { today: debtorToday(o.now, o.timeZone), timeZone: o.timeZone,
          ...(o.currency ? { currency: o.currency } : {}), ...(o.language ? { language: o.language } : {}) });
        if (r.error) process.stderr.write(`cobro: ${r.error}; the built-in reading is shown\n`);
        u = r.understanding;
      }
      process.stdout.write(flags.json ? `${JSON.stringify(understandingJson(u), null, 2)}\n` : `${describeUnderstanding(u)}\n`);
    });
  if (config) registerAgentReview(agent, config);
}
