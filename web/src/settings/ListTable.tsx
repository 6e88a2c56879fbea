// A settings list: a text filter over what is loaded, the sortable table, and CSV export of the rows the filter keeps.
import { useMemo, useState } from 'react';
import { Table, type Column } from '../app/Table.tsx';
import { ExportButton } from '../app/ui.tsx';
import type { CsvColumn } from '../app/csv.ts';
import { useT } from '../i18n/index.tsx';

interface Props<T> {
  id: string;
  caption: string;
  rows: T[];
  rowKey: (row: T) => string;
  columns: Column<T>[];
  csv: CsvColumn<T>[];
  /** The words a row is found by. */
  text: (row: T) => string;
  empty?: string;
}

export function ListTable<T>({ id, caption, rows, rowKey, columns, csv, text, empty }: Props<T>) {
  const { t } = useT();
  const [filter, setFilter] = useState('');
  const kept = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? rows.filter((r) => text(r).toLowerCase().includes(f)) : rows;
  }, [rows, filter, text]);
  return (
    <>
      <div className="filters">
        <div><label htmlFor={`${id}-filter`}>{t('set.filter')}</label>
          <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} /></div>
        <div className="end"><ExportButton filename={`${id}.csv`} load={async () => kept} columns={csv} /></div>
      </div>
      <Table caption={caption} rows={kept} rowKey={rowKey} columns={columns} {...(empty ? { empty } : {})} />
    </>
  );
}
