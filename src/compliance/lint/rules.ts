// The template lints as pure checks of one rendered message: what a debtor in a given place would read or hear.
import { disclosuresFor, foldToGsm, type Channel, type Language, type MessageContext, type RenderedMessage, type TemplateTag } from '../../messaging/index.ts';
import { detectOptOut, normaliseText } from '../optout/detect.ts';
import { PHRASES } from './phrases.ts';

export type LintRule = 'US-4' | 'US-8' | 'US-9' | 'BR-1' | 'WA-3' | 'PCI-1' | 'RENDER';

export interface LintProblem { rule: LintRule; message: string }

export interface LintSubject {
  language: Language;
  channel: Channel;
  tags: readonly TemplateTag[];
  context: MessageContext;
  message: RenderedMessage;
}

/** Everything the person reads or hears of a message. */
export function messageText(m: RenderedMessage): string {
  switch (m.channel) {
    case 'email': return `${m.subject}\n${m.text}`;
    case 'sms': return m.text;
    case 'whatsapp': return m.preview;
    case 'voice': return m.script;
  }
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function collectorNotice(s: LintSubject, normalised: string): LintProblem[] {
  const missing = PHRASES[s.language].collector.filter((re) => !re.test(normalised));
  return missing.length === 0 ? [] : [{ rule: 'US-8', message:
    `a message about a consumer debt in the US must say it is from a debt collector, an attempt to collect a debt, and that information obtained will be used for that purpose (missing ${missing.map((r) => r.source.replace(/\\b/g, '')).join('; ')})` }];
}

function optOut(s: LintSubject, normalised: string): LintProblem[] {
  const m = s.message;
  if (m.channel === 'email') {
    const url = s.context.links.unsubscribe;
    const headers = m.headers['List-Unsubscribe']?.includes('https://') && m.headers['List-Unsubscribe-Post'] === 'List-Unsubscribe=One-Click';
    if (headers && url && m.text.includes(url)) return [];
    return [{ rule: 'US-4', message: 'an email about a debt must carry the one-click unsubscribe headers and show the unsubscribe link' }];
  }
  if (m.channel !== 'sms' && m.channel !== 'whatsapp') return [];
  const channel = m.channel;
  const working = [...normalised.matchAll(PHRASES[s.language].replyKeyword)]
    .some((k) => detectOptOut(k[1] ?? '', { channel }).kind === 'opt_out');
  return working ? [] : [{ rule: 'US-4', message: `a ${channel} message about a debt must say how to opt out with a keyword cobro reads as one (e.g. "Reply STOP")` }];
}

function supplierIdentification(s: LintSubject): LintProblem[] {
  if (s.channel === 'voice') return [];
  const text = squash(messageText(s.message));
  const c = s.context.company;
  const problems: string[] = [];
  for (const [label, value] of [['name', c.name], ['address', c.address], ['CPF/CNPJ', c.taxId]] as const) {
    if (!value?.trim()) problems.push(`the org has no ${label} set`);
    // an SMS too long in UCS-2 goes with its accents folded into GSM-7 ("São Paulo" as "Sao Paulo"): still the address
    else if (!text.includes(squash(value)) && !(s.channel === 'sms' && text.includes(squash(foldToGsm(value) ?? value)))) {
      problems.push(`the supplier's ${label} is not shown`);
    }
  }
  const digits = c.taxId?.replace(/\D/g, '') ?? '';
  if (c.taxId?.trim() && digits.length !== 11 && digits.length !== 14) problems.push(`"${c.taxId}" is not a CPF (11 digits) or CNPJ (14 digits)`);
  return problems.length === 0 ? [] : [{ rule: 'BR-1', message: `every collection document in Brazil shows the supplier's name, address and CPF/CNPJ: ${problems.join('; ')}` }];
}

// each list's phrases as one expression, asked first: a message names none of them almost always, and one search of its
// text costs a fraction of one per phrase (lists with flags or back references are searched phrase by phrase)
const anyOf = new WeakMap<readonly RegExp[], RegExp | null>();

function found(res: readonly RegExp[], normalised: string): string[] {
  let any = anyOf.get(res);
  if (any === undefined) {
    any = res.every((re) => re.flags === '' && !/\\[1-9]|\(\?</.test(re.source)) ? new RegExp(res.map((re) => `(?:${re.source})`).join('|')) : null;
    anyOf.set(res, any);
  }
  if (any && !any.test(normalised)) return [];
  return res.flatMap((re) => normalised.match(re)?.[0] ?? []);
}

/** The problems of one rendered message; none means it may go out as far as its content is concerned. */
export function lintMessage(s: LintSubject): LintProblem[] {
  // links are left out: a random token in a URL (".../p/x9cvc2...") is not wording addressed to the debtor
  const normalised = normaliseText(messageText(s.message).replace(/\b(?:https?|mailto):\S+/gi, ' '));
  const phrases = PHRASES[s.language];
  const place = disclosuresFor(s.context);
  const problems: LintProblem[] = [];
  if (place.usCollector) problems.push(...collectorNotice(s, normalised), ...optOut(s, normalised));
  if (place.brSupplier) problems.push(...supplierIdentification(s));
  if (s.channel === 'whatsapp') {
    const promo = found(phrases.promotion, normalised);
    if (promo.length) problems.push({ rule: 'WA-3', message: `a WhatsApp utility template must not promote ("${promo.join('", "')}" makes it marketing)` });
  }
  const threat = found(phrases.legalThreat, normalised);
  if (threat.length && !s.tags.includes('legal-threat')) {
    problems.push({ rule: 'US-9', message: `it speaks of legal action ("${threat.join('", "')}") but is not tagged legal-threat, so the gate could not hold it back on a time-barred debt` });
  }
  const card = found(phrases.cardData, normalised);
  if (card.length) problems.push({ rule: 'PCI-1', message: `it asks for card data ("${card.join('", "')}"); payments go through hosted payment links only` });
  return problems;
}
