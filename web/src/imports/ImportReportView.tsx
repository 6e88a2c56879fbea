// An import's report: what was inserted, updated or unchanged, or, when rejected, every bad line with its column and reason.
import type { ImportReport } from '../app/types.ts';
import type { Mapping } from '../../../src/ledger/import/mapping.ts';
import { integer } from '../app/format.ts';
import { Table } from '../app/Table.tsx';
import { ExportButton } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';

type RowError = ImportReport['errors'][number];

export function ImportReportView({ report, mapping }: { report: ImportReport; mapping?: Mapping | null }) {
  const { t, locale } = useT();
  const ok = report.status === 'completed';
  // the field as cobro names it, and the file's own column when the mapping renamed it
  const column = (c: string) => (mapping?.columns[c] && mapping.columns[c] !== c ? `${c} (${t('imports.fileColumnNamed', { name: mapping.columns[c] })})` : c);
  const counts: [string, number][] = [[t('imports.rows'), report.rows], [t('imports.inserted'), report.inserted], [t('imports.updated'), report.updated],
    [t('imports.unchanged'), report.unchanged], [t('imports.customersCreated'), report.customers_created]];
  return (
    <section className="card" aria-labelledby="report-title" data-testid="import-report">
      <h2 id="report-title">{t('imports.report')} · {report.filename}</h2>
      <p className={ok ? 'success' : 'error'} role="status">
        {ok ? t('imports.completed') : t('imports.rejected', { n: integer(report.error_count, locale) })}
      </p>
      {ok ? (
        <dl className="details inline-details">
          {counts.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{integer(v, locale)}</dd></div>)}
        </dl>
      ) : (
        <>
          <div className="actions">
            <ExportButton filename={`import-${report.id}-errors.csv`} load={async () => report.errors} columns={[
              { header: 'line', value: (e: RowError) => e.line }, { header: 'column', value: (e: RowError) => e.column },
              { header: 'reason', value: (e: RowError) => e.reason }]} />
          </div>
          <Table caption={t('imports.badLines')} rows={report.errors} rowKey={(e) => `${e.line}-${e.column}-${e.reason}`} columns={[
            { key: 'line', label: t('imports.line'), numeric: true, sort: (e) => e.line, render: (e) => e.line },
            { key: 'column', label: t('imports.column'), sort: (e) => e.column, render: (e) => column(e.column) },
            { key: 'reason', label: t('imports.reason'), render: (e) => e.reason },
          ]} />
          {report.error_count > report.errors.length ? <p className="muted small">{t('imports.moreErrors', { n: report.errors.length })}</p> : null}
        </>
      )}
    </section>
  );
}
