// Small shared pieces: page header, loading and error states, status badges, the export button.
import { useState, type ReactNode } from 'react';
import { useT } from '../i18n/index.tsx';
import { ApiError } from './api.ts';
import { downloadCsv, toCsv, type CsvColumn } from './csv.ts';

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1 tabIndex={-1} id="page-title">{title}</h1>
      {children ? <div className="actions">{children}</div> : null}
    </header>
  );
}

export function Loading() {
  const { t } = useT();
  return <p className="muted" role="status">{t('common.loading')}</p>;
}

export function ErrorBox({ error }: { error: Error | null | undefined }) {
  const { t } = useT();
  if (!error) return null;
  const code = error instanceof ApiError ? ` (${error.code})` : '';
  return <p className="error" role="alert">{t('common.error')}{code}: {error.message}</p>;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useT();
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}

/** Fetches every row the filters select, then saves them as CSV. */
export function ExportButton<T>({ filename, load, columns }: { filename: string; load: () => Promise<T[]>; columns: CsvColumn<T>[] }) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      downloadCsv(filename, toCsv(await load(), columns));
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={run} disabled={busy}>{busy ? t('common.exporting') : t('common.exportCsv')}</button>
      <ErrorBox error={error} />
    </>
  );
}

export function MoreButton({ hasMore, onMore, busy }: { hasMore: boolean; onMore: () => void; busy: boolean }) {
  const { t } = useT();
  if (!hasMore) return null;
  return <p><button type="button" onClick={onMore} disabled={busy}>{busy ? t('common.loading') : t('common.loadMore')}</button></p>;
}
