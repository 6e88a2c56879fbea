// Lints templates in every channel, tone and place they may go to: a language pack, one org template, the shipped catalogue.
import {
  LANGUAGES, PACKS, channelsOf, renderMessage, sampleContext, withSampleArrangement,
  type Channel, type Language, type LanguagePack, type MessageContext, type TemplateEntry, type Tone,
} from '../../messaging/index.ts';
import { lintMessage, type LintRule } from './rules.ts';

/** Where the debtor is: the US (a consumer debt), Brazil, or anywhere else (Mexico stands for it). */
export type Place = 'US' | 'BR' | 'other';
export const PLACES: readonly Place[] = ['US', 'BR', 'other'];
const TONES: readonly Tone[] = ['friendly', 'neutral', 'formal', 'firm'];

export interface LintFinding { template: string; language: Language; channel: Channel; tone: Tone; place: Place; rule: LintRule; message: string }

/** The debtor a place is checked with: the sample debtor, moved there, owed by a supplier with a Brazilian address and CNPJ. */
export function placeContext(place: Place, language: Language): MessageContext {
  const base = sampleContext(language);
  const company = { ...base.company, address: 'Av. Paulista 1000, São Paulo - SP, 01310-100', taxId: '12.345.678/0001-95' };
  const country = place === 'US' ? 'US' : place === 'BR' ? 'BR' : 'MX';
  return { ...base, company, customer: { ...base.customer, country, debtorType: 'consumer' } };
}

/** Every problem of the pack's templates (or of the ids given), each naming template, language, channel, tone and place. */
export function lintPack(pack: LanguagePack, ids: readonly string[] = Object.keys(pack.templates)): LintFinding[] {
  const findings: LintFinding[] = [];
  const seen = new Set<string>();
  for (const template of ids) {
    const tags = pack.templates[template]?.tags ?? [];
    for (const channel of channelsOf(pack, template)) for (const tone of TONES) for (const place of PLACES) {
      // a confirmation states an arrangement (the sample plan): its WhatsApp template's parameters are the plan's
      const context = withSampleArrangement(template, placeContext(place, pack.language));
      const rendered = renderMessage({ pack, templateId: template, channel, tone, context });
      const problems = rendered.ok
        ? lintMessage({ language: pack.language, channel, tags, context, message: rendered.value })
        : [{ rule: 'RENDER' as const, message: `it does not render: ${rendered.error.message}` }];
      for (const p of problems) {
        // rules that hold everywhere would repeat once per place: keep the first
        const key = `${template}|${channel}|${tone}|${p.rule}|${p.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({ template, language: pack.language, channel, tone, place, ...p });
      }
    }
  }
  return findings;
}

/** Lints one template as an org would save it, in a language, against the shipped frame (greeting, footer, opt-out). */
export function lintTemplate(language: Language, templateId: string, entry: TemplateEntry): LintFinding[] {
  const pack: LanguagePack = { ...PACKS[language], templates: { [templateId]: entry } };
  return lintPack(pack, [templateId]);
}

let shipped: LintFinding[] | undefined;

/** The shipped catalogue's findings, computed once per process (none, or the build is broken). */
export function lintShipped(): LintFinding[] {
  shipped ??= LANGUAGES.flatMap((l) => lintPack(PACKS[l]));
  return shipped;
}

/** One line per finding: template, language, channel, tone, place and rule, then what is wrong. */
export function describeFinding(f: LintFinding): string {
  return `${f.template} [${f.language}, ${f.channel}, ${f.tone}, debtor in ${f.place === 'other' ? 'another country' : f.place}] ${f.rule}: ${f.message}`;
}

/** Refuses to go on with shipped templates that break a rule: called when the server and the worker load. */
export function assertShippedTemplates(): void {
  const findings = lintShipped();
  if (findings.length > 0) {
    throw new Error(`${findings.length} shipped template problem(s):\n${findings.slice(0, 20).map(describeFinding).join('\n')}`);
  }
}
