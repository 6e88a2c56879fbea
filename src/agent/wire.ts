// The understanding as the API and the CLI print it: snake_case JSON, entities as read, the compliance opt-out reading.
import type { Understanding } from './types.ts';

export interface UnderstandingJson {
  text: string;
  intent: Understanding['intent'];
  confidence: number;
  alternatives: Understanding['alternatives'];
  language: Understanding['language'];
  language_confidence: number;
  language_source: Understanding['languageSource'];
  decided_by: Understanding['decidedBy'];
  entities: Understanding['entities'];
  opt_out: { kind: Understanding['optOut']['kind']; rule?: string; matched?: string; scopes?: unknown[]; times?: unknown[]; name?: string };
}

export function understandingJson(u: Understanding): UnderstandingJson {
  const o = u.optOut;
  return {
    text: u.text, intent: u.intent, confidence: u.confidence, alternatives: u.alternatives, language: u.language,
    language_confidence: u.languageConfidence, language_source: u.languageSource, decided_by: u.decidedBy, entities: u.entities,
    opt_out: o.kind === 'opt_out' ? { kind: o.kind, rule: o.rule, matched: o.matched, scopes: [...o.scopes], ...(o.times ? { times: [...o.times] } : {}) }
      : o.kind === 'opt_in' ? { kind: o.kind, matched: o.matched, scopes: [o.scope] }
        : o.kind === 'help' ? { kind: o.kind, matched: o.matched }
          : o.kind === 'wrong_party' ? { kind: o.kind, matched: o.matched, scopes: [o.scope] }
            : o.kind === 'name_mismatch' ? { kind: o.kind, matched: o.matched, name: o.name }
            : o.kind === 'inconvenient_times' ? { kind: o.kind, matched: o.matched, times: [...o.times] } : { kind: o.kind },
  };
}

/** One line for a person: the intent and its confidence, the language, and what was read. */
export function describeUnderstanding(u: Understanding): string {
  const e = u.entities;
  const parts = [
    `${u.intent} (${u.confidence.toFixed(2)})`, `language ${u.language}${u.languageSource === 'hint' ? ' (hint)' : ''}`,
    ...e.dates.map((d) => `date ${d.date}${d.until ? `..${d.until}` : ''} ("${d.text}")`),
    ...e.amounts.map((a) => `amount ${a.amount} ${a.currency ?? '(no currency)'} minor units ("${a.text}")`),
    ...e.instalments.map((i) => `instalments ${i.count}${i.frequency ? ` ${i.frequency}` : ''} ("${i.text}")`),
  ];
  if (u.decidedBy === 'opt_out_rule') parts.push('opt-out read by the compliance rules');
  return parts.join(' · ');
}
