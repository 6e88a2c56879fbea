// Training the intent and language models from the corpus, with the temperature fitted on a held-out fifth of its templates.
import { corpusExamples, type CorpusExample } from '../corpus/index.ts';
import { readEntities } from '../entities/index.ts';
import { languageFeatures, intentFeatures } from './features.ts';
import { normalise } from '../normalise.ts';
import { INTENTS, type Intent } from '../types.ts';
import { trainLanguageModel, type LanguageModel } from '../language.ts';
import { DEFAULT_TRAINING, fitTemperature, logits, trainSoftmax, type Example, type SoftmaxModel, type TrainOptions } from './softmax.ts';

export interface AgentModels {
  intent: SoftmaxModel;
  language: LanguageModel;
}

/** Training dates resolve against a fixed day: only whether a date is named, and its tense, reaches the model. */
const TRAINING_DAY = '2026-01-14';

/** The intent model's features for a raw message (as `understand` computes them). */
export function messageFeatures(text: string, normalised: string, entities: ReturnType<typeof readEntities>): Int32Array {
  return intentFeatures(normalised, { entities: entities.entities, tense: entities.tense, question: text.includes('?') });
}

function featurise(examples: readonly CorpusExample[]): Array<Example & { language: CorpusExample['language']; languageFeatures: string[]; group: string }> {
  return examples.map((e) => {
    const normalised = normalise(e.text);
    const read = readEntities(normalised, e.language, TRAINING_DAY);
    return {
      features: messageFeatures(e.text, normalised, read), label: INTENTS.indexOf(e.intent as Intent), group: e.group,
      language: e.language, languageFeatures: languageFeatures(e.text, normalised),
    };
  });
}

/** A stable fifth of the templates, by a hash of their group name. */
function heldOut(group: string): boolean {
  let h = 2166136261;
  for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 16777619);
  return (h >>> 0) % 5 === 0;
}

/**
 * The temperature that makes confidences honest on phrasings the model has not seen: the model is trained without a
 * fifth of the templates, whose messages then fit it (so a confidence of 0.8 is right about 80% of the time). It costs a
 * second training, so it is run by `npm run eval:agent -- --calibrate` and kept in CALIBRATED_TEMPERATURE; a test
 * checks the constant still matches the corpus.
 */
export function calibrateTemperature(examples: readonly CorpusExample[] = corpusExamples(), options: TrainOptions = DEFAULT_TRAINING): number {
  const rows = featurise(examples);
  const probe = trainSoftmax(rows.filter((r) => !heldOut(r.group)), [...INTENTS], options);
  return fitTemperature(rows.filter((r) => heldOut(r.group)).map((r) => ({ z: logits(probe, r.features), label: r.label })));
}

/** Fitted by `calibrateTemperature` on the shipped corpus with the default training options. */
export const CALIBRATED_TEMPERATURE = 0.88;

/** Trains both models on the examples; the intent model's logits are divided by the calibrated temperature. */
export function trainModels(examples: readonly CorpusExample[] = corpusExamples(), options: TrainOptions = DEFAULT_TRAINING,
  temperature = CALIBRATED_TEMPERATURE): AgentModels {
  const rows = featurise(examples);
  const intent = { ...trainSoftmax(rows, [...INTENTS], options), temperature };
  const language = trainLanguageModel(rows.map((r) => ({ features: r.languageFeatures, language: r.language })));
  return { intent, language };
}

let trained: AgentModels | null = null;

/** The models trained from the shipped corpus, once per process (about a second of one core), then kept. */
export function defaultModels(): AgentModels {
  trained ??= trainModels();
  return trained;
}
