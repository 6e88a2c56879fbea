// UI text in English, Spanish and Portuguese, the chosen language remembered, and the locale money and dates use.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, type Messages } from './en.ts';
import { es } from './es.ts';
import { pt } from './pt.ts';
import { translator, type Translate } from './translate.ts';

export const LANGUAGES = { en: 'English', es: 'Español', pt: 'Português' } as const;
export type Language = keyof typeof LANGUAGES;
const MESSAGES: Record<Language, Messages> = { en, es, pt };
const DEFAULT_REGION: Record<Language, string> = { en: 'en-US', es: 'es-MX', pt: 'pt-BR' };
const STORAGE_KEY = 'cobro.language';

function isLanguage(v: string | null): v is Language {
  return v !== null && Object.prototype.hasOwnProperty.call(LANGUAGES, v);
}

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  const nav = navigator.language.slice(0, 2);
  return isLanguage(nav) ? nav : 'en';
}

/** The browser's own locale when it speaks the chosen language (es-CO keeps Colombian formats), else a default region. */
export function localeFor(lang: Language): string {
  return navigator.languages.find((l) => l.toLowerCase().startsWith(`${lang}-`)) ?? DEFAULT_REGION[lang];
}

export type { Translate } from './translate.ts';
interface I18n { lang: Language; locale: string; setLang: (l: Language) => void; t: Translate }

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  const value = useMemo<I18n>(() => {
    const t = translator(MESSAGES[lang]);
    const setLang = (l: Language) => {
      localStorage.setItem(STORAGE_KEY, l);
      document.documentElement.lang = l;
      setLangState(l);
    };
    document.documentElement.lang = lang;
    return { lang, locale: localeFor(lang), setLang, t };
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useT outside I18nProvider');
  return v;
}
