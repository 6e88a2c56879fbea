// A value that follows another once it has stopped changing for `ms` (a preview refreshed as the user types, not per key).
import { useEffect, useState } from 'react';

export function useDebounced<T>(value: T, ms: number, key: string): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
    // the key says when the value changed (a new object each render otherwise)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ms]);
  return settled;
}
