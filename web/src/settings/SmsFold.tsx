// The org's SMS setting (GET/PUT /v1/sms/settings): whether an SMS goes folded into GSM-7 (accents GSM-7 lacks left out,
// names too) when that takes fewer segments, or always keeps its accents. Everyone reads it; managers change it.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';

type Fold = 'auto' | 'never';
interface View { sms_fold: Fold; defaults: { sms_fold: Fold } }
const FOLDS: readonly Fold[] = ['auto', 'never'];

export function SmsFold() {
  const { t } = useT();
  const can = useCan();
  const view = useData(() => get<View>('/v1/sms/settings'), 'sms-settings');
  const [fold, setFold] = useState<Fold | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => { if (view.data) setFold(view.data.sms_fold); }, [view.data]);
  if (!fold || !view.data) return <>{view.loading ? <Loading /> : null}<ErrorBox error={view.error} /></>;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api<View>('PUT', '/v1/sms/settings', { sms_fold: fold });
      setSaved(true);
      view.reload();
    } catch (err) { setError(err as Error); }
  };
  return (
    <section className="card" aria-labelledby="sf-title">
      <h2 id="sf-title">{t('sf.title')}</h2>
      <p className="muted">{t('sf.intro')}</p>
      <form onSubmit={save}>
        <fieldset className="plain" disabled={!can.manage}>
          <legend className="visually-hidden">{t('sf.title')}</legend>
          {FOLDS.map((f) => (
            <div key={f}>
              <input type="radio" id={`sf-${f}`} name="sms_fold" value={f} checked={fold === f} aria-describedby={`sf-${f}-hint`}
                onChange={() => { setSaved(false); setFold(f); }} />
              <label htmlFor={`sf-${f}`}>{t(`sf.${f}`)}{view.data!.defaults.sms_fold === f ? ` ${t('sf.default')}` : ''}</label>
              <div id={`sf-${f}-hint`} className="muted small">{t(`sf.${f}.hint`)}</div>
            </div>
          ))}
          <p><button type="submit" className="primary">{t('sf.save')}</button></p>
        </fieldset>
      </form>
      {saved ? <p className="success" role="status">{t('set.saved')}</p> : null}
      {error ? <p className="error" role="alert">{error instanceof ApiError && error.field ? t('sf.refused', { message: error.message }) : `${t('common.error')}: ${error.message}`}</p> : null}
    </section>
  );
}
