// The optional LLM: any OpenAI-compatible chat-completions endpoint (base URL, model, key from the configuration) asked to
// read a reply into the same intent and entity structure the built-in understanding gives. Its answer is validated (zod,
// real calendar dates, known currencies); an invalid or failed answer falls back to the built-in reading, and an opt-out
// the compliance rules read always stands. It only reads: the policy decides, within the org's limits.
import { z } from 'zod';
import { isCalendarDate, isCurrency } from '../domain/index.ts';
import { AGENT_LANGUAGES, INTENTS, type Understanding } from './types.ts';

export interface LlmConfig {
  /** e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1 (Ollama), a vLLM or LiteLLM server. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  /** Also let it reword the answers (src/agent/phrase.ts checks that every fact survives), not only read replies. */
  phrase?: boolean;
}

const date = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD');
export const LlmReading = z.object({
  intent: z.enum(INTENTS),
  confidence: z.number().min(0).max(1),
  language: z.enum(AGENT_LANGUAGES),
  dates: z.array(z.object({ text: z.string(), date, until: date.optional() })).default([]),
  amounts: z.array(z.object({ text: z.string(), amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    currency: z.string().refine(isCurrency, 'an ISO 4217 currency').nullable() })).default([]),
  instalments: z.array(z.object({ text: z.string(), count: z.number().int().min(1).max(120), frequency: z.enum(['weekly', 'biweekly', 'monthly']).optional() })).default([]),
});
export type LlmReading = z.infer<typeof LlmReading>;

const SYSTEM = [
  'You read one message a debtor sent to a company collecting an overdue invoice. Answer with one JSON object only:',
  `{"intent": one of ${INTENTS.join(', ')}; "confidence": 0..1; "language": one of ${AGENT_LANGUAGES.join(', ')};`,
  '"dates": [{"text": as written, "date": "YYYY-MM-DD" resolved from "today", "until": last day when it is a span}];',
  '"amounts": [{"text": as written, "amount": integer in minor units (cents), "currency": ISO 4217 code or null}];',
  '"instalments": [{"text": as written, "count": number of instalments, "frequency": weekly|biweekly|monthly when said}]}.',
  'request_link: asks how or where to pay. already_paid: says they paid. promise_to_pay: commits or proposes to pay at a time.',
  'request_plan: asks to pay in instalments. request_extension: asks for more time without committing to pay.',
  'balance_inquiry: asks what is owed. dispute: disagrees with the debt. wrong_person: is not the debtor. opt_out: asks to stop',
  'being contacted. talk_to_human: asks for a person. hardship: cannot pay because of circumstances. greeting_thanks. other.',
].join('\n');

export type LlmOutcome = { ok: true; reading: LlmReading } | { ok: false; error: string };

/** One chat-completions call asking for a JSON object: the object's content, or why there is none. Never throws. */
export async function chatJson(cfg: LlmConfig, system: string, user: unknown, temperature: number, fetchImpl: typeof fetch = fetch)
  : Promise<{ ok: true; content: unknown } | { ok: false; error: string }> {
  let res: Response;
  try {
    res = await fetchImpl(`${cfg.baseUrl.replace(/\/$/, '')}/chat/completions`, {
      method: 'POST', signal: AbortSignal.timeout(cfg.timeoutMs ?? 10_000),
      headers: { 'content-type': 'application/json', ...(cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {}) },
      body: JSON.stringify({ model: cfg.model, temperature, response_format: { type: 'json_object' }, messages: [
        { role: 'system', content: system }, { role: 'user', content: JSON.stringify(user) },
      ] }),
    });
  } catch (e) {
    return { ok: false, error: `the LLM endpoint did not answer: ${(e as Error).message}` };
  }
  if (!res.ok) return { ok: false, error: `the LLM endpoint answered ${res.status}` };
  try {
    const body = await res.json() as { choices?: { message?: { content?: unknown } }[] };
    const raw = body.choices?.[0]?.message?.content;
    return { ok: true, content: typeof raw === 'string' ? JSON.parse(raw.replace(/^```(?:json)?\s*|\s*```$/g, '')) : raw };
  } catch {
    return { ok: false, error: 'the LLM answer is not JSON' };
  }
}

/** Asks the endpoint to read the text; never throws. */
export async function askLlm(cfg: LlmConfig, text: string, hints: { today: string; timeZone: string; currency?: string; language?: string },
  fetchImpl: typeof fetch = fetch): Promise<LlmOutcome> {
  const asked = await chatJson(cfg, SYSTEM, { today: hints.today, time_zone: hints.timeZone, currency: hints.currency ?? null,
    customer_language: hints.language ?? null, message: text }, 0, fetchImpl);
  if (!asked.ok) return asked;
  const content = asked.content;
  const parsed = LlmReading.safeParse(content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `the LLM answer does not fit: ${issue?.path.join('.') || 'answer'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, reading: parsed.data };
}

/**
 * The built-in understanding with the LLM's reading put in its place, when the LLM answered validly. An opt-out the
 * compliance rules read keeps its built-in reading (the LLM is not even asked).
 */
export async function understandWithLlm(cfg: LlmConfig, builtIn: Understanding, hints: { today: string; timeZone: string; currency?: string; language?: string },
  fetchImpl: typeof fetch = fetch): Promise<{ understanding: Understanding; error: string | null }> {
  if (builtIn.decidedBy === 'opt_out_rule' || builtIn.optOut.kind !== 'none') return { understanding: builtIn, error: null };
  const asked = await askLlm(cfg, builtIn.text, hints, fetchImpl);
  if (!asked.ok) return { understanding: builtIn, error: asked.error };
  const r = asked.reading;
  return { error: null, understanding: {
    ...builtIn, intent: r.intent, confidence: Math.round(r.confidence * 1000) / 1000, language: r.language, languageSource: 'text',
    alternatives: [{ intent: r.intent, confidence: r.confidence }, ...builtIn.alternatives.filter((a) => a.intent !== r.intent).slice(0, 2)],
    decidedBy: 'llm',
    entities: {
      dates: r.dates.map((d) => ({ text: d.text, date: d.date, ...(d.until ? { until: d.until } : {}) })),
      amounts: r.amounts.map((a) => ({ text: a.text, amount: a.amount, currency: a.currency ?? hints.currency ?? null, explicit: a.currency !== null })),
      instalments: r.instalments.map((i) => ({ text: i.text, count: i.count, ...(i.frequency ? { frequency: i.frequency } : {}) })),
    },
  } };
}
