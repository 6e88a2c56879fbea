// The language switch: English, Spanish, Portuguese.
import { LANGUAGES, useT, type Language } from '../i18n/index.tsx';

export function LanguageSwitch() {
  const { lang, setLang, t } = useT();
  return (
    <label className="language">
      <span>{t('nav.language')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Language)}>
        {Object.entries(LANGUAGES).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
      </select>
    </label>
  );
}
