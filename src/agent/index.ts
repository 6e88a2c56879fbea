// The agent's public surface: understanding a debtor's reply (language, intent, entities). Deciding and replying build on it.
export {
  INTENTS, AGENT_LANGUAGES, type Intent, type AgentLanguage, type Understanding, type UnderstandOptions, type Entities,
  type DateEntity, type AmountEntity, type InstalmentEntity, type InstalmentFrequency, type ScoredIntent, type LanguageGuess, type Tense,
} from './types.ts';
export { understand } from './understand.ts';
export { defaultModels, trainModels, calibrateTemperature, CALIBRATED_TEMPERATURE, type AgentModels } from './model/train.ts';
export { corpusExamples, type CorpusExample } from './corpus/index.ts';
export { normalise } from './normalise.ts';
export { readEntities, extractDates, extractAmounts, extractInstalments, tenseOf, debtorToday } from './entities/index.ts';
export { understandingJson, describeUnderstanding, type UnderstandingJson } from './wire.ts';
