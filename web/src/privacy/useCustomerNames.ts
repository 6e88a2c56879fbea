// The names of the customers a list of requests names, fetched once each (the request list carries only ids).
import { useEffect, useState } from 'react';
import { get } from '../app/api.ts';
import type { Customer } from '../app/types.ts';

/** At most this many customers are looked up per list; the rest show their id. */
const MAX_LOOKUPS = 100;

export function useCustomerNames(ids: string[]): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const wanted = [...new Set(ids)].sort().slice(0, MAX_LOOKUPS).join(',');
  useEffect(() => {
    let live = true;
    const missing = wanted.split(',').filter((id) => id && !names.has(id));
    if (missing.length === 0) return;
    Promise.all(missing.map((id) => get<Customer>(`/v1/customers/${encodeURIComponent(id)}`).then((c) => [id, c.name] as const, () => [id, id] as const)))
      .then((found) => { if (live) setNames((m) => new Map([...m, ...found])); }, () => {});
    return () => { live = false; };
    // names is read to skip those known, not to ask again when it grows
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted]);
  return names;
}
