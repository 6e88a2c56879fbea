// The evaluation report as text: the tables `npm run eval:agent` prints.
import type { EntityScore, EvalReport, IntentScore } from './metrics.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);

function intentTable(rows: readonly IntentScore[]): string[] {
  return [
    `  ${'intent'.padEnd(18)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'F1'.padStart(6)} ${'n'.padStart(4)}`,
    ...rows.map((s) => `  ${s.intent.padEnd(18)} ${f3(s.precision).padStart(6)} ${f3(s.recall).padStart(6)} ${f3(s.f1).padStart(6)} ${String(s.support).padStart(4)}`),
  ];
}

const entity = (name: string, e: EntityScore) =>
  `  ${name.padEnd(12)} ${e.correct}/${e.annotated} annotated resolved exactly (${pct(e.recall)}); ${e.found} found, precision ${pct(e.precision)}`;

export function formatReport(r: EvalReport, opts: { errors?: boolean } = {}): string {
  const lines = [
    `agent understanding: ${r.messages} evaluation messages`,
    `intent accuracy ${pct(r.accuracy)}, macro-F1 ${f3(r.macroF1)}; confidence: mean ${f3(r.calibration.meanConfidence)}, expected calibration error ${f3(r.calibration.ece)}`,
    '',
    'per intent (all languages):', ...intentTable(r.perIntent), '',
    'per language:',
    ...r.languages.map((l) => `  ${l.language.padEnd(6)} ${String(l.messages).padStart(4)} messages: accuracy ${pct(l.accuracy)}, macro-F1 ${f3(l.macroF1)} (goal >= 0.900); `
      + `language detected ${pct(l.languageAccuracy)} without hint, ${pct(l.languageAccuracyWithHint)} with it; dates ${pct(l.dates.recall)}`),
    '',
    'entities (all languages):', entity('dates', r.dates) + ' (goal >= 95%)', entity('amounts', r.amounts), entity('instalments', r.instalments), '',
    `opt-out: ${r.optOut.complianceOnly.length} labelled otherwise but read as opt-outs by compliance (the agent follows compliance); `
      + `${r.optOut.missedByCompliance.length} labelled opt-outs compliance does not read (left to the model)`,
  ];
  for (const l of r.languages) lines.push('', `per intent, ${l.language}:`, ...intentTable(l.perIntent));
  if (opts.errors) {
    lines.push('', 'misread intents:', ...r.errors.map((e) => `  [${e.language}] ${e.expected} -> ${e.got} (${f3(e.confidence)}): ${e.text}`));
    lines.push('', 'entities not read as annotated:', ...r.entityErrors.map((e) => `  [${e.language}] ${e.kind} want [${e.expected.join(', ')}] got [${e.got.join(', ')}]: ${e.text}`));
    lines.push('', 'read as opt-outs by compliance:', ...r.optOut.complianceOnly.map((t) => `  ${t}`));
    lines.push('', 'opt-outs compliance does not read:', ...r.optOut.missedByCompliance.map((t) => `  ${t}`));
  }
  return lines.join('\n');
}
