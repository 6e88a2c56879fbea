// A text filter that waits for a pause in typing before it changes the list.
import { useEffect, useState } from 'react';

export function DebouncedInput({ id, value, onChange, ...rest }: { id: string; value: string; onChange: (v: string) => void } &
  Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'>) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const h = setTimeout(() => onChange(text), 300);
    return () => clearTimeout(h);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  return <input id={id} value={text} onChange={(e) => setText(e.target.value)} {...rest} />;
}
