// Imports: upload a CSV of customers, invoices or payments with an optional mapping; the report lists every bad line.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../app/api.ts';
import { ErrorBox, PageHeader } from '../app/ui.tsx';
import type { ImportReport } from '../app/types.ts';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import { ImportReportView } from './ImportReportView.tsx';

const KINDS = ['customers', 'invoices', 'payments'] as const;

export function ImportsPage() {
  const { t } = useT();
  const can = useCan();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('invoices');
  const [mapping, setMapping] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [mappingError, setMappingError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMappingError(null);
    setReport(null);
    if (mapping.trim()) {
      try { JSON.parse(mapping); } catch { setMappingError(t('imports.mappingNotJson')); return; }
    }
    if (!file) return;
    const form = new FormData();
    form.append('kind', kind);
    if (mapping.trim()) form.append('mapping', mapping.trim());
    form.append('file', file, file.name);
    setBusy(true);
    try {
      setReport(await api<ImportReport>('POST', '/v1/imports', form));
    } catch (err) {
      // a rejected file answers 422 with the report itself
      if (err instanceof ApiError && err.status === 422 && err.body && typeof err.body === 'object' && 'errors' in err.body) setReport(err.body as ImportReport);
      else setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('imports.title')} />
      {!can.manage ? <p className="notice">{t('imports.needsManager')}</p> : null}
      <form className="card form" onSubmit={submit} aria-labelledby="upload-title">
        <h2 id="upload-title">{t('imports.upload')}</h2>
        <p className="muted small">{t('imports.explain')}</p>
        <label htmlFor="import-kind">{t('imports.kind')}</label>
        <select id="import-kind" value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`imports.kind.${k}`)}</option>)}
        </select>
        <label htmlFor="import-file">{t('imports.file')}</label>
        <input id="import-file" type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <label htmlFor="import-mapping">{t('imports.mapping')} <span className="muted small">({t('common.optional')})</span></label>
        <textarea id="import-mapping" rows={5} value={mapping} onChange={(e) => setMapping(e.target.value)} spellCheck={false}
          placeholder={'{ "columns": { "number": "invoiceNumber" }, "defaults": { "currency": "USD" }, "date_format": "M/D/YYYY" }'}
          aria-describedby={mappingError ? 'mapping-error' : undefined} aria-invalid={mappingError ? true : undefined} />
        {mappingError ? <p className="error" id="mapping-error" role="alert">{mappingError}</p> : null}
        <div><button type="submit" className="primary" disabled={busy || !file || !can.manage}>{busy ? t('imports.uploading') : t('imports.submit')}</button></div>
      </form>
      <ErrorBox error={error} />
      {report ? <ImportReportView report={report} /> : null}
    </>
  );
}
