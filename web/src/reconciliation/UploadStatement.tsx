// Uploading a bank statement: the format is read from the content unless chosen; a file that does not parse is refused
// whole, and the error names the line.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../app/api.ts';
import { useT } from '../i18n/index.tsx';
import { STATEMENT_FORMATS, type StatementImport } from './types.ts';

export function UploadStatement({ onImported }: { onImported: (r: StatementImport) => void }) {
  const { t } = useT();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<(typeof STATEMENT_FORMATS)[number]>('auto');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    const form = new FormData();
    form.append('format', format);
    form.append('file', file, file.name);
    setBusy(true);
    try {
      onImported(await api<StatementImport>('POST', '/v1/statements', form));
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message}${err.field ? ` (${err.field})` : ''}` : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="statement-upload-title">
      <h2 id="statement-upload-title">{t('recon.upload')}</h2>
      <p className="muted small">{t('recon.uploadExplain')}</p>
      <label htmlFor="statement-file">{t('recon.file')}</label>
      <input id="statement-file" type="file" required onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        accept=".xml,.053,.054,.sta,.mt940,.940,.942,.txt,.ofx,.qfx,.csv" />
      <label htmlFor="statement-format">{t('recon.format')}</label>
      <select id="statement-format" value={format} onChange={(e) => setFormat(e.target.value as (typeof STATEMENT_FORMATS)[number])}>
        {STATEMENT_FORMATS.map((f) => <option key={f} value={f}>{f === 'auto' ? t('recon.formatAuto') : f}</option>)}
      </select>
      {error ? <p className="error" role="alert" data-testid="statement-error">{t('recon.refused')} {error}</p> : null}
      <div><button type="submit" className="primary" disabled={busy || !file}>{busy ? t('recon.uploading') : t('recon.submit')}</button></div>
    </form>
  );
}
