// A list page by page from the API (cursor pagination): the first page on each filter change, more on demand.
import { useEffect, useRef, useState } from 'react';
import { get } from './api.ts';
import type { Page } from './types.ts';

type Query = Record<string, string | number | undefined>;

export function usePaged<T>(path: string, query: Query, limit = 100) {
  const [rows, setRows] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const seq = useRef(0);
  const key = JSON.stringify([path, query]);

  const load = (after: string | null) => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    get<Page<T>>(path, { ...query, limit, ...(after ? { cursor: after } : {}) }).then((page) => {
      if (mine !== seq.current) return;
      setRows((r) => (after ? [...r, ...page.data] : page.data));
      setCursor(page.has_more ? page.next_cursor : null);
      setLoading(false);
    }, (e: unknown) => {
      if (mine !== seq.current) return;
      setError(e instanceof Error ? e : new Error(String(e)));
      setLoading(false);
    });
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { setRows([]); load(null); }, [key]);
  return { rows, loading, error, hasMore: cursor !== null, more: () => load(cursor), reload: () => load(null) };
}
