// The evaluation of understanding: the set, the metrics and their printing.
export { loadEvalSets, parseEvalSet, SET_CONTEXT, type EvalCase } from './sets.ts';
export { evaluate, type EvalReport, type LanguageReport, type IntentScore, type EntityScore } from './metrics.ts';
export { formatReport } from './print.ts';
