// The optional LLM as a writer: it may reword the answer the policy chose, in the debtor's language, but never change a
// fact. Everything in the draft that carries a fact (amounts, dates and other numbers, links and their placeholders, the
// automated-assistant disclosure) must come back word for word, nothing with a digit or a link may be added, and the
// length stays within the channel's; any answer that breaks one of these, or no answer, leaves the draft as it was.
import { z } from 'zod';
import { chatJson, type LlmConfig } from './llm.ts';
import type { AgentLanguage } from './types.ts';

export interface PhraseContext {
  language: AgentLanguage;
  channel: 'email' | 'sms' | 'whatsapp';
  /** Sentences that must stay exactly as written (the disclosure of the automated assistant). */
  keep: readonly string[];
}

export type Phrased = { text: string; error: string | null };

const LANGUAGE_NAME: Readonly<Record<AgentLanguage, string>> = { en: 'English', es: 'Latin American Spanish', 'pt-BR': 'Brazilian Portuguese' };
/** SMS answers stay within three segments of GSM-7; the others within twice the draft. */
const SMS_MAX = 459;

const Answer = z.object({ text: z.string().min(1).max(4000) });

const FACT = /\{\{\s*[a-z_]+\s*\}\}|https?:\/\/\S+|[^\s]*\d[^\s]*/g;

/** The draft's fact-bearing tokens: placeholders, links and anything with a digit, trailing punctuation trimmed. */
export function factsOf(text: string): string[] {
  return [...new Set((text.match(FACT) ?? []).map((t) => t.replace(/[.,;:!?)]+$/, '')).filter((t) => t !== ''))];
}

/** Why a rewording may not be sent, or null when it keeps every fact and adds none. */
export function phrasingProblem(draft: string, candidate: string, ctx: PhraseContext): string | null {
  const facts = factsOf(draft);
  const given = factsOf(candidate);
  const missing = facts.find((f) => !given.includes(f));
  if (missing !== undefined) return `it dropped or changed "${missing}"`;
  const added = given.find((f) => !facts.includes(f));
  if (added !== undefined) return `it added "${added}"`;
  const lost = ctx.keep.find((s) => !candidate.includes(s));
  if (lost !== undefined) return 'it dropped the automated-assistant disclosure';
  const max = ctx.channel === 'sms' ? Math.max(SMS_MAX, draft.length) : draft.length * 2;
  if (candidate.length > max) return `it is ${candidate.length} characters, over ${max}`;
  return null;
}

function instructions(ctx: PhraseContext): string {
  return [
    `You reword one message a company's automated assistant sends to a customer about an overdue invoice, in ${LANGUAGE_NAME[ctx.language]}.`,
    'Make it sound natural, clear and kind; keep it short. Answer with one JSON object only: {"text": the reworded message}.',
    'Copy exactly, character for character: every amount, date, number, reference, link and {{placeholder}} in the draft, and',
    `these sentences: ${ctx.keep.map((s) => JSON.stringify(s)).join(' ')}. Add no amount, date, number, link, promise, threat or offer.`,
  ].join('\n');
}

/** Asks the endpoint to reword the draft; never throws; falls back to the draft with the reason. */
export async function phraseWithLlm(cfg: LlmConfig, draft: string, ctx: PhraseContext, fetchImpl: typeof fetch = fetch): Promise<Phrased> {
  const asked = await chatJson(cfg, instructions(ctx), { task: 'reword', channel: ctx.channel, draft }, 0.3, fetchImpl);
  if (!asked.ok) return { text: draft, error: asked.error };
  const answer = Answer.safeParse(asked.content);
  if (!answer.success) return { text: draft, error: 'the LLM answer has no text' };
  const text = answer.data.text.trim();
  const problem = phrasingProblem(draft, text, ctx);
  return problem ? { text: draft, error: `the LLM's wording was not used: ${problem}` } : { text, error: null };
}
