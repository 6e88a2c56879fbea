// Imported statements, newest last as the API pages them; each opens its own lines in the queue.
import { get, getAll } from '../app/api.ts';
import { dateTime, integer, money } from '../app/format.ts';
import { Link } from '../app/router.tsx';
import { Table } from '../app/Table.tsx';
import { useData } from '../app/useData.ts';
import { ErrorBox, ExportButton } from '../app/ui.tsx';
import { useT } from '../i18n/index.tsx';
import type { Page } from '../app/types.ts';
import type { Statement } from './types.ts';

export function StatementsList({ version }: { version: number }) {
  const { t, locale } = useT();
  const list = useData(() => get<Page<Statement>>('/v1/statements', { limit: 200 }), String(version));
  const rows = list.data?.data ?? [];
  return (
    <section className="card" aria-labelledby="statements-title" data-testid="statements">
      <div className="card-head">
        <h2 id="statements-title">{t('recon.statements')}</h2>
        <ExportButton filename="statements.csv" load={() => getAll<Statement>('/v1/statements')} columns={[
          { header: 'id', value: (s: Statement) => s.id }, { header: 'filename', value: (s: Statement) => s.filename ?? '' },
          { header: 'format', value: (s: Statement) => s.format }, { header: 'account', value: (s: Statement) => s.account ?? '' },
          { header: 'lines', value: (s: Statement) => s.line_count }, { header: 'new_lines', value: (s: Statement) => s.new_lines },
          { header: 'created_at', value: (s: Statement) => s.created_at }]} />
      </div>
      <ErrorBox error={list.error} />
      <Table caption={t('recon.statements')} rows={rows} rowKey={(s) => s.id} initialSort={{ key: 'created', dir: 'desc' }} columns={[
        { key: 'file', label: t('recon.file'), sort: (s) => s.filename ?? '', render: (s) => <Link to={`/reconciliation?statement=${s.id}`}>{s.filename ?? s.id}</Link> },
        { key: 'format', label: t('recon.format'), sort: (s) => s.format, render: (s) => s.format },
        { key: 'account', label: t('recon.account'), sort: (s) => s.account ?? '', render: (s) => s.account ?? '' },
        { key: 'lines', label: t('recon.lines'), numeric: true, sort: (s) => s.line_count, render: (s) => integer(s.line_count, locale) },
        { key: 'new', label: t('recon.newLines'), numeric: true, sort: (s) => s.new_lines, render: (s) => integer(s.new_lines, locale) },
        { key: 'closing', label: t('recon.closing'), numeric: true, sort: (s) => s.closing_balance ?? 0,
          render: (s) => (s.closing_balance !== null && s.currency ? money(s.closing_balance, s.currency, locale) : '') },
        { key: 'created', label: t('common.created'), sort: (s) => s.created_at, render: (s) => dateTime(s.created_at, locale) },
      ]} />
    </section>
  );
}
