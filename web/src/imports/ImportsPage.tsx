// Imports: a wizard for a CSV of customers, invoices or payments. The page reads the header and first rows in the browser,
// guesses which column feeds each of cobro's fields, lets the user correct that and how the file is written, previews the
// first rows as the importer will read them, then uploads; the report names every bad row. A JSON mapping stays as the
// advanced way.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../app/api.ts';
import { ErrorBox, PageHeader } from '../app/ui.tsx';
import type { ImportReport } from '../app/types.ts';
import { IMPORT_KINDS, type ImportKind } from '../../../src/ledger/import/columns.ts';
import { useT } from '../i18n/index.tsx';
import { useCan } from '../sessions/session.tsx';
import { ColumnMapping } from './ColumnMapping.tsx';
import { FormatOptions } from './FormatOptions.tsx';
import { ImportReportView } from './ImportReportView.tsx';
import { PreviewTable } from './PreviewTable.tsx';
import { useWizard } from './useWizard.ts';
import './imports.css';

export function ImportsPage() {
  const { t } = useT();
  const can = useCan();
  const [kind, setKind] = useState<ImportKind>('invoices');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const w = useWizard(kind, file);
  const inUse = [...w.fields.required, ...w.fields.optional].filter((f) => w.fields.required.includes(f) || w.choice.columns[f] || w.choice.defaults[f]?.trim());
  const ready = !!file && !!w.mapping && !!w.read?.ok && !w.sample?.error;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setReport(null);
    if (!file || !w.mapping) return;
    const form = new FormData();
    form.append('kind', kind);
    form.append('mapping', JSON.stringify(w.mapping));
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
      <form className="card form import-wizard" onSubmit={submit} aria-labelledby="upload-title">
        <h2 id="upload-title">{t('imports.upload')}</h2>
        <p className="muted small">{t('imports.explain')}</p>
        <h3>{t('imports.step1')}</h3>
        <label htmlFor="import-kind">{t('imports.kind')}</label>
        <select id="import-kind" value={kind} onChange={(e) => setKind(e.target.value as ImportKind)}>
          {IMPORT_KINDS.map((k) => <option key={k} value={k}>{t(`imports.kind.${k}`)}</option>)}
        </select>
        <label htmlFor="import-file">{t('imports.file')}</label>
        <input id="import-file" type="file" accept=".csv,.txt,text/csv" required onChange={(e) => { setFile(e.target.files?.[0] ?? null); setReport(null); }} />
        {file && w.sample ? (
          <>
            <h3>{t('imports.step2')}</h3>
            {w.sample.error ? <p className="error" role="alert">{t('imports.notCsv', { reason: w.sample.error })}</p> : null}
            <FormatOptions value={w.format} onChange={w.setFormat} showDates={kind !== 'customers'} />
            <p className="muted small" data-testid="header-read">{t('imports.headerRead', { n: w.sample.header.length, rows: w.sample.rows.length })}</p>
            <ColumnMapping required={w.fields.required} optional={w.fields.optional} header={w.sample.header} value={w.choice} onChange={w.setChoice} />
            <details className="advanced" onToggle={(e) => { if (!(e.target as HTMLDetailsElement).open) w.setJson(null); }}>
              <summary>{t('imports.advanced')}</summary>
              <label htmlFor="import-mapping">{t('imports.mapping')}</label>
              <textarea id="import-mapping" rows={8} spellCheck={false} value={w.json ?? JSON.stringify(w.built, null, 2)}
                onChange={(e) => w.setJson(e.target.value)} aria-invalid={w.jsonError ? true : undefined} aria-describedby="mapping-note" />
              <p id="mapping-note" className={w.jsonError ? 'error' : 'muted small'} role={w.jsonError ? 'alert' : undefined}>
                {w.jsonError ? t('imports.mappingInvalid', { reason: w.jsonError }) : w.json !== null ? t('imports.jsonUsed') : t('imports.jsonHint')}</p>
            </details>
            <h3>{t('imports.step3')}</h3>
            {w.read ? <PreviewTable result={w.read} fields={inUse} /> : null}
          </>
        ) : null}
        <div><button type="submit" className="primary" disabled={busy || !ready || !can.manage}>{busy ? t('imports.uploading') : t('imports.submit')}</button></div>
      </form>
      <ErrorBox error={error} />
      {report ? <ImportReportView report={report} mapping={w.mapping} /> : null}
    </>
  );
}
