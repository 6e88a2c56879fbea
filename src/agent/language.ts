// Which of English, Spanish and Brazilian Portuguese a message is written in: naive Bayes over words, letter trigrams and accents.
import { AGENT_LANGUAGES, type AgentLanguage, type LanguageGuess } from './types.ts';

export interface LanguageModel {
  /** Feature -> log P(feature | language), one per language in AGENT_LANGUAGES order. */
  logLikelihood: ReadonlyMap<string, Float64Array>;
}

/** Evidence (in nats) the text must give before it overrides the caller's hint. */
const HINT_MARGIN = 2.5;
/** NB sums many dependent features, so its posteriors are too sure; dividing the scores tempers them. */
const SOFTEN = 4;

export function trainLanguageModel(examples: ReadonlyArray<{ features: readonly string[]; language: AgentLanguage }>): LanguageModel {
  const counts = new Map<string, Float64Array>();
  const totals = new Float64Array(AGENT_LANGUAGES.length);
  for (const e of examples) {
    const l = AGENT_LANGUAGES.indexOf(e.language);
    for (const f of e.features) {
      let c = counts.get(f);
      if (!c) { c = new Float64Array(AGENT_LANGUAGES.length); counts.set(f, c); }
      c[l]! += 1;
      totals[l]! += 1;
    }
  }
  const vocabulary = counts.size;
  const logLikelihood = new Map<string, Float64Array>();
  for (const [f, c] of counts) {
    logLikelihood.set(f, c.map((n, l) => Math.log((n + 0.5) / (totals[l]! + 0.5 * vocabulary))));
  }
  return { logLikelihood };
}

/**
 * The message's language. Mixed messages go to the language with most evidence (the dominant one); a text too
 * short or too shared to tell ("ok", "no", "1500") goes to the hint, or to the best guess when there is none.
 */
export function detectLanguage(model: LanguageModel, features: readonly string[], hint?: AgentLanguage): LanguageGuess {
  const scores = new Float64Array(AGENT_LANGUAGES.length);
  let evidence = 0;
  for (const f of features) {
    const ll = model.logLikelihood.get(f);
    if (!ll) continue;
    evidence++;
    for (let l = 0; l < ll.length; l++) scores[l]! += ll[l]!;
  }
  const ranked = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]!);
  const best = ranked[0]!;
  const margin = evidence === 0 ? 0 : scores[best]! - scores[ranked[1]!]!;
  if (hint && margin < HINT_MARGIN) return { language: hint, confidence: hint === AGENT_LANGUAGES[best] && evidence > 0 ? 0.6 : 0.5, source: 'hint' };
  const max = scores[best]! / SOFTEN;
  let sum = 0;
  for (const s of scores) sum += Math.exp(s / SOFTEN - max);
  return { language: AGENT_LANGUAGES[best]!, confidence: evidence === 0 ? 1 / 3 : 1 / sum, source: 'text' };
}
