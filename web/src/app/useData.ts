// Loads data for a page and reloads when its key changes; the latest request wins.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Data<T> { data: T | undefined; error: Error | null; loading: boolean; reload: () => void }

export function useData<T>(load: () => Promise<T>, key: string): Data<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | null; loading: boolean }>({ data: undefined, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => { if (mine === seq.current) setState({ data, error: null, loading: false }); },
      (error: unknown) => { if (mine === seq.current) setState({ data: undefined, error: error instanceof Error ? error : new Error(String(error)), loading: false }); },
    );
    // load is recreated each render; the key says when it asks for something else
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
