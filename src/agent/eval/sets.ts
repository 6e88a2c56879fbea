// The evaluation set: messages written apart from the training corpus, one JSONL file per language, with their annotations.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AGENT_LANGUAGES, INTENTS, type AgentLanguage } from '../types.ts';

const EvalLine = z.object({
  text: z.string().min(1),
  intent: z.enum(INTENTS),
  now: z.string().datetime().optional(),
  timeZone: z.string().optional(),
  dates: z.array(z.object({ date: z.string(), until: z.string().optional() })).optional(),
  amounts: z.array(z.object({ amount: z.number().int(), currency: z.string() })).optional(),
  instalments: z.array(z.number().int()).optional(),
}).strict();
export type EvalLine = z.infer<typeof EvalLine>;

export interface EvalCase extends EvalLine {
  language: AgentLanguage;
  now: string;
  timeZone: string;
  currency: string;
}

/** Each file's context unless a line says otherwise: Wednesday 11 March 2026 in the debtor's zone, the case's currency. */
export const SET_CONTEXT: Readonly<Record<AgentLanguage, { now: string; timeZone: string; currency: string }>> = {
  en: { now: '2026-03-11T15:00:00Z', timeZone: 'America/New_York', currency: 'USD' },
  es: { now: '2026-03-11T15:00:00Z', timeZone: 'America/Mexico_City', currency: 'MXN' },
  'pt-BR': { now: '2026-03-11T15:00:00Z', timeZone: 'America/Sao_Paulo', currency: 'BRL' },
};

export function evalFile(language: AgentLanguage): string {
  return fileURLToPath(new URL(`./${language}.jsonl`, import.meta.url));
}

/** Parses one language's file; a bad line throws with its number (the set is ours, a bad line is a bug). */
export function parseEvalSet(language: AgentLanguage, content: string): EvalCase[] {
  return content.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    const parsed = EvalLine.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${language}.jsonl line ${i + 1}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    return [{ ...SET_CONTEXT[language], ...parsed.data, language } as EvalCase];
  });
}

export function loadEvalSets(languages: readonly AgentLanguage[] = AGENT_LANGUAGES): EvalCase[] {
  return languages.flatMap((l) => parseEvalSet(l, readFileSync(evalFile(l), 'utf8')));
}
