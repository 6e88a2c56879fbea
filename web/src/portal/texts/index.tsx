// The portal's language: the debtor's own (from their account) unless they switch, with money and dates in their locale,
// and API failures told in their words by the field they name.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { date, money } from '../../app/format.ts';
import { PortalError } from '../api.ts';
import type { Language } from '../types.ts';
import { en, type Texts } from './en.ts';
import { es } from './es.ts';
import { pt } from './pt.ts';

export const LANGUAGES: Record<Language, string> = { en: 'English', es: 'Español', 'pt-BR': 'Português' };
const TEXTS: Record<Language, Texts> = { en, es, 'pt-BR': pt };
const DEFAULT_LOCALE: Record<Language, string> = { en: 'en-US', es: 'es-419', 'pt-BR': 'pt-BR' };

type Vars = Record<string, string | number>;
export interface Words {
  lang: Language;
  /** The org's name, which failures and notices mention. */
  org: string;
  locale: string;
  t: (key: keyof Texts, vars?: Vars) => string;
  money: (amount: number, currency: string) => string;
  day: (ymd: string) => string;
}

const Ctx = createContext<Words | null>(null);

/** The language a browser asks for, when the account has not said yet. */
export function browserLanguage(): Language {
  const tag = (navigator.language || 'en').toLowerCase();
  return tag.startsWith('es') ? 'es' : tag.startsWith('pt') ? 'pt-BR' : 'en';
}

/** The locale for a language: the account's own when it speaks that language (es-CO keeps Colombian formats). */
export function localeOf(lang: Language, accountLocale?: string): string {
  return accountLocale && accountLocale.toLowerCase().startsWith(lang.slice(0, 2)) ? accountLocale : DEFAULT_LOCALE[lang];
}

export function WordsProvider({ lang, locale, org, children }: { lang: Language; locale: string; org: string; children: ReactNode }) {
  const value = useMemo<Words>(() => {
    const texts = TEXTS[lang];
    document.documentElement.lang = lang;
    return {
      lang, locale, org,
      t: (key, vars) => {
        const text = texts[key] ?? en[key];
        return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
      },
      money: (amount, currency) => money(amount, currency, locale),
      day: (ymd) => date(ymd, locale),
    };
  }, [lang, locale, org]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useWords(): Words {
  const v = useContext(Ctx);
  if (!v) throw new Error('useWords outside WordsProvider');
  return v;
}

const BY_FIELD: Record<string, keyof Texts> = {
  amount: 'error.amount', currency: 'error.currency', due_date: 'error.due_date', days: 'error.days', instalments: 'error.instalments',
  frequency: 'error.instalments', down_payment: 'error.instalments', first_due_date: 'error.instalments', customer_id: 'error.account',
  'attachment.content_type': 'error.attachment', 'attachment.data': 'error.attachment', 'attachment.data_base64': 'error.attachment',
};

/** An API failure in the debtor's words: by the field it names, else a general sentence. */
export function failureText(w: Words, e: unknown, vars: Vars = {}): string {
  if (e instanceof PortalError) {
    if (e.status === 401) return w.t(e.field === 'expires_at' ? 'refused.expired' : 'refused.invalid');
    const key = e.field ? BY_FIELD[e.field] : undefined;
    if (key) return w.t(key, { org: w.org, ...vars });
  }
  return w.t('error.generic');
}
