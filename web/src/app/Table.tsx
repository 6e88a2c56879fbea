// A sortable table: headers are buttons (keyboard and screen readers know the order), rows come as loaded.
import { useMemo, useState, type ReactNode } from 'react';
import { useT } from '../i18n/index.tsx';

export interface Column<T> {
  key: string;
  label: string;
  render: (row: T) => ReactNode;
  /** What the column sorts by; without it the column does not sort. */
  sort?: (row: T) => string | number;
  numeric?: boolean;
}

interface Props<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty?: string;
  initialSort?: { key: string; dir: 'asc' | 'desc' };
}

export function Table<T>({ caption, columns, rows, rowKey, empty, initialSort }: Props<T>) {
  const { t, locale } = useT();
  const [sort, setSort] = useState(initialSort ?? null);
  const sorted = useMemo(() => {
    const col = sort && columns.find((c) => c.key === sort.key);
    if (!col?.sort || !sort) return rows;
    const by = col.sort;
    const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
    const out = [...rows].sort((a, b) => {
      const x = by(a);
      const y = by(b);
      return typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    });
    return sort.dir === 'desc' ? out.reverse() : out;
  }, [rows, columns, sort, locale]);

  const toggle = (key: string) => setSort((s) => (s?.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));

  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const dir = sort?.key === c.key ? sort.dir : null;
              return (
                <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}
                  aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}>
                  {c.sort ? (
                    <button type="button" className="sort" onClick={() => toggle(c.key)} title={t('table.sortBy', { column: c.label })}>
                      {c.label}<span aria-hidden="true">{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ' ↕'}</span>
                    </button>
                  ) : c.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr><td colSpan={columns.length} className="empty">{empty ?? t('table.empty')}</td></tr>
          ) : sorted.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) => <td key={c.key} className={c.numeric ? 'num' : undefined}>{c.render(r)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
