// The org's own template texts: managers write the wording of a shipped template per channel, tone and language; the API
// saves it only when the template lints pass, and the refusal names the field; a live preview sits beside the editor.
import { useState, type FormEvent } from 'react';
import { api, ApiError, get } from '../app/api.ts';
import { useData } from '../app/useData.ts';
import { ErrorBox, Loading } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import { ListTable } from './ListTable.tsx';
import { TemplatePreview } from './TemplatePreview.tsx';

interface OrgTemplate { template: string; channel: string; tone: string; language: string; subject: string | null; body: string;
  whatsapp_name: string | null; version: number; updated_at: string; updated_by: string }

const CHANNELS = ['email', 'sms', 'whatsapp', 'voice'];
// any: the text of every tone with no text of its own (a tone's own text wins)
const TONES = ['friendly', 'neutral', 'formal', 'firm', 'any'];
const LANGUAGES = ['en', 'es', 'pt-BR'];
const pathOf = (k: Pick<OrgTemplate, 'template' | 'channel' | 'tone' | 'language'>) => `/v1/templates/custom/${k.template}/${k.channel}/${k.tone}/${k.language}`;

/** The shipped templates, then the org's own (ids starting with org-, written through the API or CLI), and the one chosen. */
const templateChoices = (shipped: { id: string }[] | undefined, own: OrgTemplate[] | undefined, chosen: string) =>
  [...new Set([...(shipped ?? []).map((x) => x.id), ...(own ?? []).map((x) => x.template), chosen])];

export function Templates() {
  const { t } = useT();
  const can = useCan();
  const shipped = useData(() => get<{ data: { id: string }[] }>('/v1/templates'), 'shipped-templates');
  const own = useData(() => get<{ data: OrgTemplate[] }>('/v1/templates/custom'), 'org-templates');
  const [key, setKey] = useState({ template: 'due-today', channel: 'email', tone: 'neutral', language: 'en' });
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [waName, setWaName] = useState('');
  const [note, setNote] = useState<string[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const set = (k: keyof typeof key) => (e: { target: { value: string } }) => setKey({ ...key, [k]: e.target.value });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNote([]);
    try {
      const r = await api<OrgTemplate & { warnings: string[] }>('PUT', pathOf(key), { body,
        ...(key.channel === 'email' ? { subject } : {}), ...(key.channel === 'whatsapp' ? { whatsapp_name: waName } : {}) });
      setNote([t('set.tpl.saved', { version: r.version }), ...r.warnings.map((w) => t('set.tpl.warning', { warning: w }))]);
      own.reload();
    } catch (err) {
      setError(err instanceof ApiError && err.field ? new Error(t('set.tpl.refused', { field: err.field, message: err.message })) : err as Error);
    }
  };
  const edit = (row: OrgTemplate) => {
    setKey({ template: row.template, channel: row.channel, tone: row.tone, language: row.language });
    setSubject(row.subject ?? ''); setBody(row.body); setWaName(row.whatsapp_name ?? '');
  };
  const remove = async (row: OrgTemplate) => {
    if (!window.confirm(t('set.tpl.removeConfirm', { template: row.template, channel: row.channel, tone: row.tone, language: row.language }))) return;
    try { await api('DELETE', pathOf(row)); own.reload(); } catch (err) { setError(err as Error); }
  };

  return (
    <section className="card" aria-labelledby="tpl-title">
      <h2 id="tpl-title">{t('set.tpl.title')}</h2>
      <p className="muted">{t('set.tpl.intro')}</p>
      {!can.manage ? <p className="notice">{t('set.readOnly')}</p> : null}
      <div className="tpl-editor">
        <form onSubmit={save}>
          <fieldset className="plain" disabled={!can.manage}>
            <div className="filters">
              <div><label htmlFor="tpl-template">{t('set.tpl.template')}</label>
                <select id="tpl-template" value={key.template} onChange={set('template')}>
                  {templateChoices(shipped.data?.data, own.data?.data, key.template).map((id) => <option key={id} value={id}>{id}</option>)}
                </select></div>
              <div><label htmlFor="tpl-own">{t('set.tpl.ownId')}</label>
                <input id="tpl-own" placeholder="org-" pattern="org-[a-z0-9][a-z0-9_\-]{0,59}" value={key.template.startsWith('org-') ? key.template : ''}
                  onChange={(e) => setKey({ ...key, template: e.target.value || 'due-today' })} /></div>
              <div><label htmlFor="tpl-channel">{t('set.tpl.channel')}</label>
                <select id="tpl-channel" value={key.channel} onChange={set('channel')}>{CHANNELS.map((c) => <option key={c} value={c}>{c}</option>)}</select></div>
              <div><label htmlFor="tpl-tone">{t('set.tpl.tone')}</label>
                <select id="tpl-tone" value={key.tone} onChange={set('tone')}>
                  {TONES.map((c) => <option key={c} value={c}>{c === 'any' ? t('set.tpl.anyTone') : c}</option>)}</select></div>
              <div><label htmlFor="tpl-language">{t('set.tpl.language')}</label>
                <select id="tpl-language" value={key.language} onChange={set('language')}>{LANGUAGES.map((c) => <option key={c} value={c}>{c}</option>)}</select></div>
            </div>
            {key.channel === 'email' ? <div><label htmlFor="tpl-subject">{t('set.tpl.subject')}</label>
              <input id="tpl-subject" required maxLength={300} value={subject} onChange={(e) => setSubject(e.target.value)} /></div> : null}
            {key.channel === 'whatsapp' ? <div><label htmlFor="tpl-wa">{t('set.tpl.whatsappName')}</label>
              <input id="tpl-wa" required maxLength={512} value={waName} onChange={(e) => setWaName(e.target.value)} /></div> : null}
            <div><label htmlFor="tpl-body">{t('set.tpl.body')}</label>
              <textarea id="tpl-body" required rows={8} maxLength={20_000} value={body} onChange={(e) => setBody(e.target.value)} /></div>
            <div className="end"><button type="submit" className="primary">{t('set.tpl.save')}</button></div>
          </fieldset>
        </form>
        <TemplatePreview draftKey={key} subject={subject} body={body} whatsappName={waName} />
      </div>
      {note.map((n) => <p key={n} className="notice" role="status">{n}</p>)}
      <ErrorBox error={error ?? own.error} />
      {own.loading && !own.data ? <Loading /> : null}
      <ListTable<OrgTemplate> id="org-templates" caption={t('set.tpl.list')} rows={own.data?.data ?? []} rowKey={pathOf}
        text={(r) => `${r.template} ${r.channel} ${r.tone} ${r.language} ${r.subject ?? ''} ${r.body}`}
        columns={[
          { key: 'template', label: t('set.tpl.template'), sort: (r) => r.template, render: (r) => r.template },
          { key: 'channel', label: t('set.tpl.channel'), sort: (r) => r.channel, render: (r) => r.channel },
          { key: 'tone', label: t('set.tpl.tone'), sort: (r) => r.tone, render: (r) => r.tone },
          { key: 'language', label: t('set.tpl.language'), sort: (r) => r.language, render: (r) => r.language },
          { key: 'version', label: t('set.tpl.version'), sort: (r) => r.version, render: (r) => r.version },
          { key: 'by', label: t('set.by'), sort: (r) => r.updated_by, render: (r) => r.updated_by },
          { key: 'actions', label: t('set.actions'), render: (r) => (<>
            <button type="button" onClick={() => edit(r)}>{t('set.tpl.edit')}</button>{' '}
            <button type="button" disabled={!can.manage} onClick={() => void remove(r)}>{t('set.tpl.remove')}</button></>) },
        ]}
        csv={[{ header: 'template', value: (r) => r.template }, { header: 'channel', value: (r) => r.channel }, { header: 'tone', value: (r) => r.tone },
          { header: 'language', value: (r) => r.language }, { header: 'version', value: (r) => String(r.version) }, { header: 'updated_by', value: (r) => r.updated_by },
          { header: 'subject', value: (r) => r.subject ?? '' }, { header: 'body', value: (r) => r.body }]} />
    </section>
  );
}
