// Settings · Priorities: what orders the worklist (GET/PUT /v1/worklist/settings), each lift beside the one the org's history
// shows (GET .../learned), and "Apply learned lifts" (POST .../learned/apply). Everyone reads them; managers and admins change them.
import { useEffect, useState, type FormEvent } from 'react';
import { api, get } from '../../app/api.ts';
import { useData } from '../../app/useData.ts';
import { ErrorBox, Loading } from '../../app/ui.tsx';
import { useT } from '../../i18n/index.tsx';
import { useCan } from '../../sessions/session.tsx';
import { useSettingsSave } from '../settingsSave.ts';
import { fieldsOf, formOf, patchOf, type Learned, type Priorities } from './prioritiesForm.ts';
import { PriorityFields, useFieldLabel } from './PriorityFields.tsx';

const PATH = '/v1/worklist/settings';

export function PrioritySettings() {
  const { t, locale } = useT();
  const can = useCan();
  const label = useFieldLabel();
  const view = useData(() => get<Priorities>(PATH), 'worklist-settings');
  const learned = useData(() => get<Learned>(`${PATH}/learned`), 'worklist-learned');
  const [form, setForm] = useState<Record<string, string> | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  const reload = () => { view.reload(); learned.reload(); };
  const { saved, setSaved, error, setError, bad, put } = useSettingsSave(PATH, view.data ? fieldsOf(view.data) : [], reload);
  const [applyError, setApplyError] = useState<Error | null>(null);
  // the form is rebuilt from the settings whenever they are read again; the locale only shapes the minute costs' text
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { if (view.data) setForm(formOf(view.data, locale)); }, [view.data]);
  if (!form || !view.data) return <>{view.loading ? <Loading /> : null}<ErrorBox error={view.error} /></>;
  const current = view.data;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setApplied(null);
    await put(patchOf(form, current));
  };
  const apply = async () => {
    setSaved(false);
    setError(null);
    setApplied(null);
    setApplyError(null);
    try {
      const r = await api<{ applied: Record<string, number> }>('POST', `${PATH}/learned/apply`, {});
      const list = Object.entries(r.applied).map(([a, v]) => `${t(`pri.action.${a}`)} ${v.toLocaleString(locale, { maximumFractionDigits: 2 })}`);
      setApplied(list.length ? t('pri.applied', { list: list.join(', ') }) : t('pri.appliedNone'));
      reload();
    } catch (err) { setApplyError(err as Error); }
  };
  return (
    <section className="card" aria-labelledby="pri-title">
      <h2 id="pri-title">{t('pri.title')}</h2>
      <p className="muted">{t('pri.intro')}</p>
      {!can.manage ? <p className="notice">{t('set.readOnly')}</p> : null}
      <ErrorBox error={learned.error} />
      <form onSubmit={save} noValidate>
        <fieldset className="plain" disabled={!can.manage}>
          <PriorityFields settings={current} learned={learned.data} form={form} bad={bad}
            onChange={(f, text) => { setSaved(false); setForm({ ...form, [f]: text }); }} />
          <p><button type="submit" className="primary">{t('pri.save')}</button>{' '}
            <button type="button" onClick={() => void apply()}>{t('pri.apply')}</button></p>
        </fieldset>
      </form>
      {saved ? <p className="success" role="status">{t('set.saved')}</p> : null}
      {applied ? <p className="success" role="status">{applied}</p> : null}
      {error ? <p className="error" role="alert" id="pri-error">
        {bad ? t('cs.refused', { field: label(bad), message: error.message }) : `${t('common.error')}: ${error.message}`}</p> : null}
      <ErrorBox error={applyError} />
    </section>
  );
}
