// A secret shown once (an API key, a one-time password): copy it now, it cannot be shown again.
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';

export function Secret({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try { await navigator.clipboard.writeText(value); setCopied(true); } catch { setCopied(false); }
  };
  return (
    <div className="secret" role="alert">
      <p><strong>{label}</strong> {t('settings.shownOnce')}</p>
      <code data-testid="secret">{value}</code>
      <div className="actions">
        <button type="button" onClick={() => void copy()}>{copied ? t('settings.copied') : t('settings.copy')}</button>
        <button type="button" onClick={onDone}>{t('settings.done')}</button>
      </div>
    </div>
  );
}
