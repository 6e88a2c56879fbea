// The optional LLM as a writer: it may reword the answer the policy chose, in the debtor's language, but never change a
// fact. Everything in the draft that carries a fact (amounts, dates and other numbers, links and their placeholders, the
// automated-assistant disclosure) must come back word for word, nothing with a digit or a link may be added, and the
// length stays within the channel's; any answer that breaks one of these, or no answer, leaves the draft as it was.
import { z } from 'zod';
import type { LlmConfig } from './llm.ts';
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
  let res: Response;
  try {
    res = await fetchImpl(`${cfg.baseUrl.replace(/\/$/, '')}/chat/completions`, {
      method: 'POST', signal: AbortSignal.timeout(cfg.timeoutMs ?? 10_000),
      headers: { 'content-type': 'application/json', ...(cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {}) },
      body: JSON.stringify({ model: cfg.model, temperature: 0.3, response_format: { type: 'json_object' }, messages: [
        { role: 'system', content: instructions(ctx) },
        { role: 'user', content: JSON.stringify({ task: 'reword', channel: ctx.channel, draft }) },
      ] }),
    });
  } catch (e) {
    return { text: draft, error: `the LLM endpoint did not answer: ${(e as Error).message}` };
  }
  if (!res.ok) return { text: draft, error: `the LLM endpoint answered ${res.status}` };
  let parsed: z.infer<typeof Answer>;
  try {
    const body = await res.json() as { choices?: { message?: { content?: unknown } }[] };
    const raw = body.choices?.[0]?.message?.content;
    const answer = Answer.safeParse(typeof raw === 'string' ? JSON.parse(raw.replace(/^```(?:json)?\s*|\s*```$/g, '')) : raw);
    if (!answer.success) return { text: draft, error: 'the LLM answer has no text' };
    parsed = answer.data;
  } catch {
    return { text: draft, error: 'the LLM answer is not JSON' };
  }
  const text = parsed.text.trim();
  const problem = phrasingProblem(draft, text, ctx);
  return problem ? { text: draft, error: `the LLM's wording was not used: ${problem}` } : { text, error: null };
}
