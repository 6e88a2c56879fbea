// Scoring understanding against the evaluation set: intent accuracy, precision, recall and F1, calibration, languages, entities.
import { detectOptOut } from '../../compliance/index.ts';
import { detectLanguage } from '../language.ts';
import { languageFeatures } from '../model/features.ts';
import type { AgentModels } from '../model/train.ts';
import { normalise } from '../normalise.ts';
import { understand } from '../understand.ts';
import { AGENT_LANGUAGES, INTENTS, type AgentLanguage, type Intent, type Understanding } from '../types.ts';
import type { EvalCase } from './sets.ts';

export interface IntentScore { intent: Intent; precision: number; recall: number; f1: number; support: number }
export interface EntityScore { annotated: number; found: number; correct: number; recall: number; precision: number }
export interface LanguageReport {
  language: AgentLanguage;
  messages: number;
  accuracy: number;
  macroF1: number;
  perIntent: IntentScore[];
  /** Detected from the text alone (no hint), and with the customer's language as the hint. */
  languageAccuracy: number;
  languageAccuracyWithHint: number;
  dates: EntityScore;
  amounts: EntityScore;
  instalments: EntityScore;
}
export interface EvalReport {
  messages: number;
  accuracy: number;
  macroF1: number;
  perIntent: IntentScore[];
  languages: LanguageReport[];
  /** Expected calibration error over 10 confidence bins, and the mean confidence against the accuracy. */
  calibration: { ece: number; meanConfidence: number };
  dates: EntityScore;
  amounts: EntityScore;
  instalments: EntityScore;
  /** Messages compliance reads as opt-outs that were labelled otherwise, and labelled opt-outs it does not read. */
  optOut: { complianceOnly: string[]; missedByCompliance: string[] };
  errors: Array<{ language: AgentLanguage; text: string; expected: Intent; got: Intent; confidence: number }>;
  /** Messages whose dates, amounts or instalments were not read exactly as annotated. */
  entityErrors: Array<{ language: AgentLanguage; text: string; kind: keyof typeof ENTITIES; expected: string[]; got: string[] }>;
}

interface Scored { c: EvalCase; u: Understanding; languageNoHint: AgentLanguage }

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

function intentScores(rows: readonly Scored[]): IntentScore[] {
  return INTENTS.map((intent) => {
    const tp = rows.filter((r) => r.c.intent === intent && r.u.intent === intent).length;
    const predicted = rows.filter((r) => r.u.intent === intent).length;
    const support = rows.filter((r) => r.c.intent === intent).length;
    const precision = ratio(tp, predicted), recall = ratio(tp, support);
    return { intent, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), support };
  });
}

/** Matches annotated against found entities as multisets of keys. */
function entityScore(rows: readonly Scored[], annotated: (c: EvalCase) => string[], found: (u: Understanding) => string[]): EntityScore {
  let a = 0, f = 0, correct = 0;
  for (const { c, u } of rows) {
    const want = annotated(c), got = found(u);
    a += want.length; f += got.length;
    const left = [...got];
    for (const w of want) {
      const i = left.indexOf(w);
      if (i >= 0) { correct++; left.splice(i, 1); }
    }
  }
  return { annotated: a, found: f, correct, recall: ratio(correct, a), precision: ratio(correct, f) };
}

const dateKey = (d: { date: string; until?: string | undefined }) => `${d.date}..${d.until ?? d.date}`;
const ENTITIES = {
  dates: [(c: EvalCase) => (c.dates ?? []).map(dateKey), (u: Understanding) => u.entities.dates.map(dateKey)],
  amounts: [(c: EvalCase) => (c.amounts ?? []).map((a) => `${a.amount} ${a.currency}`), (u: Understanding) => u.entities.amounts.map((a) => `${a.amount} ${a.currency}`)],
  instalments: [(c: EvalCase) => (c.instalments ?? []).map(String), (u: Understanding) => u.entities.instalments.map((i) => String(i.count))],
} as const;

function entityScores(rows: readonly Scored[]) {
  return {
    dates: entityScore(rows, ...ENTITIES.dates), amounts: entityScore(rows, ...ENTITIES.amounts), instalments: entityScore(rows, ...ENTITIES.instalments),
  };
}

function calibration(rows: readonly Scored[]): EvalReport['calibration'] {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
  for (const { c, u } of rows) {
    const bin = bins[Math.min(9, Math.floor(u.confidence * 10))]!;
    bin.n++; bin.conf += u.confidence; bin.right += u.intent === c.intent ? 1 : 0;
  }
  const ece = bins.reduce((s, b) => s + (b.n === 0 ? 0 : (b.n / rows.length) * Math.abs(b.conf / b.n - b.right / b.n)), 0);
  return { ece, meanConfidence: rows.reduce((s, r) => s + r.u.confidence, 0) / Math.max(1, rows.length) };
}

const macro = (scores: readonly IntentScore[]) => {
  const present = scores.filter((s) => s.support > 0);
  return present.reduce((s, x) => s + x.f1, 0) / Math.max(1, present.length);
};

/** Understands every case (with the customer's language as the hint, as cobro does) and scores the answers. */
export function evaluate(cases: readonly EvalCase[], models: AgentModels): EvalReport {
  const rows: Scored[] = cases.map((c) => ({
    c,
    u: understand(c.text, { now: new Date(c.now), timeZone: c.timeZone, language: c.language, currency: c.currency }, models),
    languageNoHint: detectLanguage(models.language, languageFeatures(c.text, normalise(c.text))).language,
  }));
  const languages = AGENT_LANGUAGES.filter((l) => rows.some((r) => r.c.language === l)).map((language): LanguageReport => {
    const mine = rows.filter((r) => r.c.language === language);
    const perIntent = intentScores(mine);
    return {
      language, messages: mine.length, accuracy: ratio(mine.filter((r) => r.u.intent === r.c.intent).length, mine.length), macroF1: macro(perIntent), perIntent,
      languageAccuracy: ratio(mine.filter((r) => r.languageNoHint === language).length, mine.length),
      languageAccuracyWithHint: ratio(mine.filter((r) => r.u.language === language).length, mine.length), ...entityScores(mine),
    };
  });
  const perIntent = intentScores(rows);
  const reads = rows.map((r) => ({ r, optOut: detectOptOut(r.c.text, { channel: 'whatsapp' }).kind === 'opt_out' }));
  return {
    messages: rows.length, accuracy: ratio(rows.filter((r) => r.u.intent === r.c.intent).length, rows.length), macroF1: macro(perIntent), perIntent,
    languages, calibration: calibration(rows), ...entityScores(rows),
    optOut: {
      complianceOnly: reads.filter((x) => x.optOut && x.r.c.intent !== 'opt_out').map((x) => x.r.c.text),
      missedByCompliance: reads.filter((x) => !x.optOut && x.r.c.intent === 'opt_out').map((x) => x.r.c.text),
    },
    errors: rows.filter((r) => r.u.intent !== r.c.intent)
      .map((r) => ({ language: r.c.language, text: r.c.text, expected: r.c.intent, got: r.u.intent, confidence: r.u.confidence })),
    entityErrors: rows.flatMap((r) => (Object.keys(ENTITIES) as Array<keyof typeof ENTITIES>).flatMap((kind) => {
      const [want, got] = ENTITIES[kind];
      const expected = want(r.c).sort(), found = (got as (u: Understanding) => string[])(r.u).sort();
      return expected.join('|') === found.join('|') ? [] : [{ language: r.c.language, text: r.c.text, kind, expected, got: found }];
    })),
  };
}
