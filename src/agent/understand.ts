// Reading one reply: its language, its intent with a calibrated confidence, and the dates, amounts and instalments it names.
import { detectOptOut } from '../compliance/index.ts';
import { readEntities } from './entities/index.ts';
import { debtorToday } from './entities/dates.ts';
import { detectLanguage } from './language.ts';
import { languageFeatures } from './model/features.ts';
import { probabilities } from './model/softmax.ts';
import { defaultModels, messageFeatures, type AgentModels } from './model/train.ts';
import { normalise } from './normalise.ts';
import { INTENTS, type Intent, type ScoredIntent, type Understanding, type UnderstandOptions } from './types.ts';

/** Confidence given to an opt-out the compliance reading found: the law treats it as certain, the agent does too. */
const OPT_OUT_CONFIDENCE = 0.99;

/**
 * Understands a debtor's message. Pure: the clock (`now`) and the debtor's zone come from the caller. An opt-out the
 * compliance reading (`detectOptOut`) finds always makes the intent `opt_out`, so the agent and the gate never disagree.
 */
export function understand(text: string, options: UnderstandOptions, models: AgentModels = defaultModels()): Understanding {
  const normalised = normalise(text);
  const guess = detectLanguage(models.language, languageFeatures(text, normalised), options.language);
  const read = readEntities(normalised, guess.language, debtorToday(options.now, options.timeZone), options.currency);
  const p = probabilities(models.intent, messageFeatures(text, normalised, read));
  let ranked: ScoredIntent[] = [...p.keys()].sort((a, b) => p[b]! - p[a]!).map((i) => ({ intent: INTENTS[i] as Intent, confidence: p[i]! }));
  const optOut = detectOptOut(text, { channel: options.channel ?? 'whatsapp', ...(options.address ? { address: options.address } : {}),
    ...(options.debtorNames ? { debtorNames: options.debtorNames } : {}) });
  // a wrong person's answer the compliance reading found is the agent's wrong_person, as certain as an opt-out
  const byRule: Intent | undefined = optOut.kind === 'opt_out' ? 'opt_out' : optOut.kind === 'wrong_party' ? 'wrong_person' : undefined;
  if (byRule) {
    const rest = ranked.filter((r) => r.intent !== byRule);
    const scale = (1 - OPT_OUT_CONFIDENCE) / Math.max(1e-9, rest.reduce((s, r) => s + r.confidence, 0));
    ranked = [{ intent: byRule, confidence: OPT_OUT_CONFIDENCE }, ...rest.map((r) => ({ intent: r.intent, confidence: r.confidence * scale }))];
  }
  const top = ranked[0]!;
  return {
    text, language: guess.language, languageConfidence: round(guess.confidence), languageSource: guess.source,
    intent: top.intent, confidence: round(top.confidence),
    alternatives: ranked.slice(0, 3).map((r) => ({ intent: r.intent, confidence: round(r.confidence) })),
    decidedBy: byRule ? 'opt_out_rule' : 'model', entities: read.entities, optOut,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
