// Writing a reply: the decision's reply in the debtor's language, money and dates in their locale, opened by the
// automated-assistant introduction in the first reply of a conversation and signed as automated in the others.
import { formatMoney, type CalendarDate } from '../../domain/index.ts';
import type { PlanTerms, ReplyPlan } from '../policy-types.ts';
import type { AgentLanguage } from '../types.ts';
import { EN } from './en.ts';
import { ES } from './es.ts';
import { PT } from './pt.ts';
import type { PlanWords, ReplyTexts, Words } from './types.ts';

export { REPLY_KEYS, type ReplyKey } from './types.ts';

const TEXTS: Readonly<Record<AgentLanguage, ReplyTexts>> = { en: EN, es: ES, 'pt-BR': PT };
const FALLBACK_LOCALE: Readonly<Record<AgentLanguage, string>> = { en: 'en-US', es: 'es-419', 'pt-BR': 'pt-BR' };

/** The locale of the debtor's language in their country ("es-MX"), else the language's usual one. */
export function replyLocale(language: AgentLanguage, country: string | null | undefined): string {
  const base = language.split('-')[0] ?? 'en';
  if (country && /^[A-Z]{2}$/.test(country)) {
    try {
      if (Intl.NumberFormat.supportedLocalesOf([`${base}-${country}`]).length > 0) return `${base}-${country}`;
    } catch { /* not a locale */ }
  }
  return FALLBACK_LOCALE[language];
}

export interface Writing {
  language: AgentLanguage;
  locale: string;
  company: string;
  currency: string;
  /** The first reply of the conversation: it introduces the automated assistant. */
  first: boolean;
  /** SMS: dates as "10 abr", not "viernes, 10 de abril". */
  short?: boolean;
}

const dates = new Map<string, Intl.DateTimeFormat>();
function dateWords(day: CalendarDate, locale: string, short: boolean): string {
  const key = `${locale}|${short}`;
  let f = dates.get(key);
  if (!f) {
    dates.set(key, f = new Intl.DateTimeFormat(locale, short ? { day: 'numeric', month: 'short', timeZone: 'UTC' }
      : { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }));
  }
  return f.format(new Date(`${day}T12:00:00Z`)).replace(/\.$/, '');
}

function words(plan: ReplyPlan, w: Writing, texts: ReplyTexts): Words {
  const p = plan.params;
  const money = (amount: number | undefined) => (amount === undefined ? '' : formatMoney({ amount, currency: w.currency }, w.locale).replace(/\u00a0/g, ' '));
  const date = (d: CalendarDate | undefined) => (d ? dateWords(d, w.locale, w.short === true) : '');
  const planWords = (t: PlanTerms): PlanWords => ({ count: t.count, frequency: texts.frequency[t.frequency], instalment: money(t.instalment),
    down: t.down > 0 ? money(t.down) : '', first: date(t.first), last: date(t.last) });
  return {
    company: w.company, total: money(p.total), amount: money(p.amount), min: money(p.min), date: date(p.date), latest: date(p.latest),
    oldest: date(p.oldest), count: p.count ?? 0, asked: p.asked ?? 0, days: p.days ?? 0, reference: p.reference ?? '',
    plan: p.plan ? planWords(p.plan) : null, options: (p.options ?? []).map(planWords),
  };
}

/** The reply's text; {{payment_link}} and {{portal_link}} are left for the renderer to fill when it is sent. */
export function writeReply(plan: ReplyPlan, w: Writing): string {
  const texts = TEXTS[w.language];
  const values = words(plan, w, texts);
  const body = texts.texts[plan.key](values);
  return w.first ? `${texts.intro(values)} ${body}` : `${body} ${texts.signoff}`;
}

/** The sentence that discloses the automated assistant, for checks and tests. */
export function disclosureOf(language: AgentLanguage, company: string): { intro: string; signoff: string } {
  const t = TEXTS[language];
  return { intro: t.intro({ company } as Words), signoff: t.signoff };
}
